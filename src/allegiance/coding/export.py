"""Write event records as JSON lines, CSV, Parquet or the GDELT 2.0 event table.

``gdelt`` follows the GDELT 2.0 event table's 61 tab-separated columns in order, without a header (as
GDELT publishes them), so existing GDELT readers load our events. We fill what we know: ids and dates,
actors (code = country or organization + sector, e.g. ``RUSGOV``), the CAMEO codes, quad class, Goldstein,
counts of 1 (one report; canonical merging lives elsewhere), the action place (type 1 country, 4 city;
country given as ISO3, where GDELT uses FIPS 10-4) and the source URL. Tone and actor geography are empty.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from allegiance.errors import InvalidParameter

FORMATS = ("jsonl", "csv", "parquet", "gdelt")
_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code"]
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
GDELT_COLUMNS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{c}" for c in _ACTOR] + [f"Actor2{c}" for c in _ACTOR]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{c}" for c in _GEO] + [f"Actor2Geo_{c}" for c in _GEO] + [f"ActionGeo_{c}" for c in _GEO]
    + ["DATEADDED", "SOURCEURL"]
)
assert len(GDELT_COLUMNS) == 61
CSV_COLUMNS = ["event_id", "article_id", "date", "date_precision", "source_name", "source_country", "source_org",
               "source_sector", "target_name", "target_country", "target_org", "target_sector", "cameo", "cameo_root",
               "plover", "plover_mode", "quad_class", "goldstein", "intensity", "confidence", "location", "lat", "lon",
               "sentence", "origin"]


def flat(record: dict[str, Any]) -> dict[str, Any]:
    """One event record as a flat row (CSV, Parquet, tables)."""
    s, t, loc = record["source"] or {}, record.get("target") or {}, record.get("location") or {}
    return {
        "event_id": record["event_id"], "article_id": record["article_id"], "date": record["date"],
        "date_precision": record["date_precision"], "source_name": s.get("name"), "source_country": s.get("country"),
        "source_org": s.get("organization"), "source_sector": s.get("sector"), "target_name": t.get("name"),
        "target_country": t.get("country"), "target_org": t.get("organization"), "target_sector": t.get("sector"),
        "cameo": record["cameo"], "cameo_root": record["cameo_root"], "plover": record["plover"],
        "plover_mode": record["plover_mode"], "quad_class": record["quad_class"], "goldstein": record["goldstein"],
        "intensity": record["intensity"], "confidence": record["confidence"], "location": loc.get("name"),
        "lat": loc.get("lat"), "lon": loc.get("lon"), "sentence": record["sentence"], "origin": record["origin"],
    }


def _actor_cells(actor: dict[str, Any] | None) -> list[Any]:
    if not actor:
        return [""] * len(_ACTOR)
    base = actor.get("organization") if actor.get("type") in ("organization", "group") else actor.get("country")
    code = (base or "") + (actor.get("sector") or "")
    return [code, (actor.get("name") or "").upper(), actor.get("country") or "", actor.get("organization") or "",
            "", "", "", actor.get("sector") or "", "", ""]


def gdelt_row(record: dict[str, Any], added: dt.datetime | None = None) -> list[Any]:
    day = dt.date.fromisoformat(record["date"]) if record.get("date") else None
    loc = record.get("location") or {}
    geo_type = "" if not loc else (4 if loc.get("lat") is not None else 1)
    action_geo = [geo_type, loc.get("name", ""), loc.get("country", ""), "", "", loc.get("lat", ""),
                  loc.get("lon", ""), ""] if loc else [""] * len(_GEO)
    code = record["cameo"]
    added = added or dt.datetime.now(dt.timezone.utc)
    row = [
        int(record["event_id"][:15], 16),
        day.strftime("%Y%m%d") if day else "", day.strftime("%Y%m") if day else "", day.year if day else "",
        round(day.year + (day.timetuple().tm_yday - 1) / 365.0, 4) if day else "",
        *_actor_cells(record["source"]), *_actor_cells(record.get("target")),
        1, code, code[:3], record["cameo_root"], record["quad_class"], record["goldstein"], 1, 1, 1, "",
        *([""] * len(_GEO)), *([""] * len(_GEO)), *action_geo,
        added.strftime("%Y%m%d%H%M%S"), record.get("origin") or "",
    ]
    return ["" if v is None else v for v in row]


def write_events(records: Iterable[dict[str, Any]], fmt: str, out: IO[str] | None = None,
                 path: str | Path | None = None) -> int:
    """Write records in ``fmt`` to ``out`` (text formats) or ``path`` (required for parquet). Returns the count."""
    if fmt not in FORMATS:
        raise InvalidParameter("format", f"unknown format {fmt!r}", hint=f"choose one of {', '.join(FORMATS)}")
    rows = list(records)
    if fmt == "parquet":
        if path is None:
            raise InvalidParameter("out", "parquet needs a file", hint="pass --out events.parquet")
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist([{**flat(r), "record": json.dumps(r, ensure_ascii=False)} for r in rows])
        pq.write_table(table, str(path))
        return len(rows)
    own = out is None
    handle: IO[str] = open(path, "w", encoding="utf-8", newline="") if own and path else (out or io.StringIO())
    try:
        if fmt == "jsonl":
            for r in rows:
                handle.write(json.dumps(r, ensure_ascii=False) + "\n")
        elif fmt == "csv":
            writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(flat(r) for r in rows)
        else:
            writer = csv.writer(handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
            now = dt.datetime.now(dt.timezone.utc)
            writer.writerows(gdelt_row(r, now) for r in rows)
    finally:
        if own and path:
            handle.close()
    return len(rows)
