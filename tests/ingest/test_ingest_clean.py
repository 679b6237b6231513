"""Every rule in the patterns file proves itself on its own examples; clean() is idempotent."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from allegiance.errors import DataFileError
from allegiance.ingest import clean as clean_module
from allegiance.ingest import folding
from allegiance.ingest.clean import clean, clean_article, fold, load_rules, normalise_whitespace
from allegiance.ingest.folding import Folds
from allegiance.models import Removal

RULES = load_rules()
BEFORE = "Leaders of the Collective Security Treaty Organization met in Moscow on Monday."
AFTER = "The next summit will be held in Yerevan, the organisation said in a statement."


def _embed(rule_kind: str, example: str) -> str:
    # A tail rule only acts at the end of an article, a head rule only at the top, every other rule anywhere.
    if rule_kind == "tail":
        return f"{BEFORE}\n\n{AFTER}\n\n{example}"
    if rule_kind == "head":
        return f"{example}\n\n{BEFORE}\n\n{AFTER}"
    return f"{BEFORE}\n\n{example}\n\n{AFTER}"


REMOVES = [pytest.param(r, ex, id=f"{r.name}-{i}") for r in RULES for i, ex in enumerate(r.removes)]
KEEPS = [pytest.param(r, ex, id=f"{r.name}-{i}") for r in RULES for i, ex in enumerate(r.keeps)]


@pytest.mark.parametrize("rule,example", REMOVES)
def test_rule_removes_its_examples(rule, example: str) -> None:
    text, removals = clean(_embed(rule.kind, example))
    assert rule.name in {r.rule for r in removals}
    assert BEFORE in text and AFTER in text
    if rule.kind == "repeat":
        first = example.split("\n")[0]
        assert text.count(first.split(" (")[0][:25]) == 1
    else:
        assert example.strip() not in text


@pytest.mark.parametrize("rule,example", KEEPS)
def test_rule_keeps_its_examples(rule, example: str) -> None:
    text, removals = clean(_embed(rule.kind, example))
    assert example in text
    assert removals == ()


def test_every_rule_kind_is_exercised() -> None:
    assert {r.kind for r in RULES} == {"line", "tail", "repeat", "head"}
    assert len({r.name for r in RULES}) == len(RULES)


def test_issue_boilerplate_is_removed_together() -> None:
    page = "\n".join(
        [
            "Putin and Lukashenko met in Sochi (Image: Getty)",
            "Putin and Lukashenko met in Sochi (Image: Getty)",
            "",
            "Vladimir Putin received Alexander Lukashenko in Sochi on Monday for talks on gas and loans.",
            "We use cookies to personalise content and ads.",
            "READ MORE: Lukashenko's warning to the West",
            "[INSIGHT] Why Minsk needs Moscow more than ever",
            "[DATA] Belarus trade with Russia in charts",
            ">",
            "Share this article",
            "The two leaders also discussed military cooperation, the Kremlin said.",
            "Source: Read Full Article",
            "Anna Petrova is a senior correspondent at Eurasia Wire covering Belarus.",
        ]
    )
    text, removals = clean(page)
    assert text == (
        "Putin and Lukashenko met in Sochi (Image: Getty)\n\n"
        "Vladimir Putin received Alexander Lukashenko in Sochi on Monday for talks on gas and loans.\n"
        "The two leaders also discussed military cooperation, the Kremlin said."
    )
    assert [r.rule for r in removals].count("repeated-caption") == 1
    assert len(removals) == 9


def test_sample_corpus_page_furniture_is_removed_and_the_story_kept() -> None:
    story = [
        "Pashinyan refused to sign the declaration, saying the bloc had failed to stand by Armenia.",
        "Outside, protesters demanded that Armenia leave the alliance and follow Telegram channels, not Moscow.",
    ]
    page = "\n\n".join(
        [
            "Eurasia Desk",
            "By Mariam Lowe and Anna Hale | November 23, 2022",
            "YEREVAN, Nov 23 (Caspian Wire) - " + story[0],
            "Don't miss out: get the Eurasia Desk morning briefing in your inbox.",
            story[1],
            "Share this article: Facebook | Twitter | Telegram | Email",
            "Subscribe for full access. Already a subscriber? Sign in.",
            "Sign up for the Caspian Wire daily briefing.",
            "We use your email address only to send you the newsletter; see our privacy notice for details.",
            "---",
            "Share: Telegram · X · Email",
            "Share this story: Facebook / X / WhatsApp / Copy link",
            "Follow us on Telegram and X for the latest from the Caucasus. Share | Tweet | Email",
            "About the author: Mariam Lowe has covered the South Caucasus for a decade. Before that she was a producer.",
        ]
    )
    cleaned = clean_article(page)
    assert cleaned.text == "\n\n".join(story)
    assert (cleaned.author, cleaned.publisher) == ("Mariam Lowe and Anna Hale", "Eurasia Desk")
    assert cleaned.head == ("Eurasia Desk", "By Mariam Lowe and Anna Hale | November 23, 2022", "YEREVAN, Nov 23 (Caspian Wire) - " + story[0])
    assert len(cleaned.removed) == 13
    assert clean_article(cleaned.text).removed == ()


def test_caption_copies_glued_together_or_differing_in_accents_collapse() -> None:
    line = "Photo: Putin, Raisi and Erdogan in Tehran, July 19, 2022Photo: Putin, Raisi and Erdoğan in Tehran, July 19, 2022"
    text, removals = clean(line + "\nThe three leaders met in Tehran on Tuesday.")
    assert text == "Photo: Putin, Raisi and Erdogan in Tehran, July 19, 2022\nThe three leaders met in Tehran on Tuesday."
    assert [r.text for r in removals] == ["Photo: Putin, Raisi and Erdoğan in Tehran, July 19, 2022"]


def test_captions_made_adjacent_by_a_removal_are_collapsed() -> None:
    text, _ = clean("Caption of the Kremlin meeting today\nShare this article\nCaption of the Kremlin meeting today\nStory.")
    assert text == "Caption of the Kremlin meeting today\nStory."


def test_tail_rules_leave_a_bio_like_sentence_mid_article() -> None:
    body = "Anna Petrova is a senior correspondent at Eurasia Wire.\n\nShe met Tokayev in Astana on Monday."
    assert clean(body)[0] == body


_LINE = st.one_of(
    st.sampled_from([ex for r in RULES for ex in r.removes + r.keeps] + [BEFORE, AFTER, "", ">", "  "]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, max_size=12))
def test_clean_is_idempotent(lines: list[str]) -> None:
    once, _ = clean("\n".join(lines))
    twice, removals = clean(once)
    assert twice == once
    assert removals == ()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_whitespace_normalisation_is_idempotent(text: str) -> None:
    assert normalise_whitespace(normalise_whitespace(text)) == normalise_whitespace(text)


@pytest.mark.parametrize(
    "body,message",
    [
        ("rules: []", "non-empty `rules:`"),
        ("rules:\n- {name: a, description: d, kind: line, pattern: '(', removes: [x], keeps: [y]}", "bad `pattern`"),
        ("rules:\n- {name: a, description: d, kind: odd, pattern: x, removes: [x], keeps: [y]}", "`kind` must be"),
        ("rules:\n- {name: a, description: d, kind: line, pattern: x, removes: [], keeps: [y]}", "`removes` must be"),
        ("rules:\n- {name: a, description: d, kind: repeat, pattern: x, removes: [x], keeps: [y]}", "takes no `pattern`"),
        (
            "rules:\n- {name: a, description: d, kind: line, pattern: x, removes: [x], keeps: [y]}\n"
            "- {name: a, description: d, kind: line, pattern: z, removes: [z], keeps: [y]}",
            "used twice",
        ),
        ("rules:\n- {name: a, description: d, kind: line, pattern: '(?P<author>x)', removes: [x], keeps: [y]}", "only `head`"),
    ],
)
def test_bad_patterns_files_are_refused_with_the_entry_named(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "patterns.yaml"
    path.write_text(body)
    with pytest.raises(DataFileError, match=message):
        load_rules(path)


# The folding characters, the caption copies and the line rules are found by shortcuts (a search for
# the few characters to replace, a test that a caption starts again, one walk for a run of line
# rules); each must give what the plain method gives.
_FOLDED = "".join(map(chr, folding._FOLD)) + "".join(map(chr, folding._FOLD_ACCENTS))
_TEXT = st.text(alphabet=st.one_of(st.sampled_from(_FOLDED + "abc `'\"-"), st.characters(codec="utf-8", exclude_categories=("Cs",))), max_size=80)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_folding_is_translating_by_the_tables(text: str) -> None:
    assert fold(text) == text.translate(folding._FOLD)
    assert clean_module._fold_caption(text) == text.translate(folding._FOLD).translate(folding._FOLD_ACCENTS)


def _caption_copies_plainly(line: str) -> tuple[str | None, str, str]:
    match = clean_module._REPEATED_IN_LINE.match(" ".join(clean_module._fold_caption(line).split()))
    if match and len(match.group("unit").split()) >= 3:
        first, rest = clean_module._split_at(line, len(match.group("unit")))
        return rest, first, clean_module.line_key(first)
    return None, line, clean_module.line_key(line)


_CAPTION = st.sampled_from(["Putin and Xi in Moscow (Image: AFP)", "Leaders pose for the “family photo”", "a b c d e f g h i"])


@settings(max_examples=300, deadline=None)
@given(_CAPTION | _TEXT, st.integers(1, 4), st.sampled_from(["", " ", "  ", "\t"]), _TEXT)
def test_caption_copies_are_found_as_the_pattern_finds_them(unit: str, copies: int, gap: str, tail: str) -> None:
    for line in (gap.join([unit] * copies), gap.join([unit] * copies) + tail, unit + gap + unit.replace("'", "’")):
        line = line.strip()
        if line:
            assert clean_module._caption_copies(line) == _caption_copies_plainly(line)


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINE, max_size=12))
def test_a_run_of_line_rules_removes_what_the_rules_remove_one_after_another(lines: list[str]) -> None:
    rules = tuple(r for r in RULES if r.kind == "line")
    expected: list = []
    kept = list(lines)
    for rule in rules:
        kept_now = []
        for line in kept:
            if line.strip() and rule.pattern.search(fold(line.strip())):
                expected.append(Removal(rule.name, line.strip()))
            else:
                kept_now.append(line)
        kept = kept_now
    removals: list = []
    assert clean_module._remove_lines(rules, lines, removals, Folds(), {}) == kept
    assert removals == expected
