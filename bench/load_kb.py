"""Benchmark: loading the ontology and the generated KB into the embedded store (target: under 2 s).

Bounded: a fixed number of runs in a fresh process each (so nothing is cached between runs).
Writes bench/results/load_kb.md.
"""

from __future__ import annotations

import platform
import statistics
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

RUNS = 7
ROOT = Path(__file__).resolve().parents[1]
PROBE = """
import time, resource
t0 = time.perf_counter()
from itut_kb.config import Settings
from itut_kb.store import KnowledgeBase
t1 = time.perf_counter()
kb = KnowledgeBase.load(Settings())
t2 = time.perf_counter()
kb.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
t3 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2, len(kb), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def main() -> None:
    rows = []
    for _ in range(RUNS):
        out = subprocess.run(
            [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=60
        )
        imports, load, count, triples, rss = out.stdout.split()
        rows.append((float(imports), float(load), float(count), int(triples), int(rss)))
    loads = sorted(r[1] for r in rows)
    report = [
        "# Loading the KB into the embedded store",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d} on {platform.machine()}, Python {platform.python_version()}, "
        f"{RUNS} runs, each in a fresh process (`python bench/load_kb.py`).",
        "",
        f"- triples loaded (ontology + data/kb/*.ttl): {rows[0][3]:,}",
        f"- load time: median {statistics.median(loads) * 1000:.0f} ms, max {loads[-1] * 1000:.0f} ms (target < 2,000 ms)",
        f"- imports (rdflib, pyoxigraph, pydantic): median {statistics.median(r[0] for r in rows) * 1000:.0f} ms",
        f"- first full count query: median {statistics.median(r[2] for r in rows) * 1000:.1f} ms",
        f"- peak RSS: median {statistics.median(r[4] for r in rows) / 1024:.0f} MiB",
        "",
    ]
    target = ROOT / "bench" / "results" / "load_kb.md"
    target.write_text("\n".join(report), encoding="utf-8")
    print("\n".join(report))


if __name__ == "__main__":
    main()
