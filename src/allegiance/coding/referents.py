"""Who a phrase stands for when it names nobody itself: the pair behind "the two leaders", "both sides",
"each side ... the other" and "they"; the country of nameless people in a story about one country.

Both work on the resolved mentions of a whole document (``MentionIndex.build`` calls them), so that the
candidates of a sentence can use what earlier sentences named.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from itertools import compress
from typing import TYPE_CHECKING, Any

from allegiance.coding.keys import actor_key
from allegiance.models import Actor, Mention
from allegiance.parse import Tokens, tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from allegiance.coding.mentions import MentionIndex

ANCHORED = "place"  # suffix of Mention.via for groups the coder placed in the country the sentence names
NATIONALS = "+nationals"  # suffix of Mention.via for a crowd named by its nationality ("Georgians rallied")
OWN_PEOPLE = "+own"  # suffix of Mention.via for people placed in the one country their sentence's actors share
PAIR_NOUNS = {"leader", "side", "country", "man", "government", "delegation", "president", "minister", "neighbour",
              "neighbor", "state", "capital", "nation", "party", "army", "force", "negotiator", "foe", "rival", "ally"}
PAIRS = {"pair": 2, "duo": 2, "sides": 2, "trio": 3}  # words that count parties by themselves after "the"
COUNTS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10}  # "the three leaders", "all four countries"
# "The parties agreed", "the Heads of State signed", "the presidents also discussed": a definite plural that
# counts no one stands for the parties the story already has, however many.
UNCOUNTED = {"parties", "presidents", "heads"}
ANY = 0  # party_count of an uncounted phrase
_COUNTING = set(PAIRS) | set(COUNTS) | UNCOUNTED | {"other"}  # words party_count may accept besides PAIR_NOUNS
_PAIR_WORDS = frozenset(_COUNTING | {"they", "them"})  # words pair_phrase may accept
# besides PAIR_NOUNS
_PAIR_WINDOW = 3  # sentences a coordinated pair stays the referent of "the two leaders", "they"
_PAIR_HOLD = 6  # sentences a pair once referred to stays the referent of the next "the two sides"
PERSON_NOUNS = {"leader", "man", "president", "minister", "negotiator", "head"}
# People who are, by what they are called, away from home or no one's own: where they are is not whose they are.
FOREIGNERS = {"migrant", "refugee", "immigrant", "emigrant", "foreigner", "tourist", "expatriate", "asylum", "foreign"}
# A bare singular word for one individual is an idiom ("attended in person", "man to man"), no people anywhere.
INDIVIDUALS = {"person", "man", "woman", "individual"}
# Nameless people who by what they are called speak for several states at once ("the leaders", "heads of
# state"): never one country's own; in a sentence naming one international body, its members.
OF_MANY_STATES = {"leaders", "heads of state", "heads of government", "heads of state and government",
                  "presidents", "member states", "members", "world leaders"}
MINISTRIES = {"ministry", "ministries"}
STATE_NOUNS = {"country", "state", "nation", "neighbour", "neighbor", "capital", "government"}


def keyable(mention: Mention) -> bool:
    """An actor with neither country nor organization ("prisoners", "crowds") cannot anchor an event."""
    actor = mention.actor
    return actor is not None and bool(actor.country or actor.organization)


def foreign(actor: Actor) -> bool:
    """"Police in the Moscow region detained 200 migrants", "refugees in Poland", "accused unnamed foreign
    forces": no one's people by place, nor the story's own. Nor "Western leaders", "Western governments":
    the West's, whatever country the sentence names."""
    words = actor.name.split()
    if _ministry(actor):
        return False  # "the foreign ministry" is a state's own
    return any(word.lower().strip('"\'').rstrip("s") in FOREIGNERS for word in words) or "Western" in words


def of_many_states(actor: Actor) -> bool:
    """"addressed the leaders by video link", "leaders agreed to invite Argentina": people of several states."""
    return actor.type == "group" and actor.name.lower().removeprefix("the ") in OF_MANY_STATES


def anchor_to_home(mentions: list[Mention], home: str | None) -> list[Mention]:
    """"YEREVAN, May 10 (Reuters) - ... police detained more than 150 people": nameless people (police,
    protesters, crowds) in a sentence that names no one with a country are the people of the story's home
    country (``home_country``)."""
    loose = [m for m in mentions if m.actor is not None and not keyable(m) and m.via != "pronoun"
             and m.actor.type in ("group", "organization") and not foreign(m.actor) and not of_many_states(m.actor)
             and m.span.text not in INDIVIDUALS]
    if not loose or home is None:
        return mentions
    named = {m.sentence_index for m in mentions if keyable(m)}
    # "Hours later the foreign ministry summoned British Ambassador Nigel Casey": a ministry named without its
    # country is the home country's, whoever else its sentence names.
    return [dataclasses.replace(m, actor=dataclasses.replace(m.actor, country=home), via=f"{m.via}+{ANCHORED}")
            if any(m is x for x in loose) and (m.sentence_index not in named or _ministry(m.actor)) else m
            for m in mentions]


