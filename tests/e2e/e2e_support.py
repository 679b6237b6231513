"""Paths, records and small checks shared by the end-to-end tests (a unique module name, so it imports
the same way whether pytest runs one file or the whole suite)."""
from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "corpus" / "sample"
SCHEMA = REPO / "docs" / "event-schema.json"
BIN = Path(sys.executable).parent / "allegiance"
SUMMARY = re.compile(r"(\d+) new, (\d+) duplicate, (\d+) near-duplicate, (\d+) rejected")

Run = Callable[..., subprocess.CompletedProcess]


@dataclass(frozen=True)
class Sample:
    db: Path
    ingest: subprocess.CompletedProcess
    events: list[dict]
    clean_text: dict[str, str]
    titles: dict[str, str]


def counts(output: str) -> tuple[int, int, int, int]:
    """(new, duplicate, near-duplicate, rejected) from an ingest summary."""
    match = SUMMARY.search(output)
    assert match, f"no ingest summary in {output!r}"
    new, duplicate, near, rejected = (int(g) for g in match.groups())
    return new, duplicate, near, rejected


EXIT_LEAKS = re.compile(r"leaked \d+ (instances|types|functions)")


def clean(result: subprocess.CompletedProcess) -> bool:
    """A user error must never show a Python traceback, nor any command leave noise from the interpreter's
    exit (an extension module reporting objects it saw leaked)."""
    output = result.stdout + result.stderr
    return "Traceback (most recent call last)" not in output and not EXIT_LEAKS.search(output)
