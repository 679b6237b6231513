"""`allegiance code`, `events`, `export events`, `extract`, `evaluate`, `conformance`."""

from __future__ import annotations

import json
import sys

import click

from allegiance.cli import cli, db_option, export_group
from allegiance.errors import InvalidParameter


@cli.command(name="code")
@db_option
@click.option("--all", "all_", is_flag=True, help="Re-code every stored article.")
@click.option("--progress/--no-progress", default=False, help="Show a progress bar.")
@click.argument("ids", nargs=-1)
def code_command(db: str | None, all_: bool, progress: bool, ids: tuple[str, ...]) -> None:
    """(Re-)code stored articles, replacing each article's events atomically."""
    from allegiance.coding import code_articles
    from allegiance.store import Store

    if not all_ and not ids:
        raise InvalidParameter("ids", "name article ids or pass --all", hint="allegiance code --all")
    if all_ and ids:
        raise InvalidParameter("ids", "--all and article ids exclude each other")
    with Store(db) as store:
        n = code_articles(store, None if all_ else list(ids), progress=progress)
    click.echo(f"stored {n} events")


def _table(records: list[dict]) -> None:
    from allegiance.coding.export import flat

    if not records:
        click.echo("no events")
        return
    for r in records:
        f = flat(r)
        target = f["target_name"] or "-"
        click.echo(f"{f['date'] or '?':10}  {f['cameo']:5} {f['plover'] or '-':12} {f['source_name']} → {target}"
                   f"  ({f['confidence']:.2f})  {f['event_id']}")


@cli.command(name="events")
@db_option
@click.option("--actor", help="Country, organization, actor id or name, as source or target.")
@click.option("--dyad", help="SOURCE:TARGET, e.g. RUS:TJK.")
@click.option("--since", help="First date (YYYY-MM-DD).")
@click.option("--until", help="Last date (YYYY-MM-DD).")
@click.option("--plover", help="PLOVER type, e.g. ACCUSE.")
@click.option("--cameo", help="CAMEO code or prefix, e.g. 11 or 112.")
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--offset", type=int, default=0)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
def events_command(db, actor, dyad, since, until, plover, cameo, limit, offset, fmt) -> None:
    """List stored events, filtered."""
    from allegiance.coding.export import write_events
    from allegiance.store import Store
    from allegiance.store.events import query_events

    with Store(db, read_only=True) as store:
        records = query_events(store, actor=actor, dyad=dyad, since=since, until=until, plover=plover, cameo=cameo,
                               limit=limit, offset=offset)
    if fmt == "table":
        _table(records)
    else:
        write_events(records, fmt, sys.stdout)


@export_group.command(name="events")
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "gdelt"]), default="jsonl", show_default=True)
@click.option("--out", "out", type=click.Path(dir_okay=False), help="File to write (default: standard output).")
def export_events_command(db: str | None, fmt: str, out: str | None) -> None:
    """Export every stored event (gdelt: the GDELT 2.0 event table layout)."""
    from allegiance.coding.export import write_events
    from allegiance.store import Store
    from allegiance.store.events import query_events

    with Store(db, read_only=True) as store:
        records = query_events(store, limit=None)
    if out:
        n = write_events(records, fmt, path=out)
        click.echo(f"wrote {n} events to {out}", err=True)
    else:
        write_events(records, fmt, sys.stdout)


@cli.command(name="extract")
@click.argument("text", required=False)
@click.option("--date", help="Publication date the text's relative dates refer to (default today).")
@click.option("--json", "as_json", is_flag=True, help="Print the event records as JSON.")
@click.option("--jsonl", "jsonl", type=click.File("r", encoding="utf-8"),
              help='Read lines {"id","text","date"} from FILE (- for stdin); write {"id","events"} lines.')
def extract_command(text: str | None, date: str | None, as_json: bool, jsonl) -> None:
    """Code text without storing it."""
    from allegiance.coding.extract import extract, extract_lines

    if jsonl is not None:
        if text:
            raise InvalidParameter("text", "give TEXT or --jsonl, not both")
        out = sys.stdout
        for line in extract_lines(jsonl):
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            out.flush()
        return
    if not text:
        raise InvalidParameter("text", "no text given", hint='allegiance extract "Putin met Rahmon in Dushanbe."')
    records = extract(text, date)
    if as_json:
        click.echo(json.dumps(records, indent=2, ensure_ascii=False))
    else:
        _table(records)


@cli.command(name="evaluate")
@click.option("--split", type=click.Choice(["test", "dev", "all"]), default="test", show_default=True)
@click.option("--articles", "patterns", multiple=True, metavar="PATTERN",
              help="Only the gold articles whose id matches (shell pattern, repeatable: d8[3-9]), no sentences.")
@click.option("--json", "as_json", is_flag=True)
def evaluate_command(split: str, patterns: tuple[str, ...], as_json: bool) -> None:
    """Precision, recall and F1 of the coder on the project's gold sets."""
    from allegiance.coding.evaluate import evaluate, format_report

    report = evaluate(split=split, articles=patterns or None)
    click.echo(json.dumps(report, indent=2) if as_json else format_report(report))


@cli.command(name="conformance")
@click.option("--suite", type=click.Path(exists=True, dir_okay=False), default=None,
              help="petrarch_validation.jsonl (default ../shared/conformance/ next to the repository).")
@click.option("--json", "as_json", is_flag=True)
def conformance_command(suite: str | None, as_json: bool) -> None:
    """Run PETRARCH's validation records with its toy dictionaries; report the share reproduced."""
    from allegiance.coding.conformance import run_conformance

    report = run_conformance(suite)
    if as_json:
        click.echo(json.dumps(report, indent=2))
    else:
        click.echo(f"reproduced {report['reproduced']}/{report['records']} records ({report['share']:.1%})")
        for cat, (ok, n) in sorted(report["by_category"].items()):
            click.echo(f"  {cat:14} {ok}/{n}")
    sys.stdout.flush()
