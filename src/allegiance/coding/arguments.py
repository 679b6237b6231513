"""Who a predicate's own dependents name: its subjects (source) and objects (target), the object phrases
they head (``_phrase_groups``), and the clauses and infinitives it states.

Split from ``candidates``, which decides from these (and from ``nominal`` and reported speech) which
(trigger, source, target) candidates a sentence offers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from allegiance.coding.aims import capital, destination, place_acted_on
from allegiance.coding.context import conjoined_to, verdict
from allegiance.coding.cues import (ACCUSING, AIMED_PREPS, ANSWERS, APPEAL_NOUNS, APPEALS, ARMED_SECTORS, ARRIVAL,
                                    COMPLAINTS, FRAMES, GATHERINGS, HANDING, LEADING, LOCATIVE, LOOSE_PREPS, MEASURES,
                                    MEMBERSHIP, PHASES, POSTING, RECEIVING, RETURN_PARTICLES, SPEECH, STANCES, STATED,
                                    TALK_NOUNS, TARGET_PREPS, TOPICS, TRAVEL, VERDICTS, VICINITY)
from allegiance.coding.keys import actor_key
from allegiance.coding.judgement import deed_verbs, naming_verbs
from allegiance.coding.layout import boilerplate, layout, line_at
from allegiance.coding.referents import ANCHORED, OWN_PEOPLE

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan, Token

    from allegiance.coding.mentions import MentionIndex
    from allegiance.models import Mention
    from allegiance.parse import Tokens


def _subjects(verb: "Token", index: MentionIndex) -> tuple[list[tuple["Token", Mention]], str]:
    """Source actors of a verb and how they were found (asked again for a verb whose clause lends its subject,
    or that reports speech: worked out once per Doc; callers build new lists, never change these)."""
    key = ("subjects", verb.i)
    found = index.memo.get(key)
    if found is None:
        found = index.memo[key] = _find_subjects(verb, index)
    return found


def _find_subjects(verb: "Token", index: MentionIndex) -> tuple[list[tuple["Token", Mention]], str]:
    # Read on the token table: most verbs' dependents name no one, and a Token per child cost more.
    t, v = index.table, verb.i
    dep, children = t.dep, t.children
    kids = children[v]
    for child in kids:
        if dep[child] == "agent":
            for pobj in children[child]:
                if dep[pobj] == "pobj":
                    found = index.actors_of(pobj)
                    if found:
                        return found, "passive"
    for child in kids:
        if dep[child] == "nsubj":
            # "NATO foreign ministers meeting in Brussels voiced support": a gathering speaks for its members.
            gathered = [] if t.lemma[child].lower() not in GATHERINGS else index.actors_of(child, through_events=True) or [
                f for c in children[child] if dep[c] == "compound" for f in index.actors_of(c)]  # "NATO ministers meeting"
            found = index.actors_of(child) or gathered or capital(child, index) or _led_by(child, index)
            # "Fighters led by the group Hayat Tahrir al-Sham seized": the parser may split a subject in two.
            found = found or next((f for c in kids if dep[c] == "nsubj" and c != child
                                   for f in [index.actors_of(c)] if f), [])
            return (found + _companions([*kids, *children[child]], index) if found else found), "svo"
        if dep[child] == "nsubjpass":
            # The passive subject is the target; no "by" phrase, no source. But "CSTO troops were deployed to
            # Kazakhstan": whose forces are posted is who posts them.
            return _posted_forces(verb, child, index), "passive"
    if dep[v] == "ROOT":
        stray = _stray_subject(v, kids, index)
        if stray:
            return stray, "svo"
    # No subject of its own: conjoined and complement verbs share their head's ("met and agreed", "agreed to
    # send", "is about to restore", "is set to sign").
    speaker = _speaker_of(verb)
    head = speaker if speaker is not None else conjoined_to(verb)
    if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "acomp":
        head = head.head
    if verb.dep_ == "advcl" and verb.tag_ == "VBN":
        return [], "passive"  # "Asked whether ..., Peskov said": the participle's subject is someone else
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        # "After meeting Xi in Beijing, Putin told reporters ...": the gerund after a preposition is done by the
        # subject of the clause the preposition belongs to.
        found, how = _subjects(head.head, index)
        return found, "inherited" if found else how
    if verb.dep_ in ("conj", "xcomp", "advcl") and head.pos_ in ("VERB", "AUX") and head.i != verb.i:
        control = next((c for c in children[head.i] if dep[c] in ("dobj", "dative")), None)
        # "urged Israel to stop": Israel would stop. Not "used its territory to attack": a thing of the
        # subject's own, named by a pronoun, does nothing.
        controllers = [(tok, m) for tok, m in index.actors_of(control)
                       if not (m.via == "pronoun" and tok.pos_ != "PRON")] if verb.dep_ == "xcomp" and control is not None else []
        if controllers:
            return controllers, "inherited"
        found, how = _subjects(head, index)
        if not found and (verb.dep_ == "xcomp" or (verb.dep_ == "advcl" and head.lemma_ in POSTING and _infinitive(t, v))):
            # "were sent to Crimea to train Russian crews": those sent do what they are sent for.
            passive = next((c for c in children[head.i] if dep[c] == "nsubjpass"), None)
            found = index.actors_of(passive) if passive is not None else []
        return found, "inherited" if found else how
    if verb.dep_ in ("relcl", "acl"):
        noun = verb.head
        if verb.tag_ == "VBN" and verb.dep_ == "acl" and not _main_verb_read_as_participle(verb):
            return [], "passive"  # "troops sent by ..." handled through the agent above
        return index.actors_at(noun), "svo"
    return [], "svo"


def _companions(nodes: list[int], index: MentionIndex) -> list[tuple["Token", Mention]]:
    """"The presidents of Kazakhstan and Uzbekistan flew to Moscow, along with Pashinyan", "Russia, together with
    China, vetoed the draft": those who act along with the subject act as it does (``nodes``: the verb's and the
    subject's dependents)."""
    t = index.table
    dep, lower, children = t.dep, t.lower, t.children
    return [f for c in nodes if dep[c] == "prep" and _alongside(t, c)
            for w in ([c] if lower[c] == "with" else [g for g in children[c] if dep[g] == "prep" and lower[g] == "with"])
            for f in _object_groups_flat(w, index)]


