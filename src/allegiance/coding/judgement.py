"""The judgement a naming verb or a speaker's verdict pronounces: "called Xi 'a dear friend'" (051), "described the
move as a provocation" (111), "'This is an unfriendly step,' Peskov said" (111), read against
``data/lexicon/judgements.yaml`` (docs/coding.md, Policies: Classification)."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Any

from allegiance.coding.context import verdict
from allegiance.coding.lexicon import load_judgements
from allegiance.coding.phrases import load_yaml
from allegiance.errors import DataFileError

_NEGATIONS = frozenset({"not", "no", "never", "n't"})


def judgement(token: Any) -> str | None:
    """The code of the judgement a naming verb pronounces on its object: the words of the name it gives (its
    object predicate, its "as" phrase or an apposition to its object) against ``judgements.yaml``."""
    book = load_judgements()
    lemma = token.lemma_.lower()
    if lemma in book.speech:
        return _verdict_judged(token, book)
    if lemma not in book.verbs:
        return None
    name: list[Any] = []
    of_relations = False
    for child in token.children:
        if child.dep_ == "dobj":
            of_relations = child.lemma_.lower() in book.relations or _relations_antecedent(child, book.relations)
        if child.dep_ == "oprd":
            name.extend(child.subtree)
        elif child.dep_ == "prep" and child.lower_ == "as":
            name.extend(w for g in child.children if g.dep_ == "pobj" for w in g.subtree)
        elif child.dep_ == "dobj":
            name.extend(w for a in child.children if a.dep_ == "appos" for w in a.subtree)
    return _judged(name, book, of_relations)


def _judged(name: list[Any], book: Any, of_relations: bool) -> str | None:
    """The code ``judgements.yaml`` gives the words of ``name``; None for no name or a negated one."""
    if not name or any(w.lower_ in _NEGATIONS for w in name):
        return None
    return book.code_of({w.lower_ for w in name} | {w.lemma_.lower() for w in name}, of_relations)


def _verdict_judged(token: Any, book: Any) -> str | None:
    """What a verdict clause a speaker pronounces says its subject is ("'This is an unfriendly step,' Peskov
    said", "said Russia had always been a reliable partner"), judged as a name is."""
    for clause in token.children:
        if clause.dep_ not in ("ccomp", "parataxis") or not verdict(clause, bare=True):
            continue
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if _blame_shifted(clause, subject):
            return "112"
        if any(c.dep_ == "neg" or c.lower_ in _NEGATIONS for c in clause.children):
            return None
        name = [w for c in clause.children if c.dep_ in ("attr", "acomp") for w in c.subtree]
        return _judged(name, book, subject is not None and subject.lemma_.lower() in book.relations)
    return None


def _blame_shifted(clause: Any, subject: Any) -> bool:
    """"It is the United States, not China, that keeps pouring weapons onto the battlefield": a cleft that singles
    out one party for a deed against another named and set aside charges the one singled out (112)."""
    if subject is None or subject.lower_ != "it":
        return False
    # The "that" clause hangs on the party singled out or, as often, on the copula.
    cleft = any(c.dep_ == "ccomp" and any(g.dep_ == "nsubj" and g.lower_ in ("that", "who") for g in c.children)
                for c in clause.children)
    return any(c.dep_ == "attr" and {"neg", "appos"} <= {g.dep_ for g in c.children}
               and (cleft or any(g.dep_ == "relcl" for g in c.children)) for c in clause.children)


def _relations_antecedent(obj: Any, relations: frozenset[str]) -> bool:
    """"painted a grim picture of ties with Tokyo, calling them the worst": "them" stands for the ties."""
    if obj.lower_ not in ("them", "it"):
        return False
    return any(t.lemma_.lower() in relations for t in obj.sent if t.i < obj.i)


@functools.lru_cache(maxsize=1)
def deed_verbs() -> dict[str, frozenset[str]]:
    """The acts a verdict may name without their doer ("condemned the deployment"), each with the verbs that tell
    the act (``deeds`` in ``judgements.yaml``)."""
    path = Path(str(resources.files("allegiance") / "data" / "lexicon" / "judgements.yaml"))
    deeds = load_yaml(path).get("deeds")
    if not isinstance(deeds, dict) or not all(isinstance(v, list) and v for v in deeds.values()):
        raise DataFileError("'deeds' must map an act noun to a list of verbs", input=str(path),
                            hint="see the comment above 'deeds' in judgements.yaml")
    return {str(noun).lower(): frozenset(str(v).lower() for v in verbs) for noun, verbs in deeds.items()}


def naming_verbs() -> frozenset[str]:
    """The verbs that give a name ("called the veto 'an act of self-harm'"), whose object may be an act told before."""
    return load_judgements().verbs
