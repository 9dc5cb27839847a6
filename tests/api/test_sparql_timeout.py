"""A pathological query is stopped at the time limit (503, its worker replaced) while another client is
answered; a runaway sort past the memory cap ends its worker, not the server, and the pool recovers.

Behaviour only: how close to the limit the query is stopped, and how fast the other client is answered,
depend on how busy the machine is; bench/server.py measures them. Waits here only bound a hang.
"""

from __future__ import annotations

import threading

import httpx
import pytest

from liveserver import HANG_S, Live, wait_until

# 3 x 57k triples: a cartesian product of about 10^14 rows, counted inside one engine call
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SORTED_PRODUCT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1"
GROUP_IDS = "SELECT ?id WHERE { ?g <https://w3id.org/itut-kb/ontology#groupId> ?id } LIMIT 3"

pytestmark = pytest.mark.slow  # each waits for a query to be stopped


def _in_background(client: httpx.Client, query: str) -> tuple[threading.Thread, dict[str, httpx.Response]]:
    """GET /sparql with ``query`` in a thread (an httpx client is safe to share between threads)."""
    out: dict[str, httpx.Response] = {}

    def run() -> None:
        out["response"] = client.get("/sparql", params={"query": query})

    thread = threading.Thread(target=run)
    thread.start()
    return thread, out


def _busy_workers(live: Live) -> int:
    pool = live.app.state.services.sparql
    return int(pool.size - pool.status()["idle"])


def test_cartesian_product_is_stopped_while_another_client_is_answered(
    live: Live, http: httpx.Client
) -> None:
    live.wait_ready()
    restarts = live.restarts
    with httpx.Client(base_url=live.url, timeout=HANG_S) as pathological:
        thread, out = _in_background(pathological, CARTESIAN)
        wait_until(lambda: _busy_workers(live) == 1, "the query reaching a worker")
        simple = http.get("/sparql", params={"query": GROUP_IDS})  # another client, another connection
        lookup = http.get("/api/resolutions/2")
        # not stopped yet: the other client was answered while the pathological query held its worker
        still_running = thread.is_alive() and live.restarts == restarts
        thread.join(timeout=HANG_S)
    assert simple.status_code == 200
    assert lookup.status_code == 200
    assert still_running
    assert not thread.is_alive()
    response = out["response"]
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("text/plain")
    assert "time limit" in response.text
    assert live.restarts == restarts + 1  # its worker was killed and is being replaced
    live.wait_ready()


def test_a_runaway_sort_past_the_memory_cap_ends_its_worker_not_the_server(
    live: Live, http: httpx.Client
) -> None:
    live.wait_ready()
    restarts = live.restarts
    thread, out = _in_background(http, SORTED_PRODUCT)
    thread.join(timeout=HANG_S)
    assert not thread.is_alive()
    response = out["response"]
    assert response.status_code == 503
    assert "memory" in response.text  # the cap (WORKER_MEMORY_MB) ended it, not the time limit
    assert live.restarts == restarts + 1
    live.wait_ready()  # both workers back
    after = http.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert after.status_code == 200
    assert http.get("/api/health").json()["sparql"]["ready"] == 2
