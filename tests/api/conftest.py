"""Fixtures of the HTTP tests: one live server for the session, and an httpx client for it."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from liveserver import MAX_ROWS, ROOT, TIMEOUT_S, Live, start_server

from itut_kb.config import Settings


@pytest.fixture(scope="session")
def live() -> Iterator[Live]:
    settings = Settings(
        root=ROOT,
        query_timeout_s=TIMEOUT_S,
        max_result_rows=MAX_ROWS,
        sparql_workers=2,
        max_body_bytes=20_000,
    )
    with start_server(settings) as server:
        yield server


@pytest.fixture(scope="session")
def http(live: Live) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live.url, timeout=30) as client:
        yield client
