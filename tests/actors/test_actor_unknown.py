from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from allegiance.actors.resolve import Resolver
from allegiance.actors.unknown import is_not_an_actor, stored_texts, unknown_names
from allegiance.cli import _register, cli
from allegiance.models import Article
from allegiance.store import Store
from allegiance.store.articles import save

TEXTS = [
    "Vladimir Putin met Rustam Qodirov in Moscow. Qodirov thanked the Kremlin. Rustam Qodirov later met Putin again.",
    "Rustam Qodirov visited Dushanbe with Emomali Rahmon. Zarafshon Holdings signed a deal.",
]


def _db(tmp_path: Path) -> str:
    path = str(tmp_path / "corpus.duckdb")
    with Store(path) as store:
        for n, text in enumerate(TEXTS):
            save(store, Article(id=f"a{n}", origin=f"test#{n}", title=None, url=None, publisher=None, author=None,
                                language="en", published=dt.date(2023, 3, n + 1), published_precision="day",
                                published_source="metadata", raw_text=text, clean_text=text))
    return path


def test_unknown_names_counts_what_the_resolver_cannot_place(tmp_path: Path, resolver: Resolver) -> None:
    names = unknown_names(stored_texts(_db(tmp_path)), resolver, limit=10)
    counted = {n.name: n.count for n in names}
    assert counted.get("Rustam Qodirov") == 3
    assert "Vladimir Putin" not in counted and "Moscow" not in counted and "Emomali Rahmon" not in counted


def test_unknown_cli(tmp_path: Path) -> None:
    _register()
    result = CliRunner().invoke(cli, ["actors", "unknown", "--db", _db(tmp_path), "--json", "--limit", "3"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert rows and rows[0]["name"] == "Rustam Qodirov" and rows[0]["count"] == 3
    assert len(rows) <= 3


@pytest.mark.parametrize("name", ["Eurasia Wire", "Eurasia Desk", "Follow Eurasia Wire", "Email", "Twitter",
                                  "Facebook / X / WhatsApp / Copy", "Samarkand", "Sochi", "Kazan", "the Luhansk",
                                  "201st", "defence"])
def test_places_widgets_and_bylines_are_not_actors(name: str) -> None:
    assert is_not_an_actor(name)


@pytest.mark.parametrize("name", ["Rustam Qodirov", "Zarafshon Holdings", "Anna Hale", "Power of Siberia 2",
                                  "the Southern Military District", "Xinhua", "X Corp"])
def test_people_and_organizations_are_kept(name: str) -> None:
    assert not is_not_an_actor(name)


def test_page_furniture_and_towns_are_not_listed(tmp_path: Path, resolver: Resolver) -> None:
    texts = [("By Eurasia Wire. Rustam Qodirov flew from Samarkand to Sochi and then to Kazan. "
              "Share: Facebook / X / WhatsApp / Copy. Email. Follow Eurasia Wire on Telegram.", "2024-05-01")] * 2
    counted = {n.name for n in unknown_names(texts, resolver, limit=20)}
    assert "Rustam Qodirov" in counted
    assert not counted & {"Samarkand", "Sochi", "Kazan", "Eurasia Wire", "Email", "Telegram",
                          "Facebook / X / WhatsApp / Copy", "Follow Eurasia Wire"}
