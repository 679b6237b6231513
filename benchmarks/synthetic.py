"""Realistic synthetic news for the benchmarks: datelined wire stories about leaders, blocs and states.

Deterministic for a seed; streamed, so a million articles never sit in memory at once.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path

LEADERS = [
    ("Russian President Vladimir Putin", "Putin", "MOSCOW"),
    ("Belarusian leader Alexander Lukashenko", "Lukashenko", "MINSK"),
    ("Kazakh President Kassym-Jomart Tokayev", "Tokayev", "ASTANA"),
    ("Tajik President Emomali Rahmon", "Rahmon", "DUSHANBE"),
    ("Uzbek President Shavkat Mirziyoyev", "Mirziyoyev", "TASHKENT"),
    ("Kyrgyz President Sadyr Japarov", "Japarov", "BISHKEK"),
    ("Armenian Prime Minister Nikol Pashinyan", "Pashinyan", "YEREVAN"),
    ("Azerbaijani President Ilham Aliyev", "Aliyev", "BAKU"),
    ("Chinese President Xi Jinping", "Xi", "BEIJING"),
    ("Turkish President Recep Tayyip Erdogan", "Erdogan", "ANKARA"),
    ("Indian Prime Minister Narendra Modi", "Modi", "NEW DELHI"),
    ("Ukrainian President Volodymyr Zelensky", "Zelensky", "KYIV"),
]
STATES = ["Russia", "Belarus", "Kazakhstan", "Tajikistan", "Uzbekistan", "Kyrgyzstan", "Armenia", "Azerbaijan",
          "China", "Turkey", "India", "Ukraine", "Georgia", "Iran"]
BLOCS = ["the CSTO", "the Eurasian Economic Union", "the Shanghai Cooperation Organisation", "the CIS", "NATO", "the EU"]
ACTS = [
    "{a} met {b} on {day} to discuss energy supplies and security.",
    "{a} signed an agreement with {b} on nuclear power and gas transit.",
    "{a} accused {b} of undermining regional stability.",
    "{a} praised {b} for its support during the talks.",
    "{a} urged {b} to resolve the border dispute peacefully.",
    "{a} rejected the proposal from {b} after a long debate.",
    "{a} threatened to impose sanctions on {b} over the pipeline.",
    "{a} invited {b} to a summit in {city} later this year.",
    "{a} condemned {b} for the shelling of border villages.",
    "{a} promised {b} new loans and investment in infrastructure.",
    "{a} hosted {b} for talks on trade and migration.",
    "Officials from {s} said {b} had agreed to expand military cooperation.",
]
FILLER = [
    "Trade between the two countries grew by {n} percent last year, according to official figures.",
    "The meeting came amid tensions over migration, labour rules and transit fees.",
    "Analysts said the region was watching closely for signs of a shift in alliances.",
    "The statement did not give further details about the timetable.",
    "Members of {bloc} are due to meet again before the end of the year.",
    "The ministry published a summary of the talks on its website.",
    "Energy prices have risen sharply across Central Asia since the start of the year.",
]
MONTHS = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _sentence_case(text: str) -> str:
    return text[0].upper() + text[1:]


def article(i: int, rng: random.Random) -> dict:
    published = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(1000))
    (a_full, a_short, city), (b_full, b_short, _) = rng.sample(LEADERS, 2)
    sentences = [f"{city}, {MONTHS[published.month - 1]} {published.day} (Reuters) - " +
                 rng.choice(ACTS).format(a=a_full, b=b_full, day=rng.choice(DAYS), city=city.title(), s=rng.choice(STATES))]
    for _ in range(rng.randint(5, 8)):
        if rng.random() < 0.5:
            sentences.append(rng.choice(ACTS).format(
                a=rng.choice([a_short, b_short, rng.choice(STATES), _sentence_case(rng.choice(BLOCS))]),
                b=rng.choice([b_short, a_short, rng.choice(STATES), rng.choice(BLOCS)]),
                day=rng.choice(DAYS), city=rng.choice(LEADERS)[2].title(), s=rng.choice(STATES)))
        else:
            sentences.append(rng.choice(FILLER).format(n=rng.randint(2, 40), bloc=rng.choice(BLOCS)))
    sentences.append(f"Reporting by newsroom desk {i % 97}; editing by staff {i % 13}, item {i}.")
    return {
        "id": f"syn-{i}",
        "title": f"{a_short} and {b_short} hold talks ({i})",
        "published": published.isoformat(),
        "source": rng.choice(["Reuters", "AP", "AFP", "TASS", "Kazinform", "BelTA"]),
        "text": " ".join(sentences[:4]) + "\n\n" + " ".join(sentences[4:]),
    }


def articles(n: int, seed: int = 7, start: int = 0) -> Iterator[dict]:
    rng = random.Random(seed * 1_000_003 + start)
    for i in range(start, start + n):
        yield article(i, rng)


def write_jsonl(path: Path, n: int, seed: int = 7) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for record in articles(n, seed):
            out.write(json.dumps(record) + "\n")
    return path
