"""The headline of a stored article is coded with its story, and its events point into the title.

Ingest keeps the title apart and takes a first line repeating it out of the clean text, so without this
the coder would never read a headline. Headlines carry the story's main event, sometimes in words the
body never repeats ("Kyrgyz and Tajik forces clash on border"). The coder reads the title as the first
line of the text, as a reader does and as the gold articles are written, where the layout rules code
a headline and a lead that tell one event once. Evidence keeps pointing into the clean text: an event
read from the headline has ``part`` "title" and spans into the title; an event of the body whose source
or target was found in the headline keeps that actor without a span.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from allegiance.ingest.clean import line_key
from allegiance.models import Event, Evidence, Location, Span

SEPARATOR = "\n\n"  # a paragraph of its own: the headline's dates and actors do not run into the lead


def with_title(title: str | None, clean_text: str) -> tuple[str, int]:
    """The text to code and how many of its characters the headline takes (0: none put in front).

    A clean text that already opens with its title, as ingest's cleaning compares lines, is coded as it is."""
    headline = " ".join((title or "").split())
    if not headline or line_key(clean_text.lstrip().split("\n", 1)[0]) == line_key(headline):
        return clean_text, 0
    return headline + SEPARATOR + clean_text, len(headline) + len(SEPARATOR)


def to_clean(events: Sequence[Event], offset: int, sentence_starts: Sequence[int]) -> list[Event]:
    """``events`` coded from the text ``with_title`` made, pointing into the title or the clean text.

    ``sentence_starts`` are the character offsets of the coded text's sentences: the headline's
    sentences are counted apart from the clean text's."""
    if not offset:
        return list(events)
    in_title = sum(1 for start in sentence_starts if start < offset)
    return [_moved(event, offset, in_title) for event in events]


def _moved(event: Event, offset: int, in_title: int) -> Event:
    evidence = event.evidence
    if evidence.trigger.start < offset:
        return _copied(event, evidence=_copied(evidence, part="title"))

    def back(span: Span | None) -> Span | None:
        # An actor of a body sentence found in the headline (a verdict's target told there) has no place
        # in the clean text: the actor stays, its span goes.
        if span is None or span.start < offset:
            return None
        return _copied(span, start=span.start - offset, end=span.end - offset)

    location = event.location
    if location is not None and location.span is not None:
        location = _copied(location, span=back(location.span))
    moved = _copied(evidence, sentence_index=evidence.sentence_index - in_title, trigger=back(evidence.trigger),
                    source=back(evidence.source), target=back(evidence.target))
    return _copied(event, evidence=moved, location=location)


# ``dataclasses.replace`` runs ``__init__``, which writes each field of a frozen record through
# ``object.__setattr__`` (an Event has 23); these records have no ``__post_init__`` to run, so copying the
# fields makes the same record.
assert not any(hasattr(cls, "__post_init__") for cls in (Event, Evidence, Location, Span))


def _copied(record: Any, **changes: Any) -> Any:
    """``dataclasses.replace(record, **changes)`` for a frozen record without ``__post_init__``."""
    new = object.__new__(type(record))
    fields = new.__dict__
    fields.update(record.__dict__)
    fields.update(changes)
    return new
