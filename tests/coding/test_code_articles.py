import datetime as dt
import json

from allegiance.coding import code_articles
from allegiance.coding.evaluate import evaluate, format_report
from allegiance.models import Article
from allegiance.store import Store
from allegiance.store.articles import save
from allegiance.store.events import query_events

TEXT = "Russian President Vladimir Putin met Tajik President Emomali Rahmon in Dushanbe on Monday."


def article(ident, text=TEXT, duplicate_of=None):
    return Article(id=ident, origin=f"test/{ident}", title=None, url=None, publisher=None, author=None, language="en",
                   published=dt.date(2022, 10, 14), published_precision="day", published_source="metadata",
                   raw_text=text, clean_text=text, duplicate_of=duplicate_of)


def test_code_articles_skips_near_duplicates_and_recodes_atomically(coder):
    with Store(":memory:") as store:
        save(store, article("a1"))
        save(store, article("a2", TEXT + " It was warm.", duplicate_of="a1"))
        save(store, article("a3", "Russia condemned Ukraine on Friday."))
        stored = code_articles(store, coder=coder)
        events = query_events(store, limit=None)
        assert stored == len(events) > 0
        assert {e["article_id"] for e in events} == {"a1", "a3"}
        ids = sorted(e["event_id"] for e in events)
        assert code_articles(store, ["a1", "a3"], coder=coder) == stored  # a re-code replaces, never adds
        assert sorted(e["event_id"] for e in query_events(store, limit=None)) == ids
        coded = store.query("SELECT id, coder_version FROM articles WHERE coded_at IS NOT NULL ORDER BY id")
        assert [r["id"] for r in coded] == ["a1", "a3"]


def test_evaluate_on_a_small_gold_set(coder, tmp_path):
    (tmp_path / "articles").mkdir()
    sentences = [
        {"id": "x1", "text": "Russia condemned Ukraine.", "date": "2022-10-14", "tags": ["plain"], "split": "test",
         "events": [{"source": "RUS", "target": "UKR", "cameo": "111", "plover": "ACCUSE"}]},
        {"id": "x2", "text": "China has refrained from condemning Russia.", "date": "2022-10-14",
         "tags": ["refusal"], "split": "test", "events": []},
        {"id": "x3", "text": "Russia condemned Ukraine.", "date": "2022-10-14", "tags": ["plain"], "split": "dev",
         "events": [{"source": "RUS", "target": "UKR", "cameo": "111", "plover": "ACCUSE"}]},
    ]
    (tmp_path / "sentences.jsonl").write_text("\n".join(json.dumps(s) for s in sentences))
    (tmp_path / "articles" / "g1.json").write_text(json.dumps({
        "id": "g1", "title": "t", "published": "2022-10-14", "origin": "g1", "text": "Putin met Rahmon in Dushanbe.",
        "events": [{"source": "TJK", "target": "RUS", "plover": "ACCUSE", "cameo": "112", "date": "2022-10-14",
                    "evidence": "Putin met Rahmon"}]}))
    report = evaluate("test", root=tmp_path, coder=coder)
    assert report["sentences"] == 2 and report["articles"] == 1
    s = report["sentence_scores"]["overall"]
    assert (s["tp"], s["fn"]) == (1, 0) and s["recall"] == 1.0
    a = report["article_scores"]["overall"]
    assert a["fn"] == 1 and a["tp"] == 0
    assert report["combined"]["plover"]["ACCUSE"]["tp"] == 1
    assert "per PLOVER type" in format_report(report)
