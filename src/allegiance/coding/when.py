"""When an event happened: date expressions in its sentence or paragraph, resolved against publication.

``find_dates(text, published)`` returns every date expression in a text with its character offsets, the
date it denotes and its precision (day, week, month, year). News writes relative to the day it is
published ("on Monday", "yesterday", "last month"), and a day-month with no year ("September 16") means
the most recent such day, not one in the future. The coder takes the expression nearest the trigger in
the sentence, else the nearest one earlier in the paragraph, else the story's current day
(``Timeline``), else the publication date marked ``published`` — never the publication date for an event
the text dates to another time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}

_MON = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    ("mon_day", re.compile(_MON + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+" + _YEAR + r"\b)?")),
    ("day_mon", re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r"(?:,?\s+" + _YEAR + r"\b)?")),
    ("mon_year", re.compile(r"\b(?:(?:in|of|since|during|until|by|from|early|late|mid-?)\s+(?:an?\s+|the\s+)?)?"
                            + _MON + r",?\s+" + _YEAR + r"\b", re.I)),
    ("month", re.compile(r"\b(?P<rel>(?i:in|last|this|early|late|mid-?|earlier in|since|during))\s+" + _MON
                         + r"(?!\s+\d)\b(?:,?\s+(?:of\s+)?(?P<yrel>last|this|next)\s+year\b)?")),
    # Not a span of years ("chaired the SCO in 2023–2024"): it runs on to its last year, so its first dates nothing.
    ("year", re.compile(r"\b(?:in|since|during|of|from)\s+(?:early\s+|late\s+|mid-?)?" + _YEAR + r"\b(?![-–—/]\d)", re.I)),
    # "broke away in a war in 1992-93": a span of years long past is history, dated by its last year.
    ("yearspan", re.compile(r"\b(?:in|during|from)\s+(?P<first>(?:19|20)\d\d)[-–—/](?P<last>(?:19|20)?\d\d)\b(?![-–—/]\d)",
                            re.I)),
    ("dayoff", re.compile(r"\b(?P<word>(?:a|one) day after)\b", re.I)),
    ("decade", re.compile(r"\b(?:in\s+|during\s+|since\s+)?the\s+(?:early\s+|late\s+|mid-?)?(?P<decade>(?:19|20)\d0)s\b", re.I)),
    ("weekday", re.compile(r"\b(?:(?P<rel>(?i:last|this|on|next))\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")),
    ("relday", re.compile(r"\b(?P<word>yesterday|today|tonight|tomorrow|this morning|this afternoon|this evening|last night)\b", re.I)),
    ("relperiod", re.compile(r"\b(?P<rel>last|this|next|earlier this|later this|earlier in the|past)\s+(?P<unit>week|month|year)\b",
                             re.I)),
    ("ago", re.compile(r"\b(?P<exact>exactly\s+)?(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
                       r"(?P<unit>day|week|month|year)s?\s+ago\b", re.I)),
]
# "a claim Iran denied the next day", "who arrived the previous evening", "two days later": days counted from the
# date the sentence has just told (else, counted back, from publication).
SHIFT = re.compile(r"\b(?:the\s+(?P<next>next|following)\s+(?:day|morning|evening|night)|the\s+(?:previous|preceding)\s+"
                   r"(?:day|morning|evening|night)|the\s+(?:day|evening|night)\s+before\b(?!\s+(?:the|a|an|his|her|its|their)\b)|"
                   r"(?P<n>a|one|two|three|four|five|\d)\s+days?\s+(?P<dir>later|earlier))\b", re.I)
# "Hours later", "within hours", "the same night", "later that day": the day the story has just told.
ANAPHOR = re.compile(r"\b(?:(?:hours|minutes|moments)\s+(?:later|afterwards)|within\s+(?:hours|minutes)|"
                     r"(?:later\s+)?(?:that|the\s+same)\s+(?:day|night|evening|morning|afternoon)|"
                     r"shortly\s+(?:afterwards|after\s+that))\b", re.I)
MONTHS_AHEAD = 2  # a bare month name up to this many months after publication is still to come
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10}


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    date: dt.date
    precision: str  # day|week|month|year
    # "hours later", "the same night" with no date before it in its sentence: the day the story told last,
    # which ``event_date`` looks up (``date`` is then only a placeholder)
    anaphor: bool = False
    recent: bool = False  # the day the story told last, flashbacks included (``Timeline.current``)
    said: bool = False  # the day something was said ("officials said on Saturday"), not the day of what they said


def _month_back(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) - n
    return index // 12, index % 12 + 1


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _resolve(kind: str, m: re.Match[str], pub: dt.date) -> tuple[dt.date, str] | None:
    g = m.groupdict()
    if kind == "iso":
        d = _safe(int(g["y"]), int(g["m"]), int(g["d"]))
        return (d, "day") if d else None
    if kind in ("mon_day", "day_mon"):
        month, day = MONTHS[g["mon"].lower().rstrip(".")], int(g["day"])
        if g.get("year"):
            d = _safe(int(g["year"]), month, day)
            return (d, "day") if d else None
        d = _safe(pub.year, month, day)
        # A day-month with no year in a news story is the latest one not far in the future.
        if d and d > pub + dt.timedelta(days=31):
            d = _safe(pub.year - 1, month, day)
        return (d, "day") if d else None
    if kind == "mon_year":
        return dt.date(int(g["year"]), MONTHS[g["mon"].lower().rstrip(".")], 1), "month"
    if kind == "month":
        month = MONTHS[g["mon"].lower().rstrip(".")]
        # A month just ahead is the coming one ("are due to meet in July" in a June story); further ahead, the
        # last one ("clashes in October" in a May story).
        rel = g["rel"].lower()
        ahead = month > pub.month and rel != "last" and (month - pub.month <= MONTHS_AHEAD or rel == "this")
        year = pub.year if month <= pub.month or ahead else pub.year - 1
        if g.get("yrel"):  # "in February last year": the year is said outright
            year = pub.year + {"last": -1, "this": 0, "next": 1}[g["yrel"].lower()]
        return dt.date(year, month, 1), "month"
    if kind == "year":
        year = int(g["year"])
        # "in 2030" in a 2023 story is a target date, not when anything happened.
        return (dt.date(year, 1, 1), "year") if year <= pub.year else None
    if kind == "yearspan":
        first, last = g["first"], g["last"]
        year = int(last) if len(last) == 4 else int(first[:2] + last)
        # A span that runs on to the story's year ("chaired the SCO in 2023-2024") dates nothing it tells.
        return (dt.date(year, 1, 1), "year") if int(first) < year < pub.year else None
    if kind == "dayoff":
        return pub - dt.timedelta(days=1), "day"
    if kind == "decade":
        return dt.date(int(g["decade"]), 1, 1), "year"
    if kind == "weekday":
        wd = WEEKDAYS[g["wd"].lower()]
        rel = (g.get("rel") or "").lower()
        if rel == "next" or (rel != "last" and _planned(m.string[:m.start()])):
            ahead = (wd - pub.weekday()) % 7 or 7
            return pub + dt.timedelta(days=ahead), "day"
        back = (pub.weekday() - wd) % 7
        if rel == "last" and back == 0:
            back = 7
        return pub - dt.timedelta(days=back), "day"
    if kind == "relday":
        word = g["word"].lower()
        offset = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
        return pub + dt.timedelta(days=offset), "day"
    if kind == "relperiod":
        rel, unit = g["rel"].lower(), g["unit"].lower()
        if rel == "later this" and unit != "year":  # "will practise joint firing later this week": a plan's date
            return pub + dt.timedelta(days=1), unit
        step = {"last": -1, "past": -1, "next": 1}.get(rel, 0)
        if unit == "week":
            start = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=step)
            return start, "week"
        if unit == "month":
            y, mo = _month_back(pub.year, pub.month, -step)
            return dt.date(y, mo, 1), "month"
        if step == 0:
            # "this year", "earlier this year", "earlier in the year": a span that runs up to publication, so
            # the act may be as recent as the story; dated by the story's day, at the precision of a year.
            return pub, "year"
        return dt.date(pub.year + step, 1, 1), "year"
    if kind == "ago":
        raw = g["n"].lower()
        n = int(raw) if raw.isdigit() else _NUMBERS[raw]
        unit = g["unit"].lower()
        if unit == "day":
            return pub - dt.timedelta(days=n), "day"
        if unit == "week":
            return pub - dt.timedelta(weeks=n), "week"
        if unit == "month":
            y, mo = _month_back(pub.year, pub.month, n)
            exact = _safe(y, mo, pub.day) if g.get("exact") else None  # "exactly two months ago": to the day
            return (exact, "day") if exact else (dt.date(y, mo, 1), "month")
        exact = _safe(pub.year - n, pub.month, pub.day) if g.get("exact") else None
        return (exact, "day") if exact else (dt.date(pub.year - n, 1, 1), "year")
    return None


# "will hold exercises from Monday", "is due in Pyongyang on Tuesday": a plan's weekday is the coming one, unless
# a verb of saying comes between ("will visit Ankara, he said on Monday").
_PLAN = re.compile(r"\b(?:will|shall|is due|are due|due to|scheduled|set to|to be held)\b(?![^.;]*\b(?:said|says|told|"
                   r"announced|added|reported|confirmed)\b)[^.;]*$", re.I)


def _planned(before: str) -> bool:
    return _PLAN.search(before) is not None


# Every pattern needs a digit or one of these words; most sentences have neither and are skipped at once.
_ANY = re.compile(r"\d|day\b|night|morning|afternoon|evening|week|month|year|ago\b|"
                  r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", re.I)


# What each pattern cannot match without, checked by substring tests before its scan (most wire sentences pass
# ``_ANY`` on "said on Monday" alone): whether a digit is needed, then words of which one must occur, in the
# text as written for a case-sensitive pattern, else in the lowered text.
_MON_CAP = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_PARTS_OF_DAY = ("day", "night", "morning", "afternoon", "evening")
_NEEDS: dict[str, tuple[bool, tuple[str, ...], bool]] = {
    "iso": (True, ("-",), True),
    "mon_day": (True, _MON_CAP, True),
    "day_mon": (True, _MON_CAP, True),
    "mon_year": (True, tuple(m.lower() for m in _MON_CAP), False),
    "month": (False, _MON_CAP, True),
    "year": (True, (), False),
    "yearspan": (True, (), False),
    "dayoff": (False, ("day",), False),
    "decade": (True, ("0s",), False),
    "weekday": (False, ("day",), True),
    "relday": (False, _PARTS_OF_DAY + ("tomorrow",), False),
    "relperiod": (False, ("week", "month", "year"), False),
    "ago": (False, ("ago",), False),
    "dateline": (True, _MON_CAP, True),
    "stamp": (False, ("published", "updated", "posted", "last", ":"), False),
    "shift": (False, _PARTS_OF_DAY, False),
    "anaphor": (False, _PARTS_OF_DAY + ("later", "afterwards", "within", "shortly"), False),
}
_DIGIT = re.compile(r"\d")
# Under re.I these also match ASCII letters ("ı" and "İ" match "i", "ſ" matches "s") but lower to something else.
_FOLDS_ODDLY = ("ı", "İ", "ſ")


def _prefilter_inputs(text: str) -> tuple[str | None, bool]:
    """What ``_could_match`` and ``_has_any`` read of ``text``: its lowered form (None when lowering does not
    show what a case-insensitive match would see) and whether it holds a digit."""
    low = None if any(c in text for c in _FOLDS_ODDLY) else text.lower()
    return low, _DIGIT.search(text) is not None


def _could_match(kind: str, text: str, low: str | None, digit: bool, seen: dict[int, bool] | None = None) -> bool:
    """False only when pattern ``kind`` surely finds nothing in ``text``; ``low`` is ``text.lower()``, or None
    when lowering does not show what a case-insensitive match would see. ``seen`` keeps the answer for each
    list of words (several patterns share one) for this text."""
    needs_digit, words, cased = _NEEDS[kind]
    if needs_digit and not digit:
        return False
    if not words or (low is None and not cased):
        return True
    if seen is None:
        return any(w in (text if cased else low) for w in words)
    key = id(words) * 2 + cased
    known = seen.get(key)
    if known is None:
        within = text if cased else low
        known = seen[key] = any(w in within for w in words)
    return known


# ``_ANY``'s words: a text whose lowered form holds none of them, nor a digit, has no date expression. Those
# that ``_ANY`` asks for without a word boundary around them show, when found, that ``_ANY`` matches.
_ANY_WORDS = ("day", "night", "morning", "afternoon", "evening", "week", "month", "year", "ago", "jan", "feb", "mar",
              "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ANY_UNBOUNDED = ("night", "morning", "afternoon", "evening", "week", "month", "year")


def _has_any(text: str, low: str | None, digit: bool) -> bool:
    """``_ANY.search(text)``, answered from substring tests where they settle it: ``low`` (see ``_could_match``)
    has the letters ``re.I`` sees, at the same places (only "İ" lowers to two characters)."""
    if digit:
        return True
    if low is not None:
        if not any(w in low for w in _ANY_WORDS):
            return False
        if any(w in low for w in _ANY_UNBOUNDED):
            return True
    return _ANY.search(text) is not None


# "KYIV, Sept 24 (Reuters) -": the date a story was filed, glued by the parser to its first sentence.
_DATELINE = re.compile(r"^[A-Z][A-Z.'’ /-]*[A-Z.],?[ \t]+" + _MON.replace("(?P<mon>", "(?:")
                       + r"[ \t]+\d{1,2}(?:,?[ \t]+\d{4})?[ \t]*(?:\([^)\n]{1,40}\))?[ \t]*[-—–]", re.MULTILINE)


# "PUBLISHED: 17:42, Thu, Jul 27, 2023 | UPDATED: 19:05, ...", "Updated 12 March 2024": a page's time stamp,
# a line of its own that a parse may glue to the byline or lead.
_STAMP = re.compile(r"^[ \t]*(?:(?:published|updated|posted|last[ \t]+(?:updated|modified))\b:?[ \t]*(?:on[ \t]+)?"
                    r"(?=\d|[A-Z][a-z]{2}\b)|\d{1,2}:\d\d,?[ \t]+(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b)[^\n]*$", re.MULTILINE | re.IGNORECASE)


def find_dates(text: str, published: dt.date) -> list[DateMention]:
    """Every date expression in ``text``; where two overlap, the longer (more specific) one wins. The
    dateline's date is the publication date, not a date the story gives any act, so it is left out; so is
    a page's time stamp, which is when the page was made, not a day the story has reached."""
    low, digit = _prefilter_inputs(text)
    if not _has_any(text, low, digit):
        return []
    seen: dict[int, bool] = {}
    found: list[DateMention] = [DateMention(m.start(), m.end(), m.group(0), published, "published")
                                for kind, pattern in (("dateline", _DATELINE), ("stamp", _STAMP))
                                if _could_match(kind, text, low, digit, seen) for m in pattern.finditer(text)]
    datelines = len(found)
    for kind, pattern in PATTERNS:
        if not _could_match(kind, text, low, digit, seen):
            continue
        for m in pattern.finditer(text):
            resolved = _resolve(kind, m, published)
            if resolved is None:
                continue
            if any(f.start <= m.start() < f.end or m.start() <= f.start < m.end() for f in found):
                continue
            found.append(DateMention(m.start(), m.end(), m.group(0), resolved[0], resolved[1]))
    dated = sorted(found[datelines:], key=lambda f: f.start)
    for m in SHIFT.finditer(text) if _could_match("shift", text, low, digit, seen) else ():
        if any(f.start <= m.start() < f.end or m.start() <= f.start < m.end() for f in found):
            continue
        shifted = _shift(m, [d for d in dated if d.end <= m.start()], published)
        if shifted is not None:
            found.append(shifted)
    for m in ANAPHOR.finditer(text) if _could_match("anaphor", text, low, digit, seen) else ():
        if any(f.start <= m.start() < f.end or m.start() <= f.start < m.end() for f in found):
            continue
        told = [d for d in found[datelines:] if d.end <= m.start() and d.precision == "day"]
        found.append(DateMention(m.start(), m.end(), m.group(0), told[-1].date, "day") if told
                     else DateMention(m.start(), m.end(), m.group(0), published, "day", anaphor=True))
    return [dataclasses.replace(d, said=True) if _SAID.search(text, 0, d.start) else d
            for d in sorted(found[datelines:], key=lambda f: f.start)]


