"""Benchmark: the server's timings that the tests only check as behaviour. Writes bench/results/server.md.

- how long `itut-kb serve` takes to answer, and to have every query worker ready (tests/api/test_serve.py
  only checks that it becomes ready);
- how close to the time limit a pathological query is stopped, and how long another client waits for an
  answer meanwhile (tests/api/test_sparql_timeout.py checks the 503, the restart and the answer);
- how long a query past the memory cap takes to end its worker;
- how long the server takes to refuse a query past the size and depth limits (itut_kb.query_limits).

Each figure is the median of RUNS runs, with the load average, since a busy machine stretches all of them.
"""

from __future__ import annotations

import os
import platform
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx

from itut_kb.config import Settings
from itut_kb.errors import ServiceUnavailableError
from itut_kb.sparql import QueryRequest
from itut_kb.workers import QueryPool

ROOT = Path(__file__).resolve().parents[1]

HOST = "127.0.0.1"
RUNS = 3
TIMEOUT_S = 2.0
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SORTED_PRODUCT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1"
SIMPLE = "SELECT ?id WHERE { ?g <https://w3id.org/itut-kb/ontology#groupId> ?id } LIMIT 3"
DEEP = "SELECT * WHERE " + "{" * 3_000 + " ?s ?p ?o " + "}" * 3_000


def _port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _until(condition: Callable[[], bool], limit_s: float = 300) -> float:
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > limit_s:
            raise RuntimeError("gave up waiting")
        time.sleep(0.02)
    return time.perf_counter() - started


def _health(url: str) -> dict[str, int]:
    try:
        response = httpx.get(url + "/api/health", timeout=5)
    except httpx.TransportError:
        return {"ready": -1, "workers": 0}
    return response.json()["sparql"] if response.status_code == 200 else {"ready": -1, "workers": 0}


@contextmanager
def serve(*options: str) -> Iterator[tuple[str, float, float]]:
    """`itut-kb serve`; yields its URL, the seconds to its first answer and to every worker being ready."""
    url = f"http://{HOST}:{_port()}"
    env = {**os.environ, "ITUT_KB_ROOT": str(ROOT)}
    exe = Path(sys.executable).with_name("itut-kb")
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(exe), "serve", "--host", HOST, "--port", url.rsplit(":", 1)[1], "--no-access-log", *options],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _until(lambda: _health(url)["ready"] >= 0)
        answering = time.perf_counter() - started
        _until(lambda: _health(url)["ready"] == _health(url)["workers"] > 0)
        yield url, answering, time.perf_counter() - started
    finally:
        process.terminate()
        process.wait(timeout=30)


def start_up() -> tuple[list[float], list[float]]:
    answering, ready = [], []
    for _ in range(RUNS):
        with serve() as (_url, first, all_ready):
            answering.append(first)
            ready.append(all_ready)
    return answering, ready


def stuck_worker(url: str) -> tuple[list[float], list[float], list[float], list[float]]:
    """Per run: seconds to the 503, and the other client's SPARQL and lookup latencies meanwhile."""
    stopped, sparql, lookup, refused = [], [], [], []
    with httpx.Client(base_url=url, timeout=60) as client:
        for _ in range(RUNS):
            _until(lambda: _health(url).get("idle") == 2)
            out: dict[str, float] = {}

            def run(out: dict[str, float] = out) -> None:
                begun = time.perf_counter()
                assert httpx.get(url + "/sparql", params={"query": CARTESIAN}, timeout=60).status_code == 503
                out["stopped"] = time.perf_counter() - begun

            thread = threading.Thread(target=run)
            thread.start()
            time.sleep(0.3)
            begun = time.perf_counter()
            assert client.get("/sparql", params={"query": SIMPLE}).status_code == 200
            sparql.append(time.perf_counter() - begun)
            begun = time.perf_counter()
            assert client.get("/api/resolutions/2").status_code == 200
            lookup.append(time.perf_counter() - begun)
            thread.join()
            stopped.append(out["stopped"])
            begun = time.perf_counter()
            assert client.get("/sparql", params={"query": DEEP}).status_code == 400
            refused.append(time.perf_counter() - begun)
    return stopped, sparql, lookup, refused


def memory_cap() -> list[float]:
    pool = QueryPool(Settings(root=ROOT, sparql_workers=1, worker_memory_mb=150, query_timeout_s=120))
    out = []
    try:
        for _ in range(RUNS):
            pool.wait_ready(300)
            begun = time.perf_counter()
            try:
                pool.query(QueryRequest(SORTED_PRODUCT))
            except ServiceUnavailableError:
                out.append(time.perf_counter() - begun)
    finally:
        pool.wait_ready(300)  # the last replacement, so that closing does not cut its start
        pool.close()
    return out


def _median(values: list[float], scale: float = 1.0, digits: int = 2) -> str:
    return f"{statistics.median(values) * scale:.{digits}f}"


def main() -> None:
    load = os.getloadavg()[0]
    answering, ready = start_up()
    print("start-up", answering, ready)
    with serve("--timeout", str(TIMEOUT_S)) as (url, _first, _ready):
        stopped, sparql, lookup, refused = stuck_worker(url)
    print("stuck", stopped, sparql, lookup, refused)
    memory = memory_cap()
    print("memory", memory)
    report = [
        "# The server's timings: start-up, time limit, memory cap, query limits",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d} on {platform.machine()} with {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, by `python bench/server.py`; medians of {RUNS} runs; load average before "
        f"the run {load:.2f} (other jobs share the machine, and stretch every figure here). The tests check "
        "the behaviour behind each figure, never the figure.",
        "",
        "| what | median |",
        "|---|---:|",
        f"| `itut-kb serve` (2 workers): first answer of `/api/health` | {_median(answering)} s |",
        f"| `itut-kb serve` (2 workers): every query worker ready | {_median(ready)} s |",
        f"| a cartesian product under a {TIMEOUT_S:g} s time limit: its 503 after | {_median(stopped)} s |",
        f"| meanwhile, another client's SPARQL query | {_median(sparql, 1000, 1)} ms |",
        f"| meanwhile, another client's lookup (`/api/resolutions/2`) | {_median(lookup, 1000, 1)} ms |",
        f"| a sort past a 150 MB memory cap: its worker ended after | {_median(memory)} s |",
        f"| 3,000 nested groups (6 KB): refused with 400 after | {_median(refused, 1000, 1)} ms |",
        "",
    ]
    target = ROOT / "bench" / "results" / "server.md"
    target.write_text("\n".join(report), encoding="utf-8")
    print("\n".join(report))


if __name__ == "__main__":
    main()
