"""Frequent names in the stored corpus that the resolver cannot place: what to add to an overlay.

Only names someone could add are listed: places the gazetteer knows ("Samarkand", "Sochi"), share
widgets ("Facebook / X / WhatsApp / Copy") and bylines or desks ("Eurasia Wire") are page furniture
or geography, not actors, and are skipped (the word lists are ``data/actors/not_actors.tsv``).
"""

from __future__ import annotations

import csv
import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from allegiance.actors.resolve import Resolver, as_date
from allegiance.errors import DataFileError

LABELS = ("PERSON", "ORG", "GPE")
KINDS = ("social", "byline", "lead")
_WORDS = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")


@dataclass(frozen=True)
class UnknownName:
    name: str
    label: str
    count: int
    country: str | None  # the resolver's best guess


@functools.lru_cache(maxsize=1)
def noise_words() -> dict[str, frozenset[str]]:
    path = resources.files("allegiance") / "data" / "actors" / "not_actors.tsv"
    found: dict[str, set[str]] = {kind: set() for kind in KINDS}
    try:
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    except OSError as exc:
        raise DataFileError("cannot read the list of non-actor words", input=str(path), hint="reinstall allegiance") from exc
    for n, row in enumerate(csv.DictReader(lines, delimiter="\t"), start=2):
        if row.get("kind") not in found or not (row.get("word") or "").strip():
            raise DataFileError(f"row {n}: kind must be one of {', '.join(KINDS)} and word non-empty",
                                input=str(path), hint="fix the row")
        found[row["kind"]].add(row["word"].strip().lower())
    return {kind: frozenset(words) for kind, words in found.items()}


def is_not_an_actor(name: str) -> bool:
    """A place, a share widget, a byline, or no name at all ("201st")."""
    from allegiance.gazetteer import lookup

    words = [w.lower() for w in _WORDS.findall(name)]
    if not words or not any(c.isalpha() and c.isupper() for c in name) or words[0][:1].isdigit():
        return True
    noise = noise_words()
    if all(w in noise["social"] for w in words) or words[-1] in noise["byline"] or words[0] in noise["lead"]:
        return True
    bare = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    return lookup(bare) is not None


def unknown_names(texts: Iterable[tuple[str, object]], resolver: Resolver, limit: int = 50) -> list[UnknownName]:
    """Count PERSON/ORG/GPE entities that resolve to no knowledge-base actor and could be one.

    ``texts`` are (clean text, publication date) pairs.
    """
    from allegiance.parse import parse

    pairs = list(texts)
    counts: Counter[tuple[str, str]] = Counter()
    guesses: dict[tuple[str, str], str | None] = {}
    verdicts: dict[tuple[str, object], bool] = {}
    for doc, (_, published) in zip(parse(t for t, _ in pairs), pairs):
        date = as_date(published) if published else None
        for ent in doc.ents:
            if ent.label_ not in LABELS:
                continue
            name = ent.text.strip().removesuffix("'s").removesuffix("\u2019s")
            known = verdicts.get((name, date))
            if known is None:
                known = is_not_an_actor(name)
                if not known:
                    found = resolver.resolution(name, date, fuzzy=True, unknown=True, place=ent.label_ == "GPE")
                    # A town the resolver places by its country is resolved well enough.
                    known = bool(found and (found.actor.type != "unknown" or (ent.label_ == "GPE" and found.actor.country)))
                    if found and not known:
                        guesses[(name, ent.label_)] = found.actor.country
                verdicts[(name, date)] = known
            if not known:
                counts[(name, ent.label_)] += 1
    return [UnknownName(name, label, n, guesses.get((name, label))) for (name, label), n in counts.most_common(limit)]


def stored_texts(db: str, limit: int | None = None) -> list[tuple[str, object]]:
    from allegiance.store import Store

    sql = "SELECT clean_text, published FROM articles WHERE duplicate_of IS NULL ORDER BY published DESC NULLS LAST"
    with Store(db, read_only=True) as store:
        rows = store.query(sql + (f" LIMIT {int(limit)}" if limit else ""))
    return [(r["clean_text"], r["published"]) for r in rows]
