"""Fuzzy matching of misspelt and transliterated names: the fallback after exact lookups fail."""

from __future__ import annotations

import datetime as dt

from rapidfuzz import fuzz, process

from allegiance.actors import build
from allegiance.actors.kb import KnowledgeBase
from allegiance.actors.records import Entry
from allegiance.models import Actor

CUTOFF = 86.0


class FuzzyNames:
    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        # Bucketed by first letter: misspellings and transliterations keep it (those that do not,
        # Japarov/Zhaparov, are aliases in the data), and a bucket is ~20x cheaper to scan.
        self.buckets: dict[str, list[str]] = kb.fuzzy_buckets

    def countries_of(self, entry: Entry) -> set[str]:
        if entry.kind == "person":
            p = self.kb.people[entry.key]
            return {c for c in (p.country, *(r.country for r in p.roles)) if c}
        if entry.kind == "org":
            return {self.kb.organizations[entry.key].country or ""}
        return {entry.key}

    def _in_office(self, entry: Entry, date: dt.date | None) -> bool:
        role, past = self.kb.role_on(self.kb.people[entry.key], date)
        return role is not None and not past

    def match(self, query: str, required: set[str], date: dt.date | None, text: str) -> Actor | None:
        """The closest known name, if close enough and of a required nationality (when any)."""
        kb = self.kb
        for candidate, score, _ in process.extract(query, self.buckets.get(query[:1], []), scorer=fuzz.ratio,
                                                   limit=5, score_cutoff=CUTOFF):
            for entry in kb.index[candidate]:
                if required and not (required & self.countries_of(entry)):
                    continue  # a nationality in the mention or its context rules this candidate out
                confidence = round(0.8 * score / 100, 3)
                if entry.kind == "person" and " " not in query and not self._in_office(entry, date):
                    # "Prince Mohammed" is not the Kazakh official surnamed Muhammed: one word alone is too
                    # common a name to stand for anyone but a person in office on the date.
                    continue
                if entry.kind == "person":
                    return build.person_actor(kb, kb.people[entry.key], date, text=text, confidence=confidence)
                if entry.kind == "org":
                    return build.org_actor(kb.organizations[entry.key], text=text, confidence=confidence)
                if entry.kind == "state":
                    return build.state_actor(kb, entry.key, text=text, confidence=confidence)
        return None
