"""Name normalisation shared by the index and the lookups: one function, so both sides agree."""

from __future__ import annotations

import functools
import re
import unicodedata

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u2010": "-", "\u2011": "-",
                         "\u2012": "-", "\u2013": "-", "\u2014": "-", "_": " "})
_DROP = re.compile(r"[.\"“”()\[\],;:!?]")
_ARTICLES = ("the ", "a ", "an ")
# Letters NFKD does not decompose but which transliterations write plainly.
_PLAIN = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ʼ": "'", "ʻ": "'"})


@functools.lru_cache(maxsize=1 << 16)  # mentions repeat within and across articles
def normalise(text: str) -> str:
    """Lower case, no accents, no dots or brackets, single spaces; keeps hyphens and apostrophes.

    Idempotent: ``normalise(normalise(x)) == normalise(x)``.
    """
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES).lower().translate(_PLAIN))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower().translate(_QUOTES).translate(_PLAIN)
    text = _DROP.sub("", text)
    # "U. S." and "U.S." both become "us"; a hyphen standing alone is a dash, not part of a name.
    words = [w for w in text.split() if w.strip("-'")]
    return " ".join(words).strip(" -'")


def strip_article(key: str) -> str:
    for article in _ARTICLES:
        if key.startswith(article):
            return key[len(article):]
    return key


def key(text: str) -> str:
    """The lookup key of a name: normalised, without a leading article."""
    return strip_article(normalise(text))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalise(text)).strip("-")


# First names ending in -a that are men's names, for guessing the gender of people the KB lacks.
_MALE_A = frozenset({"nikita", "ilya", "foma", "kuzma", "luka", "luca", "joshua", "andrea", "mustafa", "musa",
                     "isa", "yahya", "zakaria", "hamza", "oleksa", "savva", "danila"})


def guess_gender(name: str) -> str | None:
    """Women's names in the region end in -a (Margarita, Maria) and their surnames in -ova/-eva/-ina/-aya."""
    parts = key(name).split()
    if not parts:
        return None
    first, last = parts[0], parts[-1]
    if (first.endswith("a") and first not in _MALE_A) or (len(parts) > 1 and last.endswith(("ova", "eva", "ina", "aya", "skaya"))):
        return "f"
    if len(parts) > 1 and last.endswith(("ov", "ev", "in", "sky", "skiy", "enko", "yan", "dze", "shvili")):
        return "m"
    return None
