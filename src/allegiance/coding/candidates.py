"""Predicate–argument candidates from the dependency parse: who (source) did something (trigger) to whom (target).

Candidates start from the resolved actor mentions, not from every word: each mention is walked up to the
predicates that govern it, so sentences without actors cost almost nothing. Patterns handled:

- subject / object / prepositional object: "Russia condemned Ukraine", "Putin met with Rahmon";
- passives with "by": "Ukraine was attacked by Russia" (target = the passive subject);
- subjects inherited by coordinated and complement verbs: "Russia met and agreed with ...", "agreed to send";
- coordinated actors: "A and B agreed" (no target) gives A→B and B→A; "A and B condemned C" gives both;
- appositions and "of" phrases: "Rahmon, the Tajik president, ...", "the government of Tajikistan";
- nominal events: "Putin's visit to Dushanbe", "talks between Baku and Yerevan", "Russian airstrikes on
  Idlib", "Russia imposed sanctions on ..." (a light verb lends its subject to its nominal object);
- reported speech: inside what a speaker says, an act with no actor of its own, or with "we"/"I" as
  actor, is the speaker's; "you" or the addressee ("told Putin", "demanded of Putin") is the target;
- mediators and appeals: "acted as a go-between for A and B", "brokered by X between A and B" (X towards
  each), "rejected calls from Washington", "complained that Moscow ...";
- whose people: "a delegation from Hamas", "negotiators from Armenia and Azerbaijan", "the Islamist group
  Hamas"; the source's own people or forces moved are not the target ("recalled its ambassador from
  Moscow", "troops near the Ukrainian border"), nor are people handed over ("extradited to Russia a recruiter");
- aims named indirectly, when nothing nearer names one: a stated clause ("voiced optimism that Russia
  would return"), a stated stance ("in protest at Lavrov's presence", first), a phrase the act is done in
  or out of ("pulled out of a meeting with Pashinyan"), the doer of a deed acted on ("condemned the attack
  on Kyiv by Russia"), whom a demand is made of ("demanded an explanation from the Kremlin").

Who a phrase that names nobody stands for ("the two leaders", "they", police in a Yerevan dateline) is
``referents``; places standing for states ("arrived in Hanoi", "struck Odesa", crowds in Tbilisi) ``aims``.

The finders behind them: ``mentions`` (whom a phrase names), ``arguments`` (a predicate's subjects, objects and
stated clauses), ``nominal`` (event nouns), with their word sets in ``cues``; this module picks each predicate's
candidates from what they find.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from allegiance.coding.aims import DESTINATION, home_ground, warned
from allegiance.coding.arguments import _objects, _phrase_groups, _subjects, sentences_to
from allegiance.coding.cues import (ACCUSING, ANSWERS, ARMED_SECTORS, CHARGES, DEEDS, FIRST_PERSON, LEADING, LOCATIVE,
                                    NEAR, ON_VERBS, POSTED, REACTIONS, SECOND_PERSON, SPEECH, STANDING, STATED, TRAVEL,
                                    VERDICTS)
from allegiance.coding.keys import actor_key
from allegiance.coding.mentions import MentionIndex
from allegiance.coding.nominal import PHONE, PHONE_PREPS, _noun_args, _reported_as_news
from allegiance.coding.referents import ANCHORED, OWN_PEOPLE, keyable
from allegiance.models import Mention
from allegiance.parse import Tokens, tokens

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_MAX_UP = 4
# Attacks done to a thing or a place, never together with someone: attackers named together are allies.
ASSAULTS = frozenset({"strike", "shell", "bomb", "bombard", "attack", "hit", "kill", "shoot", "fire", "raid", "pound",
                      "massacre", "target", "destroy", "blast", "storm"})
# Verbs of telling, whose addressee may be a mere audience (unlike warning, urging or asking someone).
TELLING = frozenset({"say", "tell", "add", "write", "explain", "stress", "remark", "comment", "state", "announce",
                     "declare", "insist", "speak", "talk"})
DEED_WINDOW = 8  # sentences back a definite deed ("the veto") may have been told
# Offers answered: "Tokayev invited Putin to visit. Putin accepted the invitation" answers the inviter.
OFFERED = {"invitation": "invite", "offer": "offer", "proposal": "propose"}
# Being seen together: "sat beside Putin at the forum", "stood next to Xi" is a meeting with whom one is beside.
SEATED = frozenset({"sit", "stand", "appear", "pose"})
BESIDE = frozenset({"beside", "alongside"})
# What carries a leader: "Putin's plane landed in Tehran" is his arrival; "Putin's nukes have arrived" is none.
CARRIERS = frozenset({"plane", "jet", "aircraft", "airplane", "helicopter", "motorcade", "cortege"})
# People the actor data has no agent word for, who travel for whom their phrase names ("a team from the UN").
TRAVELLERS = frozenset({"team", "group", "delegation", "mission", "crew", "staff", "contingent", "entourage", "envoy",
                        "official", "expert", "inspector", "monitor", "observer", "representative", "member", "leader"})


@dataclass(frozen=True)
class Candidate:
    sentence_index: int
    trigger: int  # doc token index of the predicate (verb or event noun)
    source: Mention
    target: Mention | None
    via: str  # svo|passive|inherited|reciprocal|nominal|light|speech
    addressee_pattern: str | None = None  # the preposition joining trigger and target ("to", "with", ...)
    speech: int | None = None  # token index of the speech verb when the source is the speaker


def _predicates(t: Tokens, i: int) -> Iterator[int]:
    """Verbs and nouns that may take token ``i`` (a mention's head) as an argument, nearest first."""
    node = i
    for _ in range(_MAX_UP):
        head = t.head[node]
        if head == node:
            return
        if t.pos[head] in ("VERB", "AUX", "NOUN", "PROPN"):
            yield head
        if t.dep[node] in ("conj", "appos", "compound", "amod", "poss", "pobj", "prep", "nmod", "cc", "agent",
                           "nsubj", "nsubjpass", "dobj", "dative") \
                or (t.dep[node] == "acl" and t.lemma[node] in LEADING):  # "a delegation headed by Lavrov arrived"
            node = head
            continue
        return


def _speech_frame(tok: "Token", index: MentionIndex):
    """For a predicate inside reported speech, the speaker and the addressee of the speech verb."""
    node = tok
    for _ in range(3):
        if node.dep_ == "advcl" and any(c.dep_ == "mark" for c in node.children) \
                and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
            return None  # "urged calm after shelling resumed": a clause with a subject of its own
        if node.dep_ in ("ccomp", "parataxis", "xcomp", "conj") and node.head.lemma_ in SPEECH:
            verb = node.head
            speakers, _ = _subjects(verb, index)
            addressees = [m for group, _p in _objects(verb, index, stated=False) for _t, m in group
                          if not (verb.lemma_ in TELLING and _audience(m))]
            return verb, speakers, (addressees[0] if addressees else None)
        if node.head.i == node.i:
            break
        node = node.head
    # "... the country's sovereignty," Rahmon said: the speech verb may be the root, the quote its ccomp.
    root = tok.sent.root
    if root.lemma_ in SPEECH and root.i != tok.i and tok.dep_ == "ROOT":
        speakers, _ = _subjects(root, index)
        addressees = [m for group, _p in _objects(root, index, stated=False) for _t, m in group
                      if not (root.lemma_ in TELLING and _audience(m))]
        return root, speakers, (addressees[0] if addressees else None)
    return None


def candidates(sent: "Span", sentence_index: int, index: MentionIndex) -> list[Candidate]:
    """All candidates of one sentence, each (trigger, source, target) once."""
    # Predicates are found on the token table; only those kept become spaCy Tokens.
    t = tokens(sent.doc)
    dep, pos, children = t.dep, t.pos, t.children
    predicates: dict[int, None] = {}
    heads = index.heads
    for i in range(sent.start, sent.end):
        if i in heads:
            for pred in _predicates(t, i):
                predicates.setdefault(pred)
    for i in range(sent.start, sent.end):  # speech-verb complements whose arguments are pronouns or missing
        if dep[i] in ("ccomp", "parataxis") and t.lemma[t.head[i]] in SPEECH and pos[i] == "VERB":
            predicates.setdefault(i)
    for pred in [p for p in predicates if pos[p] == "VERB"]:  # "congratulated X by telephone": the call as well
        for prep in children[pred]:
            if dep[prep] == "prep" and t.lower[prep] in PHONE_PREPS:
                predicates.update((o, None) for o in children[prep] if dep[o] == "pobj" and t.lemma[o].lower() in PHONE)
    for pred in [p for p in predicates if t.lemma[p] in REACTIONS]:  # "drew condemnation from the EU"
        for c in children[pred]:
            if dep[c] == "dobj":
                predicates.setdefault(c)
    # Verbs with no subject of their own share their head predicate's, even when none of their own arguments
    # names an actor ("A and B agreed to release prisoners", "Russia and Iran have begun sharing intelligence").
    stack = [p for p in predicates if pos[p] in ("VERB", "AUX")]
    while stack:
        verb = stack.pop()
        # "A and B are due to meet": the act hangs on the adjective the verb takes.
        frames = [g for c in children[verb] if dep[c] == "acomp" for g in children[c] if dep[g] == "xcomp"]
        for child in [*children[verb], *frames]:
            if dep[child] in ("xcomp", "conj") and pos[child] == "VERB" and child not in predicates \
                    and not any(dep[c] in ("nsubj", "nsubjpass") for c in children[child]):
                predicates[child] = None
                stack.append(child)
    out: dict[tuple[int, int, str, tuple[int, str] | None], Candidate] = {}
    doc = sent.doc
    for pred in sorted(predicates):
        if pos[pred] == "PROPN":
            continue  # a name is no act
        for cand in _for_predicate(doc[pred], sentence_index, index):
            key = (cand.trigger, cand.source.span.start, _actor_key(cand.source),
                   (cand.target.span.start, _actor_key(cand.target)) if cand.target else None)
            out.setdefault(key, cand)
    return list(out.values())


def _for_predicate(pred: "Token", sentence_index: int, index: MentionIndex) -> Iterator[Candidate]:
    t = index.table
    pos, lemma = t.pos[pred.i], t.lemma[pred.i]
    if pos == "PROPN":
        return
    if pos == "NOUN":
        if lemma.lower() in STANDING:
            return
        sources, targets, between, how = _noun_args(pred, index)
        if how != "light" and not _reported_as_news(pred):
            return  # "condemning its annexation of ...": a nominal inside another act is background
        if between and not sources:
            yield from _reciprocal(pred, sentence_index, between, "nominal")
            return
        if between:
            targets = [(between, "between")] + targets
    else:
        sources, how = _subjects(pred, index)
        if lemma in TRAVEL:
            sources = [(tok, m) for tok, m in sources if _travels(tok, m)]
        targets = None  # found once a source is: a verb with none (about one in twelve) yields nothing
    speech = None
    frame = None
    if not sources and pos in ("VERB", "AUX"):
        subject = next((c for c in t.children[pred.i] if t.dep[c] == "nsubj"), None)
        own_first_person = subject is not None and t.lower[subject] in FIRST_PERSON
        if subject is None or own_first_person or subject not in index.by_token:
            frame = _speech_frame(pred, index)
            if frame is not None and _foreign_passive(pred, frame[1], index):
                frame = None
            if frame is not None:
                sources, how, speech = frame[1], "speech", frame[0].i
    # People placed in the one country their sentence names are that country's when acted on ("pardoned
    # 6,000 prisoners"), not when they act: "the two leaders agreed", "investigators found".
    sources = [(tok, m) for tok, m in sources if keyable(m) and not m.via.endswith(OWN_PEOPLE)]
    if not sources:
        return
    if targets is None:
        targets = _objects(pred, index) or _deed_told_before(pred, index)
        if lemma in SEATED:
            targets = _beside(pred, index) + targets
    if frame is not None and frame[2] is not None and not targets:
        targets = [([(frame[0], frame[2])], None)]
    if speech is not None:
        # "You treat us like ...", Rahmon told Putin: "you" is the addressee.
        you = next((c for c in pred.children if c.dep_ in ("dobj", "dative") and c.lower_ in SECOND_PERSON), None)
        if you is not None and not targets:
            frame = _speech_frame(pred, index)
            if frame and frame[2] is not None:
                targets = [([(you, frame[2])], None)]
    # A state is not a target of its own people ("Putin threatened a response to any attack on Russia").
    # The side a source stands for: its country, or the group it belongs to ("Transnistria's leader" is not
    # Moldova, so he may accuse Chisinau; Wagner's men may seize Russian towns).
    own = {actor_key(m.actor) for _, m in sources if m.actor is not None}
    # But "Syrian and Russian warplanes struck rebel positions in Idlib": the place an attack on a thing lands in
    # is its target, the own country of forces named by their side too (an attack at home), and attackers named
    # together are allies, not each other's targets.
    assault = lemma in ASSAULTS and not _mutual(pred)
    # Nor is the source's own side what a clause it states is about ("denied that its forces struck").
    at_home = assault and all(m.actor is not None and m.actor.sector in ARMED_SECTORS
                              and not m.via.endswith((ANCHORED, OWN_PEOPLE)) for _, m in sources)
    # Nor is it in a phrase that stands for a pair ("ties between the two countries").
    targets = [([(t, m) for t, m in group if not (m.actor and actor_key(m.actor) in own and (m.actor.type == "state" or p == STATED
                                                                                          or m.via == "pair")
                                                  and not (at_home and m.via == DESTINATION)) and not _own_forces(m, own)], p)
               for group, p in targets]
    source_ids = {_actor_key(m) for _, m in sources}
    if len(sources) > 1 and not assault:  # "Putin and Lukashenko held talks ... in Belarus": not talks with Belarus
        source_ids |= {_place_key(m) for _, m in sources}
    targets = [([(t, m) for t, m in group if _actor_key(m) not in source_ids and _place_key(m) not in
                 (source_ids if len(sources) > 1 else set()) and keyable(m)], prep) for group, prep in targets]
    if lemma in TELLING:
        # "Peskov told reporters", "told the RIA news agency", "told residents to stay at home": whom a speaker
        # tells is an audience, not the aim of what is said.
        targets = [([(t, m) for t, m in group if not _audience(m)], p) for group, p in targets]
    targets = [g for g in targets if g[0]]
    targets = _beyond_own_forces(pred, targets, own, index)
    if len(sources) > 1 and not assault:
        # "Modi and Putin met in Samarkand / on the sidelines of the SCO summit": they met each other; and
        # "Russia and the US exchanged prisoners in Ankara": the prisoners are not Turkish.
        # But "called on the Georgian authorities" names whom they called on ("signed a statement on Syria"
        # does not).
        # Nor "A and B discussed the peace process with Azerbaijan": a "with" inside what they discussed is
        # no third party to their talks.
        targets = [([(t, m) for t, m in group if not m.via.endswith(ANCHORED)
                     and not (p == "with" and t.head.lower_ == "with" and t.head.head.i != pred.i
                              and t.head.head.lemma_.lower() not in index.event_nouns)], p)  # "talks with"
                   for group, p in targets if p not in LOCATIVE | {"on"} or (p == "on" and lemma in ON_VERBS)]
        targets = [g for g in targets if g[0]]
    if not targets:
        if len(sources) > 1 and how in ("svo", "inherited", "nominal", "light", "passive") and not assault:
            if lemma in SPEECH or (lemma in TRAVEL and any(c.lower_ == "together" for c in pred.children)):
                # "Both governments said ...": each spoke, not to the other; "A and B flew together to Adiyaman":
                # neither visited the other (unlike "A and B arrived in Almaty", to meet there).
                return
            yield from _reciprocal(pred, sentence_index, sources, "reciprocal")
            return
        for _, mention in sources:
            target, prep = home_ground(pred, mention, index) if pos != "NOUN" else (None, None)
            if target is None and (lemma in ANSWERS or _acts_on_a_thing(pred, index)) and not _no_comment(pred) \
                    and not _declines_an_offer(pred):
                target = _accuser(pred, mention, index) or warned(mention, index.home)
            yield Candidate(sentence_index, pred.i, mention, target, how, prep, speech)
        return
    group, prep = targets[0]
    for _, source in sources:
        for _, target in group:
            yield Candidate(sentence_index, pred.i, source, target, how, prep, speech)


def _deed_told_before(pred: "Token", index: MentionIndex) -> list[tuple[list[tuple["Token", Mention]], str | None]]:
    """"Sofia refused to let the plane through ... Lavrov called the refusal an act of spite": a definite act
    that names no one, reacted to, is aimed at whoever did the deed told last, earlier in its sentence or a few
    sentences back at most (``DEEDS``); an invitation, offer or proposal answered, at whoever made it (``OFFERED``)."""
    doc, t = pred.doc, index.table
    deeds = _DEEDS_OR_OFFERED
    for noun in (doc[c] for c in t.children[pred.i] if t.dep[c] == "dobj" and t.lower[c] in deeds):
        if not any(d.dep_ == "det" and d.lower_ == "the" for d in noun.children) or index.actors_at(noun):
            continue
        sentences, at = sentences_to(noun)
        # the same sentence first: "Putin invited him to visit Moscow, and he accepted the invitation"
        told = [list(doc[sentences[at].start:pred.i])] + [list(s) for s in sentences[max(0, at - DEED_WINDOW):at]][::-1]
        for sent in told:
            for tok in reversed(sent):
                if tok.pos_ == "VERB" and tok.lemma_.lower() in (deeds[noun.lower_], noun.lemma_.lower()):
                    found = _subjects(tok, index)[0]
                    if found:
                        return [(found, "the")]
    return []


_DEEDS_OR_OFFERED = {**DEEDS, **OFFERED}


def _travels(subject: "Token", mention: Mention) -> bool:
    """Whether the actor named with a travelling subject is the traveller: "a delegation from Hamas", "Russian
    troops", "Putin's plane" arrive; "the first flight from Russia", "Russian warheads" or "a batch of
    Russian wheat" are things that arrive, no visit by their owner."""
    if mention.span.start <= subject.idx < mention.span.end or subject.lemma_.lower() in TRAVELLERS:
        return True
    return subject.lemma_.lower() in CARRIERS and mention.actor is not None and mention.actor.type == "person"


def _beside(pred: "Token", index: MentionIndex) -> list[tuple[list[tuple["Token", Mention]], str | None]]:
    """"Tokayev sat beside Putin", "stood next to Xi at the ceremony": whom one is seen beside is whom one meets
    (unlike "fought alongside Russian troops", where those alongside act with the subject)."""
    preps = [c for c in pred.children if c.dep_ == "prep" and c.lower_ in BESIDE]
    preps += [p for c in pred.children if c.dep_ == "advmod" and c.lower_ == "next"
              for p in c.children if p.dep_ == "prep" and p.lower_ == "to"]
    # Leaders and parties named, not nameless people one stands beside ("standing beside relatives of the hostages").
    groups = [([(t, m) for t, m in index.actors_at(o) if m.actor is not None
                and (m.actor.type == "person" or not m.via.startswith("agent"))], p.lower_)
              for p in preps for o in p.children if o.dep_ == "pobj"]
    return [g for g in groups if g[0]]


def _foreign_passive(pred: "Token", speakers: list[tuple["Token", Mention]], index: MentionIndex) -> bool:
    """"Iranian instructors were sent to Crimea, US officials said": who did a passive act done to another
    side's people is unsaid, and not the speaker (as it is in "the changes had been withdrawn, Mirziyoyev said")."""
    theme = next((c for c in pred.children if c.dep_ == "nsubjpass"), None)
    if theme is None:
        return False
    keys = {actor_key(m.actor) for _, m in index.actors_at(theme) if m.actor is not None}
    return bool(keys) and not keys & {actor_key(m.actor) for _, m in speakers if m.actor is not None}


def _accuser(pred: "Token", source: Mention, index: MentionIndex) -> Mention | None:
    """"Pashinyan accused Azerbaijan of blocking the corridor. Aliyev dismissed the accusation": an answer to an
    accusation nobody is named with is aimed at whoever made the last accusation of the source's side, a
    sentence or two before."""
    if pred.lemma_ not in ANSWERS or not any(c.dep_ == "dobj" and c.lemma_.lower() in CHARGES for c in pred.children):
        return None
    own = actor_key(source.actor)
    sent = pred.sent
    earlier = [s for s in sent.doc.sents if s.end <= sent.start][-2:]
    for tok in reversed([t for s in earlier for t in s]):
        if tok.lemma_ not in ACCUSING or tok.pos_ != "VERB":
            continue
        groups = _objects(tok, index, stated=False)
        if not groups or not any(actor_key(m.actor) == own for _, m in groups[0][0]):
            continue
        for _, m in _subjects(tok, index)[0]:
            if keyable(m) and actor_key(m.actor) != own:
                return Mention(source.span, source.sentence_index, m.actor, via="accuser")
    return None


def _own_forces(mention: Mention, own: set[str | None]) -> bool:
    """"Russia, which deployed peacekeepers to Karabakh": nameless forces the coder placed in the source's own
    country are the source's, what it moves, never whom it acts on."""
    actor = mention.actor
    return actor is not None and mention.via.endswith(OWN_PEOPLE) and actor.sector in ARMED_SECTORS \
        and actor.country in own


def _mutual(pred: "Token") -> bool:
    """"shelled each other's positions", "one side attacked the other"."""
    return any(t.lower_ in ("other", "another") and t.i > 0 and t.doc[t.i - 1].lower_ in ("each", "one")
               for t in pred.subtree)


def _audience(mention: Mention) -> bool:
    """The press, or nameless people the coder placed in a country ("reporters", "lawmakers", "residents"):
    those a speaker addresses to be heard, not a party the speech is aimed at."""
    actor = mention.actor
    return actor is not None and (actor.sector == "JRN" or mention.via.endswith((ANCHORED, OWN_PEOPLE)))


def _no_comment(pred: "Token") -> bool:
    """"Peskov declined to say where Assad was staying", "declined to comment on the timing of the deliveries":
    declining to tell a fact, or to comment on a topic, faces no one the sentence does not name (a topic that
    names an actor or an act told before is found as the object)."""
    return pred.lemma_ == "decline" and any(
        c.dep_ == "xcomp" and c.lemma_ in SPEECH
        and any(q.dep_ == "ccomp" or (q.dep_ == "prep" and q.lower_ in ("on", "about")) for q in c.children)
        for c in pred.children)


# What is offered or asked of someone: declining one answers whoever made it, not the story's country.
OFFERS = {"invitation", "offer", "proposal", "request", "call", "appeal", "plea", "bid"}


def _declines_an_offer(pred: "Token") -> bool:
    """"Guterres had declined an invitation to a peace summit in Switzerland": the refusal faces whoever
    invited him, whom this sentence does not name."""
    return pred.lemma_ in ("decline", "reject", "refuse") and any(
        c.dep_ == "dobj" and c.lemma_.lower() in OFFERS for c in pred.children)


def _acts_on_a_thing(pred: "Token", index: MentionIndex) -> bool:
    """"The EU condemned the vote", "observers criticised the election": a verdict on a thing that names no
    one. Not on an act ("hailed the drone strike"), which is aimed at whoever did it."""
    return pred.lemma_ in VERDICTS and any(c.dep_ == "dobj" and c.pos_ == "NOUN" and c.lemma_.lower() not in index.event_nouns
                                           for c in pred.children)


def _beyond_own_forces(pred: "Token", targets: list[tuple[list[tuple["Token", Mention]], str | None]],
                       own: set[str | None], index: MentionIndex) -> list[tuple[list[tuple["Token", Mention]], str | None]]:
    """"deployed Belarusian troops near the Ukrainian border", "massed its forces along the frontier with
    Georgia": the source's own armed forces are what the act moves; whom it is aimed at is the place they
    are sent near. A "near/along/toward" phrase naming another country, or any other target, goes before them."""
    def own_theme(group: list[tuple["Token", Mention]]) -> bool:
        return all(m.actor is not None and m.actor.country in own and m.actor.sector == "MIL" for _, m in group)

    def own_people(group: list[tuple["Token", Mention]]) -> bool:
        return all(m.actor is not None and m.actor.country in own and m.actor.type != "state"
                   and not m.actor.organization for _, m in group)

    if targets and own_people(targets[0][0]) and not own_theme(targets[0][0]):
        # "recalled its ambassador from Moscow", "sold its drones to Ukraine": the source's own people or
        # goods are what the act moves; another party named is whom it is aimed at.
        posted = [([(t, m) for t, m in index.actors_at(o) if m.actor is not None and m.actor.country not in own], p.lower_)
                  for tok, _ in targets[0][0] for p in tok.children if p.dep_ == "prep" and p.lower_ in POSTED
                  for o in p.children if o.dep_ == "pobj"]
        return [g for g in posted if g[0]] + [g for g in targets if not own_people(g[0])] + \
            [g for g in targets if own_people(g[0])]
    if not targets or not own_theme(targets[0][0]):
        return targets
    beyond: list[tuple[list[tuple["Token", Mention]], str | None]] = []
    for node in [pred] + [tok for group, _ in targets if own_theme(group) for tok, _ in group]:
        for prep in (c for c in node.children if c.dep_ == "prep" and c.lower_ in NEAR):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                for group, _p in _phrase_groups(pobj.i, prep.lower_, index):  # "the border with Georgia"
                    found = [(t, m) for t, m in group if m.actor is not None and m.actor.country not in own]
                    if found:
                        beyond.append((found, prep.lower_))
                        break
    return beyond + [g for g in targets if not own_theme(g[0])] + [g for g in targets if own_theme(g[0])]


def _reciprocal(pred: "Token", sentence_index: int, parties: list[tuple["Token", Mention]], how: str) -> Iterator[Candidate]:
    for _, a in parties:
        for _, b in parties:
            if a is not b and _actor_key(a) != _actor_key(b):
                yield Candidate(sentence_index, pred.i, a, b, how if how != "nominal" else "reciprocal", "with")


def _place_key(mention: Mention) -> str | None:
    return actor_key(mention.actor)


def _actor_key(mention: Mention) -> str:
    actor = mention.actor
    assert actor is not None
    return actor.id or f"{actor.name}|{actor.country}"
