"""Folding: curly quotes, dash variants and odd spaces made plain (``fold``), and accents dropped from
precomposed Latin letters (``fold_accents``), each one character for one, so positions in the folded
text are positions in the original. Cleaning compares lines folded, and ids hash folded text."""

from __future__ import annotations

import re
import unicodedata

# One character in, one character out, so positions in the folded text are positions in the original.
_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    }
)
# Captions are compared without accents too ("Erdogan" and "Erdoğan" copies): precomposed Latin
# letters map to their base letter, still one character for one.
_FOLD_ACCENTS = str.maketrans(
    {
        c: unicodedata.normalize("NFD", c)[0]
        for c in map(chr, range(0xC0, 0x250))
        if len(unicodedata.normalize("NFD", c)) > 1 and unicodedata.normalize("NFD", c)[0].isascii()
    }
)


class _Folder:
    """``text.translate(table)`` for a table of single characters, by a regular expression that finds
    the few characters to replace: ``str.translate`` looks up every character of the text in the table,
    which cost more than all the cleaning rules' searches."""

    def __init__(self, table: dict[int, str]):
        self._table = {chr(code): value for code, value in table.items()}
        self._chars = re.compile("[" + "".join(map(re.escape, self._table)) + "]")
        self._ascii_kept = all(ord(char) > 127 for char in self._table)

    def __call__(self, text: str) -> str:
        if self._ascii_kept and text.isascii():
            return text
        return self._chars.sub(self._replace, text)

    def _replace(self, match: re.Match[str]) -> str:
        return self._table[match[0]]


_fold = _Folder(_FOLD)
fold_accents = _Folder(_FOLD_ACCENTS)


def fold(text: str) -> str:
    """Same length as ``text``: curly quotes, dash variants and odd spaces made plain."""
    return _fold(text)


class Folds(dict):
    """``fold`` of each line, computed once per article: the rules run again until the text stops
    changing."""

    def __missing__(self, line: str) -> str:
        folded = self[line] = fold(line)
        return folded


__all__ = ["Folds", "fold", "fold_accents"]
