"""The cleaning rules: a patterns file (``allegiance/data/cleaning/patterns.yaml`` by default), read and
validated into ``Rule`` records that ``clean`` applies. A bad entry raises DataFileError naming it."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml

from allegiance.errors import DataFileError

Kind = Literal["line", "tail", "repeat", "head"]
_KINDS = ("line", "tail", "repeat", "head")
_HEAD_GROUPS = {"author", "publisher"}


@dataclass(frozen=True)
class Rule:
    name: str
    description: str
    kind: Kind
    pattern: re.Pattern[str] | None
    removes: tuple[str, ...]
    keeps: tuple[str, ...]


def default_patterns_path() -> Path:
    return Path(str(resources.files("allegiance").joinpath("data/cleaning/patterns.yaml")))


def load_rules(path: str | Path | None = None) -> tuple[Rule, ...]:
    """Read and validate a patterns file; a bad entry raises DataFileError naming it."""
    path = Path(path) if path is not None else default_patterns_path()
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"cannot read cleaning rules: {exc}", input=str(path)) from exc
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list) or not data["rules"]:
        raise DataFileError("expected a mapping with a non-empty `rules:` list", input=str(path))
    rules: list[Rule] = []
    for index, entry in enumerate(data["rules"]):
        rules.append(_rule(entry, f"{path} rule {index + 1}"))
    names = [r.name for r in rules]
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise DataFileError(f"rule names used twice: {duplicated}", input=str(path))
    return tuple(rules)


def _rule(entry: object, where: str) -> Rule:
    if not isinstance(entry, dict):
        raise DataFileError("a rule must be a mapping", input=where)
    unknown = set(entry) - {"name", "description", "kind", "pattern", "removes", "keeps"}
    if unknown:
        raise DataFileError(f"unknown keys {sorted(unknown)}", input=where)
    name, kind = entry.get("name"), entry.get("kind")
    if not isinstance(name, str) or not name:
        raise DataFileError("missing `name`", input=where)
    where = f"{where} ({name})"
    if kind not in _KINDS:
        raise DataFileError(f"`kind` must be one of {_KINDS}, got {kind!r}", input=where)
    if not isinstance(entry.get("description"), str):
        raise DataFileError("missing `description`", input=where)
    pattern = None
    if kind == "repeat":
        if "pattern" in entry:
            raise DataFileError("a `repeat` rule takes no `pattern`", input=where)
    else:
        try:
            pattern = re.compile(entry.get("pattern"))
        except (re.error, TypeError) as exc:
            raise DataFileError(f"bad `pattern`: {exc}", input=where) from exc
        groups = set(pattern.groupindex)
        if groups and (kind != "head" or not groups <= _HEAD_GROUPS):
            raise DataFileError(f"named groups {sorted(groups)}: only `head` rules may name author/publisher", input=where)
    examples: dict[str, tuple[str, ...]] = {}
    for key in ("removes", "keeps"):
        values = entry.get(key)
        if not isinstance(values, list) or not values or not all(isinstance(v, str) and v.strip() for v in values):
            raise DataFileError(f"`{key}` must be a non-empty list of example texts", input=where)
        examples[key] = tuple(values)
    return Rule(name, entry["description"], kind, pattern, examples["removes"], examples["keeps"])


@functools.cache
def default_rules() -> tuple[Rule, ...]:
    return load_rules()


__all__ = ["Kind", "Rule", "default_patterns_path", "default_rules", "load_rules"]
