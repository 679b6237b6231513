"""The FastAPI app: JSON API, dashboard pages and static assets over one database.

The server opens the database read-write and is then its only writer (DuckDB allows one); everything
is read-only unless a token is configured (``token=`` / setting ``api_token`` / ``ALLEGIANCE_API_TOKEN``),
in which case ``POST /api/ingest`` exists and requires ``Authorization: Bearer <token>``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
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
from allegiance.api.cache import ResponseCache
from allegiance.errors import InvalidParameter
from allegiance.store import Store


class IngestRequest(BaseModel):
    text: str | None = Field(None, max_length=5_000_000, description="Article text to ingest")
    url: str | None = Field(None, max_length=2000, description="URL to fetch and ingest; with text, the text's URL")
    origin: str | None = Field(None, max_length=2000, description="Where the text came from (default: the url, "
                                                                  "else api:<sha256 of the text>)")
    title: str | None = Field(None, max_length=1000)
    published: str | None = Field(None, max_length=40, description="Publication date, YYYY-MM-DD")


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
    app.add_middleware(ResponseCache, store=store)
    return app


def warm(store: Store) -> None:
    """Build the relations tables, their indexes and the knowledge base now rather than on the first request."""
    from allegiance.actors import load_kb
    from allegiance.relations.common import facts_ready, stored_keys
    from allegiance.relations.series import INDEXED, rollup_index

    if facts_ready(store):
        for interval in INDEXED:
            rollup_index(store, interval)
    stored_keys(store)
    load_kb()


def _authorised(request: Request, token: str) -> bool:
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(value.strip().encode(), token.encode())


def _rename_origin(store: Store, temporary: str, origin: str) -> None:
    """Record the poster's origin, not the temporary file ``ingest`` read the text from."""
    with store.transaction() as conn:
        # The same text posted again already has this origin; its temporary row just goes.
        conn.execute("""DELETE FROM article_origins WHERE origin = ? AND article_id IN
                        (SELECT article_id FROM article_origins WHERE origin = ?
                         UNION ALL SELECT id FROM articles WHERE origin = ?)""", [temporary, origin, origin])
        for table in ("article_origins", "articles"):
            conn.execute(f"UPDATE {table} SET origin = ? WHERE origin = ?", [origin, temporary])


def _code_new(store: Store, summary: Any) -> Any:
    from allegiance.coding import code_articles
    from allegiance.store.articles import needs_coding

    ids = [i for i in summary.article_ids if needs_coding(store, i)]
    return dataclasses.replace(summary, events=code_articles(store, ids) if ids else 0)


def _add_ingest(app: FastAPI, token: str) -> None:
    @app.post("/api/ingest", summary="Ingest and code an article text or URL (needs the token)", tags=["write"])
    def ingest_endpoint(request: Request, body: IngestRequest = Body(...)) -> Any:
        if not _authorised(request, token):
            return errors.error_response(401, "missing or wrong token", headers={"WWW-Authenticate": "Bearer"})
        if not body.text and not body.url:
            raise InvalidParameter("text", "give text (with an optional url) or a url to fetch")
        if body.published is not None:
            try:
                dt.date.fromisoformat(body.published)
            except ValueError:
                raise InvalidParameter("published", f"{body.published!r} is not a date", hint="use YYYY-MM-DD") from None
        if body.url and not body.url.startswith(("http://", "https://")):
            raise InvalidParameter("url", "must be an http(s) URL")
        from allegiance.ingest import ingest
        from allegiance.relations.common import clear_cache

        store: Store = request.app.state.store
        if not body.text:
            summary = ingest([str(body.url)], store)
        else:
            origin = body.origin or body.url or f"api:{hashlib.sha256(body.text.encode()).hexdigest()[:12]}"
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "posted.jsonl"
                record = {"text": body.text, "title": body.title, "published": body.published, "url": body.url,
                          "id": origin}
                path.write_text(json.dumps({k: v for k, v in record.items() if v}) + "\n", encoding="utf-8")
                # Stored uncoded, given its origin, then coded, so the events carry that origin too.
                summary = ingest([str(path)], store, code=False)
                _rename_origin(store, f"{path}#1", origin)
            summary = _code_new(store, summary)
        clear_cache()
        return summary.to_dict()
