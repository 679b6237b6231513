"""The one JSON error shape every API error has."""

from __future__ import annotations


def error_of(response, status: int, parameter: str | None = None) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message", "parameter"}
    assert body["error"]["status"] == status and body["error"]["message"]
    if parameter is not None:
        assert body["error"]["parameter"] == parameter
    return body["error"]
