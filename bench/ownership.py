"""Benchmark: who owns a Recommendation (Res. 2 Annex C), for 10,000 identifiers.

1. in batch through the service (`itut-kb owner --batch`'s code path), one named query per distinct number;
2. as one SPARQL query: the named query's text with the 10,000 numbers as VALUES (what a SPARQL user does);
3. one by one over HTTP (`GET /api/recommendations/{id}/owner`) against `itut-kb serve` started here on
   127.0.0.1 on a free port: sequentially with httpx (latency), then with wrk if installed (throughput,
   4 connections, fixed duration, cycling through the same identifiers);
4. the SHACL-AF rule run of `itut-kb build` (pySHACL over pyoxigraph), and once over rdflib for comparison.

Bounded: fixed counts, a time limit on the HTTP loop and on wrk. Writes bench/results/ownership.md.
"""

from __future__ import annotations

import os
import platform
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pyshacl
from rdflib import Graph

from itut_kb import numbering
from itut_kb.build import Paths, build_graphs
from itut_kb.config import Settings
from itut_kb.inference import infer, load_rules
from itut_kb.services import Services

ROOT = Path(__file__).resolve().parents[1]
COUNT = 10_000
HTTP_TIME_LIMIT_S = 120
WRK_SECONDS = 10
SEED = 2024


def identifiers(count: int = COUNT) -> list[str]:
    """Plausible numbers of every letter: whole numbers, sub-numbers, a few bis; seeded, so repeatable."""
    rng = random.Random(SEED)
    out = []
    for _ in range(count):
        letter = rng.choice(numbering.LETTERS)
        main = rng.choice([rng.randint(1, 199), rng.randint(1, 999), rng.randint(1000, 9999)])
        number = f"{letter}.{main}"
        roll = rng.random()
        if roll < 0.25:
            number += f".{rng.randint(0, 12)}"
        elif roll < 0.27:
            number += "bis"
        out.append(number)
    return out


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def bench_service(ids: list[str]) -> dict[str, float]:
    services = Services(Settings(root=ROOT))
    t0 = time.perf_counter()
    ownership = services.ownership
    ownership.owner("G.711")  # loads the KB and reads Annex C once
    t1 = time.perf_counter()
    answers = ownership.owners(ids)
    t2 = time.perf_counter()
    assert len(answers) == len(ids)
    singles = []
    for number in ids[:1000]:
        start = time.perf_counter()
        ownership.owner(number)
        singles.append(time.perf_counter() - start)
    query = ownership.catalog.get("owner").text
    code = "\n".join(line for line in query.splitlines() if not line.startswith("#"))
    rows = " ".join(f'("{numbering.key(n)}" "{numbering.parse(n).letter}")' for n in ids)
    head, brace, rest = code.partition("WHERE {")
    t3 = time.perf_counter()
    solutions = services.kb.select(f"{head}{brace} VALUES (?key ?letter) {{ {rows} }}{rest}")
    t4 = time.perf_counter()
    return {
        "startup_s": t1 - t0,
        "batch_s": t2 - t1,
        "distinct": len({numbering.key(n) for n in ids}),
        "owned": sum(1 for a in answers if a["owners"]),
        "single_p50_ms": statistics.median(singles) * 1000,
        "single_p95_ms": percentile(singles, 0.95) * 1000,
        "values_query_s": t4 - t3,
        "values_rows": len(solutions),
    }


def bench_http(ids: list[str]) -> dict[str, float | str]:
    port = free_port()
    env = {**os.environ, "ITUT_KB_ROOT": str(ROOT)}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "itut_kb.cli",
            "serve",
            "--port",
            str(port),
            "--workers",
            "1",
            "--no-access-log",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=10) as client:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if client.get("/api/health").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError("the server did not start")
                time.sleep(0.2)
            client.get("/api/recommendations/G.711/owner")  # warm the Annex C table
            latencies = []
            start = time.perf_counter()
            stop = time.monotonic() + HTTP_TIME_LIMIT_S
            for number in ids:
                t = time.perf_counter()
                response = client.get(f"/api/recommendations/{number}/owner")
                latencies.append(time.perf_counter() - t)
                assert response.status_code == 200, (number, response.text)
                if time.monotonic() > stop:
                    break
            elapsed = time.perf_counter() - start
        result: dict[str, float | str] = {
            "http_count": len(latencies),
            "http_s": elapsed,
            "http_rps": len(latencies) / elapsed,
            "http_p50_ms": statistics.median(latencies) * 1000,
            "http_p95_ms": percentile(latencies, 0.95) * 1000,
            "http_p99_ms": percentile(latencies, 0.99) * 1000,
        }
        result["wrk"] = run_wrk(base, ids) if shutil.which("wrk") else "wrk not installed"
        return result
    finally:
        server.terminate()
        server.wait(timeout=30)


