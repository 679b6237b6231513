"""`allegiance event ID` and `allegiance merge`: one event, many mentions."""

from __future__ import annotations

import json

import click

from allegiance.cli import cli, db_option
from allegiance.scale.mentions import MIN_SIMILARITY, WINDOW_DAYS, merge_mentions
from allegiance.store import Store
from allegiance.store.canonical import explain


@cli.command(name="event")
@click.argument("ident")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def event_command(ident: str, db: str | None, as_json: bool) -> None:
    """Show a canonical event (by its id or any mention's event id) and why its mentions were merged."""
    with Store(db, read_only=True) as store:
        report = explain(store, ident)
    if as_json:
        click.echo(json.dumps(report, indent=2, default=str))
        return
    event = report.get("event") or {}
    source = (event.get("source") or {}).get("name")
    target = (event.get("target") or {}).get("name") if event.get("target") else "-"
    click.echo(f"canonical event {report.get('canonical_id')}: {source} → {target}  "
               f"{event.get('cameo')} {event.get('plover')}  {event.get('date')}")
    if report.get("canonical_id"):
        click.echo(f"  {report['n_mentions']} mentions in {report['n_articles']} articles from {report['n_sources']} sources; "
                   f"dates {report['date_min']} .. {report['date_max']}; first reported {report['first_reported']}")
        click.echo(f"  rule: {report['rule']}")
    else:
        click.echo(f"  {report.get('note')}")
    for m in report["mentions"]:
        mark = "*" if m["first_report"] else "-"
        click.echo(f"  {mark} {m['event_id']}  {m['date']}  {m['publisher'] or m['origin']}: {m['reason']}")
        click.echo(f"      “{m['sentence']}”")


@cli.command(name="merge")
@db_option
@click.option("--window-days", default=WINDOW_DAYS, show_default=True, help="Largest date gap between mentions of one event.")
@click.option("--min-similarity", default=MIN_SIMILARITY, show_default=True, help="Evidence word overlap needed to merge across days.")
def merge_command(db: str | None, window_days: int, min_similarity: float) -> None:
    """Recompute canonical events from all stored events (ingest and code do this automatically)."""
    with Store(db) as store:
        summary = merge_mentions(store, window_days=window_days, min_similarity=min_similarity)
    click.echo(f"{summary.events} events → {summary.canonical} canonical events ({summary.merged_mentions} merged mentions)")
