"""Who holds a described role ("the Tajik president", "the head of the FSB") on a date."""

from __future__ import annotations

import datetime as dt

from allegiance.actors.kb import KnowledgeBase
from allegiance.actors.names import key
from allegiance.actors.phrase import DESCRIPTORS, FILLER, RULER, Piece
from allegiance.actors.records import Person, Role

# Where "the leader" of the country is its head of government, not its head of state.
LEADER_IS_HEAD_OF_GOVERNMENT = frozenset(
    "GBR DEU IND JPN ITA ESP CAN AUS NZL ISR NLD SWE NOR DNK BEL AUT GRC CZE SVK HUN ARM GEO PAK IRQ IRL EST "
    "LVA PRT BGR HRV SVN MLT LUX THA BGD NPL MNE ALB SRB MKD".split()
)


def holders(kb: KnowledgeBase, anchor: str, title: Piece, date: dt.date | None, former: bool,
            words: tuple[str, ...] = ()) -> list[tuple[Person, Role]]:
    """Who holds the titled role in ``anchor`` (a state or organization) on ``date``, or held it
    before (``former``); ``words`` of the mention break ties between several holders."""
    fetch = kb.former_holders if former else kb.holders
    if title.title == "title" or title.text in DESCRIPTORS:
        found = fetch(anchor, date, title=title.text)
        if found:
            return found
        if kb.has_title(anchor, title.text):
            return []  # the office exists there but was vacant then: not some other office's holder
    kind = DESCRIPTORS.get(title.text)
    org = kb.organizations.get(anchor)
    if kind == RULER:
        kinds = ["org_head"] if org else (["head_of_government", "head_of_state"]
                                          if anchor in LEADER_IS_HEAD_OF_GOVERNMENT else
                                          ["head_of_state", "head_of_government"])
    elif kind == "org_head" and not org:
        kinds = ["head_of_state"] if title.text in ("head", "chief") else []
    else:
        kinds = [kind] if kind else []
    searches = [(anchor, kinds)]
    if org:
        # Anyone heading the organization (its director may be filed as a security chief), then
        # its parent body; a national body's officers may be filed under their state. A named office of
        # another kind ("the NATO spokesman") is not the head: without its holder it is nobody known.
        heads = ["org_head", "company_head", "*"] if kind in (None, RULER, "org_head", "head_of_state",
                                                             "head_of_government") else []
        searches = [(a, kinds + heads) for a in (anchor, org.parent) if a]
        if org.country and kind not in (None, RULER, "org_head"):
            searches.append((org.country, kinds))
    for where, wanted in searches:
        for k in wanted:
            found = fetch(where, date, kind=k)
            if found:
                return by_words(by_gender(found, title.text), words)
    return []


def by_gender(found: list[tuple[Person, Role]], title: str) -> list[tuple[Person, Role]]:
    """A gendered title ("spokeswoman") puts holders of that gender first."""
    gender = "f" if title.endswith("woman") else "m" if title.endswith("man") else None
    return sorted(found, key=lambda pr: pr[0].gender != gender) if gender else found


def by_words(found: list[tuple[Person, Role]], words: tuple[str, ...]) -> list[tuple[Person, Role]]:
    """Holders whose title shares words with the mention first ("foreign policy chief" → High
    Representative for Foreign Affairs, not the Commission president)."""
    if len(found) < 2 or not words:
        return found
    wanted = set(words) - FILLER
    return sorted(found, key=lambda pr: -len(wanted & set(key(pr[1].title).split())))