def _alongside(t: Tokens, prep: int) -> bool:
    """"along with X", "together with X"."""
    return t.lower[prep] == "along" or (t.lower[prep] == "with" and any(
        t.dep[c] == "advmod" and t.lower[c] == "together" for c in t.children[prep]))


def _object_groups_flat(prep: int, index: MentionIndex) -> list[tuple["Token", Mention]]:
    t = index.table
    return [f for o in t.children[prep] if t.dep[o] == "pobj" for f in index.actors_of(o)]


def _main_verb_read_as_participle(verb: "Token") -> bool:
    """"Turkey, which has close ties with Moscow, offered to mediate ...", "Uzbek special forces trained alongside
    ...": in a sentence of prose whose root the parser made a noun, a past form hung on that noun with no
    "by" phrase and something of its own to govern is the main verb, not a participle describing the noun."""
    noun = verb.head
    last = next((t for t in reversed(verb.sent) if not t.is_space), verb)
    return noun.dep_ == "ROOT" and noun.pos_ in ("NOUN", "PROPN") and noun.i < verb.i and last.text in (".", "!") \
        and not any(c.dep_ in ("agent", "auxpass") for c in verb.children) \
        and any(c.dep_ in ("dobj", "xcomp", "ccomp", "prep") for c in verb.children)


def _posted_forces(verb: "Token", theme: int, index: MentionIndex) -> list[tuple["Token", Mention]]:
    """The armed forces a passive posting verb moves: their own side posted them."""
    if verb.lemma_ not in POSTING:
        return []
    return [(t, m) for t, m in index.actors_of(theme) if m.actor is not None and m.actor.sector in ARMED_SECTORS]


def _led_by(noun: int, index: MentionIndex) -> list[tuple["Token", Mention]]:
    """"Fighters led by Hayat Tahrir al-Sham seized ...", "a delegation headed by Lavrov arrived": nameless
    people act for whoever the phrase says leads them."""
    t = index.table
    dep, children = t.dep, t.children
    return [f for acl in children[noun] if dep[acl] == "acl" and t.tag[acl] == "VBN" and t.lemma[acl] in LEADING
            for a in children[acl] if dep[a] == "agent" for o in children[a] if dep[o] == "pobj"
            for f in index.actors_of(o)]


def _stray_subject(verb: int, kids: list[int], index: MentionIndex) -> list[tuple["Token", Mention]]:
    """A main verb's subject the parser hung elsewhere: a headline's "Kyiv salutes Warsaw's resolve" makes
    "Kyiv" a modifier of the verb, and "In Minsk, the defence ministers of Russia and Belarus signed ..." an
    apposition to the place. Only a phrase that ends right before the verb, where a subject stands."""
    t = index.table
    dep, children = t.dep, t.children
    for child in kids:
        if child == verb - 1 and dep[child] in ("amod", "compound", "nmod", "npadvmod"):
            return index.actors_of(child)
        if dep[child] == "prep" and child < verb:
            for appos in (a for o in children[child] if dep[o] == "pobj" for a in children[o] if dep[a] == "appos"):
                if index.doc[appos].right_edge.i + 1 == verb:  # spaCy's edge, as a non-projective parse has it
                    return index.actors_of(appos)
    return []


SPEECH_ACTS = SPEECH | ACCUSING | APPEALS | COMPLAINTS | VERDICTS | ANSWERS


def _speaker_of(verb: "Token") -> "Token | None":
    """"Aliyev said that the jet had been shot down by Russia, and accused Moscow of ...", "said that Armenia's
    constitution contained claims ... and demanded that Yerevan remove them", "said in a statement that ... and
    accused the alliance of ...": spaCy hangs a second act of speech on the verb of the clause reported; told in
    the reporting verb's tense, it is the speaker's. The reporting verb, if so."""
    head = verb.head
    if verb.lemma_ not in SPEECH_ACTS or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.i > 0 and verb.doc[verb.i - 1].text == ",":
        # "Beijing denied that it was preparing to supply weapons, rejecting the accusation as a smear": a
        # participle set off by a comma, hung inside what is reported, is the reporting speaker's.
        node = head
        while node.dep_ in ("xcomp", "conj") and node.head.i != node.i:
            node = node.head
        speech = node.head if node.dep_ == "ccomp" else None
        return speech if speech is not None and speech.lemma_ in SPEECH_ACTS else None
    if not (verb.dep_ == "conj" and verb.tag_ == "VBD"):
        return None
    if head.dep_ == "ccomp":
        speech = head.head
    elif head.dep_ == "acl" and head.head.dep_ == "pobj" and head.head.head.dep_ == "prep":
        speech = head.head.head.head  # "said in a statement that ..."
    else:
        return None
    return speech if speech.lemma_ in SPEECH and speech.tag_ == "VBD" else None


