"""The SPARQL 1.1 Protocol over HTTP against a live server: request kinds, formats, negotiation, errors."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox
import pytest

from liveserver import MAX_ROWS, Live

ITUT = "https://w3id.org/itut-kb/ontology#"
GRAPH = "https://w3id.org/itut-kb/graph/"
SD = "http://www.w3.org/ns/sparql-service-description#"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
GROUPS = f"SELECT ?g ?id WHERE {{ ?g a <{ITUT}StudyGroup> ; <{ITUT}groupId> ?id }} ORDER BY ?id"
SG17 = "https://w3id.org/itut-kb/id/group/SG17"
CONSTRUCT = f"CONSTRUCT {{ <{SG17}> ?p ?o }} WHERE {{ <{SG17}> ?p ?o }}"
JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
FORM = "application/x-www-form-urlencoded"


def rows(response: httpx.Response) -> list[dict[str, str]]:
    fmt = ox.QueryResultsFormat.from_media_type(response.headers["content-type"].split(";")[0])
    assert fmt is not None
    parsed = ox.parse_query_results(response.content, format=fmt)
    assert isinstance(parsed, ox.QuerySolutions)
    names = [v.value for v in parsed.variables]
    return [{n: str(s[n]) for n in names if s[n] is not None} for s in parsed]


def count(response: httpx.Response) -> int:
    assert response.status_code == 200, response.text
    return int(ox.Literal(rows(response)[0]["n"].split('"')[1]).value)


def graph(response: httpx.Response) -> set[ox.Triple]:
    assert response.status_code == 200, response.text
    fmt = ox.RdfFormat.from_media_type(response.headers["content-type"].split(";")[0])
    assert fmt is not None
    return {q.triple for q in ox.parse(response.content, format=fmt)}


def plain_error(response: httpx.Response, status: int, words: str) -> None:
    """Errors of /sparql are plain text with the protocol's status, and say what was wrong."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("text/plain")
    assert words.lower() in response.text.lower()


# ---------------------------------------------------------------------------------------- request kinds
def test_query_by_get(http: httpx.Client) -> None:
    response = http.get("/sparql", params={"query": GROUPS})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(JSON)
    assert [r["id"] for r in rows(response)][:2] == ['"SG11"', '"SG12"']


def test_query_by_post_form(http: httpx.Client) -> None:
    response = http.post("/sparql", data={"query": GROUPS}, headers={"accept": JSON})
    assert response.status_code == 200
    assert len(rows(response)) == 10


def test_query_by_post_direct(http: httpx.Client) -> None:
    response = http.post(
        "/sparql",
        content=GROUPS.encode(),
        headers={"content-type": "application/sparql-query; charset=utf-8"},
    )
    assert response.status_code == 200
    assert len(rows(response)) == 10


def test_chinese_literal_survives_every_request_kind(http: httpx.Client) -> None:
    query = 'SELECT ?g WHERE { ?g <http://purl.org/dc/terms/title> "安全"@zh }'
    by_get = rows(http.get("/sparql", params={"query": query}))
    by_form = rows(http.post("/sparql", data={"query": query}))
    by_post = rows(
        http.post("/sparql", content=query.encode(), headers={"content-type": "application/sparql-query"})
    )
    assert by_get == by_form == by_post
    assert {"g": f"<{SG17}>"} in by_get


# ---------------------------------------------------------------------------------------- service description
@pytest.mark.parametrize(
    "accept", ["text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json", "*/*"]
)
def test_service_description(http: httpx.Client, accept: str) -> None:
    response = http.get("/sparql", headers={"accept": accept})
    triples = graph(response)
    service = ox.NamedNode(str(response.url))
    assert ox.Triple(service, ox.NamedNode(SD + "endpoint"), service) in triples
    names = {t.object.value for t in triples if t.predicate.value == SD + "name"}
    assert {GRAPH + "resolutions", GRAPH + "ontology", GRAPH + "questions"} <= names
    formats = {t.object.value for t in triples if t.predicate.value == SD + "resultFormat"}
    assert "http://www.w3.org/ns/formats/SPARQL_Results_JSON" in formats
    assert "http://www.w3.org/ns/formats/Turtle" in formats


