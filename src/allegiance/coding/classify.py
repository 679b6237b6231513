"""Classification of a candidate: the lexicon proposes, the classifier confirms, refines or vetoes.

Rules alone miss too much and a classifier alone invents too much, so:

- a lexicon match gives the code (patterns and multiword expressions are specific, CAMEO 3-4 digits) and
  a prior; when the classifier agrees on the root, confidence rises (noisy-or of the two); when it is sure
  of another root, confidence falls, and when it is very sure, its root replaces the lexicon's (refined to
  the lexicon's own code in that root when it has one); a PETRARCH-style null pattern (code None) means "not an event";
- where the lexicon has nothing, the classifier may propose alone, but only above ``CLASSIFIER_ALONE``;
- a result below ``MIN_CONFIDENCE`` is no event (``LEXICON_ONLY_MIN`` when there is no classifier).
  Confidence is in [0, 1].

What code an announced, asked, ordered or refused act becomes is ``acts.py``'s (``intent_code``: the CAMEO 03
intent under "will" / "plans to", a threat 13x for a conflictual act); the judgement a naming verb pronounces is
``judgement.py``'s.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from allegiance.coding import cameo, where
from allegiance.coding.acts import (GENERIC_ASKS, GENERIC_REJECTION, GENERIC_THREAT, asked_code, generic_code,
                                     intent_code, ordered_code, refusal_code)
from allegiance.coding.candidates import Candidate
from allegiance.coding.judgement import judgement
from allegiance.parse import Tokens, tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc

CLASSIFIER_ALONE = 0.7  # the classifier proposes alone only when this sure, and its discounted score clears the floor
CLASSIFIER_VETO = 0.8  # ... and vetoes a lexicon code only when this sure of another root
CLASSIFIER_OVERRIDE = 0.95  # ... and replaces the lexicon's root with its own when this sure
MIN_CONFIDENCE = 0.65  # a bare verb (prior 0.55) needs the classifier to agree; chosen on the dev split
LEXICON_SURE = 0.85
# A project pattern naming two or more words besides the verb ("dismissed ... as unacceptable") has read the
# construction; the classifier, which sees only a window of features, may confirm it or choose among the
# lexicon's own readings, but not veto it or put a root of its own in its place.
LEXICON_SPECIFIC = 0.79
LEXICON_ONLY_MIN = 0.45  # with no classifier to ask (PETRARCH conformance), the lexicon's prior decides
ALONE_DISCOUNT = 0.8
# A meeting (040, or 044 at a third place) whose venue the sentence names: in the target's country it is the
# source's visit (042, hosted: 043), in the source's own the source hosts (043), elsewhere a third place (044).
MEETINGS = frozenset({"04", "040", "044"})  # "04": the classifier's bare consultation, see acts.generic_code
VISITS = frozenset({"042", "043"})
# "agreed to finance", "pledged to send": a verb of commitment names the act it commits to, whose lexicon reading
# then needs no further corroboration (it is coded as an intent, CAMEO 03).
# Declaring oneself ready or willing to act commits as much: "said Russia was ready to help Baku and Yerevan".
COMMITMENT = frozenset({"agree", "pledge", "promise", "vow", "commit", "undertake", "decide", "resolve",
                        "ready", "willing", "prepared"})
ARMED = frozenset({"MIL", "REB"})  # sectors of armed forces and armed groups
CLASH_VERBS = frozenset({"clash", "spar"})  # fighting between armed sides, sparring between leaders
# Verbal acts (statements, appeals, demands, accusations, rejections, threats) that a participle clause adds to
# the main act: "expelled the envoy, accusing Minsk of ...". The classifier learnt participles mostly from
# negated frames ("without accusing", "refrained from blaming") and reads them as no event, so its "no event"
# neither vetoes them nor is needed to confirm them (the lexicon's floor without a classifier applies).
VERBAL_ROOTS = frozenset({"01", "02", "10", "11", "12", "13"})
# "after meeting Xi"; not "by": "broke the truce by striking villages" is one act told twice
DEED_PREPOSITIONS = frozenset({"after", "upon", "while"})
# "used his speech to accuse the West", "voted to quit the assembly", "prompting Moscow to summon the ambassador",
# "moved to expel": an infinitive whose act the governing verb reports as done. The classifier learnt infinitives
# from "refused to", "urged X to", "wants to" (which the context already drops) and reads them all as no event.
REALISING = frozenset({"use", "vote", "prompt", "move"})
# "was the first to call Putin", "became the last ally to ratify": a rank among those who did it
RANKS = frozenset({"first", "last", "only"})
# "began sharing intelligence", "started withdrawing": the act is the complement; the aspectual verb only times it.
ASPECTUAL = frozenset({"begin", "start", "continue", "resume", "keep"})
# verbs that undo the measure their object names: "lifted the sanctions", "eased the blockade", "scrapped the ban"
UNDOING = frozenset({"lift", "ease", "relax", "loosen", "scrap", "remove", "end", "cancel", "revoke", "rescind", "repeal",
                     "waive", "drop", "abolish"})

_ORDER_MODALS = frozenset({"must", "should"})
QUOTED_DEMAND = 0.8
JUDGED = 0.8  # a naming verb whose name for its object praises or criticises: as sure as a quoted order


@dataclass(frozen=True)
class Decision:
    code: str
    confidence: float
    reverse: bool = False  # the event runs target → source (PETRARCH's ":code" entries)
    how: str = "lexicon"  # lexicon | both | classifier
    pattern: str = ""
    reverse_code: str | None = None  # the same act seen from the target: "visited" 042 ↔ "hosted" 043


def _root(code: str) -> str:
    return code[:2]


class Classify:
    def __init__(self, lexicon: Any, classifier: Any | None = None):
        self.lexicon = lexicon
        self.classifier = classifier
        self._doc: Any = None
        self._cache: dict[tuple[str, int], Any] = {}
        self.event_nouns: frozenset[str] = lexicon.nominal_lemmas() if hasattr(lexicon, "nominal_lemmas") else frozenset()

    def _memo(self, doc: "Doc") -> dict[tuple[str, int], Any]:
        # Several candidates share a trigger ("A and B met C"): match and predict once per trigger.
        if self._doc is not doc:
            self._doc, self._cache = doc, {}
        return self._cache

    def lexicon_matches(self, cand: Candidate, doc: "Doc") -> list[Any]:
        memo = self._memo(doc)
        key = ("lex", cand.trigger)
        if key not in memo:
            memo[key] = self._lexicon_matches(cand, doc)
        return memo[key]

    def _lexicon_matches(self, cand: Candidate, doc: "Doc") -> list[Any]:
        token = doc[cand.trigger]
        act = _act(token)
        if act is not token:
            return list(self.lexicon.match(doc, act)) or list(self.lexicon.match(doc, token))
        if token.pos_ in ("NOUN", "PROPN"):
            found = list(self.lexicon.match_nominal(token)) if hasattr(self.lexicon, "match_nominal") else []
            if hasattr(self.lexicon, "match_multiword"):
                found = list(self.lexicon.match_multiword(doc, token)) + found
            if _misread_verb(token):
                found += list(self.lexicon.match(doc, token))
            return found
        return list(self.lexicon.match(doc, token))

    def __call__(self, cand: Candidate, doc: "Doc", *, announced: bool = False, declined: bool = False) -> Decision | None:
        """``announced``: the context found the act announced for later ("said it would send"); the
        classifier's "no event" then speaks of the tense, not of the act, and does not veto. ``declined``: the
        act is refused ("would not meet Lavrov"), which the lexicon's cooperative reading makes a REJECT: the
        classifier, which reads the negation as no event, has nothing to say on which act it is."""
        decision = self._decide(cand, doc, announced, declined)
        if decision is not None and decision.how == "classifier" and cand.target is not None:
            decision = _by_venue(decision, cand, doc)  # the lexicon's readings were placed already
        return _words_only(decision, cand, doc)

    def _decide(self, cand: Candidate, doc: "Doc", announced: bool, declined: bool) -> Decision | None:
        # The helpers read the token table: a spaCy Token for each word they look at cost more than their tests.
        t, i = tokens(doc), cand.trigger
        order = _quoted_order(t, i) if cand.target is not None else None
        if order is not None:
            ordered = [m.code for m in self.lexicon.match(doc, doc[order]) if m.code is not None]
            code = ordered_code(ordered[0] if ordered else None)
            return Decision(code, QUOTED_DEMAND, pattern="quoted order")
        if _undone(t, i):
            return None  # "lifted sanctions on Minsk": the verb's easing (085) is the act, not the sanctions (163)
        matches = self.lexicon_matches(cand, doc)
        best = _fit(matches, cand, t)
        if best is None or best.kind == "verb" and best.code is not None:
            # a verb's bare default ("call" is a phone call) is no reading of "called the veto 'an act of self-harm'"
            judged = judgement(doc[i])
            if judged is not None:
                return Decision(judged, JUDGED, pattern="judgement")
        # A multiword expression or a long pattern is specific enough alone; the classifier is the costlier half.
        sure = best is not None and best.code is not None and best.confidence >= LEXICON_SURE
        probs = [] if sure else self._predict(cand, doc)
        # a verbal participle clause the classifier reads as no event: only its reading of the act counts
        participle = best is not None and best.code is not None and (_verbal_participle(t, i, best.code)
                                                                       or _gerund_of_a_deed(t, i)
                                                                       or _realised_infinitive(t, i))
        if best is not None:
            if best.code is None:
                if best.reverse and cand.target is not None:
                    return Decision(best.reverse, best.confidence, reverse=True, pattern=best.pattern)
                return None  # the lexicon says this use of the word is not an event
            conf = best.confidence
            how = "lexicon"
            if probs:
                agree = sum(p for c, p in probs if cameo_root(c) == _root(best.code))
                if announced:
                    # under "would"/"will" the classifier's "no event" speaks of the tense: ask it which act
                    agree /= max(1e-6, 1 - sum(p for c, p in probs if cameo_root(c) is None))
                top_code, top_p = probs[0]
                specific = _specific(best, t, i)
                # a specific reading gives way only to another pattern, never to the verb's bare default
                own = any(m.code is not None and _root(m.code) == cameo_root(top_code)
                          and not (specific and m.kind == "verb") for m in matches)
                if agree >= 0.2:
                    conf = 1 - (1 - conf) * (1 - agree)
                    how = "both"
                elif not own and specific:
                    how = "lexicon"
                elif top_p >= CLASSIFIER_OVERRIDE and cameo_root(top_code) not in (None, _root(best.code)):
                    return self._refine(matches, top_code, top_p)
                elif top_p >= CLASSIFIER_VETO and cameo_root(top_code) not in (None, _root(best.code)):
                    # "sent paratroopers to ..." matches both 062 and 072: the classifier picks among the
                    # lexicon's own readings before it is allowed to veto them all. A verb's bare default is no
                    # reading of the sentence ("called the veto 'an act of self-harm'" is no phone call): it
                    # gives way as if the lexicon had nothing, rather than silencing the classifier.
                    if own or all(m.kind == "verb" for m in matches if m.code is not None):
                        return self._refine(matches, top_code, top_p)
                    conf *= 0.5
                elif top_p >= CLASSIFIER_VETO and cameo_root(top_code) is None and not announced and not participle:
                    conf *= 0.6  # sure it is no event at all
            if announced and _committed(t, i):
                conf = max(conf, MIN_CONFIDENCE)  # the commitment verb vouches for the act
            if declined and refusal_code(best.code) is not None:
                conf = max(conf, MIN_CONFIDENCE)  # a cooperative act refused to a named party is a REJECT
            if conf < (MIN_CONFIDENCE if self.classifier is not None and not participle else LEXICON_ONLY_MIN):
                return None
            decision = Decision(best.code, round(conf, 3), how=how, pattern=best.pattern, reverse_code=best.reverse)
            return _troops_sent(_by_venue(self._asked(decision, t, i, doc), cand, doc), cand, doc)
        if probs:
            top_code, top_p = probs[0]
            if top_p >= CLASSIFIER_ALONE and cameo_root(top_code) is not None:
                conf = round(top_p * ALONE_DISCOUNT, 3)
                if conf >= MIN_CONFIDENCE:
                    return Decision(generic_code(top_code), conf, how="classifier")
        return None

    def _asked(self, decision: Decision, t: Tokens, i: int, doc: "Doc") -> Decision:
        """An appeal, demand, threat or rejection with no more said in its own code takes the code of the act it
        asks for, threatens or refuses: "urged Kyiv to ease the restrictions" 0254, "demanded that Moscow free"
        1053, "threatened to cut ties" 1313, "refused to release" 1243, "rejected a proposal to resume talks" 125."""
        generic = decision.code
        if generic not in GENERIC_ASKS and generic not in (GENERIC_THREAT, GENERIC_REJECTION):
            return decision
        dep, pos, children = t.dep, t.pos, t.children
        act = next((c for c in children[i] if dep[c] in ("xcomp", "ccomp") and pos[c] in ("VERB", "AUX")), None)
        if act is None and generic == GENERIC_REJECTION:
            # what an offer, proposal or request refused was for: "turned down a Chinese offer to build"
            act = next((g for c in children[i] if dep[c] in ("dobj", "nsubjpass") for g in children[c]
                        if dep[g] == "acl" and pos[g] == "VERB"), None)
        if act is None:
            return decision
        asked = next((m.code for m in self.lexicon.match(doc, doc[act]) if m.code is not None), None)
        if asked is None:
            return decision
        if generic == GENERIC_THREAT:
            code = intent_code(asked)
        elif generic == GENERIC_REJECTION:
            code = refusal_code(asked)
        else:
            code = asked_code(generic[:2], asked)
        if code is None or code == decision.code or code[:2] != decision.code[:2] or not cameo.is_valid(code):
            return decision
        return dataclasses.replace(decision, code=code)

    def _refine(self, matches: list[Any], label: str, p: float) -> Decision | None:
        """The classifier is sure of another root than the lexicon's first choice ("demanded that ..." is a
        demand, 10, whatever the object): take the lexicon's own most specific code in that root if it has
        one, else the root itself."""
        root = cameo_root(label)
        same = next((m for m in matches if m.code is not None and _root(m.code) == root), None)
        if same is not None:
            conf = 1 - (1 - same.confidence) * (1 - p)
            return Decision(same.code, round(conf, 3), how="both", pattern=same.pattern, reverse_code=same.reverse)
        conf = round(p * ALONE_DISCOUNT, 3)
        return Decision(generic_code(str(root)), conf, how="classifier") if conf >= MIN_CONFIDENCE else None

    def _predict(self, cand: Candidate, doc: "Doc") -> list[tuple[str, float]]:
        if self.classifier is None:
            return []
        memo = self._memo(doc)
        key = ("cls", cand.trigger)
        if key not in memo:
            memo[key] = self._rank(cand, doc)
        return memo[key]

    def _rank(self, cand: Candidate, doc: "Doc") -> list[tuple[str, float]]:
        ranked = sorted(self.classifier.predict(_act(doc[cand.trigger]), doc), key=lambda cp: -cp[1])
        return [(c, float(p)) for c, p in ranked]


def _specific(match: Any, t: Tokens, i: int) -> bool:
    """A project pattern or multiword expression that names words besides the verb, read on a verb that takes
    no clause: its words then belong to the verb's own phrase ("imposed martial law"), whereas after
    "said" or "told" they may lie anywhere in the reported clause."""
    if match.confidence < LEXICON_SPECIFIC or not (match.kind == "multiword" or match.kind == "pattern"
                                                    and match.source == "project"):
        return False
    return not any(t.dep[c] in ("ccomp", "parataxis") for c in t.children[i])


def _quoted_order(t: Tokens, i: int) -> int | None:
    """The verb of an order that token ``i``, a "told", reports: a "should"/"must" clause whose subject is "you"
    or a name ("You must respect us", "Azerbaijan must stop ...") or an imperative with no subject ("Stop the
    shelling"), quoted before it; or a "should"/"must" clause after it whose subject is "you" or a name
    ("told Putin that Russia should ...")."""
    if t.lemma[i] != "tell":
        return None
    dep, lower = t.dep, t.lower
    for clause in t.children[i]:
        if dep[clause] not in ("ccomp", "parataxis") or t.pos[clause] != "VERB":
            continue
        subjects = [c for c in t.children[clause] if dep[c] in ("nsubj", "nsubjpass")]
        modals = {lower[c] for c in t.children[clause] if dep[c] == "aux"}
        if clause > i:
            # "told Putin that Russia should treat the region with respect": an order reported after the telling.
            if subjects and (lower[subjects[0]] == "you" or t.pos[subjects[0]] == "PROPN") and modals & _ORDER_MODALS:
                return clause
            continue
        # quoted before it: "'Azerbaijan must stop its aggression,' Pashinyan told lawmakers" as well
        if subjects and (lower[subjects[0]] == "you" or t.pos[subjects[0]] == "PROPN") and modals & _ORDER_MODALS:
            return clause
        if not subjects and not modals and t.tag[clause] == "VB":
            return clause
    return None


def _verbal_participle(t: Tokens, i: int, code: str) -> bool:
    """A participle clause of a verbal act after the main clause, with no conjunction or auxiliary of its own
    ("..., accusing Budapest of acting as Moscow's messenger")."""
    return (code[:2] in VERBAL_ROOTS and t.tag[i] == "VBG" and t.dep[i] == "advcl" and i > t.head[i]
            and not any(t.dep[c] in ("mark", "aux", "neg") for c in t.children[i]))


def _gerund_of_a_deed(t: Tokens, i: int) -> bool:
    """A gerund after a preposition that places the act beside the main one in time ("After meeting Xi, Putin
    said", "while visiting Astana"): done, like the main act. The classifier learnt gerunds after
    prepositions from "without visiting", "refrained from condemning" and reads them as no event; those
    negations are the context's to catch, so its "no event" does not veto these."""
    return t.tag[i] == "VBG" and t.dep[i] == "pcomp" and t.lower[t.head[i]] in DEED_PREPOSITIONS


def _realised_infinitive(t: Tokens, i: int) -> bool:
    """An infinitive the verb above it reports as done: "used its veto to end", "voted to ratify", "prompting
    Moscow to summon", "was the first to call" (the rank in the head's attribute or in the infinitive's own
    noun: "one of the first leaders to call")."""
    if t.dep[i] != "xcomp" or t.tag[i] != "VB" or not any(t.dep[c] == "aux" and t.lower[c] == "to" for c in t.children[i]):
        return False
    head = t.head[i]
    if t.lemma[head] in REALISING:
        return True
    if t.lemma[head] not in ("be", "become"):
        return False
    return any(t.lower[w] in RANKS for c in t.children[head] if t.dep[c] == "attr" for w in t.subtree(c))


def _undone(t: Tokens, i: int) -> bool:
    """An event noun that its verb lifts, eases or ends ("lifted the sanctions on Belarus", "eased the blockade",
    "ended martial law"): the easing is the verb's own act; the measure undone is no act of the day."""
    return t.pos[i] in ("NOUN", "PROPN") and t.dep[i] in ("dobj", "nsubjpass") and t.lemma[t.head[i]] in UNDOING


def _troops_sent(decision: Decision | None, cand: Candidate, doc: "Doc") -> Decision | None:
    """"Russian paratroopers landed in Kazakhstan", "Wagner fighters arrived in Belarus": armed forces or
    fighters arriving somewhere are no state visit, but a deployment: on a peacekeeping mission the protection
    CAMEO 074 codes, else too unclear to code."""
    if decision is None or decision.code[:3] not in VISITS or cand.target is None:
        return decision
    source = cand.source.actor
    if source is None or source.sector not in ARMED:
        return decision
    table = tokens(doc)
    first, last = _sentence_of(table, cand.trigger)
    if any(w.startswith("peacekeep") for w in table.lower[first:last]):
        return dataclasses.replace(decision, code="074", reverse_code=None)
    return None


def _words_only(decision: Decision | None, cand: Candidate, doc: "Doc") -> Decision | None:
    """"The leaders of Armenia and Azerbaijan clashed in front of Putin", "Pashinyan and Aliyev clashed over
    the corridor": leaders who clash, with no armed force on either side, exchange words, not fire. What
    they said is coded where the story tells it."""
    if decision is None or decision.code[:2] != "19" or tokens(doc).lemma[cand.trigger] not in CLASH_VERBS:
        return decision
    sides = [m.actor for m in (cand.source, cand.target) if m is not None and m.actor is not None]
    if any(a.sector in ARMED for a in sides) or not any(a.type == "person" or a.sector == "GOV" for a in sides):
        return decision
    return None


def _by_venue(decision: Decision, cand: Candidate, doc: "Doc") -> Decision:
    if decision.code not in MEETINGS or cand.target is None:
        return decision
    source = cand.source.actor.country if cand.source.actor else None
    target = cand.target.actor.country if cand.target.actor else None
    if not source or not target or source == target:
        return decision
    trigger = doc[cand.trigger]
    place = where.locate(trigger.sent, trigger, [(m.span.start, m.span.end) for m in (cand.source, cand.target)])
    if place is None or place.country is None:
        table = tokens(doc)
        first, last = _sentence_of(table, cand.trigger)
        if "sidelines" in table.lower[first:last]:
            # "met on the sidelines of the summit": a gathering's margins, wherever it is, are no one's home ground
            return dataclasses.replace(decision, code="044", reverse_code=None)
        return decision
    if place.country == target:
        return dataclasses.replace(decision, code="042", reverse_code="043")
    if place.country == source:
        return dataclasses.replace(decision, code="043", reverse_code="042")
    return dataclasses.replace(decision, code="044", reverse_code=None)


def _committed(t: Tokens, i: int) -> bool:
    """The act a verb of commitment governs: "agreed to jointly finance" (the complement of "agree")."""
    return t.dep[i] == "xcomp" and t.lemma[t.head[i]] in COMMITMENT


def _misread_verb(token: Any) -> bool:
    """A headline's verb tagged as a noun ("Britain ships missiles to Ukraine"): the root of its sentence with
    a direct object of its own is read as the verb it is."""
    return token.dep_ == "ROOT" and any(c.dep_ == "dobj" for c in token.children)


def _act(token: Any) -> Any:
    """The verb that names the act: the complement of an aspectual verb ("began withdrawing"), else the token."""
    if token.lemma_ not in ASPECTUAL:
        return token
    return next((c for c in token.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), token)


# Asked for every label of every ranking; the codebook is loaded once per process, so the answer never changes.
@functools.lru_cache(maxsize=4096)
def cameo_root(code: str | None) -> str | None:
    """The root of a classifier label, or None for its "no event" label or anything not a CAMEO code."""
    if not code or not code[:2].isdigit():
        return None
    return code[:2] if code[:2] in cameo.load_codebook().codes else None


def _fit(matches: list[Any], cand: Candidate, t: Tokens) -> Any | None:
    """The best lexicon match that fits the candidate's arguments.

    Matches come best first. A pattern whose target slot names a token outside the candidate's target is
    about another argument of the verb, so the next match is tried; so is one that needs a target when the
    candidate has none ("drills with tactical nuclear weapons" is no "drills with +" partner). Only if none
    fits does the best win.
    """
    best = next((m for m in matches if _fits(m, cand, t)), matches[0] if matches else None)
    return _sharpen(best, matches, cand, t)


def _fits(match: Any, cand: Candidate, t: Tokens) -> bool:
    index = match.slot("target")
    if match.kind != "pattern" or index is None:
        return True
    if cand.target is None:
        return False
    return cand.target.span.start <= t.idx[index] < cand.target.span.end


def _sharpen(best: Any | None, matches: list[Any], cand: Candidate, t: Tokens) -> Any | None:
    """The best match with the code of a specific pattern that refines it within its root: "called on"
    (an appeal, 020) with "* to release" (an appeal for a release, 0253) is 0253, however the two rank."""
    if best is None or best.code is None:
        return best
    finer = next((m for m in matches if m.code is not None and m.kind == "pattern" and m.confidence >= LEXICON_SPECIFIC
                  and m.code[:2] == best.code[:2] and len(m.code) > len(best.code.rstrip("0")) and m.code != best.code
                  and _fits(m, cand, t)), None)
    if finer is None:
        return best
    return dataclasses.replace(best, code=finer.code, reverse=finer.reverse, pattern=finer.pattern)


def _sentence_of(t: Tokens, i: int) -> tuple[int, int]:
    """The first and the end token of the sentence holding token ``i`` (``Token.sent``)."""
    at = bisect.bisect_right(t.sent_starts, i) - 1
    return t.sent_starts[at], t.sent_starts[at + 1]
