"""Reading PETRARCH/TABARI-format actor and agent dictionaries into knowledge-base records.

Actors: a name line (``WORD_WORD [CODE]``), synonyms on ``+``/``=`` lines, and code lines
``[CODE]``, ``[CODE <YYMMDD]``, ``[CODE >YYMMDD]``, ``[CODE YYMMDD-YYMMDD]`` (6 or 8 digit dates,
either bound may be open). A plain three-letter code is a state; anything longer is a coded name
whose first three letters are the country and the rest the sector. Agents: ``NOUN {PLURAL} [~SEC]``
with ``!MACRO! = A, B`` substitutions.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from allegiance.actors.loader import RawData
from allegiance.actors.names import slug
from allegiance.actors.records import CodedName, State
from allegiance.errors import DataFileError

_COMMENT = re.compile(r"<!.*?-->", re.S)
_CODE = re.compile(r"\[\s*([^\]\s]*?)\s*(?:([<>])\s*(\d{6,8})|(\d{6,8})?\s*-\s*(\d{6,8})?)?\s*\]")


def _date(raw: str | None) -> dt.date | None:
    if not raw:
        return None
    if len(raw) == 6:
        yy = int(raw[:2])
        raw = f"{2000 + yy if yy < 50 else 1900 + yy}{raw[2:]}"
    return dt.date(int(raw[:4]), int(raw[4:6]), int(raw[6:8]))


def _clean_lines(path: Path) -> list[tuple[int, str]]:
    try:
        text = path.read_text("utf-8", errors="replace")
    except OSError as exc:
        raise DataFileError(f"cannot read: {exc}", input=str(path)) from exc
    # Keep line numbers for error messages while dropping <!-- --> blocks.
    text = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    return [(n, line.split("#", 1)[0].rstrip()) for n, line in enumerate(text.splitlines(), 1)]


def _codes(path: Path, lineno: int, text: str) -> list[tuple[str, dt.date | None, dt.date | None]]:
    out = []
    for m in _CODE.finditer(text):
        code, op, single, start, end = m.groups()
        try:
            if op == "<":
                out.append((code, None, _date(single)))
            elif op == ">":
                out.append((code, _date(single), None))
            else:
                out.append((code, _date(start), _date(end)))
        except ValueError as exc:
            raise DataFileError(f"line {lineno}: bad date in {m.group(0)!r}", input=str(path)) from exc
    return out


def _read_actors(path: Path, data: RawData, coded: dict[str, CodedName]) -> None:
    groups: list[tuple[list[str], list[tuple[str, dt.date | None, dt.date | None]]]] = []
    for lineno, line in _clean_lines(path):
        if not line.strip():
            continue
        body = line.strip()
        if line[0] in " \t" and body.startswith("["):
            if not groups:
                raise DataFileError(f"line {lineno}: code before any name", input=str(path))
            groups[-1][1].extend(_codes(path, lineno, body))
        elif body[0] in "+=":
            if not groups:
                raise DataFileError(f"line {lineno}: synonym before any name", input=str(path))
            groups[-1][0].append(body[1:].split("[")[0].strip())
            groups[-1][1].extend(_codes(path, lineno, body))
        else:
            groups.append(([body.split("[")[0].strip()], _codes(path, lineno, body)))
    for names, codes in groups:
        names = [n.replace("_", " ").strip() for n in names if n.strip("_ ")]
        usable = [c for c in codes if c[0] and c[0].isalpha()]
        if not names or not usable:
            continue  # PETRARCH's discard markers (---, +++) and code-less entries name no actor
        if len(usable) == 1 and len(usable[0][0]) == 3 and usable[0][1:] == (None, None):
            iso = usable[0][0].upper()
            old = data.states.get(iso)
            if old is None:
                data.states[iso] = State(iso3=iso, name=names[0].title(), aliases=tuple(names[1:]))
            else:
                data.states[iso] = State(iso3=iso, name=old.name, aliases=(*old.aliases, *names))
            continue
        for name in names:
            ident = slug(name)
            coded[ident] = CodedName(ident, name, tuple((c.upper(), s, e) for c, s, e in usable))


def _read_agents(path: Path, data: RawData) -> None:
    macros: dict[str, list[str]] = {}
    for lineno, line in _clean_lines(path):
        body = line.strip()
        if not body:
            continue
        macro = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", body)
        if macro:
            macros[macro.group(1)] = [w.strip() for w in macro.group(2).split(",") if w.strip()]
            continue
        m = re.match(r"^([^\[{]+?)\s*(\{[^}]*\})?\s*\[\s*([^\]]*?)\s*\]", body)
        if not m:
            raise DataFileError(f"line {lineno}: expected NOUN {{PLURAL}} [~CODE], got {body!r}", input=str(path))
        term, plural_block, code = m.groups()
        code = code.replace(" ", "")
        sector = code.strip("~")
        if not sector.isalpha():
            continue
        terms = [term]
        for name, words in macros.items():
            if name in term:
                terms = [t.replace(name, w) for t in terms for w in words]
        plurals = [p.strip() for p in (plural_block or "").strip("{}").split(",") if p.strip()]
        for t in terms + plurals:
            data.agents[t.replace("_", " ").strip().lower()] = sector


def read_petrarch(actors_path: Path, agents_path: Path) -> tuple[RawData, dict[str, CodedName]]:
    data = RawData(files=[str(actors_path), str(agents_path)])
    coded: dict[str, CodedName] = {}
    _read_actors(actors_path, data, coded)
    _read_agents(agents_path, data)
    return data, coded
