"""Fast JSON for API responses: the standard library's C encoder over records, dates and tuples.

FastAPI's generic encoder walks every value in Python; the analysis returns thousands of small
records, so the API encodes them directly (a frozen dataclass is encoded as its fields).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from fastapi.responses import Response


def _default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return value.__dict__
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def dumps(value: Any) -> str:
    return json.dumps(value, default=_default, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


class FastJSON(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return dumps(content).encode("utf-8")