# "the health ministry said on Saturday", "told reporters on Monday": the date of a report.
_SAID = re.compile(r"\b(?:said|says|told\s+(?:reporters|journalists|a\s+news\s+conference|\w+)|announced|reported|"
                   r"added|confirmed|stated)\s*$", re.I)


def _shift(m: re.Match[str], before: list[DateMention], published: dt.date) -> DateMention | None:
    """A day counted from the last date told before it; with none, a day counted back from publication
    ("the previous day"), and nothing for one counted forward, which would be a day not yet come."""
    g = m.groupdict()
    n = 1 if not g["n"] else (int(g["n"]) if g["n"].isdigit() else _NUMBERS[g["n"].lower()])
    days = n if g["next"] or (g["dir"] or "").lower() == "later" else -n
    anchor = before[-1] if before else None
    if anchor is None:
        return DateMention(m.start(), m.end(), m.group(0), published + dt.timedelta(days=days), "day") if days < 0 else None
    if anchor.precision != "day":  # "last month ..., the next day": the month is all the text says
        return DateMention(m.start(), m.end(), m.group(0), anchor.date, anchor.precision)
    return DateMention(m.start(), m.end(), m.group(0), anchor.date + dt.timedelta(days=days), "day")


def nearest(mentions: list[DateMention], position: int) -> DateMention | None:
    """The date expression closest to a character position (ties go to the one after it: "met on Monday")."""
    if not mentions:
        return None
    return min(mentions, key=lambda d: (min(abs(d.start - position), abs(d.end - position)), d.start < position))


