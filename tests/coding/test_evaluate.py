"""The scorer's matching: which gold event a coded event is paired with."""

from allegiance.coding.evaluate import Scores

RUS, TJK = {"country": "RUS", "organization": None}, {"country": "TJK", "organization": None}


def coded(cameo: str, confidence: float = 0.9) -> dict:
    return {"source": RUS, "target": TJK, "cameo": cameo, "cameo_root": cameo[:2], "plover": None,
            "confidence": confidence, "sentence": "s", "date": None,
            "evidence": {"trigger": {"text": "met"}}}


def test_a_coded_event_is_paired_with_the_gold_event_of_its_exact_code_first():
    scores = Scores()
    gold = [{"source": "RUS", "target": "TJK", "cameo": "040"}, {"source": "RUS", "target": "TJK", "cameo": "046"}]
    scores.add("u", gold, [coded("046"), coded("040", 0.5)])
    report = scores.report()
    assert report["overall"]["tp"] == 2 and report["agreement"]["cameo"] == 1.0


def test_without_an_exact_code_the_first_gold_event_of_the_root_is_taken():
    scores = Scores()
    scores.add("u", [{"source": "RUS", "target": "TJK", "cameo": "040"}], [coded("046")])
    report = scores.report()
    assert report["overall"]["tp"] == 1 and report["agreement"]["cameo"] == 0.0


def test_of_gold_events_of_the_same_code_the_one_of_the_coded_date_is_paired_first():
    scores = Scores()
    gold = [{"source": "RUS", "target": "TJK", "cameo": "046", "date": "2022-10-13"},
            {"source": "RUS", "target": "TJK", "cameo": "046", "date": "2022-10-14"}]
    later = dict(coded("046"), date="2022-10-14")
    earlier = dict(coded("046", 0.5), date="2022-10-13")
    scores.add("u", gold, [later, earlier])
    assert scores.report()["agreement"]["date"] == 1.0


def test_load_gold_can_take_a_batch_of_articles_by_id_pattern():
    from allegiance.coding.evaluate import load_gold

    sentences, articles = load_gold("dev", articles=["d0[1-3]", "d10"])
    assert sentences == [] and sorted(a["id"] for a in articles) == ["d01", "d02", "d03", "d10"]
    sentences, articles = load_gold("dev")
    assert sentences and len(articles) > 4
