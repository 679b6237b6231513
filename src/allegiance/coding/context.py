"""Context that changes what a trigger means: negation, refusal, speculation, intent, background.

``assess(trigger)`` walks from the trigger up through the clauses that govern it and returns a
``Context``. The coder's policy, applied in ``code.py``:

- **negated** (``did not condemn``, ``refrained from condemning``, ``denied attacking``, ``failed to``,
  ``no talks``): the act is not coded. A negated future (``will not attend``, ``said it would not
  recognise``) is a **refusal**: the actor declines the act, and a cooperative act so declined is coded
  as the CAMEO 12 REJECT it amounts to (``code.py``). A refusal verb with its own lexicon entry ("refused", "rejected",
  "turned down") is coded as itself, a CAMEO 12 REJECT, because the refusal is the act the text reports;
  a bare denial ("Moscow denied the report") is coded only when the lexicon gives "deny" a code (CAMEO
  014-style responsibility denials), never as the act denied.
- **speculative** (could/would/may/might/should/must, conditionals, "concerns that ... would",
  "reportedly considering", questions): dropped. Precision first.
- **intent** (will/shall/'ll, "is going to", "plans to", "pledged to", "intends to", "is set to"):
  coded as the CAMEO 03 intent code its act maps to (``classify.intent_code``), modality "intent";
  conflictual intents are threats (CAMEO 13). The act itself is not coded until it happens.
- **background** (past perfect with no date in the text; a "since ..." clause; a habit, "has repeatedly
  demanded", "have long accused"): dropped. Events the text
  dates more than 90 days before publication (`code.HISTORY_DAYS`) are dropped by the coder (see docs/coding.md).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from allegiance.coding.cues import LIGHT_VERBS
from allegiance.parse import tokens

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allegiance.parse import Tokens

SPECULATIVE_AUX = {"could", "would", "may", "might", "should", "must", "ought", "can"}
INTENT_AUX = {"will", "shall", "'ll", "wo"}
NEGATORS = {"not", "n't", "never", "no", "neither", "nor", "without"}
# Verbs whose complement is an act that did not happen.
REFUSAL = {"refrain", "decline", "refuse", "avoid", "fail", "deny", "reject", "stop", "cease", "abstain",
           "hesitate", "resist", "halt", "forgo", "balk", "neglect", "omit"}
# Verbs whose complement is an act that may or may not happen.
SPECULATION = {"consider", "mull", "weigh", "contemplate", "fear", "worry", "speculate", "suggest", "rumor",
               "rumour", "hope", "wish", "want", "seek", "try", "attempt", "expect", "predict", "doubt",
               "believe", "think", "suspect", "wonder", "ask", "urge", "call", "demand", "propose", "discuss",
               "debate", "explore", "prepare", "aim", "mean", "hint", "allege", "claim", "imagine", "dream", "invite",
               "encourage", "appear", "seem"}
# An accusation's content is the accuser's claim, not an act the text reports: "accused Iran of delivering
# missiles to Russia" codes the accusation only.
# So is a finding others reached ("sanctions after concluding that Tehran has sent missiles to Russia").
ACCUSATIONS = {"accuse", "blame", "charge", "indict", "conclude", "assess"}
SPECULATIVE_NOUNS = {"concern", "concerns", "fear", "fears", "speculation", "rumours", "rumors", "possibility",
                     "prospect", "risk", "threat", "chance", "likelihood", "hope", "hopes", "worry", "worries",
                     "question", "questions", "doubt", "doubts", "suggestion", "suggestions", "report", "reports",
                     "evidence", "proof", "indication", "indications"}
INTENT = {"plan", "intend", "pledge", "promise", "vow", "vowe", "agree", "decide", "resolve", "commit",
          "offer", "undertake", "set", "go", "schedule", "expect"}
THREATS = {"threaten", "warn"}
INTENT_FRAMES = {"go", "set", "ready", "willing", "poised", "eager", "prepared", "determined", "scheduled", "due"}
CONDITIONAL_MARKS = {"if", "unless", "whether", "lest"}
OBJECT_NEGATORS = {"neither", "no"}
# Verbs that judge or react to an act; an act named as their passive subject is what they are about.
JUDGED = {"condemn", "denounce", "criticise", "criticize", "slam", "decry", "deplore", "welcome", "praise", "hail",
          "applaud", "reject", "dismiss", "describe", "label", "brand", "call", "discuss", "debate", "mention",
          "investigate", "question", "protest"}
# An act with a subject of its own told after one of these is what a stance is about, not an act reported:
# "nothing against Ukraine joining the EU", "opposed to Finland joining", "talked about Russia leaving".
STANCES = {"against", "to", "about", "over", "on"}
# "is likely to", "is keen to keep good relations", "was reluctant to join": a chance or a wish, not an act.
WISHES = {"likely", "unlikely", "expected", "possible", "able", "keen", "anxious", "desperate", "reluctant", "loath",
          "hesitant"}
# A subject that names no one: "none of the leaders has endorsed the invasion", "nobody claimed the attack".
NO_ONE = {"none", "nobody", "noone", "no-one", "neither", "nothing"}
# An event called off did not happen: "the talks were postponed", "the visit was cancelled".
CANCELLED = {"cancel", "postpone", "scrap", "shelve", "delay", "defer", "abort"}
# "will not return to the deal until the West lifts sanctions": a clause of time on an act yet to come is its
# condition, which has not been met.
TEMPORAL_MARKS = {"until", "till", "before", "once", "after", "when"}
PRESENT = {"VBZ", "VBP", "VB"}
# With a perfect, what an actor has done again and again is the backdrop of the story, not its news.
HABITUAL = {"repeatedly", "long", "often", "frequently", "consistently", "always", "regularly", "routinely"}
FORMERLY = {"once", "previously", "formerly", "traditionally", "historically"}
# An act named by a noun may be hedged by its adjective: "the alleged bombing", "a possible visit to Minsk".
HEDGED_NOUNS = {"alleged", "possible", "potential", "proposed", "rumoured", "rumored", "hypothetical", "would-be",
                "mooted", "putative"}
HEDGES = {"reportedly", "allegedly", "possibly", "perhaps", "maybe", "probably", "likely", "supposedly"}


@dataclass(frozen=True)
class Context:
    negated: bool = False
    speculative: bool = False
    intent: bool = False
    background: bool = False
    refusal: bool = False  # negated future: "will not attend", "said it would not recognise"
    cue: str | None = None  # the word that decided it, for audit
    frame: int | None = None  # token index of the verb that frames an intent ("agreed to release")

    @property
    def coded(self) -> bool:
        return not (self.negated or self.speculative or self.background)


def _local(t: "Tokens", i: int) -> Context | None:
    """Cues attached to one verb or noun (token ``i`` of the table ``t``): its auxiliaries, negation and hedges."""
    lower, dep, lemma, pos, children, head = t.lower, t.dep, t.lemma, t.pos, t.children, t.head
    kids = children[i]
    for c in kids:
        low = lower[c]
        if (dep[c] == "neg" or (low in NEGATORS and dep[c] in ("neg", "advmod", "det", "preconj"))) \
                and not _not_only(t, c):
            # "would not send": negation outranks modality; with "will" it declines the act
            declines = any(dep[a] == "aux" and (lower[a] in INTENT_AUX or lemma[a] == "will") for a in kids)
            return Context(negated=True, refusal=declines, cue=low)
    verbal = pos[i] in ("VERB", "AUX")
    if verbal and any(
            dep[c] == "dobj" and any(lower[g] in OBJECT_NEGATORS and dep[g] in ("det", "preconj") for g in children[c])
            for c in kids):
        return Context(negated=True, cue="neither")  # "recognised neither Taiwan nor Kosovo", "signed no deal"
    if verbal and any(dep[c] in ("nsubj", "nsubjpass") and _nobody(t, c) for c in kids):
        return Context(negated=True, cue="none")  # "none of the leaders has endorsed", "neither Putin nor Raisi mentioned"
    if pos[i] in ("NOUN", "PROPN") and dep[i] in ("nsubjpass", "dobj") and _called_off(t, head[i]):
        return Context(negated=True, cue=lower[head[i]])  # "his visit to Serbia was cancelled": it did not take place
    if t.tag[i] == "VBG" and _stance_of(t, i):
        return Context(speculative=True, cue="stance")  # "had nothing against Ukraine joining the EU"
    if pos[i] == "NOUN" and dep[i] == "nsubjpass" and lemma[head[i]] in JUDGED:
        # "Russia's strike on the hospital was denounced by Guterres": what the passive judges is its topic,
        # as "denounced Russia's strike" is; the judging is the act told
        return Context(background=True, cue=lower[head[i]])
    if any(dep[c] == "advmod" and lower[c] in HABITUAL for c in kids) and any(
            dep[c] == "aux" and lemma[c] == "have" for c in kids):
        return Context(background=True, cue="habitual")  # "has repeatedly demanded", "have long accused"
    for c in kids:
        low, rel = lower[c], dep[c]
        if rel in ("aux", "auxpass") and low in SPECULATIVE_AUX:
            return Context(speculative=True, cue=low)
        if rel == "mark" and low in CONDITIONAL_MARKS:
            return Context(speculative=True, cue=low)
        if (rel == "mark" or (rel == "advmod" and low == "when" and dep[i] == "advcl")) \
                and low in TEMPORAL_MARKS and _condition(t, i, low):
            return Context(speculative=True, cue=low)
        if rel == "mark" and low == "since" and dep[i] == "advcl":
            return Context(background=True, cue=low)  # "since Russia sent troops in February": the backdrop
        if rel == "prep" and low == "since" and verbal and not _lately(t, c):
            return Context(background=True, cue=low)  # "have flown joint patrols since 2019": a habit, not news
        if rel == "npadvmod" and lemma[c] in RECURRING and any(
                dep[d] == "det" and lower[d] in ("every", "each") for d in children[c]):
            return Context(background=True, cue="every")  # "have flown joint patrols every year": a habit
        if rel == "prep" and low == "throughout" and any(dep[a] == "aux" and lemma[a] == "have" for a in kids):
            return Context(background=True, cue=low)  # "has kept close ties with Putin throughout the war"
        if rel == "dobj" and lemma[i] == "spend" and lemma[c] in LONG_SPANS | {"week"} and t.tag[c] == "NNS" \
                and any(dep[a] == "aux" and lemma[a] == "have" for a in kids):
            return Context(background=True, cue="spent")  # "has spent months attacking the generals": a habit
        if rel == "prep" and verbal and _span_of_time(t, c, i):
            return Context(background=True, cue=low)  # "have dismissed such claims in the past", "has urged for months"
        if rel == "advmod" and low in HEDGES:
            return Context(speculative=True, cue=low)
        if rel == "amod" and low in HEDGED_NOUNS and pos[i] == "NOUN":
            return Context(speculative=True, cue=low)  # "Russia's alleged bombing of", "a possible visit"
        if rel == "advmod" and low in FORMERLY and not (c + 1 < len(lower) and lower[c + 1] == "again"):
            return Context(background=True, cue=low)  # "which Russia once backed", "had previously met"
    for c in kids:
        if dep[c] in ("aux", "auxpass") and (lower[c] in INTENT_AUX or lemma[c] == "will"):
            return Context(intent=True, cue=lower[c])
    # "is going to send", "is set to sign", "is ready to help"; "is about to restore" is the act itself,
    # imminent (PETRARCH codes it so), and "is likely to" is speculation.
    h = head[i]
    if h != i and dep[i] in ("xcomp", "pcomp", "acomp") and any(dep[c] == "aux" and lower[c] == "to" for c in kids):
        if lemma[h] in INTENT_FRAMES:
            return Context(intent=True, cue=lower[h])
        if lemma[h] in WISHES:
            return Context(speculative=True, cue=lower[h])
    return None


# "every year", "each summer": what recurs over seasons is the story's backdrop, not its news.
RECURRING = {"year", "summer", "winter", "spring", "autumn", "fall", "month", "decade"}
# What was done "in the past", or in the perfect "for months" / "over the years", is the story's backdrop.
PAST_SPANS = {"past"}
LONG_SPANS = {"month", "year", "decade"}


# "had warned Yerevan two days earlier", "had passed on intelligence weeks before the attack": a past perfect
# the text places in time, by its distance from another event, is dated like one with a date.
SHORT_SPANS = {"hour", "day", "week", "month"}
RELATIVE = {"before", "after", "earlier", "later"}


def _timed(t: "Tokens", verb: int) -> bool:
    n = len(t.lower)
    return any(t.lemma[k] in SHORT_SPANS and k + 1 < n and t.lower[k + 1] in RELATIVE for k in t.subtree(verb))


# What a measure "would" do is a forecast of its effect, not anyone's intent: "saying the aid would strengthen the
# army and protect our cities", "said the sanctions would hurt Moscow".
MEASURES = {"aid", "deal", "agreement", "sanction", "law", "bill", "move", "decision", "package", "weapon", "money",
            "plan", "step", "measure", "treaty", "vote", "accord", "pact", "ban", "tariff", "loan", "funding"}


def _thing_said(t: "Tokens", clause: int) -> bool:
    """The reported clause's subject is a measure, not an actor (its own or through a conjunct's head)."""
    dep = t.dep
    verb = clause if any(dep[c] in ("nsubj", "nsubjpass") for c in t.children[clause]) or dep[clause] != "conj" \
        else t.head[clause]
    return any(dep[c] in ("nsubj", "nsubjpass") and t.pos[c] == "NOUN" and t.lemma[c] in MEASURES
               for c in t.children[verb])


def _not_only(t: "Tokens", neg: int) -> bool:
    """"not only fails to guarantee security, it creates threats", "not just condemned but sanctioned": the act
    is said, and more besides."""
    lower = t.lower
    return lower[neg] == "not" and neg + 1 < len(lower) and lower[neg + 1] in ("only", "just", "merely", "simply")


def _nobody(t: "Tokens", subject: int) -> bool:
    return t.lower[subject] in NO_ONE or any(
        t.lower[g] in OBJECT_NEGATORS and t.dep[g] in ("det", "preconj") for g in t.children[subject])


def _stance_of(t: "Tokens", gerund: int) -> bool:
    """A gerund with a subject of its own after a preposition of ``STANCES``, however the parser hangs the
    subject: "against [Ukraine joining]" (a clause) or "to [Moldova] joining" (a name the gerund modifies)."""
    head = t.head[gerund]
    if t.dep[gerund] == "pcomp":
        return t.lower[head] in STANCES and any(t.dep[c] in ("nsubj", "nsubjpass") for c in t.children[gerund])
    return t.dep[gerund] == "acl" and t.pos[head] == "PROPN" and t.dep[head] == "pobj" \
        and t.lower[t.head[head]] in STANCES


def _topic_infinitive(t: "Tokens", verb: int) -> bool:
    """An act named by an infinitive on a noun that another verb acts on: "criticised Guterres' decision to
    accept the invitation", "condemned the plan to deploy troops" are about the decision, not news of the act.
    Not under a verb that makes the noun's news ("announced a decision to close the border")."""
    noun = t.head[verb]
    return t.pos[noun] == "NOUN" and t.dep[noun] == "dobj" and t.lemma[t.head[noun]] not in LIGHT_VERBS \
        and any(t.dep[c] == "aux" and t.lower[c] == "to" for c in t.children[verb])