def event_date(
    sentence_dates: list[DateMention], paragraph_dates: list[DateMention], trigger_offset: int,
    published: dt.date | None,
) -> tuple[dt.date | None, str | None]:
    """The event's date and precision; ``published`` precision when the text gives none. A "since ..."
    date ("who has ruled since 1992", "their first meeting since 2019") starts a state of affairs, and a
    date after publication is a plan's: neither dates the act the sentence reports."""
    found = nearest([d for d in sentence_dates if _may_date(d, published) or d.anaphor], trigger_offset)
    if found is not None and found.anaphor:
        # "Hours later, he declared a state of emergency": the day told last, even one the story looked back to
        told = [d for d in paragraph_dates if d.precision == "day" and _may_date(d, published)]
        found = next((d for d in told if d.recent), told[-1] if told else None)
        if found is None:
            return (published, "published") if published else (None, None)
        return found.date, found.precision
    if found is None and published is not None and any(_planned_day(d, published) for d in sentence_dates):
        # "are due to meet on Thursday", "is due in Tashkent early next month": a sentence that dates only a
        # plan tells it on the day of the story, not on a day an earlier sentence gave another act
        return published, "published"
    paragraph_dates = [d for d in paragraph_dates if _may_date(d, published) and not d.recent]
    if found is None and paragraph_dates:
        # the day the paragraph has reached, over a year or a month it mentions in passing ("spoke on Thursday,
        # their first conversation since a border clash in 2020. The two leaders agreed ...")
        found = ([d for d in paragraph_dates if d.precision == "day"] or paragraph_dates)[-1]
    if found is not None:
        return found.date, found.precision
    return (published, "published") if published else (None, None)


