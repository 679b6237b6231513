"""Build src/allegiance/data/lexicon/verbs.yaml from the PETRARCH2 CAMEO verb dictionary.

Usage: python scripts/build_lexicon.py [--shared ../shared]

Reads ``reference/dictionaries/petrarch2/CAMEO.2.0.txt`` with the project's own PETRARCH reader and
writes the project format (``allegiance-verbs/1``, see docs/lexicon.md). Codes that are not in the
CAMEO codebook are mapped to their nearest known parent code (``0211x`` → ``021``); entries whose code
has no known parent are kept without a code. Project changes come from ``scripts/data/lexicon_overrides.yaml``:
generic verbs without a default code (``no_default``), verb defaults and patterns PETRARCH codes differently
(``recode_verbs``, ``recode_patterns``: a new ``code``, a rewritten pattern ``as``, or ``drop``), verbs taken out of a
PETRARCH block whose patterns were written for another of its verbs (``detach_verbs``), synonym sets (``add_synsets``) and verbs and
patterns PETRARCH lacks (``add_blocks``). Project blocks come first in the output, so that where a project pattern
and a PETRARCH one ask for as many words, the project's reading wins. Prints what was mapped and what the reader
rejected, and fails on an override that matches nothing (a rebuild must never drop a fix silently).
The data is MIT-licensed upstream; LICENSE.petrarch2.MIT.txt sits beside the output.
"""

from __future__ import annotations

import argparse
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from allegiance.coding.cameo import load_codebook
from allegiance.coding.lexicon_io import FORMAT, read_petrarch

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "src" / "allegiance" / "data" / "lexicon"
OVERRIDES = ROOT / "scripts" / "data" / "lexicon_overrides.yaml"


def _fix(code: str | None, mapped: Counter[str]) -> str | None:
    if code is None:
        return None
    known = load_codebook().resolve(code) if code.isdigit() else None
    if known != code:
        mapped[f"{code}->{known}"] += 1
    return known


def _codes(entry: Any, mapped: Counter[str]) -> dict[str, str]:
    out = {}
    code, rev = _fix(entry.code, mapped), _fix(entry.reverse, mapped)
    out["code"] = code
    if rev is not None:
        out["reverse"] = rev
    return out


class _Lines(list):
    """A list dumped one item per line (patterns), while small mappings (verbs) stay on one line."""


yaml.SafeDumper.add_representer(_Lines, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=False))


def _pattern_line(pattern: str, codes: dict[str, str], note: str) -> str:
    """One pattern as a single string: compact to read and about three times faster to load."""
    code = (codes["code"] or "---") + (":" + codes["reverse"] if "reverse" in codes else "")
    return f"{pattern} [{code}]" + (f" # {note}" if note else "")


def _recoded(line: str, fix: dict[str, Any]) -> str | None:
    """A pattern line with the override's code, or None when the override drops the pattern."""
    if fix.get("drop"):
        return None
    head, _, note = line.partition(" # ")
    pattern, code = head[: head.rindex(" [")], head[head.rindex(" [") + 2 : -1]
    return f"{fix.get('as', pattern)} [{fix.get('code', code)}]" + (f" # {note}" if note else "")


def build(source: Path, overrides: dict[str, Any]) -> tuple[dict[str, Any], Counter[str], tuple[str, ...]]:
    d = read_petrarch(source)
    no_default = set(overrides.get("no_default", []))
    recode_verbs = {str(k): str(v) for k, v in (overrides.get("recode_verbs") or {}).items()}
    recode = {(f["block"], f["pattern"]): f for f in overrides.get("recode_patterns", [])}
    detach = {(str(block), str(lemma)) for block, lemmas in (overrides.get("detach_verbs") or {}).items() for lemma in lemmas}
    used: set[Any] = set()
    mapped: Counter[str] = Counter()
    blocks = [{"source": "project", **block, "patterns": _Lines(block.get("patterns", []))}
              for block in overrides.get("add_blocks", [])]
    for b in d.blocks:
        verbs = []
        for v in b.verbs:
            if (b.name, v.lemma) in detach:
                used.add((b.name, v.lemma))
                continue
            item: dict[str, Any] = {"lemma": v.lemma}
            if v.before:
                item["before"] = list(v.before)
            if v.after:
                item["after"] = list(v.after)
            if v.forms:
                item["forms"] = list(v.forms)
            item.update(_codes(v, mapped))
            if v.lemma in no_default and not v.after and not v.before and item["code"] is not None:
                item["code"] = None
                item["note"] = "project: no default code (too generic alone)"
            if v.lemma in recode_verbs and not v.after and not v.before:
                item["code"] = recode_verbs[v.lemma]
                item["note"] = "project: recoded"
                used.add(v.lemma)
            verbs.append(item)
        patterns = _Lines()
        for p in b.patterns:
            line = _pattern_line(p.pattern.text(), _codes(p, mapped), p.note.lower())
            fix = recode.get((b.name, p.pattern.text()))
            if fix is not None:
                used.add((b.name, p.pattern.text()))
                line = _recoded(line, fix)
            if line is not None:
                patterns.append(line)
        blocks.append({"name": b.name, "source": "petrarch", **_codes(b, mapped), "verbs": verbs, "patterns": patterns})
    unused = [k for k in [*recode_verbs, *recode, *detach] if k not in used]
    if unused:
        raise SystemExit(f"overrides that match nothing in {source.name}: {unused}")
    synsets = {name: [" ".join(m) for m in members] for name, members in sorted(d.synsets.items())}
    for name, members in (overrides.get("add_synsets") or {}).items():
        synsets[name] = sorted(set(synsets.get(name, [])) | {str(m) for m in members})
    doc = {
        "format": FORMAT,
        "derived_from": "OEDA PETRARCH2 CAMEO.2.0.txt (MIT, see LICENSE.petrarch2.MIT.txt)",
        "synsets": synsets,
        "blocks": blocks,
    }
    return doc, mapped, d.rejected


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    src_dir = args.shared / "reference" / "dictionaries" / "petrarch2"
    overrides = yaml.safe_load(OVERRIDES.read_text(encoding="utf-8"))
    doc, mapped, rejected = build(src_dir / "CAMEO.2.0.txt", overrides)
    out = OUT_DIR / "verbs.yaml"
    header = (
        "# Verb lexicon of allegiance, derived by scripts/build_lexicon.py from the Open Event Data Alliance\n"
        "# PETRARCH2 dictionary CAMEO.2.0.txt. Copyright (c) 2015 Open Event Data Alliance, MIT licence:\n"
        "# see LICENSE.petrarch2.MIT.txt in this folder. Blocks marked `source: project` and verbs with a\n"
        "# `note: project...` come from scripts/data/lexicon_overrides.yaml. Do not edit by hand; rebuild instead.\n"
    )
    text = yaml.safe_dump(doc, sort_keys=False, default_flow_style=None, width=140, allow_unicode=True)
    out.write_text(header + text, encoding="utf-8")
    shutil.copy(src_dir / "LICENSE.petrarch2.MIT.txt", OUT_DIR / "LICENSE.petrarch2.MIT.txt")
    n_pat = sum(len(b["patterns"]) for b in doc["blocks"])
    n_verbs = sum(len(b["verbs"]) for b in doc["blocks"])
    print(f"wrote {out.relative_to(ROOT)}: {len(doc['blocks'])} blocks, {n_verbs} verbs, {n_pat} patterns")
    print(f"codes mapped to a parent: {sum(mapped.values())} ({dict(mapped.most_common(8))})")
    for line in rejected:
        print(f"rejected upstream {line}")


if __name__ == "__main__":
    main()