def _called_off(t: "Tokens", verb: int) -> bool:
    return t.lemma[verb] in CANCELLED or (t.lemma[verb] in ("call", "put") and any(
        t.dep[c] == "prt" and t.lower[c] == "off" for c in t.children[verb]))


# "have turned back 1,000 migrants since the end of March", "since Monday": a count kept since a recent month or day
# is this story's news; "since 2019", "since the war began", "since February 2022" are its backdrop.
RECENT_SINCE = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
                "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "week"}


def _lately(t: "Tokens", since: int) -> bool:
    words = [t.lower[k].rstrip(".") for k in t.subtree(since)]
    return any(w in RECENT_SINCE for w in words) and not any(w.isdigit() and len(w) == 4 for w in words) \
        and "year" not in words


def _span_of_time(t: "Tokens", prep: int, verb: int) -> bool:
    lower, dep = t.lower, t.dep
    objects = [c for c in t.children[prep] if dep[c] == "pobj"]
    if lower[prep] == "in" and any(lower[o] in PAST_SPANS and any(lower[d] == "the" for d in t.children[o])
                                   for o in objects):
        return True
    return lower[prep] in ("for", "over") and any(t.lemma[o] in LONG_SPANS and t.tag[o] == "NNS" for o in objects) \
        and any(dep[c] == "aux" and t.lemma[c] == "have" for c in t.children[verb])


