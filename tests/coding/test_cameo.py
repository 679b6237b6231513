import pytest

from allegiance.coding import cameo
from allegiance.errors import InvalidParameter


def test_codebook_has_all_codes_and_roots():
    book = cameo.load_codebook()
    assert len(book) == 312
    assert book.roots() == [f"{n:02d}" for n in range(1, 21)]
    assert len(book.plover_types()) == 16


def test_lookup_facts():
    info = cameo.lookup("0874")
    assert (info.root, info.quad_class, info.plover, info.plover_mode, info.level) == ("08", 2, "RETREAT", "disarm", "sub")
    assert info.goldstein == 10.0
    assert cameo.lookup("195").plover == "ASSAULT"
    assert cameo.lookup("173").plover_mode == "arrest"
    assert cameo.lookup("010").plover is None  # PLOVER 2021 dropped statements
    assert cameo.lookup("08").plover_alternatives == ("RETREAT",)


def test_icews_goldstein_variant():
    # ICEWS and GDELT disagree on 016; the project uses the ICEWS value
    assert cameo.lookup("016").goldstein == -5.0


def test_unknown_subcode_falls_back_to_parent():
    assert cameo.lookup("1959").code == "195"
    with pytest.raises(InvalidParameter):
        cameo.load_codebook().lookup("99")
    with pytest.raises(InvalidParameter):
        cameo.load_codebook().lookup("1959", fallback=False)


def test_every_code_has_consistent_root_and_quad():
    book = cameo.load_codebook()
    for code, info in book.codes.items():
        assert code.startswith(info.root)
        assert info.quad_class == book.codes[info.root].quad_class
        if info.plover:
            assert info.plover in book.plover_base


def test_intensity_scale():
    values = {c: cameo.intensity(c) for c in cameo.load_codebook().codes}
    assert all(-10 <= v <= 10 for v in values.values())
    assert cameo.intensity("204") < cameo.intensity("173") < 0 < cameo.intensity("042") < cameo.intensity("073")
    # codes without a PLOVER type keep their Goldstein value
    assert cameo.intensity("012") == cameo.lookup("012").goldstein
    # the sign follows cooperation / conflict
    book = cameo.load_codebook()
    for code, v in values.items():
        info = book.codes[code]
        if info.plover and abs(info.goldstein) >= 2:
            assert (v > 0) == (info.quad_class <= 2), code
