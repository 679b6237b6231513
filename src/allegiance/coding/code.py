"""Stage verb ``code``: an article's text → the events it reports, each with its evidence.

Per article: spaCy parse (``parse.py``) → actor mentions (``actors.resolve_document``, date-aware, with
coreference) → predicate–argument candidates (``candidates``) → context (``context``: negation,
speculation, intent, background) → classification (``classify``: lexicon + classifier) → date (``when``)
and place (``where``) → ``Event``. A ``Coder`` holds the model, knowledge base, lexicon and classifier, so
it is built once per process; ``code_articles`` re-codes stored articles in batches and replaces each
article's events atomically.
"""

from __future__ import annotations

import atexit
import bisect
import collections
import dataclasses
import datetime as dt
import functools
import gc
import hashlib
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from allegiance import gazetteer
from allegiance.ahead import behind
from allegiance.coding import cameo, classify, context, headline, layout, targets, when, where
from allegiance.coding.anchors import OWN_PEOPLE, anchor_to_places, is_dateline
from allegiance.coding.candidates import Candidate, MentionIndex, candidates
from allegiance.coding.cues import ACCUSING, PEOPLE_NOUNS
from allegiance.coding.collapse import actor_key, collapse, one_meeting, prefer_targeted
from allegiance.models import Article, Coder as CoderInfo, Event, Evidence, Span
from allegiance.parse import tokens

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from allegiance.store import Store

CODER_NAME = "allegiance-coder"
CODER_VERSION = "0.1.0"
CODER = CoderInfo(CODER_NAME, CODER_VERSION)
TARGETLESS_MIN = 0.6
FIRST_BATCH = 8  # articles in the first parse batch of a stream (code_many)
# Acts that take two: "Putin met Erdogan" is also Erdogan meeting Putin.
MUTUAL = {"040", "044", "046", "057"}
# Agreements one side gives alone: a parliament ratifying another state's accession is not that state
# ratifying anything.
ONE_SIDED_ASSENT = {"ratify", "approve", "endorse"}
SCHEDULED = {"due", "scheduled", "set"}  # intent cues of a plan fixed in a calendar, not one side's promise
MEETING_PLANS = {"040", "043", "044", "046"}
HISTORY_DAYS = 90  # events the text dates further back than this are background, not coded (gold/README.md, "History and background")
# Words said in answer to an act: demands, rejections, criticism, denials (not praise, often given in person).
REACTION_ROOTS = {"10", "12"}
REACTION_CODES = {"111", "016"}
FORCE_ROOTS = {"15", "16", "17", "18", "19", "20"}  # acts done with means of power, never by saying so
POSTURE_ROOT = "15"  # force posture: alerts, drills, deployments, mobilisation
FOREIGN_ROOTS = {"18", "19", "20"}  # acts of war: their victims are not taken to be the actor's own people
# Verbs that are never an event without a target ("Russia said", "it was", "Kyiv has"): what is said or
# had is coded at its own trigger, so they are not worth classifying.
UNAIMED_NONEVENTS = {"say", "be", "have", "tell", "add", "state", "reply", "write", "note", "know", "want"}
QUESTIONS = {"ask", "question", "press", "quiz"}
# Sanctions and coercion that coordinated actors impose together, never on each other; and demands, accusations,
# refusals and threats they make together ("Bulgaria, North Macedonia and Montenegro refused to let the plane
# through"): without "each other" they are aimed at someone else.
ONE_WAY_ROOTS = {"10", "11", "12", "13", "16", "17"}
_SPACE = re.compile(r"\W+")
_PARAGRAPH = re.compile(r"\n\s*\n|\n")
SUBORDINATE = {"advcl", "relcl", "acl"}  # clauses that may carry a time of their own
# Clauses with a subject of their own below a trigger, whose long-past dates are what the act is about
# ("pull its forces back to where they stood in 1997"), not when it happened. Not a clause an act frames
# ("allowed Russia to use its territory in 2022"): its date is often the act's own.
NESTED_CLAUSES = SUBORDINATE | {"pcomp"}


# A candidate read as an act: its trigger token, whether the act is denied, its context, whether it is
# declined, and the classifier's decision.
Reading = tuple[Candidate, Any, bool, context.Context, bool, classify.Decision]


