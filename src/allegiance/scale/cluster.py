"""The Dask seam: the only module that imports ``dask.distributed``.

``address`` is a scheduler address (``tcp://host:8786``) or ``local`` for a local cluster of
``workers`` single-threaded processes. Dask reschedules the tasks of a worker that dies; a shard
whose task keeps killing workers is reported after ``retries`` and the others go on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from allegiance.errors import ConfigError
from allegiance.scale.shards import Shard


def run_dask(
    shards: Sequence[Shard],
    task: Callable[..., Any],
    args: tuple,
    *,
    address: str,
    workers: int,
    retries: int = 2,
) -> Iterator[tuple[Shard, Any, str | None]]:
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    try:
        if address == "local":
            cluster = LocalCluster(
                n_workers=max(1, workers), threads_per_worker=1, processes=True, dashboard_address=None
            )
            client = Client(cluster)
        else:
            client = Client(address, timeout="20s")
    except OSError as exc:
        raise ConfigError(f"cannot reach the Dask scheduler: {exc}", input=address,
                          hint="start one with `dask scheduler` and `dask worker ADDRESS`, or use --cluster local") from exc
    try:
        by_key = {}
        futures = []
        for shard in shards:
            future = client.submit(task, shard, *args, key=f"allegiance-{shard.id}", retries=retries, pure=False)
            by_key[future.key] = shard
            futures.append(future)
        for future in as_completed(futures):
            shard = by_key[future.key]
            try:
                yield shard, future.result(), None
            except Exception as exc:
                yield shard, None, f"failed on the cluster after {retries} retries: {exc!r}"
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
