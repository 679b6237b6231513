"""Whole-response cache for the read-only JSON API, as plain ASGI middleware.

Every ``GET /api/...`` answer is a function of the URL and the stored data, so a 200 response is kept
(bytes and headers) under (path, query string) and the data version of
:func:`allegiance.relations.common.data_version`; any write that changes the events changes the
version and so retires every entry. A hit skips routing, validation, the analysis and JSON encoding,
which is what keeps latency flat under many concurrent clients: the server is one process and its
per-request Python runs under one GIL.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from allegiance.relations.common import data_version
from allegiance.store import Store

MAX_ENTRIES = 2048
MAX_BODY = 4_000_000  # a graph or series this large is rare; caching it would crowd out the rest

Scope = dict[str, Any]
# Alerts also depend on the user's rules file, which may change while the server runs; the analysis
# below caches them keyed by the rules themselves.
UNCACHED = frozenset({"/api/alerts", "/api/overview"})


class ResponseCache:
    def __init__(self, app: Any, store: Store) -> None:
        self.app = app
        self.store = store
        self.entries: OrderedDict[tuple[str, bytes], tuple[Any, int, list[Any], bytes]] = OrderedDict()
        self.lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        if scope["method"] != "GET":
            try:
                await self.app(scope, receive, send)
            finally:
                # The server is the database's only writer, and writes come through here: an ingest
                # may add articles without events, which the data version would not notice.
                with self.lock:
                    self.entries.clear()
            return
        if scope["path"] in UNCACHED:
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope.get("query_string", b""))
        version = data_version(self.store)
        with self.lock:
            hit = self.entries.get(key)
            if hit is not None and hit[0] == version:
                self.entries.move_to_end(key)
        if hit is not None and hit[0] == version:
            await send({"type": "http.response.start", "status": hit[1], "headers": hit[2]})
            await send({"type": "http.response.body", "body": hit[3]})
            return
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def capture(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body") and start.get("status") == 200:
                    body = b"".join(chunks)
                    if len(body) <= MAX_BODY:
                        self._keep(key, (version, 200, list(start.get("headers", [])), body))
            await send(message)

        await self.app(scope, receive, capture)

    def _keep(self, key: tuple[str, bytes], entry: tuple[Any, int, list[Any], bytes]) -> None:
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > MAX_ENTRIES:
                self.entries.popitem(last=False)
