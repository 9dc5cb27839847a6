"""Benchmark: how long the command line takes before it answers (`--help`, `owner G.711`, `show resolution 2`).

Bounded: RUNS fresh processes per command; the median wall time and the median CPU time (user + system of
the child) are recorded. Writes bench/results/cli_startup.md, keeping the figures measured before lazy imports
(issue 14) for comparison.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

RUNS = 5
ROOT = Path(__file__).resolve().parents[1]
COMMANDS = (["--help"], ["--version"], ["owner", "G.711"], ["show", "resolution", "2"])
# Measured on this machine (2 cores, shared) before lazy imports, with the same method (issue 14).
BEFORE = {
    "--help": (2.13, 2.05),
    "owner G.711": (3.10, 2.83),
    "show resolution 2": (3.07, 2.82),
}


def measure(args: list[str]) -> tuple[float, float]:
    walls, cpus = [], []
    exe = Path(sys.executable).with_name("itut-kb")
    for _ in range(RUNS):
        before = os.times()
        start = time.perf_counter()
        subprocess.run([str(exe), *args], capture_output=True, check=True, timeout=120, cwd=ROOT)
        walls.append(time.perf_counter() - start)
        after = os.times()
        cpus.append(
            (after.children_user - before.children_user) + (after.children_system - before.children_system)
        )
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    lines = [
        "# CLI start-up (bench/cli_startup.py)",
        "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, Python {platform.python_version()}, {os.cpu_count()} cores "
        f"(shared with other work), median of {RUNS} fresh processes.",
        "",
        "| command | wall (s) | CPU (s) | before lazy imports: wall / CPU (s) |",
        "|---|---|---|---|",
    ]
    for args in COMMANDS:
        wall, cpu = measure(args)
        name = " ".join(args)
        before = BEFORE.get(name)
        was = f"{before[0]:.2f} / {before[1]:.2f}" if before else "(no such option)"
        lines.append(f"| `itut-kb {name}` | {wall:.2f} | {cpu:.2f} | {was} |")
        print(lines[-1])
    (ROOT / "bench" / "results" / "cli_startup.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
