"""Reads on other threads while ``Store.drop_cache`` holds the memory limit down, and setting it back up."""

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


class RestoreFails:
    """The store's connection, failing for want of memory the first ``times`` times the limit is set
    back up: what happened when a read on another thread held memory past the lowered limit."""

    def __init__(self, store: Store, times: int) -> None:
        self.conn, self.left = store.conn, times
        self.restore = f"SET memory_limit = '{store._memory_limit}'"

    def execute(self, sql: str, *args: object):
        if sql == self.restore and self.left:
            self.left -= 1
            raise duckdb.OutOfMemoryException("failed to allocate data of size 2.0 KiB (3.4 MiB/3.2 MiB used)")
        return self.conn.execute(sql, *args)

    def __getattr__(self, name: str) -> object:
        return getattr(self.conn, name)


def test_a_limit_that_cannot_be_set_back_at_once_is_set_back_when_memory_frees() -> None:
    with Store(":memory:") as store:
        limit = store.scalar("SELECT current_setting('memory_limit')")
        store.conn = RestoreFails(store, times=3)
        store.drop_cache()
        assert store.conn.left == 0
        store.conn = store.conn.conn
        assert store.scalar("SELECT current_setting('memory_limit')") == limit


def test_a_limit_that_can_never_be_set_back_is_an_error_naming_the_database(monkeypatch) -> None:
    import allegiance.store as store_module
    from allegiance.errors import StoreError

    monkeypatch.setattr(store_module, "RESTORE_WAITS", (0.0,) * 4)
    with Store(":memory:") as store:
        store.conn = RestoreFails(store, times=4)
        with pytest.raises(StoreError, match="memory limit") as raised:
            store.drop_cache()
        assert raised.value.input == ":memory:"
        store.conn = store.conn.conn
