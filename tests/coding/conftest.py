import datetime as dt

import pytest

PUBLISHED = dt.date(2022, 10, 14)  # a Friday


@pytest.fixture(scope="session")
def coder():
    from allegiance.coding import Coder

    return Coder()


@pytest.fixture(scope="session")
def nlp():
    from allegiance import parse

    return parse.load()


@pytest.fixture(scope="session")
def events_of(coder):
    """Events coded from one text published on PUBLISHED, as (source, target, cameo root) keys and records."""
    from allegiance.coding.code import Text
    from allegiance.coding.evaluate import actor_key
    from allegiance.models import event_json

    def run(text: str, published: dt.date = PUBLISHED):
        records = [event_json(e) for e in coder.code(Text("t", "test", published, text))]
        keys = {(actor_key(r["source"]), actor_key(r["target"]), r["cameo_root"]) for r in records}
        return keys, records

    return run
