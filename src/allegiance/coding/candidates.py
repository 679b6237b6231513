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
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from allegiance.coding.aims import capital, destination, home_ground, place_acted_on, warned
from allegiance.coding.context import conjoined_to
from allegiance.coding.keys import actor_key
from allegiance.coding.referents import (ANCHORED, OWN_PEOPLE, anchor_to_home, crowds_of_nationals, home_country,
                                         keyable, pairs)
from allegiance.models import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

TARGET_PREPS = ("to", "with", "against", "on", "toward", "towards", "into", "at", "upon", "for", "from", "of",
                "over", "onto", "between", "among", "about", "behind")
SPEECH = {"say", "tell", "state", "announce", "declare", "add", "insist", "demand", "warn", "complain",
          "shout", "write", "tweet", "reply", "respond", "answer", "argue", "charge", "lash", "retort",
          "snap", "scold", "ask", "urge", "remark", "exclaim", "yell", "comment", "explain", "stress"}
LIGHT_VERBS = {"hold", "have", "conduct", "pay", "make", "launch", "carry", "impose", "stage", "sign", "host",
               "give", "deliver", "issue", "open", "begin", "start", "resume", "announce", "order", "conclude",
               "reach", "extend", "provide", "offer", "send", "lodge", "file", "level", "slap", "mount", "join",
               "attend", "take", "lift", "ease", "tighten", "expand", "introduce"}
ARRIVAL = {"arrive", "travel", "fly", "come", "go", "head", "gather", "meet", "convene", "return", "leave",
           "attend", "invite", "welcome", "host"}
TRAVEL = {"arrive", "travel", "fly", "come", "go", "head", "return"}
POSTED = ("from", "to", "in", "at")  # "its ambassador to Russia", "its envoy in Moscow"
MEMBERSHIP = {"participation", "membership", "seat", "presence", "involvement", "role", "place", "mission"}
VICINITY = ("around", "off", "near")  # inside an object phrase: "waters around Taiwan", "drills off Japan"
MEASURES = {"package", "round", "wave", "series", "set", "batch", "barrage", "volley", "raft", "string", "spate", "slew"}
APPEAL_NOUNS = {"call", "appeal", "request", "offer", "proposal", "demand", "invitation", "plea", "warning", "pressure",
                "criticism", "accusation", "allegation", "claim", "ultimatum", "overture", "bid"}
GIVEN = APPEAL_NOUNS | {"condemnation", "praise", "support", "aid", "assistance", "help", "backing", "rebuke",
                       "objection", "protest", "threat"}  # what comes "from" its giver
COMPLAINTS = {"complain", "allege", "charge", "protest", "grumble", "lament", "deplore", "object", "regret"}
APPEALS = {"demand", "urge", "ask", "propose", "suggest", "request", "recommend", "warn", "call", "insist"}
LOCATIVE = {"in", "at"}
GATHERINGS = {"summit", "meeting", "session", "conference", "forum", "gathering", "congress", "assembly", "council"}
ON_VERBS = {"call", "impose", "fire", "spy", "press", "prevail", "turn", "declare", "wage"}  # "called on X"
NEAR = ("near", "along", "toward", "towards", "close")  # where forces are sent: "near the Ukrainian border"
LOOSE_PREPS = {"for", "about", "over"}
STANCES = {"protest", "defence", "defense", "support", "solidarity", "response", "retaliation", "reply", "favour",
           "favor", "breach", "violation", "honour", "honor"}  # "in protest at", "in defence of", "in breach of"
AIMED_PREPS = {"to", "with", "against", "on", "toward", "towards", "into", "at", "upon"}  # a thing's own aim
FRAMES = {"threaten", "offer", "promise", "pledge", "vow", "refuse", "decline", "agree", "plan", "intend",
          "decide", "try", "seek", "attempt", "begin", "start", "continue", "warn", "move", "vote", "fail"}
# Acts that answer or face someone even when the sentence names no one: "Moscow warned that ...", "the
# Kremlin denied the accusation", "Kyiv rejected the allegation as absurd", "declined to comment".
ANSWERS = {"warn", "threaten", "deny", "dismiss", "refute", "reject", "decline"}
VERDICTS = {"condemn", "criticise", "criticize", "denounce", "welcome", "praise", "hail", "slam", "blast", "applaud",
            "voice", "express", "decry", "deplore", "endorse", "back", "support"}
PHASES = {"stop", "cease", "halt", "suspend", "end", "quit", "resume", "finish"}  # "stopped financing the CSTO"
FIRST_PERSON = {"we", "i", "us", "me", "our", "my"}
SECOND_PERSON = {"you", "your"}
STATED = "stated"  # the "preposition" of a target found in a clause the predicate states
_ARG_DEPS = ("nsubj", "nsubjpass", "dobj", "dative", "pobj", "poss", "agent", "appos", "compound", "amod",
             "conj", "attr", "nmod", "npadvmod", "oprd")
