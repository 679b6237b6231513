from __future__ import annotations

from types import SimpleNamespace

from allegiance.coding.collapse import collapse_by, family


def test_a_visit_and_its_talks_are_two_families_but_meetings_are_one() -> None:
    assert family("042") != family("046")
    assert family("0431") == family("043")
    assert family("040") == family("044") == family("046")


def test_collapse_by_keeps_first_order_and_the_most_confident_of_each_key() -> None:
    a1, b, a2 = (SimpleNamespace(k=k, confidence=c) for k, c in (("a", 0.5), ("b", 0.9), ("a", 0.8)))
    assert collapse_by([a1, b, a2], lambda e: e.k) == [a2, b]
