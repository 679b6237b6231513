"""One event per happening: the duplicates a sentence or an article yields are collapsed.

A sentence may state one act twice ("held talks" and "a meeting"), and a headline and the lead that
repeats it report one event; the most confident reading is kept.
"""

from __future__ import annotations

from typing import Any

from allegiance.coding import keys
from allegiance.models import Event


def actor_key(actor: Any) -> str | None:
    if actor is None:
        return None
    return keys.actor_key(actor) or actor.id or actor.name


def prefer_targeted(events: list[Event]) -> list[Event]:
    """Within one sentence: "Russia imposed sanctions on Ukraine" is one event, not also a target-less one;
    and "'...,' Rahmon told Putin" reports what Rahmon said (a demand), not also that he made a statement."""
    targeted = {(actor_key(e.source), e.cameo_root) for e in events if e.target is not None}
    specific = {actor_key(e.source) for e in events if e.cameo_root != "01"}
    return [e for e in events
            if (e.target is not None or (actor_key(e.source), e.cameo_root) not in targeted)
            and (e.cameo_root != "01" or actor_key(e.source) not in specific)]


def collapse(events: list[Event]) -> list[Event]:
    """Within a sentence one event per root ("held talks" and "a meeting" are one; a visit and the talks
    held during it are two: "arrived in Kazan and held talks with Putin"), then per article one per base
    code (``collapse_article``)."""
    by_sentence = collapse_by(events, lambda e: (e.evidence.sentence_index, actor_key(e.source),
                                                  actor_key(e.target), family(e.cameo)))
    return collapse_article(by_sentence)


def collapse_by(events: list[Event], keyf: Any) -> list[Event]:
    best: dict[Any, Event] = {}
    order: list[Any] = []
    for event in events:
        key = keyf(event)
        if key not in best:
            order.append(key)
            best[key] = event
        elif event.confidence > best[key].confidence:
            best[key] = event
    return [best[k] for k in order]


def collapse_article(events: list[Event]) -> list[Event]:
    """One event per (source, target, base code, date) in an article: a headline and the lead that repeats
    it report one event. The most confident one is kept."""
    return collapse_by(events, lambda e: (actor_key(e.source), actor_key(e.target), family(e.cameo), e.date))


def family(code: str) -> str:
    """Codes that report the same happening in one article: a visit (042/043) is one thing, and the talks
    held during it another, but "met", "held a meeting" and "held talks" (040, 044, 046) are one meeting."""
    return code[:3] if code[:3] in ("042", "043") else code[:2]
