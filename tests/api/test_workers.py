"""The SPARQL worker processes (issue 12): the server answers lookups before they are ready, a query that
needs one waits for it or gets a 503 with Retry-After; they are forked from one loaded process, cut off
the network where the kernel allows, at a lower CPU priority than the server."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from itut_kb.config import Settings
from itut_kb.workers import QueryPool
from liveserver import ROOT, Live, start_server

ASK = "ASK { ?s ?p ?o }"


@pytest.fixture
def held_back(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Workers that cannot start until the test sets the event."""
    release = threading.Event()
    real = QueryPool._zygote_conn

    def slow(pool: QueryPool) -> object:
        release.wait(60)
        return real(pool)

    monkeypatch.setattr(QueryPool, "_zygote_conn", slow)
    yield release
    release.set()


def test_lookups_are_answered_before_the_workers_are_ready(held_back: threading.Event) -> None:
    settings = Settings(root=ROOT, sparql_workers=1, query_timeout_s=0.5)
    with start_server(settings, wait_for_workers=False) as live, httpx.Client(base_url=live.url) as http:
        assert live.app.state.services.sparql.status()["ready"] == 0
        assert http.get("/api/recommendations/E.164/owner").json()["owners"] == ["SG2"]
        assert http.get("/api/queries/questions-of-group", params={"group": "SG17"}).status_code == 200
        waited = http.get("/sparql", params={"query": ASK})
        assert waited.status_code == 503
        assert waited.headers["retry-after"] == "1"
        assert "etag" not in waited.headers
        held_back.set()
        assert live.app.state.services.sparql.wait_ready(60)
        assert http.get("/sparql", params={"query": ASK}).json()["boolean"] is True


def _namespace(pid: int) -> str:
    return os.readlink(f"/proc/{pid}/ns/net")


def test_workers_are_forked_from_one_loaded_process_without_network(live: Live) -> None:
    pool = live.app.state.services.sparql
    zygote, *workers = pool.pids()
    assert len(workers) == 2
    for pid in workers:
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        assert int(stat[1]) == zygote  # its parent is the zygote, not the server
        assert int(stat[16]) > os.getpriority(os.PRIO_PROCESS, 0)  # nice: lookups first
        if pool.status()["sandboxed"]:
            assert _namespace(pid) != _namespace(os.getpid())  # no interface but a loopback that is down


def test_a_killed_worker_is_replaced_and_the_pool_answers(live: Live, http: httpx.Client) -> None:
    pool = live.app.state.services.sparql
    restarts = pool.restarts
    cartesian = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    assert http.get("/sparql", params={"query": cartesian}).status_code == 503
    assert pool.restarts == restarts + 1
    assert pool.wait_ready(30)
    assert len(pool.pids()) == 3  # the zygote and two workers again
    assert http.get("/sparql", params={"query": ASK}).json()["boolean"] is True
