"""Benchmark: validating one submission against the shapes plus the KB context it needs (target: p50 < 50 ms),
and the rules engine on one case.

Bounded: one process, the services built and warmed once (as in a running server), then RUNS timed
validations of each example in turn (the same bytes a client would send). Writes bench/results/validation.md.
"""

from __future__ import annotations

import json
import platform
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from itut_kb.config import Settings
from itut_kb.services import Services
from itut_kb.submissions import format_of_path

RUNS = 200
ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SUBMISSIONS = (
    (
        "draft Recommendation, JSON (Annex C, Question, 8.1.1)",
        "submissions/valid/draft-recommendation.json",
        None,
    ),
    (
        "draft Recommendation, JSON, 2 violations + 1 warning",
        "submissions/invalid/draft-wrong-group.json",
        None,
    ),
    ("draft Recommendation, Turtle", "submissions/valid/draft-numbering-tap.ttl", None),
    ("proposed Question, JSON-LD", "submissions/valid/proposed-question.jsonld", None),
    ("contribution, JSON (deadline from A.1 3.1.9)", "submissions/invalid/contribution-late.json", None),
    ("KB change, Turtle (every KB shape)", "submissions/valid/kb-change-new-question.ttl", "kb-change"),
)
CASES = (
    ("rules: TAP approval case", "cases/tap-approval.json"),
    ("rules: AAP approval case", "cases/aap-approval.json"),
)


def _time(call: Callable[[], object]) -> list[float]:
    call()  # warm: catalogs, shapes, prepared SHACL-SPARQL queries
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return sorted(samples)


def _row(label: str, samples: list[float]) -> str:
    p50 = statistics.median(samples)
    p99 = samples[min(len(samples) - 1, round(0.99 * (len(samples) - 1)))]
    return f"| {label} | {p50:.1f} | {p99:.1f} | {samples[-1]:.1f} |"


def main() -> None:
    services = Services(Settings(root=ROOT))
    started = time.perf_counter()
    _ = services.validation.submission_shapes, services.validation.kb_shapes, services.rules.fields
    warm_ms = (time.perf_counter() - started) * 1000
    rows = []
    for label, name, kind in SUBMISSIONS:
        path = EXAMPLES / name
        data, fmt = path.read_bytes(), format_of_path(path)
        rows.append(_row(label, _time(lambda d=data, f=fmt, k=kind: services.validation.validate(d, f, k))))  # type: ignore[misc]
    for label, name in CASES:
        case = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
        rows.append(_row(label, _time(lambda c=case: services.rules.apply(c))))  # type: ignore[misc]
    report = [
        "# Validating a submission; applying the rules to a case",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d} on {platform.machine()}, Python {platform.python_version()}, "
        f"{RUNS} runs of each after one warm-up, in one process with the KB loaded (`python bench/validation.py`).",
        "Each run parses the input, fetches the KB context (one CONSTRUCT per KB node mentioned), adds the "
        "Annex C owners and deadlines, runs pySHACL and builds the JSON report. Target: p50 < 50 ms.",
        "",
        "| input | p50 ms | p99 ms | max ms |",
        "|---|---|---|---|",
        *rows,
        "",
        f"Loading the KB and building the services before the first validation: {warm_ms:.0f} ms (once per process).",
        "",
    ]
    out = ROOT / "bench" / "results" / "validation.md"
    out.write_text("\n".join(report), encoding="utf-8")
    print("\n".join(report))


if __name__ == "__main__":
    main()