def _ministry(actor: Actor) -> bool:
    return actor.type == "organization" and any(w.strip(".,").lower() in MINISTRIES for w in actor.name.split())


def crowds_of_nationals(doc: "Doc", mentions: list[Mention]) -> list[Mention]:
    """"Tens of thousands of Georgians rallied", "Armenians protested": a plural nationality as the subject
    names a crowd of that country's people, not the state (which the resolver makes of it)."""
    from allegiance import gazetteer

    t = tokens(doc)
    out = []
    for mention in mentions:
        actor = mention.actor
        if actor is None or actor.type != "state":
            out.append(mention)
            continue
        span = t.char_span(mention.span.start, mention.span.end)  # the phrase's root on the table: no Span
        root = t.root(*span) if span is not None and span[1] > span[0] else -1
        word = t.token_text(root) if root >= 0 else ""
        if not (word[:1].isupper() and word.endswith("s")) \
                or word in actor.name.split() or gazetteer.lookup(word) is not None \
                or not _acting(t, root):  # "the United States" is a state; "urged Americans to leave" its own
            out.append(mention)
            continue
        people = dataclasses.replace(actor, type="group", sector="CVL", id=None, name=word)
        out.append(dataclasses.replace(mention, actor=people, via=f"{mention.via}{NATIONALS}"))
    return out


def _acting(t: Tokens, i: int) -> bool:
    """A subject, or what a subject is a number of ("tens of thousands of Georgians")."""
    if t.dep[i] == "pobj" and t.lower[t.head[i]] == "of":
        i = t.head[t.head[i]]
    return t.dep[i] in ("nsubj", "nsubjpass")


def home_country(text: str, mentions: list[Mention]) -> str | None:
    """The country a story is about: the most frequent country of its states, people and national
    institutions, the dateline's country when it ties or when no one else is named; none when no
    country is named at least twice."""
    from allegiance.coding import where

    counts = Counter(m.actor.country for m in mentions if m.actor is not None and m.actor.country
                     and m.actor.type in ("state", "person", "organization") and not m.actor.organization)
    dateline = where.dateline_country(text)
    if not counts:
        return dateline
    top = max(counts.values())
    if dateline is not None and counts.get(dateline, 0) * 2 >= top and counts.get(dateline, 0) >= 2:
        # "YEREVAN - Armenia's parliament voted ... angering Moscow": a story filed from a country that it names
        # again and again is about that country, though the other side of its quarrel is named as often.
        return dateline
    leaders = [c for c, n in counts.items() if n == top]
    # One country named once is the story's only country ("Kazakh President Tokayev addressed the nation ...
    # Police detained ..."); of several named once each, none leads.
    return leaders[0] if len(leaders) == 1 and (top >= 2 or len(counts) == 1) else None


def pair_phrase(t: Tokens, i: int) -> str | None:
    """"the two leaders", "both sides", "each side", "the other", "the three leaders": a phrase headed by token
    ``i`` that refers back to a set of parties ("pair"); "they"/"them" as an argument ("pronoun"), which refers
    to a set only when its antecedent is one of it."""
    if t.pos[i] == "PRON" and t.lower[i] in ("they", "them") and t.dep[i] in ("nsubj", "nsubjpass", "dobj", "pobj"):
        return "pronoun"
    return "pair" if party_count(t, i) is not None else None


