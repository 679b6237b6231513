"""Frequent names in the stored corpus that the resolver cannot place: what to add to an overlay."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from allegiance.actors.resolve import Resolver, as_date

LABELS = ("PERSON", "ORG", "GPE")


@dataclass(frozen=True)
class UnknownName:
    name: str
    label: str
    count: int
    country: str | None  # the resolver's best guess


def unknown_names(texts: Iterable[tuple[str, object]], resolver: Resolver, limit: int = 50) -> list[UnknownName]:
    """Count PERSON/ORG/GPE entities that resolve to no knowledge-base actor.

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
                found = resolver.resolution(name, date, fuzzy=True, unknown=True, place=ent.label_ == "GPE")
                # A town the gazetteer places is resolved well enough: it is no actor to add.
                known = bool(found and (found.actor.type != "unknown" or (ent.label_ == "GPE" and found.actor.country)))
                verdicts[(name, date)] = known
                if found and not known:
                    guesses[(name, ent.label_)] = found.actor.country
            if not known:
                counts[(name, ent.label_)] += 1
    return [UnknownName(name, label, n, guesses.get((name, label))) for (name, label), n in counts.most_common(limit)]


def stored_texts(db: str, limit: int | None = None) -> list[tuple[str, object]]:
    from allegiance.store import Store

    sql = "SELECT clean_text, published FROM articles WHERE duplicate_of IS NULL ORDER BY published DESC NULLS LAST"
    with Store(db, read_only=True) as store:
        rows = store.query(sql + (f" LIMIT {int(limit)}" if limit else ""))
    return [(r["clean_text"], r["published"]) for r in rows]
