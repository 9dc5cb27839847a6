"""Shared fixtures: settings for the real KB and for the tiny hand-written fixture KB; one set of services
over the real KB and one live server for the whole session; the heavy jobs (whole-KB check, reasoner, fresh
build, mypy) started together in the background at the start of the session (tests/background.py).

What is loaded once here is what the suite would otherwise load again and again: the KB (a few tenths of a
second a time, and more on a busy machine), a live server with its worker processes, a whole-KB check.
Tests that only read share them; a test that changes something builds its own.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, cast

import httpx
import pytest

from background import Background
from itut_kb.config import Settings
from itut_kb.services import Services
from liveserver import (
    MAX_BODY_BYTES,
    MAX_QUERY_BYTES,
    MAX_ROWS,
    TIMEOUT_S,
    WORKER_MEMORY_MB,
    Live,
    start_server,
)

if TYPE_CHECKING:
    from itut_kb.checks import Report
    from itut_kb.store import KnowledgeBase

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def settings() -> Settings:
    """The project's own ontology, queries and committed KB."""
    return Settings(root=ROOT)


@pytest.fixture(scope="session")
def services(settings: Settings) -> Services:
    """The services over the real KB, shared by every test that only reads (CLI, service and API tests)."""
    return Services(settings)


@pytest.fixture(scope="session")
def kb(services: Services) -> KnowledgeBase:
    """The real KB, loaded once."""
    return services.kb


@pytest.fixture(scope="session", autouse=True)
def background(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Background]:
    """The heavy independent jobs (tests/background.py) that the selected tests need, started at once."""
    needed = {name for item in request.session.items for name in getattr(item, "fixturenames", ())}
    jobs = Background(needed, tmp_path_factory.mktemp("fresh"))
    yield jobs
    jobs.close()


@pytest.fixture(scope="session")
def check_report(background: Background) -> Report:
    """`itut-kb check` on the real KB (SHACL over everything + every check query), run once."""
    return cast("Report", background.result("check_report"))


@pytest.fixture(scope="session")
def real_kb_consistency(background: Background) -> list[str]:
    """What HermiT finds wrong with the ontology and the real KB (nothing), run once."""
    return cast("list[str]", background.result("real_kb_consistency"))


@pytest.fixture(scope="session")
def fresh(background: Background) -> Path:
    """data/kb as `itut-kb build` writes it anew from data/source and data/curated, built once."""
    return cast("Path", background.result("fresh"))


@pytest.fixture(scope="session")
def mypy_result(background: Background) -> tuple[int, str]:
    """mypy --strict over src/: exit status and output, run once."""
    return cast("tuple[int, str]", background.result("mypy_result"))


@pytest.fixture(scope="session")
def live() -> Iterator[Live]:
    """One live server for the session (real sockets, real worker processes), with a short time limit,
    a small row cap, body limit, query size limit and memory cap, so that the tests of those limits are
    cheap."""
    settings = Settings(
        root=ROOT,
        query_timeout_s=TIMEOUT_S,
        max_result_rows=MAX_ROWS,
        sparql_workers=2,
        max_body_bytes=MAX_BODY_BYTES,
        max_query_bytes=MAX_QUERY_BYTES,
        worker_memory_mb=WORKER_MEMORY_MB,
    )
    with start_server(settings) as server:
        yield server


@pytest.fixture(scope="session")
def http(live: Live) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live.url, timeout=60) as client:
        yield client


@pytest.fixture(scope="session")
def tiny_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The project's ontology, shapes and queries over the tiny fixture KB instead of data/kb/."""
    root = tmp_path_factory.mktemp("tiny")
    for folder in ("ontology", "queries"):
        (root / folder).symlink_to(ROOT / folder)
    (root / "data").mkdir()
    shutil.copytree(FIXTURES / "kb", root / "data" / "kb")
    return Settings(root=root)
