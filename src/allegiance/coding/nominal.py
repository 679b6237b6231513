"""Events named by nouns: the source and target groups of an event noun ("Putin's visit to Dushanbe",
"talks between Baku and Yerevan", "Russia imposed sanctions on ...") and whether it stands as news on its own.

Split from ``candidates``; a light or travel verb lends the noun its arguments, read with ``arguments``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from allegiance.coding.arguments import _objects, _subjects
from allegiance.coding.keys import actor_key
from allegiance.coding.cues import (ARRIVAL, CALLS, COURSE, GATHERINGS, GIVEN, LIGHT_VERBS, REACTIONS, SPEECH, STATED,
                                    TALK_NOUNS, TARGET_PREPS)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allegiance.coding.mentions import MentionIndex
    from allegiance.models import Mention


def _noun_args(noun: "Token", index: MentionIndex):
    """Source and target groups of an event noun: "Putin's visit to Dushanbe", "talks between A and B"."""
    sources: list[tuple["Token", Mention]] = []
    targets: list[tuple[list[tuple["Token", Mention]], str | None]] = []
    between: list[tuple["Token", Mention]] = []
    how = "nominal"
    given = False
    # Read on the token table: a Token only for a source found.
    t, doc = index.table, index.doc
    dep, lower, children = t.dep, t.lower, t.children
    lemma = t.lemma[noun.i].lower()
    for child in children[noun.i]:
        if dep[child] in ("poss", "compound", "amod", "nmod") and not sources:
            mention = index.by_token.get(child)
            if mention is not None:
                sources = [(doc[child], mention)] + [(c, m) for c, m in index.actors_of(child)[1:]]
        elif dep[child] == "prep":
            word = lower[child]
            for pobj in (c for c in children[child] if dep[c] == "pobj"):
                if word == "of" and not sources:
                    # "the signing of the treaty by Putin and Kim": the parser hangs the agent on the thing.
                    agent = next((a for c in children[pobj] if dep[c] == "prep" and lower[c] == "by"
                                  for a in children[c] if dep[a] == "pobj"), None)
                    if agent is not None and index.actors_of(agent):
                        sources = index.actors_of(agent)
                        continue
                found = index.actors_of(pobj)
                if not found:
                    continue
                if word in ("between", "among"):
                    between = found
                elif word == "by":
                    sources = found
                elif word == "from" and not sources and lemma in GIVEN:
                    sources, given = found, True  # "sharp criticism from Beijing", "aid from India"
                elif word == "of" and lemma in GATHERINGS:
                    # "the summit of the CSTO" is the CSTO's own meeting, not a meeting with it; "the meeting
                    # of the Russian and Chinese defence ministers" is one between them.
                    if len({actor_key(m.actor) for _, m in found}) > 1:
                        between = found
                elif word in ("on", "about", "over") and lemma in TALK_NOUNS:
                    continue  # "talks on Ukraine", "a summit on Syria": what is talked about is no party
                elif word in TARGET_PREPS:
                    targets.append((found, word))
    if sources and not targets:
        # "Ukraine's demand that Iran stop supplying weapons": whom the clause the event states is about.
        targets = [(g, STATED) for clause in noun.children if clause.dep_ in ("acl", "ccomp")
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)
                   for subject in clause.children if subject.dep_ in ("nsubj", "nsubjpass")
                   for g in [index.actors_at(subject)] if g]
    if sources and not targets and noun.dep_ == "ROOT" and any(c.dep_ == "dobj" for c in noun.children):
        # "Kyiv slams Budapest's blocking of EU aid": a headline's verb tagged as a noun takes its objects as a
        # verb does.
        targets = [g for g in _objects(noun, index, stated=False) if g[0]]
    if given and not targets and noun.dep_ == "nsubj" and noun.head.pos_ == "VERB":
        # "Sharp criticism from Beijing greeted Washington's arms sale": what the event meets is its aim.
        targets = [g for g in _objects(noun.head, index, stated=False) if g[0]]
    if not targets and not between and noun.dep_ == "dobj" and noun.head.lemma_ in REACTIONS \
            and noun.lemma_.lower() in GIVEN:
        # "Iran's supply of drones to Russia drew condemnation from the EU", "Moscow's decision prompted protests
        # from Chisinau": the reaction is the giver's, aimed at whoever did what drew it.
        verb = noun.head
        givers = sources or [f for p in verb.children if p.dep_ == "prep" and p.lower_ == "from"
                             for o in p.children if o.dep_ == "pobj" for f in index.actors_at(o)]
        deed = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        doers = [] if deed is None else (_noun_args(deed, index)[0] if deed.pos_ == "NOUN" else []) or \
            [(t, m) for t, m in index.actors_at(deed, through_events=True) if m.via != "pronoun"]
        if givers and doers:
            sources, targets, how = givers, [(doers, None)], "light"
    if sources and noun.dep_ == "dobj" and noun.head.lemma_ in LIGHT_VERBS | RENEWING and _own(noun):
        # "reiterated his invitation to Xi", "repeated its call on Russia", "extended their offer": the subject
        # makes its own act again, news as "extended an invitation" is.
        how = "light"
    if not sources and not between and noun.dep_ in ("dobj", "nsubjpass") and noun.head.lemma_ in LIGHT_VERBS | RENEWING:
        verb = noun.head
        sources, _ = _subjects(verb, index)
        how = "light"
        if not targets:
            targets = [g for g in _objects(verb, index) if g[1] is not None]
    if not sources and not between and noun.lemma_.lower() in CALLS and noun.dep_ == "pobj" \
            and _in_the_course_of(noun) and any(t[1] == "with" for t in targets):
        # "said in a telephone call with Erdogan that ...", "raised the issue during talks with Xi": what is
        # done in the course of talks with someone tells of the talks too, which the subject takes part in.
        sources, _ = _subjects(noun.head.head, index)
        how = "light"
        # "Speaking at a meeting with Tajik officials, Rahmon urged ...": talks with one's own people are no
        # talks between parties.
        own = {m.actor.country for _, m in sources if m.actor is not None}
        targets = [([(t, m) for t, m in group
                     if m.actor is None or m.actor.type == "state" or m.actor.country not in own], prep)
                   for group, prep in targets]
    if not sources and not between and not targets and _by_phone(noun):
        # "congratulated Tokayev by telephone", "told Michel in a phone call that ...": the call is held with
        # whom the verb addresses, by the verb's subject.
        verb = noun.head.head
        sources, _ = _subjects(verb, index)
        targets = [g for g in _objects(verb, index, stated=False) if g[0] and g[1] is None]
        how = "light"
    if not sources and not between and noun.dep_ == "pobj" and noun.head.lower_ == "on" \
            and noun.lemma_.lower() in TOURS:
        # "Blinken, on a visit to Morocco, said ...", "Putin, who is on a state visit to China": the traveller is
        # whom the phrase is said of, or the subject of being there or arriving.
        holder = noun.head.head
        if holder.pos_ in ("VERB", "AUX"):
            sources = _subjects(holder, index)[0] if holder.lemma_ in ARRIVAL | {"be"} else []
        else:
            sources = index.actors_at(holder)
        how = "light"
    if not sources and not between and noun.dep_ == "pobj" and noun.head.lower_ in ("for", "to", "at"):
        # "Putin arrived for talks with Rahmon": the traveller takes part in the noun's event.
        verb = noun.head.head
        if verb.pos_ == "VERB" and verb.lemma_ in ARRIVAL:
            sources, _ = _subjects(verb, index)
            how = "light"
    return sources, targets, between, how


def _reported_as_news(noun: "Token") -> bool:
    """A nominal event stands on its own as the subject of its clause or a headline's head ("Talks between
    Baku and Yerevan stalled", "Putin's visit to Dushanbe"), not as an object or modifier of another act."""
    if noun.dep_ in ("ROOT", "nsubj", "nsubjpass") or (noun.dep_ == "ccomp" and noun.head.lemma_ in SPEECH):
        return True  # also what a quote says: "'Ukraine demands that Iran stop ...,' the ministry said"
    if noun.lemma_.lower() in CALLS | ENCOUNTERS and _in_the_course_of(noun):
        return True  # "The Istanbul meeting followed talks between Lavrov and Kuleba": talks held, as told
    return noun.dep_ in ("appos", "attr") and noun.head.dep_ in ("ROOT", "nsubj")