def _superseded(t: "Tokens", says: int) -> bool:
    """A statement of intent made before the story ("had said it would", "initially said it would"): the plan
    the story's news has overtaken, not an intent it reports."""
    return any((t.dep[c] == "aux" and t.lower[c] in ("had", "'d"))
               or (t.dep[c] == "advmod" and t.lower[c] in ("initially", "originally")) for c in t.children[says])


def _condition(t: "Tokens", clause: int, mark: str) -> bool:
    """Whether a clause of time (``mark``: until, before, once, after, when) states a condition: its head
    speaks of the future ("would not return until", "will talk once"), or, for until, it is told in the
    present ("stays dead until the West meets its demands", where a headline's present would otherwise be
    the past). After and when need both: "will respond when Kyiv attacks" but not "will answer the strike
    Kyiv launched when ..."."""
    lower = t.lower
    future = any(t.dep[c] in ("aux", "auxpass") and (lower[c] in SPECULATIVE_AUX or lower[c] in INTENT_AUX
                                                     or t.lemma[c] == "will")
                 for c in t.children[t.head[clause]])
    if mark in ("after", "when"):  # "will resume talks after Russia withdraws"; not "will retaliate after Kyiv struck"
        return future and t.tag[clause] in PRESENT
    return future or (mark in ("until", "till") and t.tag[clause] in PRESENT)


