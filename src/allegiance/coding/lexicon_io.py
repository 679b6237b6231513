"""Reading verb lexicons: the project's YAML format and PETRARCH/TABARI verb dictionaries.

Both readers return the same records, so the coder and the conformance suite share one matcher.
The project format (``data/lexicon/verbs.yaml``) is documented in ``docs/lexicon.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from allegiance.coding.patterns import Pattern, PatternError, parse_pattern
from allegiance.errors import DataFileError

FORMAT = "allegiance-verbs/1"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CODE = re.compile(r"\[([^\]]*)\]")
_HEADER = re.compile(r"^---\s*(.+?)\s*\[([^\]]*)\]")
_HTML_COMMENT = re.compile(r"<!--.*?-->")


@dataclass(frozen=True)
class VerbEntry:
    lemma: str
    code: str | None  # None: the verb alone is no event; only patterns code it
    reverse: str | None = None  # event coded in the other direction (target → source)
    before: tuple[str, ...] = ()  # words that must come right before the verb ("klm nop +rst")
    after: tuple[str, ...] = ()  # particles and words that must follow ("ask for", "rule out")
    forms: tuple[str, ...] = ()  # irregular forms of the verb word


@dataclass(frozen=True)
class PatternEntry:
    pattern: Pattern
    code: str | None  # None on a pattern means "this use is not an event"
    reverse: str | None = None
    note: str = ""  # the verb the pattern was written for


@dataclass(frozen=True)
class VerbBlock:
    name: str
    code: str | None
    reverse: str | None
    verbs: tuple[VerbEntry, ...]
    patterns: tuple[PatternEntry, ...]
    source: str = "project"  # petrarch | project | the file name of a foreign dictionary


@dataclass(frozen=True)
class VerbDictionary:
    synsets: dict[str, tuple[tuple[str, ...], ...]]
    blocks: tuple[VerbBlock, ...]
    skipped: int = 0  # lines the reader does not use (PETRARCH transformations "~ ...")
    rejected: tuple[str, ...] = ()  # malformed lines of a foreign dictionary, with the reason


def split_code(text: str) -> tuple[str | None, str | None]:
    """``042:043`` → ("042", "043"); ``:054`` → (None, "054"); ``---`` → (None, None)."""
    text = text.strip().rstrip("!")
    main, _, rev = text.partition(":")
    main, rev = main.strip(), rev.strip()
    return (None if main in ("", "---") else main), (None if rev in ("", "---") else rev)


def member_words(member: str) -> tuple[str, ...]:
    """A synonym-set member as words; a trailing "_" on a word keeps it exact."""
    words: list[str] = []
    for chunk in member.lower().split():
        parts = chunk.split("_")
        for n, part in enumerate(parts):
            if part:
                words.append(part)
            elif words and n > 0:
                words[-1] = words[-1].rstrip("_") + "_"
    return tuple(words)


def _split_comment(line: str) -> tuple[str, str]:
    """Body and comment of a line; "#" and ";" start a comment except inside a [code]."""
    line = _HTML_COMMENT.sub("", line)
    depth = 0
    for i, ch in enumerate(line):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch in "#;" and depth == 0:
            return line[:i].strip(), line[i + 1 :].strip()
    return line.strip(), ""


def _verb_entry(spec: str, code: str | None, rev: str | None, forms_text: str) -> VerbEntry:
    parts = [p for p in spec.lower().split("_") if p]
    head = next((i for i, p in enumerate(parts) if p.startswith("+")), 0)
    forms = []
    for form in forms_text.split():
        pieces = [p for p in form.lower().split("_") if p]
        if pieces:
            forms.append(next((p for p in pieces if p.startswith("+")), pieces[0]).lstrip("+"))
    return VerbEntry(
        lemma=parts[head].lstrip("+"),
        code=code,
        reverse=rev,
        before=tuple(parts[:head]),
        after=tuple(parts[head + 1 :]),
        forms=tuple(forms),
    )


def _expand(synsets: dict[str, list[tuple[str, ...]]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Members that are themselves sets (``+&TIETYPES``) are replaced by that set's members."""

    def members(name: str, seen: frozenset[str]) -> list[tuple[str, ...]]:
        out: list[tuple[str, ...]] = []
        for m in synsets.get(name, []):
            if len(m) == 1 and m[0].startswith("&") and m[0][1:] not in seen:
                out.extend(members(m[0][1:], seen | {m[0][1:]}))
            else:
                out.append(m)
        return out

    return {name: tuple(members(name, frozenset({name}))) for name in synsets}


