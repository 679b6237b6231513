"""Verb ``ingest``: read inputs, clean and date each article, drop duplicates, store, optionally code.

    summary = ingest(["news/", "feed.rss", "https://example.org/a.html"], store, code=False)

Every article is committed on its own (one INSERT of its row, which holds its origin), so a crash
or kill mid-batch loses nothing already committed and a rerun finishes the rest without duplicates.
Exact duplicates (same normalised clean text, hence the same id) only add an origin row;
near-duplicates (MinHash similarity >= ``settings.near_duplicate_threshold``) are stored linked to
the first copy and are not coded again.

With ``code=True`` each new first copy is handed to the coder (``allegiance.coding.code.code_stream``)
as soon as it is stored; a first copy found uncoded on a rerun (killed between storing and coding)
is coded then. With ``workers > 1`` or a ``cluster`` address the whole batch is delegated to
``allegiance.scale.ingest_parallel``.
"""

from __future__ import annotations

import dataclasses
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, MutableSequence

from allegiance.config import Settings, load_settings
from allegiance.ingest import dedup
from allegiance.ahead import ahead
from allegiance.ingest.prefetch import Prepared, prefetch as read_ahead, prepared
from allegiance.models import Article, Document, IngestSummary, Rejection
from allegiance.store import Store
from allegiance.store import articles as stored

# Called once per input item with what happened to it: "new", "duplicate", "near_duplicate" or
# "rejected", and the Article id or the Rejection.
Progress = Callable[[str, "str | Rejection"], None]

# The coder reads and parses new articles in batches: spaCy parses a batch far faster than one text
# at a time. Each article is already committed when stored, and one stored but not yet coded when a
# batch is killed is found uncoded (``needs_coding``) and coded on the rerun, so batching loses nothing.
CODE_BATCH = 32

# DuckDB keeps every block it writes or reads cached until its memory limit forces it out, so a
# batch would grow towards that limit with the number of articles: each checkpoint adds the blocks
# it wrote. Dropping the cache after every CACHE_DROP_BYTES of input text (and after each
# near-duplicate candidate lookup, see ``_signatures``) keeps ingest memory flat however long the
# batch; a drop costs well under a millisecond.
CACHE_DROP_BYTES = 256 * 1024

# How many stored articles the storing thread may run ahead of the coder: two coding batches, so the
# next batch is ready when one is coded, and a kill leaves at most this many stored but uncoded
# (they are coded on the rerun).
AHEAD = 2 * CODE_BATCH

# The summary names the last SUMMARY_IDS articles read (a posted article, a small batch: all of them);
# its counts cover the whole batch. Holding every id made memory grow by 70 bytes an article.
SUMMARY_IDS = 1000


def ingest(
    inputs: Iterable[str],
    store: Store,
    *,
    code: bool = True,
    workers: int = 1,
    cluster: str | None = None,
    progress: Progress | None = None,
    settings: Settings | None = None,
) -> IngestSummary:
    """Ingest every input (paths, directories, globs, URLs, ``-``) into ``store``."""
    settings = settings or load_settings()
    if workers > 1 or cluster:
        from allegiance.scale import ingest_parallel

        return ingest_parallel(inputs, store, workers=workers, cluster=cluster, code=code, settings=settings)
    # A batch commits article by article: DuckDB's leanest way to take that is one thread and no
    # freed memory held back (``Store.lean_writes``), else its peak creeps up with every checkpoint.
    # Giving pages back at once slows a parse running beside it by more than the memory it saves
    # next to a loaded model, so a batch that codes keeps the allocator's own pace.
    with store.lean_writes(release=not code):
        return _ingest_here(inputs, store, code, progress, settings)


def _ingest_here(inputs: Iterable[str], store: Store, code: bool, progress: Progress | None,
                 settings: Settings) -> IngestSummary:
    started = time.perf_counter()
    index = build_index(store, settings)
    counts = {"new": 0, "duplicate": 0, "near_duplicate": 0, "events": 0}
    rejections: list[Rejection] = []
    ids: deque[str] = deque(maxlen=SUMMARY_IDS)
    outcomes = _store_each(inputs, store, index, settings, beside_parse=code)
    to_code = _tally(outcomes, store, counts, rejections, ids, progress, code)
    if code:
        # Reading, cleaning and storing (file and network reads, commits waiting on the disk) run in a
        # thread ahead of the coder, which takes each stored article into one parse stream
        # (code_stream): each article is still committed on its own before it is coded.
        counts["events"] = _coder()(store, ahead(to_code, AHEAD), batch_size=CODE_BATCH)
    else:
        for _ in to_code:
            pass
    if code and (counts["new"] or counts["events"]):
        from allegiance.scale.mentions import merge_mentions

        # Once per batch: it reclusters the groups the batch changed, a part of whole groups at a
        # time, so its memory does not grow with the batch (docs/ingest.md).
        merge_mentions(store)
    return IngestSummary(
        new=counts["new"],
        duplicate=counts["duplicate"],
        near_duplicate=counts["near_duplicate"],
        rejected=len(rejections),
        events=counts["events"],
        rejections=tuple(rejections),
        article_ids=tuple(ids),
        seconds=time.perf_counter() - started,
    )