def assess(trigger: "Token", *, dated: bool = False, question: bool | None = None) -> Context:
    """The context of an event whose trigger is ``trigger``; ``dated`` when the text gives its date;
    ``question`` when its sentence asks (computed from the sentence when not given)."""
    if question is None:
        question = trigger.sent.text.rstrip().endswith("?")
    # The walk reads the Doc's token table: a spaCy Token for every word it looks at cost more than the rest.
    t = tokens(trigger.doc)
    lower, lemma, dep, head_of = t.lower, t.lemma, t.dep, t.head
    i = trigger.i
    if question or _asked(t, i):
        return Context(speculative=True, cue="?")
    if _says(t, i) and any(dep[c] == "nsubj" and lemma[c].lower() in COMMENTATORS for c in t.children[i]):
        return Context(speculative=True, cue=lower[i])  # "critics said the law was copied from Moscow's": a view
    if _terms_of_a_deal(t, i):
        return Context(speculative=True, cue="under which")
    node = i
    hops = 0
    while True:
        found = _local(t, node)
        reported = dep[node] == "ccomp" and (_says(t, head_of[node]) or lemma[head_of[node]] in PROMISES)
        if found is not None:
            if reported and found.speculative and found.cue in BACKSHIFTED_WILL and not _thing_said(t, node):
                if _superseded(t, head_of[node]):
                    return Context(background=True, cue="had")  # "which had initially said it would close its airspace"
                return Context(intent=True, cue=found.cue)  # "said it would send": the reported "will send"
            if reported and found.negated and not found.refusal and any(
                    dep[c] == "aux" and lower[c] in BACKSHIFTED_WILL for c in t.children[node]):
                return Context(negated=True, refusal=True, cue=found.cue)  # "said it would not recognise"
            return found
        if _aside(t, node):
            return Context(background=True, cue="which has")
        if _described(t, node):
            return Context(background=True, cue="which does")
        if t.tag[node] == "VBN" and any(dep[c] == "aux" and lower[c] in ("had", "'d") for c in t.children[node]) \
                and not dated and not reported and not _timed(t, node):
            return Context(background=True, cue="had")  # "said it had reached an agreement": the reported "has reached"
        head = _conjoined_to(t, node)
        if head == node or hops >= 4:
            break
        rel = dep[node] if head == head_of[node] else "conj"
        hops += 1
        # A noun trigger's own determiner: "no talks", "without agreement".
        if rel in ("xcomp", "ccomp", "pcomp", "advcl", "conj", "pobj", "dobj", "nsubj", "nsubjpass", "acl", "relcl", "prep"):
            if lemma[head] in REFUSAL and rel in ("xcomp", "pcomp", "ccomp", "pobj", "dobj", "prep"):
                return Context(negated=True, cue=lower[head])
            if (lemma[head] in SPECULATION or lemma[head] in ACCUSATIONS) and rel in ("xcomp", "ccomp", "pcomp", "prep", "pobj") \
                    and not (rel == "prep" and lower[node] in SETTINGS):
                return Context(speculative=True, cue=lower[head])
            if lower[head] in SPECULATIVE_NOUNS and t.pos[head] in ("NOUN", "PROPN") and rel in ("acl", "ccomp", "relcl", "pobj", "prep") \
                    and not (lemma[head] in ("doubt", "question") and any(dep[c] == "det" and lower[c] == "no"
                                                                         for c in t.children[head])):
                return Context(speculative=True, cue=lower[head])  # not "there is no doubt that Ukraine deserves ..."
            if lemma[head] in THREATS and rel == "xcomp":
                return Context(speculative=True, cue=lower[head])  # the threat is the event, not the act
            if lemma[head] in INTENT and rel == "xcomp":
                # "agreed to a truce and to withdraw their troops": the framing verb with an object of its own
                # reports its own act as well, so it frames nothing away.
                return Context(intent=True, cue=lower[head], frame=None if _own_object(t, head) else head)
            if rel in ("ccomp", "advcl") and _says(t, head):
                if any(dep[c] == "nsubj" and lemma[c].lower() in COMMENTATORS for c in t.children[head]):
                    return Context(speculative=True, cue=lower[head])  # "critics say the law mirrors ...": opinion
                # Reported speech passes its own cues down ("said it would"), but not its tense.
                node = head
                continue
            if rel == "advcl" and any(dep[c] == "aux" and lower[c] == "to" for c in t.children[node]):
                node = head  # a purpose clause shares its head's fate: "would not send troops to support"
                continue
            if rel == "relcl" and any(dep[c] == "det" and lower[c] in FREE_CHOICE for c in t.children[head]):
                return Context(speculative=True, cue="any")  # "any troops it sent to Ukraine": none sent yet
            if rel == "advcl" and t.tag[node] == "VBG" and _while_perfect(t, node, head):
                return Context(background=True, cue="while")  # "has sold drones to Kyiv while refusing to join ..."
            if rel == "advcl" and t.tag[node] == "VBG" and not any(dep[c] in ("nsubj", "nsubjpass", "mark")
                                                                   for c in t.children[node]):
                # a participle shares its clause's time: "has kept close ties throughout the war, refusing to join
                # the sanctions" is the backdrop too
                framing = _local(t, head)
                if framing is not None and framing.background:
                    return framing
            if rel == "acl" and _topic_infinitive(t, node):
                return Context(background=True, cue=lower[head_of[head]])  # "criticised Guterres' decision to accept"
            if rel in ("relcl", "acl", "advcl", "ccomp"):
                break  # a separate clause: its cues are its own
            node = head
            continue
        break
    return Context()


