"""Actors: the knowledge base (who is who, as of a date) and the verb ``resolve``."""

from allegiance.actors.kb import KnowledgeBase, load_kb
from allegiance.actors.resolve import Resolution, Resolver, resolve_document, resolver_for

__all__ = ["KnowledgeBase", "Resolution", "Resolver", "load_kb", "resolve_document", "resolver_for"]