@dataclass(frozen=True)
class Text:
    """What coding needs from an article (also used by ``extract`` for text that is not stored)."""

    article_id: str
    origin: str
    published: dt.date | None
    text: str
    headline: int = 0  # characters of ``text`` taken by the title put in front of the clean text (headline.py)


def as_text(article: Article | Text | dict[str, Any]) -> Text:
    if isinstance(article, Text):
        return article
    if isinstance(article, Article):
        return Text(article.id, article.origin, article.published, *headline.with_title(article.title, article.clean_text))
    published = article.get("published")
    if isinstance(published, str):
        published = dt.date.fromisoformat(published[:10])
    if "clean_text" in article:  # a stored article: its title is kept apart
        text, offset = headline.with_title(article.get("title"), str(article["clean_text"] or ""))
    else:  # text given to code as it is (extract, the gold sets)
        text, offset = str(article.get("text") or ""), 0
    return Text(str(article["id"]), str(article.get("origin") or ""), published, text, offset)


class Coder:
    """The event coder with everything it loads, built once per process."""

    def __init__(self, *, nlp: "Language | None" = None, kb: Any = None, lexicon: Any = None,
                 classifier: Any = None, model: str | None = None, strict_codes: bool = True):
        from allegiance import parse
        from allegiance.actors.kb import load_kb
        from allegiance.coding.lexicon import load_lexicon

        self.nlp = nlp if nlp is not None else parse.load(model)
        self.kb = kb if kb is not None else load_kb()
        self.lexicon = lexicon if lexicon is not None else load_lexicon()
        # classifier=False: lexicon only (the PETRARCH conformance suite); None: the packaged classifier.
        self.classifier = None if classifier is False else classifier if classifier is not None else _packaged_classifier()
        self.classify = classify.Classify(self.lexicon, self.classifier)
        gazetteer.gazetteer()  # load the places now, not inside the first article
        # A foreign dictionary may use codes CAMEO lacks (PETRARCH's toy verbs); strict drops them.
        self.strict_codes = strict_codes

    # --- parsing -------------------------------------------------------------------------
    def parse(self, texts: Iterable[str], batch_size: int = 32) -> Iterator["Doc"]:
        return self.nlp.pipe(texts, batch_size=batch_size)

    # --- coding --------------------------------------------------------------------------
    def code(self, article: Article | Text | dict[str, Any], doc: "Doc | None" = None) -> list[Event]:
        item = as_text(article)
        return self.code_doc(item, doc if doc is not None else self.nlp(item.text))

    def code_many(self, articles: Iterable[Article | Text | dict[str, Any]], batch_size: int = 32
                  ) -> Iterator[tuple[Text, list[Event]]]:
        """Code articles in order, parsing them in batches; the input is read lazily."""
        items = (as_text(a) for a in articles)
        pending: collections.deque[Text] = collections.deque()

        def texts() -> Iterator[str]:
            for item in items:
                pending.append(item)
                yield item.text

        # The parse stays in this thread: in a thread of its own it overlapped the coding too little to
        # pay for the GIL hand-offs (docs/coding-speed.md, "Threads and the GIL"). Ingest hands over
        # articles one commit at a time, so a first batch of a few lets the parse start before a whole
        # batch is stored.
        first = min(FIRST_BATCH, batch_size)
        docs = itertools.chain(self.parse(itertools.islice(texts(), first), first), self.parse(texts(), batch_size))
        for doc in docs:
            item = pending.popleft()
            yield item, self.code_doc(item, doc)

    def code_doc(self, item: Text, doc: "Doc") -> list[Event]:
        from allegiance.actors.resolve import resolve_document

        mentions = resolve_document(doc, item.published, kb=self.kb)
        if not mentions:
            return []
        mentions = anchor_to_places(doc, [m for m in mentions if not is_dateline(item.text, m)])
        index = MentionIndex.build(doc, mentions, self.classify.event_nouns)
        table = tokens(doc)
        starts = table.sent_starts
        with_actor = {bisect.bisect_right(starts, i) - 1 for i in index.heads}
        breaks = [m.end() for m in _PARAGRAPH.finditer(item.text)]
        sents = list(doc.sents)
        texts = [table.span_text(sent.start, sent.end) for sent in sents]
        paragraphs = [bisect.bisect_right(breaks, table.idx[sent.start]) for sent in sents]
        page = layout.layout(item.text)
        headings = {i for i, sent in enumerate(sents) if page.is_heading(table.idx[sent.start])}
        seen_lines: set[str] = set()
        boilerplate: dict[str, bool] = {}  # per line of the text: a paragraph's sentences share one
        coded: list[bool] = []
        for s_index, text in enumerate(texts):
            line = _SPACE.sub(" ", text.lower()).strip()
            repeated = line in seen_lines  # headlines, captions and boilerplate repeated in the body
            seen_lines.add(line)
            if s_index in with_actor and not repeated:
                page_line = layout.line_at(item.text, table.idx[sents[s_index].start])
                if page_line not in boilerplate:
                    boilerplate[page_line] = layout.boilerplate(page_line)
                coded.append(not boilerplate[page_line])
            else:
                coded.append(False)
        # A sentence's dates date its own events, those of the sentences after it in its paragraph and, as
        # the story's current day (when.Timeline), later sentences that give no date: sentences after the
        # last coded one are not read for dates.
        last = max((i for i, c in enumerate(coded) if c), default=-1)
        # A headline or a caption sums up the lead: it takes the lead's day, not the page's time stamp.
        lead: list[when.DateMention] = []
        if item.published and page.lead is not None and any(coded[i] for i in headings):
            start, end = page.lead
            lead = when.lead_dates(when.find_dates(item.text[start:end], item.published), item.published)
        # Each stage runs over the whole article before the next (dates, candidates, readings, events), not
        # all of them sentence by sentence: a stage's data then stays in the CPU's caches from one sentence
        # to the next. The stages are pure, so their order changes nothing else.
        sentence_dates = [when.find_dates(text, item.published) if item.published else [] for text in texts[:last + 1]]
        found = {s: candidates(sents[s], s, index) for s in range(last + 1) if coded[s]}
        readings = self._readings(doc, sents, texts, found, index, sentence_dates)
        paragraph_dates: dict[int, list[when.DateMention]] = {}
        timeline = when.Timeline(item.published)
        events: list[Event] = []
        for s_index, sent in enumerate(sents[:last + 1]):
            dates = sentence_dates[s_index]
            earlier = paragraph_dates.setdefault(paragraphs[s_index], [])
            if coded[s_index]:
                before = (lead or timeline.current) if s_index in headings else (list(earlier) or timeline.current)
                events.extend(self._code_sentence(item, sent, texts[s_index], readings[s_index], index, dates, before,
                                                  undated=not (dates or earlier) and s_index not in headings
                                                  and not when.ANAPHOR.search(texts[s_index])))
            earlier.extend(dates)
            timeline.read(dates)
        events = collapse(events, headings)
        if item.headline:
            events = headline.to_clean(events, item.headline, [table.idx[sent.start] for sent in sents])
        return events

    def _readings(self, doc: "Doc", sents: list[Any], texts: list[str], found: dict[int, list[Candidate]],
                  index: MentionIndex, sentence_dates: list[list[when.DateMention]]) -> dict[int, list[Reading]]:
        """Each coded sentence's candidates that the context and the classifier read as acts, stage by stage
        over the whole article: the cheap filters, then the contexts, then the classifier."""
        kept: list[tuple[int, Candidate, Any, bool]] = []
        lemma = tokens(doc).lemma
        for s, cands in found.items():
            for cand in cands:
                trigger = doc[cand.trigger]
                denial = targets.denies_an_act(trigger, self.classify.event_nouns)
                if denial and cand.target is not None and cand.target.via == "home" \
                        and not targets.accused(cand, sents[s], index):
                    cand = dataclasses.replace(cand, target=None)  # no accuser: not the story's country either
                if cand.target is None and not denial and (lemma[cand.trigger] in UNAIMED_NONEVENTS
                                                           or self._unaimed_elsewhere(cand, doc)):
                    continue
                if lemma[cand.trigger] in QUESTIONS and cand.source.actor is not None and cand.source.actor.sector == "JRN":
                    continue  # "asked by Russian reporters whether ...": a journalist's question is no appeal
                kept.append((s, cand, trigger, denial))
        contexts: dict[int, context.Context] = {}  # several candidates share a trigger
        read: list[tuple[int, Candidate, Any, bool, context.Context, bool]] = []
        for s, cand, trigger, denial in kept:
            ctx = contexts.get(cand.trigger)
            if ctx is None:
                ctx = contexts[cand.trigger] = context.assess(trigger, dated=bool(sentence_dates[s]),
                                                              question=texts[s].rstrip().endswith("?"))
            declined = ctx.refusal and cand.target is not None
            if ctx.coded or declined:
                read.append((s, cand, trigger, denial, ctx, declined))
        for _s, cand, *_ in read:
            self.classify.lexicon_matches(cand, doc)
        out: dict[int, list[Reading]] = {s: [] for s in found}
        for s, cand, trigger, denial, ctx, declined in read:
            # a declined act is read as if announced: the classifier's "no event" speaks of the negation
            decision = self.classify(cand, doc, announced=ctx.intent or declined, declined=declined)
            if decision is not None:
                out[s].append((cand, trigger, denial, ctx, declined, decision))
        return out

    def _code_sentence(self, item: Text, sent: Any, text: str,
                       readings: list[Reading],
                       index: MentionIndex, dates: list[when.DateMention], paragraph_dates: list[when.DateMention],
                       undated: bool = False) -> list[Event]:
        doc = sent.doc
        out: list[Event] = []
        triggers: list[int] = []
        frames: set[tuple[Any, int]] = set()
        for cand, trigger, denial, ctx, declined, decision in readings:
            if decision.reverse and cand.target is not None:
                # A reverse-only reading runs target → source: "Kyiv received ammunition from Prague" is
                # Prague's aid to Kyiv.
                cand = dataclasses.replace(cand, source=cand.target, target=cand.source)
            if declined:
                refused = classify.refusal_code(decision.code)
                if refused is None:
                    continue  # "will not attack" is no refusal of anything CAMEO codes
                decision = dataclasses.replace(decision, code=refused, reverse_code=None)
            if cand.target is not None and decision.code[:2] == POSTURE_ROOT and not targets.domestic_code(decision.code) \
                    and actor_key(cand.target.actor) == actor_key(cand.source.actor):
                # "Lithuania raised the alert level of its rapid reaction force", "Armenia called up its reservists":
                # a state readying its own forces aims the posture at no one the text names.
                cand = dataclasses.replace(cand, target=None)
            if cand.target is None and decision.confidence >= TARGETLESS_MIN and targets.domestic_code(decision.code):
                cand = targets.aimed_at_home(cand, trigger, index, sent) or cand
            if cand.target is None and (decision.confidence < TARGETLESS_MIN or not (
                    targets.may_lack_target(decision.code) or (denial and decision.code[:3] == "016"))):
                continue  # an act with nobody on the receiving end is too often no event, or a half-read one
            if cand.via == "speech" and decision.code[:2] in FORCE_ROOTS and targets.named_subject(trigger):
                continue  # "the Joint Chiefs said the North had fired a missile": the speaker did not fire it
            if cand.target is not None and cand.target.via.endswith(OWN_PEOPLE) and decision.code[:2] in FOREIGN_ROOTS:
                continue  # "troops killed civilians": whose civilians the sentence does not say
            if decision.code in ("01", "010"):
                continue  # "said", "told": a statement with no more specific content is no event
            if cand.via == "reciprocal" and decision.code[:2] in ONE_WAY_ROOTS and not targets.each_other(trigger):
                continue  # "the UK, France and Germany imposed sanctions": on someone else, not on each other
            code, confidence = decision.code, decision.confidence
            if code[:2] in ("10", "11", "12") and targets.aim_of_a_rally(trigger):
                code = "141"  # "gathered outside the embassy to denounce Moscow": the rally is the act
            modality = "asserted"
            if ctx.intent:
                code = classify.intent_code(code)
                if code is None:
                    continue
                modality = "intent"
                if ctx.frame is not None:
                    frames.add((actor_key(cand.source.actor), ctx.frame))
            info = _code_info(code, self.strict_codes)
            if info is None:
                continue
            offset = trigger.idx - sent.start_char
            if undated and item.published is not None and _reaction(code):
                # "The EU condemned the vote." in a paragraph that gives no day: said when the story was written,
                # not on the day of the act it answers
                date, precision = item.published, "published"
            else:
                date, precision = when.event_date(_own_dates(trigger, sent, dates, item.published), paragraph_dates,
                                                  offset, item.published)
            if date is not None and item.published is not None and (item.published - date).days > HISTORY_DAYS:
                continue  # background history ("fought a war in 2020"): not news of this article
            if date is None and item.published is None:
                precision = None
            spans = [(m.span.start, m.span.end) for m in (cand.source, cand.target) if m is not None]
            location = where.locate(sent, trigger, spans)
            actor_conf = min(m.actor.confidence for m in (cand.source, cand.target) if m is not None and m.actor)
            confidence = round(confidence * (0.6 + 0.4 * actor_conf) * (0.9 if cand.via == "speech" else 1.0), 3)
            out.append(self._event(item, text, cand, trigger, info, code, date, precision, location, confidence, modality))
            triggers.append(cand.trigger)
            mirror_code = decision.reverse_code or (code if code in MUTUAL and trigger.lemma_ not in ONE_SIDED_ASSENT
                                                     else None)
            if modality == "intent":
                # "is due to meet Erdogan", "is due to receive Raisi": a meeting scheduled is both sides' plan;
                # "said he would discuss the deal with Putin" only the speaker's.
                mirror_code = code if ctx.cue in SCHEDULED and decision.code[:3] in MEETING_PLANS else None
            back = _code_info(mirror_code, self.strict_codes) if mirror_code else None
            if back is not None and cand.target is not None and cand.via != "reciprocal":
                # The lexicon pairs the act with its mirror: a visit to X is X hosting the visitor.
                mirror = dataclasses.replace(cand, source=cand.target, target=cand.source)
                out.append(self._event(item, text, mirror, trigger, back, back.code, date, precision, location,
                                       confidence, modality))
                triggers.append(cand.trigger)
        # "agreed to release prisoners" is one event, the intent to release, not also an agreement.
        kept = [(e, t) for e, t in zip(out, triggers) if (actor_key(e.source), t) not in frames]
        # "Aliyev, who flew to Moscow on Monday, held talks with Putin": a visit told in a relative clause is
        # the setting of the talks the sentence reports, not news of its own.
        table = tokens(doc)
        met = {(actor_key(e.source), actor_key(e.target)) for e, t in kept
               if e.cameo_root == "04" and table.dep[t] != "relcl"}
        kept = [(e, t) for e, t in kept if not (e.cameo[:3] in ("042", "043") and table.dep[t] == "relcl"
                                                and (actor_key(e.source), actor_key(e.target)) in met)]
        # "paid a visit to Dushanbe, where he held talks with Rahmon": one meeting, told once, by precedence.
        return prefer_targeted(one_meeting([e for e, _ in kept], [t for _, t in kept], table))

    def _unaimed_elsewhere(self, cand: Candidate, doc: "Doc") -> bool:
        """A candidate without a target whose lexicon readings all lie in roots that need one: not worth
        asking the classifier (the costlier half), which could only rescue it by overruling the lexicon."""
        matches = self.classify.lexicon_matches(cand, doc)
        return bool(matches) and all(m.code is not None and not targets.may_be_unaimed(m.code) for m in matches)

    def _event(self, item: Text, text: str, cand: Candidate, trigger: Any, info: Any, code: str,
               date: dt.date | None, precision: str | None, location: Any, confidence: float, modality: str) -> Event:
        source, target = cand.source, cand.target
        assert source.actor is not None
        table = tokens(trigger.doc)
        i = trigger.i
        trig = Span(table.idx[i], table.end[i], table.token_text(i))
        evidence = Evidence(cand.sentence_index, trig, source.span, target.span if target else None)
        return Event(
            event_id=event_id(item.article_id, cand, code),
            article_id=item.article_id, origin=item.origin, published=item.published,
            date=date, date_precision=precision,
            source=source.actor, target=target.actor if target else None,
            cameo=info.code if len(info.code) >= len(code) else code, cameo_root=info.root,
            plover=info.plover, plover_mode=info.plover_mode, quad_class=info.quad_class,  # plover None: CAMEO 01/02
            goldstein=info.goldstein, intensity=book_intensity(info),
            sentence=text.strip(), evidence=evidence, location=location,
            confidence=confidence, coder=CODER, modality=modality,
        )


