from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from allegiance.errors import InputError
from allegiance.ingest.decode import decode, looks_binary

RUSSIAN = (
    "Президент России Владимир Путин провёл переговоры с президентом Белоруссии Александром Лукашенко "
    "в Сочи. Стороны обсудили поставки газа, кредиты и военное сотрудничество в рамках Союзного государства."
)


def test_utf8_passes_through() -> None:
    assert decode("Tokayev – “respect”".encode(), "a.txt") == "Tokayev – “respect”"


def test_cp1251_russian_is_detected_and_decoded() -> None:
    assert decode(RUSSIAN.encode("cp1251"), "ru.txt") == RUSSIAN


def test_koi8r_russian_is_detected_and_decoded() -> None:
    assert decode(RUSSIAN.encode("koi8-r"), "ru.txt") == RUSSIAN


def test_declared_charset_is_used_when_utf8_fails() -> None:
    assert decode("Café in Astana".encode("latin-1"), "p.html", declared="ISO-8859-1") == "Café in Astana"


@pytest.mark.parametrize("bom,encoding", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le")])
def test_byte_order_marks_are_honoured_and_dropped(bom: bytes, encoding: str) -> None:
    assert decode(bom + RUSSIAN.encode(encoding), "bom.txt") == RUSSIAN


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n" + bytes(range(256)), b"%PDF-1.7\n%\xe2\xe3", b"abc\x00\x00\x01def", bytes(range(32)) * 10],
)
def test_binary_content_is_rejected_with_the_input_named(data: bytes) -> None:
    assert looks_binary(data)
    with pytest.raises(InputError, match=r"^photo\.txt: binary file"):
        decode(data, "photo.txt")


def test_text_with_tabs_and_form_feeds_is_not_binary() -> None:
    assert not looks_binary(b"col1\tcol2\r\n\x0cnext page\n")


@given(st.binary(max_size=600))
def test_looks_binary_counts_control_bytes_as_the_plain_definition_does(data: bytes) -> None:
    from allegiance.ingest.decode import _BOMS, _MAGIC, looks_binary

    head = data[:8192]
    if any(head.startswith(m) for m in _MAGIC) or any(head.startswith(b) for b, _ in _BOMS) or b"\x00" in head:
        return
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    assert looks_binary(data) == (bool(head) and controls / len(head) > 0.05)
