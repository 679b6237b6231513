"""The acceptance commands written in the issues (actors, blocs, extract), through the console script."""
from __future__ import annotations

import json

import pytest

from e2e_support import Run, clean

ACTOR_KEYS = {"id", "name", "type", "country", "organization", "sector", "role", "confidence"}


def test_tajik_president_on_the_astana_summit_day(run: Run) -> None:
    result = run("actors", "resolve", "the Tajik president", "--date", "2022-10-14", "--json")
    assert result.returncode == 0, result.stderr
    actor = json.loads(result.stdout)
    assert (actor["name"], actor["country"], actor["sector"]) == ("Emomali Rahmon", "TJK", "GOV")
    assert ACTOR_KEYS <= actor.keys()
    text = run("actors", "resolve", "the Tajik president", "--date", "2022-10-14")
    assert "Emomali Rahmon" in text.stdout and "TJK" in text.stdout and "GOV" in text.stdout


@pytest.mark.parametrize("date, expected", [("2018-05-01", "Petro Poroshenko"), ("2023-05-01", "Volodymyr Zelensky")])
def test_the_ukrainian_president_depends_on_the_date(inproc: Run, date: str, expected: str) -> None:
    result = inproc("actors", "resolve", "the Ukrainian president", "--date", date, "--json")
    assert json.loads(result.stdout)["name"] == expected


def test_resolve_jsonl_stream(run: Run) -> None:
    lines = [
        {"id": "1", "text": "the Tajik president", "date": "2022-10-14"},
        {"id": "2", "text": "Lukashenka", "date": "2022-09-26"},
        {"id": "3", "text": "Blorfian Wizzlebottom", "date": "2022-01-01"},
    ]
    result = run("actors", "resolve", "--jsonl", "-", input="\n".join(map(json.dumps, lines)) + "\n")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["1", "2", "3"]
    assert all(set(o) == {"id", "actor"} for o in out)
    assert out[0]["actor"]["name"] == "Emomali Rahmon"
    assert out[1]["actor"]["country"] == "BLR"
    unknown = out[2]["actor"]
    assert unknown is None or unknown["text"] == "Blorfian Wizzlebottom", "unresolved names are kept, not dropped"


@pytest.mark.parametrize("date, has_finland", [("2022-05-16", False), ("2023-05-01", True)])
def test_nato_members_as_of_a_date(inproc: Run, date: str, has_finland: bool) -> None:
    result = inproc("blocs", "members", "NATO", "--date", date)
    assert result.returncode == 0, result.stderr
    assert ("Finland" in result.stdout) is has_finland
    assert "Turkey" in result.stdout or "Türkiye" in result.stdout


def test_unknown_bloc_and_actor_are_not_found(inproc: Run) -> None:
    bloc = inproc("blocs", "members", "NOSUCHBLOC")
    assert bloc.returncode == 4 and "NOSUCHBLOC" in bloc.stderr and clean(bloc)
    actor = inproc("actors", "show", "Nobodyxyzzy")
    assert actor.returncode == 4 and "Nobodyxyzzy" in actor.stderr and clean(actor)


def test_bad_date_is_a_usage_error_naming_the_parameter(inproc: Run) -> None:
    result = inproc("actors", "resolve", "the Tajik president", "--date", "2022-99-99")
    assert result.returncode == 2 and "date" in result.stderr and clean(result)


EXTRACT_LINES = [
    {"id": "sochi", "text": "Russian President Vladimir Putin met Belarusian President Alexander Lukashenko "
                            "in Sochi on Friday.", "date": "2022-09-16"},
    {"id": "calm", "text": "The weather in Almaty was mild for the season.", "date": "2022-09-16"},
    {"id": "refrain", "text": "China has refrained from condemning Russia.", "date": "2022-03-01"},
    {"id": "reuters", "text": "ASTANA, Sept. 14 (Reuters) - Chinese President Xi Jinping met Kazakh President "
                              "Kassym-Jomart Tokayev in Astana on Wednesday.", "date": "2022-09-14"},
    {"id": "ap", "text": "MOSCOW (AP) — Russian President Vladimir Putin met Chinese President Xi Jinping in "
                         "Moscow on Tuesday.", "date": "2023-03-21"},
    {"id": "quote", "text": "\"You must respect us,\" Tajik President Emomali Rahmon told Russian President "
                            "Vladimir Putin.", "date": "2022-10-14"},
]


@pytest.fixture(scope="module")
def extracted(run: Run) -> dict[str, list[dict]]:
    result = run("extract", "--jsonl", "-", input="\n".join(map(json.dumps, EXTRACT_LINES)) + "\n")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(set(o) == {"id", "events"} for o in out)
    return {o["id"]: o["events"] for o in out}


def test_extract_jsonl_keeps_ids_in_order(extracted: dict[str, list[dict]]) -> None:
    assert list(extracted) == [line["id"] for line in EXTRACT_LINES]


def test_extract_meeting_is_dated_and_placed(extracted: dict[str, list[dict]]) -> None:
    meetings = [e for e in extracted["sochi"] if e["cameo_root"] == "04"]
    assert meetings, extracted["sochi"]
    event = meetings[0]
    assert {event["source"]["name"], event["target"]["name"]} == {"Vladimir Putin", "Alexander Lukashenko"}
    assert event["date"] == "2022-09-16" and event["date_precision"] == "day"
    assert event["location"] and event["location"]["name"] == "Sochi" and event["location"]["country"] == "RUS"


def test_extract_invents_nothing(extracted: dict[str, list[dict]]) -> None:
    assert extracted["calm"] == []
    assert not [e for e in extracted["refrain"] if e["cameo_root"] in ("11", "12")], "negated act is not an act"


def test_readme_extract_example(inproc: Run) -> None:
    result = inproc("extract", "Rahmon demanded respect from Putin.", "--date", "2022-10-14", "--json")
    events = json.loads(result.stdout)
    assert any(e["source"]["name"] == "Emomali Rahmon" and e["target"]["name"] == "Vladimir Putin"
               and e["cameo_root"] == "10" for e in events)


def test_wire_credit_in_dateline_is_not_an_actor(extracted: dict[str, list[dict]]) -> None:
    for key, pair in (("reuters", {"Xi Jinping", "Kassym-Jomart Tokayev"}), ("ap", {"Vladimir Putin", "Xi Jinping"})):
        parties = [{e["source"]["name"], (e["target"] or {}).get("name")} for e in extracted[key]]
        assert parties and all(p == pair for p in parties), (key, parties)


def test_quoted_outburst_belongs_to_the_speaker(extracted: dict[str, list[dict]]) -> None:
    assert any(e["source"]["name"] == "Emomali Rahmon" and (e["target"] or {}).get("name") == "Vladimir Putin"
               for e in extracted["quote"])