def read_petrarch(path: Path | str, *, strict: bool = False) -> VerbDictionary:
    """Read a PETRARCH (TABARI-style) verb dictionary: synonym sets, verb blocks, patterns.

    Upstream dictionaries carry a few malformed lines; they are listed in ``rejected`` rather than
    failing the whole file, unless ``strict``.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise DataFileError(f"cannot read verb dictionary: {exc}", input=str(path)) from exc
    synsets: dict[str, list[tuple[str, ...]]] = {}
    blocks: list[VerbBlock] = []
    current_set: str | None = None
    block: dict[str, Any] | None = None
    skipped = 0
    rejected: list[str] = []

    def close() -> None:
        if block is not None:
            blocks.append(
                VerbBlock(block["name"], *block["code"], tuple(block["verbs"]), tuple(block["patterns"]), path.name)
            )

    for number, raw in enumerate(lines, 1):
        line, comment = _split_comment(raw)
        header = _HEADER.match(line)
        if header:
            close()
            block = {"name": header.group(1).lower().replace(" ", "_"), "code": split_code(header.group(2)), "verbs": [], "patterns": []}
            current_set = None
            continue
        if not line:
            continue
        if line.startswith("&"):
            current_set = line[1:].split()[0].lower().rstrip("_")
            synsets.setdefault(current_set, [])
            continue
        if line.startswith("+") and current_set is not None:
            synsets[current_set].append(member_words(line[1:]))
            continue
        current_set = None
        if line.startswith("~") or block is None:
            skipped += 1
            continue
        codes = _CODE.findall(line)
        body = _CODE.sub(" ", line).strip()
        try:
            if line.startswith("-"):
                code, rev = split_code(codes[-1]) if codes else block["code"]
                block["patterns"].append(PatternEntry(parse_pattern(body[1:]), code, rev, comment))
            else:
                code, rev = split_code(codes[0]) if codes else block["code"]
                forms = re.search(r"\{([^}]*)\}", body)
                spec = re.sub(r"\{[^}]*\}", " ", body).split()
                if not spec or any(not re.fullmatch(r"[A-Za-z0-9_+'-]+", w) for w in spec):
                    raise PatternError(f"cannot read verb {body!r}", input=body)
                block["verbs"].append(_verb_entry("_".join(spec), code, rev, forms.group(1) if forms else ""))
        except (PatternError, IndexError) as exc:
            if strict:
                raise DataFileError(f"line {number}: {exc}", input=str(path), hint="fix or remove the entry") from exc
            rejected.append(f"line {number}: {exc}")
    close()
    return VerbDictionary(_expand(synsets), tuple(blocks), skipped, tuple(rejected))


def _codes(entry: dict[str, Any], where: str) -> tuple[str | None, str | None]:
    code, rev = entry.get("code"), entry.get("reverse")
    for value in (code, rev):
        if value is not None and not (isinstance(value, str) and value.isdigit() and 2 <= len(value) <= 4):
            raise DataFileError(f"{where}: code {value!r} is not a CAMEO code", hint='quote codes: code: "042"')
    return code, rev


_PATTERN_LINE = re.compile(r"^(?P<pattern>[^\[]*?)\s*\[(?P<code>[^\]]*)\]\s*(?:#\s*(?P<note>.*))?$")


def _pattern_entry(p: Any, where: str) -> PatternEntry:
    """A pattern written as ``"* (to +) [042:043] # note"`` or as a mapping {pattern, code, reverse, note}."""
    if isinstance(p, str):
        m = _PATTERN_LINE.match(p.strip())
        if m is None:
            raise DataFileError(f"{where}: pattern {p!r} needs a [code]", hint='e.g. "* aid (to +) [070]"')
        code, rev = split_code(m.group("code"))
        p = {"pattern": m.group("pattern"), "code": code, "reverse": rev, "note": m.group("note") or ""}
    return PatternEntry(parse_pattern(p["pattern"]), *_codes(p, where), p.get("note", ""))


def read_project(path: Path | str, data: dict[str, Any] | None = None) -> VerbDictionary:
    """Read the project's verb lexicon (YAML, format ``allegiance-verbs/1``)."""
    path = Path(path)
    if data is None:
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
        except (OSError, yaml.YAMLError) as exc:
            raise DataFileError(f"cannot read verb lexicon: {exc}", input=str(path)) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DataFileError(f"not a {FORMAT} file", input=str(path), hint="build it with scripts/build_lexicon.py")
    synsets = {str(k): [member_words(m) for m in v] for k, v in (data.get("synsets") or {}).items()}
    blocks = []
    for n, b in enumerate(data.get("blocks") or []):
        where = f"{path.name} block {n} ({b.get('name') if isinstance(b, dict) else b!r})"
        try:
            code, rev = _codes(b, where)
            verbs = tuple(
                VerbEntry(
                    lemma=str(v["lemma"]).lower(),
                    code=_codes(v, where)[0] if "code" in v else code,
                    reverse=_codes(v, where)[1] if "code" in v else rev,
                    before=tuple(v.get("before", ())),
                    after=tuple(v.get("after", ())),
                    forms=tuple(v.get("forms", ())),
                )
                for v in b.get("verbs", [])
            )
            patterns = tuple(_pattern_entry(p, where) for p in b.get("patterns", []))
            blocks.append(VerbBlock(str(b["name"]), code, rev, verbs, patterns, str(b.get("source", "project"))))
        except (KeyError, TypeError, AttributeError, PatternError) as exc:
            raise DataFileError(f"{where}: {exc}", input=str(path), hint="see docs/lexicon.md") from exc
    return VerbDictionary(_expand(synsets), tuple(blocks))
