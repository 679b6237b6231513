"""A pickled copy of the built knowledge base, so that a process (or a worker) starts in well under
a second instead of re-reading several megabytes of YAML.

The copy is keyed on the allegiance version and every data file's path, size and modification
time, so any change to the packaged data or the overlay rebuilds it. It lives in
``$XDG_CACHE_HOME/allegiance`` (default ``~/.cache/allegiance``); when that cannot be read or
written the knowledge base is simply built each time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from allegiance import __version__

T = TypeVar("T")


def cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "allegiance"


def fingerprint(files: list[Path]) -> str:
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(files):
        stat = path.stat()
        digest.update(f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:24]


def cached(files: list[Path], build: Callable[[], T]) -> T:
    path = cache_dir() / f"actors-{fingerprint(files)}.pickle"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        pass  # absent, unreadable or written by another version: build it
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)  # atomic: parallel workers never read half a file
    except OSError:
        pass
    return value
