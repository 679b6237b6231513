"""API latency under load: 1M synthetic events, 20 concurrent clients, p50/p95 per query type.

Run alone with `python benchmarks/run.py api` (or `python benchmarks/bench_api.py`). Environment:
BENCH_API_EVENTS (default 1,000,000), BENCH_API_REQUESTS per query type (default 300),
BENCH_API_CLIENTS (default 20). Target: p95 under 200 ms for each query type.

The events are generated inside DuckDB with one INSERT ... SELECT over range(n) (seconds, not
minutes); 10% of them are second reports sharing a canonical id, as merged mentions would.
"""

from __future__ import annotations

import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import psutil

from allegiance.store import Store

STATES = ["RUS", "TJK", "ARM", "KAZ", "KGZ", "BLR", "UZB", "AZE", "MDA", "CHN", "USA", "TUR", "IRN", "IND", "PAK",
          "UKR", "GEO", "DEU", "FRA", "GBR"]
PEOPLE = [("p:vladimir-putin", "Vladimir Putin", "RUS"), ("p:emomali-rahmon", "Emomali Rahmon", "TJK"),
          ("p:xi-jinping", "Xi Jinping", "CHN"), ("p:kassym-jomart-tokayev", "Kassym-Jomart Tokayev", "KAZ")]
# cameo, root, plover, quad class, Goldstein
ACTIONS = [("043", "04", "CONSULT", 1, 2.8), ("036", "03", "CONSULT", 1, 4.0), ("057", "05", "AGREE", 1, 8.0),
           ("061", "06", "COOPERATE", 2, 6.4), ("070", "07", "AID", 2, 7.0), ("051", "05", "SUPPORT", 1, 3.5),
           ("112", "11", "ACCUSE", 3, -2.0), ("130", "13", "THREATEN", 3, -4.4), ("163", "16", "REDUCE", 4, -8.0),
           ("172", "17", "COERCE", 4, -5.0), ("190", "19", "FIGHT", 4, -10.0)]
BLOCS = ["CSTO", "EAEU", "SCO", "CIS"]


def _sql_list(values: list) -> str:
    return "[" + ", ".join(f"'{v}'" if isinstance(v, str) else repr(v) for v in values) + "]"


def generate(store: Store, n: int) -> None:
    """n events over 2020–2024 between the states above (a person as source one time in eight)."""
    states, actions = _sql_list(STATES), ACTIONS
    cameo, root, plover = (_sql_list([a[i] for a in actions]) for i in range(3))
    quad, gold = _sql_list([a[3] for a in actions]), _sql_list([a[4] for a in actions])
    pid, pname, pcountry = (_sql_list([p[i] for p in PEOPLE]) for i in range(3))
    k, s, p = len(actions), len(STATES), len(PEOPLE)
    store.execute(f"""
        INSERT INTO events
        WITH base AS (
            SELECT i, DATE '2020-01-01' + CAST(hash(i, 1) % 1827 AS INTEGER) AS d,
                   1 + CAST(hash(i, 2) % {s} AS INTEGER) AS si,
                   1 + CAST((hash(i, 2) % {s} + 1 + hash(i, 3) % {s - 1}) % {s} AS INTEGER) AS ti,
                   1 + CAST(hash(i, 4) % {k} AS INTEGER) AS ai,
                   CASE WHEN hash(i, 5) % 8 = 0 THEN 1 + CAST(hash(i, 6) % {p} AS INTEGER) END AS pi
            FROM range({n}) t(i)),
        rows AS (
            SELECT i, d, ai, pi, {states}[ti] AS tc,
                   CASE WHEN pi IS NULL THEN {states}[si] ELSE {pcountry}[pi] END AS sc,
                   CASE WHEN pi IS NULL THEN 's:' || {states}[si] ELSE {pid}[pi] END AS sid,
                   CASE WHEN pi IS NULL THEN {states}[si] ELSE {pname}[pi] END AS sname
            FROM base)
        SELECT 'e' || i, 'a' || (i // 3), 'bench', d, d, 'published',
               sid, sname, CASE WHEN pi IS NULL THEN 'state' ELSE 'person' END, sc, NULL, 'GOV',
               's:' || tc, tc, 'state', tc, NULL, 'GOV',
               {cameo}[ai], {root}[ai], {plover}[ai], NULL, {quad}[ai], {gold}[ai], abs({gold}[ai]) / 10,
               0, sname || ' ' || lower({plover}[ai]) || ' ' || tc || '.', NULL, NULL, NULL, NULL, 0.9, 'bench', '1',
               CASE WHEN i % 10 IN (0, 1) THEN 'c' || (i // 10) END,
               json_object('event_id', 'e' || i, 'article_id', 'a' || (i // 3), 'date', d, 'cameo', {cameo}[ai],
                           'plover', {plover}[ai], 'goldstein', {gold}[ai], 'quad_class', {quad}[ai],
                           'source', json_object('id', sid, 'name', sname, 'country', sc),
                           'target', json_object('id', 's:' || tc, 'name', tc, 'country', tc),
                           'sentence', sname || ' ' || lower({plover}[ai]) || ' ' || tc || '.',
                           'evidence', json_object('sentence_index', 0, 'trigger', NULL, 'source', NULL, 'target', NULL))
        FROM rows""")
    store.execute("""
        INSERT INTO canonical_events
        SELECT canonical_id, min(event_id), min(date), min(date), max(date), min(published), any_value(source_id),
               any_value(target_id), any_value(source_country), any_value(target_country), any_value(cameo),
               any_value(cameo_root), any_value(plover), any_value(quad_class), any_value(goldstein),
               count(*), count(DISTINCT article_id), 1, '{}'
        FROM events WHERE canonical_id IS NOT NULL GROUP BY canonical_id""")
    store.execute("CHECKPOINT")


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _requests(count: int, rng: random.Random) -> list[tuple[str, str]]:
    work = []
    for _ in range(count):
        a, b = rng.sample(STATES[:12], 2)
        interval = rng.choice(["month", "week"])
        work.append(("dyad series", f"/api/dyads/{a}/{b}/series?interval={interval}&directed={rng.choice(['true', 'false'])}"))
        work.append(("bloc", f"/api/blocs/{rng.choice(BLOCS)}"))
        year = rng.randint(2020, 2024)
        quarter = rng.randint(0, 3)
        since, until = f"{year}-{3 * quarter + 1:02d}-01", f"{year}-{3 * quarter + 3:02d}-28"
        work.append(("network", f"/api/network?since={since}&until={until}&people={rng.choice(['true', 'false'])}"))
    rng.shuffle(work)
    return work


