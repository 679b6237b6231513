from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "relations"))
from synthetic import Stored, populate  # noqa: E402

from allegiance.api import create_app  # noqa: E402
from allegiance.store import Store  # noqa: E402


@pytest.fixture(scope="session")
def api_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[Stored]]:
    path = str(tmp_path_factory.mktemp("api") / "api.duckdb")
    with Store(path) as store:
        stored = populate(store)
    return path, stored


@pytest.fixture(scope="session")
def client(api_db) -> Iterator[TestClient]:
    with TestClient(create_app(api_db[0], token=""), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="session")
def stored(api_db) -> list[Stored]:
    return api_db[1]
