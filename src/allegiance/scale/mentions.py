"""One event, many mentions: merge reports of the same event across articles into canonical events.

Two coded events are mentions of one event when all of these hold, and the reason is recorded:

- the same directed dyad: source and target keys agree (the coder's keys: an organization's
  top-level body, a national institution's country, otherwise the country, else the id or name);
- the same event type: PLOVER type (or CAMEO root where PLOVER drops the code, e.g. statements);
- dates within ``window_days`` of the cluster's first report (a date taken from the publication date
  gets one extra day, since syndicated copies run a day late);
- nothing contradicts: when both name a place, it is the same place; and evidence that shares too
  few content words (below ``min_similarity``) merges only when both dates are exact days and equal.

So two meetings of the same leaders a week apart stay two events, while twenty outlets reporting a
summit handshake become one event with twenty mentions. Clustering is deterministic (events in date,
then id, order), so running it again gives the same canonical ids: it is idempotent.

Mentions merge only within a group (dyad and type), so groups are independent and reclustering just
the groups that changed since the last merge (new events, or events removed by a re-code) gives what a
full recompute gives; ``merge_mentions`` does that, and a full recompute when the stored clusters were
made under another rule (window, similarity) or by a version that did not record their group.
Independence also bounds memory: the events are read, clustered and written a part of whole groups
(about ``PART_EVENTS`` events, split by a hash of the group in SQL) at a time, so a merge holds one
part's rows whether it covers a thousand events or a million.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from allegiance.store import Store
from allegiance.store import canonical as canonical_store

WINDOW_DAYS = 2
MIN_SIMILARITY = 0.25
# Events clustered at once. A part holds whole groups, so its size varies around this; what a merge
# holds in memory is one part's (about 4 KB an event), however many events it covers.
PART_EVENTS = 2048

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
# Words every report of any event shares; they say nothing about which event it is.
_STOP = frozenset(
    "the and that with from this have has had said says was were will would for its their his her they "
    "not but are been also after before over into about than which who whom what when where while on at "
    "president minister leader leaders government officials official state news agency told reporters "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)


def actor_key(org: str | None, country: str | None, actor_id: str | None, name: str | None) -> str | None:
    """The coder's actor key (``allegiance.coding.keys``), so merged dyads agree with coded ones;
    an actor with neither country nor organization falls back to its id or name."""
    from allegiance.coding.keys import actor_key as coded_key

    return coded_key({"country": country, "organization": org}) or actor_id or name


def content_words(sentence: str | None) -> frozenset[str]:
    return frozenset(map(str.lower, _WORD.findall(sentence or ""))) - _STOP


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass
class _Mention:
    event_id: str
    article_id: str
    publisher: str | None
    date: dt.date | None
    exact_date: bool
    place: str | None
    sentence: str | None
    published: dt.date | None

    @functools.cached_property
    def words(self) -> frozenset[str]:
        """Read only when a date and place test passes: most comparisons never need them."""
        return content_words(self.sentence)


@dataclass
class _Cluster:
    first: _Mention
    group: tuple  # the group key of every mention (``group_key``)
    row: dict[str, Any]  # the first mention's row, whose columns the canonical event copies
    members: list[tuple[_Mention, float, str]] = field(default_factory=list)

    def accepts(self, m: _Mention, window_days: int, min_similarity: float) -> tuple[bool, float, str]:
        first = self.first
        if first.date is None or m.date is None:
            if first.article_id == m.article_id:
                return True, 1.0, "same article, no date"
            return False, 0.0, ""
        gap = abs((m.date - first.date).days)
        allowed = window_days + (0 if first.exact_date and m.exact_date else 1)
        if gap > allowed:
            return False, 0.0, ""
        if first.place and m.place and first.place != m.place:
            return False, 0.0, ""
        similarity = max(jaccard(first.words, m.words), max((jaccard(o.words, m.words) for o, _, _ in self.members), default=0.0))
        where = f", same place {m.place}" if first.place and first.place == m.place else ""
        if similarity >= min_similarity:
            return True, similarity, f"dates {gap}d apart (<= {allowed}d), evidence similarity {similarity:.2f}{where}"
        if first.article_id == m.article_id:
            return True, similarity, f"same article, dates {gap}d apart{where}"
        if gap == 0 and first.exact_date and m.exact_date:
            return True, similarity, f"same exact date {m.date}{where}, evidence similarity {similarity:.2f}"
        return False, similarity, ""


@dataclass(frozen=True)
class MergeSummary:
    events: int
    canonical: int
    merged_mentions: int


def group_key(row: dict[str, Any], keys: dict[tuple, str | None] | None = None) -> tuple:
    """The group a mention row belongs to: (source key, target key, event type). ``keys`` memoises
    actor keys across rows (a few hundred distinct actors serve thousands of events)."""
    keys = {} if keys is None else keys
    # Spelled out per side: a merge asks this about twice per event, and building the column names
    # each time cost more than the lookups.
    source = (row["source_org"], row["source_country"], row["source_id"], row["source_name"])
    target = (row["target_org"], row["target_country"], row["target_id"], row["target_name"])
    if source not in keys:
        keys[source] = actor_key(*source)
    if target not in keys:
        keys[target] = actor_key(*target)
    return keys[source], keys[target], row["plover"] or row["cameo_root"]


def _later(a: dt.date | None, b: dt.date | None) -> bool:
    """``a`` sorts after ``b``, undated last (as ``Remerge.rows`` orders them)."""
    return b is not None and (a is None or a > b)


@functools.lru_cache(maxsize=65536)
def group_id(key: tuple) -> str:
    """A group key as the string recorded with each canonical event."""
    return json.dumps(list(key), ensure_ascii=False)


def cluster(rows: Iterable[dict[str, Any]], *, window_days: int = WINDOW_DAYS, min_similarity: float = MIN_SIMILARITY) -> list[_Cluster]:
    """Group event rows (as ``canonical_store.Remerge.rows`` returns them) into clusters of mentions."""
    groups: dict[tuple, list[_Cluster]] = defaultdict(list)
    ordered: dict[tuple, bool] = {}  # the group's clusters were started in date order
    clusters: list[_Cluster] = []
    keys: dict[tuple, str | None] = {}
    reach = window_days + 1  # no two mentions further apart than this merge
    for row in rows:
        key = group_key(row, keys)
        mention = _Mention(
            event_id=row["event_id"],
            article_id=row["article_id"],
            publisher=row["publisher"],
            date=row["date"],
            exact_date=row["date_precision"] == "day",
            place=row["location_name"],
            sentence=row["sentence"],
            published=row["published"],
        )
        in_order = ordered.get(key, True)
        taken = False
        for candidate in reversed(groups[key]):  # the most recent cluster is the likeliest match
            first = candidate.first
            if in_order and mention.date is not None and first.date is not None and (mention.date - first.date).days > reach:
                break  # every earlier cluster started earlier still: none can take this mention
            ok, similarity, reason = candidate.accepts(mention, window_days, min_similarity)
            if ok:
                candidate.members.append((mention, similarity, reason))
                taken = True
                break
        if not taken:
            new = _Cluster(first=mention, group=key, row=row)
            if groups[key] and _later(groups[key][-1].first.date, mention.date):
                ordered[key] = False  # rows not in date order (callers other than merge_mentions)
            groups[key].append(new)
            clusters.append(new)
    return clusters


def canonical_id(first_event_id: str) -> str:
    return "c" + hashlib.sha256(first_event_id.encode()).hexdigest()[:15]


def _rule(window_days: int, min_similarity: float) -> str:
    return f"same directed dyad and event type, dates within {window_days}d, evidence similarity >= {min_similarity}"


def merge_mentions(store: Store, *, window_days: int = WINDOW_DAYS, min_similarity: float = MIN_SIMILARITY,
                   full: bool = False, part_events: int = PART_EVENTS) -> MergeSummary:
    """Bring the canonical events up to date with the stored events: the groups that changed since the
    last merge are reclustered (every group with ``full``, or when the stored clusters follow another
    rule). The result is the same either way, and whatever ``part_events`` is: the events are clustered
    a part of whole groups (about that many events) at a time, and each part commits on its own. A
    merge cut short leaves the parts it did not reach as they were (their events unlinked, or linked to
    clusters of a group that has changed), and the next merge reclusters them."""
    rule = _rule(window_days, min_similarity)
    touched: set[str] | None = None  # the groups to recluster; None: all of them
    if not (full or canonical_store.needs_full_merge(store, rule)):
        keys: dict[tuple, str | None] = {}
        touched = {group_id(group_key(kind, keys)) for kind in canonical_store.unassigned_kinds(store)}
        touched |= canonical_store.stale_groups(store)
        if not touched:
            return _summary(store)
    with canonical_store.remerge(store, touched, _org_key, part_events) as merge:
        for part in range(merge.parts):
            rows = merge.rows(part)
            merge.write(rows, *_canonical(cluster(rows, window_days=window_days, min_similarity=min_similarity), rule))
    return _summary(store)


def _org_key(org: str, country: str | None) -> str | None:
    return actor_key(org, country, None, None)


def _canonical(clusters: list[_Cluster], rule: str) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """The canonical event records of ``clusters``, and (event id, canonical id) links."""
    records = []
    assignment = []
    for c in clusters:
        first, first_row = c.first, c.row
        cid = canonical_id(first.event_id)
        if c.members:
            everyone = [first] + [m for m, _, _ in c.members]
            dates = [m.date for m in everyone if m.date is not None]
            date_min, date_max = (min(dates), max(dates)) if dates else (None, None)
            first_reported = min((m.published for m in everyone if m.published), default=None)
            articles, sources = len({m.article_id for m in everyone}), len({m.publisher or m.article_id for m in everyone})
        else:  # most events are reported once: the same figures, without the lists
            everyone = [first]
            date_min = date_max = first.date
            first_reported = first.published or None
            articles = sources = 1
        explanation = {
            "rule": rule,
            "group": group_id(c.group),
            "first": first.event_id,
            "mentions": [{"event_id": m.event_id, "article_id": m.article_id, "similarity": round(s, 3), "reason": r} for m, s, r in c.members],
        }
        records.append(
            {
                "canonical_id": cid,
                "first_event_id": first.event_id,
                "date": first.date,
                "date_min": date_min,
                "date_max": date_max,
                "first_reported": first_reported,
                "source_id": first_row["source_id"],
                "target_id": first_row["target_id"],
                "source_country": first_row["source_country"],
                "target_country": first_row["target_country"],
                "cameo": first_row["cameo"],
                "cameo_root": first_row["cameo_root"],
                "plover": first_row["plover"],
                "quad_class": first_row["quad_class"],
                "goldstein": first_row["goldstein"],
                "n_mentions": len(everyone),
                "n_articles": articles,
                "n_sources": sources,
                "explanation": json.dumps(explanation),
            }
        )
        assignment.extend((m.event_id, cid) for m in everyone)
    return records, assignment


def _summary(store: Store) -> MergeSummary:
    stored = store.counts()
    events, canonical = stored["events"], stored["canonical_events"]
    return MergeSummary(events=events, canonical=canonical, merged_mentions=events - canonical)
