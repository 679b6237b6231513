"""`allegiance dyad`, `bloc`, `network`, `alerts`, `actor`: the relations analysis on the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from allegiance.cli import cli, db_option
from allegiance.store import Store


def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=str)


def _fmt(value: float | None, digits: int = 2) -> str:
    return "" if value is None else f"{value:.{digits}f}"


@cli.command(name="dyad")
@click.argument("a")
@click.argument("b")
@click.option("--by", "interval", type=click.Choice(["day", "week", "month"]), default="month", show_default=True)
@click.option("--undirected", is_flag=True, help="Count events in both directions.")
@click.option("--since", default=None, help="First day (YYYY-MM-DD).")
@click.option("--until", default=None, help="Last day (YYYY-MM-DD).")
@click.option("--mentions", is_flag=True, help="Count every report instead of one per canonical event.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (same as --format json).")
@db_option
def dyad_command(a: str, b: str, interval: str, undirected: bool, since: str | None, until: str | None,
                 mentions: bool, fmt: str, as_json: bool, db: str | None) -> None:
    """Time series of what A did to B (both ways with --undirected), with change points."""
    from allegiance.relations.series import dyad_series
    from allegiance.relations.shifts import dyad_shifts

    with Store(db, read_only=True) as store:
        points = dyad_series(store, a, b, interval=interval, directed=not undirected, since=since, until=until,
                             mentions=mentions)
        shifts = dyad_shifts(store, a, b, directed=not undirected, mentions=mentions)
    if fmt == "json" or as_json:
        click.echo(_dump({"a": a.upper(), "b": b.upper(), "interval": interval, "directed": not undirected,
                          "points": [p.to_dict() for p in points], "shifts": [s.to_dict() for s in shifts]}))
        return
    arrow = "<->" if undirected else "->"
    click.echo(f"{a.upper()} {arrow} {b.upper()} by {interval}")
    click.echo(f"{'period':<12}{'events':>7}{'q1':>5}{'q2':>5}{'q3':>5}{'q4':>5}{'gold.sum':>10}{'mean':>7}"
               f"{'balance':>9}{'per 1k':>8}")
    for p in points:
        click.echo(f"{p.period.isoformat():<12}{p.events:>7}" + "".join(f"{q:>5}" for q in p.quad)
                   + f"{p.goldstein_sum:>10.1f}{_fmt(p.goldstein_mean):>7}{p.balance:>9.2f}{_fmt(p.normalised, 1):>8}")
    for s in shifts:
        click.echo(f"shift on {s.date}: mean Goldstein {s.before:+.2f} -> {s.after:+.2f} "
                   f"(events {', '.join(s.event_ids)})")


@cli.command(name="bloc")
@click.argument("code")
@click.option("--by", "interval", type=click.Choice(["day", "week", "month"]), default="month", show_default=True)
@click.option("--since", default=None)
@click.option("--until", default=None)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@db_option
def bloc_command(code: str, interval: str, since: str | None, until: str | None, as_json: bool, db: str | None) -> None:
    """Cohesion of a bloc over time, each member's stance towards its leader, and defectors."""
    from allegiance.relations.blocs import bloc_report

    with Store(db, read_only=True) as store:
        report = bloc_report(store, code, interval=interval, since=since, until=until)
    if as_json:
        click.echo(_dump(report.to_dict()))
        return
    click.echo(f"{report.code} — {report.name} (leader {report.leader})")
    click.echo("cohesion (mean Goldstein among members):")
    for p in report.cohesion:
        click.echo(f"  {p.period}  {p.events:>5} events  {_fmt(p.goldstein_mean):>6}")
    click.echo(f"stance towards {report.leader} (recent = since {report.recent_from}):")
    for m in report.members:
        flag = f"  DEFECTOR: {m.reason}" if m.defector else ""
        click.echo(f"  {m.country:<5} events {m.events:>5}  overall {_fmt(m.stance):>6}  before {_fmt(m.previous):>6}"
                   f"  recent {_fmt(m.recent):>6}{flag}")
    click.echo(f"defectors: {', '.join(report.defectors) or 'none'}")


@cli.command(name="network")
@click.option("--since", default=None)
@click.option("--until", default=None)
@click.option("--no-people", is_flag=True, help="Fold people into their states.")
@click.option("--min-events", type=int, default=1, show_default=True, help="Drop edges with fewer events.")
@click.option("--format", "fmt", type=click.Choice(["json", "graphml"]), default="json", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, writable=True), default=None, help="Write here, not stdout.")
@db_option
def network_command(since: str | None, until: str | None, no_people: bool, min_events: int, fmt: str,
                    out: str | None, db: str | None) -> None:
    """The network of states, blocs and people, with communities and centrality."""
    from allegiance.relations.network import build_network, network_graphml, network_json

    with Store(db, read_only=True) as store:
        graph = build_network(store, since=since, until=until, people=not no_people, min_events=min_events)
    text = network_graphml(graph) if fmt == "graphml" else _dump(network_json(graph))
    if out:
        Path(out).write_text(text, encoding="utf-8")
        click.echo(f"wrote {graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges to {out}", err=True)
    else:
        click.echo(text)


@cli.command(name="alerts")
@click.option("--rules", "rules_file", type=click.Path(dir_okay=False), default=None,
              help="Alert rules YAML (default: the alert_rules setting, plus the packaged rules).")
@click.option("--new-only", is_flag=True, help="Report only alerts not reported before, and record them.")
@click.option("--since", default=None, help="Only alerts on or after this day.")
@click.option("--json", "as_json", is_flag=True)
@db_option
def alerts_command(rules_file: str | None, new_only: bool, since: str | None, as_json: bool, db: str | None) -> None:
    """What the alert rules fire; --new-only is the monitor (each alert once)."""
    from allegiance.relations.alerts import alerts, load_rules, monitor
    from allegiance.relations.common import check_date

    since_d = check_date(since, "since")
    load_rules(rules_file)  # a broken rules file is a usage error even before the database is opened
    with Store(db, read_only=not new_only) as store:
        found = monitor(store, rules_file=rules_file) if new_only else alerts(store, rules_file=rules_file)
    found = [a for a in found if since_d is None or a.date >= since_d]
    if as_json:
        click.echo(_dump([a.to_dict() for a in found]))
        return
    for a in found:
        click.echo(f"{a.date}  {'NEW ' if a.new else '    '}{a.rule:<20} {a.message}")
    click.echo(f"{len(found)} alert(s)", err=True)


@cli.command(name="actor")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True)
@db_option
def actor_command(name: str, as_json: bool, db: str | None) -> None:
    """Profile of an actor: partners, event types, quotes, timeline."""
    from allegiance.relations.profiles import actor_profile

    with Store(db, read_only=True) as store:
        p = actor_profile(store, name)
    if as_json:
        click.echo(_dump(p.to_dict()))
        return
    click.echo(f"{p.name} [{p.key}] {p.type or ''} {', '.join(p.roles)}")
    click.echo(f"events: {p.events_as_source} as source, {p.events_as_target} as target, {p.first} to {p.last}")
    click.echo("deals with:")
    for r in p.partners:
        click.echo(f"  {r['name'] or r['id']:<28}{r['events']:>5} events  mean Goldstein {_fmt(r['goldstein_mean'])}")
    click.echo("does: " + ", ".join(f"{t['plover'] or t['cameo_root']} {t['events']}" for t in p.types))
    click.echo("said:")
    for q in p.quotes[:10]:
        click.echo(f"  {q['date']}  {q['sentence']}")
