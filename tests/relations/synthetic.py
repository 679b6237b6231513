"""Synthetic but realistic articles and coded events for the relations, API and browser tests.

The story it tells (so tests can check that the analysis finds it): Russia and Tajikistan cooperate
until September 2024 and then fall out; Armenia turns against Russia from July 2024 (a CSTO defector);
Kazakhstan, Kyrgyzstan and Belarus stay close to Russia; the US and Russia quarrel throughout. Some
stories are reported by two outlets and share a canonical event.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from dataclasses import dataclass, replace

from allegiance.models import Actor, Coder, Event, Evidence, Location, Span
from allegiance.store import Store
from allegiance.store.events import COLUMNS, event_row

STATES = {
    "RUS": ("Russia", "Moscow"), "TJK": ("Tajikistan", "Dushanbe"), "ARM": ("Armenia", "Yerevan"),
    "KAZ": ("Kazakhstan", "Astana"), "KGZ": ("Kyrgyzstan", "Bishkek"), "BLR": ("Belarus", "Minsk"),
    "CHN": ("China", "Beijing"), "USA": ("the United States", "Washington"), "TUR": ("Turkey", "Ankara"),
    "IRN": ("Iran", "Tehran"),
}
PEOPLE = {
    "RUS": ("p:vladimir-putin", "Vladimir Putin", "President of Russia"),
    "TJK": ("p:emomali-rahmon", "Emomali Rahmon", "President of Tajikistan"),
    "ARM": ("p:nikol-pashinyan", "Nikol Pashinyan", "Prime Minister of Armenia"),
    "KAZ": ("p:kassym-jomart-tokayev", "Kassym-Jomart Tokayev", "President of Kazakhstan"),
}
# cameo, root, plover, quad class, Goldstein, sentence template ({s} source, {t} target)
ACTIONS = {
    "coop": [
        ("043", "04", "CONSULT", 1, 2.8, "{s} held talks with {t} on regional security on Tuesday."),
        ("036", "03", "CONSULT", 1, 4.0, "{s} said it was ready to meet {t} to discuss trade."),
        ("057", "05", "AGREE", 1, 8.0, "{s} signed a treaty on military cooperation with {t}."),
        ("061", "06", "COOPERATE", 2, 6.4, "{s} agreed to expand economic cooperation with {t}."),
        ("070", "07", "AID", 2, 7.0, "{s} sent a convoy of humanitarian aid to {t}."),
        ("051", "05", "SUPPORT", 1, 3.5, "{s} praised {t} for its support in the region."),
    ],
    "conf": [
        ("112", "11", "ACCUSE", 3, -2.0, "{s} accused {t} of meddling in its internal affairs."),
        ("111", "11", "ACCUSE", 3, -2.0, "{s} criticised {t} over the detention of migrant workers."),
        ("130", "13", "THREATEN", 3, -4.4, "{s} threatened {t} with retaliation over the border dispute."),
        ("163", "16", "REDUCE", 4, -8.0, "{s} imposed an embargo on goods from {t}."),
        ("172", "17", "COERCE", 4, -5.0, "{s} expelled diplomats of {t} from the capital."),
    ],
}
PUBLISHERS = ["Caspian Wire", "Steppe Herald", "Pamir Daily", "Eurasia Monitor"]
CODER = Coder(name="synthetic", version="1")


@dataclass(frozen=True)
class Stored:
    event: Event
    canonical_id: str | None


def state_actor(iso3: str, text: str) -> Actor:
    return Actor(id=f"s:{iso3}", name=STATES[iso3][0], type="state", country=iso3, sector="GOV", text=text)


def person_actor(iso3: str) -> Actor:
    pid, name, role = PEOPLE[iso3]
    return Actor(id=pid, name=name, type="person", country=iso3, sector="GOV", role=role, text=name)


def csto_actor() -> Actor:
    return Actor(id="o:CSTO", name="Collective Security Treaty Organization", type="organization",
                 organization="CSTO", sector="IGO", text="the CSTO")


def mood(source: str, target: str, day: dt.date) -> float:
    """Probability that an event between the two is cooperative on that day (the storyline)."""
    pair = {source, target}
    if pair == {"RUS", "TJK"}:
        return 0.9 if day < dt.date(2024, 9, 1) else 0.1
    if pair == {"RUS", "ARM"}:
        return 0.85 if day < dt.date(2024, 7, 1) else 0.15
    if pair == {"RUS", "USA"}:
        return 0.15
    if "USA" in pair or "TUR" in pair:
        return 0.5
    return 0.85


def _id(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:16]


def make_event(rng: random.Random, article_id: str, published: dt.date, source: Actor, target: Actor,
               action: tuple, offset: int, index: int) -> tuple[Event, str]:
    cameo, root, plover, quad, goldstein, template = action
    s_text, t_text = source.text or source.name, target.text or target.name
    sentence = template.format(s=s_text, t=t_text)
    sentence = sentence[0].upper() + sentence[1:]
    s_at = sentence.find(s_text[1:]) - 1
    t_at = sentence.rfind(t_text)
    verb = sentence[s_at + len(s_text):].split()[0]
    v_at = sentence.find(verb, s_at + len(s_text))
    evidence = Evidence(
        sentence_index=index,
        trigger=Span(offset + v_at, offset + v_at + len(verb), verb),
        source=Span(offset + s_at, offset + s_at + len(s_text), sentence[s_at:s_at + len(s_text)]),
        target=Span(offset + t_at, offset + t_at + len(t_text), t_text),
    )
    capital = STATES.get(target.country or "RUS", ("", "Moscow"))[1]
    event = Event(
        event_id=_id(article_id, index, cameo, source.id, target.id),
        article_id=article_id, origin=f"synthetic/{article_id}.txt", published=published, date=published,
        date_precision="published", source=source, target=target, cameo=cameo, cameo_root=root,
        plover=plover, plover_mode=None, quad_class=quad, goldstein=goldstein,
        intensity=abs(goldstein) / 10, sentence=sentence, evidence=evidence,
        location=Location(name=capital, country=target.country, lat=None, lon=None),
        confidence=round(rng.uniform(0.6, 0.99), 2), coder=CODER,
    )
    return event, sentence


def insert_article(store: Store, article_id: str, title: str, text: str, published: dt.date, publisher: str) -> None:
    store.execute(
        """INSERT INTO articles (id, origin, title, url, publisher, author, language, published,
               published_precision, published_source, raw_text, clean_text, removed, coded_at, coder_version)
           VALUES (?, ?, ?, ?, ?, NULL, 'en', ?, 'day', 'metadata', ?, ?, '[]', current_timestamp, '1')""",
        [article_id, f"synthetic/{article_id}.txt", title, f"https://news.example/{article_id}", publisher,
         published, text, text],
    )


def insert_event(store: Store, event: Event, canonical_id: str | None) -> None:
    store.execute(
        f"INSERT INTO events ({', '.join(COLUMNS)}, canonical_id) VALUES ({', '.join('?' * (len(COLUMNS) + 1))})",
        [*event_row(event), canonical_id],
    )


def insert_canonical(store: Store, canonical_id: str, reports: list[Event]) -> None:
    first = reports[0]
    store.execute(
        """INSERT INTO canonical_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [canonical_id, first.event_id, first.date, min(e.date for e in reports), max(e.date for e in reports),
         first.published, first.source.id, first.target.id if first.target else None, first.source.country,
         first.target.country if first.target else None, first.cameo, first.cameo_root, first.plover,
         first.quad_class, first.goldstein, len(reports), len(reports), len(reports),
         json.dumps({"rule": "synthetic", "mentions": [
             {"event_id": e.event_id, "similarity": 1.0, "reason": "same actors and code, one day apart"}
             for e in reports[1:]]})],
    )


