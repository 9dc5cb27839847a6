"""Benchmark: itut-kb side by side with its peers on the same KB, the same queries, the same machine.

The peers: Oxigraph's own server (``oxigraph serve-read-only``, the Rust server over the same engine) and
rdflib-endpoint (rdflib + FastAPI, the nearest Python peer), both installed from PyPI into a bench-only
environment (``bench/.venv-peers``, git-ignored); load from ``wrk`` (Debian's package, installed where
missing). Each server gets the same files (the ontology and ``data/kb/*.ttl``, each file a named graph
where the server keeps graphs, queried as their union) and the same queries (``bench/queries/*.rq``):

* exact lookups, the same SPARQL text on every server's endpoint, and itut-kb's REST twins of each
  (compared with Oxigraph's rate on the SPARQL text of the same lookup);
* an aggregate and a text search;
* at concurrency 1, 8 and 16, interleaved (itut-kb, Oxigraph, rdflib-endpoint, then again) for ROUNDS
  rounds, each measurement DURATION_S seconds of wrk after a short warm-up;
* mixed load: one client looping a query that runs into the time limit while wrk measures an exact lookup;
* cold start: from launching the server to its first correct answer (itut-kb: on /sparql, and on the REST
  twin, which does not wait for the SPARQL workers);
* memory: the whole process tree of each server (RSS, and PSS, which counts shared pages once).

Everything runs on 127.0.0.1, bounded in time; every server is stopped by its pid (and its children by
theirs). Writes bench/results/peers.md. ``python bench/peers.py --help`` for the options.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from statistics import mean
from urllib.parse import urlencode

import httpx

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
PEERS_VENV = BENCH / ".venv-peers"
RESULTS = BENCH / "results" / "peers.md"
HOST = "127.0.0.1"  # loopback only
CONCURRENCY = (1, 8, 16)
JSON_RESULTS = "application/sparql-results+json"
NO_CACHE = "itut-kb (no cache)"  # the same server without its response cache: every answer computed
GRAPH_BASE = "https://w3id.org/itut-kb/graph/"
QUERY_TIMEOUT_S = 10  # itut-kb's default time limit
# Oxigraph runs without --timeout-s: with it, it starts a thread per query, and under 16 connections this
# kind of sandbox refused it new threads (EAGAIN) and it answered 500s. So its heavy query in the mixed-load
# case runs on until the server is stopped.


def query_text(name: str) -> str:
    """A bench query without its ``#+`` header."""
    text = (BENCH / "queries" / f"{name}.rq").read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if not line.startswith("#+")).strip()


@dataclass(frozen=True)
class Case:
    name: str
    kind: str  # "exact", "aggregate", "text"
    query: str  # the bench query's file name
    rest: str | None = None  # itut-kb's REST twin of the same lookup


CASES = (
    Case("owner of E.164", "exact", "exact-owner", "/api/recommendations/E.164/owner"),
    Case("Resolution 2", "exact", "exact-resolution", "/api/resolutions/2"),
    Case("Questions of SG17", "exact", "exact-questions", "/api/queries/questions-of-group?group=SG17"),
    Case("Questions per group (GROUP BY)", "aggregate", "aggregate"),
    Case("clauses mentioning 物联网 (CONTAINS)", "text", "text-search"),
)


# ---------------------------------------------------------------------------------------- set-up
def ensure_peers() -> None:
    """The peers in a bench-only virtual environment, from PyPI (once)."""
    if (PEERS_VENV / "bin" / "oxigraph").exists() and (PEERS_VENV / "bin" / "rdflib-endpoint").exists():
        return
    print("installing the peers into bench/.venv-peers (oxigraph, rdflib-endpoint)")
    subprocess.run([sys.executable, "-m", "venv", str(PEERS_VENV)], check=True)
    pip = [str(PEERS_VENV / "bin" / "python"), "-m", "pip", "install", "-q"]
    subprocess.run([*pip, "oxigraph", "rdflib-endpoint[cli]"], check=True)


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    print("installing wrk (Debian package)")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, env=env)
    return shutil.which("wrk") or "wrk"


def kb_files() -> list[tuple[str, Path]]:
    """(graph name, file): the same files itut-kb loads (itut_kb.store.kb_files)."""
    files = [("ontology", ROOT / "ontology" / "itut.ttl")]
    return files + [(p.stem, p) for p in sorted((ROOT / "data" / "kb").glob("*.ttl"))]