def party_count(t: Tokens, i: int) -> int | None:
    """How many parties a referring phrase headed by token ``i`` counts: 2 for "the two leaders", "both sides",
    "each side ... the other", "the pair", "the two"; 3 for "the three leaders", "the trio"; ``ANY`` for "the
    parties"; None for a phrase that refers to no set."""
    lower, pos = t.lower[i], t.pos[i]
    if lower not in _COUNTING and not (pos == "NOUN" and t.lemma[i].lower() in PAIR_NOUNS):
        return None  # most phrases: none of the words below
    dep, children = t.dep[i], t.children[i]
    the = any(t.lower[c] == "the" for c in children)
    if lower in COUNTS and pos in ("NUM", "NOUN") and the and dep in ("nsubj", "nsubjpass", "dobj", "pobj"):
        return COUNTS[lower]  # "the two had agreed on a gas contract"
    if lower in UNCOUNTED and pos in ("NOUN", "PROPN") and the and (lower != "heads" or any(
            t.lower[c] == "of" and any(t.lower[o] in ("state", "government") for o in t.children[c]) for c in children)):
        return ANY
    if lower == "other" and the and dep in ("dobj", "pobj", "nsubj"):
        return 2
    if pos == "NOUN" and lower in PAIRS and (the or (i > 0 and t.lower[i - 1] == "the")):
        # (the parser may hang "the" elsewhere: "and the pair held talks" read as "the [pair-held] talks")
        return PAIRS[lower]  # "the pair held talks", "the sides agreed": a number by what the word means
    if pos == "NOUN" and t.lemma[i].lower() in PAIR_NOUNS:
        marks = {t.lower[c] for c in children if t.dep[c] in ("nummod", "det", "predet", "quantmod")}
        if "each" in marks and t.lemma[i].lower() == "side":
            return 2
        # "the three leaders" (not "three leaders", someone new): a count says how many the phrase stands for.
        counted = [COUNTS[m] for m in marks if m in COUNTS]
        if counted and (counted[0] == 2 or marks & {"the", "all", "these", "those"}):
            return counted[0]
    return None


def pairs(doc: "Doc", index: "MentionIndex") -> dict[int, tuple[Mention, ...]]:
    """Phrases referring back to a set of parties: the last coordinated set of actors of that size
    ("Kyrgyzstan and Tajikistan", "Putin, Erdogan and Raisi") within a few sentences, or for "the two
    leaders" ("the three leaders") the parties named in the last few sentences when there are exactly as many
    ("Modi landed in Moscow ... The two leaders held talks")."""
    from allegiance.models import Span as TextSpan

    out: dict[int, tuple[Mention, ...]] = {}
    coordinated: tuple[int, tuple[Mention, ...]] | None = None  # sentence number, the set
    settled: tuple[int, tuple[Mention, ...]] | None = None  # the last set a phrase was found to mean
    recent: list[tuple[int, Mention]] = []  # named parties in order: (sentence number, mention)
    t = tokens(doc)
    heads, lower, lemma = index.heads, t.lower, t.lemma
    pair_lemmas = {word for word in set(lemma) if word.lower() in PAIR_NOUNS}  # each lemma lowered once, not each word
    # Only a word pair_phrase can accept or the head of a mention matters below, in order; a spaCy Token is
    # made only for a phrase that refers to a set.
    positions = range(len(lower))
    marked = {*heads, *compress(positions, map(_PAIR_WORDS.__contains__, lower))}
    if pair_lemmas:
        marked.update(compress(positions, map(pair_lemmas.__contains__, lemma)))
    starts, number = t.sent_starts, 0
    for i in sorted(marked):
        while starts[number + 1] <= i:
            number += 1
        kind = pair_phrase(t, i)
        if kind is not None:
            tok = doc[i]
            size = party_count(t, i) if kind == "pair" else None
            pair = coordinated[1] if coordinated and number - coordinated[0] <= _PAIR_WINDOW else None
            if kind == "pronoun":
                # "they" in the set's own sentence ("A and B were both in Samarkand, and they met") is the
                # set; in a later one only when its antecedent is one of the set, or a phrase standing
                # for it ("the two leaders").
                mention = index.by_token.get(tok.i)
                referent = mention.actor if mention is not None else None
                if pair is not None and coordinated is not None and coordinated[0] < number and (
                        referent is None or not (actor_key(referent) in {actor_key(m.actor) for m in pair}
                                                 or referent.name.lower().startswith(tuple(f"{w} " for w in COUNTS)))):
                    pair = None
            else:
                # The parties its own sentence names before it ("Rahmon phoned Putin, and the two
                # leaders agreed"); else the last set coordinated or already referred to ("The two leaders
                # held talks ... The two sides also agreed"); else those of the last few sentences (more
                # than it counts: no telling which).
                count = size or 2  # an uncounted phrase with no set to stand for: the likeliest, a pair
                if pair is not None and not _fits(pair, size):
                    pair = None
                held = settled[1] if settled is not None and number - settled[0] <= _PAIR_HOLD \
                    and _fits(settled[1], size) else None
                if held is not None and (pair is None or (coordinated is not None and settled[0] >= coordinated[0])):
                    pair = held
                pair = _last(recent, number, 0, count) or pair or _last(recent, number, _PAIR_WINDOW - 1, count)
                if pair is not None and tok.lemma_.lower() in PERSON_NOUNS and not all(
                        m.actor is not None and m.actor.type == "person" for m in pair):
                    # "prisoner swaps between Russia and Ukraine ... Putin flew on to Riyadh, where Prince
                    # Mohammed welcomed him. The two men held talks": two men are the last two people named.
                    pair = _last([(n, m) for n, m in recent if m.actor is not None and m.actor.type == "person"],
                                 number, _PAIR_WINDOW, count, most_recent=True) or pair
                if pair is None and tok.lemma_.lower() in STATE_NOUNS:
                    # "the two countries' border commissions": the last two countries named lately.
                    pair = _last([(n, m) for n, m in recent if m.actor is not None and m.actor.country
                                  and not m.actor.organization], number, _PAIR_HOLD, count, most_recent=True)
                if pair is None and settled is not None and _fits(settled[1], size):
                    # "The two men last met in Tehran", ten sentences after "the two leaders held talks": with
                    # no set nearer, the one the story already took for its parties is still the likeliest.
                    pair = settled[1]
                if pair is None and tok.lemma_.lower() in PERSON_NOUNS:
                    # "Aliyev dismissed the accusation ... Putin said, urging both men to calm down": the last
                    # people named, but not whoever acts on the phrase in its own sentence.
                    acting = {actor_key(m.actor) for n, m in recent if n == number} if tok.dep_ not in (
                        "nsubj", "nsubjpass") else set()
                    pair = _last([(n, m) for n, m in recent if m.actor is not None and m.actor.type == "person"
                                  and actor_key(m.actor) not in acting], number, _PAIR_WINDOW, count,
                                 most_recent=True)
            if pair is not None and kind == "pair":
                doers = _doers(tok, index)
                if any(actor_key(m.actor) in doers for m in pair):
                    # "Moscow had brokered a ceasefire between the two sides": whoever acts on the phrase is
                    # none of them; the two states named last, other than the doer, are likelier.
                    pair = _last([(n, m) for n, m in recent if m.actor is not None and m.actor.type == "state"
                                  and actor_key(m.actor) not in doers], number, _PAIR_HOLD, count, most_recent=True)
            if pair is not None:
                if kind == "pair":
                    settled = (number, pair)
                phrase = doc[tok.left_edge.i:tok.i + 1]
                span = TextSpan(phrase.start_char, phrase.end_char, phrase.text)
                out[tok.i] = tuple(Mention(span, m.sentence_index, dataclasses.replace(m.actor, text=phrase.text),
                                           via="pair") for m in pair)
            continue
        mention = index.heads.get(i)
        if mention is None or mention.via == "pronoun" or mention.via.endswith((ANCHORED, OWN_PEOPLE)):
            continue
        if mention.actor is not None and mention.actor.type in ("state", "person", "organization"):
            recent.append((number, mention))
        if t.dep[i] == "conj" and t.dep[t.head[i]] != "conj":
            group = _coordination(t, t.head[i], index)
            if len(group) >= 2:
                coordinated = (number, group)
    return out


