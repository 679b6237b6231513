"""One event per happening: the duplicates a sentence or an article yields are collapsed.

A sentence may state one act twice ("held talks" and "a meeting"), and a headline and the lead that
repeats it report one event; the most confident reading is kept, and the body's over a heading's.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

from allegiance.coding import keys
from allegiance.models import Event

if TYPE_CHECKING:
    from allegiance.parse import Tokens

RETOLD_DAYS = 7  # a heading reports the news of its story's days; the same act told of earlier is history


def actor_key(actor: Any) -> str | None:
    if actor is None:
        return None
    return keys.actor_key(actor) or actor.id or actor.name


# A statement that says no more than that something was said; a specific one (a denial, condolences, an
# agreement) stands beside the source's other acts: "called the decision hasty and denied any involvement".
GENERIC_STATEMENTS = {"01", "010"}


def prefer_targeted(events: list[Event]) -> list[Event]:
    """Within one sentence: "Russia imposed sanctions on Ukraine" is one event, not also a target-less one;
    and "'...,' Rahmon told Putin" reports what Rahmon said (a demand), not also that he made a statement."""
    sources = [actor_key(e.source) for e in events]
    targeted = {(key, e.cameo_root) for key, e in zip(sources, events) if e.target is not None}
    specific = {key for key, e in zip(sources, events) if e.cameo_root != "01"}
    return [e for key, e in zip(sources, events)
            if (e.target is not None or (key, e.cameo_root) not in targeted)
            and (e.cameo not in GENERIC_STATEMENTS or key not in specific)]


# One meeting, told in one clause, is coded once, by the codebook's precedence (the gold set's "one sentence,
# one choice"): mediation, negotiation, a telephone call, a visit or its hosting (one visit seen from each
# side), a meeting at a third place, an unspecified meeting.
MEETING_RANK = {"045": 0, "046": 1, "041": 2, "042": 3, "043": 3, "044": 4}
# Links within a clause: one meeting told through a phrase of another ("travelled to Vladivostok for a summit
# with Putin", "paid a visit to Dushanbe, where he held talks", "Aliyev, who flew to Moscow, held talks").
# A coordinated or adverbial clause tells an act of its own ("arrived in Kazan and held talks", "greeted him
# before the pair sat down for talks").
_PHRASE_LINKS = {"prep", "pobj", "pcomp", "dobj", "attr", "relcl", "acl", "nsubj", "nsubjpass", "appos", "compound",
                 "amod", "nmod", "poss", "npadvmod"}


def one_meeting(events: Sequence[Event], triggers: Sequence[int], table: "Tokens") -> list[Event]:
    """Of one sentence's ``events`` (each with its trigger's index in ``triggers``, of the Doc whose token
    table is ``table``), drop a meeting (CAMEO 04) of a pair when a meeting of higher precedence of that pair
    is told within the same clause."""
    meetings = [(t, _pair(e), _meeting_rank(e.cameo)) for e, t in zip(events, triggers) if e.cameo_root == "04"]
    if len(meetings) < 2:
        return list(events)  # a meeting can give way only to another
    return [e for e, t in zip(events, triggers) if e.cameo_root != "04" or not any(
        rank < _meeting_rank(e.cameo) and pair == _pair(e) and other != t
        and (_within(other, t, table) or _within(t, other, table)) for other, pair, rank in meetings)]


def _pair(event: Event) -> frozenset[str | None]:
    return frozenset((actor_key(event.source), actor_key(event.target)))


def _meeting_rank(code: str) -> int:
    return MEETING_RANK.get(code[:3], len(MEETING_RANK))


def _within(inner: int, outer: int, table: "Tokens", hops: int = 8) -> bool:
    node = inner
    dep, head = table.dep, table.head
    for _ in range(hops):
        if node == outer:
            return True
        if dep[node] not in _PHRASE_LINKS or head[node] == node:
            return False
        node = head[node]
    return False


def collapse(events: list[Event], headings: Collection[int] = ()) -> list[Event]:
    """Within a sentence one event per root ("held talks" and "a meeting" are one; a visit and the talks
    held during it are two: "arrived in Kazan and held talks with Putin"), then per article one per base
    code (``collapse_article``). An event the body tells again, dated, is the body's: one of a heading (the
    sentence numbers ``headings``: a headline, a caption), or one only publication dates (``_retold``)."""
    by_sentence = collapse_by(events, lambda e: (e.evidence.sentence_index, actor_key(e.source),
                                                  actor_key(e.target), family(e.cameo)))
    body: dict[tuple[Any, ...], list[Event]] = {}
    for e in by_sentence:
        if e.evidence.sentence_index not in headings:
            body.setdefault(happening(e), []).append(e)
    return told_meeting(collapse_article([e for e in by_sentence if not _retold(e, body.get(happening(e), []),
                                                                                  e.evidence.sentence_index in headings)]))


# A meeting the text does not qualify ("met") is CAMEO 040.
UNSPECIFIED_MEETINGS = {"04", "040"}


def told_meeting(events: list[Event]) -> list[Event]:
    """Of an article's meetings of one pair on one day, a bare "met" is dropped when another sentence tells
    the pair "met" with more said of it: "Putin met Pezeshkian on Friday" and "the two leaders met on the
    sidelines of a forum in Ashgabat" are one meeting, at a third place (044). Other words for meeting are
    left alone: "held talks with Lavrov" and, later that day, "met Manturov" are two meetings of one pair,
    and a bare "met at the airport" may be all the coder has read of a visit."""
    specific = {_told_as(e) for e in events if e.cameo_root == "04" and e.cameo not in UNSPECIFIED_MEETINGS}
    return [e for e in events if e.cameo not in UNSPECIFIED_MEETINGS or _told_as(e) not in specific]


def _told_as(event: Event) -> tuple[Any, ...]:
    """A meeting's pair, day and the word that tells it."""
    return actor_key(event.source), actor_key(event.target), event.date, event.evidence.trigger.text.lower()


