"""Queries too large or too deep for the endpoint are refused with 400 before a worker sees them, and no
request kills a worker (the pool's restart count does not move); deep-ish legitimate queries are answered.
Relative IRIs resolve against the service's URL, or the query's BASE (the SPARQL 1.1 Protocol)."""

from __future__ import annotations

import httpx
import pyoxigraph as ox
import pytest

from liveserver import MAX_QUERY_BYTES, Live

ITUT = "https://w3id.org/itut-kb/ontology#"
SG17 = "https://w3id.org/itut-kb/id/group/SG17"


def nested(n: int) -> str:
    return "SELECT * WHERE " + "{" * n + " ?s ?p ?o " + "}" * n + " LIMIT 1"


# Each would crash pyoxigraph's parser (SIGSEGV, see itut_kb.query_limits) if it reached a worker, or is
# past a limit for another reason; all are under the session server's body limit.
REFUSED = {
    "3,000 nested groups (issue 11)": (nested(3_000), "max_query_depth"),
    "9,500 negations": ("ASK { FILTER(" + "!" * 9_500 + "true) }", "max_query_chain"),
    "a sum of 2,000 terms": ("ASK { ?s ?p ?o FILTER(?o = 1" + " + 1" * 2_000 + ") }", "max_query_chain"),
    "a path of 2,000 steps": (
        "PREFIX : <urn:e:> ASK { ?s " + "/".join([":p"] * 2_000) + " ?o }",
        "max_query_chain",
    ),
    "a property path in 3,000 parentheses": (
        "PREFIX : <urn:e:> ASK { ?s " + "(" * 3_000 + ":p" + ")" * 3_000 + " ?o }",
        "max_query_depth",
    ),
    "400 unions": ("ASK { " + " UNION ".join(["{ ?s ?p ?o }"] * 400) + " }", "max_query_patterns"),
    "300 triple patterns": (
        "ASK { " + " ".join(f"?s ?p ?o{i} ." for i in range(300)) + " }",
        "max_query_patterns",
    ),
    "too many bytes": ("ASK { ?s ?p ?o } # " + "x" * MAX_QUERY_BYTES, "max_query_bytes"),
}


@pytest.mark.parametrize("how", ["GET", "POST"])
@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_query_past_a_limit_is_400_and_no_worker_dies(
    live: Live, http: httpx.Client, name: str, how: str
) -> None:
    query, limit = REFUSED[name]
    restarts = live.restarts
    if how == "GET":
        response = http.get("/sparql", params={"query": query})
    else:
        response = http.post("/sparql", content=query, headers={"content-type": "application/sparql-query"})
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("text/plain")
    assert f"(limit {limit})" in response.text
    assert "this endpoint accepts" in response.text
    assert live.restarts == restarts  # refused in the server: no worker was killed
    health = http.get("/api/health").json()["sparql"]
    assert (health["ready"], health["restarts"]) == (2, restarts)


@pytest.mark.parametrize(
    "query",
    [
        nested(40),
        "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 50 + "BOUND(?o)" + ")" * 50 + ") } LIMIT 1",
        f"PREFIX itut: <{ITUT}> SELECT ?id WHERE {{ ?q itut:questionOf/itut:groupId"
        + "/^itut:groupId/itut:groupId" * 5
        + " ?id } LIMIT 1",
        "SELECT * WHERE { ?s ?p ?o FILTER(STRLEN(STR(?o)) < 1" + " + 1" * 60 + ") } LIMIT 1",
        f"SELECT * WHERE {{ BIND(<{SG17}> AS ?g) "
        + " ".join(f"OPTIONAL {{ ?g <{ITUT}p{i}> ?o{i} }}" for i in range(40))
        + " }",
    ],
    ids=[
        "40 nested groups",
        "50 nested parentheses",
        "a path of 12 steps",
        "a sum of 60 terms",
        "40 OPTIONALs",
    ],
)
def test_a_deep_ish_legitimate_query_is_answered(http: httpx.Client, query: str) -> None:
    response = http.get("/sparql", params={"query": query})
    assert response.status_code == 200, response.text
    assert response.headers["x-result-rows"] == "1"


def _triples(response: httpx.Response) -> set[ox.Triple]:
    assert response.status_code == 200, response.text
    return {q.triple for q in ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)}


def test_relative_iris_resolve_against_the_service_url(live: Live, http: httpx.Client) -> None:
    nt = {"accept": "application/n-triples"}
    relative = "CONSTRUCT { <s> <p> 1 } WHERE {}"
    (triple,) = _triples(http.get("/sparql", params={"query": relative}, headers=nt))
    assert (triple.subject, triple.predicate) == (
        ox.NamedNode(live.url + "/s"),
        ox.NamedNode(live.url + "/p"),
    )
    posted = http.post(
        "/sparql", content=relative, headers={**nt, "content-type": "application/sparql-query"}
    )
    assert _triples(posted) == {triple}


def test_an_explicit_base_wins(http: httpx.Client) -> None:
    nt = {"accept": "application/n-triples"}
    (triple,) = _triples(
        http.get(
            "/sparql",
            params={"query": "BASE <http://example.org/x/> CONSTRUCT { <s> <p> 1 } WHERE {}"},
            headers=nt,
        )
    )
    assert triple.subject == ox.NamedNode("http://example.org/x/s")
    # a relative IRI in the pattern finds the KB's own entities under the KB's base
    query = f"BASE <https://w3id.org/itut-kb/id/> SELECT ?id WHERE {{ <group/SG17> <{ITUT}groupId> ?id }}"
    response = http.get("/sparql", params={"query": query}, headers={"accept": "text/csv"})
    assert response.status_code == 200, response.text
    assert response.text.split() == ["id", "SG17"]
