"""Benchmark of the living KB: the latency of an accepted change over HTTP (p50, p99), of a lookup with
``as_of`` (a cached state, and a day whose state must be built), and the time for a server to answer its
first lookup on a store with 1,000 accepted changes, against one with none. Writes bench/results/changes.md.

Bounded in count: CHANGES changes over HTTP, LOOKUPS lookups per case, STORE_CHANGES changes for the start-up
store (made through the same gate, in-process: it takes a few minutes), START_RUNS starts of each server.
Loopback only; every server is started and killed here.
"""

from __future__ import annotations

import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from itut_kb.config import Settings  # noqa: E402
from itut_kb.living.changelog import ChangeLog  # noqa: E402
from itut_kb.living.tokens import Tokens  # noqa: E402
from itut_kb.services import Services  # noqa: E402
from itut_kb.submissions import InputFormat  # noqa: E402

HOST = "127.0.0.1"
CHANGES = 60
LOOKUPS = 300
STORE_CHANGES = 1_000
START_RUNS = 3
GROUPS = ("SG2", "SG3", "SG5", "SG11", "SG12", "SG13", "SG15", "SG17", "SG20", "SG21")


def _doc(group: str, n: int, effective: date, change_id: str) -> dict[str, object]:
    number = f"{n}/{group[2:]}"
    return {
        "id": change_id,
        "kind": "question-approved",
        "effective": effective.isoformat(),
        "authority": {"body": group, "document": f"{group}-R{n}"},
        "data": {"study_group": group, "id": number, "title_zh": f"课题{number}"},
    }


def _deletion(group: str, n: int, effective: date, change_id: str) -> dict[str, object]:
    return {
        "id": change_id,
        "kind": "question-deleted",
        "effective": effective.isoformat(),
        "authority": {"body": group, "document": f"{group}-R{n}-del"},
        "data": {"study_group": group, "id": f"{n}/{group[2:]}"},
    }


@contextmanager
def server(store: Path) -> Iterator[str]:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "itut_kb.cli",
            "serve",
            "--store-dir",
            str(store),
            "--port",
            str(port),
            "--no-access-log",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        yield f"http://{HOST}:{port}"
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


def _wait(url: str, path: str, limit_s: float = 300) -> float:
    started = time.monotonic()
    while time.monotonic() - started < limit_s:
        try:
            if httpx.get(url + path, timeout=5).status_code == 200:
                return time.monotonic() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.02)
    raise RuntimeError("the server did not answer")


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000


def http_latencies(store: Path, token: str) -> dict[str, tuple[float, float]]:
    out = {}
    with server(store) as url, httpx.Client(base_url=url, timeout=60) as http:
        _wait(url, "/api/health")
        headers = {"Authorization": f"Bearer {token}"}
        samples = []
        for k in range(CHANGES):
            group = GROUPS[k % len(GROUPS)]
            doc = _doc(group, 30 + k // len(GROUPS), date(2025, 1, 1) + timedelta(days=k), f"http-{k}")
            started = time.perf_counter()
            response = http.post("/api/changes", json=doc, headers=headers)
            samples.append(time.perf_counter() - started)
            assert response.status_code == 201, response.text
        out[f"accepted change `POST /api/changes` ({CHANGES} in a row)"] = _percentiles(samples)
        for label, params in (
            ("lookup, current state `GET /api/questions/1-17`", {}),
            ("lookup with `as_of` (one day, its state cached)", {"as_of": "2025-01-20"}),
        ):
            samples = []
            for _ in range(LOOKUPS):
                started = time.perf_counter()
                assert http.get("/api/questions/1-17", params=params).status_code == 200
                samples.append(time.perf_counter() - started)
            out[label] = _percentiles(samples)
        samples = []
        for k in range(20):  # each day a state not seen before: built on demand (then cached)
            day = (date(2025, 1, 1) + timedelta(days=k, hours=0)).isoformat()
            started = time.perf_counter()
            assert http.get("/api/questions/1-17", params={"as_of": day}).status_code == 200
            samples.append(time.perf_counter() - started)
        out["lookup with `as_of` on a day not asked before (state built)"] = _percentiles(samples)
    return out


def big_store(store: Path) -> tuple[float, int]:
    """A store with STORE_CHANGES accepted changes: Questions 30/x … 99/x approved in every group (700), then
    30/x … 59/x deleted (300), a few a day from 2024-11-01."""
    services = Services(Settings(root=ROOT, store_dir=store))
    agent = services.tokens.verify(services.tokens.create("bench", "admin"))
    plan = [("add", g, n) for n in range(30, 100) for g in GROUPS] + [
        ("del", g, n) for n in range(30, 60) for g in GROUPS
    ]
    started = time.monotonic()
    for made, (what, group, n) in enumerate(plan[:STORE_CHANGES]):
        day = date(2024, 11, 1) + timedelta(days=made // 3)
        doc = _doc(group, n, day, f"big-{made}") if what == "add" else _deletion(group, n, day, f"big-{made}")
        services.gate.submit(json.dumps(doc).encode(), InputFormat.JSON, agent)
    return time.monotonic() - started, services.require_log().head()


def start_times(store: Path) -> list[float]:
    times = []
    for _ in range(START_RUNS):
        with server(store) as url:
            times.append(_wait(url, "/api/questions/1-17"))
    return times


def main() -> None:
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "http"
        token = Tokens(ChangeLog(store)).create("bench", "editor")
        latencies = http_latencies(store, token)
        empty = Path(tmp) / "empty"
        ChangeLog(empty)
        cold_empty = start_times(empty)
        big = Path(tmp) / "big"
        made_s, head = big_store(big)
        cold_big = start_times(big)
    lines = [
        "# The living KB: accepted changes, time travel, start-up",
        "",
        f"`python bench/changes.py`, {datetime.now(UTC):%Y-%m-%d} on {platform.machine()} "
        f"({os.cpu_count()} cores; load average {load:.2f} at the start). Loopback, one server at a time.",
        "",
        "| request | p50 ms | p99 ms |",
        "|---|---|---|",
        *[f"| {label} | {p50:.1f} | {p99:.1f} |" for label, (p50, p99) in latencies.items()],
        "",
        f"A store of {head} accepted changes made through the gate in-process: {made_s:.0f} s "
        f"({made_s / head * 1000:.0f} ms a change).",
        "",
        "| start to the first answer of `GET /api/questions/1-17` | runs (s) | median s |",
        "|---|---|---|",
        f"| no change | {', '.join(f'{t:.2f}' for t in cold_empty)} | {statistics.median(cold_empty):.2f} |",
        f"| {head} accepted changes | {', '.join(f'{t:.2f}' for t in cold_big)} | {statistics.median(cold_big):.2f} |",
        "",
    ]
    path = ROOT / "bench" / "results" / "changes.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
