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
