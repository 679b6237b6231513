"""code_stream: stored articles coded as their ids arrive, in one parse stream, committed in groups."""

import datetime as dt
from collections.abc import Iterator

import pytest

from allegiance.coding.code import code_stream
from allegiance.models import Article
from allegiance.store import Store
from allegiance.store.articles import save
from allegiance.store.events import ids_to_code, query_events

MEETING = "Russian President Vladimir Putin met Tajik President Emomali Rahmon in Dushanbe on Monday."
CONDEMNING = "Russia condemned Ukraine on Friday."


def article(ident: str, text: str, duplicate_of: str | None = None) -> Article:
    return Article(id=ident, origin=f"test/{ident}", title=None, url=None, publisher=None, author=None, language="en",
                   published=dt.date(2022, 10, 14), published_precision="day", published_source="metadata",
                   raw_text=text, clean_text=text, duplicate_of=duplicate_of)


def test_ids_arriving_one_by_one_are_coded_and_committed_in_groups(coder) -> None:
    with Store(":memory:") as store:
        for n in range(5):
            save(store, article(f"a{n}", f"{MEETING if n % 2 else CONDEMNING} Item {n}."))
        handed: list[str] = []

        def arriving() -> Iterator[str]:
            for n in range(5):
                handed.append(f"a{n}")
                yield f"a{n}"

        commits: list[int] = []
        stored = code_stream(store, arriving(), batch_size=2, commit_every=2, coder=coder, on_commit=commits.append)
        events = query_events(store, limit=None)
        assert stored == len(events) > 0
        assert commits == [2, 2, 1] and handed == [f"a{n}" for n in range(5)]
        coded = store.query("SELECT id FROM articles WHERE coded_at IS NOT NULL ORDER BY id")
        assert [r["id"] for r in coded] == [f"a{n}" for n in range(5)]


def test_a_near_duplicate_is_not_coded_and_ids_to_code_skips_it(coder) -> None:
    with Store(":memory:") as store:
        save(store, article("a1", MEETING))
        save(store, article("a2", MEETING + " It was warm.", duplicate_of="a1"))
        assert ids_to_code(store) == ["a1"] and ids_to_code(store, ["a2"]) == []
        code_stream(store, iter(["a1", "a2"]), coder=coder)
        assert {e["article_id"] for e in query_events(store, limit=None)} == {"a1"}


def test_an_error_in_the_ids_reaches_the_caller(coder) -> None:
    with Store(":memory:") as store:
        save(store, article("a1", MEETING))

        def broken() -> Iterator[str]:
            yield "a1"
            raise OSError("the feed went away")

        with pytest.raises(OSError, match="went away"):
            code_stream(store, broken(), coder=coder)


def test_an_article_handed_over_is_coded_as_it_is_without_reading_it_back(coder) -> None:
    with Store(":memory:") as store:
        stored = article("a1", MEETING)
        save(store, stored)
        # What is stored differs from what is handed over: only the handed text can give this event.
        store.execute("UPDATE articles SET clean_text = ? WHERE id = 'a1'", [CONDEMNING])
        save(store, article("a2", CONDEMNING))
        code_stream(store, iter([stored, "a2"]), coder=coder)
        events = query_events(store, limit=None)
        assert {(e["article_id"], e["cameo"][:2]) for e in events} >= {("a1", "04"), ("a2", "11")}
        assert all(e["article_id"] != "a1" or e["cameo"][:2] != "11" for e in events)


def test_each_commit_drops_the_block_cache_the_events_filled(coder, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(":memory:") as store:
        for n in range(3):
            save(store, article(f"c{n}", f"{MEETING} Item {n}."))
        drops: list[int] = []
        real = store.drop_cache
        monkeypatch.setattr(store, "drop_cache", lambda: (drops.append(1), real())[1])
        commits: list[int] = []
        code_stream(store, iter(["c0", "c1", "c2"]), batch_size=2, commit_every=2, coder=coder, on_commit=commits.append)
        assert commits == [2, 1] and len(drops) == len(commits)