def _reaction(code: str) -> bool:
    return code[:2] in REACTION_ROOTS or code[:3] in REACTION_CODES


def _own_dates(trigger: Any, sent: Any, dates: list[when.DateMention], published: dt.date | None
               ) -> list[when.DateMention]:
    """The sentence's date expressions that may date this trigger: those of its own clause first, and never
    one inside a clause coordinated under it ("received him that evening, and held talks on Tuesday"), nor
    a past long gone inside a clause of its own below it ("accused the bloc of failing Armenia when
    Azerbaijani troops crossed in 2021": the accusation is news, what it is about is history) or inside a
    participle describing someone ("freed an officer serving a life sentence for a murder in 2019")."""
    if not dates:
        return dates
    head = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head

    def chars(tok: Any) -> range:
        return range(tok.left_edge.idx - sent.start_char, tok.right_edge.idx + len(tok.right_edge) - sent.start_char)

    foreign = [chars(c) for c in head.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    if published is not None:
        past = [d for d in dates if (published - d.date).days > HISTORY_DAYS]
        # Not "has provided $44bn since the invasion began in 2022": a tally since then is background itself.
        nested = [chars(t) for t in head.subtree if past and t.i != head.i and t.dep_ in NESTED_CLAUSES
                  and ((t.dep_ == "acl" and _describes_someone(t)) or any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children))
                  and not any(c.dep_ == "mark" and c.lower_ == "since" for c in t.children)]
        dates = [d for d in dates if d not in past or not any(d.start in f for f in nested)]
    # Asides: "Lavrov, who flew in yesterday, held talks" (a relative clause on the subject tells an act of its
    # own day; not "who was also in Moscow on Thursday", which places the subject on the act's day), "blamed
    # Kyrgyz forces for opening fire on Wednesday" (the day of what is charged, not of the charge).
    foreign += [chars(r) for c in head.children if c.dep_ in ("nsubj", "nsubjpass") for r in c.children
                if r.dep_ == "relcl" and r.lemma_ != "be"]
    if head.lemma_ in ACCUSING:
        charged = [head] + [c for c in head.children if c.dep_ == "dobj"]  # "of" may hang on the accused
        foreign += [chars(p) for t in charged for p in t.children if p.dep_ == "prep" and p.lower_ in ("of", "for")]
    free = [d for d in dates if not any(d.start in f for f in foreign)]
    own = chars(head)
    return [d for d in free if d.start in own] or free


