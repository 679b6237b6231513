"""The data model: every record that crosses a pipeline stage boundary.

ingest → Document → clean → Article → parse → Sentence → resolve → Mention/Actor → code → Event
→ merge → CanonicalEvent.  Records are frozen; stages build new ones rather than mutating.
``to_dict`` gives the JSON shape used by the CLI, the API and the exports.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any, Literal

DatePrecision = Literal["day", "month", "year"]
ActorType = Literal["person", "state", "organization", "group", "unknown"]


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float)):
        return value  # the common case first: most fields are plain values
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    names = _field_names(type(value))
    if names is not None:
        return {name: _jsonable(getattr(value, name)) for name in names}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


@functools.cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """A dataclass's field names (``dataclasses.fields`` is costly to ask per record), else None."""
    return tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None


class Record:
    """Mixin giving every record a JSON-ready ``to_dict``."""

    def to_dict(self) -> dict[str, Any]:
        return _jsonable(self)


# --- ingestion -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Document(Record):
    """One article as a reader found it, before cleaning. ``text`` is already decoded text."""

    origin: str  # path, URL, "stdin", or "path#line" / "path#record" for containers
    text: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: str | None = None  # as found in metadata, unparsed
    language: str | None = None
    external_id: str | None = None
    format: str = "text"  # text|markdown|html|jsonl|feed|warc|stdin


@dataclass(frozen=True)
class Removal(Record):
    """A piece of text that cleaning removed, and the rule that removed it."""

    rule: str
    text: str


@dataclass(frozen=True)
class PublicationDate(Record):
    date: dt.date
    precision: DatePrecision
    source: str  # "metadata", "dateline", "byline", ...


@dataclass(frozen=True)
class Article(Record):
    id: str  # stable: hash of the normalised clean text
    origin: str
    title: str | None
    url: str | None
    publisher: str | None
    author: str | None
    language: str | None
    published: dt.date | None
    published_precision: DatePrecision | None
    published_source: str | None
    raw_text: str
    clean_text: str
    removed: tuple[Removal, ...] = ()
    duplicate_of: str | None = None  # set for near-duplicates: id of the first copy
    similarity: float | None = None


@dataclass(frozen=True)
class Rejection(Record):
    """An input that could not be ingested; the batch goes on without it."""

    origin: str
    reason: str


@dataclass(frozen=True)
class IngestSummary(Record):
    new: int = 0
    duplicate: int = 0
    near_duplicate: int = 0
    rejected: int = 0
    events: int = 0
    rejections: tuple[Rejection, ...] = ()
    # The last ``ingest.SUMMARY_IDS`` (1,000) articles read, in order: all of a post or a small batch.
    # The counts cover the whole batch; ids of a longer one are listed with `allegiance articles`.
    article_ids: tuple[str, ...] = ()
    seconds: float = 0.0


# --- language ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Span(Record):
    start: int  # character offsets into the article's clean text
    end: int
    text: str


@dataclass(frozen=True)
class Sentence(Record):
    article_id: str
    index: int
    paragraph: int
    start: int
    end: int
    text: str


# --- actors --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Actor(Record):
    """What the resolver says a mention refers to, as of a date."""

    id: str | None  # knowledge-base id ("p:vladimir-putin", "s:RUS", "o:CSTO"); None when unknown
    name: str
    type: ActorType
    country: str | None = None  # ISO3
    organization: str | None = None  # bloc / IGO code, e.g. CSTO
    sector: str | None = None  # PLOVER sector: GOV, MIL, ELI, ...
    role: str | None = None  # e.g. "President of Tajikistan"
    confidence: float = 1.0
    text: str | None = None  # the mention text it was resolved from


@dataclass(frozen=True)
class Mention(Record):
    span: Span
    sentence_index: int
    actor: Actor | None
    via: str = "name"  # name|title|apposition|possessive|surname|pronoun|fuzzy|agent|metonym


