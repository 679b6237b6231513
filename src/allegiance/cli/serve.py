"""`allegiance serve` and `allegiance demo-serve`: the API and dashboard under uvicorn."""

from __future__ import annotations

import os

import click

from allegiance.cli import cli, db_option
from allegiance.errors import InvalidParameter
from allegiance.store import default_db_path

SERVER_MEMORY_LIMIT = "2GB"


def serve(db: str | None, host: str, port: int, token: str | None) -> None:
    import uvicorn

    from allegiance.api import create_app

    if not 0 < port < 65536:
        raise InvalidParameter("--port", f"{port} is not a TCP port")
    # The store's default cap (64MB) keeps batch ingestion flat; the server builds and caches the
    # relations rollups of the whole database, which needs more. An explicit setting still wins.
    os.environ.setdefault("ALLEGIANCE_DB_MEMORY_LIMIT", SERVER_MEMORY_LIMIT)
    app = create_app(db or default_db_path(), token=token)
    uvicorn.run(app, host=host, port=port, log_level="info")


@cli.command(name="serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind (keep it local).")
@click.option("--port", type=int, default=8000, show_default=True)
@click.option("--token", default=None, envvar="ALLEGIANCE_API_TOKEN",
              help="Enable the write endpoints (POST /api/ingest), which then require this bearer token.")
def serve_command(db: str | None, host: str, port: int, token: str | None) -> None:
    """Serve the JSON API and the dashboard (opens the database as its only writer)."""
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: binding to {host} exposes the dashboard beyond this machine", err=True)
    serve(db, host, port, token)


@cli.command(name="demo-serve")
@db_option
@click.option("--port", type=int, default=8000, show_default=True)
def demo_serve_command(db: str | None, port: int) -> None:
    """Print the dashboard URL and serve it (ALLEGIANCE_DEMO_NO_SERVE=1: print and exit, for CI)."""
    click.echo(f"dashboard: http://127.0.0.1:{port}/")
    if os.environ.get("ALLEGIANCE_DEMO_NO_SERVE") == "1":
        return
    serve(db, "127.0.0.1", port, None)
