"""A pathological query is stopped at the time limit while another client's queries are answered promptly."""

from __future__ import annotations

import threading
import time

import httpx
import pytest
from liveserver import TIMEOUT_S, Live

# 3 x 57k triples: a cartesian product of about 10^14 rows, counted inside one engine call
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SORTED_PRODUCT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1"


def _run_in_background(url: str, query: str) -> tuple[threading.Thread, dict[str, object]]:
    out: dict[str, object] = {}

    def run() -> None:
        started = time.monotonic()
        out["response"] = httpx.get(url, params={"query": query}, timeout=60)
        out["elapsed"] = time.monotonic() - started

    thread = threading.Thread(target=run)
    thread.start()
    return thread, out


def test_cartesian_product_is_cut_off_while_another_client_is_answered(live: Live) -> None:
    restarts = live.app.state.services.sparql.restarts
    thread, out = _run_in_background(live.sparql, CARTESIAN)
    time.sleep(0.3)  # the pathological query is now running in a worker
    with httpx.Client(base_url=live.url, timeout=10) as other:
        started = time.monotonic()
        simple = other.get(
            "/sparql",
            params={
                "query": "SELECT ?id WHERE { ?g <https://w3id.org/itut-kb/ontology#groupId> ?id } LIMIT 3"
            },
        )
        sparql_latency = time.monotonic() - started
        started = time.monotonic()
        lookup = other.get("/api/resolutions/2")
        lookup_latency = time.monotonic() - started
        assert thread.is_alive(), "the pathological query should still be running"
    assert simple.status_code == 200
    assert lookup.status_code == 200
    assert sparql_latency < 0.5, sparql_latency
    assert lookup_latency < 0.5, lookup_latency

    thread.join(timeout=30)
    response, elapsed = out["response"], out["elapsed"]
    assert isinstance(response, httpx.Response)
    assert isinstance(elapsed, float)
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("text/plain")
    assert "time limit" in response.text
    assert TIMEOUT_S <= elapsed < TIMEOUT_S + 1.0, elapsed
    assert live.app.state.services.sparql.restarts == restarts + 1  # its worker was killed and replaced


def test_a_runaway_sort_is_stopped_too_and_the_pool_recovers(live: Live, http: httpx.Client) -> None:
    thread, out = _run_in_background(live.sparql, SORTED_PRODUCT)
    thread.join(timeout=30)
    response = out["response"]
    assert isinstance(response, httpx.Response)
    assert response.status_code == 503
    assert live.app.state.services.sparql.wait_ready(30)  # both workers back
    after = http.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert after.status_code == 200
    assert http.get("/api/health").json()["sparql"]["ready"] == 2


def test_a_query_past_the_memory_cap_ends_its_worker_not_the_server() -> None:
    from liveserver import ROOT

    from itut_kb.config import Settings
    from itut_kb.errors import ServiceUnavailableError
    from itut_kb.sparql import QueryRequest
    from itut_kb.workers import QueryPool

    pool = QueryPool(Settings(root=ROOT, sparql_workers=1, worker_memory_mb=150, query_timeout_s=20))
    try:
        assert pool.wait_ready(60)
        started = time.monotonic()
        with pytest.raises(ServiceUnavailableError, match="memory"):
            pool.query(QueryRequest(SORTED_PRODUCT))
        assert time.monotonic() - started < 15
        assert pool.wait_ready(60)
        assert pool.query(QueryRequest("ASK { ?s ?p ?o }")).body
    finally:
        pool.close()