def _doers(tok: "Token", index: "MentionIndex") -> set[str | None]:
    """The keys of the subject of the verb a phrase is an object or a part of an object of ("Moscow brokered a
    ceasefire between the two sides" → RUS); none for a subject phrase."""
    node = tok
    while node.dep_ not in ("nsubj", "nsubjpass", "ROOT") and node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    if node.pos_ not in ("VERB", "AUX"):
        return set()
    return {actor_key(index.by_token[c.i].actor) for c in node.children
            if c.dep_ == "nsubj" and c.i in index.by_token and index.by_token[c.i].actor is not None}


def _coordination(t: Any, i: int, index: "MentionIndex") -> tuple[Mention, ...]:
    """The parties of distinct keys coordinated from token ``i`` on ("Putin, Erdogan and Raisi"), in order."""
    found: list[Mention] = []
    todo = [i]
    while todo:
        node = todo.pop(0)
        mention = index.heads.get(node)
        if mention is not None and mention.via != "pronoun" and not mention.via.endswith((ANCHORED, OWN_PEOPLE)) \
                and all(actor_key(mention.actor) != actor_key(m.actor) for m in found):
            found.append(mention)
        todo.extend(c for c in t.children[node] if t.dep[c] == "conj")
    return tuple(found)


def _fits(group: tuple[Mention, ...], size: int | None) -> bool:
    return size == ANY or len(group) == size


def _last(recent: list[tuple[int, Mention]], number: int, window: int, size: int | None,
          most_recent: bool = False) -> tuple[Mention, ...] | None:
    """The ``size`` parties of distinct keys named within ``window`` sentences before sentence ``number``, in
    the order named; None when there are more (unless ``most_recent``) or fewer."""
    if size is None:
        return None
    last: list[Mention] = []
    for n, m in reversed(recent):
        if number - n > window:
            break
        if all(actor_key(m.actor) != actor_key(x.actor) for x in last):
            last.append(m)
            if most_recent and len(last) == size:
                break
    return tuple(reversed(last)) if len(last) == size else None
