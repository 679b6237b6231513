"""Stage verb ``code``: mentions → predicate–argument candidates → classification → events."""

from allegiance.coding.code import CODER_NAME, CODER_VERSION, Coder, code, code_articles

__all__ = ["CODER_NAME", "CODER_VERSION", "Coder", "code", "code_articles"]