def _run(base: str, work: list[tuple[str, str]], clients: int) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {}
    lock = threading.Lock()
    queue = list(reversed(work))
    failures: list[str] = []

    host, port = base.removeprefix("http://").split(":")

    # http.client, not httpx: the 20 client threads share one GIL (and the machine's cores with the
    # server), so a heavier client would add its own queueing to every measured latency.
    def client() -> None:
        conn = http.client.HTTPConnection(host, int(port), timeout=60)
        try:
            while True:
                with lock:
                    if not queue:
                        return
                    kind, url = queue.pop()
                started = time.perf_counter()
                conn.request("GET", url)
                response = conn.getresponse()
                response.read()
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    timings.setdefault(kind, []).append(elapsed)
                    if response.status != 200:
                        failures.append(f"{response.status} {url}")
        finally:
            conn.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise RuntimeError(f"{len(failures)} failed requests, e.g. {failures[:3]}")
    return timings


def _report(title: str, timings: dict[str, list[float]]) -> None:
    print(title)
    for kind in sorted(timings):
        values = sorted(timings[kind])
        p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
        print(f"  {kind:<12} n={len(values):>5}  p50={statistics.median(values):7.1f} ms  p95={p95:7.1f} ms"
              f"  {'OK' if p95 < 200 else 'over the 200 ms target'}")


def main() -> None:
    n = int(os.environ.get("BENCH_API_EVENTS", 1_000_000))
    per_type = int(os.environ.get("BENCH_API_REQUESTS", 300))
    clients = int(os.environ.get("BENCH_API_CLIENTS", 20))
    # A million-event analysis server is the "large analysis" the store's memory setting names; the
    # server subprocess inherits this.
    os.environ.setdefault("ALLEGIANCE_DB_MEMORY_LIMIT", "2GB")
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.duckdb")
        started = time.perf_counter()
        with Store(db) as store:
            generate(store, n)
            counts = store.counts()
        print(f"generated {counts['events']:,} events ({counts['canonical_events']:,} merged stories) "
              f"in {time.perf_counter() - started:.1f}s")
        port = _port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [sys.executable, "-m", "allegiance", "serve", "--db", db, "--port", str(port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "ALLEGIANCE_API_TOKEN": ""})
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("server did not start: " + (server.stderr.read().decode()[-2000:] if server.stderr else ""))
                time.sleep(0.2)
            rng = random.Random(11)
            cold = _requests(10, random.Random(99))
            _report("one client, first requests (no cache):", _run(base, cold, 1))
            work = _requests(per_type, rng)
            process = psutil.Process(server.pid)
            cpu = sum(process.cpu_times()[:2])
            wall = time.perf_counter()
            timings = _run(base, work, clients)
            wall = time.perf_counter() - wall
            cpu = sum(process.cpu_times()[:2]) - cpu
            _report(f"{clients} concurrent clients, {len(work)} requests in {wall:.1f}s "
                    f"({len(work) / wall:.0f} req/s):", timings)
            # Latency under load is queueing for the CPU, which this machine may share with others:
            # the server's own CPU time per request says what the code costs.
            print(f"  server CPU {1000 * cpu / len(work):.1f} ms per request; load average "
                  f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
