from __future__ import annotations

from pathlib import Path

import pytest

from allegiance.actors.kb import KnowledgeBase
from allegiance.actors.resolve import Resolver

DICTS = Path(__file__).resolve().parents[2] / ".." / "shared" / "reference" / "dictionaries" / "petrarch2"
if not (DICTS / "PETR.Validate.actors.txt").is_file():
    DICTS = Path("/work/shared/reference/dictionaries/petrarch2")
pytestmark = pytest.mark.skipif(not (DICTS / "PETR.Validate.actors.txt").is_file(),
                                reason="PETRARCH validation dictionaries (../shared) are not available")


@pytest.fixture(scope="module")
def petrarch() -> Resolver:
    return Resolver(KnowledgeBase.from_petrarch(DICTS / "PETR.Validate.actors.txt", DICTS / "PETR.Validate.agents.txt"))


def code(resolver: Resolver, text: str, date: str = "2014-01-01") -> str | None:
    actor = resolver.resolve(text, date)
    return None if actor is None else (actor.country or "") + (actor.sector or "")


@pytest.mark.parametrize(("text", "expected"), [
    ("Arnor", "ARN"), ("Gondor", "GON"), ("Minas Tirith", "GON"), ("Mordor", "MOR"), ("Barad-dur", "MOR"),
    ("Russian", "RUS"), ("Washington", "USAGOV"), ("Israeli troops", "ISRMIL"), ("Cirith Ungol", "MORMIL"),
    ("Gondor government", "GONGOV"), ("Mordor troops", "MORMIL"), ("the Arnor foreign minister", "ARNGOVFRM"),
    ("former defence minister of Gondor", "GONELI"), ("Hamas", "PSEREBHMS"),
])
def test_codes_come_out_as_country_and_sector(petrarch: Resolver, text: str, expected: str) -> None:
    assert code(petrarch, text) == expected


@pytest.mark.parametrize(("date", "expected"), [
    ("1990-01-01", "HOB"), ("1997-03-01", "HOBGOV"), ("2005-01-01", "HOBREB"),
])
def test_dated_codes(petrarch: Resolver, date: str, expected: str) -> None:
    assert code(petrarch, "Smeagol", date) == expected


def test_sam_gamgee_roles_by_date(petrarch: Resolver) -> None:
    assert code(petrarch, "Sam Gamgee", "2007-05-01") == "HOBCIV"
    assert code(petrarch, "Sam Gamgee", "2012-12-01") == "HOBGOV"
    assert code(petrarch, "Sam Gamgee", "2014-02-01") == "HOBELI"
    assert code(petrarch, "Sam Gamgee", "2010-01-10") == "ORCHOB"  # listed first, so it wins the overlap


def test_agents_get_macros_and_plurals(petrarch: Resolver) -> None:
    agents = petrarch.kb.agents
    assert agents["congressmen"] == "LEG" and agents["golden geese"] == "GGS"
    assert agents["ministry of silly walks"] == "GOV"


@pytest.mark.parametrize(("text", "mention", "expected"), [
    ("Arnor will restore ties with Gondor's main opposition group soon.", "Gondor's main opposition group", "GONMOP"),
    ("Human rights activists in Arnor will restore ties with Gondor.", "Human rights activists in Arnor", "ARNOPP"),
    ("Former security officials in White House met Gondor.", "Former security officials in White House", "USAELI"),
    ("Sam Gamgee will renew his licence.", "his", "HOBGOV"),
])
def test_document_mentions_with_a_petrarch_dictionary(petrarch: Resolver, text: str, mention: str, expected: str) -> None:
    from allegiance.actors.resolve import resolve_document
    from allegiance.parse import parse_one

    found = {m.span.text: m.actor for m in resolve_document(parse_one(text), "2013-01-01", petrarch.kb)}
    actor = found[mention]
    assert (actor.country or "") + (actor.sector or "") == expected
