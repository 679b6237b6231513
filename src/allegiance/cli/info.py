"""`allegiance info`."""

from __future__ import annotations

import json
import platform

import click

from allegiance import __version__
from allegiance.cli import cli, db_option
from allegiance.parse import model_info
from allegiance.store import SCHEMA_VERSION, Store, default_db_path


def info(db: str | None = None) -> dict:
    path = db or default_db_path()
    report: dict = {
        "version": __version__,
        "python": platform.python_version(),
        "model": model_info(),
        "database": {"path": path, "schema_version": None, "expected_schema_version": SCHEMA_VERSION, "counts": {}},
    }
    try:
        with Store(path, read_only=True) as store:
            report["database"]["schema_version"] = store.schema_version()
            report["database"]["counts"] = store.counts()
    except Exception as exc:  # info must still answer when there is no database yet
        report["database"]["error"] = str(exc)
    return report


@cli.command(name="info")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def info_command(db: str | None, as_json: bool) -> None:
    """Version, Python, NLP model, database and what it holds."""
    report = info(db)
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    click.echo(f"allegiance {report['version']} on Python {report['python']}")
    click.echo(f"NLP model: {report['model']['name']} {report['model']['version']}")
    d = report["database"]
    click.echo(f"database: {d['path']} (schema {d['schema_version']})")
    if "error" in d:
        click.echo(f"  {d['error']}")
    for table, n in d["counts"].items():
        click.echo(f"  {table}: {n}")
