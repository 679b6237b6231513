"""The command line: a thin wrapper over the library. Each area's commands live in a sibling module.

Exit status: 0 success; 1 error; 2 bad usage or parameter; 3 ingest finished but rejected some
inputs (they are listed); 4 not found.
"""

from __future__ import annotations

import sys

import click

from allegiance.errors import AllegianceError


class Group(click.Group):
    """Turns library errors into one clear line and a documented exit status."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except AllegianceError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="allegiance")
def cli() -> None:
    """Read news and reconstruct the international relations it describes."""


@cli.group(name="export")
def export_group() -> None:
    """Export stored articles or events."""


db_option = click.option(
    "--db", "db", default=None, envvar="ALLEGIANCE_DB", help="Database file (default ./allegiance.duckdb, or $ALLEGIANCE_DB)."
)


def _register() -> None:
    # Imported for their side effect of adding commands to `cli` and `export_group`.
    import importlib

    for module in ("info", "articles", "actors", "events", "relations", "serve", "scale"):
        try:
            importlib.import_module(f"allegiance.cli.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"allegiance.cli.{module}":
                raise


def main() -> None:
    _register()
    cli(prog_name="allegiance")