ENCOUNTERS = {"encounter"}  # a meeting by another word: "four days after a tense encounter between A and B"
RENEWING = {"reiterate", "repeat", "renew"}
TOURS = {"visit", "trip", "tour"}  # what one is "on" while travelling  # verbs that make an act named by their object again


def _own(noun: "Token") -> bool:
    """The noun's possessor is the subject's own pronoun: "his invitation", "its call"."""
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children)


# Words of a call made by phone: "by telephone", "over the phone", "in a telephone call".
PHONE = {"telephone", "phone", "call"}
PHONE_PREPS = {"by", "over", "in", "during", "via"}


def _by_phone(noun: "Token") -> bool:
    """A call as the means of a verb's act ("congratulated X by telephone", "told X in a phone call")."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in PHONE_PREPS or noun.head.head.pos_ != "VERB":
        return False
    lemma = noun.lemma_.lower()
    return lemma in ("telephone", "phone") or (lemma == "call" and any(
        c.dep_ in ("compound", "amod") and c.lemma_.lower() in PHONE for c in noun.children))


def _in_the_course_of(noun: "Token") -> bool:
    """Talks the sentence places an act in, after or during ("said after talks with Erdogan", "raised it during
    a call with Xi"), or that another event follows: they took place."""
    if noun.dep_ == "pobj":
        return noun.head.lower_ in COURSE and noun.head.head.pos_ in ("VERB", "AUX")
    return noun.dep_ == "dobj" and noun.head.lemma_ in ("follow", "precede")