def load_oxigraph(location: Path) -> None:
    exe = str(PEERS_VENV / "bin" / "oxigraph")
    for graph, path in kb_files():
        subprocess.run(
            [exe, "load", "--location", str(location), "--file", str(path), "--graph", GRAPH_BASE + graph],
            check=True,
            capture_output=True,
            timeout=300,
        )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


# ---------------------------------------------------------------------------------------- servers
@dataclass
class Server:
    name: str
    argv: Callable[[int], list[str]]
    sparql_path: str
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None
    port: int = 0

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    def sparql_url(self, query: str) -> str:
        return f"{self.base}{self.sparql_path}?{urlencode({'query': query})}"

    def start(self) -> float:
        """Launch; the monotonic time of the launch."""
        self.port = free_port()
        started = time.monotonic()
        self.process = subprocess.Popen(
            self.argv(self.port),
            env={**os.environ, **self.env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        return started

    def pids(self) -> list[int]:
        return tree(self.process.pid) if self.process else []

    def stop(self) -> None:
        """Stop the server by its pid (SIGTERM, then SIGKILL), then any child left, by its pid."""
        if self.process is None:
            return
        children = self.pids()[1:]
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=15)
        for pid in children:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process = None


def servers(itut_env: dict[str, str], ox_location: Path) -> list[Server]:
    itut_exe = str(Path(sys.executable).with_name("itut-kb"))
    ox_exe = str(PEERS_VENV / "bin" / "oxigraph")
    rdflib_exe = str(PEERS_VENV / "bin" / "rdflib-endpoint")
    files = [str(p) for _g, p in kb_files()]
    return [
        Server(
            "itut-kb",
            lambda port: [itut_exe, "serve", "--host", HOST, "--port", str(port)],
            "/sparql",
            {"ITUT_KB_ROOT": str(ROOT), **itut_env},
        ),
        Server(
            NO_CACHE,
            lambda port: [itut_exe, "serve", "--host", HOST, "--port", str(port)],
            "/sparql",
            {"ITUT_KB_ROOT": str(ROOT), **itut_env, "ITUT_KB_RESPONSE_CACHE_MB": "0"},
        ),
        Server(
            "oxigraph",
            lambda port: [
                ox_exe,
                "serve-read-only",
                "--location",
                str(ox_location),
                "--bind",
                f"{HOST}:{port}",
                "--union-default-graph",
            ],
            "/query",
        ),
        Server(
            "rdflib-endpoint",
            lambda port: [rdflib_exe, "serve", "--host", HOST, "--port", str(port), *files],
            "/",
        ),
    ]


def tree(root: int) -> list[int]:
    """``root`` and its descendants (from /proc)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += parents.get(pid, [])
    return out


def memory_mb(pids: list[int]) -> tuple[float, float]:
    """(RSS, PSS) of the processes, in MB."""
    rss = pss = 0
    for pid in pids:
        try:
            text = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        rss += int(re.search(r"^Rss:\s+(\d+)", text, re.M).group(1))  # type: ignore[union-attr]
        pss += int(re.search(r"^Pss:\s+(\d+)", text, re.M).group(1))  # type: ignore[union-attr]
    return rss / 1024, pss / 1024


# ---------------------------------------------------------------------------------------- answers
def rows_of(response: httpx.Response) -> int | None:
    """The number of rows of a SPARQL JSON answer (None when it is not one)."""
    if response.status_code != 200:
        return None
    try:
        return len(response.json()["results"]["bindings"])
    except (ValueError, KeyError, TypeError):
        return None


def expected_rows() -> dict[str, int]:
    """The right number of rows of every bench query, from pyoxigraph over the same files."""
    import pyoxigraph as ox

    store = ox.Store()
    for graph, path in kb_files():
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(GRAPH_BASE + graph))
    return {
        c.query: len(list(store.query(query_text(c.query), use_default_graph_as_union=True)))  # type: ignore[arg-type]
        for c in CASES
    }


def wait_for(check: Callable[[], bool], started: float, limit_s: float) -> float | None:
    """Seconds from ``started`` until ``check()`` holds (polling every 10 ms), None past ``limit_s``."""
    while time.monotonic() - started < limit_s:
        try:
            if check():
                return time.monotonic() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.01)
    return None


# ---------------------------------------------------------------------------------------- load
@dataclass(frozen=True)
class Measure:
    rps: float
    p50: float
    p99: float
    bad: int  # non-2xx answers and socket errors


def _ms(text: str) -> float:
    match = re.match(r"([\d.]+)(us|ms|s)$", text)
    if match is None:  # wrk writes -nan when it measured nothing
        return 0.0
    return float(match.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[match.group(2)]


def wrk(url: str, concurrency: int, duration_s: float, accept: str = JSON_RESULTS) -> Measure:
    argv = ["wrk", f"-t{min(concurrency, 2)}", f"-c{concurrency}", f"-d{duration_s:g}s", "--latency"]
    argv += ["--timeout", "15s", "-H", f"Accept: {accept}", url]
    out = subprocess.run(argv, capture_output=True, text=True, check=True, timeout=duration_s + 60).stdout
    found = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if found is None:
        print(out)
        return Measure(0.0, 0.0, 0.0, 1)
    rps = float(found.group(1))
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    bad = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if errors:
        bad += sum(int(n) for n in errors.groups())
    return Measure(rps, _ms(p50.group(1)) if p50 else 0.0, _ms(p99.group(1)) if p99 else 0.0, bad)


def warm(url: str, accept: str = JSON_RESULTS, times: int = 30) -> httpx.Response:
    with httpx.Client(timeout=60, headers={"Accept": accept}) as client:
        response = client.get(url)
        for _ in range(times):
            client.get(url)
    return response


@contextmanager
def heavy_client(url: str) -> Iterator[list[int]]:
    """One client looping a query that runs into the time limit; yields the list of its answers' statuses."""
    stop = threading.Event()
    statuses: list[int] = []

    def loop() -> None:
        with httpx.Client(timeout=QUERY_TIMEOUT_S + 5) as client:
            while not stop.is_set():
                try:
                    statuses.append(client.get(url).status_code)
                except httpx.HTTPError:
                    statuses.append(0)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    time.sleep(1.0)  # the heavy query is running
    try:
        yield statuses
    finally:
        stop.set()


# ---------------------------------------------------------------------------------------- the run
@dataclass
class Run:
    duration_s: float
    rounds: int
    results: dict[tuple[str, str, int], list[Measure]] = field(default_factory=dict)
    mixed: dict[str, tuple[Measure, Measure, list[int]]] = field(default_factory=dict)
    cold: dict[str, list[float | None]] = field(default_factory=dict)
    memory: dict[str, tuple[float, float, int]] = field(default_factory=dict)

    def add(self, case: str, server: str, concurrency: int, measure: Measure) -> None:
        self.results.setdefault((case, server, concurrency), []).append(measure)
        print(
            f"  {case} · {server} · c={concurrency}: {measure.rps:,.0f} req/s, p50 {measure.p50:.2f} ms, "
            f"p99 {measure.p99:.2f} ms, {measure.bad} bad",
            flush=True,
        )

    def get(self, case: str, server: str, concurrency: int) -> Measure | None:
        found = self.results.get((case, server, concurrency))
        if not found:
            return None
        return Measure(
            mean(m.rps for m in found),
            mean(m.p50 for m in found),
            mean(m.p99 for m in found),
            sum(m.bad for m in found),
        )


def cold_start(server: Server, case: Case, rows: int, run: Run) -> None:
    """Launch to first correct answer (and, for itut-kb, to the first answer of the REST twin; for
    Oxigraph, also from the Turtle files: ``oxigraph load`` into a new database, then the server)."""
    if server.name == "oxigraph":
        cold_start_from_files(server, case, rows, run)
    started = server.start()
    url = server.sparql_url(query_text(case.query))
    rest_url = f"{server.base}{case.rest}"
    rest_time: list[float | None] = [None]

    def rest() -> None:
        rest_time[0] = wait_for(lambda: httpx.get(rest_url, timeout=5).status_code == 200, started, 120)

    poller = threading.Thread(target=rest, daemon=True)
    if server.name == "itut-kb":
        poller.start()
    seconds = wait_for(
        lambda: rows_of(httpx.get(url, headers={"Accept": JSON_RESULTS}, timeout=30)) == rows, started, 180
    )
    if server.name == "itut-kb":
        poller.join(timeout=130)
        run.cold.setdefault("itut-kb REST twin", []).append(rest_time[0])
    run.cold.setdefault(server.name, []).append(seconds)
    print(f"  cold start {server.name}: {seconds} s (REST twin {rest_time[0]})", flush=True)
    server.stop()


def cold_start_from_files(server: Server, case: Case, rows: int, run: Run) -> None:
    with tempfile.TemporaryDirectory(prefix="itut-kb-peers-cold-") as tmp:
        location = Path(tmp) / "oxigraph"
        exe = str(PEERS_VENV / "bin" / "oxigraph")
        started = time.monotonic()
        files = [str(path) for _graph, path in kb_files()]
        subprocess.run(
            [exe, "load", "--location", str(location), "--file", *files], check=True, capture_output=True
        )
        cold = Server("oxigraph (load + serve)", server.argv, server.sparql_path)
        cold.port = free_port()
        argv = server.argv(cold.port)
        argv[argv.index("--location") + 1] = str(location)
        cold.process = subprocess.Popen(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        url = cold.sparql_url(query_text(case.query))
        seconds = wait_for(
            lambda: rows_of(httpx.get(url, headers={"Accept": JSON_RESULTS}, timeout=30)) == rows,
            started,
            180,
        )
        run.cold.setdefault(cold.name, []).append(seconds)
        print(f"  cold start {cold.name}: {seconds} s", flush=True)
        cold.stop()


def measure_all(run: Run, peers: list[Server], expected: dict[str, int]) -> None:
    for server in peers:
        for case in CASES:
            answer = warm(server.sparql_url(query_text(case.query)))
            assert rows_of(answer) == expected[case.query], (server.name, case.name, answer.text[:300])
            if server.name.startswith("itut-kb") and case.rest:
                assert warm(server.base + case.rest, "application/json").status_code == 200
    for round_ in range(run.rounds):
        print(f"round {round_ + 1} of {run.rounds}", flush=True)
        for case in CASES:
            for concurrency in CONCURRENCY:
                for server in peers:
                    url = server.sparql_url(query_text(case.query))
                    run.add(case.name, server.name, concurrency, wrk(url, concurrency, run.duration_s))
                    if server.name.startswith("itut-kb") and case.rest:
                        measure = wrk(
                            server.base + case.rest, concurrency, run.duration_s, "application/json"
                        )
                        run.add(case.name, f"{server.name} REST", concurrency, measure)


def mixed_load(run: Run, peers: list[Server]) -> None:
    """Exact lookups at c=8 with and without a client looping a query that runs into the time limit, for
    the time limit and 2 s more; each server is stopped after its turn.

    rdflib-endpoint comes last: it has no time limit, and its heavy query holds its event loop until the
    server is stopped."""
    case = CASES[0]
    heavy = query_text("heavy")
    seconds = max(run.duration_s, QUERY_TIMEOUT_S + 2)  # the heavy query runs into the time limit meanwhile
    for server in peers:
        targets = [(server.name, server.sparql_url(query_text(case.query)), JSON_RESULTS)]
        if server.name.startswith("itut-kb") and case.rest:
            targets.append((f"{server.name} REST", server.base + case.rest, "application/json"))
        unloaded = {name: wrk(url, 8, seconds, accept) for name, url, accept in targets}
        with heavy_client(server.sparql_url(heavy)) as statuses:
            loaded = {name: wrk(url, 8, seconds, accept) for name, url, accept in targets}
        server.stop()  # its heavy query may run on (Oxigraph has no time limit here): not into the next
        for name, _url, _accept in targets:
            run.mixed[name] = (unloaded[name], loaded[name], list(statuses))
            print(
                f"  mixed load {name}: {unloaded[name].rps:,.0f} -> {loaded[name].rps:,.0f} req/s", flush=True
            )


# ---------------------------------------------------------------------------------------- the report
def _ratio(a: float | None, b: float | None) -> str:
    if not a or not b:
        return "–"
    return f"{a / b:.2f}x"


def _mark(ok: bool) -> str:
    return "met" if ok else "**not met**"


def report(
    run: Run, load_start: tuple[float, float, float], load_end: tuple[float, float, float], note: str
) -> str:
    lines = [
        "# itut-kb and its peers, side by side",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()} with {os.cpu_count()} CPUs "
        f"(shared with other jobs), Python {platform.python_version()}, by `make bench-peers` "
        f"(`python bench/peers.py`): {run.rounds} interleaved rounds of {run.duration_s:g} s of `wrk` per "
        "measurement after a warm-up, every server on 127.0.0.1 with the same files (the ontology and "
        "`data/kb/*.ttl`, each file a named graph, queried as their union) and the same queries "
        "(`bench/queries/*.rq`). Figures are the mean of the rounds.",
        "",
        f"**Load average at the start: {load_start[0]:.2f} {load_start[1]:.2f} {load_start[2]:.2f}** "
        f"(at the end: {load_end[0]:.2f} {load_end[1]:.2f} {load_end[2]:.2f}); the load generator runs on "
        "the same 2 CPUs as the servers.",
        "",
        "Servers: `itut-kb serve` (default settings: access log on, 2 SPARQL worker processes, "
        f"{QUERY_TIMEOUT_S} s time limit, response cache on); `oxigraph serve-read-only "
        "--union-default-graph` (the Rust server, pyoxigraph's engine; without `--timeout-s`, with which it "
        "starts a thread per query and, under 16 connections, this sandbox refused it threads and it answered "
        "500s); "
        "`rdflib-endpoint serve` (rdflib's in-memory store, FastAPI). " + note,
        "",
        "## Throughput and latency",
        "",
        "Ratios: itut-kb over the peer (req/s), and itut-kb's p99 over Oxigraph's p99. A REST twin is "
        "compared with the peers' rates on the SPARQL text of the same lookup. Targets: exact lookups "
        "≥ 0.25x Oxigraph with p99 ≤ 4x its p99; every case ≥ 2x rdflib-endpoint. itut-kb answers a "
        "repeated request from its response cache (as it does in use: the same lookups come again); the rows "
        "marked *(no cache)* are the same server with `ITUT_KB_RESPONSE_CACHE_MB=0`, every answer computed "
        "(the engine path: in-process lookups, SPARQL in a worker process); their verdicts, in parentheses, "
        "are not counted.",
        "",
        "| case | c | itut-kb req/s | p50 ms | p99 ms | oxigraph req/s | p99 ms | rdflib-endpoint req/s "
        "| p99 ms | vs oxigraph | p99 vs oxigraph | vs rdflib-endpoint | targets |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    verdicts: list[bool] = []
    for case in CASES:
        for concurrency in CONCURRENCY:
            ox = run.get(case.name, "oxigraph", concurrency)
            rd = run.get(case.name, "rdflib-endpoint", concurrency)
            variants = []
            for name in ("itut-kb", NO_CACHE):
                variants.append((name, "/sparql"))
                if case.rest:
                    variants.append((f"{name} REST", case.rest.split("?")[0]))
            for server, path in variants:
                it = run.get(case.name, server, concurrency)
                if it is None:
                    continue
                checks = [bool(rd and it.rps >= 2 * rd.rps)]
                if case.kind == "exact" and ox:
                    checks += [it.rps >= 0.25 * ox.rps, it.p99 <= 4 * ox.p99]
                informative = server.startswith(NO_CACHE)
                if not informative:
                    verdicts += checks
                label = f"{path} (no cache)" if informative else path
                lines.append(
                    f"| {case.name}: `{label}` | {concurrency} | {it.rps:,.0f} | {it.p50:.2f} | {it.p99:.2f} "
                    f"| {ox.rps if ox else 0:,.0f} | {ox.p99 if ox else 0:.2f} | {rd.rps if rd else 0:,.0f} "
                    f"| {rd.p99 if rd else 0:.2f} | {_ratio(it.rps, ox.rps if ox else None)} "
                    f"| {_ratio(it.p99, ox.p99 if ox else None)} | {_ratio(it.rps, rd.rps if rd else None)} "
                    f"| {('(' + _mark(all(checks)) + ')') if informative else _mark(all(checks))}"
                    f"{' (' + str(it.bad) + ' non-2xx)' if it.bad else ''} |"
                )
    lines += [
        "",
        "## Mixed load",
        "",
        f"An exact lookup (owner of E.164) at c=8 for {max(run.duration_s, QUERY_TIMEOUT_S + 2):g} s, without "
        "and then with one client looping the cartesian-product count of `bench/queries/heavy.rq` (which runs into the time limit). "
        "Target: itut-kb keeps ≥ 70 % of its unloaded rate.",
        "",
        "| server | unloaded req/s | loaded req/s | kept | loaded p99 ms | heavy answers (status: count) |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, (unloaded, loaded, statuses) in run.mixed.items():
        kept = loaded.rps / unloaded.rps if unloaded.rps else 0.0
        counts = ", ".join(f"{s or 'no answer'}: {statuses.count(s)}" for s in sorted(set(statuses)))
        lines.append(
            f"| {name} | {unloaded.rps:,.0f} | {loaded.rps:,.0f} | {kept:.0%} | {loaded.p99:.2f} | {counts or '–'} |"
        )
    lines += [
        "",
        "## Cold start",
        "",
        "From launching the server to its first correct answer to the exact lookup (owner of E.164) on its "
        "SPARQL endpoint, polled every 10 ms; itut-kb's REST twin is polled at the same time (it answers "
        "before the SPARQL workers are ready). `oxigraph` opens the database `oxigraph load` wrote beforehand; "
        "`oxigraph (load + serve)` starts from the Turtle files, as itut-kb and rdflib-endpoint do: "
        "`oxigraph load` of every file into a new database, then the server. Target: itut-kb ≤ 3x Oxigraph.",
        "",
        "| server | cold start, each round (s) | mean (s) | vs oxigraph (open) | vs oxigraph (load + serve) |",
        "|---|---|---:|---:|---:|",
    ]

    def avg_of(name: str) -> float | None:
        got = [t for t in run.cold.get(name, []) if t is not None]
        return mean(got) if got else None

    for name, times in run.cold.items():
        avg = avg_of(name)
        shown = ", ".join("timed out" if t is None else f"{t:.2f}" for t in times)
        lines.append(
            f"| {name} | {shown} | {avg if avg is not None else 0:.2f} | {_ratio(avg, avg_of('oxigraph'))} "
            f"| {_ratio(avg, avg_of('oxigraph (load + serve)'))} |"
        )
    lines += [
        "",
        "## Memory",
        "",
        "The whole process tree of each server after the throughput runs (itut-kb: the HTTP server and its "
        "SPARQL workers). PSS counts a page shared by several processes once, split between them.",
        "",
        "| server | processes | RSS MB | PSS MB |",
        "|---|---:|---:|---:|",
    ]
    for name, (rss, pss, count) in run.memory.items():
        lines.append(f"| {name} | {count} | {rss:,.0f} | {pss:,.0f} |")
    met = sum(verdicts)
    lines += ["", f"Throughput and latency targets met: {met} of {len(verdicts)}.", ""]
    notes = BENCH / "peers-notes.md"
    if notes.exists():
        lines += [notes.read_text(encoding="utf-8")]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=float, default=3.0, help="seconds of wrk per measurement")
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds")
    parser.add_argument("--cold-rounds", type=int, default=2, help="cold starts per server")
    parser.add_argument("--itut-env", action="append", default=[], help="KEY=VALUE for itut-kb's environment")
    parser.add_argument("--only", default="", help="comma-separated servers to measure (default: all)")
    parser.add_argument("--note", default="", help="a sentence added to the report's header")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    ensure_peers()
    ensure_wrk()
    load_start = os.getloadavg()
    itut_env = dict(item.split("=", 1) for item in args.itut_env)
    run = Run(args.duration, args.rounds)
    expected = expected_rows()
    with tempfile.TemporaryDirectory(prefix="itut-kb-peers-") as tmp:
        location = Path(tmp) / "oxigraph"
        print("loading the KB into Oxigraph's database", flush=True)
        load_oxigraph(location)
        peers = servers(itut_env, location)
        if args.only:
            peers = [s for s in peers if s.name in args.only.split(",")]
        try:
            print("cold start", flush=True)
            for _ in range(args.cold_rounds):
                for server in peers:
                    if server.name == NO_CACHE:
                        continue
                    cold_start(server, CASES[0], expected[CASES[0].query], run)
            for server in peers:
                started = server.start()
                url = server.sparql_url(query_text(CASES[0].query))
                ready = wait_for(
                    lambda u=url: (
                        rows_of(httpx.get(u, headers={"Accept": JSON_RESULTS}, timeout=30))
                        == expected["exact-owner"]
                    ),
                    started,
                    180,
                )  # type: ignore[misc]
                if ready is None:
                    raise RuntimeError(f"{server.name} did not answer within 180 s")
            measure_all(run, peers, expected)
            for server in peers:
                pids = server.pids()
                rss, pss = memory_mb(pids)
                run.memory[server.name] = (rss, pss, len(pids))
            mixed_load(run, peers)
        finally:
            for server in peers:
                server.stop()
    text = report(run, load_start, os.getloadavg(), args.note)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(text)
    print(json.dumps({"written": str(args.output)}))


if __name__ == "__main__":
    main()