def _whose_most(nodes: list[int], index: MentionIndex) -> list[tuple[list[tuple["Token", Mention]], str | None]]:
    """"detained more than 200 migrants, most of them citizens of Tajikistan": the phrase that says whose the
    people acted on are, hung on the verb as a clause or on the object as an apposition, "most of them" its subject."""
    t = index.table
    dep, lower, children = t.dep, t.lower, t.children
    return [(found, None) for c in nodes if dep[c] in ("advcl", "npadvmod", "appos") and t.pos[c] == "NOUN"
            and any(dep[q] == "nsubj" and any(lower[p] == "of" and any(lower[o] == "them" for o in children[p])
                                              for p in children[q]) for q in children[c])
            for found in [index.actors_of(c)] if found]


_UNWELCOME = frozenset({"persona", "grata"})


def _declared_unwelcome(verb: int, index: MentionIndex) -> list[tuple[list[tuple["Token", Mention]], str | None]]:
    """"declared the Russian consul persona non grata": the parser reads the Latin as nouns compounded with the
    person declared, or as a clause of its own; whoever is named before "persona" is the one expelled."""
    if not _UNWELCOME <= index.words:
        return []  # most Docs: no phrase to walk
    t = index.table
    for child in (c for c in t.children[verb] if t.dep[c] in ("dobj", "ccomp")):
        words = t.subtree(child)
        persona = next((w for w in words if t.lower[w] == "persona"), None)
        if persona is None or not any(t.lower[w] == "grata" for w in words):
            continue
        for tok in (w for w in words if w < persona and w in index.by_token):
            found = index.actors_of(tok)
            if found:
                return [(found, None)]
    return []


_LOOSE_OR_LOCATIVE = LOOSE_PREPS | LOCATIVE
_BY_OR_TARGET = TARGET_PREPS + ("by",)


def _objects(verb: "Token", index: MentionIndex, stated: bool = True) -> list[tuple[list[tuple["Token", Mention]], str | None]]:
    """Target actors of a verb: passive subject, direct object, dative, then prepositional objects; with
    ``stated``, failing those, whom a clause it states is about. Worked out once per Doc (a clause's verb is
    asked for its own candidates and for the verb stating it); callers build new lists, never change these."""
    key = ("objects", verb.i, stated)
    found = index.memo.get(key)
    if found is None:
        found = index.memo[key] = _find_objects(verb, index, stated)
    return found