# --- events --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Location(Record):
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    span: Span | None = None


@dataclass(frozen=True)
class Evidence(Record):
    sentence_index: int
    trigger: Span
    source: Span | None
    target: Span | None
    # "title": read from the headline, which ingest keeps apart from the clean text; the sentence index
    # and spans then count within the title (coding/headline.py)
    part: Literal["text", "title"] = "text"


@dataclass(frozen=True)
class Coder(Record):
    name: str
    version: str


@dataclass(frozen=True)
class Event(Record):
    event_id: str  # stable: hash of article id, sentence index, code, actor ids and spans
    article_id: str
    origin: str
    published: dt.date | None
    date: dt.date | None
    date_precision: str | None  # day|week|month|year, or "published" when taken from the article date
    source: Actor
    target: Actor | None
    cameo: str
    cameo_root: str
    plover: str | None  # None for CAMEO codes PLOVER drops (01 statements, 02 appeals)
    plover_mode: str | None
    quad_class: int
    goldstein: float
    intensity: float
    sentence: str
    evidence: Evidence
    location: Location | None
    confidence: float
    coder: Coder
    negated: bool = False  # kept for audit; negated candidates are not stored as events
    modality: str = "asserted"  # asserted|intent (speculative candidates are dropped)


@dataclass(frozen=True)
class EventMention(Record):
    """One report of a canonical event: the event as one article coded it."""

    event_id: str
    article_id: str
    source_name: str | None  # publisher
    date: dt.date | None
    similarity: float
    reason: str


@dataclass(frozen=True)
class CanonicalEvent(Record):
    canonical_id: str
    event: Event  # the first report
    mentions: tuple[EventMention, ...] = ()
    n_articles: int = 1
    n_sources: int = 1
    first_reported: dt.date | None = None
    date_min: dt.date | None = None
    date_max: dt.date | None = None


# --- relations -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SeriesPoint(Record):
    period: dt.date
    events: int
    quad: tuple[int, int, int, int]
    goldstein_sum: float
    goldstein_mean: float | None
    balance: float  # (cooperation - conflict) / events, in [-1, 1]
    volume: int  # all events stored in the period, for normalisation
    normalised: float | None  # events per 1,000 events of the period's news


@dataclass(frozen=True)
class Shift(Record):
    series: str  # e.g. "RUS-TJK" or "bloc:CSTO"
    date: dt.date
    before: float
    after: float
    event_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Alert(Record):
    rule: str
    series: str
    date: dt.date
    message: str
    value: float
    event_ids: tuple[str, ...] = ()
    new: bool = True


def actor_json(actor: Actor | None) -> dict[str, Any] | None:
    """The actor shape events carry (a subset of ``Actor``, stable for exports)."""
    if actor is None:
        return None
    return {
        "text": actor.text,
        "name": actor.name,
        "id": actor.id,
        "type": actor.type,
        "country": actor.country,
        "organization": actor.organization,
        "sector": actor.sector,
        "role": actor.role,
        "confidence": actor.confidence,
    }


def event_json(event: Event) -> dict[str, Any]:
    """The documented event record (see docs/event-schema.json). Its actors take the shorter shape of
    ``actor_json``, built directly rather than from a full record dict thrown away."""
    actors = {"source": actor_json(event.source), "target": actor_json(event.target)}
    return {name: actors[name] if name in actors else _jsonable(getattr(event, name))
            for name in _field_names(Event)}


__all__ = [
    "Actor",
    "Alert",
    "Article",
    "CanonicalEvent",
    "Coder",
    "DatePrecision",
    "Document",
    "Event",
    "EventMention",
    "Evidence",
    "IngestSummary",
    "Location",
    "Mention",
    "PublicationDate",
    "Record",
    "Rejection",
    "Removal",
    "Sentence",
    "SeriesPoint",
    "Shift",
    "Span",
    "actor_json",
    "event_json",
]
