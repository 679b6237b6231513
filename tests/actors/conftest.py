from __future__ import annotations

from pathlib import Path

import pytest

from allegiance.actors.kb import KnowledgeBase
from allegiance.actors.resolve import Resolver

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return KnowledgeBase.from_files([FIXTURES])


@pytest.fixture(scope="session")
def resolver(kb: KnowledgeBase) -> Resolver:
    return Resolver(kb)


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory):
    """Knowledge-base pickles go to a temporary directory, never the user's cache."""
    import os

    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old
