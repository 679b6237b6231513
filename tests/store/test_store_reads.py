"""Reads on other threads while ``Store.drop_cache`` holds the memory limit down."""

from __future__ import annotations

import threading

import duckdb
import pytest

from allegiance.store import Store

BIG_SORT = "SELECT s FROM t ORDER BY i DESC LIMIT 1"


class SignallingLock:
    """The store's lock, telling the test when another thread starts to wait for it."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self.waited = threading.Event()

    def __enter__(self) -> None:
        if not self._lock.acquire(blocking=False):
            self.waited.set()
            self._lock.acquire()

    def __exit__(self, *exc: object) -> None:
        self._lock.release()


@pytest.fixture
def store():
    with Store(":memory:") as store:
        store.execute("CREATE TABLE t AS SELECT range AS i, repeat('x', 200) AS s FROM range(200000)")
        store._lock = SignallingLock()
        yield store


def test_a_read_squeezed_by_a_cache_drop_on_another_thread_is_run_again_after_it(store) -> None:
    answers: list[object] = []
    cursor_open, squeezed = threading.Event(), threading.Event()

    def read() -> None:
        store.scalar("SELECT 1")  # opening the thread's cursor takes the lock: do it beforehand
        cursor_open.set()
        squeezed.wait(timeout=60)
        answers.append(store.query(BIG_SORT))

    reader = threading.Thread(target=read)
    reader.start()
    assert cursor_open.wait(timeout=60)
    with store._lock:
        store.conn.execute("SET memory_limit = '1MB'")  # what drop_cache does for a moment
        squeezed.set()
        assert store._lock.waited.wait(timeout=60), "the read should have failed and waited for the lock"
        store.conn.execute(f"SET memory_limit = '{store._memory_limit}'")
    reader.join(timeout=60)
    assert answers == [[{"s": "x" * 200}]]


def test_a_read_that_lacks_memory_for_real_still_fails(store) -> None:
    store.execute("SET memory_limit = '1MB'")
    with pytest.raises(duckdb.OutOfMemoryException):
        store.query(BIG_SORT)
    with pytest.raises(duckdb.OutOfMemoryException):
        store.scalar(BIG_SORT)


def test_scalar_reads_the_first_value() -> None:
    with Store(":memory:") as store:
        assert store.scalar("SELECT 41 + 1") == 42
        assert store.scalar("SELECT 1 WHERE false") is None
