"""Run shards in N local processes, retrying the shards of a worker that dies.

``concurrent.futures`` marks the whole pool broken when one worker process dies, and every shard in
flight fails with it, so a death says nothing about which shard caused it. The shards that were in
flight become suspects and run again one at a time on a one-worker pool, where a death can only be
that shard's: a shard that kills its worker ``max_attempts`` times alone is given up and reported,
and the others go on (a healthy shard that shared a pool with it is never blamed).
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from allegiance.scale.shards import Shard

Outcome = tuple[Shard, Any, str | None]  # shard, result, error (None when it succeeded)


def start_method() -> str:
    """``fork`` on Linux: a worker starts as a copy of the driver, sharing (copy-on-write) whatever the
    driver has loaded, the spaCy model and the coder's tables among them, where a spawned worker imports
    and loads them all again (over 2 s of CPU each, as long as coding a hundred articles). The copy
    also holds the driver's DuckDB connection: a worker never touches the database and leaves with
    ``os._exit``, so nothing of the connection is flushed or closed twice. The pool forks its workers
    from the driver's main thread while DuckDB's and Arrow's threads wait idle between statements, so
    no copy starts with one of their locks held. Elsewhere (macOS, where forking a process with system
    frameworks loaded is unsafe, and Windows) workers are spawned."""
    return "fork" if sys.platform.startswith("linux") else "spawn"


def run_local(
    shards: Sequence[Shard],
    task: Callable[..., Any],
    args: tuple,
    *,
    workers: int,
    max_attempts: int = 3,
) -> Iterator[Outcome]:
    """Yield each shard's outcome as soon as it is known, in completion order."""
    failures = {s.id: 0 for s in shards}  # the shard's own exceptions, and deaths while it ran alone
    pending = list(shards)
    suspects: list[Shard] = []
    context = multiprocessing.get_context(start_method())
    window = max(2, workers * 2)  # bounded in-flight shards keep driver memory flat
    while pending or suspects:
        alone = bool(suspects)
        with ProcessPoolExecutor(max_workers=1 if alone else workers, mp_context=context) as pool:
            queue = suspects if alone else pending
            running: dict[Future, Shard] = {}
            broken = False
            while (queue or running) and not broken:
                while queue and len(running) < (1 if alone else window):
                    shard = queue.pop(0)
                    try:
                        running[pool.submit(task, shard, *args)] = shard
                    except BrokenProcessPool:  # a worker died while we were merging
                        queue.insert(0, shard)
                        broken = True
                        break
                if not running:
                    break
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    shard = running.pop(future)
                    try:
                        yield shard, future.result(), None
                    except BrokenProcessPool:
                        broken = True
                        if alone:  # it ran by itself: the death is its own
                            failures[shard.id] += 1
                            if failures[shard.id] < max_attempts:
                                suspects.insert(0, shard)
                            else:
                                yield shard, None, f"its worker died {failures[shard.id]} times"
                        else:
                            suspects.append(shard)
                    except Exception as exc:  # the shard's own failure: retry, then give up on it
                        failures[shard.id] += 1
                        if failures[shard.id] < max_attempts:
                            queue.append(shard)
                        else:
                            yield shard, None, f"failed {failures[shard.id]} times: {exc!r}"
            if broken:
                # Every future still running died with the pool: which one killed it is unknown.
                suspects.extend(shard for shard in running.values() if shard not in suspects)
                pool.shutdown(wait=False, cancel_futures=True)
