"""One JSON error shape for every error: ``{"error": {"status", "code", "message", "parameter"}}``."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from allegiance.errors import AllegianceError, ConfigError, DataFileError, InvalidParameter, NotFound, StoreError

log = logging.getLogger("allegiance.api")

CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         409: "conflict", 422: "invalid_parameter", 500: "internal_error", 503: "unavailable"}


def error_response(status: int, message: str, *, code: str | None = None, parameter: str | None = None,
                   headers: dict[str, str] | None = None, request: Request | None = None) -> Response:
    """The JSON error; dashboard pages (paths outside /api and /static) get the same as an HTML page."""
    body = {"error": {"status": status, "code": code or CODES.get(status, "error"), "message": message,
                      "parameter": parameter}}
    if request is not None and not request.url.path.startswith(("/api/", "/static/", "/openapi", "/docs")):
        from allegiance.api.pages import templates

        return templates.TemplateResponse(
            request, "error.html", {"title": f"Error {status}", "twin": "/openapi.json", "data": body,
                                    "message": message}, status_code=status, headers=headers)
    return JSONResponse(body, status_code=status, headers=headers)


def _validation(request: Request, exc: RequestValidationError) -> Response:
    first = exc.errors()[0] if exc.errors() else {}
    loc = [str(x) for x in first.get("loc", ()) if x not in ("query", "path", "body", "header")]
    parameter = loc[0] if loc else None
    message = first.get("msg", "invalid request")
    if parameter:
        message = f"{parameter}: {message}"
    return error_response(422, message, parameter=parameter, request=request)


def _http(request: Request, exc: HTTPException) -> Response:
    message = exc.detail if isinstance(exc.detail, str) else CODES.get(exc.status_code, "error")
    if exc.status_code == 404 and message == "Not Found":
        message = f"no such path: {request.url.path}"
    return error_response(exc.status_code, message, headers=getattr(exc, "headers", None), request=request)


def _library(request: Request, exc: AllegianceError) -> Response:
    if isinstance(exc, InvalidParameter):
        return error_response(400, str(exc), code="invalid_parameter", parameter=exc.parameter, request=request)
    if isinstance(exc, NotFound):
        return error_response(404, str(exc), request=request)
    if isinstance(exc, StoreError):
        return error_response(503, str(exc), request=request)
    if isinstance(exc, (DataFileError, ConfigError)):
        log.error("configuration problem: %s", exc)
        return error_response(500, str(exc), code="configuration_error", request=request)
    return error_response(400, str(exc), request=request)


def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s", request.url.path)
    return error_response(500, "internal error; see the server log", request=request)


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, _http)  # type: ignore[arg-type]
    app.add_exception_handler(AllegianceError, _library)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected)
