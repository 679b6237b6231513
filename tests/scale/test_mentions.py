import dataclasses
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allegiance.scale import mentions
from allegiance.scale.mentions import cluster, content_words, group_key, jaccard, merge_mentions
from allegiance.store import canonical
from allegiance.store import Store
from allegiance.store.events import replace_events

from .conftest import LEADERS, add_article, make_event

DAY = dt.date(2022, 9, 22)


def _ingest(store, reports):
    for article_id, publisher, events in reports:
        add_article(store, article_id, publisher)
        replace_events(store, article_id, events)


def test_syndicated_reports_of_one_meeting_merge(store):
    _ingest(store, [
        ("a1", "Reuters", [make_event("a1", "RUS", "BLR", "Putin met Lukashenko in Sochi to discuss gas prices and loans.", DAY, place="Sochi")]),
        ("a2", "TASS", [make_event("a2", "RUS", "BLR", "In Sochi, Putin met Lukashenko for talks on gas prices and loans.", DAY, place="Sochi")]),
        ("a3", "BelTA", [make_event("a3", "RUS", "BLR", "Putin and Lukashenko held talks in Sochi on loans and gas prices.", DAY + dt.timedelta(days=1), precision="published")]),
    ])
    summary = merge_mentions(store)
    assert (summary.events, summary.canonical, summary.merged_mentions) == (3, 1, 2)
    row = store.query("SELECT * FROM canonical_events")[0]
    assert (row["n_mentions"], row["n_articles"], row["n_sources"]) == (3, 3, 3)
    assert row["date_min"] == DAY and row["date_max"] == DAY + dt.timedelta(days=1)
    explained = canonical.explain(store, store.query("SELECT event_id FROM events WHERE article_id='a3'")[0]["event_id"])
    assert len(explained["mentions"]) == 3
    assert any("similarity" in (m["reason"] or "") for m in explained["mentions"])


def test_two_meetings_a_week_apart_stay_two_events(store):
    later = DAY + dt.timedelta(days=7)
    _ingest(store, [
        ("a1", "Reuters", [make_event("a1", "RUS", "BLR", "Putin met Lukashenko in Sochi to discuss gas prices.", DAY)]),
        ("a2", "Reuters", [make_event("a2", "RUS", "BLR", "Putin met Lukashenko in Sochi to discuss gas prices.", later)]),
    ])
    assert merge_mentions(store).canonical == 2


def test_different_places_or_directions_or_types_do_not_merge(store):
    _ingest(store, [
        ("a1", "X", [make_event("a1", "RUS", "TJK", "Putin met Rahmon in Astana.", DAY, place="Astana")]),
        ("a2", "Y", [make_event("a2", "RUS", "TJK", "Putin met Rahmon in Dushanbe.", DAY, place="Dushanbe")]),
        ("a3", "Z", [make_event("a3", "TJK", "RUS", "Rahmon met Putin in Astana.", DAY, place="Astana")]),
        ("a4", "W", [make_event("a4", "RUS", "TJK", "Putin criticised Rahmon in Astana.", DAY, cameo="111", plover="ACCUSE", place="Astana")]),
    ])
    assert merge_mentions(store).canonical == 4


def test_a_lone_report_is_a_canonical_event_of_one(store):
    """A cluster of one report takes a shortcut for its dates and counts; they must be what the
    general formulas give, also for an undated report."""
    dated = make_event("a1", "RUS", "BLR", "Putin met Lukashenko in Sochi.", DAY)
    undated = dataclasses.replace(make_event("a2", "TJK", "RUS", "Rahmon called Putin.", DAY), date=None, published=None)
    _ingest(store, [("a1", "X", [dated]), ("a2", "Y", [undated])])
    merge_mentions(store)
    rows = {r["first_event_id"]: r for r in store.query("SELECT * FROM canonical_events")}
    fields = ("date", "date_min", "date_max", "first_reported", "n_mentions", "n_articles", "n_sources")
    assert tuple(rows[dated.event_id][f] for f in fields) == (DAY, DAY, DAY, DAY, 1, 1, 1)
    assert tuple(rows[undated.event_id][f] for f in fields) == (None, None, None, None, 1, 1, 1)


