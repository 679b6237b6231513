from hypothesis import given
from hypothesis import strategies as st

from allegiance.actors.names import key, normalise, slug
from allegiance.actors.phrase import words_of


@given(st.text())
def test_normalise_is_idempotent(text: str) -> None:
    assert normalise(normalise(text)) == normalise(text)


@given(st.text())
def test_normalised_text_has_no_upper_case_or_double_spaces(text: str) -> None:
    out = normalise(text)
    assert out == out.lower()
    assert "  " not in out
    assert out == out.strip()


@given(st.text(alphabet=st.characters(codec="ascii", categories=["L"]), min_size=1))
def test_key_ignores_case_and_a_leading_article(word: str) -> None:
    assert key(f"The {word.upper()}") == key(word.lower())


def test_accents_dots_and_quotes_fold() -> None:
    assert normalise("Erdoğan") == "erdogan"
    assert normalise("U.S.") == "us"
    assert normalise("Lukashenka’s") == "lukashenka's"
    assert key("the Kremlin") == "kremlin"
    assert slug("Kassym-Jomart Tokayev") == "kassym-jomart-tokayev"


def test_words_split_possessives_and_ex() -> None:
    assert words_of("Tajikistan's president") == ["tajikistan", "'s", "president"]
    assert words_of("ex-president Poroshenko") == ["ex", "president", "poroshenko"]
    assert words_of("a pro-Kremlin blogger") == ["a", "pro-kremlin", "blogger"]