def _find_objects(verb: "Token", index: MentionIndex, stated: bool) -> list[tuple[list[tuple["Token", Mention]], str | None]]:
    # Read on the token table: a Token per child, and a string-store lookup per ``dep_``, cost more than the rest.
    t, v, doc = index.table, verb.i, index.doc
    dep, lower, pos, children = t.dep, t.lower, t.pos, t.children
    kids, lemma = children[v], t.lemma[v]
    by_token = index.by_token
    groups: list[tuple[list[tuple["Token", Mention]], str | None]] = []
    for child in kids:
        if dep[child] == "nsubjpass":
            # "Russia's mobilisation was denounced by the United States": the passive subject is the target.
            groups.extend(_phrase_groups(child, None, index))
    seen_object = False
    for child in kids:
        d = dep[child]
        if d == "dobj" and lemma in TOPICS:
            continue  # "discussed Ukraine with Macron", "discussing the Union State": what is talked about
        if d in ("dobj", "attr", "oprd") or (d == "dative" and pos[child] != "ADP"):
            if d == "dobj" and seen_object:
                continue  # "held talks ..., Putin's first trip to Belarus": a second object is an apposition
            seen_object = seen_object or d == "dobj"
            groups.extend(_phrase_groups(child, None, index))
    if not groups:
        groups.extend(_declared_unwelcome(v, index))
    if seen_object and not any(g[0] for g in groups):
        groups.extend(_whose_most([*kids, *(g for c in kids if dep[c] == "dobj" for g in children[c])], index))
    arrival = lemma in ARRIVAL
    # "handed back to Kyrgyzstan", "handed over to the police": the parser hangs the phrase on the particle.
    # Only for giving: "took hostages back to Gaza" names where they were taken, not to whom.
    particle_preps = [g for c in kids if dep[c] in ("advmod", "prt") and lower[c] in RETURN_PARTICLES
                      for g in children[c] if dep[g] == "prep"] if lemma in HANDING else []
    travel, topics, talks = lemma in TRAVEL, lemma in TOPICS, lemma.lower() in TALK_NOUNS
    for child in [*kids, *particle_preps]:
        word = lower[child]
        if travel and word == "from":
            continue  # "arrived in Hanoi from Pyongyang": where a journey starts is not whom it is to
        if topics and word in ("on", "about", "over", "of"):
            continue  # "discussed security on the border between Tajikistan and Afghanistan": what is talked about
        if talks and word in ("on", "about", "over"):
            continue  # "talks on Ukraine", "a summit on Syria": what the talks are about is no party to them
        if _alongside(t, child):
            continue  # "vetoed the draft together with China": a companion in the act, not whom it is aimed at
        # spaCy marks "sent troops to X" as a dative "to"; "arrived in Yerevan" names whom a visit is to.
        if dep[child] in ("prep", "dative") and (word in TARGET_PREPS or (arrival and word in LOCATIVE)):
            start = len(groups)
            for pobj in children[child]:
                if dep[pobj] != "pobj":
                    continue
                if t.lemma[pobj].lower() in index.event_nouns and word in _LOOSE_OR_LOCATIVE:
                    continue  # "deployed police for the SCO summit", "declined at the Kazan summit": the setting
                if word in LOOSE_PREPS:
                    # "deployed police for the SCO summit": only an actor named outright is a target here.
                    if pobj in by_token:
                        groups.append((index.actors_of(pobj), word))
                    continue
                groups.extend(_phrase_groups(pobj, word, index))
            if len(groups) > start:
                # "spoke with Putin and then with Zelensky": a conjoined phrase adds to the same addressees.
                more = [f for c in children[child] if dep[c] == "conj" and pos[c] == "ADP"
                        for o in children[c] if dep[o] == "pobj" for f in index.actors_of(o)]
                groups[start] = (groups[start][0] + more, groups[start][1])
        elif dep[child] == "prep" and word == "as":
            # "acted as a go-between for Moscow and Kyiv", "served as mediator between Baku and Yerevan":
            # the role names whom the act is for, not the role itself.
            for pobj in (c for c in children[child] if dep[c] == "pobj"):
                if not seen_object and (any(dep[c] in ("poss", "amod", "compound") and c in by_token
                                            and by_token[c].via != "pronoun" for c in children[pobj])
                                        or _said_by(pobj, index)):
                    # "dismissed as a fabrication Kyiv's claim", "dismissed as nonsense suggestions by Ukrainian
                    # officials that ...": spaCy reads the shifted object into "as"; its author is the aim.
                    groups.extend(_phrase_groups(pobj, None, index))
                    continue
                for prep in (c for c in children[pobj] if dep[c] == "prep" and lower[c] in TARGET_PREPS):
                    groups.extend(_object_groups(prep, lower[prep], index))
    # "brokered by the Emirates between Russia and Ukraine": the parser hangs "between" on an argument.
    # Not in what is discussed: "discussed security on the border between Tajikistan and Afghanistan".
    for arg in (a for c in kids if dep[c] == "agent" or (dep[c] == "dobj" and not topics)
                for a in ([c] if dep[c] == "dobj" else [p for p in children[c] if dep[p] == "pobj"])):
        for prep in (c for c in children[arg] if dep[c] == "prep" and lower[c] in ("between", "among")):
            groups.extend(_object_groups(prep, lower[prep], index))
    if not any(g[0] for g in groups) and any(dep[c] == "dobj" for c in kids) \
            and not any(dep[c] in ("nsubjpass", "auxpass", "agent") for c in kids):
        # "document possible war crimes by Russian forces": an active verb takes no agent, so a "by" phrase
        # the parser hangs on it belongs to the deed acted on, and names its doer.
        groups.extend(g for c in kids if dep[c] == "prep" and lower[c] == "by" for g in _object_groups(c, "by", index))
    if lemma in RECEIVING and not any(g[0] for g in groups):
        # "received forty tonnes of medical supplies from India", "bought drones from Iran": whom goods come
        # from, wherever in the thing received the parser hangs the phrase.
        groups.extend(g for c in kids if dep[c] == "dobj" for w in t.subtree(c)
                      if dep[w] == "prep" and lower[w] == "from" and _same_clause(t, w, v)
                      for g in _object_groups(w, "from", index))
    if not any(g[0] for g in groups):
        # "pulled out of a planned meeting with Pashinyan", "suspended $95m in assistance to Georgia": a
        # phrase the act is done in or out of may itself be aimed at someone.
        for child in (c for c in kids if dep[c] == "prep" and lower[c] not in TARGET_PREPS):
            for pobj in _prep_objects(t, child):
                groups.extend(g for p in children[pobj] if dep[p] == "prep" and lower[p] in AIMED_PREPS
                              for g in _object_groups(p, lower[p], index))
    # "boycotted the OSCE meeting in protest at Lavrov's presence", "spoke out in defence of Lukashenko's
    # decision", "expelled diplomats in retaliation for Moscow's move": a phrase that says whom the act answers
    # or stands for names its aim before anything it is done to.
    # Not one inside a clause below it: "accused Moscow of trying to buy arms in violation of UN sanctions".
    stances = [w for c in kids if dep[c] in ("prep", "dobj") for w in t.subtree(c)
               if dep[w] == "pobj" and lower[t.head[w]] == "in" and t.lemma[w].lower() in STANCES
               and _same_clause(t, w, v)] if not STANCES.isdisjoint(index.lemmas) else []
    # The parser hangs the stance's own preposition on the noun or, right after it, elsewhere.
    last = len(dep) - 1
    groups[:0] = [g for pobj in stances for p in sorted({*children[pobj], min(pobj + 1, last)})
                  if dep[p] == "prep" and lower[p] in ("of", "at", "against", "with", "to", "for", "over")
                  for o in children[p] if dep[o] == "pobj" for g in _phrase_groups(o, t.lemma[pobj].lower(), index, 1)]
    head = t.head[v]
    if dep[v] in ("relcl", "acl") and t.tag[v] == "VBN":
        groups.insert(0, (index.actors_of(head), None))
    if dep[v] == "relcl" and dep[head] in ("npadvmod", "appos") and pos[t.head[head]] in ("VERB", "AUX") \
            and t.head[head] < head and not any(dep[c] in ("dobj", "nsubjpass") for c in kids):
        # "accused Iran of supplying drones, a claim Tehran denied": the noun sums up the act told before it and
        # is what the clause acts on; whoever did that act is whom the answer is aimed at.
        groups[:0] = [(found, None) for found in [_subjects(doc[t.head[head]], index)[0]] if found]
    recipients = [g for g in groups if g[1] == "to" and any(m.actor is not None and m.actor.type == "state" for _, m in g[0])]
    if recipients and groups[0][1] is None and groups[0][0] and all(
            m.actor is not None and m.actor.type in ("person", "group", "unknown") for _, m in groups[0][0]):
        # "extradited to Russia a suspected Islamic State recruiter", "handed the detained sailors to Ukraine":
        # people handed over are what the act moves; the state they go to is whom it is aimed at.
        groups = recipients + [g for g in groups if g not in recipients]
    if travel and not any(g[0] and g[1] in ("to", "in", "into") for g in groups):
        # "arrived in Xi'an ... at the invitation of Xi": where a journey ends comes before whoever else is named.
        groups[:0] = destination(verb, index)
    elif lemma == "be" and not any(g[0] for g in groups):
        # "Putin is due in Ulaanbaatar next week": where someone is due names whom the trip is to.
        for due in (c for c in kids if dep[c] == "acomp" and lower[c] == "due"):
            groups.extend(destination(doc[due], index))
    elif lemma not in _ARRIVAL_OR_TOPICS and all(m.via.endswith((ANCHORED, OWN_PEOPLE)) for g in groups for _, m in g[0]):
        # "discussed the situation in Afghanistan": a place in what is talked about is no party to the talks.
        # People or things the coder only placed ("use Oreshnik against decision-making centres in Kyiv") leave
        # the place acted on in the running, after them.
        groups.extend(place_acted_on(verb, index))
    if not any(g[0] for g in groups):
        # "threatened to close its border with Belarus", "refused to recognise Kosovo": an act announced,
        # offered or refused is aimed at the object of the act.
        for clause in (c for c in kids if dep[c] == "xcomp" and lemma in _FRAMES_OR_PHASES):
            groups.extend(g for g in _objects(doc[clause], index) if g[0])
    if lemma in APPEALS:
        # "demanded respect from Putin", "asked a favour of Beijing", "demanded an explanation from the Kremlin
        # for the downing of its jet": whom the appeal is made of comes before what the thing asked is about.
        groups[:0] = [(index.actors_of(pobj), lower[prep]) for obj in kids if dep[obj] == "dobj"
                      for prep in children[obj] if dep[prep] == "prep" and lower[prep] in ("from", "of")
                      for pobj in children[prep] if dep[pobj] == "pobj" and pobj in by_token]
    if not any(g[0] for g in groups):
        # "demanded that Russia end the invasion", "urged that Kyiv negotiate": the addressee of a demand
        # or appeal is the subject of the clause that states it.
        # "allowed IAEA inspectors to rotate", "wanted Moscow to stop": spaCy makes the object of an
        # infinitive complement its subject; it is whom the act is aimed at.
        # "complained that Moscow paid too little attention": a complaint is aimed at whom it is about.
        for clause in (c for c in kids
                       if dep[c] == "ccomp" and (lemma in _APPEALS_OR_COMPLAINTS or _infinitive(t, c))):
            subject = next((c for c in children[clause] if dep[c] == "nsubj"), None)
            if subject is not None:
                groups.append((index.actors_of(subject), "that"))
        # "called for Russia and Ukraine to return to talks": spaCy makes the "for ... to" clause's subject
        # the subject of the act asked for; it is whom the appeal is made of.
        for clause in (c for c in kids if dep[c] == "advcl" and lemma in APPEALS
                       and any(dep[m] == "mark" and lower[m] == "for" for m in children[c])):
            subject = next((c for c in children[clause] if dep[c] == "nsubj"), None)  # not a passive's patient
            if subject is not None:
                groups.append((index.actors_of(subject), "for"))
    # Not only when nothing else is named: "warned that Russia could use nuclear weapons if Ukraine's
    # counter-offensive succeeded" states the speaker's own side, whom the threat is not aimed at.
    if lemma in ("threaten", "warn") and not any(g[0] for g in groups if g[1] != "that"):
        # "threatened to walk out unless Azerbaijani troops left", "warned that Russia could use nuclear weapons
        # if Ukraine's counter-offensive succeeded": a threat is aimed at whom its condition is about.
        for clause in (w for w in t.subtree(v) if dep[w] == "advcl" and any(
                dep[c] == "mark" and lower[c] in ("if", "unless") for c in children[w])):
            subject = next((c for c in children[clause] if dep[c] in ("nsubj", "nsubjpass")), None)
            if subject is not None:
                groups.extend(([(tok, m) for tok, m in g if m.via != "pronoun"], "if")
                              for g, _p in _phrase_groups(subject, "if", index))
        # "warned that Russia could use Oreshnik against decision-making centres in Kyiv": when the clause's
        # subject is the speaker's own side, whom its act is aimed at is whom the threat is.
        groups.extend(([(tok, m) for tok, m in g if m.via != "pronoun" and not m.via.endswith((ANCHORED, OWN_PEOPLE))],
                       "that") for c in kids if dep[c] == "ccomp" and stated for g, _p in _objects(doc[c], index, stated=False))
    if stated and not any(g[0] for g in groups):
        # "expressed confidence that the border deal with China would hold", "voiced optimism that Russia
        # would return", "said Russia had been a reliable partner": an attitude or verdict about what a
        # clause states is aimed at whom that clause is about — its subject, else whom its verb acts on.
        # Not "said" or "told", unless the clause only says what its subject is: what a report is about is
        # coded at the reported act's own trigger. Nor a
        # pronoun: "denied that its forces struck", "rejected claims that it was steering" are the speaker.
        speech = lemma in SPEECH
        for clause in (c for c in map(doc.__getitem__, _stated_clauses(t, v)) if not speech or verdict(c)):
            subject = next((c for c in children[clause.i] if dep[c] in ("nsubj", "nsubjpass")), None)
            found = _phrase_groups(subject, STATED, index) if subject is not None else []
            if not found and subject is not None and speech and verdict(clause):
                # "said the deployment was a dangerous provocation": a verdict on an act told before faces its doer.
                found = [(g, STATED) for g, _p in _doer_of(doc[subject], verb, index)]
            found += [(g, STATED) for g, _p in _objects(clause, index)]
            groups.extend(([(tok, m) for tok, m in g if m.via != "pronoun" and not m.via.endswith((ANCHORED, OWN_PEOPLE))], p)
                          for g, p in found)
    # "ordered the nuclear forces on alert, citing aggressive statements by NATO": the reason given names
    # whom the act answers, after anything the act itself names.
    groups.extend(g for c in kids if dep[c] == "advcl" and t.lemma[c] == "cite" for o in children[c]
                  if dep[o] == "dobj" for g in _phrase_groups(o, "citing", index))
    if not any(g[0] for g in groups) and (lemma in VERDICTS or lemma == "comment" or lemma in naming_verbs()):
        groups.extend(_deed_doer(verb, kids, index))
    if lemma in DISMISSING and all(m.via == "pronoun" for g in groups for _, m in g[0]):
        # ("rejected them": a pronoun the resolver may take for the answering side itself)
        groups.extend(_charge_maker(verb, kids, index))
    if lemma in ACCUSING:
        # "blaming a campaign of hatred against Azerbaijan in the Iranian media": whose the thing blamed is, when
        # nothing else named is left (the source's own side is dropped later), is in the people it is found among.
        # (spaCy hangs the "in" phrase on the verb as often as on the thing).
        groups.extend((found, "in") for p in [*kids, *(g for c in kids if dep[c] == "dobj" for g in children[c])]
                      if dep[p] == "prep" and lower[p] == "in" for o in children[p] if dep[o] == "pobj"
                      for found in [[(tok, m) for tok, m in index.actors_of(o) if m.actor is not None
                                     and m.actor.type != "state" and not m.via.endswith((ANCHORED, OWN_PEOPLE))]] if found)
    if stated and lemma in TELLING_DEMANDS:
        # "Putin told the Hungarian that Ukraine must pull its troops out": a demand reported through whom it was
        # told to is aimed at whoever must act, not at the listener.
        groups[:0] = [(found, "that") for c in kids if dep[c] == "ccomp" and _obliged(t, c)
                      for s in children[c] if dep[s] == "nsubj"
                      for found in [[(tok, m) for tok, m in index.actors_of(s) if m.via != "pronoun"]] if found]
    return [g for g in groups if g[0]]


