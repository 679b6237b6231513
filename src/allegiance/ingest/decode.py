"""Bytes → text: byte-order marks, UTF-8, a declared charset, then charset detection.

Scraped Russian news is often cp1251 without any declaration, so a strict UTF-8 failure falls
through to charset-normalizer, which tells cp1251 from KOI8-R and friends by letter statistics.
Binary files (images, archives, PDFs) are refused rather than decoded into noise.
"""

from __future__ import annotations

import codecs

import charset_normalizer

from allegiance.errors import InputError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Signatures of common binary formats that can slip through a "text-looking" extension.
_MAGIC: tuple[bytes, ...] = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF")
_SNIFF = 8192
_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13))  # control bytes text does not hold


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any encoding we read (NULs, control bytes, magic numbers)."""
    head = data[:_SNIFF]
    if any(head.startswith(m) for m in _MAGIC):
        return True
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False  # UTF-16/32 text legitimately contains NUL bytes
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROLS))  # counted in C, not a loop over bytes
    return bool(head) and controls / len(head) > 0.05


def decode(data: bytes, origin: str, *, declared: str | None = None) -> str:
    """Decode ``data`` read from ``origin``; ``declared`` is a charset from HTTP headers or markup.

    Raises InputError for binary content or bytes no known encoding explains.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if looks_binary(data):
        raise InputError("binary file, not text", input=origin, hint="pass text, HTML, JSON Lines, feeds or WARC files")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(_normalise_charset(declared))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; detection below decides
    best = charset_normalizer.from_bytes(data[: 1 << 20]).best()
    if best is None or best.encoding is None:
        raise InputError("cannot determine the text encoding", input=origin, hint="convert the file to UTF-8")
    return data.decode(best.encoding, errors="replace")


def _normalise_charset(name: str) -> str:
    name = name.strip().strip("\"'").lower()
    # Browsers treat these labels as windows-1252; so do publishers who write them.
    return "cp1252" if name in {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"} else name