def _describes_someone(participle: Any) -> bool:
    """A participle clause on a noun that describes someone ("freed an officer serving a sentence for a murder in
    2019"): its past is the person's, not the act's. A past participle on a thing ("gave up the arsenal left
    on its territory in the 1990s") dates the thing the act is about, and so the act."""
    noun = participle.head
    return participle.tag_ != "VBN" or noun.ent_type_ in ("PERSON", "NORP") or noun.pos_ in ("PROPN", "PRON") \
        or noun.lemma_ in PEOPLE_NOUNS


def _packaged_classifier() -> Any:
    """The shipped classifier; without one (a build that did not train it) the lexicon codes alone."""
    import warnings

    try:
        from allegiance.coding.classifier import load_classifier
    except ModuleNotFoundError as exc:
        if exc.name != "allegiance.coding.classifier":
            raise
        warnings.warn("no event classifier in this build: coding with the lexicon alone", stacklevel=3)
        return None
    return load_classifier()


def _code_info(code: str, strict: bool) -> Any:
    book = cameo.load_codebook()
    known = book.resolve(code)
    if known is not None:
        return book.codes[known]
    if strict:
        return None
    return cameo.CodeInfo(code=code, root=code[:2], name="(not CAMEO)", goldstein=0.0, quad_class=1,
                          plover=None, plover_mode=None)


