"""Reading in a child process: the same items in the same order as reading here, and no reader left
behind when the consumer stops, fails or dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import psutil
import pytest
from ingest_helpers import settings, story

from allegiance.errors import ReaderError
from allegiance.ingest.prefetch import Prepared, prefetch
from allegiance.models import Rejection

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the child reader needs fork")


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(12):
        (corpus / f"{n:02d}.txt").write_text(story(500 + n, paragraphs=3))
    (corpus / "05-empty.txt").write_text("")
    (corpus / "07-binary.txt").write_bytes(bytes(range(256)) * 8)
    (corpus / "09-lines.jsonl").write_text('{"text": "' + story(900).replace("\n", " ") + '"}\n{not json\n')
    return corpus


def _shape(item: Prepared | Rejection) -> tuple:
    if isinstance(item, Rejection):
        return ("rejected", item.origin, item.reason)
    return ("prepared", item.article, item.read_chars, item.signature.tobytes())


def test_the_child_yields_what_reading_here_yields_in_the_same_order(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    here = [_shape(i) for i in prefetch([str(corpus)], settings(), in_process=True)]
    there = [_shape(i) for i in prefetch([str(corpus)], settings())]
    assert there == here
    kinds = [shape[0] for shape in here]
    assert kinds.count("rejected") == 3 and kinds.count("prepared") == 13


def test_signatures_arrive_as_arrays() -> None:
    item = next(i for i in prefetch([str(Path(__file__).parent / "fixtures")], settings()) if isinstance(i, Prepared))
    assert isinstance(item.signature, np.ndarray) and item.signature.size > 0


def _children() -> set[int]:
    """Live child processes of this one (other tests may have left pools or trackers running)."""
    return {c.pid for c in psutil.Process().children() if c.is_running() and c.status() != psutil.STATUS_ZOMBIE}


def test_stopping_early_ends_the_child(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    before = _children()
    items = prefetch([str(corpus)], settings())
    next(items)
    assert _children() - before, "the reader should be running while items remain"
    items.close()
    assert _children() - before == set()


def test_a_failure_in_the_child_is_raised_here_naming_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import allegiance.ingest.prefetch as module

    def broken(document: object, settings: object) -> None:
        raise RuntimeError("cleaning rules exploded")

    monkeypatch.setattr(module, "prepare", broken)  # the forked child inherits the patch
    before = _children()
    with pytest.raises(ReaderError, match="cleaning rules exploded"):
        list(prefetch([str(_corpus(tmp_path))], settings()))
    assert _children() - before == set()


def test_standard_input_is_read_here() -> None:
    import allegiance.ingest.prefetch as module

    assert module.prefetch(["-"], settings()).__name__ == "_prepare_each"


@pytest.mark.slow
def test_the_child_dies_with_a_killed_parent(tmp_path: Path) -> None:
    corpus = tmp_path / "big"
    corpus.mkdir()
    for n in range(3000):
        (corpus / f"{n:04d}.txt").write_text(story(n, paragraphs=4))
    script = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from ingest_helpers import settings
        from allegiance.ingest.prefetch import prefetch
        items = prefetch([{str(corpus)!r}], settings())
        next(items)
        print("reading", flush=True)
        time.sleep(60)  # the child fills the pipe and waits on it
    """)
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert parent.stdout.readline().strip() == "reading"
    children = psutil.Process(parent.pid).children()
    assert len(children) == 1
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait(timeout=10)
    gone, alive = psutil.wait_procs(children, timeout=10)
    assert alive == [], "the reader outlived its parent"
