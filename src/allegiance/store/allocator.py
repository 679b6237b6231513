"""DuckDB's own memory allocator: give freed pages back at once while a long batch writes.

DuckDB's Linux wheels link their own jemalloc (its symbols carry the prefix ``duckdb_je_``), which
serves DuckDB's table blocks. jemalloc keeps the pages a checkpoint frees resident for a decay time
(one second in DuckDB's build), in case they are wanted again. During ingest a checkpoint comes every
few hundred articles, so those pages were still resident at the next checkpoint's peak, and the peak
crept up with the batch (measured in ``docs/ingest.md``, "Memory"). With a decay time of zero the pages
go back to the system as they are freed.

jemalloc's control interface (``mallctl``) is exported by DuckDB's extension module and is all this
module uses. Where DuckDB was built without it (other platforms), :func:`prompt_release` changes
nothing and says so.
"""

from __future__ import annotations

import contextlib
import ctypes
from collections.abc import Callable, Iterator
from functools import cache

_DECAYS = ("dirty_decay_ms", "muzzy_decay_ms")
Mallctl = Callable[..., int]


@cache
def _mallctl() -> Mallctl | None:
    try:
        import _duckdb  # DuckDB's extension module, already loaded with duckdb

        function = ctypes.CDLL(_duckdb.__file__).duckdb_je_mallctl
    except (ImportError, OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_char_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_size_t), ctypes.c_void_p,
                         ctypes.c_size_t]
    function.restype = ctypes.c_int
    return function


def _read(mallctl: Mallctl, name: str, kind: type) -> int | None:
    value, size = kind(), ctypes.c_size_t(ctypes.sizeof(kind))
    return value.value if mallctl(name.encode(), ctypes.byref(value), ctypes.byref(size), None, 0) == 0 else None


def _write(mallctl: Mallctl, name: str, value: int) -> bool:
    setting = ctypes.c_ssize_t(value)
    return mallctl(name.encode(), None, None, ctypes.byref(setting), ctypes.sizeof(setting)) == 0


def _decays(mallctl: Mallctl) -> dict[str, int]:
    """The decay settings of every arena and the default for arenas made later: ``{mallctl name: ms}``."""
    arenas = _read(mallctl, "arenas.narenas", ctypes.c_uint) or 0
    names = [f"arena.{i}.{decay}" for i in range(arenas) for decay in _DECAYS]
    names += [f"arenas.{decay}" for decay in _DECAYS]
    found = {name: _read(mallctl, name, ctypes.c_ssize_t) for name in names}
    return {name: ms for name, ms in found.items() if ms is not None}


@contextlib.contextmanager
def prompt_release() -> Iterator[bool]:
    """Within the block, DuckDB's allocator returns freed pages at once; after it, the earlier decay
    times come back. Yields whether the allocator could be reached."""
    mallctl = _mallctl()
    before = _decays(mallctl) if mallctl is not None else {}
    changed = [name for name in before if _write(mallctl, name, 0)] if mallctl is not None else []
    try:
        yield bool(changed)
    finally:
        for name in changed:
            _write(mallctl, name, before[name])


def decay_times() -> dict[str, int]:
    """The allocator's current decay settings (empty where it cannot be reached), for tests to check."""
    mallctl = _mallctl()
    return _decays(mallctl) if mallctl is not None else {}
