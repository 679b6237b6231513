"""The FastAPI app: JSON API, dashboard pages and static assets over one database.

The server opens the database read-write and is then its only writer (DuckDB allows one); everything
is read-only unless a token is configured (``token=`` / setting ``api_token`` / ``ALLEGIANCE_API_TOKEN``),
in which case ``POST /api/ingest`` exists and requires ``Authorization: Bearer <token>``.
"""

from __future__ import annotations

import contextlib
import hmac
import json
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from fastapi import Body, FastAPI, Request
from pydantic import BaseModel, Field

from allegiance import __version__
from allegiance.api import assets, errors, pages, routes
from allegiance.errors import InvalidParameter
from allegiance.store import Store


class IngestRequest(BaseModel):
    text: str | None = Field(None, max_length=5_000_000, description="Article text to ingest")
    url: str | None = Field(None, max_length=2000, description="URL of an article or feed to fetch and ingest")
    title: str | None = Field(None, max_length=1000)
    published: str | None = Field(None, max_length=40)


def create_app(db_path: str, token: str | None = None) -> FastAPI:
    """The app over ``db_path``; ``token`` (default: the ``api_token`` setting) enables the write endpoints."""
    if token is None:
        from allegiance.config import load_settings

        token = load_settings().api_token
    token = token or None  # "" means no token: read-only
    store = Store(db_path)
    warm(store)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="allegiance",
        version=__version__,
        description="Events, dyads, blocs, networks and alerts reconstructed from news. Errors always have the "
        'shape {"error": {"status", "code", "message", "parameter"}}.',
        lifespan=lifespan,
        # FastAPI's /docs and /redoc pull their JavaScript from a CDN; the schema itself is enough.
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.token = token
    errors.install(app)
    app.include_router(routes.router)
    if token:
        _add_ingest(app, token)
    app.include_router(assets.router)
    app.include_router(pages.router)
    return app


def warm(store: Store) -> None:
    """Build the relations tables and load the knowledge base now rather than on the first request."""
    from allegiance.actors import load_kb
    from allegiance.relations.common import facts_ready

    facts_ready(store)
    load_kb()


def _authorised(request: Request, token: str) -> bool:
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(value.strip().encode(), token.encode())


def _add_ingest(app: FastAPI, token: str) -> None:
    @app.post("/api/ingest", summary="Ingest and code an article text or URL (needs the token)", tags=["write"])
    def ingest_endpoint(request: Request, body: IngestRequest = Body(...)) -> Any:
        if not _authorised(request, token):
            return errors.error_response(401, "missing or wrong token", headers={"WWW-Authenticate": "Bearer"})
        if bool(body.text) == bool(body.url):
            raise InvalidParameter("text", "give exactly one of text or url")
        from allegiance.ingest import ingest
        from allegiance.relations.common import clear_cache

        store: Store = request.app.state.store
        if body.url:
            if not body.url.startswith(("http://", "https://")):
                raise InvalidParameter("url", "must be an http(s) URL")
            summary = ingest([body.url], store)
        else:
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "posted.jsonl"
                record = {"text": body.text, "title": body.title, "published": body.published}
                path.write_text(json.dumps({k: v for k, v in record.items() if v}) + "\n", encoding="utf-8")
                summary = ingest([str(path)], store)
        clear_cache()
        return summary.to_dict()
