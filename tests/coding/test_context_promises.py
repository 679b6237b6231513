"""What a promise says it would do is intent; adjuncts of setting and "no doubt" hedge nothing."""

import pytest

from allegiance.coding.context import assess


def ctx(nlp, text, word):
    doc = nlp(text)
    return assess(next(t for t in doc if t.text == word))


@pytest.mark.parametrize(
    "text, word",
    [
        ("Tokayev promised that Kazakhstan would send grain to Kyrgyzstan.", "send"),
        ("Lavrov assured Baku that Russia would keep its peacekeepers in Karabakh.", "keep"),
        ("Xi pledged that China would buy more Kazakh wheat.", "buy"),
    ],
)
def test_a_promise_that_one_would_act_is_intent(nlp, text, word):
    c = ctx(nlp, text, word)
    assert c.intent and c.coded


def test_a_call_a_wish_was_voiced_in_took_place(nlp):
    assert ctx(nlp, "Erdogan sought support for the grain deal in a phone call with Putin.", "call").coded
    assert not ctx(nlp, "Kyiv called for talks with Moscow.", "talks").coded  # what is called for stays a wish


def test_no_doubt_is_no_hedge(nlp):
    assert ctx(nlp, "There is no doubt that Russia supplied the missiles, the minister said.", "supplied").coded
    assert not ctx(nlp, "There are doubts that Russia supplied the missiles.", "supplied").coded


def test_a_past_perfect_with_while_is_no_stance(nlp):
    assert not ctx(nlp, "The suspects had been detained while trying to cross into Georgia.", "trying").background