def _tally(outcomes: Iterable[tuple[str, "Article | Rejection"]], store: Store, counts: dict[str, int],
           rejections: list[Rejection], ids: MutableSequence[str], progress: Progress | None, code: bool
           ) -> Iterator[Article | str]:
    """Count each outcome and yield the articles to code: new first copies as they were stored, and
    by id exact duplicates of a first copy a killed run stored but never coded.

    A first copy read earlier in this batch is not yet coded while the coder catches up, but it will
    be: a copy of it is not handed over again. The coder lags a few hundred articles at most (AHEAD,
    its parse batch, the commits in flight), well within the SUMMARY_IDS last ids ``ids`` holds."""
    for outcome, subject in outcomes:
        if isinstance(subject, Rejection):
            rejections.append(subject)
            reported: str | Rejection = subject
        else:
            counts[outcome] += 1
            read_before = outcome == "duplicate" and subject.id in ids
            ids.append(reported := subject.id)
            if code and outcome == "new":
                yield subject
            elif code and outcome == "duplicate" and not read_before and stored.needs_coding(store, subject.id):
                yield subject.id
        if progress:
            progress(outcome, reported)


def _store_each(
    inputs: Iterable[str], store: Store, index: dedup.NearDuplicateIndex, settings: Settings, *, beside_parse: bool
) -> Iterator[tuple[str, "Article | Rejection"]]:
    """(outcome, Article or Rejection) for each input item, each article stored as it is read.

    Beside a parse (``beside_parse``) the reading, cleaning and signing run in a child process
    (``prefetch``), where their Python does not hold up the parse's GIL; alone they run here."""
    unflushed = 0
    for item in read_ahead(inputs, settings, in_process=not beside_parse):
        if isinstance(item, Rejection):
            yield "rejected", item
            continue
        unflushed += item.read_chars
        if unflushed >= CACHE_DROP_BYTES:
            store.drop_cache()
            unflushed = 0
        yield _save(item, store, index)


def build_index(store: Store, settings: Settings) -> dedup.NearDuplicateIndex:
    """The near-duplicate index of every first copy already stored."""
    index = dedup.NearDuplicateIndex(settings.near_duplicate_threshold)
    for article_id, blob in stored.iter_signatures(store):
        index.add(article_id, dedup.from_bytes(blob))
    return index


def store_document(
    document: Document, store: Store, index: dedup.NearDuplicateIndex, settings: Settings
) -> tuple[str, str]:
    """Prepare and save one document: (outcome, article id). InputError when it is not an article."""
    outcome, article = _store(document, store, index, settings)
    return outcome, article.id


def _store(document: Document, store: Store, index: dedup.NearDuplicateIndex, settings: Settings
           ) -> tuple[str, Article]:
    """(outcome, the article as saved)."""
    return _save(prepared(document, settings), store, index)


def _save(item: Prepared, store: Store, index: dedup.NearDuplicateIndex) -> tuple[str, Article]:
    """Link a prepared article to its first copy, if any, and save it: (outcome, the article as saved)."""
    article, sig = item.article, item.signature
    match = index.find(sig, lambda ids: _signatures(store, ids))
    # An exact duplicate matches itself here; save() sees the id is stored and only adds the origin.
    if match and match[0] != article.id:
        article = dataclasses.replace(article, duplicate_of=match[0], similarity=round(match[1], 4))
    outcome = stored.save(store, article, minhash=dedup.to_bytes(sig))
    if outcome == "new":
        index.add(article.id, sig)
    return outcome, article


def _signatures(store: Store, ids: list[str]) -> list[tuple[str, bytes]]:
    """Stored signatures of near-duplicate candidates. Reading them loads the blocks of old articles
    into DuckDB's cache, and candidates grow more frequent as the corpus grows, so the cache is
    dropped at once rather than after CACHE_DROP_BYTES."""
    found = stored.signatures(store, ids)
    store.drop_cache()
    return found


def _coder() -> Callable[..., int]:
    from allegiance.coding.code import code_stream

    return code_stream


__all__ = ["Progress", "build_index", "ingest", "store_document"]
