"""Readers for the PETRARCH2/Phoenix .actors and agents dictionaries (OEDA, MIT licence)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

_CODE = re.compile(r"\[([^\]]*)\]")


@dataclass
class PhoenixEntry:
    names: list[str] = field(default_factory=list)
    codes: list[tuple[str, dt.date | None, dt.date | None]] = field(default_factory=list)
    comment: str = ""


def phoenix_date(text: str) -> dt.date | None:
    digits = text.strip()
    if len(digits) == 6:
        year = int(digits[:2])
        year += 2000 if year <= 30 else 1900
        month, day = int(digits[2:4]), int(digits[4:6])
    elif len(digits) == 8:
        year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    else:
        return None
    try:
        return dt.date(year, max(month, 1), max(day, 1))
    except ValueError:
        return None


def _code(text: str) -> tuple[str, dt.date | None, dt.date | None] | None:
    parts = text.split()
    if not parts:
        return None
    code, span = parts[0], "".join(parts[1:])
    if code.startswith("~") or code == "---":
        return None
    if not span:
        return code, None, None
    if span.startswith(">"):
        return code, phoenix_date(span[1:]), None
    if span.startswith("<"):
        return code, None, phoenix_date(span[1:])
    start, _, end = span.partition("-")
    return code, phoenix_date(start), phoenix_date(end)


def is_garbled(name: str) -> bool:
    """Typos in the source such as 'DMITRI_A_.MEDVEDEV_'."""
    return bool(re.search(r"\s\.|\.[a-z]|\.\.", name))


def clean_name(raw: str) -> str:
    """'VLADIMIR_V._PUTIN_' → 'Vladimir V. Putin' (title case, underscores to spaces)."""
    text = raw.strip().strip("+").replace("_", " ").strip()
    words = []
    for word in text.split():
        keep = word in {"USA", "UN", "EU", "NATO"} or re.fullmatch(r"[IVX]{1,4}", word)  # acronyms, regnal numbers
        words.append(word if keep else word.capitalize())
    return " ".join(words)


def read_actors(path: Path) -> list[PhoenixEntry]:
    """Entries of a .actors file: a headword line, '+' synonym lines, then code lines."""
    entries: list[PhoenixEntry] = []
    current: PhoenixEntry | None = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body, _, comment = raw.partition("#")
        if not body.strip():
            continue
        codes = [c for c in (_code(m) for m in _CODE.findall(body)) if c]
        name = _CODE.sub("", body).strip()
        if raw[:1] in (" ", "\t") and not name:
            if current is not None:
                current.codes += codes
            continue
        if name.startswith("+"):
            if current is not None:
                current.names.append(name[1:].strip())
                current.codes += codes
            continue
        if name:
            current = PhoenixEntry(names=[name], codes=codes, comment=comment.strip())
            entries.append(current)
        elif current is not None:
            current.codes += codes
    return [e for e in entries if e.codes]


def read_agents(path: Path) -> list[tuple[str, str]]:
    """(noun phrase, code) pairs; !SET! substitution sets are expanded."""
    sets: dict[str, list[str]] = {}
    pairs: list[tuple[str, str]] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("!") and "=" in line:
            key, _, values = line.partition("=")
            sets[key.strip()] = [v.strip() for v in values.split(",") if v.strip()]
            continue
        match = re.search(r"\[~([A-Z]+)\]", line)
        if not match:
            continue
        phrase = re.sub(r"\{[^}]*\}", "", line[: match.start()]).strip()
        expansions = [phrase]
        for key, values in sets.items():
            if key in phrase:
                expansions = [e.replace(key, v) for e in expansions for v in values]
        for item in expansions:
            words = item.replace("_", " ").split()
            if words:
                pairs.append((" ".join(words).lower(), match.group(1)))
    return pairs
