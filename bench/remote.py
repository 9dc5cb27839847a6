"""Benchmark: itut-kb on a SPARQL server (issue 13) against the embedded store, same machine, loopback.

Starts an Oxigraph server (the `oxigraph` wheel's binary) in a temporary directory, times `itut-kb publish`
(first run and an idempotent re-run, both verified), then serves the API twice, embedded and
`--store sparql` over that server, and measures lookups with `wrk` (concurrency 1 and 16, DURATION_S seconds
each, after a warm-up); the same aggregate is also sent to the Oxigraph server directly. Writes
bench/results/remote.md. Bounded in time (about two minutes); stops everything it started.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

import httpx
from http_load import AGGREGATE, with_httpx, with_wrk

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
BIN = Path(sys.executable).parent
TARGETS = {
    "point lookup `GET /api/resolutions/2`": "/api/resolutions/2",
    "owner `GET /api/recommendations/G.711/owner`": "/api/recommendations/G.711/owner",
    "named query `GET /api/queries/questions-of-group?group=SG17`": "/api/queries/questions-of-group?group=SG17",
    "SPARQL aggregate `GET /sparql` (Questions per group)": "/sparql?" + urlencode({"query": AGGREGATE}),
}


def _port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _wait(url: str, what: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not start within 60 s")


@contextmanager
def process(args: list[str], ready_url: str, what: str) -> Iterator[None]:
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(ready_url, what)
        yield
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def publish_times(store_url: str) -> list[tuple[str, float, int]]:
    out = []
    for label in ("first publish", "re-publish (replaces, verified)"):
        started = time.perf_counter()
        done = subprocess.run(
            [str(BIN / "itut-kb"), "publish", "--to", store_url, "--json"],
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
        elapsed = time.perf_counter() - started
        doc = json.loads(done.stdout)
        out.append((label, elapsed, int(doc["triples"])))
        print(f"{label}: {elapsed:.2f} s (command), {doc['seconds']} s (publish), {doc['triples']} triples")
    return out


def measure(base: str, label: str, path: str, tool: str) -> list[tuple[str, int, float, float, float, int]]:
    url = base + path
    assert httpx.get(url, timeout=30).status_code == 200, url
    for _ in range(30):
        httpx.get(url, timeout=30)
    rows = []
    for concurrency in (1, 16):
        try:
            rps, p50, p99, errors = (with_wrk if tool == "wrk" else with_httpx)(url, concurrency)
        except AttributeError:  # wrk's report could not be read (a unit it rarely prints): measure again
            rps, p50, p99, errors = with_httpx(url, concurrency)
        rows.append((label, concurrency, rps, p50, p99, errors))
        print(
            f"{label} c={concurrency}: {rps:,.0f} req/s, p50 {p50:.2f} ms, p99 {p99:.2f} ms, {errors} errors"
        )
    return rows


def main() -> None:
    tool = "wrk" if shutil.which("wrk") else "httpx"
    load = os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="itut-kb-bench-remote-"))
    ox_port, emb_port, rem_port = _port(), _port(), _port()
    ox = f"http://{HOST}:{ox_port}"
    results: dict[str, list[tuple[str, int, float, float, float, int]]] = {}
    try:
        with process(
            [str(BIN / "oxigraph"), "serve", "--location", str(work / "db"), "--bind", f"{HOST}:{ox_port}"],
            ox + "/query?query=ASK%7B%7D",
            "the Oxigraph server",
        ):
            publishes = publish_times(ox + "/store")
            serve = [str(BIN / "itut-kb"), "serve", "--host", HOST, "--no-access-log"]
            remote = [
                "--store",
                "sparql",
                "--query-url",
                ox + "/query",
                "--update-url",
                ox + "/update",
                "--store-url",
                ox + "/store",
            ]
            for store, port, extra in (
                ("embedded", emb_port, []),
                ("remote (Oxigraph server)", rem_port, remote),
            ):
                base = f"http://{HOST}:{port}"
                with process(
                    [*serve, "--port", str(port), *extra], base + "/api/health", f"itut-kb ({store})"
                ):
                    time.sleep(3)  # the SPARQL workers (embedded) finish starting
                    results[store] = [
                        r for label, path in TARGETS.items() for r in measure(base, label, path, tool)
                    ]
            direct = (
                ox
                + "/query?"
                + urlencode(
                    {
                        "query": "PREFIX itut: <https://w3id.org/itut-kb/ontology#>\n"
                        + AGGREGATE.split("\n", 1)[1]
                    }
                )
            )
            results["the Oxigraph server itself (no itut-kb; union default graph)"] = measure(
                direct + "&union-default-graph", "the same aggregate, `GET /query`", "", tool
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    version = subprocess.run([str(BIN / "oxigraph"), "--version"], capture_output=True, text=True, check=True)
    report = [
        "# itut-kb on a SPARQL server: embedded against remote (Oxigraph server), and the cost of publish",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d} on {platform.machine()} with {os.cpu_count()} CPUs by "
        f"`python bench/remote.py`: {version.stdout.strip()} server "
        f"and `itut-kb serve` on {HOST}, load from `{tool}` on the same machine (5 s per measurement, after a "
        f"warm-up); load average before the run {load:.2f} (other jobs share the machine).",
        "",
        "## publish (`itut-kb publish --to …/store`: every graph PUT, read back and counted)",
        "",
        "| run | seconds (whole command) | triples |",
        "|---|---:|---:|",
    ]
    report += [f"| {label} | {s:.2f} | {n:,} |" for label, s, n in publishes]
    for store, rows in results.items():
        report += [
            "",
            f"## {store}",
            "",
            "| request | concurrency | requests/s | p50 (ms) | p99 (ms) | non-2xx |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        report += [f"| {r[0]} | {r[1]} | {r[2]:,.0f} | {r[3]:.2f} | {r[4]:.2f} | {r[5]} |" for r in rows]
    report += [
        "",
        "Over the remote store a lookup costs one request to the engine for the head of the change log (so that",
        "a change made through another replica is seen at once) plus one per named query it runs, each with",
        "its dataset (the live graphs) and parameters in the request; the engine and the API share the two",
        "CPUs here. User SPARQL is forwarded (no worker process, no pipe): its latency is the engine's plus",
        "one HTTP round trip and the re-encoding of the answer.",
        "",
    ]
    (ROOT / "bench" / "results" / "remote.md").write_text("\n".join(report), encoding="utf-8")
    print("\n".join(report))


if __name__ == "__main__":
    main()
