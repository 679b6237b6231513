"""A first user's journey over the bundled sample corpus: ingest, inspect, query, export, re-ingest."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import duckdb
import jsonschema
import networkx as nx
import pytest

from e2e_support import SAMPLE, SCHEMA, Run, Sample, clean, counts


def info(run: Run, db: Path) -> dict:
    result = run("info", "--json", "--db", db)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_ingest_counts_new_duplicate_and_near_duplicate(sample: Sample, run: Run) -> None:
    new, duplicate, near, rejected = counts(sample.ingest.stdout + sample.ingest.stderr)
    assert rejected == 0 and clean(sample.ingest)
    assert duplicate >= 1, "the sample ships an exact duplicate (same story in txt and jsonl)"
    assert near >= 1, "the sample ships a syndicated near-duplicate"
    stored = info(run, sample.db)["database"]["counts"]
    # A near-duplicate is stored as its own row linked to the first copy (duplicate_of), an exact one is not.
    assert stored["articles"] == new + near
    assert stored["article_origins"] == new + duplicate + near
    assert stored["events"] == len(sample.events) > 0


def test_info_json_fields(sample: Sample, inproc: Run) -> None:
    data = info(inproc, sample.db)
    assert data["version"] and data["python"]
    assert data["model"]["name"] and data["model"]["version"]
    assert data["database"]["path"].endswith("sample.duckdb")
    assert data["database"]["schema_version"] >= 1


def test_every_event_validates_against_the_documented_schema(sample: Sample) -> None:
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text()))
    problems = [(e["event_id"], err.message) for e in sample.events for err in validator.iter_errors(e)]
    assert problems == []


def test_evidence_spans_point_at_the_article_clean_text_or_its_title(sample: Sample) -> None:
    for event in sample.events:
        evidence = event["evidence"]
        # ingest keeps a headline apart from the clean text; an event read from it points into the title
        part = sample.titles if evidence.get("part") == "title" else sample.clean_text
        text = part[event["article_id"]]
        assert event["sentence"] in text
        assert evidence["trigger"] is not None
        for role in ("trigger", "source", "target"):
            span = evidence[role]
            if span is None:
                continue
            assert text[span["start"]:span["end"]] == span["text"], (event["event_id"], role)
        if event["source"] and evidence["source"]:
            assert evidence["source"]["text"] == event["source"]["text"]


def test_flagship_acceptance_rahmon_rebukes_putin(sample: Sample) -> None:
    """Issue 2's sample story: at the Astana CIS summit Tajikistan's president rebuked Putin."""
    rahmon = [e for e in sample.events
              if e["source"]["id"] == "p:emomali-rahmon" and (e["target"] or {}).get("id") == "p:vladimir-putin"
              and e["date"] == "2022-10-14"]
    assert rahmon, "no Emomali Rahmon → Vladimir Putin event on 2022-10-14"


def test_rahmon_rebuke_is_verbal_conflict_and_no_dateline_actors(sample: Sample) -> None:
    names = {e["source"]["name"] for e in sample.events} | {(e["target"] or {}).get("name") for e in sample.events}
    assert not names & {"Wire", "Steppe Wire", "Eurasia Wire", "Eurasia Desk"}
    assert any(e["source"]["id"] == "p:emomali-rahmon" and (e["target"] or {}).get("country") == "RUS"
               and e["quad_class"] == 3 for e in sample.events)


def test_border_clash_is_coded_as_fighting(sample: Sample) -> None:
    assert any({e["source"]["country"], (e["target"] or {}).get("country")} == {"KGZ", "TJK"}
               and e["quad_class"] == 4 for e in sample.events)


def test_sample_boilerplate_is_cleaned(sample: Sample) -> None:
    leftovers = ["Share this article:", "Share this story:", "About the author:", "Subscribe for full access",
                 "Share | Tweet | Email", "Already a subscriber?"]
    found = [(aid, s) for aid, text in sample.clean_text.items() for s in leftovers if s in text]
    assert found == []


def test_ingest_builds_canonical_events(sample: Sample, run: Run) -> None:
    assert info(run, sample.db)["database"]["counts"]["canonical_events"] > 0


def test_articles_list_search_and_show(sample: Sample, inproc: Run) -> None:
    listed = inproc("articles", "--format", "jsonl", "--limit", "500", "--db", sample.db)
    assert listed.returncode == 0, listed.stderr
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert {r["id"] for r in rows} == set(sample.clean_text)
    found = inproc("articles", "--search", "Rahmon", "--format", "jsonl", "--db", sample.db)
    hits = [json.loads(line) for line in found.stdout.splitlines()]
    assert hits and all("Rahmon" in sample.clean_text[h["id"]] or "Rahmon" in (h["title"] or "") for h in hits)
    since = inproc("articles", "--since", "2024-01-01", "--format", "jsonl", "--db", sample.db)
    assert all(json.loads(line)["published"] >= "2024-01-01" for line in since.stdout.splitlines())
    some_id = rows[0]["id"]
    shown = inproc("show", some_id, "--db", sample.db)
    assert shown.returncode == 0 and some_id in shown.stdout
    assert sample.clean_text[some_id].splitlines()[0] in shown.stdout
    missing = inproc("show", "0000000000000000", "--db", sample.db)
    assert missing.returncode == 4 and "0000000000000000" in missing.stderr and clean(missing)


def test_export_articles_in_every_format(sample: Sample, inproc: Run, tmp_path: Path) -> None:
    for fmt in ("jsonl", "csv", "parquet"):
        out = tmp_path / f"articles.{fmt}"
        result = inproc("export", "articles", "--format", fmt, "--out", out, "--db", sample.db)
        assert result.returncode == 0, result.stderr
        rows = duckdb.sql(f"SELECT * FROM '{out}'").fetchall() if fmt != "jsonl" else None
        if fmt == "jsonl":
            records = [json.loads(line) for line in out.read_text().splitlines()]
            assert len(records) == len(sample.clean_text)
            assert all({"id", "origin", "title", "published", "text"} <= r.keys() for r in records)
            assert all(r["text"] == sample.clean_text[r["id"]] for r in records)
        else:
            assert len(rows) == len(sample.clean_text)


def test_export_events_in_every_format(sample: Sample, inproc: Run, tmp_path: Path) -> None:
    for fmt in ("csv", "parquet"):
        out = tmp_path / f"events.{fmt}"
        result = inproc("export", "events", "--format", fmt, "--out", out, "--db", sample.db)
        assert result.returncode == 0, result.stderr
        assert duckdb.sql(f"SELECT count(*) FROM '{out}'").fetchall()[0][0] == len(sample.events)
    gdelt = tmp_path / "events.tsv"
    result = inproc("export", "events", "--format", "gdelt", "--out", gdelt, "--db", sample.db)
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in gdelt.read_text().splitlines()]
    assert len(rows) == len(sample.events)
    assert {len(r) for r in rows} == {61}, "GDELT 2.0 event table has 61 columns"
    assert all(re.fullmatch(r"\d{8}", r[1]) for r in rows), "SQLDATE is YYYYMMDD"


def test_events_filters(sample: Sample, inproc: Run) -> None:
    def query(*args: str) -> list[dict]:
        result = inproc("events", *args, "--format", "jsonl", "--limit", "1000", "--db", sample.db)
        assert result.returncode == 0, result.stderr
        return [json.loads(line) for line in result.stdout.splitlines()]

    assert len(query()) == len(sample.events)
    dyad = query("--dyad", "RUS:TJK")
    assert dyad and all(e["source"]["country"] == "RUS" and e["target"]["country"] == "TJK" for e in dyad)
    window = query("--since", "2023-01-01", "--until", "2023-12-31")
    assert window and all("2023-01-01" <= e["date"] <= "2023-12-31" for e in window)
    consult = query("--cameo", "04")
    assert consult and all(e["cameo"].startswith("04") for e in consult)
    assert all(e["plover"] == "CONSULT" for e in query("--plover", "CONSULT"))
    by_country = query("--actor", "TJK")
    assert by_country and all("TJK" in (e["source"]["country"], (e["target"] or {}).get("country"))
                              for e in by_country)
    table = inproc("events", "--format", "csv", "--limit", "1000", "--db", sample.db)
    assert len(list(csv.DictReader(io.StringIO(table.stdout)))) == len(sample.events)


def test_events_actor_filter_by_surname(sample: Sample, inproc: Run) -> None:
    result = inproc("events", "--actor", "Putin", "--format", "jsonl", "--db", sample.db)
    assert result.returncode == 0 and result.stdout.strip()


@pytest.mark.parametrize("args, parameter", [
    (("--since", "notadate"), "since"),
    (("--until", "2022-13-45"), "until"),
    (("--dyad", "RUS"), "dyad"),
    (("--cameo", "abc"), "cameo"),
    (("--limit", "-1"), "limit"),
])
def test_events_bad_parameters_are_usage_errors(sample: Sample, inproc: Run, args: tuple, parameter: str) -> None:
    result = inproc("events", *args, "--db", sample.db)
    assert result.returncode == 2 and parameter in result.stderr and clean(result)


def test_events_negative_offset_is_a_usage_error(sample: Sample, inproc: Run) -> None:
    result = inproc("events", "--offset", "-5", "--db", sample.db)
    assert result.returncode == 2 and "offset" in result.stderr and clean(result)


def test_events_unknown_plover_type_is_a_usage_error(sample: Sample, inproc: Run) -> None:
    result = inproc("events", "--plover", "FOO", "--db", sample.db)
    assert result.returncode == 2 and "plover" in result.stderr


def test_relations_commands(sample: Sample, inproc: Run, tmp_path: Path) -> None:
    dyad = inproc("dyad", "RUS", "TJK", "--by", "month", "--db", sample.db)
    assert dyad.returncode == 0 and "RUS" in dyad.stdout, dyad.stderr
    bloc = inproc("bloc", "CSTO", "--json", "--db", sample.db)
    assert bloc.returncode == 0, bloc.stderr
    assert json.loads(bloc.stdout)
    assert inproc("bloc", "NOSUCHBLOC", "--db", sample.db).returncode == 4
    net = inproc("network", "--format", "json", "--db", sample.db)
    graph = json.loads(net.stdout)
    assert graph["nodes"] and graph["edges"]
    graphml = tmp_path / "net.graphml"
    graphml.write_text(inproc("network", "--format", "graphml", "--db", sample.db).stdout)
    assert nx.read_graphml(graphml).number_of_nodes() == len(graph["nodes"])
    alerts = inproc("alerts", "--json", "--db", sample.db)
    assert alerts.returncode == 0 and clean(alerts)
    profile = inproc("actor", "Putin", "--db", sample.db)
    assert profile.returncode == 0 and "Vladimir Putin" in profile.stdout


def test_reingest_is_idempotent(sample: Sample, sample_copy: Path, run: Run) -> None:
    before = info(run, sample_copy)["database"]["counts"]
    again = run("ingest", SAMPLE, "--db", sample_copy)
    assert again.returncode == 0, again.stderr
    new, duplicate, near, rejected = counts(again.stdout + again.stderr)
    assert new == 0 and rejected == 0
    assert duplicate + near == before["article_origins"]
    after = info(run, sample_copy)["database"]["counts"]
    assert {k: after[k] for k in ("articles", "article_origins", "events")} == \
        {k: before[k] for k in ("articles", "article_origins", "events")}


def test_merge_then_event_explains_its_mentions(sample: Sample, sample_copy: Path, run: Run) -> None:
    merged = run("merge", "--db", sample_copy)
    assert merged.returncode == 0, merged.stderr
    canonical = info(run, sample_copy)["database"]["counts"]["canonical_events"]
    assert 0 < canonical <= len(sample.events)
    event_id = sample.events[0]["event_id"]
    shown = run("event", event_id, "--db", sample_copy)
    assert shown.returncode == 0 and event_id in shown.stdout
    assert run("event", "nonexistent", "--db", sample_copy).returncode == 4


def test_pashinyan_refusal_is_a_rejection(sample: Sample) -> None:
    assert any(e["source"]["id"] == "p:nikol-pashinyan" and e["plover"] == "REJECT" and e["date"] == "2022-11-23"
               for e in sample.events)


def test_no_material_conflict_inside_the_csto_summit_story(sample: Sample) -> None:
    yerevan = [e for e in sample.events if "csto-yerevan-summit" in e["origin"]]
    assert yerevan and not [e for e in yerevan if e["quad_class"] == 4]
