"""Verb `aggregate`: dyad series, blocs, network, shifts, alerts, profiles and search over coded events.

Every function takes a :class:`allegiance.store.Store` and counts canonical events (one per story)
unless called with ``mentions=True``; see :mod:`allegiance.relations.common` for how actors are keyed.
"""
