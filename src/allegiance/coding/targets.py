"""Whom an event is aimed at when its sentence names no target: which codes may stand alone (threats,
investigations, force postures, declining to comment, denials of an act), which acts a state does to
its own people, and which target-less or reciprocal readings are not acts at all. ``code.py`` asks these
of each candidate after classification."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from allegiance import gazetteer
from allegiance.coding import keys
from allegiance.coding.aims import de_facto_of, entity_of
from allegiance.coding.anchors import OWN_PEOPLE
from allegiance.coding.collapse import actor_key
from allegiance.coding.cues import ACCUSING, CHARGES
from allegiance.models import Actor

if TYPE_CHECKING:
    from allegiance.coding.candidates import Candidate, MentionIndex

# Roots whose events often have no target (investigations, threats, force postures).
TARGETLESS_ROOTS = {"09", "13", "15"}  # not 01/02/14: "X said", "X called for", "crowds rallied" need a target
# Statements that are acts in themselves and name no one by nature: declining to comment, optimism ("expressed
# confidence that the talks would succeed"), claiming responsibility, symbolic acts ("laid a wreath"). Not denials
# (016): "rejected the accusations" answers an accuser the text names.
TARGETLESS_CODES = {"011", "013", "015", "017"}
# A denial is aimed at its accuser; one of an act with no accuser named ("Tehran denied supplying drones to
# Moscow", "denying any Ukrainian role") stands alone. Nouns that name one's part in an act:
SHARES = {"role", "involvement", "part", "participation", "responsibility", "link", "presence", "complicity"}
HEARSAY = {"report", "rumour", "rumor", "story", "allegation"}  # denied as told by someone: answers them
STANDING = {"always", "consistently", "repeatedly", "long", "never", "first", "initially", "previously"}  # a stance held, not a reply
DOMESTIC_ROOTS = {"08", "17"}  # yielding and coercion: a state's acts on its own people need no named target
DOMESTIC_CODES = {"153"}  # police deployed at home ("brought riot police to the parliament building") are aimed at home
RALLIES = {"gather", "rally", "assemble", "march", "protest", "demonstrate", "picket", "converge"}
PLACE_LABELS = {"GPE", "LOC", "FAC", "ORG"}  # entity labels the small model gives place names


def may_lack_target(code: str) -> bool:
    return code[:2] in TARGETLESS_ROOTS or code[:3] in TARGETLESS_CODES


def denies_an_act(trigger: Any, event_nouns: frozenset[str]) -> bool:
    """"denied supplying drones", "denied that its forces had struck", "denying any role in the crash", told
    as the news of the day: not "denied the accusation" (an answer to someone), nor a denial held for long
    ("has always denied any arms trade")."""
    if trigger.lemma_ != "deny" or any(c.dep_ == "aux" and c.lemma_ == "have" for c in trigger.children):
        return False
    if any(c.lower_ in STANDING for c in trigger.children if c.dep_ in ("advmod", "prep", "npadvmod")):
        return False
    for c in trigger.children:
        if c.dep_ in ("ccomp", "xcomp", "pcomp") and c.pos_ in ("VERB", "AUX") or c.tag_ == "VBG":
            return True
        if c.dep_ == "dobj" and c.lemma_.lower() not in CHARGES | HEARSAY and (
                c.lemma_.lower() in SHARES or c.lemma_.lower() in event_nouns):
            return True
    return False


def accused(cand: Candidate, sent: Any, index: MentionIndex) -> bool:
    """Whether the story tells of a charge against the denier in another sentence ("The Kremlin denied any role
    in the law. Peskov dismissed claims by opposition leaders that Moscow was behind it"): then the story's
    country may be the accuser the denial answers."""
    own = actor_key(cand.source.actor)
    doc = sent.doc
    for s in doc.sents:
        if s.start != sent.start and any(t.lemma_ in ACCUSING or t.lemma_.lower() in CHARGES for t in s) and any(
                actor_key(m.actor) == own for i, m in index.heads.items() if s.start <= i < s.end):
            return True
    return False


def may_be_unaimed(code: str) -> bool:
    """A code a target-less candidate can still be coded in: one that needs no target, or a state's act on
    its own people (which ``_domestic`` aims)."""
    return may_lack_target(code) or domestic_code(code)


def domestic_code(code: str) -> bool:
    return code[:2] in DOMESTIC_ROOTS or code[:3] in DOMESTIC_CODES


def aimed_at_home(cand: Candidate, trigger: Any, index: MentionIndex, sent: Any) -> Candidate | None:
    """"Authorities eased the curfew", "the Supreme Court banned the movement": a state that eases or
    imposes something on its own ground, in a sentence that names no other country, acts on its own
    people (KAZ → KAZ). The target is the source's own state, pointed at the source's words."""
    source = cand.source.actor
    key = keys.actor_key(source)
    objects = [c for c in trigger.children if c.dep_ == "dobj"]
    held = key is not None and key == de_facto_of(source)
    if key is None or (key != source.country and not held) or not objects:
        return None
    if any(t.ent_type_ in ("PERSON", "ORG") and t.i not in index.by_token for o in objects for t in o.subtree):
        return None  # "detained reporter Evan Gershkovich", "the subsidiary of Danone": someone unresolved
    others = {keys.actor_key(m.actor) for i, m in index.heads.items() if sent.start <= i < sent.end}
    if others - {key}:
        return None
    # "eased its blockade to let the first grain ship leave Odesa": not on its own ground. The small model
    # tags some cities as organisations, so any named span the gazetteer knows counts.
    home = {key, source.country} if held else {key}  # a de facto entity's ground lies in its country
    if any(place is not None and place.country not in home
           for ent in sent.ents if ent.label_ in PLACE_LABELS for place in [gazetteer.lookup(ent.text)]):
        return None
    state = entity_of(source) if held else Actor(id=f"s:{key}", name=key, type="state", country=key,
                                                 confidence=source.confidence)
    return dataclasses.replace(cand, target=dataclasses.replace(cand.source, actor=state, via=OWN_PEOPLE))


def named_subject(trigger: Any) -> bool:
    """A subject of the trigger's own that is a name ("the North", "Hayat Tahrir al-Sham"): someone other than
    the speaker, whom the resolver could not place. Not "police" or "troops", nameless forces the speaker's
    own country usually fields."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PROPN" for c in trigger.children)


def each_other(trigger: Any) -> bool:
    """"Russia and Estonia expel each other's ambassadors", "each side accused the other"."""
    each = any(c.dep_ in ("nsubj", "nsubjpass") and any(d.lower_ == "each" for d in c.children) for c in trigger.children)
    return any(t.lower_ in ("other", "another") and t.i > 0 and (t.doc[t.i - 1].lower_ in ("each", "one") or each)
               for t in trigger.subtree)


def aim_of_a_rally(trigger: Any) -> bool:
    """"Protesters gathered outside the Russian embassy to denounce Moscow's inaction", "thousands rallied,
    demanding his resignation": what a crowd gathers to say is the demonstration's aim, not a second act."""
    head = trigger.head
    return trigger.dep_ in ("advcl", "xcomp") and head.lemma_ in RALLIES and (
        trigger.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children))
