from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from allegiance.actors.build import copy_actor, retext
from allegiance.models import Actor

_TEXT = st.none() | st.text(max_size=20)
_ACTORS = st.builds(Actor, id=_TEXT, name=st.text(max_size=20), type=st.sampled_from(["person", "state", "organization",
                                                                                     "group", "unknown"]),
                    country=_TEXT, organization=_TEXT, sector=_TEXT, role=_TEXT,
                    confidence=st.floats(0, 1), text=_TEXT)


@given(_ACTORS)
def test_copy_actor_is_a_new_equal_actor(actor: Actor) -> None:
    copied = copy_actor(actor)
    assert copied == dataclasses.replace(actor) and copied is not actor and type(copied) is Actor


@given(_ACTORS, _TEXT)
def test_retext_changes_the_text_alone(actor: Actor, text: str | None) -> None:
    before = actor.text
    changed = retext(actor, text)
    assert changed == dataclasses.replace(actor, text=text) and changed is not actor
    assert actor.text == before  # the copy's fields are its own
