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


def _children_lower(tok: "Token") -> list[str]:
    return [c.lower_ for c in tok.children]


def _local(tok: "Token") -> Context | None:
    """Cues attached to one verb or noun: its auxiliaries, negation and hedges."""
    # The children's words and relations are read from the token table: a Token per child costs more.
    table, i, doc = tokens(tok.doc), tok.i, tok.doc
    lower, dep, lemma, kids = table.lower, table.dep, table.lemma, table.children[tok.i]
    for c in kids:
        low = lower[c]
        if (dep[c] == "neg" or (low in NEGATORS and dep[c] in ("neg", "advmod", "det", "preconj"))) \
                and not _not_only(doc[c]):
            # "would not send": negation outranks modality; with "will" it declines the act
            declines = any(dep[a] == "aux" and (lower[a] in INTENT_AUX or lemma[a] == "will") for a in kids)
            return Context(negated=True, refusal=declines, cue=low)
    if tok.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "dobj" and any(g.lower_ in OBJECT_NEGATORS and g.dep_ in ("det", "preconj") for g in c.children)
            for c in tok.children):
        return Context(negated=True, cue="neither")  # "recognised neither Taiwan nor Kosovo", "signed no deal"
    if tok.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") and _nobody(c) for c in tok.children):
        return Context(negated=True, cue="none")  # "none of the leaders has endorsed", "neither Putin nor Raisi mentioned"
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("nsubjpass", "dobj") and _called_off(tok.head):
        return Context(negated=True, cue=tok.head.lower_)  # "his visit to Serbia was cancelled": it did not take place
    if tok.tag_ == "VBG" and _stance_of(tok):
        return Context(speculative=True, cue="stance")  # "had nothing against Ukraine joining the EU"
    if tok.pos_ == "NOUN" and tok.dep_ == "nsubjpass" and tok.head.lemma_ in JUDGED:
        # "Russia's strike on the hospital was denounced by Guterres": what the passive judges is its topic,
        # as "denounced Russia's strike" is; the judging is the act told
        return Context(background=True, cue=tok.head.lower_)
    if any(c.dep_ == "advmod" and c.lower_ in HABITUAL for c in tok.children) and any(
            c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children):
        return Context(background=True, cue="habitual")  # "has repeatedly demanded", "have long accused"
    for c in kids:
        low, rel = lower[c], dep[c]
        if rel in ("aux", "auxpass") and low in SPECULATIVE_AUX:
            return Context(speculative=True, cue=low)
        if rel == "mark" and low in CONDITIONAL_MARKS:
            return Context(speculative=True, cue=low)
        if (rel == "mark" or (rel == "advmod" and low == "when" and dep[i] == "advcl")) \
                and low in TEMPORAL_MARKS and _condition(tok, low):
            return Context(speculative=True, cue=low)
        if rel == "mark" and low == "since" and dep[i] == "advcl":
            return Context(background=True, cue=low)  # "since Russia sent troops in February": the backdrop
        if rel == "prep" and low == "since" and table.pos[i] in ("VERB", "AUX") and not _lately(doc[c]):
            return Context(background=True, cue=low)  # "have flown joint patrols since 2019": a habit, not news
        if rel == "npadvmod" and lemma[c] in RECURRING and any(
                dep[d] == "det" and lower[d] in ("every", "each") for d in table.children[c]):
            return Context(background=True, cue="every")  # "have flown joint patrols every year": a habit
        if rel == "prep" and low == "throughout" and any(dep[a] == "aux" and lemma[a] == "have" for a in kids):
            return Context(background=True, cue=low)  # "has kept close ties with Putin throughout the war"
        if rel == "dobj" and lemma[i] == "spend" and lemma[c] in LONG_SPANS | {"week"} and doc[c].tag_ == "NNS" \
                and any(dep[a] == "aux" and lemma[a] == "have" for a in kids):
            return Context(background=True, cue="spent")  # "has spent months attacking the generals": a habit
        if rel == "prep" and table.pos[i] in ("VERB", "AUX") and _span_of_time(doc[c], tok):
            return Context(background=True, cue=low)  # "have dismissed such claims in the past", "has urged for months"
        if rel == "advmod" and low in HEDGES:
            return Context(speculative=True, cue=low)
        if rel == "amod" and low in HEDGED_NOUNS and table.pos[i] == "NOUN":
            return Context(speculative=True, cue=low)  # "Russia's alleged bombing of", "a possible visit"
        if rel == "advmod" and low in FORMERLY and not (c + 1 < len(lower) and lower[c + 1] == "again"):
            return Context(background=True, cue=low)  # "which Russia once backed", "had previously met"
    for child in tok.children:
        if child.dep_ in ("aux", "auxpass") and (child.lower_ in INTENT_AUX or child.lemma_ == "will"):
            return Context(intent=True, cue=child.lower_)
    # "is going to send", "is set to sign", "is ready to help"; "is about to restore" is the act itself,
    # imminent (PETRARCH codes it so), and "is likely to" is speculation.
    aux = [c for c in tok.children if c.dep_ == "aux" and c.lower_ == "to"]
    if aux and tok.head.i != tok.i and tok.dep_ in ("xcomp", "pcomp", "acomp"):
        if tok.head.lemma_ in INTENT_FRAMES:
            return Context(intent=True, cue=tok.head.lower_)
        if tok.head.lemma_ in WISHES:
            return Context(speculative=True, cue=tok.head.lower_)
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