_ARRIVAL_OR_TOPICS = ARRIVAL | TOPICS
_FRAMES_OR_PHASES = FRAMES | PHASES
_APPEALS_OR_COMPLAINTS = APPEALS | COMPLAINTS
TELLING_DEMANDS = {"tell", "say", "insist", "stress", "add", "reiterate", "repeat", "declare"}


def _obliged(t: Tokens, clause: int) -> bool:
    """A clause saying its subject must act: "Ukraine must pull out", "Kyiv should withdraw", "has to leave"."""
    return any(t.dep[c] == "aux" and t.lower[c] in ("must", "should") for c in t.children[clause]) or (
        t.lemma[clause] in ("have", "need") and any(t.dep[x] == "xcomp" and _infinitive(t, x) for x in t.children[clause]))


def sentences_to(token: "Token") -> tuple[list["SpacySpan"], int]:
    """The sentences of ``token``'s Doc and the number of the one that holds it: where a look back starts."""
    sentences = list(token.doc.sents)
    return sentences, next(i for i, s in enumerate(sentences) if s.start <= token.i < s.end)


DISMISSING = {"deny", "dismiss", "refute", "reject", "rebuff", "rebut"}
CHARGE_NOUNS = {"accusation", "allegation", "charge", "claim", "criticism", "suggestion", "complaint", "assertion"}
CHARGE_WINDOW = 8  # sentences back a charge answered may have been made


