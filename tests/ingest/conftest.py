from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    """No user config file or ALLEGIANCE_* variables of the machine leak into the tests."""
    monkeypatch.setenv("ALLEGIANCE_CONFIG", str(tmp_path / "no-config.toml"))
    for name in ("ALLEGIANCE_DB", "ALLEGIANCE_MAX_ARTICLE_BYTES", "ALLEGIANCE_NEAR_DUPLICATE_THRESHOLD", "ALLEGIANCE_FETCH_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
