"""Run an iterator in a thread a bounded number of items ahead of its consumer (``ahead``), or
work on submitted items in a thread behind their producer (``behind``).

Ingest uses it to read, clean and store articles while the coder works on the ones stored before:
storing waits on files, the network and the disk (each commit), and DuckDB and spaCy's matrix
products release the GIL while they work. The overlap is partial: each thread must win the GIL back
when its native call returns. A thread that wants the GIL asks the holder to let go only after the
interpreter's switch interval (5 ms by default), and spaCy's parse returns from native code dozens of
times a batch, so while a producer runs the interval is 1 ms (measured in docs/coding-speed.md,
"Threads and the GIL").

Ingest's coder hands its events to ``behind`` to be committed, so DuckDB's inserts overlap the next
parse instead of waiting for it.

The producer's exceptions are raised in the consumer, in order. When the consumer stops early (an
error, an interrupt, or it simply stops iterating), the producer is told to stop, closed (so its
files are released) and waited for: nothing it does outlives the loop that read it.
"""

from __future__ import annotations

import contextlib
import queue
import sys
import threading
from collections.abc import Callable, Iterator
from typing import TypeVar

T = TypeVar("T")

_END = object()
_POLL = 0.05  # seconds a blocked producer waits before it checks whether it should stop
SWITCH_INTERVAL = 0.001  # seconds a thread holds the GIL while another waits for it, producers running

_handoff_lock = threading.Lock()
_handoff_users = 0
_saved_interval = 0.0


@contextlib.contextmanager
def _quick_handoff() -> Iterator[None]:
    """The interpreter's switch interval at most SWITCH_INTERVAL while any producer runs, restored
    when the last one ends."""
    global _handoff_users, _saved_interval
    with _handoff_lock:
        if _handoff_users == 0:
            _saved_interval = sys.getswitchinterval()
            sys.setswitchinterval(min(SWITCH_INTERVAL, _saved_interval))
        _handoff_users += 1
    try:
        yield
    finally:
        with _handoff_lock:
            _handoff_users -= 1
            if _handoff_users == 0:
                sys.setswitchinterval(_saved_interval)


def ahead(items: Iterator[T], depth: int) -> Iterator[T]:
    """The items of ``items``, produced in a thread at most ``depth`` items ahead."""
    if depth < 1:
        raise ValueError(f"depth must be at least 1, not {depth}")
    box: queue.Queue[tuple[BaseException | None, object]] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(entry: tuple[BaseException | None, object]) -> bool:
        while not stop.is_set():
            try:
                box.put(entry, timeout=_POLL)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put((None, item)):
                    return
            put((None, _END))
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer, which raises it
            put((exc, None))
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                close()

    with _quick_handoff():
        thread = threading.Thread(target=produce, name="allegiance-ahead", daemon=True)
        thread.start()
        try:
            while True:
                error, item = box.get()
                if error is not None:
                    raise error
                if item is _END:
                    return
                yield item  # type: ignore[misc]
        finally:
            stop.set()
            thread.join()


@contextlib.contextmanager
def behind(work: Callable[[T], object], depth: int) -> Iterator[Callable[[T], None]]:
    """A ``submit`` function that hands an item to ``work``, run in a thread in the order submitted,
    with at most ``depth`` items waiting (``submit`` blocks beyond that).

    Leaving the block waits until everything submitted is done, also when the block raised, so work
    handed over is never lost half-way. An exception from ``work`` stops the thread: it is raised by
    the next ``submit``, or on leaving the block when the block itself did not raise."""
    if depth < 1:
        raise ValueError(f"depth must be at least 1, not {depth}")
    box: queue.Queue[object] = queue.Queue(maxsize=depth)
    failed: list[BaseException] = []

    def consume() -> None:
        while (item := box.get()) is not _END:
            if failed:
                continue  # drain what was already submitted; submit raises the error
            try:
                work(item)  # type: ignore[arg-type]
            except BaseException as exc:  # noqa: BLE001 - raised in the submitting thread
                failed.append(exc)

    def submit(item: T) -> None:
        if failed:
            raise failed[0]
        box.put(item)

    with _quick_handoff():
        thread = threading.Thread(target=consume, name="allegiance-behind", daemon=True)
        thread.start()
        try:
            yield submit
        finally:
            box.put(_END)
            thread.join()
        if failed:
            raise failed[0]