def _timed(verb: "Token") -> bool:
    doc = verb.doc
    return any(t.lemma_ in SHORT_SPANS and t.i + 1 < len(doc) and doc[t.i + 1].lower_ in RELATIVE
               for t in verb.subtree)


# What a measure "would" do is a forecast of its effect, not anyone's intent: "saying the aid would strengthen the
# army and protect our cities", "said the sanctions would hurt Moscow".
MEASURES = {"aid", "deal", "agreement", "sanction", "law", "bill", "move", "decision", "package", "weapon", "money",
            "plan", "step", "measure", "treaty", "vote", "accord", "pact", "ban", "tariff", "loan", "funding"}


def _thing_said(clause: "Token") -> bool:
    """The reported clause's subject is a measure, not an actor (its own or through a conjunct's head)."""
    verb = clause if any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children) or clause.dep_ != "conj" else clause.head
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN" and c.lemma_ in MEASURES for c in verb.children)


def _not_only(neg: "Token") -> bool:
    """"not only fails to guarantee security, it creates threats", "not just condemned but sanctioned": the act
    is said, and more besides."""
    doc = neg.doc
    return neg.lower_ == "not" and neg.i + 1 < len(doc) and doc[neg.i + 1].lower_ in ("only", "just", "merely", "simply")


def _nobody(subject: "Token") -> bool:
    return subject.lower_ in NO_ONE or any(
        g.lower_ in OBJECT_NEGATORS and g.dep_ in ("det", "preconj") for g in subject.children)


def _stance_of(gerund: "Token") -> bool:
    """A gerund with a subject of its own after a preposition of ``STANCES``, however the parser hangs the
    subject: "against [Ukraine joining]" (a clause) or "to [Moldova] joining" (a name the gerund modifies)."""
    head = gerund.head
    if gerund.dep_ == "pcomp":
        return head.lower_ in STANCES and any(c.dep_ in ("nsubj", "nsubjpass") for c in gerund.children)
    return gerund.dep_ == "acl" and head.pos_ == "PROPN" and head.dep_ == "pobj" and head.head.lower_ in STANCES


def _topic_infinitive(verb: "Token") -> bool:
    """An act named by an infinitive on a noun that another verb acts on: "criticised Guterres' decision to
    accept the invitation", "condemned the plan to deploy troops" are about the decision, not news of the act.
    Not under a verb that makes the noun's news ("announced a decision to close the border")."""
    noun = verb.head
    return noun.pos_ == "NOUN" and noun.dep_ == "dobj" and noun.head.lemma_ not in LIGHT_VERBS \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _called_off(verb: "Token") -> bool:
    return verb.lemma_ in CANCELLED or (verb.lemma_ in ("call", "put") and any(
        c.dep_ == "prt" and c.lower_ == "off" for c in verb.children))


