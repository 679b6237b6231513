"""Background told in passing: a relative clause in the simple present describes, it does not report."""

import pytest

from allegiance.coding.context import assess


def ctx(nlp, text, word):
    doc = nlp(text)
    return assess(next(t for t in doc if t.text == word))


@pytest.mark.parametrize(
    "text, word",
    [
        ("Kazakhstan, which buys most of its petrol from Russia, signed a gas deal with Uzbekistan.", "buys"),
        ("Experts said the dispute could drive Armenia towards France, which supplies Yerevan with radars.", "supplies"),
        ("Russia remains the only neighbour that trains Tajik border guards.", "trains"),
        ("Moldova protested to Russia, whose troops guard a huge arms depot in Transnistria.", "guard"),
    ],
)
def test_a_simple_present_relative_clause_is_background(nlp, text, word):
    c = ctx(nlp, text, word)
    assert c.background and not c.coded


@pytest.mark.parametrize(
    "text, word",
    [
        ("Kazakhstan, which buys most of its petrol from Russia, signed a gas deal with Uzbekistan.", "signed"),
        ("Iran, which sent drones to Russia last month, summoned the British ambassador.", "sent"),
        ("Ankara, which will send observers, welcomed the ceasefire in Karabakh.", "welcomed"),
    ],
)
def test_the_news_around_it_and_past_relative_clauses_are_not(nlp, text, word):
    assert not ctx(nlp, text, word).background


def test_what_a_relative_clause_describes_is_not_coded(events_of):
    keys, _ = events_of("Georgia, which imports most of its wheat from Russia, protested to Moscow on Friday.")
    assert not any(root in ("06", "07") for _, _, root in keys)
