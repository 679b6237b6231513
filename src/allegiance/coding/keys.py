"""Actor keys: the code an actor counts as when events are compared, collapsed or scored.

An actor counts as its organization whenever it has one (a UN official has no country; Prigozhin is
WAGNER; the European Commission is the EU), with two refinements taken from the knowledge base:

- a national institution, state company, party or medium (an organization with a country that is not an
  armed or political group: FSB, PLA, Xinhua) counts as its country — "Russia's FSB detained ..." is RUS;
- a body with a parent also counts as its top-level parent (UNSC → UN, EU_COUNCIL → EU); ``actor_keys``
  lists the body's own code first, so a scorer may accept either (IAEA is its own key in the gold set).

Otherwise the key is the country; an actor with neither has no key (never the string "None").
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from allegiance.models import Actor

GROUP_TYPES = {"armed_group", "group"}  # keep their own code even when the KB gives them a country


@functools.lru_cache(maxsize=1)
def _organizations() -> Mapping[str, Any]:
    from allegiance.actors.kb import load_kb

    return load_kb().organizations


@functools.lru_cache(maxsize=4096)
def organization_keys(code: str, country: str | None = None) -> tuple[str, ...]:
    """The keys an organization code stands for: itself and its ancestors, top-level last; or its country."""
    orgs = _organizations()
    org = orgs.get(code)
    if org is None:
        return (code,)  # not in the shipped KB (a foreign dictionary's actors): the code as it is
    if org.country and org.type not in GROUP_TYPES:
        return (country or org.country,)
    chain = [code]
    while org is not None and org.parent and org.parent not in chain:
        chain.append(org.parent)
        org = orgs.get(org.parent)
    return tuple(chain)


@functools.cache
def _is_mapping(kind: type) -> bool:
    """Whether values of a type are mappings: asked once per type, as an ABC ``isinstance`` costs more
    than the rest of a key."""
    return issubclass(kind, Mapping)


def _fields(actor: Any) -> tuple[str | None, str | None]:
    if _is_mapping(type(actor)):
        return actor.get("country"), actor.get("organization")
    return getattr(actor, "country", None), getattr(actor, "organization", None)


def actor_keys(actor: Any) -> tuple[str, ...]:
    """All keys an actor (an ``Actor`` or its JSON dict) matches, most specific first; () when it has none."""
    if actor is None:
        return ()
    country, organization = _fields(actor)
    if organization:
        return organization_keys(organization, country)
    return (country,) if country else ()


def actor_key(actor: Any) -> str | None:
    """The one key an actor counts as within the coder: the top-level body, or the country."""
    if actor is None:
        return None
    # An Actor's fields read directly: the coder asks this of every mention it compares.
    country, organization = (actor.country, actor.organization) if type(actor) is Actor else _fields(actor)
    if organization:
        return organization_keys(organization, country)[-1]
    return country or None