def _retold(event: Event, body: list[Event], heading: bool) -> bool:
    """Whether the body tells the same act again, dated. A heading's event: told anywhere in the body, unless
    the body dates it more than a week before the heading's day (the lead's): then it is background
    ("Estonia on Jan. 11 ordered Russia to cut its embassy staff" under "Russia and Estonia expel each
    other's ambassadors" of Jan. 23), not the news the headline reports. An event the text gives no date
    ("Russia's FSB has arrested a U.S. reporter"): told again with a day of the week before publication
    ("FSB officers detained him on Wednesday")."""
    if heading:
        if event.date is None or event.date_precision == "published":
            return bool(body)
        return any(e.date is None or (event.date - e.date).days <= RETOLD_DAYS for e in body)
    if event.date is None or event.date_precision != "published":
        return False
    return any(e.date is not None and e.date_precision != "published"
               and 0 <= (event.date - e.date).days <= RETOLD_DAYS for e in body)


def happening(event: Event) -> tuple[Any, ...]:
    return actor_key(event.source), actor_key(event.target), family(event.cameo)


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
    it report one event. The most confident one is kept. Not one per root: sentences that tell different acts
    of one pair ("met on the sidelines" and, later, "the two leaders discussed gas supplies"; "thanked Kim
    for his support" and "signed a treaty") report an event each, as the meeting precedence holds only
    within a sentence."""
    return collapse_by(events, lambda e: (actor_key(e.source), actor_key(e.target), e.cameo[:3], e.date))


def family(code: str) -> str:
    """Codes that report the same happening in one article: a visit (042/043) is one thing, and the talks
    held during it another, but "met", "held a meeting" and "held talks" (040, 044, 046) are one meeting. Intents
    (03) are as many as the acts they announce: talks "due" on Tuesday (036) are not the leaders' agreement to
    keep gas prices (030, 0311) told with a date."""
    return code[:3] if code[:3] in ("042", "043") or code[:2] == "03" else code[:2]