BACKSHIFTED_WILL = {"would", "'d"}
# A promise told with its content: "pledged that Russia would keep backing Beijing", "assured his hosts that Hamas would
# release the captives" report an intent as "said it would" does.
PROMISES = {"pledge", "promise", "vow", "assure", "guarantee", "swear", "agree", "undertake"}
# Prepositions of a setting, not of what a verb of hoping or seeking is about: "sought backing in a call with X".
SETTINGS = {"in", "during", "at", "after", "following", "before", "amid"}
# Those whose saying is reading the news, not reporting it: what analysts or critics say happened is their view.
COMMENTATORS = {"analyst", "expert", "critic", "observer", "commentator", "pundit", "scholar", "historian"}
FREE_CHOICE = {"any", "whatever", "whichever"}  # a relative clause on "any ..." speaks of what may happen
# Documents whose terms a relative clause may tell: "signed a treaty under which each side will come to the
# other's aid" reports the signing; what the treaty provides for has not happened.
TERMS = {"treaty", "agreement", "deal", "accord", "pact", "memorandum", "law", "resolution", "plan", "framework",
         "arrangement", "scheme", "contract", "declaration", "statement", "document", "decree", "roadmap"}


def _aside(t: "Tokens", verb: int) -> bool:
    """A perfect in a relative clause set off by a comma describes whom the sentence is about, not its news:
    "India, which has kept up close defence ties with Moscow, sent a contingent". So does an undated one on
    what another verb acts on: "we appreciate the support that Russia has provided at all stages"."""
    dep, kids = t.dep, t.children[verb]
    head = t.head[verb]
    if dep[verb] != "relcl" or t.tag[verb] != "VBN" or not any(dep[c] == "aux" and t.lemma[c] == "have" for c in kids):
        return False
    if dep[head] in ("dobj", "pobj") and t.pos[t.head[head]] in ("VERB", "ADP") \
            and not any(t.ent_type[k] in ("DATE", "TIME") for k in t.subtree(verb)):
        return True
    return head + 1 < len(t.lower) and t.token_text(head + 1) == "," \
        and any(t.lower[c] in ("which", "who") and dep[c] in ("nsubj", "nsubjpass") for c in kids)