def test_merge_is_idempotent(store):
    _ingest(store, [
        ("a1", "X", [make_event("a1", "RUS", "BLR", "Putin met Lukashenko in Sochi on gas.", DAY)]),
        ("a2", "Y", [make_event("a2", "RUS", "BLR", "Putin met Lukashenko in Sochi on gas.", DAY)]),
    ])
    merge_mentions(store)
    first = store.query("SELECT event_id, canonical_id FROM events ORDER BY event_id")
    merge_mentions(store)
    assert store.query("SELECT event_id, canonical_id FROM events ORDER BY event_id") == first
    assert store.scalar("SELECT count(*) FROM canonical_events") == 1


def test_same_article_repeats_merge_even_with_different_wording():
    rows = [
        {"event_id": e, "article_id": "a1", "publisher": None, "date": DAY, "date_precision": "day", "published": DAY,
         "source_type": "person", "source_org": None, "source_country": "TJK", "source_id": "p", "source_name": "R",
         "target_type": "person", "target_org": None, "target_country": "RUS", "target_id": "q", "target_name": "P",
         "plover": "ACCUSE", "cameo_root": "11", "location_name": None, "sentence": s}
        for e, s in [("e1", "Rahmon rebukes Putin"), ("e2", "The Tajik leader demanded respect, scolding the Kremlin chief")]
    ]
    assert len(cluster(rows)) == 1


def _row(event_id, day, place, sentence, precision="day"):
    return {"event_id": event_id, "article_id": event_id, "publisher": None, "date": DAY + dt.timedelta(days=day),
            "date_precision": precision, "published": DAY, "source_type": "person", "source_org": None,
            "source_country": "TJK", "source_id": "p", "source_name": "R", "target_type": "person", "target_org": None,
            "target_country": "RUS", "target_id": "q", "target_name": "P", "plover": "CONSULT", "cameo_root": "04",
            "location_name": place, "sentence": sentence}


def test_a_report_reaches_past_a_later_cluster_to_the_one_it_belongs_to():
    rows = [_row("e1", 0, "Sochi", "Rahmon met Putin in Sochi"), _row("e2", 2, "Astana", "Rahmon met Putin in Astana"),
            _row("e3", 3, "Sochi", "Rahmon and Putin met in Sochi", precision="published")]  # 3 days: the most allowed
    clusters = cluster(rows)
    assert [[c.first.event_id] + [m.event_id for m, _, _ in c.members] for c in clusters] == [["e1", "e3"], ["e2"]]
    assert [len(c.members) for c in cluster(list(reversed(rows)))] == [1, 0]  # out of order: e3 starts, e1 joins it
    unordered = [_row("f1", 3, "Sochi", "Rahmon met Putin in Sochi"), _row("f2", 0, "Sochi", "Rahmon met Putin in Sochi"),
                 _row("f3", 4, "Sochi", "Rahmon met Putin in Sochi")]
    assert [[c.first.event_id] + [m.event_id for m, _, _ in c.members] for c in cluster(unordered)] == [["f1", "f3"], ["f2"]]


def test_similarity_helpers():
    a, b = content_words("Putin met Lukashenko in Sochi"), content_words("Lukashenko met Putin in Sochi")
    assert jaccard(a, b) == 1.0
    assert jaccard(a, frozenset()) == 0.0


def _state(store):
    canon = store.query("SELECT * FROM canonical_events ORDER BY canonical_id")
    links = store.query("SELECT event_id, canonical_id FROM events ORDER BY event_id")
    return canon, links


SENTENCES = ["Putin met Lukashenko in Sochi on gas.", "Talks on gas prices in Sochi ended.",
             "Rahmon scolded Putin over migrants.", "The leaders discussed loans and gas prices."]
_events = st.lists(st.tuples(st.sampled_from(sorted(LEADERS)), st.sampled_from(sorted(LEADERS)), st.integers(0, 12),
                             st.sampled_from(SENTENCES), st.booleans(), st.sampled_from([None, "Sochi", "Astana"])),
                   max_size=4)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 5), _events), min_size=1, max_size=6))
def test_merging_only_the_groups_that_changed_gives_the_full_recompute(tmp_path_factory, steps):
    with Store(tmp_path_factory.mktemp("m") / "t.duckdb") as store:
        known: set[str] = set()
        for n, reports in steps:  # each step (re-)codes one article, replacing its events, then merges
            article_id = f"a{n}"
            if article_id not in known:
                add_article(store, article_id, f"P{n % 3}")
                known.add(article_id)
            events = [make_event(article_id, s, t, text, DAY + dt.timedelta(days=d), index=i, place=place,
                                 cameo="040" if meet else "111", plover="CONSULT" if meet else "ACCUSE",
                                 precision="day" if d % 3 else "published")
                      for i, (s, t, d, text, meet, place) in enumerate(reports) if s != t]
            replace_events(store, article_id, events)
            merge_mentions(store)
            incremental = _state(store)
            merge_mentions(store, full=True)
            assert _state(store) == incremental


