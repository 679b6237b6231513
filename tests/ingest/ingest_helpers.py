"""Shared builders for ingestion tests: settings, generated stories, a local HTTP server."""

from __future__ import annotations

import functools
import http.server
import io
import random
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from allegiance.config import Settings, load_settings

_PEOPLE = ["Putin", "Lukashenko", "Tokayev", "Mirziyoyev", "Rahmon", "Japarov", "Pashinyan", "Aliyev", "Xi", "Erdogan"]
_PLACES = ["Moscow", "Minsk", "Astana", "Tashkent", "Dushanbe", "Bishkek", "Yerevan", "Baku", "Sochi", "Samarkand"]
_VERBS = ["met", "called", "praised", "criticised", "hosted", "thanked", "warned", "visited", "telephoned", "welcomed"]
_TOPICS = ["gas prices", "grain transit", "border security", "a rail corridor", "nuclear power", "migrant workers",
           "loans", "water sharing", "military drills", "customs rules", "electricity exports", "a new bridge"]


def settings(**overrides: object) -> Settings:
    return load_settings().with_overrides(**overrides)


def story(seed: int, paragraphs: int = 4) -> str:
    """A distinct news-style text for each seed (deterministic)."""
    rng = random.Random(seed)
    out = []
    for _ in range(paragraphs):
        sentences = []
        for _ in range(3):
            a, b = rng.sample(_PEOPLE, 2)
            sentences.append(
                f"{a} {rng.choice(_VERBS)} {b} in {rng.choice(_PLACES)} on {rng.choice(_TOPICS)} "
                f"after talks number {rng.randint(1, 10**6)}."
            )
        out.append(" ".join(sentences))
    return "\n\n".join(out)


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".rss": "application/rss+xml",
        ".atom": "application/atom+xml",
        ".html": "text/html; charset=utf-8",
        ".txt": "text/plain; charset=utf-8",
    }
    seen_agents: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        type(self).seen_agents.append(self.headers.get("User-Agent", ""))
        if self.path.startswith("/slow"):
            time.sleep(1.5)
            self.path = self.path[len("/slow"):]
        if self.path.startswith("/cp1251"):
            body = (
                "<html><body><article><p>Президент Казахстана Касым-Жомарт Токаев встретился с Владимиром "
                "Путиным в Москве.</p></article></body></html>"
            ).encode("cp1251")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=windows-1251")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        try:
            super().do_GET()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout and size-cap tests)

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass


@contextmanager
def serve(directory: Path) -> Iterator[tuple[str, list[str]]]:
    """Serve ``directory`` on 127.0.0.1 in a thread; yields the base URL and the user agents seen."""
    handler = type("Handler", (_Handler,), {"seen_agents": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler.seen_agents
    finally:
        server.shutdown()
        server.server_close()


def closed_port() -> int:
    """A localhost port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_warc(records: list[tuple[str, str, str, bytes]], *, gzip: bool = True) -> bytes:
    """WARC bytes from (type, url, content-type, body) records, written with warcio."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for rec_type, url, content_type, body in records:
        if rec_type == "response":
            status = "404 Not Found" if url.endswith("/missing") else "200 OK"
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
        else:
            record = writer.create_warc_record(url, rec_type, payload=io.BytesIO(body), warc_content_type=content_type)
        writer.write_record(record)
    return buffer.getvalue()