def _charge_maker(verb: "Token", kids: list[int], index: MentionIndex
                  ) -> list[tuple[list[tuple["Token", Mention]], str | None]]:
    """"Peskov dismissed the accusations as 'a lie'", "Yerevan brushed off the Russian complaints. Armenia's foreign
    ministry rejected them as unfounded": charges answered that name no one come from whoever made them — the owner
    of the charges told just before ("the Russian complaints"), else the last party that accused the answering side
    or said what it did ("Russian troops carried out mass killings, Ukrainian officials said"), a few sentences back."""
    dobj = next((c for c in kids if index.table.dep[c] == "dobj"), None)
    obj = index.doc[dobj] if dobj is not None else None
    if obj is None or not (obj.lemma_.lower() in CHARGE_NOUNS or obj.lower_ in ("them", "it")) \
            or any(t.i in index.by_token and index.by_token[t.i].via != "pronoun" for t in obj.subtree):
        return []
    own = {actor_key(m.actor) for _, m in _subjects(verb, index)[0] if m.actor is not None}
    if not own:
        return []

    def others(found: list[tuple["Token", Mention]]) -> list[tuple["Token", Mention]]:
        return [(t, m) for t, m in found if m.actor is not None and (m.actor.country or m.actor.organization)
                and actor_key(m.actor) not in own and m.via != "pronoun"]

    sentences, at = sentences_to(verb)
    for number in range(at - 1, max(-1, at - 1 - CHARGE_WINDOW), -1):
        for tok in reversed(sentences[number]):
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in CHARGE_NOUNS:
                found = others([f for c in tok.children if c.dep_ in ("poss", "amod", "compound") for f in index.actors_at(c)]
                               + [f for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "from")
                                  for f in _object_groups_flat(c.i, index)])
                if found:
                    return [(found, "charged")]
            elif tok.pos_ == "VERB" and (tok.lemma_ in ACCUSING or tok.lemma_ == "say"):
                accused = [m for g, _p in _objects(tok, index, stated=False) for _, m in g]
                accused += [m for c in [*tok.children, *([tok.head] if tok.dep_ in ("parataxis", "ccomp") else [])]
                            if c.dep_ in ("ccomp", "parataxis") or c.i == tok.head.i
                            for s in c.children if s.dep_ in ("nsubj", "nsubjpass") for _, m in index.actors_at(s)]
                if any(m.actor is not None and actor_key(m.actor) in own for m in accused):
                    found = others(_subjects(tok, index)[0])
                    if found:
                        return [(found, "charged")]
    return []


