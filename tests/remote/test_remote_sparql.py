"""/sparql over the Oxigraph server: forwarded with the embedded endpoint's protections (read-only, no
SERVICE, standard SPARQL only, the tokens' graph closed, time limit, row cap), the same content negotiation,
and time travel (tests/remote/test_replicas.py) answered by workers over a mirror of the store's log."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from conftest import Server, _history_over
from itut_kb.api.app import create_app
from itut_kb.services import Services

pytestmark = [pytest.mark.remote, pytest.mark.kb]

PREFIX = "PREFIX itut: <https://w3id.org/itut-kb/ontology#> "
JSON = "application/sparql-results+json"


@pytest.fixture(scope="module")
def client(oxigraph: Server, published: object, embedded: Services) -> Iterator[TestClient]:
    services = Services(oxigraph.settings(update_url=None, max_result_rows=50, query_timeout_s=1.5))
    services.__dict__["history"] = _history_over(services, embedded)
    with TestClient(create_app(services=services)) as http:
        yield http


def _post(client: TestClient, query: str, accept: str = JSON, **params: str):  # type: ignore[no-untyped-def]
    return client.post("/sparql", data={"query": query}, headers={"Accept": accept}, params=params)


def test_select_is_answered_by_the_engine(client: TestClient) -> None:
    query = (
        PREFIX
        + 'SELECT ?group WHERE { ?rec itut:number "Y.1501" ; itut:responsibleGroup/itut:groupId ?group } ORDER BY ?group'
    )
    answer = _post(client, query, "text/csv")
    assert answer.status_code == 200
    assert answer.text.split() == ["group", "SG12", "SG15"]
    assert client.app.state.services.sparql.status()["forwarded"] >= 1  # type: ignore[attr-defined]


def test_ask_and_construct(client: TestClient) -> None:
    assert _post(client, PREFIX + 'ASK { ?q itut:number "1/17" }').json()["boolean"] is True
    graph = _post(
        client,
        PREFIX + "CONSTRUCT { ?q itut:number ?n } WHERE { ?q a itut:Question ; itut:number ?n }",
        "text/turtle",
    )
    assert graph.status_code == 200
    assert "itut:number" in graph.text


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", 403),
        ("LOAD <http://example.org/x>", 403),
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", 403),
        ("SELECT * FROM <https://w3id.org/itut-kb/graph/tokens> WHERE { ?s ?p ?o }", 403),
        ("DEFINE input:inference 'x' SELECT * WHERE { ?s ?p ?o }", 400),  # an engine's extension
        ("SELECT * WHERE { ?s ?p", 400),
    ],
)
def test_refused(client: TestClient, query: str, status: int) -> None:
    assert _post(client, query).status_code == status


def test_tokens_graph_by_protocol_is_refused(client: TestClient) -> None:
    answer = _post(
        client,
        "SELECT * WHERE { ?s ?p ?o }",
        **{"default-graph-uri": "https://w3id.org/itut-kb/graph/tokens"},
    )
    assert answer.status_code == 403


def test_row_cap(client: TestClient) -> None:
    answer = _post(client, PREFIX + "SELECT ?c WHERE { ?c a itut:Clause }")
    assert answer.status_code == 200
    assert len(answer.json()["results"]["bindings"]) == 50
    assert answer.headers["x-result-truncated"] == "true"


def test_time_limit(client: TestClient) -> None:
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    answer = _post(client, slow)
    assert answer.status_code == 503
    assert "time limit" in answer.text
    assert _post(client, PREFIX + 'ASK { ?q itut:number "1/17" }').status_code == 200  # still answering


def test_version_0_of_a_store_without_changes_is_its_live_state(client: TestClient) -> None:
    answer = _post(client, PREFIX + 'ASK { ?q itut:number "1/17" }', version="0")
    assert answer.status_code == 200
    assert answer.json()["boolean"] is True
