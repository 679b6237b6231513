from __future__ import annotations

import pytest

from allegiance.errors import NotFound
from allegiance.relations.profiles import actor_profile, resolve_key
from allegiance.relations.search import search


def test_profile_of_a_person_by_part_of_the_name(store, stored) -> None:
    profile = actor_profile(store, "rahmon")
    assert profile.key == "p:emomali-rahmon" and profile.type == "person"
    assert "President of Tajikistan" in profile.roles
    own = [s.event for s in stored if s.event.source.id == "p:emomali-rahmon"]
    verbal = {e.sentence for e in own if e.quad_class in (1, 3)}
    assert profile.quotes and all(q["sentence"] in verbal for q in profile.quotes)
    assert sum(t["events"] for t in profile.types) == profile.events_as_source
    assert sum(p["events"] for p in profile.timeline) == profile.events_as_source + profile.events_as_target


def test_profile_of_a_state_lists_partners_by_activity(store) -> None:
    profile = actor_profile(store, "TJK")
    assert profile.partners[0]["id"] == "s:RUS"
    counts = [p["events"] for p in profile.partners]
    assert counts == sorted(counts, reverse=True)


def test_keys_and_unknown_actors(store) -> None:
    assert resolve_key(store, "csto") == "CSTO"
    assert resolve_key(store, "p:vladimir-putin") == "p:vladimir-putin"
    with pytest.raises(NotFound):
        actor_profile(store, "Atlantis")


def test_search_finds_articles_and_events_with_every_word(store) -> None:
    result = search(store, "embargo Tajikistan")
    assert result.events and all("embargo" in e["sentence"].lower() and "tajikistan" in
                                 (e["sentence"] + e["source_name"] + e["target_name"]).lower() for e in result.events)
    assert result.articles and all("embargo" in a["snippet"].lower() or "embargo" in (a["title"] or "").lower()
                                   for a in result.articles)
    assert search(store, "100%_literal").articles == ()