def _planned_day(mention: DateMention, published: dt.date) -> bool:
    """A date surely to come: not a bare month read as the coming one ("handed over in September" in a July
    story may be last September)."""
    return mention.date > published and not mention.anaphor and (
        mention.precision != "month" or any(w in mention.text.lower() for w in ("next", "later")))


def _may_date(mention: DateMention, published: dt.date | None) -> bool:
    """A "since" date starts a state of affairs; a date after publication ("will meet next week", "due in
    Kazan tomorrow", "until Sept. 20") is when something is planned, and a plan is dated by the day it
    was announced."""
    if mention.text[:6].lower() == "since " or mention.anaphor:
        return False
    return published is None or mention.date <= published


def lead_dates(dates: list[DateMention], published: dt.date | None) -> list[DateMention]:
    """The dates a headline or a caption takes from the lead paragraph it sums up: the lead's first day
    ("agree ceasefire" over "... agreed to a ceasefire on Friday"), else whatever the lead dates."""
    timeline = Timeline(published)
    timeline.read(dates)
    return [d for d in timeline.current if not d.recent] or [d for d in dates if _may_date(d, published)]


class Timeline:
    """The day a story has reached, for sentences that carry no date of their own.

    Wire copy dates its lead ("Putin said on Saturday ...") and then reports the same day's acts without
    repeating the date ("He accused the United States ..."); a later day moves the story on ("Ukraine
    demanded a meeting on Sunday"). A day earlier than the one reached is a flashback ("Peskov confirmed
    on Wednesday ..." in a story about Monday's talks) and does not move it back. Only days count: a
    month or a year is too vague to date the sentences after it, and dates after publication are plans.
    Feed it every sentence's dates in order with ``read``; ``current`` is what undated sentences take.
    """

    def __init__(self, published: dt.date | None):
        self.published = published
        self._day: DateMention | None = None
        self._recent: DateMention | None = None  # the day told last, flashbacks included

    def read(self, dates: list[DateMention]) -> None:
        if self.published is None:
            return
        days = [d for d in dates if d.precision == "day" and _may_date(d, self.published)]
        # a day counted from another ("who arrived the previous evening") is a side note, not the day told
        told = [d for d in days if not SHIFT.fullmatch(d.text)]
        if told:
            self._recent = told[-1]
        if self._day is not None:
            # a later report of what happened does not move the story on to the day it was made
            days = [d for d in days if d.date >= self._day.date and not d.said]
        if days:
            self._day = days[0] if self._day is None else days[-1]

    @property
    def current(self) -> list[DateMention]:
        """The story's day; before it, marked ``recent``, the day told last when that was a flashback, which
        only "hours later" and the like take up."""
        if self._day is None:
            return []
        if self._recent is None or self._recent.date == self._day.date:
            return [self._day]
        return [dataclasses.replace(self._recent, recent=True), self._day]
