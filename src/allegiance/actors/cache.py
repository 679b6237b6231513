"""A pickled copy of the built knowledge base, so that a process (or a worker) starts in well under
a second instead of re-reading several megabytes of YAML.

The copy is keyed on the allegiance version and every data file's and actors module's path, size
and modification time, so any change to the packaged data or the overlay rebuilds it. It lives in
``$XDG_CACHE_HOME/allegiance`` (default ``~/.cache/allegiance``); when that cannot be read or
written the knowledge base is simply built each time.
"""

from __future__ import annotations

import contextlib
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
    # The XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
    chosen = os.environ.get("XDG_CACHE_HOME", "")
    if chosen and os.path.isabs(chosen):
        return Path(chosen) / "allegiance"
    return Path(os.path.expanduser("~")) / ".cache" / "allegiance"


def fingerprint(files: list[Path]) -> str:
    digest = hashlib.sha256(__version__.encode())
    # The code that defines the pickled classes counts too: a checkout that changes a record's
    # fields without a version bump must not unpickle objects of the old shape.
    code = sorted(Path(__file__).parent.glob("*.py"))
    for path in [*sorted(files), *code]:
        stat = path.stat()
        digest.update(f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:24]


def _read(path: Path, kind: type) -> object | None:
    try:
        with path.open("rb") as handle:
            value = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - a corrupt pickle can raise almost anything; it is only a cache
        return None
    return value if isinstance(value, kind) else None


def _write(path: Path, value: object) -> None:
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        # A private temporary file renamed over the target: readers see the old file or the whole
        # new one, and two writers racing each rename a complete file of their own.
        os.replace(tmp, path)
        tmp = None
    except (OSError, pickle.PicklingError):
        pass  # read-only home, full disk: the caller still has the built value
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def cached(files: list[Path], build: Callable[[], T], kind: type = object) -> T:
    """``build()``'s value, from the cache when a copy keyed on ``files`` is there and is a ``kind``."""
    try:
        path = cache_dir() / f"actors-{fingerprint(files)}.pickle"
    except (OSError, RuntimeError):  # no home directory, a data file vanished mid-way
        return build()
    found = _read(path, kind)
    if found is not None:
        return found  # type: ignore[return-value]
    value = build()
    _write(path, value)
    return value