DEED_NEAR = 2  # sentences just before a verdict where the act it names is looked for first
DEED_FAR = 8  # sentences back an act may have been told at most


def _deed_doer(verb: "Token", kids: list[int], index: MentionIndex
               ) -> list[tuple[list[tuple["Token", Mention]], str | None]]:
    """"The United States condemned the deployment", "The visit was also condemned by Kallas and Tusk": a verdict
    on an act whose phrase names no doer is aimed at whoever did it — told with one of the act's verbs or with
    the noun and its owner ("Orban's trip"), in the sentences just before, else in the headline and lead (a
    definite act with no antecedent near is the story's own), else further back."""
    deeds = deed_verbs()
    children = [index.doc[c] for c in kids]
    # "declined to comment on the protests": what a comment would be on.
    nouns = [o for p in children if p.dep_ == "prep" and p.lower_ == "on" for o in p.children if o.dep_ == "pobj"] \
        if verb.lemma_ == "comment" else [c for c in children if c.dep_ in ("dobj", "nsubjpass")]
    noun = next((c for c in nouns if c.pos_ == "NOUN" and c.lemma_.lower() in deeds), None)
    return _doer_of(noun, verb, index) if noun is not None else []


def _doer_of(noun: "Token", verb: "Token", index: MentionIndex) -> list[tuple[list[tuple["Token", Mention]], str | None]]:
    """Whoever did the act ``noun`` names, told before ``verb`` (``_deed_doer``)."""
    deeds = deed_verbs()
    if noun.lemma_.lower() not in deeds or any(t.i in index.by_token for t in noun.subtree) \
            or not any(d.dep_ in ("det", "poss") for d in noun.children):
        return []  # "condemned attacks on civilians": no one act told before
    verbs, lemma = deeds[noun.lemma_.lower()], noun.lemma_.lower()
    sentences, at = sentences_to(verb)
    lead = layout(verb.doc.text).lead
    opening = [n for n in range(at - DEED_NEAR) if n == 0 or (lead is not None and lead[0] <= sentences[n].start_char < lead[1])]
    order = [*range(at - 1, at - 1 - DEED_NEAR, -1), *opening, *range(at - 1 - DEED_NEAR, at - 1 - DEED_FAR, -1)]
    for number in (n for n in order if n >= 0):
        if boilerplate(line_at(verb.doc.text, sentences[number].start_char)):
            continue  # "READ MORE: Iran's drones 'shot down over Kyiv'": another story's headline
        for tok in reversed(sentences[number]):
            if tok.pos_ == "VERB" and tok.lemma_.lower() in verbs:
                # Only the verb's own doer: a subject lent by the clause it hangs on ("Azerbaijan pulls diplomats
                # out after gunman storms embassy and kills guard") is someone else's, and a passive's no one's.
                subjects, how = _subjects(tok, index)
                found = [(t, m) for t, m in subjects if how in ("svo", "passive") and m.actor is not None
                         and (m.actor.country or m.actor.organization)
                         and not (tok.tag_ == "VBN" and not any(c.dep_ in ("aux", "agent") for c in tok.children))]
            elif tok.pos_ == "NOUN" and tok.lemma_.lower() == lemma:
                found = [f for c in tok.children if c.dep_ == "poss" for f in index.actors_at(c)]
                found += [f for c in tok.children if c.dep_ == "prep" and c.lower_ == "by"
                          for f in _object_groups_flat(c.i, index)]
            else:
                continue
            if found:
                return [(found, "the")]
    return []


# What someone says or asks, whose author an answer faces: "dismissed as nonsense suggestions by Kyiv".
UTTERANCES = APPEAL_NOUNS | {"suggestion", "report", "statement", "remark", "comment", "assertion", "speculation",
                             "rumour", "rumor", "charge"}


def _said_by(noun: int, index: MentionIndex) -> bool:
    """"suggestions by Ukrainian officials", "claims from Kyiv": an utterance with its author named by by/from."""
    t = index.table
    return t.lemma[noun].lower() in UTTERANCES and any(
        t.dep[p] == "prep" and t.lower[p] in ("by", "from")
        and any(t.dep[o] == "pobj" and index.actors_of(o) for o in t.children[p])
        for p in t.children[noun])


def _stated_clauses(t: Tokens, verb: int) -> list[int]:
    """Finite clauses a verb states, or that the noun it expresses holds ("confidence that ..."), or the
    adjective it predicates ("was confident that ...")."""
    dep, children = t.dep, t.children
    kids = children[verb]
    clauses = [c for c in kids if dep[c] == "ccomp" and not _infinitive(t, c)]
    clauses += [c for a in kids if dep[a] == "acomp" for c in children[a]
                if dep[c] == "ccomp" and not _infinitive(t, c)]
    nouns = [c for c in kids if dep[c] == "dobj"]
    nouns += [o for p in kids if dep[p] == "prep" for o in _prep_objects(t, p)]  # "looked into reports that"
    clauses += [a for o in nouns if t.pos[o] == "NOUN" for a in children[o]
                if dep[a] in ("acl", "ccomp") and any(dep[m] == "mark" and t.lower[m] == "that" for m in children[a])]
    return clauses


