"""Settings in three layers: packaged defaults < user file < environment variables.

- packaged defaults: ``allegiance/data/defaults.toml``
- user file: ``$ALLEGIANCE_CONFIG`` or ``~/.config/allegiance/config.toml`` (same keys)
- environment: ``ALLEGIANCE_<KEY>`` upper-cased, e.g. ``ALLEGIANCE_DB``, ``ALLEGIANCE_MODEL``

Command-line flags (``--db``) override all three.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from importlib import resources
from pathlib import Path

from allegiance.errors import ConfigError


@dataclass(frozen=True)
class Settings:
    db: str
    model: str
    user_agent: str
    fetch_timeout: float
    max_article_bytes: int
    near_duplicate_threshold: float
    actors_overlay: str
    alert_rules: str
    api_token: str

    def with_overrides(self, **values: object) -> "Settings":
        return replace(self, **{k: v for k, v in values.items() if v is not None})


def _user_file() -> Path:
    explicit = os.environ.get("ALLEGIANCE_CONFIG")
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "allegiance" / "config.toml"


def _coerce(name: str, kind: type, raw: object, origin: str) -> object:
    try:
        return kind(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name!r} must be {kind.__name__}, got {raw!r}", input=origin) from exc


def load_settings() -> Settings:
    values: dict[str, object] = tomllib.loads(
        resources.files("allegiance").joinpath("data/defaults.toml").read_text("utf-8")
    )
    user = _user_file()
    if user.is_file():
        try:
            overrides = tomllib.loads(user.read_text("utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"not valid TOML: {exc}", input=str(user), hint="fix or delete the file") from exc
        unknown = set(overrides) - {f.name for f in fields(Settings)}
        if unknown:
            raise ConfigError(f"unknown settings {sorted(unknown)}", input=str(user))
        values.update(overrides)
    types = {f.name: f.type for f in fields(Settings)}
    kinds = {"str": str, "float": float, "int": int}
    for name in types:
        env = os.environ.get(f"ALLEGIANCE_{name.upper()}")
        if env is not None:
            values[name] = env
    return Settings(**{n: _coerce(n, kinds[str(t)], values[n], "settings") for n, t in types.items()})
