"""Run shards in N local processes, retrying the shards of a worker that dies.

``concurrent.futures`` marks the whole pool broken when one worker process dies, so the runner
starts a fresh pool and resubmits every shard that had not finished; a shard that kills its worker
``max_attempts`` times is given up and reported, and the others go on.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from allegiance.scale.shards import Shard

Outcome = tuple[Shard, Any, str | None]  # shard, result, error (None when it succeeded)


def run_local(
    shards: Sequence[Shard],
    task: Callable[..., Any],
    args: tuple,
    *,
    workers: int,
    max_attempts: int = 3,
) -> Iterator[Outcome]:
    """Yield each shard's outcome as soon as it is known, in completion order."""
    attempts = {s.id: 0 for s in shards}
    pending = list(shards)
    # spawn: workers must not inherit the driver's open DuckDB connection or its threads.
    context = multiprocessing.get_context("spawn")
    window = max(2, workers * 2)  # bounded in-flight shards keep driver memory flat
    while pending:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            running: dict[Future, Shard] = {}
            broken = False
            while (pending or running) and not broken:
                while pending and len(running) < window and not broken:
                    shard = pending.pop(0)
                    try:
                        running[pool.submit(task, shard, *args)] = shard
                    except BrokenProcessPool:  # a worker died while we were merging
                        pending.insert(0, shard)
                        broken = True
                        break
                    attempts[shard.id] += 1
                if not running:
                    break
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    shard = running.pop(future)
                    try:
                        yield shard, future.result(), None
                    except BrokenProcessPool:
                        broken = True
                        pending.insert(0, shard)
                    except Exception as exc:  # the shard's own failure: retry, then give up on it
                        if attempts[shard.id] < max_attempts:
                            pending.append(shard)
                        else:
                            yield shard, None, f"failed {attempts[shard.id]} times: {exc!r}"
            if broken:
                # Every future still running died with the pool: resubmit them on a new one.
                for future, shard in running.items():
                    pending.insert(0, shard)
                given_up = [s for s in pending if attempts[s.id] >= max_attempts]
                for shard in given_up:
                    pending.remove(shard)
                    yield shard, None, f"its worker died {attempts[shard.id]} times"
                pool.shutdown(wait=False, cancel_futures=True)
