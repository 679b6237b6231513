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


@pytest.mark.parametrize(
    "text, word",
    [
        ("Armenia has refrained from joining the sanctions, while criticising Moscow's peacekeepers.", "criticising"),
        ("India has kept buying Russian oil while urging both sides to return to talks.", "urging"),
        ("Lukashenko has spent years courting Beijing, praising Xi as a true friend.", "praising"),
        ("Budapest has spent weeks blocking the aid package, accusing Kyiv of mistreating Hungarians.", "accusing"),
    ],
)
def test_a_stance_kept_alongside_a_perfect_is_background(nlp, text, word):
    assert ctx(nlp, text, word).background


@pytest.mark.parametrize(
    "text, word",
    [
        ("Russia expelled two Estonian diplomats on Monday, accusing them of spying.", "accusing"),
        ("Putin spent two days in Beijing, praising Xi as a true friend.", "praising"),
        ("Tokayev met Putin in Astana while criticising the sanctions in public.", "criticising"),
    ],
)
def test_a_participle_on_news_is_news(nlp, text, word):
    assert not ctx(nlp, text, word).background


def test_a_cleft_sentence_tells_what_its_clause_says(nlp):
    assert not ctx(nlp, "It is Washington, not Beijing, that sends weapons to the battlefield.", "sends").background


@pytest.mark.parametrize(
    "text, word, background",
    [
        ("Kyrgyz police have detained forty protesters in Bishkek since Monday.", "detained", False),
        ("Russian guards have turned back hundreds of Uzbek migrants since the end of March.", "turned", False),
        ("Russia and China have held joint naval drills since 2019.", "held", True),
        ("Azerbaijan has blocked the corridor since February 2022.", "blocked", True),
        ("Minsk has hosted Russian troops since last year.", "hosted", True),
    ],
)
def test_a_count_kept_since_a_recent_day_or_month_is_news(nlp, text, word, background):
    assert ctx(nlp, text, word).background is background


@pytest.mark.parametrize(
    "text, opinion",
    [
        ("Critics said the new media law was a copy of Moscow's.", True),
        ("Analysts said the decree was a gift to the Kremlin.", True),
        ("The foreign ministry said the decree was a provocation.", False),
    ],
)
def test_what_commentators_say_is_their_view(nlp, text, opinion):
    assert ctx(nlp, text, "said").speculative is opinion
