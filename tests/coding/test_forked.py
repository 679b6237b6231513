"""coding.forked: articles parsed and coded in a child process, events back in order."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator

import pytest

from allegiance.coding.code import Text
from allegiance.coding.forked import code_many
from allegiance.errors import CodingError

DAY = dt.date(2022, 10, 14)
TEXTS = [
    "Russian President Vladimir Putin met Tajik President Emomali Rahmon in Dushanbe on Monday.",
    "Russia condemned Ukraine on Friday.",
    "The weather in Astana was mild.",
    "Kazakhstan and Uzbekistan signed a water agreement on Tuesday.",
]


def texts() -> list[Text]:
    return [Text(f"a{n}", f"test/a{n}", DAY, text) for n, text in enumerate(TEXTS)]


def as_json(pairs) -> list[tuple[str, list[dict]]]:
    return [(text.article_id, [e.to_dict() for e in events]) for text, events in pairs]


def test_the_child_codes_what_the_calling_process_would_in_the_same_order(coder) -> None:
    forked = as_json(code_many(coder, iter(texts()), batch_size=2))
    assert forked == as_json(coder.code_many(texts(), 2))
    assert [article for article, _ in forked] == ["a0", "a1", "a2", "a3"]
    assert any(events for _, events in forked)


def test_the_coding_runs_in_another_process(coder, monkeypatch: pytest.MonkeyPatch) -> None:
    here = os.getpid()
    coded_in: list[int] = []
    real = type(coder).code_doc

    def spying(self, item, doc):
        coded_in.append(os.getpid())
        return real(self, item, doc)

    monkeypatch.setattr(type(coder), "code_doc", spying)
    list(code_many(coder, iter(texts()[:1])))
    assert coded_in == []  # the parent's list: the child appended to its own copy
    list(code_many(coder, iter(texts()[:1]), in_process=True))
    assert coded_in == [here]


def test_an_error_reading_the_articles_comes_after_the_events_of_those_read(coder) -> None:
    got: list[str] = []

    def broken() -> Iterator[Text]:
        yield texts()[0]
        raise OSError("the feed went away")

    with pytest.raises(OSError, match="went away"):
        for text, _ in code_many(coder, broken()):
            got.append(text.article_id)
    assert got == ["a0"]


def test_a_coder_failing_in_the_child_is_reported_naming_the_article(coder, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(self, item, doc):
        raise ValueError("no parse for you")

    monkeypatch.setattr(type(coder), "code_doc", failing)
    with pytest.raises(CodingError, match=r"a0 .*no parse for you"):
        list(code_many(coder, iter(texts())))


def test_a_child_that_dies_is_reported(coder, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(type(coder), "code_doc", lambda self, item, doc: os._exit(3))
    with pytest.raises(CodingError, match="exit code 3"):
        list(code_many(coder, iter(texts())))


def test_stopping_early_ends_the_child(coder) -> None:
    stream = code_many(coder, iter(texts() * 10), batch_size=2)
    first = next(stream)
    assert first[0].article_id == "a0"
    stream.close()  # the child is terminated and waited for; nothing hangs
