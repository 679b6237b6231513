"""Verb ``code_many``: parse and code articles in a child process, beside the process that stores them.

    for text, events in code_many(coder, articles, batch_size=32):  # in the order given
        ...

Why a process: while ``ingest`` codes, its process also stores each article (the near-duplicate
lookup and the commit) and commits the events behind the coder, in threads. Their Python holds the GIL
that spaCy's parse must win back after each of the dozens of native calls of a batch, and a parse next
to busy Python runs several times slower while that lasts (docs/coding-speed.md, "Threads and the
GIL"). In a process of its own the parse and the coder are the only Python there; nothing slows them
but the work they do, and the storing runs on another core.

The child is forked with the loaded coder, so it starts in milliseconds and shares the model's memory
with its parent until either writes to it. It never touches the database: the parent stays its single
writer, and commits what the child sends back. Texts go to the child as the caller's iterator gives
them (read by a thread of the parent, so the child's batch fills while the parent waits for results),
and events come back in the same order. When the parent stops early or dies, the child ends too.
Where ``fork`` is missing, or with ``in_process``, the coder runs in the calling process.
"""

from __future__ import annotations

import collections
import contextlib
import multiprocessing
import os
import signal
import threading
import traceback
from collections.abc import Iterable, Iterator
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from allegiance.errors import CodingError
from allegiance.ahead import die_with_parent
from allegiance.models import Article, Event

if TYPE_CHECKING:
    from allegiance.coding.code import Coder, Text

_END = None  # what the parent sends after the last text


def code_many(coder: "Coder", articles: Iterable["Article | Text | dict[str, Any]"], batch_size: int = 32, *,
              in_process: bool = False) -> Iterator[tuple["Text", list[Event]]]:
    """(text, its events) for each article, in order, coded in a child process unless ``in_process``
    or ``fork`` is missing. The child is forked at once, before the caller starts threads of its own
    (a child forked beside running threads could inherit a lock one of them held). An error while
    reading ``articles`` reaches the caller after the events of every article read before it."""
    if in_process or "fork" not in multiprocessing.get_all_start_methods():
        return coder.code_many(articles, batch_size)
    return _from_child(coder, articles, batch_size)


def _from_child(coder: "Coder", articles: Iterable[Any], batch_size: int) -> Iterator[tuple["Text", list[Event]]]:
    """Fork the child and start feeding it now, before the caller starts threads of its own; the
    results are read as the caller iterates."""
    from allegiance.coding.code import as_text

    context = multiprocessing.get_context("fork")
    texts_out, texts_in = context.Pipe(duplex=False)
    events_out, events_in = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(coder, texts_out, events_in, batch_size, os.getpid()),
                            name="allegiance-coder", daemon=True)
    child.start()
    texts_out.close()  # the child's ends: with them closed here, each pipe ends when its writer does
    events_in.close()
    sent: collections.deque[Text] = collections.deque()
    failed: list[BaseException] = []
    stop = threading.Event()

    def feed() -> None:
        try:
            for article in articles:
                if stop.is_set():
                    return
                text = as_text(article)
                sent.append(text)
                texts_in.send(text)
        except (BrokenPipeError, ConnectionResetError):
            return  # the child is gone: the receiving side reports why
        except BaseException as exc:  # noqa: BLE001 - raised by the receiving side, after what was sent
            failed.append(exc)
        finally:
            close = getattr(articles, "close", None)
            if close is not None and stop.is_set():
                close()
            with contextlib.suppress(OSError):
                texts_in.send(_END)
            texts_in.close()

    feeder = threading.Thread(target=feed, name="allegiance-coder-feed", daemon=True)
    feeder.start()
    return _results(child, events_out, sent, failed, stop, feeder)


def _results(child: Any, events_out: Connection, sent: collections.deque["Text"], failed: list[BaseException],
             stop: threading.Event, feeder: threading.Thread) -> Iterator[tuple["Text", list[Event]]]:
    try:
        while True:
            try:
                kind, payload = events_out.recv()
            except EOFError:
                child.join()
                raise CodingError(f"the coding process ended without finishing (exit code {child.exitcode})",
                                  input=_describe(sent),
                                  hint="rerun the same command: articles stored but not coded are coded then") from None
            if kind == "end":
                break
            if kind == "error":
                raise CodingError(f"coding failed: {payload}", input=_describe(sent),
                                  hint="report this with the article; rerun codes what is left")
            yield sent.popleft(), payload
    finally:
        stop.set()
        events_out.close()
        if child.is_alive():
            child.terminate()
        child.join()
        feeder.join()
    if failed:
        raise failed[0]


def _describe(sent: collections.deque["Text"]) -> str:
    return f"article {sent[0].article_id} ({sent[0].origin})" if sent else "the articles to code"


def _child(coder: "Coder", receiving: Connection, sending: Connection, batch_size: int, parent: int) -> None:
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it ends the child

    def texts() -> Iterator["Text"]:
        while (text := receiving.recv()) is not _END:
            yield text

    try:
        for _, events in coder.code_many(texts(), batch_size):
            sending.send(("events", events))
        sending.send(("end", None))
    except (BrokenPipeError, ConnectionResetError, EOFError):
        pass  # the parent stopped: nothing is waiting for the rest
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it
        with contextlib.suppress(OSError):
            sending.send(("error", "".join(traceback.format_exception_only(type(exc), exc)).strip()))
    finally:
        sending.close()
        receiving.close()


__all__ = ["code_many"]