def event_id(article_id: str, cand: Candidate, code: str) -> str:
    """Stable across runs: the same article, sentence, code, actors and spans give the same id."""
    def actor(m: Any) -> str:
        return "" if m is None else f"{m.actor.id or m.actor.name}@{m.span.start}-{m.span.end}"

    key = "|".join([article_id, str(cand.sentence_index), code, str(cand.trigger), actor(cand.source), actor(cand.target)])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def book_intensity(info: Any) -> float:
    return cameo.intensity(info.code) if info.code in cameo.load_codebook().codes else info.goldstein


@functools.lru_cache(maxsize=1)
def default_coder() -> Coder:
    coder = Coder()
    # The model, lexicon, knowledge base and gazetteer are a quarter of a million objects that live as
    # long as the process; left to the cyclic garbage collector, every full collection walks them all
    # (about 1 ms an article of coding). Freezing moves what exists now out of its reach; at exit they
    # are handed back, so the interpreter's last collection still frees them (and extension modules
    # such as DuckDB's do not report them as leaked).
    gc.collect()
    gc.freeze()
    atexit.register(gc.unfreeze)
    return coder


def code(article: Article | Text | dict[str, Any], doc: "Doc | None" = None) -> list[Event]:
    """The events one article reports (the process-wide coder)."""
    return default_coder().code(article, doc)