def test_browser_asking_sparql_gets_the_query_page(http: httpx.Client) -> None:
    response = http.get("/sparql", headers={"accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 303
    assert response.headers["location"] == "/"


# ---------------------------------------------------------------------------------------- result formats
@pytest.mark.parametrize("media_type", [JSON, XML, "text/tab-separated-values"])
def test_select_formats_agree(http: httpx.Client, media_type: str) -> None:
    expected = rows(http.get("/sparql", params={"query": GROUPS}, headers={"accept": JSON}))
    response = http.get("/sparql", params={"query": GROUPS}, headers={"accept": media_type})
    assert response.headers["content-type"].startswith(media_type)
    assert rows(response) == expected


def test_select_as_csv(http: httpx.Client) -> None:
    response = http.get("/sparql", params={"query": GROUPS}, headers={"accept": "text/csv"})
    assert response.headers["content-type"].startswith("text/csv")
    lines = response.text.splitlines()
    assert lines[0] == "g,id"
    assert lines[1] == "https://w3id.org/itut-kb/id/group/SG11,SG11"
    assert len(lines) == 11


@pytest.mark.parametrize(
    ("media_type", "true"),
    [
        (JSON, '"boolean":true'),
        (XML, "<boolean>true</boolean>"),
        ("text/csv", "true"),
        ("text/tab-separated-values", "true"),
    ],
)
def test_ask_formats(http: httpx.Client, media_type: str, true: str) -> None:
    query = f"ASK {{ <{SG17}> ?p ?o }}"
    response = http.get("/sparql", params={"query": query}, headers={"accept": media_type})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    assert true in response.text


@pytest.mark.parametrize(
    "media_type", ["text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json"]
)
def test_construct_and_describe_formats(http: httpx.Client, media_type: str) -> None:
    reference = graph(
        http.get("/sparql", params={"query": CONSTRUCT}, headers={"accept": "application/n-triples"})
    )
    assert len(reference) > 10
    constructed = http.get("/sparql", params={"query": CONSTRUCT}, headers={"accept": media_type})
    assert constructed.headers["content-type"].startswith(media_type)
    assert graph(constructed) == reference
    described = http.get("/sparql", params={"query": f"DESCRIBE <{SG17}>"}, headers={"accept": media_type})
    assert reference <= graph(described)


# ---------------------------------------------------------------------------------------- negotiation
@pytest.mark.parametrize(
    ("accept", "chosen"),
    [
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", XML),
        ("text/*", "text/csv"),
        ("application/*;q=0.8, text/tab-separated-values", "text/tab-separated-values"),
        (f"{XML}, {JSON}", JSON),  # equal q: the server's preference
        ("application/json", JSON),  # a common alias
        (f"{JSON};q=0, */*;q=0.1", XML),  # q=0 refuses a type
        ("", JSON),
        ("*/*", JSON),
        ("image/png, text/csv;q=0.2", "text/csv"),
    ],
)
def test_negotiation(http: httpx.Client, accept: str, chosen: str) -> None:
    response = http.get("/sparql", params={"query": GROUPS}, headers={"accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == chosen
    assert "accept" in response.headers["vary"].lower()


def test_graph_negotiation_with_q_values(http: httpx.Client) -> None:
    accept = "text/turtle;q=0.4, application/ld+json;q=0.9, */*;q=0.1"
    response = http.get("/sparql", params={"query": CONSTRUCT}, headers={"accept": accept})
    assert response.headers["content-type"].startswith("application/ld+json")


@pytest.mark.parametrize(
    ("query", "accept"),
    [(GROUPS, "image/png"), (CONSTRUCT, JSON), (f"ASK {{ <{SG17}> ?p ?o }}", "text/turtle")],
)
def test_no_acceptable_format_is_406(http: httpx.Client, query: str, accept: str) -> None:
    plain_error(http.get("/sparql", params={"query": query}, headers={"accept": accept}), 406, "media types")


# ---------------------------------------------------------------------------------------- dataset
def test_default_graph_is_the_union(http: httpx.Client) -> None:
    total = count(http.get("/sparql", params={"query": COUNT}))
    per_graph = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert total == count(http.get("/sparql", params={"query": per_graph}))


def test_default_graph_uri(http: httpx.Client) -> None:
    actions = count(
        http.get(
            "/sparql",
            params={"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}actions> {{ ?s ?p ?o }} }}"},
        )
    )
    response = http.get("/sparql", params={"query": COUNT, "default-graph-uri": GRAPH + "actions"})
    assert count(response) == actions
    two = http.get(
        "/sparql",
        params=[
            ("query", COUNT),
            ("default-graph-uri", GRAPH + "actions"),
            ("default-graph-uri", GRAPH + "questions"),
        ],
    )
    assert count(two) > actions


def test_named_graph_uri(http: httpx.Client) -> None:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    body = urlencode([("query", query), ("named-graph-uri", GRAPH + "actions")])
    response = http.post("/sparql", content=body, headers={"content-type": FORM})
    assert rows(response) == [{"g": f"<{GRAPH}actions>"}]


def test_from_in_the_query_is_honoured(http: httpx.Client) -> None:
    actions = count(http.get("/sparql", params={"query": COUNT, "default-graph-uri": GRAPH + "actions"}))
    with_from = f"SELECT (COUNT(*) AS ?n) FROM <{GRAPH}actions> WHERE {{ ?s ?p ?o }}"
    assert count(http.get("/sparql", params={"query": with_from})) == actions


def test_protocol_graphs_override_from(http: httpx.Client) -> None:
    questions = count(http.get("/sparql", params={"query": COUNT, "default-graph-uri": GRAPH + "questions"}))
    with_from = f"SELECT (COUNT(*) AS ?n) FROM <{GRAPH}actions> WHERE {{ ?s ?p ?o }}"
    response = http.get("/sparql", params={"query": with_from, "default-graph-uri": GRAPH + "questions"})
    assert count(response) == questions


def test_bad_graph_iri_is_400(http: httpx.Client) -> None:
    response = http.get("/sparql", params={"query": COUNT, "default-graph-uri": "not an iri"})
    plain_error(response, 400, "absolute IRI")


# ---------------------------------------------------------------------------------------- errors
def test_malformed_query_is_400(http: httpx.Client) -> None:
    plain_error(http.get("/sparql", params={"query": "SELECT ?x WHERE {"}), 400, "does not parse")
    plain_error(http.post("/sparql", data={"query": "SELEKT * {}"}), 400, "does not parse")


@pytest.mark.parametrize(
    ("method", "kwargs", "words"),
    [
        ("GET", {"params": [("query", COUNT), ("query", COUNT)]}, "given 2 times"),
        ("GET", {"params": {"default-graph-uri": GRAPH + "actions"}}, "no 'query'"),
        ("POST", {"data": {"query": COUNT, "update": "CLEAR ALL"}}, "not both"),
        ("GET", {"params": {"query": COUNT, "update": "CLEAR ALL"}}, "not both"),
        ("POST", {"data": {"default-graph-uri": GRAPH + "actions"}}, "no 'query'"),
        ("POST", {"params": {"query": COUNT}, "data": {"query": COUNT}}, "in the request body"),
        (
            "POST",
            {
                "params": {"query": COUNT},
                "content": COUNT,
                "headers": {"content-type": "application/sparql-query"},
            },
            "in the request body",
        ),
        ("POST", {"content": b"\xff\xfe", "headers": {"content-type": "application/sparql-query"}}, "UTF-8"),
    ],
)
def test_bad_parameter_mix_is_400(
    http: httpx.Client, method: str, kwargs: dict[str, object], words: str
) -> None:
    plain_error(http.request(method, "/sparql", **kwargs), 400, words)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/json", "multipart/form-data; boundary=x", None]
)
def test_unsupported_media_type_is_415(http: httpx.Client, content_type: str | None) -> None:
    headers = {"content-type": content_type} if content_type else {}
    response = http.post("/sparql", content=COUNT.encode(), headers=headers)  # no header: none is sent
    plain_error(response, 415, "application/sparql-query")


@pytest.mark.parametrize(
    ("method", "kwargs"),
    [
        ("GET", {"params": {"update": "CLEAR ALL"}}),
        ("POST", {"data": {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}}),
        ("POST", {"content": "CLEAR ALL", "headers": {"content-type": "application/sparql-update"}}),
        ("GET", {"params": {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}}),
        ("GET", {"params": {"query": "PREFIX ex: <urn:x#>\nDELETE WHERE { ?s ?p ?o }"}}),
        ("POST", {"data": {"query": "LOAD <http://127.0.0.1:9/data.ttl>"}}),
    ],
)
def test_updates_are_refused(http: httpx.Client, method: str, kwargs: dict[str, object]) -> None:
    before = count(http.get("/sparql", params={"query": COUNT}))
    plain_error(http.request(method, "/sparql", **kwargs), 403, "read-only")  # type: ignore[arg-type]
    assert count(http.get("/sparql", params={"query": COUNT})) == before


@pytest.fixture
def listener() -> Iterator[tuple[str, list[bytes]]]:
    """A local TCP port that records any connection made to it (there must be none)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    sock.settimeout(0.2)
    seen: list[bytes] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                continue
            seen.append(conn.recv(1024))
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/sparql", seen
    stop.set()
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept() at once
    thread.join(timeout=30)
    sock.close()


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?x ?y ?z . # a comment\n  SeRvIcE <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ BIND(<{url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?s ?p ?o .SERVICE <{url}> {{ ?a ?b ?c }} }}",
        "SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }} LIMIT 1",
    ],
)
def test_the_server_never_fetches_a_url(
    http: httpx.Client, listener: tuple[str, list[bytes]], template: str
) -> None:
    url, seen = listener
    response = http.get("/sparql", params={"query": template.format(url=url)})
    if "FROM" in template:
        assert response.status_code == 200  # FROM names a graph of the store; it is never fetched
    else:
        plain_error(response, 403, "SERVICE is refused")
    assert seen == []


def test_service_as_data_is_not_refused(http: httpx.Client) -> None:
    query = 'PREFIX ex: <urn:ex#> SELECT ?service WHERE { BIND("SERVICE <http://x/>" AS ?service) } # SERVICE'
    assert http.get("/sparql", params={"query": query}).status_code == 200
    prefixed = "PREFIX service: <urn:ex#> SELECT * WHERE { ?s service:SERVICE ?o }"
    assert http.get("/sparql", params={"query": prefixed}).status_code == 200


def test_body_too_large_is_413(live: Live, http: httpx.Client) -> None:
    limit = live.app.state.services.settings.max_body_bytes
    query = COUNT + " #" + "x" * limit
    plain_error(
        http.post("/sparql", content=query, headers={"content-type": "application/sparql-query"}),
        413,
        "larger",
    )


def test_other_methods_are_405(http: httpx.Client) -> None:
    response = http.delete("/sparql")
    assert response.status_code == 405
    assert response.headers["content-type"].startswith("text/plain")


def test_row_cap_cuts_and_says_so(http: httpx.Client) -> None:
    response = http.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 200
    assert len(rows(response)) == MAX_ROWS
    assert response.headers["x-result-truncated"] == "true"
    small = http.get("/sparql", params={"query": GROUPS})
    assert "x-result-truncated" not in small.headers
    assert small.headers["x-result-rows"] == "10"


def test_cors_is_off_by_default(http: httpx.Client) -> None:
    response = http.get("/sparql", params={"query": GROUPS}, headers={"origin": "https://example.org"})
    assert "access-control-allow-origin" not in response.headers


def test_every_example_of_the_query_page_runs(live: Live, http: httpx.Client) -> None:
    examples = live.app.state.services.examples.queries.values()
    assert len(examples) >= 5
    for example in examples:
        response = http.post(
            "/sparql", content=example.text, headers={"content-type": "application/sparql-query"}
        )
        assert response.status_code == 200, (example.name, response.text)
        assert response.headers["x-result-rows"] != "0", example.name
