"""What code an act becomes when it is announced, asked for, ordered, refused or named by its root alone.

Tables of the CAMEO codebook's own structure, used by ``classify`` and ``code``: an act announced for the future
is an intent (03x) or a threat (13x); an appeal (02x) or demand (10x) names the act asked for in its code; a
cooperative act declined is a REJECT (12x); the classifier's bare root becomes the codebook's generic code.
"""

from __future__ import annotations

from allegiance.coding import cameo

# Act → intent. Cooperative roots have CAMEO 03x counterparts; conflictual ones are threats (13x).
_INTENT = {
    "03": "030",
    "04": "036", "045": "039",
    "05": "032", "057": "030",
    "06": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
    "07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334",
    "08": "035", "081": "0351", "082": "0352", "083": "034", "0831": "0341", "0832": "0342", "0833": "0343",
    "0834": "0344", "084": "0353", "085": "0354", "086": "0355", "087": "0356",
    "10": None, "11": None, "12": None, "13": "13", "14": "133", "15": "138", "16": "131", "161": "1313",
    "162": "1311", "163": "1312", "164": "131", "165": "131", "166": "131", "17": "137", "18": "138",
    "19": "138", "192": "1382", "193": "1384", "194": "1384", "195": "1384", "20": "1385",
}

# A quoted order told to someone ('"You must lift the blockade," A told B') is a demand (CAMEO 10) of B, in the
# demand category of the act ordered: yielding (08) is 105, aid (07) 103, and so on; other acts plain 100.
_DEMAND = {"04": "106", "05": "102", "06": "101", "07": "103", "08": "105"}
# An appeal (02) or a demand (10) names in its own code the act asked for, in the same order for both roots: economic,
# military, judicial or intelligence cooperation (06x) x1x, policy support (05) x2, aid (07x) x3x, political reform
# (083x) x4x, yielding (08x) x5x, meeting (04) x6, mediation (045) x8. The suffix each asked act gives:
_ASKED = {"061": "11", "062": "12", "063": "13", "064": "14", "06": "1", "05": "2", "071": "31", "072": "32", "073": "33",
          "074": "34", "07": "3", "0831": "41", "0832": "42", "0833": "43", "0834": "44", "083": "4", "081": "51",
          "082": "52", "084": "53", "085": "54", "086": "55", "087": "56", "08": "5", "045": "8", "04": "6"}
GENERIC_ASKS = frozenset({"020", "100"})  # an appeal or a demand whose own code does not say for what
GENERIC_THREAT = "130"
GENERIC_REJECTION = "120"  # "refused to release", "turned down an offer to build": which act is refused decides


def intent_code(code: str) -> str | None:
    """The intent (CAMEO 03) or threat (13) code for an act announced for the future; None: not codable."""
    if code.startswith(("03", "13")):
        return code
    for key in (code[:4], code[:3], code[:2]):
        if key in _INTENT:
            return _INTENT[key]
    return None


# Declining a cooperative act (CAMEO 04-08), as the codebook's REJECT codes name them: meeting 125,
# signing an agreement 127, material cooperation 121, giving aid 122, yielding 124.
_REFUSALS = {
    "04": "125", "05": "120", "057": "127", "06": "121", "061": "1211", "062": "1212",
    "07": "122", "071": "1221", "072": "1222", "073": "1223", "074": "1224",
    "08": "124", "081": "1241", "082": "1242", "083": "123", "084": "1243", "085": "1244", "086": "1245", "087": "1246",
}


def asked_code(root: str, act: str) -> str | None:
    """The appeal (``root`` "02") or demand ("10") code for asking someone to do ``act``; None when CAMEO has none."""
    for prefix in (act[:4], act[:3], act[:2]):
        if prefix in _ASKED:
            return root + _ASKED[prefix]
    return None


def refusal_code(code: str) -> str | None:
    """The CAMEO 12 code for declining the cooperative act ``code`` ("will not attend the talks" is 125,
    "said it would not ease sanctions" 1244); None for acts whose refusal CAMEO does not code as REJECT."""
    for prefix in (code[:4], code[:3], code[:2]):
        if prefix in _REFUSALS:
            return _REFUSALS[prefix]
    return None


def ordered_code(act: str | None) -> str:
    """The demand (CAMEO 10) a quoted order is, by the lexicon's code for the act ordered (None: nothing known)."""
    return _DEMAND.get(act[:2], "100") if act else "100"


def generic_code(root: str) -> str:
    """The codebook's own code for an act of ``root`` with nothing more said ("020" appeal, "070" aid): the
    classifier names only roots, and a bare root is no code of the codebook. Not for consultation: "040" is an
    act of both sides, coded both ways, and a guess of the classifier alone is not worth doubling."""
    return root + "0" if root != "04" and cameo.is_valid(root + "0") else root
