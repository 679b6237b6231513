"""Producing in a thread ahead of the consumer: same items, same order, errors and early stops passed on."""

from __future__ import annotations

import threading
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from allegiance.ahead import ahead


@given(st.lists(st.integers()), st.integers(min_value=1, max_value=5))
def test_the_same_items_in_the_same_order(items: list[int], depth: int) -> None:
    assert list(ahead(iter(items), depth)) == items


def test_a_producer_error_reaches_the_consumer_after_the_items_before_it() -> None:
    def items():
        yield 1
        yield 2
        raise OSError("disk full")

    seen = []
    with pytest.raises(OSError, match="disk full"):
        for item in ahead(items(), 4):
            seen.append(item)
    assert seen == [1, 2]


def test_the_producer_runs_at_most_depth_items_ahead() -> None:
    produced = []

    def items():
        for n in range(100):
            produced.append(n)
            yield n

    stream = ahead(items(), 3)
    assert next(stream) == 0
    time.sleep(0.3)  # let the producer run as far as it may
    # the queue holds three; one more may wait in the producer's hand
    assert len(produced) <= 1 + 3 + 1
    assert list(stream) == list(range(1, 100))


def test_stopping_early_closes_the_producer_and_ends_its_thread() -> None:
    closed = threading.Event()

    def items():
        try:
            n = 0
            while True:
                yield n
                n += 1
        finally:
            closed.set()

    stream = ahead(items(), 2)
    assert [next(stream) for _ in range(5)] == [0, 1, 2, 3, 4]
    stream.close()
    assert closed.is_set() and not any(t.name == "allegiance-ahead" for t in threading.enumerate())


def test_depth_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        list(ahead(iter([1]), 0))


def test_the_switch_interval_is_short_while_a_producer_runs_and_restored_after() -> None:
    import sys

    from allegiance.ahead import SWITCH_INTERVAL

    before = sys.getswitchinterval()
    seen: list[float] = []

    def items():
        seen.append(sys.getswitchinterval())
        yield 1

    outer = ahead(iter([0, 1]), 1)
    next(outer)
    assert list(ahead(items(), 1)) == [1]
    assert sys.getswitchinterval() == min(before, SWITCH_INTERVAL)  # the outer producer still runs
    assert list(outer) == [1]
    assert seen == [min(before, SWITCH_INTERVAL)] and sys.getswitchinterval() == before


# --- behind: work on submitted items in a thread ---------------------------------------------------

from allegiance.ahead import behind  # noqa: E402


@given(st.lists(st.integers()), st.integers(min_value=1, max_value=5))
def test_behind_does_every_item_in_order_before_the_block_ends(items: list[int], depth: int) -> None:
    done: list[int] = []
    with behind(done.append, depth) as submit:
        for item in items:
            submit(item)
    assert done == items


def test_behind_runs_the_work_in_another_thread() -> None:
    threads = set()
    with behind(lambda _: threads.add(threading.get_ident()), 1) as submit:
        submit(1)
    assert threads and threading.get_ident() not in threads


def test_a_work_error_is_raised_by_the_next_submit_and_later_items_are_not_done() -> None:
    done = []
    failed = threading.Event()

    def work(item: int) -> None:
        if item == 2:
            failed.set()
            raise OSError("disk full")
        done.append(item)

    with pytest.raises(OSError, match="disk full"):
        with behind(work, 1) as submit:
            submit(1)
            submit(2)
            failed.wait(5)
            time.sleep(0.05)
            submit(3)
    assert done == [1]


def test_a_work_error_is_raised_on_leaving_the_block() -> None:
    def work(item: int) -> None:
        raise ValueError(f"bad {item}")

    with pytest.raises(ValueError, match="bad 7"):
        with behind(work, 2) as submit:
            submit(7)


def test_work_submitted_before_the_block_raised_is_still_done() -> None:
    done = []
    with pytest.raises(KeyError):
        with behind(done.append, 4) as submit:
            submit(1)
            submit(2)
            raise KeyError("stop")
    assert done == [1, 2]
