import pytest

from allegiance.store import Store
from allegiance.store.allocator import decay_times, prompt_release

reachable = pytest.mark.skipif(not decay_times(), reason="this DuckDB build does not export jemalloc's mallctl")


@reachable
def test_prompt_release_zeroes_every_decay_and_restores_it():
    before = decay_times()
    with prompt_release() as changed:
        assert changed
        assert set(decay_times().values()) == {0}
    assert decay_times() == before


@reachable
def test_prompt_release_restores_after_an_error():
    before = decay_times()
    with pytest.raises(RuntimeError), prompt_release():
        raise RuntimeError("the batch failed")
    assert decay_times() == before


def test_lean_writes_uses_one_thread_then_restores_the_setting():
    with Store(":memory:") as store:
        store.execute("SET threads = 2")
        with store.lean_writes():
            assert int(store.scalar("SELECT current_setting('threads')")) == 1
            store.execute("CREATE TABLE t (x INTEGER)")
            store.execute("INSERT INTO t SELECT 1")
        assert int(store.scalar("SELECT current_setting('threads')")) == 2
        with pytest.raises(ZeroDivisionError), store.lean_writes():
            1 / 0
        assert int(store.scalar("SELECT current_setting('threads')")) == 2


@reachable
def test_lean_writes_without_release_leaves_the_decays_alone():
    before = decay_times()
    with Store(":memory:") as store, store.lean_writes(release=False):
        assert decay_times() == before
        assert int(store.scalar("SELECT current_setting('threads')")) == 1
    with Store(":memory:") as store, store.lean_writes():
        assert set(decay_times().values()) == {0}