def code_articles(store: "Store", article_ids: Sequence[str] | None = None, *, progress: bool = False,
                  batch_size: int = 32, commit_every: int = 64, coder: Coder | None = None,
                  merge: bool = True) -> int:
    """(Re-)code stored articles — all, or ``article_ids`` — replacing each one's events atomically.

    Near-duplicate articles (``duplicate_of`` set) are skipped: their first copy carries the events.
    With ``merge`` the canonical events are recomputed afterwards (a caller coding articles a few at a
    time passes False and merges once at the end). Returns the number of events stored.
    """
    from allegiance.store.events import ids_to_code

    ids = ids_to_code(store, article_ids)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(ids), unit="article", desc="coding")
    stored = code_stream(store, ids, batch_size=batch_size, commit_every=commit_every, coder=coder,
                         on_commit=bar.update if bar is not None else None)
    if bar is not None:
        bar.close()
    if merge:
        from allegiance.scale.mentions import merge_mentions

        merge_mentions(store)
    return stored


def code_stream(store: "Store", articles: Iterable[str | Article], *, batch_size: int = 32, commit_every: int = 64,
                coder: Coder | None = None, on_commit: Callable[[int], Any] | None = None) -> int:
    """Code stored first copies as they arrive, in one parse stream, replacing each one's events.

    ``articles`` may be lazy: ingest hands over each article as soon as it is stored, so parsing
    never waits for a batch boundary. An id is read from the store, ``batch_size`` at a time (never
    the whole store at once); an Article just stored is coded as it is, without reading it back.
    The events of every ``commit_every`` articles are committed in one transaction; ``on_commit`` is
    told how many articles each commit covered. Returns the number of events stored.
    """
    from allegiance.store.events import articles_to_code, replace_many

    coder = coder or default_coder()

    def rows() -> Iterator[dict[str, Any] | Article]:
        group: list[str] = []
        for article in articles:
            if isinstance(article, Article):
                yield from articles_to_code(store, group)  # in the order they came
                group = []
                yield article
                continue
            group.append(article)
            if len(group) >= batch_size:
                yield from articles_to_code(store, group)
                group = []
        yield from articles_to_code(store, group)

    stored = [0]

    def commit(pending: list[tuple[str, list[Event]]]) -> None:
        stored[0] += replace_many(store, pending, coder_version=CODER_VERSION)
        # The events written (about 20 KB an article) fill DuckDB's block cache far faster than the input
        # text ingest counts for its own drops: without this the cache swung by up to 15 MB.
        store.drop_cache()
        if on_commit is not None:
            on_commit(len(pending))

    pending: list[tuple[str, list[Event]]] = []
    # Commits run in a thread behind the coder: DuckDB's insert releases the GIL, so it overlaps the
    # next parse instead of holding it up. The parse stays in this process: parsing and coding in a
    # forked child while this process stored was slower (docs/coding-speed.md, ninth session).
    with behind(commit, depth=2) as submit:
        for item, events in coder.code_many(rows(), batch_size):
            pending.append((item.article_id, events))
            if len(pending) >= commit_every:
                submit(pending)
                pending = []
        if pending:
            submit(pending)
    return stored[0]