def pick_actor(rng: random.Random, iso3: str) -> Actor:
    if iso3 in PEOPLE and rng.random() < 0.3:
        return person_actor(iso3)
    return state_actor(iso3, STATES[iso3][0])


def populate(store: Store, *, seed: int = 7, articles: int = 240, start: dt.date = dt.date(2024, 1, 1),
             days: int = 366) -> list[Stored]:
    """Fill ``store`` with ``articles`` articles of 1–3 coded events each; returns what was stored."""
    rng = random.Random(seed)
    partners = ["TJK", "ARM", "KAZ", "KGZ", "BLR", "CHN", "USA", "TUR", "IRN"]
    stored: list[Stored] = []
    for n in range(articles):
        published = start + dt.timedelta(days=rng.randrange(days))
        article_id = _id("article", seed, n)
        sentences, events, offset = [], [], 0
        title = ""
        for index in range(rng.randint(1, 3)):
            other = rng.choice(partners)
            pair = ("RUS", other) if rng.random() < 0.6 else (other, "RUS")
            if rng.random() < 0.1:
                pair = (rng.choice(["KAZ", "KGZ", "TJK"]), rng.choice(["CHN", "TUR", "IRN"]))
            kind = "coop" if rng.random() < mood(pair[0], pair[1], published) else "conf"
            action = rng.choice(ACTIONS[kind])
            source = pick_actor(rng, pair[0])
            target = csto_actor() if pair[1] == "RUS" and rng.random() < 0.05 else pick_actor(rng, pair[1])
            event, sentence = make_event(rng, article_id, published, source, target, action, offset, index)
            title = title or sentence.rstrip(".")
            sentences.append(sentence)
            events.append(event)
            offset += len(sentence) + 1
        text = " ".join(sentences)
        publisher = rng.choice(PUBLISHERS)
        insert_article(store, article_id, title, text, published, publisher)
        for event in events:
            canonical = None
            if rng.random() < 0.15:  # a second outlet reports the same story the next day
                canonical = _id("canonical", event.event_id)
                copy_id = _id("copy", event.event_id)
                day = published + dt.timedelta(days=1)
                insert_article(store, copy_id, title, text, day, rng.choice(PUBLISHERS))
                copy = replace(event, event_id=_id(copy_id, event.event_id), article_id=copy_id,
                               origin=f"synthetic/{copy_id}.txt", published=day, date=day)
                insert_canonical(store, canonical, [event, copy])
                insert_event(store, copy, canonical)
                stored.append(Stored(copy, canonical))
            insert_event(store, event, canonical)
            stored.append(Stored(event, canonical))
    return stored
