"""Benchmark: how long the command line takes to answer `--help`, `--version`, `owner G.711` and
`show resolution 2`, in fresh processes (bounded: RUNS each).

``python bench/cli_startup.py [--before CHECKOUT]`` measures this checkout's code and, with ``--before``,
another checkout's (e.g. a worktree of the commit before lazy imports, issue 14) the same way, side by side.
Each run is ``python -c "from itut_kb.cli import main; main()" ARGS`` with that checkout's ``src`` first on
the path, against that checkout's own KB (``ITUT_KB_ROOT``). Median wall time and median CPU time (user + system of the child).
Writes bench/results/cli_startup.md.
"""

from __future__ import annotations

import argparse
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
PROBE = "import sys; from itut_kb.cli import main; sys.exit(main())"


def measure(src: Path, args: list[str]) -> tuple[float, float] | None:
    """Median wall and CPU seconds; None when the command fails there (an option it does not have)."""
    walls, cpus = [], []
    env = {**os.environ, "PYTHONPATH": str(src), "ITUT_KB_ROOT": str(src.parent)}
    for _ in range(RUNS):
        before = os.times()
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", PROBE, *args], check=False, capture_output=True, env=env, timeout=120
        )
        walls.append(time.perf_counter() - start)
        after = os.times()
        if done.returncode != 0:
            return None
        cpus.append(
            (after.children_user - before.children_user) + (after.children_system - before.children_system)
        )
    return statistics.median(walls), statistics.median(cpus)


def _describe(checkout: Path) -> str:
    done = subprocess.run(
        ["git", "-C", str(checkout), "log", "-1", "--format=%h %s"],
        check=False,
        capture_output=True,
        text=True,
    )
    return f"`{done.stdout.strip()[:70]}…`" if done.returncode == 0 else checkout.name


def main() -> None:
    options = argparse.ArgumentParser()
    options.add_argument("--before", type=Path, help="another checkout to measure the same way")
    args = options.parse_args()
    header = "| command | wall (s) | CPU (s) |"
    if args.before:
        header += " before: wall (s) | before: CPU (s) |"
    lines = [
        "# CLI start-up (bench/cli_startup.py)",
        "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, Python {platform.python_version()}, {os.cpu_count()} cores "
        f"(shared with other work), median of {RUNS} fresh processes."
        + (f" Before: {_describe(args.before)}." if args.before else ""),
        "",
        header,
        "|" + "---|" * (header.count("|") - 1),
    ]
    for command in COMMANDS:
        cells = [f"`itut-kb {' '.join(command)}`"]
        for src in [ROOT / "src"] + ([args.before / "src"] if args.before else []):
            got = measure(src, command)
            cells += [f"{got[0]:.2f}", f"{got[1]:.2f}"] if got else ["(fails)", "(fails)"]
        lines.append("| " + " | ".join(cells) + " |")
        print(lines[-1])
    (ROOT / "bench" / "results" / "cli_startup.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