def _while_perfect(t: "Tokens", participle: int, head: int) -> bool:
    """A "while" participle on a clause in the perfect tells a stance kept alongside it, as the perfect tells
    what has been done over time: "China has refrained from calling it an invasion, while criticising the
    sanctions", "has sold drones to Kyiv while refusing to join the sanctions"."""
    dep, lower, children = t.dep, t.lower, t.children
    if not any(dep[c] == "mark" and lower[c] == "while" for c in children[participle]) \
            or any(dep[c] in ("nsubj", "nsubjpass") for c in children[participle]):
        return False
    verb = head
    for _ in range(4):  # up to the clause's finite verb: "has refrained from [calling it one, while ...]"
        if any(dep[c] == "aux" for c in children[verb]) or dep[verb] not in ("xcomp", "pcomp", "pobj", "prep", "conj"):
            break
        verb = t.head[verb]
    # the present perfect of a stance kept, not a past perfect's earlier event ("had been caught while trying to flee")
    return t.tag[verb] == "VBN" and any(dep[c] == "aux" and lower[c] in ("has", "have", "'s", "'ve") for c in children[verb])


def _described(t: "Tokens", verb: int) -> bool:
    """A relative clause in the simple present says what someone does as a rule, not what happened: "Israel,
    which sells Baku drones", "the only country that buys its gas" (not "which will send", "which has sent")."""
    return t.dep[verb] == "relcl" and t.tag[verb] in ("VBZ", "VBP") and not any(
        t.dep[c] in ("aux", "auxpass") for c in t.children[verb]) and not _cleft(t, t.head[verb])


