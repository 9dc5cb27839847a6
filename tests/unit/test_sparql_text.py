"""The lexical checks of user queries: SERVICE, updates and FROM are found as keywords, never inside
strings, IRIs, comments, variables or prefixed names."""

from __future__ import annotations

import math

import pyoxigraph as ox
import pytest

from itut_kb.errors import ForbiddenError, MalformedQueryError, NotAcceptableError
from itut_kb.sparql import QueryRequest, check, code_of, execute, keywords, operation_keyword


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }",
        "select * where { service silent <http://x/> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o .SERVICE <http://x/> {} }",
        "SELECT * WHERE { ?s ?p ?o } # no\n; SERVICE ?x {}",
        "SELECT * WHERE { ?s ?p 'it''s' . SERVICE ?x {} }",
        'SELECT * WHERE { ?s ?p """a "quoted" SERVICE""" . SERVICE <x:y> {} }',
        "SELECT * WHERE { ?s ex:a.SERVICE ?o }",  # conservative: a local name after a dot counts
    ],
)
def test_service_is_found(query: str) -> None:
    with pytest.raises(ForbiddenError):
        check(query)


@pytest.mark.parametrize(
    "query",
    [
        'SELECT ?service WHERE { ?s ?p "SERVICE <http://x/>" }',
        "SELECT * WHERE { ?s <http://x/SERVICE> ?o } # SERVICE",
        "PREFIX service: <urn:x#> SELECT * WHERE { ?s service:SERVICE ?o }",
        "SELECT * WHERE { ?s ?p $service . _:service ?p ?o }",
        "SELECT * WHERE { ?s ?p '''multi\nline SERVICE''' }",
        'SELECT * WHERE { ?s ?p "SERVICE"@en }',
    ],
)
def test_service_as_data_is_allowed(query: str) -> None:
    check(query)


def test_code_of_blanks_out_data() -> None:
    code = code_of('SELECT ?x WHERE { ?x <http://a/b#c> "x # y" } # comment\nLIMIT 1')
    assert "http" not in code
    assert "comment" not in code
    assert "?x" not in code
    assert keywords("SELECT ?x WHERE { ?x a ex:T } LIMIT 1") == ["SELECT", "WHERE", "A", "LIMIT"]
    assert "FILTER" in keywords("SELECT * WHERE { ?a ?b ?c FILTER(?a<?c) }")


@pytest.mark.parametrize(
    ("query", "operation"),
    [
        ("PREFIX ex: <http://x/>\nBASE <http://y/>\nINSERT DATA { ex:a ex:b ex:c }", "INSERT"),
        ("# comment\nLOAD <http://x/>", "LOAD"),
        ("select * {}", "SELECT"),
        ("", None),
    ],
)
def test_operation_keyword(query: str, operation: str | None) -> None:
    assert operation_keyword(query) == operation


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    g = ox.NamedNode("http://example.org/graph/a")
    for i in range(600):
        store.add(
            ox.Quad(
                ox.NamedNode(f"http://example.org/s{i}"),
                ox.NamedNode("http://example.org/p"),
                ox.Literal(str(i)),
                g,
            )
        )
    return store


def run(store: ox.Store, query: str, **kwargs: object) -> object:
    # no deadline: these queries are tiny, and the time limit has its own tests (tests/api/test_sparql_timeout.py)
    return execute(store, QueryRequest(query, **kwargs), max_rows=100, deadline=math.inf)  # type: ignore[arg-type]


def test_execute_caps_rows_and_uses_the_union(store: ox.Store) -> None:
    answer = run(store, "SELECT * WHERE { ?s ?p ?o }")
    assert answer.count == 100  # type: ignore[attr-defined]
    assert answer.truncated  # type: ignore[attr-defined]


def test_execute_errors(store: ox.Store) -> None:
    with pytest.raises(MalformedQueryError):
        run(store, "SELECT * WHERE {")
    with pytest.raises(ForbiddenError):
        run(store, "CLEAR ALL")
    with pytest.raises(NotAcceptableError):
        run(store, "ASK {}", accept="text/turtle")
    with pytest.raises(MalformedQueryError):
        run(store, "ASK {}", default_graphs=("no iri",))
