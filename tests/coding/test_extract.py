import json

from allegiance.coding.extract import extract, extract_lines


def _parties(events):
    return [{e["source"]["country"], (e["target"] or {}).get("country")} for e in events]


def test_a_wire_dateline_credits_no_actor(coder):
    events = extract("TASHKENT, May 3 (Reuters) - Uzbek President Shavkat Mirziyoyev met Chinese President "
                     "Xi Jinping in Tashkent on Friday.", "2024-05-03", coder=coder)
    assert events and all(p == {"UZB", "CHN"} for p in _parties(events))
    assert not [e for e in events if "Reuters" in (e["source"]["text"] or "")]


def test_an_agency_dateline_with_a_dash_is_stripped_in_a_stream(coder):
    line = {"id": "x", "date": "2023-07-01",
            "text": "BAKU (AP) — Azerbaijani President Ilham Aliyev condemned Armenia on Saturday."}
    [out] = list(extract_lines([json.dumps(line)], coder=coder))
    assert out["id"] == "x" and out["events"]
    assert all(e["source"]["country"] == "AZE" and e["target"]["country"] == "ARM" for e in out["events"])
    # Evidence points into the text that was coded: the dateline is gone from it.
    assert all(not e["sentence"].startswith("BAKU") for e in out["events"])