def _same_clause(t: Tokens, tok: int, verb: int) -> bool:
    """Whether no verb stands between ``tok`` and ``verb``, its head some levels up."""
    head = t.head
    node = head[tok]
    while node != verb and head[node] != node:
        if t.pos[node] in ("VERB", "AUX"):
            return False
        node = head[node]
    return True


def _object_groups(prep: int, label: str | None, index: MentionIndex
                   ) -> list[tuple[list[tuple["Token", Mention]], str | None]]:
    """The actors of each object of ``prep`` that names someone, as a group labelled ``label``."""
    t = index.table
    return [(found, label) for o in t.children[prep] if t.dep[o] == "pobj" for found in [index.actors_of(o)] if found]


def _prep_objects(t: Tokens, prep: int) -> list[int]:
    """The objects of a preposition, through a compound one ("out of", "away from")."""
    dep, children = t.dep, t.children
    return [o for p in [prep, *(c for c in children[prep] if dep[c] == "prep")] for o in children[p] if dep[o] == "pobj"]


def _infinitive(t: Tokens, clause: int) -> bool:
    return any(t.dep[c] == "aux" and t.lower[c] == "to" for c in t.children[clause])


def _phrase_groups(noun: int, prep: str | None, index: MentionIndex, depth: int = 2
                   ) -> list[tuple[list[tuple["Token", Mention]], str | None]]:
    """Actor groups an object phrase headed by token ``noun`` offers, best first: the phrase itself ("Russia"),
    then its own prepositional objects, two levels deep ("ties with Gondor", "an attack by Osgiliath soldiers",
    "pessimism about any dialogue with the United States"), then its modifiers ("Russia's decision",
    "the Russian allegation")."""
    by_token = index.by_token
    direct = by_token.get(noun)
    if direct is not None:
        return [(index.actors_of(noun), prep)]
    t = index.table
    dep, lower, children = t.dep, t.lower, t.children
    groups: list[tuple[list[tuple["Token", Mention]], str | None]] = []
    kids, noun_lemma = children[noun], t.lemma[noun].lower()
    for child in kids:
        # "praised China's plan for Ukraine", "condemned Russia's attack on Ukraine": the named owner of
        # the thing acted on is whom the act is aimed at.
        mention = by_token.get(child) if dep[child] == "poss" else None
        if mention is not None and mention.via != "pronoun":
            groups.append((index.actors_of(child), prep))
    for child in kids:
        # "condemned the atrocities committed by Russian forces", "the attack carried out by Hamas": who did
        # the deed acted on.
        if dep[child] == "acl" and t.tag[child] == "VBN":
            groups.extend(g for a in children[child] if dep[a] == "agent" for g in _object_groups(a, "by", index))
    if noun_lemma in APPEAL_NOUNS:
        for child in kids:
            # "rejected calls from Washington", "welcomed an offer from Beijing": who made the appeal.
            if dep[child] == "prep" and lower[child] == "from":
                groups.extend(_object_groups(child, "from", index))
    if noun_lemma in MEASURES:
        for child in kids:
            # "a package of sanctions on Russia", "a new wave of strikes against Kharkiv": the measure's own target.
            if dep[child] == "prep" and lower[child] == "of":
                for pobj in (c for c in children[child] if dep[c] == "pobj"):
                    groups.extend(_phrase_groups(pobj, prep, index, depth))
    # "condemned the attack on Kyiv by Russia", "an inquiry into exports to Russia by Turkish companies": who
    # did the deed acted on comes before whom the deed was aimed at.
    talks, member = noun_lemma in TALK_NOUNS, noun_lemma in MEMBERSHIP
    for child in sorted(kids, key=lambda c: lower[c] != "by"):
        # "froze its participation in the CSTO", "its membership of the CSTO", "missiles into waters around
        # Taiwan": a membership is in a body, and the waters around an island are the island's.
        word = lower[child]
        if talks and word in ("on", "about", "over"):
            continue  # "held talks on Syria": what the talks are about is no party to them
        nested = (word in ("in", "within", "of") and member) or word in VICINITY
        if dep[child] == "prep" and (word in _BY_OR_TARGET or nested) and (nested or word not in ("of", "from")):
            for pobj in (c for c in children[child] if dep[c] == "pobj"):
                if depth > 1:
                    groups.extend(_phrase_groups(pobj, word, index, depth - 1))
                else:
                    found = index.actors_of(pobj)
                    if found:
                        groups.append((found, word))
    # A possessive pronoun ("their encounter", "its troops") is too loose a link to aim an event at.
    found = [(tok, m) for tok, m in index.actors_of(noun, through_events=True) if m.via != "pronoun"]
    if found:
        groups.append((found, prep))
        if noun_lemma not in index.event_nouns:
            # "confiscated the Ukrainian assets of Russian banks": when the modifier turns out to be the
            # source's own country, whose the thing is still names the target.
            groups.extend((owner, prep) for c in kids if dep[c] == "prep" and lower[c] == "of"
                          for o in children[c] if dep[o] == "pobj" for owner in [index.actors_of(o)]
                          if owner and all(m is not f for _, m in owner for _, f in found))
    if not groups and depth > 1:
        # "sent 100 rescuers and several aircraft to Turkey": the destination hangs on the last conjunct.
        for conj in (c for c in kids if dep[c] == "conj" and t.pos[c] in ("NOUN", "PROPN")):
            groups.extend(g for g in _phrase_groups(conj, prep, index, depth - 1) if g[1] != prep)
    return groups
