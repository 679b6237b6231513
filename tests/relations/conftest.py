from __future__ import annotations

import pytest
from synthetic import Stored, populate

from allegiance.store import Store


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[Stored]]:
    path = str(tmp_path_factory.mktemp("relations") / "corpus.duckdb")
    with Store(path) as store:
        stored = populate(store)
    return path, stored


@pytest.fixture()
def store(corpus_db: tuple[str, list[Stored]]):
    with Store(corpus_db[0], read_only=True) as s:
        yield s


@pytest.fixture()
def stored(corpus_db: tuple[str, list[Stored]]) -> list[Stored]:
    return corpus_db[1]
