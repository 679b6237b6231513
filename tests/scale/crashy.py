"""A shard task that kills its worker process the first time it sees a shard (worker-failure tests)."""

from __future__ import annotations

import os
from pathlib import Path

from allegiance.scale.worker import process_shard


def die_once(shard, out_dir, code, settings):
    marker = Path(out_dir) / f"died-{shard.id}"
    if shard.paths[0].endswith("doomed.jsonl") and not marker.exists():
        marker.write_text("x")
        os._exit(17)  # a hard death, as when the OOM killer takes a worker
    return process_shard(shard, out_dir, code, settings)


def always_die(shard, out_dir, code, settings):
    if shard.paths[0].endswith("doomed.jsonl"):
        os._exit(17)
    return process_shard(shard, out_dir, code, settings)
