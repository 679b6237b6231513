"""End-to-end fixtures: the real `allegiance` console script, run as a user would, on fresh databases.

The sample corpus is ingested once per session; every journey test reads that database (read-only
commands) or copies it before writing.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import traceback
from pathlib import Path

import duckdb
import pytest

from e2e_support import BIN, SAMPLE, Run, Sample


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ALLEGIANCE_")}
    # A user's own config file must not change what the product does under test.
    env["ALLEGIANCE_CONFIG"] = str(home / "no-such-config.toml")
    env["NO_COLOR"] = "1"
    return env


@pytest.fixture(scope="session")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    if not BIN.exists():
        pytest.skip(f"console script not installed next to {sys.executable}")
    home = tmp_path_factory.mktemp("e2e-home")
    env = _env(home)

    def _run(*args: str, input: str | None = None, cwd: Path | None = None,
             timeout: float = 600) -> subprocess.CompletedProcess:
        return subprocess.run([str(BIN), *map(str, args)], input=input, capture_output=True, text=True,
                              env=env, cwd=cwd or home, timeout=timeout)

    return _run


@pytest.fixture(scope="session")
def sample(run: Run, tmp_path_factory: pytest.TempPathFactory) -> Sample:
    db = tmp_path_factory.mktemp("e2e-sample") / "sample.duckdb"
    ingest = run("ingest", SAMPLE, "--db", db)
    assert ingest.returncode == 0, ingest.stderr
    exported = run("export", "events", "--format", "jsonl", "--db", db)
    assert exported.returncode == 0, exported.stderr
    events = [json.loads(line) for line in exported.stdout.splitlines() if line.strip()]
    with duckdb.connect(str(db), read_only=True) as con:
        texts = dict(con.execute("SELECT id, clean_text FROM articles").fetchall())
        titles = dict(con.execute("SELECT id, coalesce(title, '') FROM articles").fetchall())
    return Sample(db=db, ingest=ingest, events=events, clean_text=texts, titles=titles)


@pytest.fixture()
def sample_copy(sample: Sample, tmp_path: Path) -> Path:
    """A private copy of the ingested sample database, for commands that write."""
    target = tmp_path / "copy.duckdb"
    shutil.copy(sample.db, target)
    return target


@pytest.fixture(scope="session")
def inproc(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The same command line, run in this process (the model and tables load once), for the many
    read-only queries; an uncaught exception is reported the way a console script would print it."""
    from click.testing import CliRunner

    from allegiance.cli import _register, cli

    _register()
    home = tmp_path_factory.mktemp("e2e-inproc")
    runner = CliRunner()
    env = {"ALLEGIANCE_CONFIG": str(home / "no-such-config.toml"), "ALLEGIANCE_DB": None}

    def _run(*args: str, input: str | None = None) -> subprocess.CompletedProcess:
        result = runner.invoke(cli, [str(a) for a in args], input=input, env=env)
        stderr = result.stderr
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            stderr += "Traceback (most recent call last):\n" + "".join(
                traceback.format_exception(result.exception))
        return subprocess.CompletedProcess(args, result.exit_code, result.stdout, stderr)

    return _run
