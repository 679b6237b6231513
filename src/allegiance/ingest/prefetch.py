"""Verb ``prefetch``: read, prepare and sign articles in a child process, ahead of the process that
stores and codes them.

    for item in prefetch(["news/"], settings):  # Prepared or Rejection, in input order
        ...

Why a process: an ``ingest`` that codes parses with spaCy in its main thread while a thread stores
what it reads. Reading, cleaning, dating and the MinHash signature are Python (about 0.75 ms an
article), and each stretch of it holds the GIL that the parse needs back after every native call,
which slows the parse about threefold while it lasts (docs/coding-speed.md, "Threads and the GIL").
In a process of its own that work runs on another core and never touches the parse's GIL; what is
left beside the parse is the lookup in the near-duplicate index and the commit, which wait on SQLite
and DuckDB outside the GIL.

The child is forked, so it starts in milliseconds with the parent's settings, and it never opens
the database: the parent stays its single writer. Items arrive in input order, each as it is
ready; a full pipe holds the child back, so it runs a bounded distance ahead. When the parent stops
early or dies, the child ends too. Where ``fork`` is missing, and for standard input (which a
forked child must not share), the same work runs in the calling process instead.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection

import numpy as np

from allegiance.config import Settings
from allegiance.errors import InputError, ReaderError
from allegiance.ingest import dedup
from allegiance.ingest.prepare import prepare
from allegiance.ingest.readers import rejection
from allegiance.ingest.sources import read_inputs
from allegiance.models import Article, Document, Rejection

_PR_SET_PDEATHSIG = 1  # linux/prctl.h


@dataclass(frozen=True)
class Prepared:
    """An article ready to store: its record, the length of the text it was read from (what the
    store's cache accounting counts) and its MinHash signature."""

    article: Article
    read_chars: int
    signature: np.ndarray


def prefetch(inputs: Iterable[str], settings: Settings, *, in_process: bool = False) -> Iterator[Prepared | Rejection]:
    """Each input item prepared (``Prepared``) or rejected (``Rejection``), in order; read in a child
    process unless ``in_process``, fork is missing, or an input is standard input."""
    inputs = list(inputs)
    if in_process or "-" in inputs or "fork" not in multiprocessing.get_all_start_methods():
        return _prepare_each(inputs, settings)
    return _from_child(inputs, settings)


def prepared(document: Document, settings: Settings) -> Prepared:
    """One document made an article and signed; InputError when it is not an article."""
    article = prepare(document, settings)
    return Prepared(article, len(document.text), dedup.signature(article.clean_text))


def _prepare_each(inputs: Iterable[str], settings: Settings) -> Iterator[Prepared | Rejection]:
    for item in read_inputs(inputs, settings):
        if not isinstance(item, Document):
            yield item
            continue
        try:
            yield prepared(item, settings)
        except InputError as exc:
            yield rejection(exc, item.origin)


def _from_child(inputs: list[str], settings: Settings) -> Iterator[Prepared | Rejection]:
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sending, inputs, settings, os.getpid()), name="allegiance-reader",
                            daemon=True)
    child.start()
    sending.close()  # the child's end: with it closed here, the pipe ends when the child does
    try:
        while True:
            try:
                kind, payload = receiving.recv()
            except EOFError:
                child.join()
                raise ReaderError(
                    f"the reading process ended without finishing (exit code {child.exitcode})",
                    input=", ".join(inputs)[:200],
                    hint="rerun the same command: articles already stored are kept and not stored twice",
                ) from None
            if kind == "end":
                return
            if kind == "error":
                raise ReaderError(f"reading failed: {payload}", input=", ".join(inputs)[:200],
                                 hint="report this with the inputs that caused it; rerun skips what is stored")
            yield payload
    finally:
        receiving.close()
        if child.is_alive():
            child.terminate()
        child.join()


def _child(sending: Connection, inputs: list[str], settings: Settings, parent: int) -> None:
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it ends the child
    try:
        for item in _prepare_each(inputs, settings):
            sending.send(("item", item))
        sending.send(("end", None))
    except (BrokenPipeError, ConnectionResetError):
        pass  # the parent stopped reading: nothing is waiting for the rest
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it
        with contextlib.suppress(OSError):
            sending.send(("error", "".join(traceback.format_exception_only(type(exc), exc)).strip()))
    finally:
        sending.close()


def _die_with_parent(parent: int) -> None:
    """On Linux, be killed when the parent dies, even by SIGKILL (a kill mid-batch must not leave a
    reader behind). Elsewhere the child ends at its next send, which finds the pipe closed."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before the call took effect
            os._exit(0)


__all__ = ["Prepared", "prefetch", "prepared"]