_MAX_UP = 4


@dataclass(frozen=True)
class Candidate:
    sentence_index: int
    trigger: int  # doc token index of the predicate (verb or event noun)
    source: Mention
    target: Mention | None
    via: str  # svo|passive|inherited|reciprocal|nominal|light|speech
    addressee_pattern: str | None = None  # the preposition joining trigger and target ("to", "with", ...)
    speech: int | None = None  # token index of the speech verb when the source is the speaker


@dataclass
class MentionIndex:
    """Which resolved mention each token belongs to."""

    doc: "Doc"
    event_nouns: frozenset[str] = frozenset()  # "Putin's visit" names a visit, not Putin
    by_token: dict[int, Mention] = field(default_factory=dict)
    heads: dict[int, Mention] = field(default_factory=dict)  # head token index → mention
    pairs: dict[int, tuple[Mention, Mention]] = field(default_factory=dict)  # "the two leaders" → both
    nameless: set[int] = field(default_factory=set)  # heads of people with no country ("a delegation")
    home: str | None = None  # the country the story is about (``referents.home_country``)

    @classmethod
    def build(cls, doc: "Doc", mentions: list[Mention], event_nouns: frozenset[str] = frozenset()) -> "MentionIndex":
        index = cls(doc, event_nouns)
        index.home = home_country(doc.text, mentions)
        mentions = anchor_to_home(crowds_of_nationals(doc, mentions), index.home)
        # Longer mentions first so that "Russian Foreign Minister Sergei Lavrov" beats "Russian" in it.
        for mention in sorted(mentions, key=lambda m: m.span.start - m.span.end):
            span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            if not keyable(mention):
                if mention.actor is not None and mention.actor.type == "group":
                    index.nameless.add(span.root.i)
                continue  # "protesters", "prisoners": no country or organization to anchor an event
            for tok in span:
                index.by_token.setdefault(tok.i, mention)
            index.heads.setdefault(span.root.i, mention)
        index.pairs = pairs(doc, index)
        for i, (first, _) in index.pairs.items():
            index.heads[i] = first
        return index

    def actor_at(self, tok: "Token", depth: int = 2, through_events: bool = False) -> Mention | None:
        """The actor an argument phrase headed by ``tok`` names, looking into modifiers and appositions."""
        found = self.by_token.get(tok.i)
        origins = self._origins(tok, depth)
        if origins:
            return origins[0][1]
        if found is not None and found.via.startswith("agent"):
            # "the Palestinian Islamist group Hamas": the apposed name, not the description.
            named = next((self.by_token[c.i] for c in tok.children if c.dep_ == "appos" and c.i in self.by_token), None)
            return named or found
        if found is not None:
            return found
        if tok.lower_ in ("who", "which", "that") and tok.head.dep_ in ("relcl", "acl") and depth > 0:
            return self.actor_at(tok.head.head, depth - 1)
        if depth <= 0 or (tok.lemma_.lower() in self.event_nouns and not through_events):
            return None
        # An apposed name before modifiers: "the Palestinian group Hamas" is Hamas.
        for child in sorted(tok.children, key=lambda c: c.dep_ != "appos"):
            if child.dep_ in ("appos", "compound", "amod", "poss", "nmod"):
                found = self.by_token.get(child.i) or (self.actor_at(child, depth - 1) if child.dep_ == "appos" else None)
                if found is not None:
                    return found
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found = self.actor_at(pobj, depth - 1)
                        if found is not None:
                            return found
        return None

    def _origins(self, tok: "Token", depth: int = 2) -> list[tuple["Token", Mention]]:
        """"a delegation from Hamas", "troops from Belarus", "negotiators from Armenia and Azerbaijan": whose
        people nameless or merely placed people are beats where the sentence happens to put them."""
        if depth <= 0:
            return []
        found = self.by_token.get(tok.i)
        if found is None:
            # A subject the resolver took for no one ("a team from the UN mission") is the origin's people too.
            lemma = tok.lemma_.lower()
            if not (tok.i in self.nameless or (tok.pos_ == "NOUN" and tok.dep_ in ("nsubj", "nsubjpass")
                                               and lemma not in self.event_nouns and lemma not in GIVEN)):
                return []
        elif not found.via.endswith((ANCHORED, OWN_PEOPLE)) and found.span.end <= tok.idx + len(tok.text):
            return []  # a mention ending at the word; one running on may have read the origin in (below)
        origins = [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "from" for o in c.children if o.dep_ == "pobj"]
        # The resolver may have read the first origin into the people's own mention ("negotiators from Armenia").
        if not origins or (found is not None and not found.via.endswith((ANCHORED, OWN_PEOPLE))
                           and self.by_token.get(origins[0].i) is not found):
            return []
        out: list[tuple["Token", Mention]] = []
        for o in origins:
            # A named party each ("Armenia and Azerbaijan"), not a vague rest ("and several other states").
            for node in [o, *(c for c in _conjuncts(o) if c.pos_ == "PROPN")]:
                mention = self.actor_at(node, depth - 1)
                if mention is not None and all(m is not mention for _, m in out):
                    out.append((node, mention))
        return out

    def actors_at(self, tok: "Token", through_events: bool = False) -> list[tuple["Token", Mention]]:
        """The actor of a phrase and of the phrases coordinated with it ("Russia and China"); both parties
        of a pair the text refers back to ("the two leaders", "both sides", "the two countries' ...")."""
        pair = self.pairs.get(tok.i) or next((self.pairs[c.i] for c in tok.children if c.dep_ == "poss" and c.i in self.pairs), None)
        if pair is not None:
            return [(tok, pair[0]), (tok, pair[1])]
        out = self._origins(tok)
        if len(out) > 1:
            return out
        out = []
        for node in [tok, *_conjuncts(tok), *_coordinated_modifiers(tok)]:
            if node.i != tok.i and node.pos_ not in ("NOUN", "PROPN", "PRON"):
                mention = self.by_token.get(node.i)  # a coordinated modifier: "Russian and Chinese ..."
            else:
                mention = self.actor_at(node, through_events=through_events)
            if mention is not None and all(m is not mention for _, m in out):
                out.append((node, mention))
        return out


