"""The prebuilt facts table and the raw events give the same answers."""

from __future__ import annotations

from pathlib import Path

from allegiance.relations.blocs import bloc_report
from allegiance.relations.common import clear_cache, facts_ready
from allegiance.relations.network import build_network, network_json
from allegiance.relations.series import dyad_series, most_active_dyads
from allegiance.store import Store
from allegiance.store.relations import facts_version


def test_facts_and_raw_events_agree(corpus_db, store, tmp_path: Path) -> None:
    copy = tmp_path / "facts.duckdb"
    copy.write_bytes(Path(corpus_db[0]).read_bytes())
    assert not facts_ready(store)  # read-only and never built: the raw path
    with Store(str(copy)) as writable:
        assert facts_ready(writable) and facts_version(writable) is not None
        for a, b in [("RUS", "TJK"), ("ARM", "RUS"), ("CSTO", "ARM"), ("p:vladimir-putin", "KAZ")]:
            for directed in (True, False):
                for interval in ("day", "week", "month"):
                    assert dyad_series(writable, a, b, interval=interval, directed=directed) == \
                        dyad_series(store, a, b, interval=interval, directed=directed)
        assert network_json(build_network(writable)) == network_json(build_network(store))
        assert bloc_report(writable, "CSTO") == bloc_report(store, "CSTO")
        assert most_active_dyads(writable) == most_active_dyads(store)
        # A new event makes the facts stale; they are rebuilt on the next query.
        before = sum(p.events for p in dyad_series(writable, "RUS", "TJK"))
        writable.execute("INSERT INTO events SELECT * REPLACE ('extra' || event_id AS event_id, NULL AS canonical_id) "
                         "FROM events WHERE source_country = 'RUS' AND target_country = 'TJK' LIMIT 1")
        clear_cache()  # what a writer in this process does after writing
        assert sum(p.events for p in dyad_series(writable, "RUS", "TJK")) == before + 1