def _cleft(t: "Tokens", noun: int) -> bool:
    """"It is the United States that keeps pouring weapons in": a cleft sentence tells what its clause says."""
    be = t.head[noun]
    return t.dep[noun] == "attr" and t.lemma[be] == "be" and any(
        t.dep[c] in ("nsubj", "expl") and t.lower[c] == "it" for c in t.children[be])


def _asked(t: "Tokens", trigger: int) -> bool:
    """The trigger lies in a quoted question inside a statement: '"Did Kyiv shell the plant?" Lavrov asked.'"""
    starts = t.sent_starts
    # The sentence's end from the table: ``Token.sent`` scans the Doc for the bounds on every call.
    for k in range(trigger + 1, starts[bisect.bisect_right(starts, trigger)]):
        text = t.token_text(k)
        if text in (".", "!", ";"):
            return False
        if text == "?":
            return True
    return False


def _terms_of_a_deal(t: "Tokens", trigger: int) -> bool:
    """``trigger`` lies in a relative clause opened by "under which", "by which" or "whereby" on a document
    of ``TERMS``: it states the document's terms, not an act."""
    node = trigger
    for _ in range(4):
        if t.dep[node] == "relcl":
            return t.lemma[t.head[node]].lower() in TERMS and any(
                t.lower[c] == "whereby" or (t.dep[c] == "prep" and any(t.lower[g] == "which" for g in t.children[c]))
                for c in t.children[node])
        if t.dep[node] not in ("conj", "xcomp") or t.head[node] == node:
            return False
        node = t.head[node]
    return False


