"""Cut the inputs of a big ingest into shards that workers read on their own.

A shard is small, serialisable and names exactly what it covers, so its id is stable across runs:
re-running the same ingest plans the same shards, and shards already merged are skipped.

- a directory or glob: its files, sorted, at most ``files_per_shard`` at a time;
- a JSON Lines file: byte ranges cut at line ends, at most ``lines_per_shard`` lines each;
- a WARC file (e.g. a Common Crawl news file): one shard per file;
- anything else (URLs, feeds, stdin) cannot be split and is ingested by the driver itself.

The items are shared out evenly, and a small input is still cut into ``MIN_SHARDS`` shards (of at least
``MIN_ITEMS`` items): a worker's last shard decides when it finishes, so 300 lines cut 250 + 50 keep one
of two workers idle for most of the run, where eight shards of 38 keep both busy. The cut depends only on
the inputs, never on the number of workers, so shard ids stay stable across reruns.
"""

from __future__ import annotations

import glob
import hashlib
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

MIN_SHARDS = 8
MIN_ITEMS = 16
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz")


@dataclass(frozen=True)
class Shard:
    id: str
    kind: str  # files | jsonl | warc
    paths: tuple[str, ...]
    start: int = 0  # byte range, for jsonl
    stop: int = 0

    @property
    def label(self) -> str:
        if self.kind == "jsonl":
            return f"{self.paths[0]}[{self.start}:{self.stop}]"
        if len(self.paths) == 1:
            return self.paths[0]
        return f"{self.paths[0]} (+{len(self.paths) - 1} files)"


def _shard_id(kind: str, paths: Sequence[str], start: int = 0, stop: int = 0) -> str:
    digest = hashlib.sha256()
    for path in paths:
        stat = os.stat(path)
        digest.update(f"{os.path.abspath(path)}|{stat.st_size}|{int(stat.st_mtime)}\n".encode())
    digest.update(f"{kind}|{start}|{stop}".encode())
    return f"{kind}-{digest.hexdigest()[:16]}"


def _expand(item: str) -> Iterator[str]:
    if os.path.isdir(item):
        for root, dirs, files in os.walk(item):
            dirs.sort()
            for name in sorted(files):
                if not name.startswith("."):
                    yield os.path.join(root, name)
    elif any(ch in item for ch in "*?["):
        for path in sorted(glob.glob(item, recursive=True)):
            yield from _expand(path)
    elif os.path.isfile(item):
        yield item


def shard_size(total: int, most: int) -> int:
    """Items per shard to cut ``total`` items into even shards of at most ``most`` items, and into at
    least ``MIN_SHARDS`` shards when that leaves ``MIN_ITEMS`` in each."""
    size = min(most, max(MIN_ITEMS, -(-total // MIN_SHARDS)))
    pieces = max(1, -(-total // max(1, size)))
    return max(1, -(-total // pieces))


def _jsonl_ranges(path: str, lines_per_shard: int) -> Iterator[tuple[int, int]]:
    """Byte ranges of even runs of lines, at most ``lines_per_shard`` each. Two scans for newlines (one
    to count them), never a parse, and no list of offsets: the file may be far larger than memory."""
    with open(path, "rb") as handle:
        size = shard_size(sum(1 for _ in handle), lines_per_shard)
        handle.seek(0)
        start = position = lines = 0
        for line in handle:
            position += len(line)
            lines += 1
            if lines == size:
                yield start, position
                start, lines = position, 0
    if position > start:
        yield start, position


def plan(
    inputs: Sequence[str], *, files_per_shard: int = 200, lines_per_shard: int = 500
) -> tuple[list[Shard], list[str]]:
    """Shards for everything shardable, and the inputs left for the driver (URLs, stdin, feeds...)."""
    shards: list[Shard] = []
    leftovers: list[str] = []
    files: list[str] = []
    for item in inputs:
        paths = list(_expand(item))
        if not paths:
            leftovers.append(item)
            continue
        for path in paths:
            lower = path.lower()
            if lower.endswith(JSONL_SUFFIXES) and not lower.endswith(".gz"):
                for start, stop in _jsonl_ranges(path, lines_per_shard):
                    shards.append(Shard(_shard_id("jsonl", [path], start, stop), "jsonl", (path,), start, stop))
            elif lower.endswith(WARC_SUFFIXES):
                shards.append(Shard(_shard_id("warc", [path]), "warc", (path,)))
            else:
                files.append(path)
    size = shard_size(len(files), files_per_shard)
    for first in range(0, len(files), size):
        batch = files[first:first + size]
        shards.append(Shard(_shard_id("files", batch), "files", tuple(batch)))
    return shards, leftovers


def read_range(shard: Shard) -> bytes:
    with open(shard.paths[0], "rb") as handle:
        handle.seek(shard.start)
        return handle.read(shard.stop - shard.start)


def shard_dir(out_dir: str | Path, shard: Shard) -> Path:
    return Path(out_dir) / shard.id
