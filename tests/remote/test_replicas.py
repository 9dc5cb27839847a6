"""Two API replicas over one Oxigraph server: one history, one set of writers, the engine answering the
current state. A change accepted through one replica is seen by the other at its next request; concurrent
writers through both get unique versions without gaps, and the live graphs end as the state built from
the log."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from conftest import Server, _history_over
from itut_kb.api.app import create_app
from itut_kb.errors import ItutKbError
from itut_kb.living.gate import Gate
from itut_kb.remote.client import SparqlClient
from itut_kb.remote.kb import RemoteKB
from itut_kb.remote.layout import Names
from itut_kb.remote.publish import publish
from itut_kb.services import Services
from itut_kb.submissions import InputFormat

pytestmark = [pytest.mark.remote, pytest.mark.kb, pytest.mark.slow]

AUTHORITY = {"body": "SG17", "document": "SG17-R12", "date": "2025-09-05"}


def _question(number: str, change_id: str) -> dict[str, Any]:
    return {
        "id": change_id,
        "kind": "question-approved",
        "effective": "2025-09-05",
        "authority": AUTHORITY,
        "data": {
            "study_group": number.split("/")[1] and "SG17",
            "id": number,
            "title_zh": f"测试课题{number}",
        },
    }


def _replica(server: Server, base: str, template: Services) -> Services:
    """A replica's services, sharing what the template read once (catalogs, shapes, the gate's parts)."""
    services = Services(server.settings(graph_base=base))
    for name in ("catalog", "examples", "rules_catalog", "schema"):
        services.__dict__[name] = getattr(template, name)
    services.__dict__["history"] = _history_over(services, template)
    parts = template.__dict__.setdefault("_remote_gate_parts", {})
    if not parts:
        reader = Gate(template, services.require_log())
        parts.update({n: getattr(reader, n) for n in ("effects", "kinds", "shapes", "post_checks")})
    gate = Gate(services, services.require_log())
    gate.__dict__.update(parts)
    services.__dict__["gate"] = gate
    return services


@pytest.fixture
def replicas(
    oxigraph: Server, embedded: Services, request: pytest.FixtureRequest
) -> Iterator[tuple[Services, Services]]:
    base = f"https://example.org/{request.node.name}/graph/"
    publish(SparqlClient(oxigraph.endpoints), Names(base), embedded.history, None)
    pair = _replica(oxigraph, base, embedded), _replica(oxigraph, base, embedded)
    yield pair
    for services in pair:
        services.sparql.close()


def test_a_change_through_one_replica_is_seen_by_the_other(replicas: tuple[Services, Services]) -> None:
    a, b = replicas
    token = a.tokens.create("alice", "editor")
    with TestClient(create_app(services=a)) as one, TestClient(create_app(services=b)) as other:
        assert other.get("/api/questions/16-17").status_code == 404
        body = json.dumps(_question("16/17", "remote-q16"), ensure_ascii=False).encode("utf-8")
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        created = one.post("/api/changes", content=body, headers=headers)
        assert created.status_code == 201, created.text
        assert created.json()["version"] == 1
        seen = other.get("/api/questions/16-17")  # the very next request to the other replica
        assert seen.status_code == 200, seen.text
        assert seen.headers["x-kb-version"] == "1"
        assert seen.json()["created_by_change"] == "remote-q16"
        assert isinstance(b.view().kb, RemoteKB)  # answered by the engine, not by a state built here
        assert other.get("/api/questions/16-17", params={"version": 0}).status_code == 404  # time travel
        assert other.get("/api/changes/remote-q16").json()["by"] == "alice"
        replay = other.post("/api/changes", content=body, headers=headers)  # the token is shared too
        assert replay.status_code == 409
        rows = other.post(
            "/sparql",
            data={
                "query": "PREFIX itut: <https://w3id.org/itut-kb/ontology#> "
                'SELECT ?q WHERE { ?q itut:number "16/17" }'
            },
            headers={"Accept": "application/sparql-results+json"},
        )
        assert len(rows.json()["results"]["bindings"]) == 1  # /sparql forwarded to the live graphs
        before = other.post(  # time travel: a worker over a mirror of the store's log, not the engine
            "/sparql",
            data={
                "query": 'PREFIX itut: <https://w3id.org/itut-kb/ontology#> ASK { ?q itut:number "16/17" }'
            },
            params={"version": "0"},
            headers={"Accept": "application/sparql-results+json"},
        )
        assert before.status_code == 200, before.text
        assert before.json()["boolean"] is False


def test_concurrent_writers_get_one_history(replicas: tuple[Services, Services], embedded: Services) -> None:
    a, b = replicas
    agent = a.tokens.verify(a.tokens.create("writer", "editor"))
    errors: list[ItutKbError] = []

    def write(services: Services, numbers: list[str]) -> None:
        for number in numbers:
            doc = json.dumps(_question(number, f"q-{number.replace('/', '-')}"), ensure_ascii=False)
            try:
                services.gate.submit(doc.encode("utf-8"), InputFormat.JSON, agent)
            except ItutKbError as exc:
                errors.append(exc)

    threads = [
        threading.Thread(target=write, args=(a, ["16/17"])),
        threading.Thread(target=write, args=(b, ["19/17"])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors, [e.message for e in errors]
    log = a.require_log()
    assert [v for v, _e in log.timeline()] == [1, 2]
    assert sorted(r.id for r in log.records()) == ["q-16-17", "q-19-17"]
    key = a.history.key()
    assert log.live_state() == key.included
    state = a.history.kb(key)
    client = a.remote.client  # type: ignore[union-attr]
    names = a.remote.names  # type: ignore[union-attr]
    for graph in state.graph_names():
        local = {
            ox.Triple(q.subject, q.predicate, q.object)
            for q in state.store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        }
        if any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in local):
            assert len(client.get_graph(names.remote(graph))) == len(local)
            continue
        assert set(map(names.triple_back, client.get_graph(names.remote(graph)))) == local, graph
    assert {q["num"] for q in b.lookup.rows("questions-of-group", group="SG17")} >= {"16/17", "19/17"}