# "have turned back 1,000 migrants since the end of March", "since Monday": a count kept since a recent month or day
# is this story's news; "since 2019", "since the war began", "since February 2022" are its backdrop.
RECENT_SINCE = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
                "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "week"}


def _lately(since: "Token") -> bool:
    words = [t.lower_.rstrip(".") for t in since.subtree]
    return any(w in RECENT_SINCE for w in words) and not any(w.isdigit() and len(w) == 4 for w in words) \
        and "year" not in words


def _span_of_time(prep: "Token", verb: "Token") -> bool:
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    if prep.lower_ == "in" and any(o.lower_ in PAST_SPANS and any(d.lower_ == "the" for d in o.children) for o in objects):
        return True
    return prep.lower_ in ("for", "over") and any(o.lemma_ in LONG_SPANS and o.tag_ == "NNS" for o in objects) \
        and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def _superseded(says: "Token") -> bool:
    """A statement of intent made before the story ("had said it would", "initially said it would"): the plan
    the story's news has overtaken, not an intent it reports."""
    return any((c.dep_ == "aux" and c.lower_ in ("had", "'d")) or (c.dep_ == "advmod" and c.lower_ in ("initially", "originally"))
               for c in says.children)


def _condition(clause: "Token", mark: str) -> bool:
    """Whether a clause of time (``mark``: until, before, once, after, when) states a condition: its head
    speaks of the future ("would not return until", "will talk once"), or, for until, it is told in the
    present ("stays dead until the West meets its demands", where a headline's present would otherwise be
    the past). After and when need both: "will respond when Kyiv attacks" but not "will answer the strike
    Kyiv launched when ..."."""
    head = clause.head
    future = any(c.dep_ in ("aux", "auxpass") and (c.lower_ in SPECULATIVE_AUX or c.lower_ in INTENT_AUX or c.lemma_ == "will")
                 for c in head.children)
    if mark in ("after", "when"):  # "will resume talks after Russia withdraws"; not "will retaliate after Kyiv struck"
        return future and clause.tag_ in PRESENT
    return future or (mark in ("until", "till") and clause.tag_ in PRESENT)


