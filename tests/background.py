"""The suite's few heavy, independent jobs, started together at the beginning of the session in processes of
their own, so that they run beside the other tests instead of one after another in the test process.

They are the whole-KB SHACL check, the OWL reasoner on the real KB, a fresh build from the source text and
mypy: together more than half of the suite's CPU time, each a single long computation that shares nothing
with the rest. On an idle two-core machine they take the core the tests leave free; on a busy one they
compete for CPU as the separate processes they are, rather than queueing behind each other. Each still runs
once per session, and only when a selected test needs it (``tests/conftest.py``); a test that needs a
result waits for it, and a job's exception is raised there.
"""

from __future__ import annotations

import multiprocessing
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
MYPY = [str(BIN / "mypy"), "src"]


def whole_kb_check(root: Path) -> Any:
    """`itut-kb check` on the committed KB (SHACL over everything + every check query)."""
    from itut_kb.checks import run_checks
    from itut_kb.config import Settings

    return run_checks(Settings(root=root))


def real_kb_consistency(root: Path) -> list[str]:
    """HermiT over the ontology and the committed KB: the problems found."""
    from itut_kb.config import Settings
    from itut_kb.reasoner import consistency_problems
    from itut_kb.store import kb_files

    return consistency_problems([path for _part, path in kb_files(Settings(root=root))])


def fresh_build(copy: Path) -> Path:
    """`itut-kb build` into ``copy`` (a copy of data/source and data/curated): its data/kb directory."""
    from itut_kb.build import Paths, write_kb

    write_kb(Paths(copy))
    return copy / "data" / "kb"


def mypy(root: Path) -> tuple[int, str]:
    """mypy --strict over src/ (configured in pyproject.toml): exit status and output."""
    result = subprocess.run(MYPY, cwd=root, capture_output=True, text=True, timeout=600, check=False)
    return result.returncode, result.stdout + result.stderr


# fixture name -> the job that computes it, and whether the job needs a scratch copy of the sources
JOBS: dict[str, tuple[Callable[..., Any], bool]] = {
    "check_report": (whole_kb_check, False),
    "real_kb_consistency": (real_kb_consistency, False),
    "fresh": (fresh_build, True),
    "mypy_result": (mypy, False),
}


class Background:
    """The jobs of the fixtures ``needed`` by the selected tests, running in a process pool."""

    def __init__(self, needed: Iterable[str], scratch: Path) -> None:
        names = [name for name in JOBS if name in set(needed)]
        self._pool = ProcessPoolExecutor(
            max_workers=max(1, min(len(names), 2)), mp_context=multiprocessing.get_context("spawn")
        )
        self._futures: dict[str, Future[Any]] = {}
        for name in names:
            job, needs_copy = JOBS[name]
            if needs_copy:
                for folder in ("source", "curated"):
                    shutil.copytree(ROOT / "data" / folder, scratch / "data" / folder)
            self._futures[name] = self._pool.submit(job, scratch if needs_copy else ROOT)

    def result(self, name: str) -> Any:
        """The job's result, once it is done."""
        return self._futures[name].result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
