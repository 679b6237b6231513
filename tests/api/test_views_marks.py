"""Highlights over an article's clean text."""

from __future__ import annotations

from allegiance.api.views import marks

TEXT = "Putin met Tokayev in Astana."


def _record(event_id: str, trigger: tuple[int, int], part: str | None = None) -> dict:
    evidence = {"sentence_index": 0, "trigger": {"start": trigger[0], "end": trigger[1], "text": "met"},
                "source": None, "target": None}
    if part is not None:
        evidence["part"] = part
    return {"event_id": event_id, "evidence": evidence}


def test_spans_of_the_clean_text_are_marked() -> None:
    assert [m["event_id"] for m in marks(TEXT, [_record("a", (6, 9)), _record("b", (6, 9), "text")])] == ["a"]


def test_an_event_read_from_the_title_marks_nothing_in_the_clean_text() -> None:
    assert marks(TEXT, [_record("h", (6, 9), "title")]) == []
