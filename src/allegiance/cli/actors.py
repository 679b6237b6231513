"""`allegiance actors ...` and `allegiance blocs ...`: thin wrappers over allegiance.actors."""

from __future__ import annotations

import json
import sys

import click

from allegiance.cli import cli, db_option
from allegiance.errors import NotFound
from allegiance.models import Actor


def _kb(overlay: str | None):
    from allegiance.actors.kb import load_kb

    return load_kb(overlay)


overlay_option = click.option("--overlay", default=None, envvar="ALLEGIANCE_ACTORS_OVERLAY",
                              help="Extra actor YAML file or directory (default: the actors_overlay setting).")


def _line(actor: Actor) -> str:
    where = " ".join(x for x in (actor.country, actor.organization, actor.sector) if x)
    role = f" - {actor.role}" if actor.role else ""
    return f"{actor.name} ({actor.type}) {where}{role} [{actor.id or 'no id'}] confidence {actor.confidence:.2f}"


@cli.group(name="actors")
def actors_group() -> None:
    """Resolve names to actors, inspect the knowledge base, find unknown names."""


@actors_group.command(name="resolve")
@click.argument("text", required=False)
@click.option("--date", "date", default=None, help="Date the mention is as of (YYYY-MM-DD; default today).")
@click.option("--context", default=None, help="Surrounding text (nationalities in it constrain the match).")
@click.option("--json", "as_json", is_flag=True, help="Print the actor as JSON.")
@click.option("--jsonl", "jsonl", type=click.File("r"), default=None,
              help='Resolve a stream: lines {"id","text","date"} in, {"id","actor"} out ("-" for stdin).')
@overlay_option
def resolve_command(text: str | None, date: str | None, context: str | None, as_json: bool, jsonl, overlay) -> None:
    """Who TEXT refers to on DATE."""
    from allegiance.actors.lookup import resolve_lines
    from allegiance.actors.resolve import Resolver, as_date

    resolver = Resolver(_kb(overlay))
    if jsonl is not None:
        bad = 0
        for out in resolve_lines(jsonl, resolver):
            click.echo(json.dumps(out, ensure_ascii=False))
            if "error" in out:
                bad += 1
                click.echo(f"{jsonl.name}: {out['error']}", err=True)
        if bad:
            sys.exit(3)  # the documented status for "finished, but rejected some inputs"
        return
    if not text:
        raise click.UsageError("give TEXT or --jsonl FILE")
    actor = resolver.resolve(text, as_date(date), context)
    if actor is None:
        raise NotFound(f"{text!r} names no actor", input=text, hint="names are resolved; plain nouns are not")
    click.echo(json.dumps(actor.to_dict(), ensure_ascii=False, indent=2) if as_json else _line(actor))


@actors_group.command(name="show")
@click.argument("name")
@click.option("--date", "date", default=None, help="Date for memberships (default today).")
@overlay_option
def show_command(name: str, date: str | None, overlay) -> None:
    """The knowledge-base entries NAME (or an id such as p:vladimir-putin) points to, as JSON."""
    from allegiance.actors.lookup import describe
    from allegiance.actors.resolve import as_date

    click.echo(json.dumps(describe(_kb(overlay), name, as_date(date)), ensure_ascii=False, indent=2))


@actors_group.command(name="unknown")
@db_option
@click.option("--limit", default=50, show_default=True, help="How many names to list.")
@click.option("--articles", default=None, type=int, help="Only read the N most recent articles.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines.")
@overlay_option
def unknown_command(db: str | None, limit: int, articles: int | None, as_json: bool, overlay) -> None:
    """Frequent PERSON/ORG/GPE names in the stored corpus that resolve to no known actor."""
    from allegiance.actors.resolve import Resolver
    from allegiance.actors.unknown import stored_texts, unknown_names
    from allegiance.store import default_db_path

    names = unknown_names(stored_texts(db or default_db_path(), articles), Resolver(_kb(overlay)), limit)
    for item in names:
        if as_json:
            click.echo(json.dumps(item.__dict__, ensure_ascii=False))
        else:
            click.echo(f"{item.count:6d}  {item.label:6}  {item.name}" + (f"  (country guess {item.country})" if item.country else ""))
    if not names and not as_json:
        click.echo("no unresolved names", err=True)


@actors_group.command(name="evaluate")
@click.option("--gold", "gold_dir", default="gold/actors", show_default=True, help="Directory with the gold files.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@overlay_option
def evaluate_command(gold_dir: str, as_json: bool, overlay) -> None:
    """Accuracy per category on gold/actors/mentions.jsonl and documents.jsonl."""
    from allegiance.actors.evaluate import evaluate, report_lines

    report = evaluate(gold_dir, _kb(overlay))
    if as_json:
        click.echo(json.dumps(report, indent=2))
    else:
        for line in report_lines(report):
            click.echo(line)


@cli.group(name="blocs")
def blocs_group() -> None:
    """Blocs and organizations: who is in them, as of a date."""


@blocs_group.command(name="members")
@click.argument("code")
@click.option("--date", "date", default=None, help="Membership on this date (YYYY-MM-DD; default today).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@overlay_option
def members_command(code: str, date: str | None, as_json: bool, overlay) -> None:
    """Member states of CODE (NATO, CSTO, EAEU, ...) on DATE."""
    from allegiance.actors.lookup import bloc_members

    result = bloc_members(_kb(overlay), code, date)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    click.echo(f"{result['name']} ({result['code']}) on {result['date']}: {len(result['members'])} members")
    for m in result["members"]:
        click.echo(f"  {m['iso3']}  {m['name']}")