def _conjuncts(tok: "Token") -> list["Token"]:
    out, stack = [], [c for c in tok.children if c.dep_ == "conj"]
    while stack:
        node = stack.pop(0)
        if node.pos_ in ("NOUN", "PROPN", "PRON"):
            out.append(node)
            stack.extend(c for c in node.children if c.dep_ == "conj")
    return out


def _coordinated_modifiers(tok: "Token") -> list["Token"]:
    """"Russian and Chinese warships": coordinated modifiers name one actor each."""
    out = []
    for child in tok.children:
        if child.dep_ in ("amod", "compound", "nmod") and any(c.dep_ == "conj" for c in child.children):
            out.append(child)
            out.extend(c for c in child.children if c.dep_ == "conj")
    return out


def _predicates(tok: "Token") -> Iterator["Token"]:
    """Verbs and nouns that may take ``tok`` (a mention's head) as an argument, nearest first."""
    node = tok
    for _ in range(_MAX_UP):
        head = node.head
        if head.i == node.i:
            return
        if head.pos_ in ("VERB", "AUX", "NOUN", "PROPN"):
            yield head
        if node.dep_ in ("conj", "appos", "compound", "amod", "poss", "pobj", "prep", "nmod", "cc", "agent",
                         "nsubj", "nsubjpass", "dobj", "dative"):
            node = head
            continue
        return


def _subjects(verb: "Token", index: MentionIndex) -> tuple[list[tuple["Token", Mention]], str]:
    """Source actors of a verb and how they were found."""
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = index.actors_at(pobj)
                    if found:
                        return found, "passive"
    for child in verb.children:
        if child.dep_ == "nsubj":
            # "NATO foreign ministers meeting in Brussels voiced support": a gathering speaks for its members.
            gathered = [] if child.lemma_.lower() not in GATHERINGS else index.actors_at(child, through_events=True) or [
                f for c in child.children if c.dep_ == "compound" for f in index.actors_at(c)]  # "NATO ministers meeting"
            return index.actors_at(child) or gathered or capital(child), "svo"
        if child.dep_ == "nsubjpass":
            return [], "passive"  # the passive subject is the target; no "by" phrase, no source
    # No subject of its own: conjoined and complement verbs share their head's ("met and agreed", "agreed to
    # send", "is about to restore", "is set to sign").
    head = conjoined_to(verb)
    if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "acomp":
        head = head.head
    if verb.dep_ == "advcl" and verb.tag_ == "VBN":
        return [], "passive"  # "Asked whether ..., Peskov said": the participle's subject is someone else
    if verb.dep_ in ("conj", "xcomp", "advcl") and head.pos_ in ("VERB", "AUX") and head.i != verb.i:
        control = next((c for c in head.children if c.dep_ in ("dobj", "dative")), None)
        if verb.dep_ == "xcomp" and control is not None and index.actors_at(control):
            return index.actors_at(control), "inherited"  # "urged Israel to stop": Israel would stop
        found, how = _subjects(head, index)
        if not found and verb.dep_ == "xcomp":
            passive = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
            found = index.actors_at(passive) if passive is not None else []
        return found, "inherited" if found else how
    if verb.dep_ in ("relcl", "acl"):
        noun = verb.head
        if verb.tag_ == "VBN" and verb.dep_ == "acl":
            return [], "passive"  # "troops sent by ..." handled through the agent above
        return index.actors_at(noun), "svo"
    return [], "svo"


