from __future__ import annotations

import datetime as dt

import pytest

from allegiance.actors.records import Membership, Organization
from allegiance.errors import NotFound
from allegiance.relations.blocs import bloc_report, judge


def test_csto_defectors_are_the_members_that_turned_on_russia(store) -> None:
    report = bloc_report(store, "CSTO")  # the packaged knowledge base
    assert report.leader == "RUS"
    assert {"ARM", "TJK"} <= set(report.defectors)
    assert "KAZ" not in report.defectors and "BLR" not in report.defectors
    arm = next(m for m in report.members if m.country == "ARM")
    assert arm.recent is not None and arm.recent < 0 < (arm.previous or 0)
    assert all(m.country != "RUS" for m in report.members)


def test_cohesion_counts_only_events_between_members_while_members(store) -> None:
    def org(kgz_until: dt.date | None) -> Organization:
        members = [Membership(c, dt.date(1992, 5, 15)) for c in ("RUS", "TJK", "KAZ")]
        members.append(Membership("KGZ", dt.date(1992, 5, 15), kgz_until))
        return Organization(code="TEST", name="Test bloc", type="bloc", leader="RUS", members=tuple(members))

    full = bloc_report(store, "TEST", organization=org(None))
    cut = bloc_report(store, "TEST", organization=org(dt.date(2024, 6, 30)))
    by_month = {p.period: p.events for p in cut.cohesion}
    for p in full.cohesion:
        if p.period < dt.date(2024, 7, 1):
            assert by_month[p.period] == p.events
        else:
            assert by_month.get(p.period, 0) <= p.events
    assert sum(p.events for p in cut.cohesion) < sum(p.events for p in full.cohesion)
    assert next(m for m in cut.members if m.country == "KGZ").left == dt.date(2024, 6, 30)


def test_judge_rule() -> None:
    rule = {"threshold": 0.0, "drop": 4.0, "min_events": 5}
    assert judge(-0.5, 3.0, 6, **rule) is not None  # turned negative
    assert judge(1.0, 5.5, 6, **rule) is not None  # fell by 4.5
    assert judge(2.0, 5.0, 6, **rule) is None  # fell by 3: not enough
    assert judge(-3.0, 3.0, 4, **rule) is None  # too few recent events to judge


def test_unknown_bloc_is_not_found(store) -> None:
    with pytest.raises(NotFound):
        bloc_report(store, "NOSUCHBLOC")