def assess(trigger: "Token", *, dated: bool = False, question: bool | None = None) -> Context:
    """The context of an event whose trigger is ``trigger``; ``dated`` when the text gives its date;
    ``question`` when its sentence asks (computed from the sentence when not given)."""
    if question is None:
        question = trigger.sent.text.rstrip().endswith("?")
    if question or _asked(trigger):
        return Context(speculative=True, cue="?")
    if _says(trigger) and any(c.dep_ == "nsubj" and c.lemma_.lower() in COMMENTATORS for c in trigger.children):
        return Context(speculative=True, cue=trigger.lower_)  # "critics said the law was copied from Moscow's": a view
    if _terms_of_a_deal(trigger):
        return Context(speculative=True, cue="under which")
    node = trigger
    hops = 0
    while True:
        found = _local(node)
        reported = node.dep_ == "ccomp" and (_says(node.head) or node.head.lemma_ in PROMISES)
        if found is not None:
            if reported and found.speculative and found.cue in BACKSHIFTED_WILL and not _thing_said(node):
                if _superseded(node.head):
                    return Context(background=True, cue="had")  # "which had initially said it would close its airspace"
                return Context(intent=True, cue=found.cue)  # "said it would send": the reported "will send"
            if reported and found.negated and not found.refusal and any(
                    c.dep_ == "aux" and c.lower_ in BACKSHIFTED_WILL for c in node.children):
                return Context(negated=True, refusal=True, cue=found.cue)  # "said it would not recognise"
            return found
        if _aside(node):
            return Context(background=True, cue="which has")
        if _described(node):
            return Context(background=True, cue="which does")
        if node.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in node.children) and not dated \
                and not reported and not _timed(node):  # "said it had reached an agreement": the reported "has reached"
            return Context(background=True, cue="had")
        head = conjoined_to(node)
        if head.i == node.i or hops >= 4:
            break
        dep = node.dep_ if head.i == node.head.i else "conj"
        hops += 1
        # A noun trigger's own determiner: "no talks", "without agreement".
        if dep in ("xcomp", "ccomp", "pcomp", "advcl", "conj", "pobj", "dobj", "nsubj", "nsubjpass", "acl", "relcl", "prep"):
            if head.lemma_ in REFUSAL and dep in ("xcomp", "pcomp", "ccomp", "pobj", "dobj", "prep"):
                return Context(negated=True, cue=head.lower_)
            if (head.lemma_ in SPECULATION or head.lemma_ in ACCUSATIONS) and dep in ("xcomp", "ccomp", "pcomp", "prep", "pobj") \
                    and not (dep == "prep" and node.lower_ in SETTINGS):
                return Context(speculative=True, cue=head.lower_)
            if head.lower_ in SPECULATIVE_NOUNS and head.pos_ in ("NOUN", "PROPN") and dep in ("acl", "ccomp", "relcl", "pobj", "prep") \
                    and not (head.lemma_ in ("doubt", "question") and any(c.dep_ == "det" and c.lower_ == "no" for c in head.children)):
                return Context(speculative=True, cue=head.lower_)  # not "there is no doubt that Ukraine deserves ..."
            if head.lemma_ in THREATS and dep == "xcomp":
                return Context(speculative=True, cue=head.lower_)  # the threat is the event, not the act
            if head.lemma_ in INTENT and dep == "xcomp":
                # "agreed to a truce and to withdraw their troops": the framing verb with an object of its own
                # reports its own act as well, so it frames nothing away.
                return Context(intent=True, cue=head.lower_, frame=None if _own_object(head) else head.i)
            if dep in ("ccomp", "advcl") and _says(head):
                if any(c.dep_ == "nsubj" and c.lemma_.lower() in COMMENTATORS for c in head.children):
                    return Context(speculative=True, cue=head.lower_)  # "critics say the law mirrors ...": opinion
                # Reported speech passes its own cues down ("said it would"), but not its tense.
                node = head
                continue
            if dep == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
                node = head  # a purpose clause shares its head's fate: "would not send troops to support"
                continue
            if dep == "relcl" and any(c.dep_ == "det" and c.lower_ in FREE_CHOICE for c in head.children):
                return Context(speculative=True, cue="any")  # "any troops it sent to Ukraine": none sent yet
            if dep == "advcl" and node.tag_ == "VBG" and _while_perfect(node, head):
                return Context(background=True, cue="while")  # "has sold drones to Kyiv while refusing to join ..."
            if dep == "advcl" and node.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in node.children):
                # a participle shares its clause's time: "has kept close ties throughout the war, refusing to join
                # the sanctions" is the backdrop too
                framing = _local(head)
                if framing is not None and framing.background:
                    return framing
            if dep == "acl" and _topic_infinitive(node):
                return Context(background=True, cue=head.head.lower_)  # "criticised Guterres' decision to accept"
            if dep in ("relcl", "acl", "advcl", "ccomp"):
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


def _aside(verb: "Token") -> bool:
    """A perfect in a relative clause set off by a comma describes whom the sentence is about, not its news:
    "India, which has kept up close defence ties with Moscow, sent a contingent". So does an undated one on
    what another verb acts on: "we appreciate the support that Russia has provided at all stages"."""
    head = verb.head
    if verb.dep_ != "relcl" or verb.tag_ != "VBN" or not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
        return False
    if head.dep_ in ("dobj", "pobj") and head.head.pos_ in ("VERB", "ADP") \
            and not any(t.ent_type_ in ("DATE", "TIME") for t in verb.subtree):
        return True
    return head.i + 1 < len(verb.doc) and verb.doc[head.i + 1].text == "," \
        and any(c.lower_ in ("which", "who") and c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _while_perfect(participle: "Token", head: "Token") -> bool:
    """A "while" participle on a clause in the perfect tells a stance kept alongside it, as the perfect tells
    what has been done over time: "China has refrained from calling it an invasion, while criticising the
    sanctions", "has sold drones to Kyiv while refusing to join the sanctions"."""
    if not any(c.dep_ == "mark" and c.lower_ == "while" for c in participle.children) \
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in participle.children):
        return False
    verb = head
    for _ in range(4):  # up to the clause's finite verb: "has refrained from [calling it one, while ...]"
        if any(c.dep_ == "aux" for c in verb.children) or verb.dep_ not in ("xcomp", "pcomp", "pobj", "prep", "conj"):
            break
        verb = verb.head
    # the present perfect of a stance kept, not a past perfect's earlier event ("had been caught while trying to flee")
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("has", "have", "'s", "'ve") for c in verb.children)