def _objects(verb: "Token", index: MentionIndex, stated: bool = True) -> list[tuple[list[tuple["Token", Mention]], str | None]]:
    """Target actors of a verb: passive subject, direct object, dative, then prepositional objects; with
    ``stated``, failing those, whom a clause it states is about."""
    groups: list[tuple[list[tuple["Token", Mention]], str | None]] = []
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            # "Russia's mobilisation was denounced by the United States": the passive subject is the target.
            groups.extend(_phrase_groups(child, None, index))
    seen_object = False
    for child in verb.children:
        if child.dep_ in ("dobj", "attr", "oprd") or (child.dep_ == "dative" and child.pos_ != "ADP"):
            if child.dep_ == "dobj" and seen_object:
                continue  # "held talks ..., Putin's first trip to Belarus": a second object is an apposition
            seen_object = seen_object or child.dep_ == "dobj"
            groups.extend(_phrase_groups(child, None, index))
    arrival = verb.lemma_ in ARRIVAL
    for child in verb.children:
        if verb.lemma_ in TRAVEL and child.lower_ == "from":
            continue  # "arrived in Hanoi from Pyongyang": where a journey starts is not whom it is to
        # spaCy marks "sent troops to X" as a dative "to"; "arrived in Yerevan" names whom a visit is to.
        if child.dep_ in ("prep", "dative") and (child.lower_ in TARGET_PREPS or (arrival and child.lower_ in LOCATIVE)):
            start = len(groups)
            for pobj in child.children:
                if pobj.dep_ != "pobj":
                    continue
                if pobj.lemma_.lower() in index.event_nouns and child.lower_ in LOOSE_PREPS | LOCATIVE:
                    continue  # "deployed police for the SCO summit", "declined at the Kazan summit": the setting
                if child.lower_ in LOOSE_PREPS:
                    # "deployed police for the SCO summit": only an actor named outright is a target here.
                    if pobj.i in index.by_token:
                        groups.append((index.actors_at(pobj), child.lower_))
                    continue
                groups.extend(_phrase_groups(pobj, child.lower_, index))
            if len(groups) > start:
                # "spoke with Putin and then with Zelensky": a conjoined phrase adds to the same addressees.
                more = [f for c in child.children if c.dep_ == "conj" and c.pos_ == "ADP"
                        for o in c.children if o.dep_ == "pobj" for f in index.actors_at(o)]
                groups[start] = (groups[start][0] + more, groups[start][1])
        elif child.dep_ == "prep" and child.lower_ == "as":
            # "acted as a go-between for Moscow and Kyiv", "served as mediator between Baku and Yerevan":
            # the role names whom the act is for, not the role itself.
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                if not seen_object and any(c.dep_ in ("poss", "amod", "compound") and c.i in index.by_token
                                           and index.by_token[c.i].via != "pronoun" for c in pobj.children):
                    # "dismissed as a fabrication Kyiv's claim": spaCy reads the shifted object into "as".
                    groups.extend(_phrase_groups(pobj, None, index))
                    continue
                for prep in (c for c in pobj.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS):
                    groups.extend((found, prep.lower_) for a in prep.children if a.dep_ == "pobj"
                                  for found in [index.actors_at(a)] if found)
    # "brokered by the Emirates between Russia and Ukraine": the parser hangs "between" on an argument.
    for arg in (a for c in verb.children if c.dep_ in ("agent", "dobj")
                for a in ([c] if c.dep_ == "dobj" else [p for p in c.children if p.dep_ == "pobj"])):
        for prep in (c for c in arg.children if c.dep_ == "prep" and c.lower_ in ("between", "among")):
            groups.extend((found, prep.lower_) for a in prep.children if a.dep_ == "pobj"
                          for found in [index.actors_at(a)] if found)
    if not any(g[0] for g in groups):
        # "pulled out of a planned meeting with Pashinyan", "suspended $95m in assistance to Georgia": a
        # phrase the act is done in or out of may itself be aimed at someone.
        for child in (c for c in verb.children if c.dep_ == "prep" and c.lower_ not in TARGET_PREPS):
            for pobj in _prep_objects(child):
                groups.extend((found, p.lower_) for p in pobj.children if p.dep_ == "prep" and p.lower_ in AIMED_PREPS
                              for o in p.children if o.dep_ == "pobj" for found in [index.actors_at(o)] if found)
    # "boycotted the OSCE meeting in protest at Lavrov's presence", "spoke out in defence of Lukashenko's
    # decision", "expelled diplomats in retaliation for Moscow's move": a phrase that says whom the act answers
    # or stands for names its aim before anything it is done to.
    stances = [t for c in verb.children if c.dep_ in ("prep", "dobj") for t in c.subtree
               if t.dep_ == "pobj" and t.head.lower_ == "in" and t.lemma_.lower() in STANCES]
    # The parser hangs the stance's own preposition on the noun or, right after it, elsewhere.
    groups[:0] = [g for pobj in stances for p in {*pobj.children, pobj.doc[min(pobj.i + 1, len(pobj.doc) - 1)]}
                  if p.dep_ == "prep" and p.lower_ in ("of", "at", "against", "with", "to", "for", "over")
                  for o in p.children if o.dep_ == "pobj" for g in _phrase_groups(o, pobj.lemma_.lower(), index, 1)]
    if verb.dep_ in ("relcl", "acl") and verb.tag_ == "VBN":
        groups.insert(0, (index.actors_at(verb.head), None))
    recipients = [g for g in groups if g[1] == "to" and any(m.actor is not None and m.actor.type == "state" for _, m in g[0])]
    if recipients and groups[0][1] is None and groups[0][0] and all(
            m.actor is not None and m.actor.type in ("person", "group", "unknown") for _, m in groups[0][0]):
        # "extradited to Russia a suspected Islamic State recruiter", "handed the detained sailors to Ukraine":
        # people handed over are what the act moves; the state they go to is whom it is aimed at.
        groups = recipients + [g for g in groups if g not in recipients]
    if verb.lemma_ in TRAVEL and not any(g[0] for g in groups):
        groups.extend(destination(verb, index))
    elif not any(g[0] for g in groups) and verb.lemma_ not in ARRIVAL:
        groups.extend(place_acted_on(verb, index))
    if not any(g[0] for g in groups):
        # "threatened to close its border with Belarus", "refused to recognise Kosovo": an act announced,
        # offered or refused is aimed at the object of the act.
        for clause in (c for c in verb.children if c.dep_ == "xcomp" and verb.lemma_ in FRAMES | PHASES):
            groups.extend(g for g in _objects(clause, index) if g[0])
    if verb.lemma_ in APPEALS:
        # "demanded respect from Putin", "asked a favour of Beijing", "demanded an explanation from the Kremlin
        # for the downing of its jet": whom the appeal is made of comes before what the thing asked is about.
        groups[:0] = [(index.actors_at(pobj), prep.lower_) for obj in verb.children if obj.dep_ == "dobj"
                      for prep in obj.children if prep.dep_ == "prep" and prep.lower_ in ("from", "of")
                      for pobj in prep.children if pobj.dep_ == "pobj" and pobj.i in index.by_token]
    if not any(g[0] for g in groups):
        # "demanded that Russia end the invasion", "urged that Kyiv negotiate": the addressee of a demand
        # or appeal is the subject of the clause that states it.
        # "allowed IAEA inspectors to rotate", "wanted Moscow to stop": spaCy makes the object of an
        # infinitive complement its subject; it is whom the act is aimed at.
        # "complained that Moscow paid too little attention": a complaint is aimed at whom it is about.
        for clause in (c for c in verb.children
                       if c.dep_ == "ccomp" and (verb.lemma_ in APPEALS | COMPLAINTS or _infinitive(c))):
            subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                groups.append((index.actors_at(subject), "that"))
    if stated and not any(g[0] for g in groups):
        # "expressed confidence that the border deal with China would hold", "voiced optimism that Russia
        # would return", "said Russia had been a reliable partner": an attitude or verdict about what a
        # clause states is aimed at whom that clause is about — its subject, else whom its verb acts on.
        # Not "said" or "told", unless the clause only says what its subject is: what a report is about is
        # coded at the reported act's own trigger. Nor a
        # pronoun: "denied that its forces struck", "rejected claims that it was steering" are the speaker.
        for clause in (c for c in _stated_clauses(verb) if verb.lemma_ not in SPEECH or _verdict(c)):
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            found = _phrase_groups(subject, STATED, index) if subject is not None else []
            found += [(g, STATED) for g, _p in _objects(clause, index)]
            groups.extend(([(t, m) for t, m in g if m.via != "pronoun" and not m.via.endswith((ANCHORED, OWN_PEOPLE))], p)
                          for g, p in found)
    return [g for g in groups if g[0]]


