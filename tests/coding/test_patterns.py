from hypothesis import given, settings
from hypothesis import strategies as st

from allegiance.coding.patterns import PatternError, Tok, compile_synsets, format_pattern, match_pattern, parse_pattern

WORDS = ["aid", "talks", "troop", "border", "to", "with", "into", "against"]
FILLER = ["qq", "zz", "xx", "the", "new"]

word = st.sampled_from(WORDS)
atom = st.one_of(
    word,
    word.map(lambda w: w + "_"),
    st.sampled_from(["$", "+", "%", "^", "&weapon", "&currency"]),
)


@st.composite
def pattern_text(draw):
    def side(n):
        items = []
        for _ in range(n):
            group = draw(st.sampled_from(["", "", "(", "{"]))
            inner = draw(st.lists(atom, min_size=1, max_size=3))
            joiner = draw(st.sampled_from([" ", "_"]))
            body = joiner.join(inner) if joiner == " " else "_".join(a.rstrip("_") for a in inner)
            items.append(f"{group}{body}{ {'(': ')', '{': '}', '': ''}[group] }")
        return items

    before = side(draw(st.integers(0, 2)))
    after = side(draw(st.integers(0, 3)))
    verb = draw(st.sampled_from(["*", "*"]))
    if before and draw(st.booleans()) and not before[-1].endswith((")", "}", "_")):
        before[-1] = before[-1] + "_*"
        verb = ""
    return " ".join(before + ([verb] if verb else []) + after)


@given(pattern_text())
@settings(max_examples=300, deadline=None)
def test_format_round_trips(text):
    p = parse_pattern(text)
    again = parse_pattern(format_pattern(p))
    assert again == p
    assert format_pattern(again) == format_pattern(p)


@given(st.text(alphabet="ab*_(){}$+&%^ ", max_size=25))
@settings(max_examples=300, deadline=None)
def test_parser_rejects_garbage_cleanly(text):
    try:
        p = parse_pattern(text)
    except PatternError:
        return
    assert sum(e.kind == "verb" for e in p.elements) == 1


def test_petrarch_quirks():
    p = parse_pattern("* (TO {BANNED PARTIES}) $")
    assert [e.kind for e in p.elements] == ["verb", "word", "word", "word", "source"]
    assert p.elements[1].group == "(" and p.elements[2].group == "({"
    assert parse_pattern("*SCEPTICAL") == parse_pattern("* sceptical")
    q = parse_pattern("SO IN_AND_*_OUT_AGAIN NOW")
    assert [e.joined for e in q.elements] == [False, False, True, True, True, True, False]
    assert parse_pattern("* CASH_").elements[1].exact


@st.composite
def words_around_verb(draw):
    before = draw(st.lists(st.sampled_from(WORDS), max_size=2, unique=True))
    after = draw(st.lists(st.sampled_from(WORDS), max_size=3, unique=True))
    return before, after


def _sequence(draw_gap, before, after):
    toks = []
    for w in before:
        toks += [Tok(g, g) for g in draw_gap()] + [Tok(w, w)]
    verb = len(toks)
    toks.append(Tok("sent", "send", "VERB"))
    for w in after:
        toks += [Tok(g, g) for g in draw_gap()] + [Tok(w, w)]
    return toks, verb


@given(words_around_verb(), st.data())
@settings(max_examples=200, deadline=None)
def test_words_match_in_order_with_gaps_and_fail_when_missing(parts, data):
    before, after = parts
    pattern = parse_pattern(" ".join(before + ["*"] + after))
    gap = lambda: data.draw(st.lists(st.sampled_from(FILLER), max_size=2))  # noqa: E731
    toks, verb = _sequence(gap, before, after)
    assert match_pattern(pattern, toks, verb, {}) is not None
    if before + after:
        missing = data.draw(st.sampled_from(before + after))
        pruned = [t for t in toks if t.text != missing]
        v = next(i for i, t in enumerate(pruned) if t.lemma == "send")
        assert match_pattern(pattern, pruned, v, {}) is None


def test_joined_words_must_be_adjacent_and_slots_are_reported():
    toks = [Tok(w, w, "PROPN" if w[0].isupper() else "") for w in ["Iran", "sent", "aid", "to", "the", "Syria"]]
    toks = [Tok(t.text.lower(), t.lemma.lower(), t.pos) for t in toks]
    assert match_pattern(parse_pattern("* aid (to +)"), toks, 1, {}) == {"target": 5, "first": 1, "last": 5}
    assert match_pattern(parse_pattern("* aid_to"), toks, 1, {}) is not None
    assert match_pattern(parse_pattern("* to_syria"), toks, 1, {}) is None
    assert match_pattern(parse_pattern("$ * aid"), toks, 1, {})["source"] == 0
    synsets = compile_synsets({"help": (("aid",), ("humanitarian", "aid"))})
    assert match_pattern(parse_pattern("* &help"), toks, 1, synsets) is not None


def test_inflected_forms_match_but_agent_nouns_are_other_words():
    from allegiance.coding.patterns import word_matches

    def tok(text: str) -> Tok:
        return Tok(text, text)

    for word, form in (("aid", "aids"), ("aid", "aided"), ("aid", "aiding"), ("stop", "stopped"), ("ship", "shipped"),
                       ("take", "taken")):
        assert word_matches(word, False, tok(form)), form
    # "protesters" are no protest held, a "bomber" no bombing, "makers" no making
    for word, noun in (("protest", "protesters"), ("bomb", "bomber"), ("make", "makers"), ("fight", "fighters")):
        assert not word_matches(word, False, tok(noun)), noun


def test_a_hyphenated_word_matches_the_three_tokens_the_parser_splits_it_into():
    toks = [Tok(w, w, "") for w in ["declared", "a", "counter", "-", "terrorism", "operation", "in", "the", "city"]]
    pattern = parse_pattern("* {counter-terrorism operation}")
    assert pattern.required == frozenset({"counter", "terrorism", "operation"})
    assert match_pattern(pattern, toks, 0, {}) == {"first": 0, "last": 5}
    # the parts must be joined by the hyphen, and only the last part may be inflected
    apart = [Tok(w, w, "") for w in ["declared", "a", "counter", "terrorism", "operation"]]
    assert match_pattern(pattern, apart, 0, {}) is None
    sit_ins = [Tok(w, w, "") for w in ["staged", "sit", "-", "ins"]]
    assert match_pattern(parse_pattern("* sit-in"), sit_ins, 0, {}) == {"first": 0, "last": 3}
    assert format_pattern(pattern) == "* {counter-terrorism operation}"
