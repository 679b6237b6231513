"""`allegiance ingest`, `allegiance articles`, `allegiance show`, `allegiance export articles`."""

from __future__ import annotations

import datetime as dt
import json
import sys
import textwrap
from typing import Any

import click

from allegiance.cli import cli, db_option, export_group
from allegiance.config import load_settings
from allegiance.errors import InvalidParameter
from allegiance.ingest import ingest
from allegiance.models import IngestSummary, Rejection
from allegiance.store import Store, default_db_path
from allegiance.store import articles as stored

EXIT_REJECTED = 3
EXIT_INTERRUPTED = 130  # the shell's convention for Ctrl-C


@cli.command(name="ingest")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH|URL|- ...")
@db_option
@click.option("--no-code", is_flag=True, help="Store articles without coding events.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True, help="Local worker processes.")
@click.option("--cluster", metavar="ADDRESS", default=None, help="Dask scheduler address to spread the work over.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but rejections and errors.")
def ingest_command(inputs: tuple[str, ...], db: str | None, no_code: bool, workers: int, cluster: str | None, quiet: bool) -> None:
    """Read articles from files, directories, globs, URLs or standard input (-) into the database.

    Formats: text, Markdown, HTML, JSON Lines, RSS/Atom, WARC. Each rejected input is listed on
    stderr as "rejected: INPUT: REASON", then one summary line goes to stdout:
    "ingested: N new, N duplicate, N near-duplicate, N rejected, N events in S s".
    Exit status: 0 all stored, 3 something was rejected, 1 the database cannot be used,
    2 a bad option, 130 interrupted (everything stored so far is kept).
    """
    settings = load_settings()
    bar = _progress_bar() if not quiet else None
    seen = [0]

    def report(outcome: str, subject: str | Rejection) -> None:
        seen[0] += 1
        if isinstance(subject, Rejection):
            line = f"rejected: {subject.origin}: {subject.reason}"
            if bar is not None:
                bar.write(line, file=sys.stderr)
            else:
                click.echo(line, err=True)
        if bar is not None:
            bar.update(1)

    with Store(db or default_db_path()) as store:
        try:
            summary = ingest(
                list(inputs), store, code=not no_code, workers=workers, cluster=cluster, progress=report, settings=settings
            )
        except KeyboardInterrupt:
            # Each article was committed on its own: say so, and that a rerun finishes the batch.
            click.echo(f"interrupted: the {seen[0]} inputs finished before it are stored; rerun the same command to finish the rest", err=True)
            sys.exit(EXIT_INTERRUPTED)
        finally:
            if bar is not None:
                bar.close()
    if not quiet:
        click.echo(summary_line(summary, coded=not no_code))
    if summary.rejected:
        sys.exit(EXIT_REJECTED)


def summary_line(summary: IngestSummary, *, coded: bool) -> str:
    """One line, always the same fields in the same order, so scripts can read it."""
    events = f"{summary.events} events" if coded else "0 events (not coded)"
    return (
        f"ingested: {summary.new} new, {summary.duplicate} duplicate, {summary.near_duplicate} near-duplicate, "
        f"{summary.rejected} rejected, {events} in {summary.seconds:.1f}s"
    )


def _progress_bar() -> Any:
    """A tqdm bar on stderr, only when stderr is a terminal (logs and pipes stay clean)."""
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(unit=" inputs", file=sys.stderr, dynamic_ncols=True, leave=False)


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidParameter("--since", f"{value!r} is not a date", hint="use YYYY-MM-DD") from exc


@cli.command(name="articles")
@db_option
@click.option("--search", "text", default=None, help="Only articles whose title or text contains TEXT.")
@click.option("--since", default=None, metavar="DATE", help="Only articles published on or after DATE (YYYY-MM-DD).")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def articles_command(db: str | None, text: str | None, since: str | None, limit: int, fmt: str) -> None:
    """List stored articles, newest publication date first."""
    with Store(db or default_db_path(), read_only=True) as store:
        rows = stored.search(store, text=text, since=_date(since), limit=limit)
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(_jsonable(row), ensure_ascii=False))
        return
    if not rows:
        click.echo("no articles", err=True)
        return
    click.echo(f"{'ID':<16}  {'PUBLISHED':<10}  {'TITLE':<48}  ORIGIN")
    for row in rows:
        published = row["published"].isoformat() if row["published"] else "unknown"
        if row["published"] and row["published_precision"] == "month":
            published = published[:7]
        elif row["published"] and row["published_precision"] == "year":
            published = published[:4]
        title = textwrap.shorten(row["title"] or "(untitled)", 48, placeholder="…")
        mark = f" (copy of {row['duplicate_of'][:8]})" if row["duplicate_of"] else ""
        click.echo(f"{row['id']:<16}  {published:<10}  {title:<48}  {row['origin']}{mark}")


@cli.command(name="show")
@click.argument("article_id", metavar="ID")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def show_command(article_id: str, db: str | None, as_json: bool) -> None:
    """One article: clean text, metadata, what cleaning removed, every origin. ID may be a prefix."""
    with Store(db or default_db_path(), read_only=True) as store:
        data = stored.details(store, article_id)
    if as_json:
        click.echo(json.dumps(_jsonable(data), ensure_ascii=False, indent=2))
        return
    click.echo(f"id:         {data['id']}")
    for key in ("title", "publisher", "author", "language", "url"):
        if data.get(key):
            click.echo(f"{key + ':':<12}{data[key]}")
    if data["published"]:
        click.echo(f"published:  {data['published']} ({data['published_precision']}, from {data['published_source']})")
    else:
        click.echo("published:  unknown")
    if data["duplicate_of"]:
        click.echo(f"copy of:    {data['duplicate_of']} (similarity {data['similarity']:.2f})")
    click.echo(f"events:     {data['events']}" + ("" if data["coded_at"] else " (not coded)"))
    click.echo("origins:")
    for origin in data["origins"]:
        click.echo(f"  {origin['kind']:<15} {origin['origin']}")
    if data["removed"]:
        click.echo("removed by cleaning:")
        for removal in data["removed"]:
            click.echo(f"  [{removal['rule']}] {textwrap.shorten(removal['text'], 100, placeholder='…')}")
    click.echo("")
    click.echo(data["clean_text"])


@export_group.command(name="articles")
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True)
@click.option("--out", default=None, metavar="FILE", help="Write here instead of standard output (required for parquet).")
def export_articles_command(db: str | None, fmt: str, out: str | None) -> None:
    """Every stored article: id, origin, title, published, text and the other metadata."""
    with Store(db or default_db_path(), read_only=True) as store:
        count = stored.export(store, fmt, out if out else sys.stdout)
    if out:
        click.echo(f"exported {count} articles to {out}", err=True)


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v for k, v in row.items()}