def _verdict(clause: "Token") -> bool:
    """"said Putin was responsible for his death", "said Russia had been a reliable partner": a clause that
    says what its subject is, which a report is about."""
    return clause.lemma_ == "be" and any(c.dep_ in ("attr", "acomp") for c in clause.children)


def _stated_clauses(verb: "Token") -> list["Token"]:
    """Finite clauses a verb states, or that the noun it expresses holds ("confidence that ...")."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and not _infinitive(c)]
    nouns = [c for c in verb.children if c.dep_ == "dobj"]
    nouns += [o for p in verb.children if p.dep_ == "prep" for o in _prep_objects(p)]  # "looked into reports that"
    clauses += [a for o in nouns if o.pos_ == "NOUN" for a in o.children
                if a.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in a.children)]
    return clauses


def _prep_objects(prep: "Token") -> list["Token"]:
    """The objects of a preposition, through a compound one ("out of", "away from")."""
    return [o for p in [prep, *(c for c in prep.children if c.dep_ == "prep")] for o in p.children if o.dep_ == "pobj"]


def _infinitive(clause: "Token") -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _phrase_groups(noun: "Token", prep: str | None, index: MentionIndex, depth: int = 2
                   ) -> list[tuple[list[tuple["Token", Mention]], str | None]]:
    """Actor groups an object phrase offers, best first: the phrase itself ("Russia"), then its own
    prepositional objects, two levels deep ("ties with Gondor", "an attack by Osgiliath soldiers",
    "pessimism about any dialogue with the United States"), then its modifiers ("Russia's decision",
    "the Russian allegation")."""
    direct = index.by_token.get(noun.i)
    if direct is not None:
        return [(index.actors_at(noun), prep)]
    groups: list[tuple[list[tuple["Token", Mention]], str | None]] = []
    for child in noun.children:
        # "praised China's plan for Ukraine", "condemned Russia's attack on Ukraine": the named owner of
        # the thing acted on is whom the act is aimed at.
        mention = index.by_token.get(child.i) if child.dep_ == "poss" else None
        if mention is not None and mention.via != "pronoun":
            groups.append((index.actors_at(child), prep))
    for child in noun.children:
        # "condemned the atrocities committed by Russian forces", "the attack carried out by Hamas": who did
        # the deed acted on.
        if child.dep_ == "acl" and child.tag_ == "VBN":
            groups.extend((found, "by") for a in child.children if a.dep_ == "agent"
                          for o in a.children if o.dep_ == "pobj" for found in [index.actors_at(o)] if found)
    for child in noun.children:
        # "rejected calls from Washington", "welcomed an offer from Beijing": who made the appeal.
        if child.dep_ == "prep" and child.lower_ == "from" and noun.lemma_.lower() in APPEAL_NOUNS:
            groups.extend((found, "from") for o in child.children if o.dep_ == "pobj"
                          for found in [index.actors_at(o)] if found)
    for child in noun.children:
        # "a package of sanctions on Russia", "a new wave of strikes against Kharkiv": the measure's own target.
        if child.dep_ == "prep" and child.lower_ == "of" and noun.lemma_.lower() in MEASURES:
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                groups.extend(_phrase_groups(pobj, prep, index, depth))
    # "condemned the attack on Kyiv by Russia", "an inquiry into exports to Russia by Turkish companies": who
    # did the deed acted on comes before whom the deed was aimed at.
    for child in sorted(noun.children, key=lambda c: c.lower_ != "by"):
        # "froze its participation in the CSTO", "missiles into waters around Taiwan": a membership is in a
        # body, and the waters around an island are the island's.
        nested = (child.lower_ in ("in", "within") and noun.lemma_.lower() in MEMBERSHIP) or child.lower_ in VICINITY
        if child.dep_ == "prep" and (child.lower_ in TARGET_PREPS + ("by",) or nested) and child.lower_ not in ("of", "from"):
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                if depth > 1:
                    groups.extend(_phrase_groups(pobj, child.lower_, index, depth - 1))
                else:
                    found = index.actors_at(pobj)
                    if found:
                        groups.append((found, child.lower_))
    # A possessive pronoun ("their encounter", "its troops") is too loose a link to aim an event at.
    found = [(t, m) for t, m in index.actors_at(noun, through_events=True) if m.via != "pronoun"]
    if found:
        groups.append((found, prep))
        if noun.lemma_.lower() not in index.event_nouns:
            # "confiscated the Ukrainian assets of Russian banks": when the modifier turns out to be the
            # source's own country, whose the thing is still names the target.
            groups.extend((owner, prep) for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                          for o in c.children if o.dep_ == "pobj" for owner in [index.actors_at(o)]
                          if owner and all(m is not f for _, m in owner for _, f in found))
    if not groups and depth > 1:
        # "sent 100 rescuers and several aircraft to Turkey": the destination hangs on the last conjunct.
        for conj in (c for c in noun.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")):
            groups.extend(g for g in _phrase_groups(conj, prep, index, depth - 1) if g[1] != prep)
    return groups


def _noun_args(noun: "Token", index: MentionIndex):
    """Source and target groups of an event noun: "Putin's visit to Dushanbe", "talks between A and B"."""
    sources: list[tuple["Token", Mention]] = []
    targets: list[tuple[list[tuple["Token", Mention]], str | None]] = []
    between: list[tuple["Token", Mention]] = []
    how = "nominal"
    given = False
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod") and not sources:
            mention = index.by_token.get(child.i)
            if mention is not None:
                sources = [(child, mention)] + [(c, m) for c, m in index.actors_at(child)[1:]]
        elif child.dep_ == "prep":
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                if child.lower_ == "of" and not sources:
                    # "the signing of the treaty by Putin and Kim": the parser hangs the agent on the thing.
                    agent = next((a for c in pobj.children if c.dep_ == "prep" and c.lower_ == "by"
                                  for a in c.children if a.dep_ == "pobj"), None)
                    if agent is not None and index.actors_at(agent):
                        sources = index.actors_at(agent)
                        continue
                found = index.actors_at(pobj)
                if not found:
                    continue
                if child.lower_ in ("between", "among"):
                    between = found
                elif child.lower_ == "by":
                    sources = found
                elif child.lower_ == "from" and not sources and noun.lemma_.lower() in GIVEN:
                    sources, given = found, True  # "sharp criticism from Beijing", "aid from India"
                elif child.lower_ == "of" and noun.lemma_.lower() in GATHERINGS:
                    continue  # "the summit of the CSTO" is the CSTO's own meeting, not a meeting with it
                elif child.lower_ in TARGET_PREPS:
                    targets.append((found, child.lower_))
    if sources and not targets:
        # "Ukraine's demand that Iran stop supplying weapons": whom the clause the event states is about.
        targets = [(g, STATED) for clause in noun.children if clause.dep_ in ("acl", "ccomp")
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)
                   for subject in clause.children if subject.dep_ in ("nsubj", "nsubjpass")
                   for g in [index.actors_at(subject)] if g]
    if given and not targets and noun.dep_ == "nsubj" and noun.head.pos_ == "VERB":
        # "Sharp criticism from Beijing greeted Washington's arms sale": what the event meets is its aim.
        targets = [g for g in _objects(noun.head, index, stated=False) if g[0]]
    if not sources and not between and noun.dep_ in ("dobj", "nsubjpass") and noun.head.lemma_ in LIGHT_VERBS:
        verb = noun.head
        sources, _ = _subjects(verb, index)
        how = "light"
        if not targets:
            targets = [g for g in _objects(verb, index) if g[1] is not None]
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
    return noun.dep_ in ("appos", "attr") and noun.head.dep_ in ("ROOT", "nsubj")


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
            addressees = [m for group, _p in _objects(verb, index, stated=False) for _t, m in group]
            return verb, speakers, (addressees[0] if addressees else None)
        if node.head.i == node.i:
            break
        node = node.head
    # "... the country's sovereignty," Rahmon said: the speech verb may be the root, the quote its ccomp.
    root = tok.sent.root
    if root.lemma_ in SPEECH and root.i != tok.i and tok.dep_ == "ROOT":
        speakers, _ = _subjects(root, index)
        addressees = [m for group, _p in _objects(root, index, stated=False) for _t, m in group]
        return root, speakers, (addressees[0] if addressees else None)
    return None


def candidates(sent: "Span", sentence_index: int, index: MentionIndex) -> list[Candidate]:
    """All candidates of one sentence, each (trigger, source, target) once."""
    predicates: dict[int, "Token"] = {}
    for i in range(sent.start, sent.end):
        if i in index.heads:
            for pred in _predicates(sent.doc[i]):
                predicates.setdefault(pred.i, pred)
    for tok in sent:  # speech-verb complements whose arguments are pronouns or missing
        if tok.dep_ in ("ccomp", "parataxis") and tok.head.lemma_ in SPEECH and tok.pos_ == "VERB":
            predicates.setdefault(tok.i, tok)
    # Verbs with no subject of their own share their head predicate's, even when none of their own arguments
    # names an actor ("A and B agreed to release prisoners", "Russia and Iran have begun sharing intelligence").
    stack = [p for p in predicates.values() if p.pos_ in ("VERB", "AUX")]
    while stack:
        verb = stack.pop()
        for child in verb.children:
            if child.dep_ in ("xcomp", "conj") and child.pos_ == "VERB" and child.i not in predicates \
                    and not any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
                predicates[child.i] = child
                stack.append(child)
    out: dict[tuple[int, int, str, tuple[int, str] | None], Candidate] = {}
    for pred in sorted(predicates.values(), key=lambda t: t.i):
        for cand in _for_predicate(pred, sentence_index, index):
            key = (cand.trigger, cand.source.span.start, _actor_key(cand.source),
                   (cand.target.span.start, _actor_key(cand.target)) if cand.target else None)
            out.setdefault(key, cand)
    return list(out.values())


def _for_predicate(pred: "Token", sentence_index: int, index: MentionIndex) -> Iterator[Candidate]:
    if pred.pos_ == "PROPN":
        return
    if pred.pos_ == "NOUN":
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
        targets = _objects(pred, index)
    speech = None
    subject = next((c for c in pred.children if c.dep_ == "nsubj"), None)
    if not sources and pred.pos_ in ("VERB", "AUX"):
        own_first_person = subject is not None and subject.lower_ in FIRST_PERSON
        if subject is None or own_first_person or subject.i not in index.by_token:
            frame = _speech_frame(pred, index)
            if frame is not None:
                verb, speakers, addressee = frame
                sources, how, speech = speakers, "speech", verb.i
                if addressee is not None and not targets:
                    targets = [([(verb, addressee)], None)]
    if not sources:
        return
    if speech is not None:
        # "You treat us like ...", Rahmon told Putin: "you" is the addressee.
        you = next((c for c in pred.children if c.dep_ in ("dobj", "dative") and c.lower_ in SECOND_PERSON), None)
        if you is not None and not targets:
            frame = _speech_frame(pred, index)
            if frame and frame[2] is not None:
                targets = [([(you, frame[2])], None)]
    # People placed in the one country their sentence names are that country's when acted on ("pardoned
    # 6,000 prisoners"), not when they act: "the two leaders agreed", "investigators found".
    sources = [(t, m) for t, m in sources if keyable(m) and not m.via.endswith(OWN_PEOPLE)]
    if not sources:
        return
    # A state is not a target of its own people ("Putin threatened a response to any attack on Russia").
    own = {m.actor.country for _, m in sources if m.actor is not None}
    # Nor is the source's own side what a clause it states is about ("denied that its forces struck").
    targets = [([(t, m) for t, m in group if not (m.actor and m.actor.country in own and (m.actor.type == "state" or p == STATED))], p)
               for group, p in targets]
    source_ids = {_actor_key(m) for _, m in sources}
    if len(sources) > 1:  # "Putin and Lukashenko held talks ... in Belarus": not talks with Belarus
        source_ids |= {_place_key(m) for _, m in sources}
    targets = [([(t, m) for t, m in group if _actor_key(m) not in source_ids and _place_key(m) not in
                 (source_ids if len(sources) > 1 else set()) and keyable(m)], prep) for group, prep in targets]
    targets = [g for g in targets if g[0]]
    targets = _beyond_own_forces(pred, targets, own, index)
    if len(sources) > 1:
        # "Modi and Putin met in Samarkand / on the sidelines of the SCO summit": they met each other; and
        # "Russia and the US exchanged prisoners in Ankara": the prisoners are not Turkish.
        # But "called on the Georgian authorities" names whom they called on ("signed a statement on Syria"
        # does not).
        targets = [([(t, m) for t, m in group if not m.via.endswith(ANCHORED)], p) for group, p in targets
                   if p not in LOCATIVE | {"on"} or (p == "on" and pred.lemma_ in ON_VERBS)]
        targets = [g for g in targets if g[0]]
    if not targets:
        if len(sources) > 1 and how in ("svo", "inherited", "nominal", "light", "passive"):
            if pred.lemma_ in SPEECH:
                return  # "Both governments said ...": each spoke, not to the other
            yield from _reciprocal(pred, sentence_index, sources, "reciprocal")
            return
        for _, mention in sources:
            target, prep = home_ground(pred, mention, index) if pred.pos_ != "NOUN" else (None, None)
            if target is None and (pred.lemma_ in ANSWERS or _acts_on_a_thing(pred, index)):
                target = warned(mention, index.home)
            yield Candidate(sentence_index, pred.i, mention, target, how, prep, speech)
        return
    group, prep = targets[0]
    for _, source in sources:
        for _, target in group:
            yield Candidate(sentence_index, pred.i, source, target, how, prep, speech)


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
                for group, _p in _phrase_groups(pobj, prep.lower_, index):  # "the border with Georgia"
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
