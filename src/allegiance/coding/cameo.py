"""The CAMEO event vocabulary with its PLOVER 2021 crosswalk, Goldstein values and intensities.

Data: ``data/cameo/codes.tsv`` (built by ``scripts/build_cameo.py``) and ``data/cameo/plover_types.tsv``.

Intensity is the project's PLOVER-style scale on [-10, 10]: negative for conflict, positive for
cooperation. PLOVER drops Goldstein scores, but users still want one number per event that orders
events by how much they matter. We blend two signals:

    intensity = round((goldstein(code) + base_intensity(plover_type)) / 2, 1)

where ``base_intensity`` is the per-type severity in ``plover_types.tsv`` (ASSAULT -9 ... AID +7).
The Goldstein value keeps the distinctions CAMEO draws inside a type (a threat of force is worse than
a threat of sanctions); the type base keeps codes that the crosswalk puts in the same PLOVER type close
together. Codes with no PLOVER type (CAMEO 01 statements and 02 appeals, dropped by PLOVER 2021)
take their Goldstein value unchanged.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources

from allegiance.errors import DataFileError, InvalidParameter

LEVELS = ("root", "base", "sub")
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


@dataclass(frozen=True)
class CodeInfo:
    code: str
    root: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None  # None for codes PLOVER 2021 dropped (CAMEO 01, 02)
    plover_mode: str | None
    level: str = "base"
    plover_context: str | None = None
    plover_alternatives: tuple[str, ...] = ()  # the crosswalk lists more than one type for a few codes

    @property
    def quad_name(self) -> str:
        return QUAD_NAMES[self.quad_class]


@dataclass(frozen=True)
class Codebook:
    codes: dict[str, CodeInfo]
    plover_base: dict[str, float]
    plover_quad: dict[str, int]

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def __len__(self) -> int:
        return len(self.codes)

    def roots(self) -> list[str]:
        return sorted(c for c, info in self.codes.items() if info.level == "root")

    def plover_types(self) -> list[str]:
        return list(self.plover_base)

    def resolve(self, code: str) -> str | None:
        """The code itself when known, else its nearest known ancestor (0256x → 0256 → 025 → 02)."""
        code = code.strip()
        while code:
            if code in self.codes:
                return code
            code = code[:-1] if len(code) > 2 else ""
        return None

    def lookup(self, code: str, *, fallback: bool = True) -> CodeInfo:
        key = self.resolve(code) if fallback else (code if code in self.codes else None)
        if key is None:
            raise InvalidParameter(
                "cameo", f"unknown CAMEO code {code!r}", hint="use a code from data/cameo/codes.tsv, e.g. 042 or 1123"
            )
        return self.codes[key]

    def intensity(self, code: str) -> float:
        info = self.lookup(code)
        if info.plover is None:
            return info.goldstein
        return round((info.goldstein + self.plover_base[info.plover]) / 2, 1)


def _rows(name: str) -> list[dict[str, str]]:
    path = resources.files("allegiance") / "data" / "cameo" / name
    try:
        with path.open(encoding="utf-8") as fh:
            return list(csv.DictReader(fh, delimiter="\t"))
    except OSError as exc:
        raise DataFileError(f"cannot read {name}", input=str(path), hint="reinstall allegiance") from exc


def _parse_code(rec: dict[str, str], plover_quad: dict[str, int]) -> CodeInfo:
    code = rec["code"]
    if not (code.isdigit() and 2 <= len(code) <= 4) or rec["level"] not in LEVELS or not code.startswith(rec["root"]):
        raise ValueError("bad code, level or root")
    quad = int(rec["quad_class"])
    if quad not in QUAD_NAMES:
        raise ValueError(f"quad_class {quad} is not 1-4")
    types = tuple(t for t in rec["plover"].split("|") if t)
    unknown = [t for t in types if t not in plover_quad]
    if unknown:
        raise ValueError(f"unknown PLOVER type {unknown[0]}")
    return CodeInfo(
        code=code,
        root=rec["root"],
        name=rec["name"],
        goldstein=float(rec["goldstein"]),
        quad_class=quad,
        plover=types[0] if types else None,
        plover_mode=rec["plover_mode"] or None,
        level=rec["level"],
        plover_context=rec["plover_context"] or None,
        plover_alternatives=types[1:],
    )


@functools.lru_cache(maxsize=1)
def load_codebook() -> Codebook:
    plover_base: dict[str, float] = {}
    plover_quad: dict[str, int] = {}
    for rec in _rows("plover_types.tsv"):
        try:
            plover_base[rec["type"]] = float(rec["base_intensity"])
            plover_quad[rec["type"]] = int(rec["quad_class"])
        except (KeyError, TypeError, ValueError) as exc:
            raise DataFileError(f"bad row {rec}", input="data/cameo/plover_types.tsv") from exc
    codes: dict[str, CodeInfo] = {}
    for rec in _rows("codes.tsv"):
        try:
            info = _parse_code(rec, plover_quad)
        except (KeyError, TypeError, ValueError) as exc:
            raise DataFileError(
                f"bad entry {rec.get('code')!r}: {exc}", input="data/cameo/codes.tsv", hint="rebuild with scripts/build_cameo.py"
            ) from exc
        codes[info.code] = info
    return Codebook(codes=codes, plover_base=plover_base, plover_quad=plover_quad)


def lookup(code: str) -> CodeInfo:
    """Facts for a CAMEO code; an unknown sub-code falls back to its nearest known parent."""
    return load_codebook().lookup(code)


def intensity(code: str) -> float:
    """The project's PLOVER-style intensity in [-10, 10] (see the module docstring)."""
    return load_codebook().intensity(code)


def is_valid(code: str) -> bool:
    return code in load_codebook().codes
