"""What a worker does with one shard: read, clean, date, sign, parse and code it, and write Parquet.

Runs in a separate process (local pool or Dask worker) and never touches the database: the driver,
the single writer, merges the shard's Parquet files afterwards. The spaCy model and the coder load
once per worker process (``allegiance.coding.default_coder`` is cached) and serve every shard it runs.
A shard's files appear atomically: they are written to a temporary folder that is renamed into place
only when complete, so a worker killed mid-shard leaves nothing the driver could mistake for output.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from allegiance.config import Settings
from allegiance.errors import InputError
from allegiance.ingest import dedup, readers
from allegiance.ingest.prepare import prepare
from allegiance.ingest.sources import read_inputs
from allegiance.models import Article, Rejection
from allegiance.scale.shards import Shard, read_range, shard_dir

ARTICLE_FIELDS = (
    "id", "origin", "title", "url", "publisher", "author", "language", "published", "published_precision",
    "published_source", "raw_text", "clean_text", "removed", "minhash",
)


@dataclass(frozen=True)
class ShardResult:
    shard_id: str
    path: str
    articles: int
    events: int
    rejections: tuple[Rejection, ...]
    worker_pid: int


def _documents(shard: Shard, settings: Settings):
    if shard.kind == "jsonl":
        yield from readers.read_jsonl(io.BytesIO(read_range(shard)), f"{shard.paths[0]}@{shard.start}", settings)
    else:
        yield from read_inputs(list(shard.paths), settings)


def _article_row(article: Article) -> dict:
    return {
        "id": article.id, "origin": article.origin, "title": article.title, "url": article.url,
        "publisher": article.publisher, "author": article.author, "language": article.language,
        "published": article.published, "published_precision": article.published_precision,
        "published_source": article.published_source, "raw_text": article.raw_text,
        "clean_text": article.clean_text, "removed": json.dumps([r.to_dict() for r in article.removed]),
        "minhash": dedup.to_bytes(dedup.signature(article.clean_text)),
    }


def process_shard(shard: Shard, out_dir: str, code: bool, settings: Settings) -> ShardResult:
    """Turn one shard into ``out_dir/<shard id>/{articles,events}.parquet`` + ``rejections.json``."""
    final = shard_dir(out_dir, shard)
    if (final / "_SUCCESS").exists():  # done by an earlier attempt or run, not merged yet
        return _result_from(final, shard)
    articles: list[Article] = []
    rejections: list[Rejection] = []
    for item in _documents(shard, settings):
        if isinstance(item, Rejection):
            rejections.append(item)
            continue
        try:
            articles.append(prepare(item, settings))
        except InputError as exc:
            rejections.append(readers.rejection(exc, item.origin))
    event_rows: list[list] = []
    if code and articles:
        from allegiance.coding.code import default_coder
        from allegiance.store.events import event_row

        # The same text twice inside the shard keeps both origins but is coded once.
        first_copies = list({a.id: a for a in articles}.values())
        for _, events in default_coder().code_many(first_copies):
            event_rows.extend(event_row(e) for e in events)
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{shard.id}-", dir=out_dir))
    try:
        pq.write_table(pa.Table.from_pylist([_article_row(a) for a in articles], schema=_ARTICLE_SCHEMA), tmp / "articles.parquet")
        pq.write_table(_events_table(event_rows), tmp / "events.parquet")
        (tmp / "rejections.json").write_text(json.dumps([r.to_dict() for r in rejections]))
        (tmp / "_SUCCESS").write_text(json.dumps({"articles": len(articles), "events": len(event_rows), "pid": os.getpid()}))
        if final.exists():
            shutil.rmtree(final)
        os.replace(tmp, final)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return ShardResult(shard.id, str(final), len(articles), len(event_rows), tuple(rejections), os.getpid())


def _result_from(folder: Path, shard: Shard) -> ShardResult:
    done = json.loads((folder / "_SUCCESS").read_text())
    rejections = tuple(Rejection(**r) for r in json.loads((folder / "rejections.json").read_text()))
    return ShardResult(shard.id, str(folder), done["articles"], done["events"], rejections, done["pid"])


_ARTICLE_SCHEMA = pa.schema(
    [(name, pa.date32() if name == "published" else pa.binary() if name == "minhash" else pa.string()) for name in ARTICLE_FIELDS]
)


def _events_table(rows: list[list]) -> pa.Table:
    from allegiance.store.events import COLUMNS

    types = {
        "published": pa.date32(), "date": pa.date32(), "quad_class": pa.int32(), "sentence_index": pa.int32(),
        "goldstein": pa.float64(), "intensity": pa.float64(), "lat": pa.float64(), "lon": pa.float64(),
        "confidence": pa.float64(),
    }
    schema = pa.schema([(c, types.get(c, pa.string())) for c in COLUMNS])
    columns = list(zip(*rows)) if rows else [[] for _ in COLUMNS]
    return pa.table([pa.array(list(col), type=schema.field(i).type) for i, col in enumerate(columns)], schema=schema)
