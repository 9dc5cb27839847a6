"""Benchmark (named http_load.py: a bench/http.py would shadow the standard library's http package): the HTTP
concurrency 1 and 16: requests/s, p50 and p99 latency. Writes bench/results/http.md.

Bounded: each measurement lasts DURATION_S seconds (wrk) or REQUESTS requests (the httpx fallback), after a
short warm-up; the server is `itut-kb serve` on 127.0.0.1 with its default settings, started and stopped
here. Uses `wrk` (Debian package; `apt-get install wrk`) when it is installed, because Python load clients
saturate long before the server does; otherwise a threaded httpx client, whose figures are then a floor.
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

import httpx

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"  # loopback only
DURATION_S = 5
REQUESTS = 1_000
CONCURRENCY = (1, 16)
EXTRA = sys.argv[1:]  # more `itut-kb serve` options, e.g. --no-access-log
AGGREGATE = """PREFIX itut: <https://w3id.org/itut-kb/ontology#>
SELECT ?group (COUNT(?q) AS ?questions) WHERE { ?q a itut:Question ; itut:questionOf/itut:groupId ?group }
GROUP BY ?group ORDER BY DESC(?questions)"""
TARGETS = {
    "point lookup `GET /api/resolutions/2`": "/api/resolutions/2",
    "named query `GET /api/queries/questions-of-group?group=SG17`": "/api/queries/questions-of-group?group=SG17",
    "SPARQL aggregate `GET /sparql` (Questions per group, GROUP BY)": "/sparql?"
    + urlencode({"query": AGGREGATE}),
}


@contextmanager
def server() -> Iterator[str]:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port = sock.getsockname()[1]
    exe = Path(sys.executable).with_name("itut-kb")
    env = {**os.environ, "ITUT_KB_ROOT": str(ROOT)}
    process = subprocess.Popen(
        [str(exe), "serve", "--host", HOST, "--port", str(port), *EXTRA],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                health = httpx.get(url + "/api/health", timeout=1).json()
                if health["sparql"]["ready"] == health["sparql"]["workers"]:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not start within 30 s")
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=15)


def _ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def with_wrk(url: str, concurrency: int) -> tuple[float, float, float, int]:
    threads = min(concurrency, 2)
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{concurrency}", f"-d{DURATION_S}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
        timeout=DURATION_S + 30,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, p50, p99, int(errors.group(1)) if errors else 0


def with_httpx(url: str, concurrency: int) -> tuple[float, float, float, int]:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    per_thread = REQUESTS // concurrency

    def worker() -> None:
        with httpx.Client(timeout=30) as client:
            for _ in range(per_thread):
                started = time.perf_counter()
                status = client.get(url).status_code
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    latencies.append(elapsed)
                    errors[0] += status != 200

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    total = time.perf_counter() - started
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return len(latencies) / total, statistics.median(latencies), p99, errors[0]


def main() -> None:
    tool = "wrk" if shutil.which("wrk") else "httpx"
    measure = with_wrk if tool == "wrk" else with_httpx
    rows = []
    load = os.getloadavg()[0]
    with server() as base:
        for label, path in TARGETS.items():
            url = base + path
            assert httpx.get(url, timeout=10).status_code == 200, url
            for _ in range(50):  # warm-up
                httpx.get(url, timeout=10)
            for concurrency in CONCURRENCY:
                rps, p50, p99, errors = measure(url, concurrency)
                rows.append((label, concurrency, rps, p50, p99, errors))
                print(
                    f"{label} c={concurrency}: {rps:,.0f} req/s, p50 {p50:.2f} ms, p99 {p99:.2f} ms, {errors} errors"
                )
    bound = f"{DURATION_S} s per measurement" if tool == "wrk" else f"{REQUESTS} requests per measurement"
    report = [
        "# HTTP server: throughput and latency on loopback",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d} on {platform.machine()} with {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, by `python bench/http_load.py`: `itut-kb serve` with default settings "
        f"(2 SPARQL worker processes, 10 s time limit) on {HOST}, load from `{tool}` on the same machine, "
        f"{bound}, after a warm-up; load average before the run {load:.2f} (other jobs share the machine).",
        "",
        "| request | concurrency | requests/s | p50 (ms) | p99 (ms) | non-2xx |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    report += [f"| {r[0]} | {r[1]} | {r[2]:,.0f} | {r[3]:.2f} | {r[4]:.2f} | {r[5]} |" for r in rows]
    report += [
        "",
        "Each measurement repeats one request, so after the first it is answered from the response cache (kept per",
        "state of the KB: `src/itut_kb/api/cache.py`). A first answer: lookups and named queries in the server",
        "process (inline on the event loop when measured quick, else FastAPI's thread pool); user SPARQL in a worker",
        "process (one pipe round trip), which is what lets a query past its time limit be killed. The load",
        "generator shares the CPUs with the server. Side by side with Oxigraph and rdflib-endpoint: `peers.md`.",
        "",
    ]
    target = ROOT / "bench" / "results" / "http.md"
    target.write_text("\n".join(report), encoding="utf-8")
    print("\n".join(report))


if __name__ == "__main__":
    main()