def _described(verb: "Token") -> bool:
    """A relative clause in the simple present says what someone does as a rule, not what happened: "Israel,
    which sells Baku drones", "the only country that buys its gas" (not "which will send", "which has sent")."""
    return verb.dep_ == "relcl" and verb.tag_ in ("VBZ", "VBP") and not any(
        c.dep_ in ("aux", "auxpass") for c in verb.children) and not _cleft(verb.head)


def _cleft(noun: "Token") -> bool:
    """"It is the United States that keeps pouring weapons in": a cleft sentence tells what its clause says."""
    be = noun.head
    return noun.dep_ == "attr" and be.lemma_ == "be" and any(
        c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in be.children)


def _asked(trigger: "Token") -> bool:
    """The trigger lies in a quoted question inside a statement: '"Did Kyiv shell the plant?" Lavrov asked.'"""
    table = tokens(trigger.doc)
    starts = table.sent_starts
    # The sentence's end from the table: ``Token.sent`` scans the Doc for the bounds on every call.
    for k in range(trigger.i + 1, starts[bisect.bisect_right(starts, trigger.i)]):
        text = table.token_text(k)
        if text in (".", "!", ";"):
            return False
        if text == "?":
            return True
    return False


def _terms_of_a_deal(trigger: "Token") -> bool:
    """``trigger`` lies in a relative clause opened by "under which", "by which" or "whereby" on a document
    of ``TERMS``: it states the document's terms, not an act."""
    node = trigger
    for _ in range(4):
        if node.dep_ == "relcl":
            return node.head.lemma_.lower() in TERMS and any(
                c.lower_ == "whereby" or (c.dep_ == "prep" and any(g.lower_ == "which" for g in c.children))
                for c in node.children)
        if node.dep_ not in ("conj", "xcomp") or node.head.i == node.i:
            return False
        node = node.head
    return False


def conjoined_to(verb: "Token") -> "Token":
    """The verb whose clause ``verb`` belongs to. A past-tense or -ing conjunct of a verb under a modal or a
    perfect ("said she would not recognise the results and accused Russia", "denied that it had crossed the
    border and accused Warsaw", "saying sanctions cannot replace dialogue and urging Washington to ...")
    cannot share the auxiliary, so spaCy's attachment to the reported verb is wrong: it
    is the reporting verb's conjunct, with its subject and its cues."""
    head = verb.head
    if verb.dep_ == "conj" and verb.tag_ in ("VBD", "VBG") and head.dep_ == "ccomp" \
            and not any(c.dep_ == "aux" for c in verb.children) and _auxiliary_bound(head):
        return head.head
    return head


def _auxiliary_bound(verb: "Token") -> bool:
    """A verb form that needs its auxiliary, which a plain past tense cannot share: "would not recognise",
    "denied that its helicopters had crossed the border and accused Warsaw ..."."""
    return (verb.tag_ == "VB" and any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)) or (
        verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children))


def verdict(clause: "Token", *, bare: bool = False) -> bool:
    """A clause saying what its subject is: "said Putin was responsible for his death", "this is an
    unfriendly step". With ``bare``, not one whose attribute governs a clause of its own ("Turkey was
    ready to mediate" states a readiness to act, which is coded at that act)."""
    return clause.lemma_ == "be" and any(
        c.dep_ in ("attr", "acomp") and not (bare and any(g.dep_ in ("xcomp", "ccomp") for g in c.children))
        for c in clause.children)


def _own_object(verb: "Token") -> bool:
    return any(c.dep_ == "dobj" and c.pos_ == "NOUN" for c in verb.children) or any(
        c.dep_ == "prep" and c.lower_ in ("to", "on") and any(o.dep_ == "pobj" and o.pos_ == "NOUN" for o in c.children)
        for c in verb.children)


def _says(tok: "Token") -> bool:
    return tok.lemma_ in {"say", "tell", "state", "announce", "declare", "add", "note", "report", "write", "insist"}