# Actor fields as stored: organizations the KB keys by country (SBU), by parent (EDB -> EAEU), by
# themselves (TALIBAN), one it does not know; empty strings and NULLs wherever a coder may leave them.
_orgs = st.sampled_from([None, "", "SBU", "EDB", "EAEU", "TALIBAN", "NOT_IN_KB"])
_countries = st.sampled_from([None, "", "UKR", "RUS", "AFG"])
_names = st.sampled_from([None, "", "x", "y"])
_actor = st.tuples(_orgs, _countries, _names, _names)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(_actor, _actor, st.sampled_from([None, "", "CONSULT", "ACCUSE"]), st.sampled_from(["04", "11"])),
                min_size=1, max_size=40))
def test_each_part_of_a_merge_holds_whole_groups(tmp_path_factory, kinds):
    """The parts are made in SQL, the groups in Python (``group_key``): every group must fall in one part."""
    with Store(tmp_path_factory.mktemp("p") / "t.duckdb") as store:
        add_article(store, "a1", "P")
        for n, ((so, sc, si, sn), (to, tc, ti, tn), plover, root) in enumerate(kinds):
            store.execute(
                """INSERT INTO events (event_id, article_id, source_org, source_country, source_id, source_name,
                                       target_org, target_country, target_id, target_name, plover, cameo, cameo_root, record)
                   VALUES (?, 'a1', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}')""",
                [f"e{n}", so, sc, si, sn, to, tc, ti, tn, plover, root + "0", root])
        part_of: dict[tuple, int] = {}
        with canonical.remerge(store, None, mentions._org_key, part_events=1) as merge:
            assert merge.parts == len(kinds)
            for part in range(merge.parts):
                for row in merge.rows(part):
                    assert part_of.setdefault(group_key(row), part) == part
            assert len(part_of) == len({group_key(row) for row in _kind_rows(kinds)})


def _kind_rows(kinds):
    return [{"source_org": so, "source_country": sc, "source_id": si, "source_name": sn, "target_org": to,
             "target_country": tc, "target_id": ti, "target_name": tn, "plover": plover, "cameo_root": root}
            for (so, sc, si, sn), (to, tc, ti, tn), plover, root in kinds]


def test_the_merge_is_the_same_in_parts_of_any_size(tmp_path):
    days = range(0, 9, 2)
    with Store(tmp_path / "t.duckdb") as store:
        _ingest(store, [
            (f"a{d}{s}{t}", f"P{d % 2}", [make_event(f"a{d}{s}{t}", s, t, "Putin met Lukashenko in Sochi on gas.", DAY + dt.timedelta(days=d))])
            for d in days for s in sorted(LEADERS) for t in sorted(LEADERS) if s != t
        ])
        merge_mentions(store)
        whole = _state(store)
        for part_events in (1, 3, 1000):
            assert merge_mentions(store, full=True, part_events=part_events).canonical == len(whole[0])
            assert _state(store) == whole
        assert len(whole[0]) == 6 * 3  # six directed dyads, each reported every other day for nine days: three clusters


def test_a_merge_cut_short_is_finished_by_the_next(tmp_path, monkeypatch):
    with Store(tmp_path / "t.duckdb") as store:
        _ingest(store, [
            (f"a{d}{s}{t}", "P", [make_event(f"a{d}{s}{t}", s, t, "Putin met Lukashenko in Sochi on gas.", DAY + dt.timedelta(days=d))])
            for d in range(0, 9, 2) for s in sorted(LEADERS) for t in sorted(LEADERS) if s != t
        ])
        merge_mentions(store, window_days=1)  # clusters of another rule, which the next merges replace
        write, written = canonical.Remerge.write, []

        def write_twice_then_die(self, *args):
            if len(written) == 2:
                raise KeyboardInterrupt
            written.append(write(self, *args))

        monkeypatch.setattr(canonical.Remerge, "write", write_twice_then_die)
        with pytest.raises(KeyboardInterrupt):
            merge_mentions(store, part_events=1)
        monkeypatch.setattr(canonical.Remerge, "write", write)
        assert len(written) == 2
        merge_mentions(store)
        finished = _state(store)
        merge_mentions(store, full=True)
        assert _state(store) == finished
        assert len(finished[0]) == 6 * 3