def run_wrk(base: str, ids: list[str]) -> str:
    """wrk, 2 threads, 4 connections, WRK_SECONDS, cycling through the identifiers."""
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "ids.lua"
        listing = ",".join(f'"/api/recommendations/{n}/owner"' for n in ids[:2000])
        script.write_text(
            f"local paths = {{{listing}}}\nlocal i = 0\n"
            "request = function()\n  i = i % #paths + 1\n  return wrk.format('GET', paths[i])\nend\n",
            encoding="utf-8",
        )
        out = subprocess.run(
            ["wrk", "-t2", "-c4", f"-d{WRK_SECONDS}s", "-s", str(script), base],
            capture_output=True,
            text=True,
            timeout=WRK_SECONDS + 30,
            check=True,
        ).stdout
    lines = [line.split() for line in out.splitlines()]
    rps = next(words[1] for words in lines if words[:1] == ["Requests/sec:"])
    latency = next(words for words in lines if words[:1] == ["Latency"])
    total = next(words for words in lines if words[1:3] == ["requests", "in"])
    errors = [" ".join(words) for words in lines if words[:1] == ["Non-2xx"]]
    return (
        f"{float(rps):,.0f} req/s ({total[0]} requests in {total[3].rstrip(',')}); latency avg {latency[1]}, "
        f"max {latency[3]}" + (f"; {errors[0]}" if errors else "")
    )


def bench_rules() -> dict[str, float]:
    t = time.perf_counter()
    build_graphs(Paths(ROOT))
    build_s = time.perf_counter() - t
    kb = ROOT / "data" / "kb"
    graphs = [
        Graph().parse(kb / f"{part}.ttl") for part in ("mandates", "responsibilities", "recommendations")
    ]
    rules = load_rules(ROOT / "ontology" / "rules" / "responsibility.ttl")
    t0 = time.perf_counter()
    inferred = infer(graphs, rules)
    t1 = time.perf_counter()
    data = Graph()
    for graph in graphs:
        for triple in graph:
            data.add(triple)
    t2 = time.perf_counter()
    pyshacl.shacl_rules(data, shacl_graph=rules, inference="none")
    t3 = time.perf_counter()
    return {
        "build_s": build_s,
        "rules_oxigraph_s": t1 - t0,
        "rules_rdflib_s": t3 - t2,
        "inferred": len(inferred),
    }


def main() -> None:
    ids = identifiers()
    service = bench_service(ids)
    http = bench_http(ids)
    rules = bench_rules()
    report = [
        "# Who owns a Recommendation: 10,000 identifiers",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; `python bench/ownership.py`. {COUNT:,} seeded identifiers of every "
        f"letter ({service['distinct']:,} distinct, {service['owned']:,} with an owner).",
        "",
        "| path | figure |",
        "|---|---|",
        f"| batch through the service (`owner --batch`), after start-up | {service['batch_s']:.2f} s "
        f"({COUNT / service['batch_s']:,.0f} numbers/s) |",
        f"| start-up: load the KB, read Annex C | {service['startup_s']:.2f} s |",
        f"| one number through the service, p50 / p95 | {service['single_p50_ms']:.2f} / "
        f"{service['single_p95_ms']:.2f} ms |",
        f"| one SPARQL query, the named query with the {COUNT:,} numbers as VALUES | {service['values_query_s']:.2f} s "
        f"({service['values_rows']:,} rows) |",
        f"| HTTP one by one (httpx, keep-alive, sequential): {http['http_count']:,} requests | "
        f"{http['http_s']:.1f} s, {http['http_rps']:.0f} req/s |",
        f"| HTTP latency p50 / p95 / p99 | {http['http_p50_ms']:.2f} / {http['http_p95_ms']:.2f} / "
        f"{http['http_p99_ms']:.2f} ms |",
        f"| HTTP throughput, wrk -t2 -c4 {WRK_SECONDS} s over 2,000 of the identifiers | {http['wrk']} |",
        f"| SHACL-AF rule at build time, pySHACL over pyoxigraph ({rules['inferred']:.0f} triples) | "
        f"{rules['rules_oxigraph_s']:.2f} s |",
        f"| the same rule, pySHACL over an rdflib graph | {rules['rules_rdflib_s']:.1f} s |",
        f"| the whole `itut-kb build` (parse, write graphs, run the rule; not writing files) | "
        f"{rules['build_s']:.2f} s |",
        "",
    ]
    out = ROOT / "bench" / "results" / "ownership.md"
    out.write_text("\n".join(report), encoding="utf-8")
    print("\n".join(report))


if __name__ == "__main__":
    main()