def conjoined_to(verb: "Token") -> "Token":
    """The verb whose clause ``verb`` belongs to. A past-tense or -ing conjunct of a verb under a modal or a
    perfect ("said she would not recognise the results and accused Russia", "denied that it had crossed the
    border and accused Warsaw", "saying sanctions cannot replace dialogue and urging Washington to ...")
    cannot share the auxiliary, so spaCy's attachment to the reported verb is wrong: it
    is the reporting verb's conjunct, with its subject and its cues."""
    doc = verb.doc
    return doc[_conjoined_to(tokens(doc), verb.i)]


def _conjoined_to(t: "Tokens", verb: int) -> int:
    """``conjoined_to`` on the token table."""
    head = t.head[verb]
    if t.dep[verb] == "conj" and t.tag[verb] in ("VBD", "VBG") and t.dep[head] == "ccomp" \
            and not any(t.dep[c] == "aux" for c in t.children[verb]) and _auxiliary_bound(t, head):
        return t.head[head]
    return head


def _auxiliary_bound(t: "Tokens", verb: int) -> bool:
    """A verb form that needs its auxiliary, which a plain past tense cannot share: "would not recognise",
    "denied that its helicopters had crossed the border and accused Warsaw ..."."""
    kids = t.children[verb]
    return (t.tag[verb] == "VB" and any(t.dep[c] == "aux" and t.tag[c] == "MD" for c in kids)) or (
        t.tag[verb] == "VBN" and any(t.dep[c] == "aux" and t.lemma[c] == "have" for c in kids))


def verdict(clause: "Token", *, bare: bool = False) -> bool:
    """A clause saying what its subject is: "said Putin was responsible for his death", "this is an
    unfriendly step". With ``bare``, not one whose attribute governs a clause of its own ("Turkey was
    ready to mediate" states a readiness to act, which is coded at that act)."""
    t = tokens(clause.doc)
    i = clause.i
    return t.lemma[i] == "be" and any(
        t.dep[c] in ("attr", "acomp") and not (bare and any(t.dep[g] in ("xcomp", "ccomp") for g in t.children[c]))
        for c in t.children[i])


def _own_object(t: "Tokens", verb: int) -> bool:
    dep, pos, children = t.dep, t.pos, t.children
    return any(dep[c] == "dobj" and pos[c] == "NOUN" for c in children[verb]) or any(
        dep[c] == "prep" and t.lower[c] in ("to", "on") and any(dep[o] == "pobj" and pos[o] == "NOUN" for o in children[c])
        for c in children[verb])


_SAYING = frozenset({"say", "tell", "state", "announce", "declare", "add", "note", "report", "write", "insist"})


def _says(t: "Tokens", i: int) -> bool:
    return t.lemma[i] in _SAYING
