"""Parameters over the SPARQL Protocol (itut_kb.remote.binding): one RDF term each, whatever the value; the
VALUES block first in the WHERE group; the term also where its variable stands in patterns and expressions,
never where a clause names the variable."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from itut_kb.remote.binding import bind, constant_sites, where_brace

NASTY = [
    'a" } ; DROP ALL ; #',
    "line\nbreak\r\nand \\ backslash",
    "\\u0022) } INSERT DATA { <urn:x> <urn:y> <urn:z> } #",
    "'single' and \"double\" quotes",
    "安全 # not a comment",
]


@pytest.mark.parametrize("value", NASTY)
def test_a_literal_is_one_term(value: str) -> None:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal(value)))
    query = "SELECT ?s ?t WHERE { ?s <urn:p> ?o FILTER(?o = ?t) }"
    rows = list(store.query(bind(query, {"t": ox.Literal(value)})))  # type: ignore[arg-type]
    assert len(rows) == 1
    assert rows[0]["t"] == ox.Literal(value)
    assert len(store) == 1


def test_an_iri_cannot_carry_syntax() -> None:
    with pytest.raises(ValueError, match="IRI"):
        ox.NamedNode("urn:a> } DROP ALL {")


def test_the_block_goes_first_in_the_where_group() -> None:
    query = 'CONSTRUCT { ?s <urn:p> ?o } WHERE { ?s <urn:p> ?o FILTER(?o != "x") }'
    bound = bind(query, {"s": ox.NamedNode("urn:a")})
    assert bound.index("VALUES") == where_brace(query) + 2  # type: ignore[operator]
    assert "<urn:a> <urn:p> ?o" in bound  # propagated into the pattern
    assert bound.startswith("CONSTRUCT { ?s <urn:p> ?o }")  # the template keeps its variable


def test_named_variables_keep_their_names() -> None:
    query = (
        "SELECT ?g (COUNT(?x) AS ?n) WHERE { ?x <urn:p> ?g . BIND(?g AS ?h) "
        "{ SELECT ?g WHERE { ?g <urn:q> ?y } } VALUES (?z) { (1) } } GROUP BY ?g ORDER BY ?g"
    )
    names = [name for _s, _e, name in constant_sites(query)]
    # the pattern's, and the BIND argument's (not its target, nor the sub-select's)
    assert names == ["x", "g", "g"]
    bound = bind(query, {"g": ox.NamedNode("urn:G")})
    assert "SELECT ?g (COUNT(?x) AS ?n)" in bound
    assert "{ SELECT ?g WHERE { ?g <urn:q> ?y } }" in bound  # a sub-select keeps its own variables
    assert "GROUP BY ?g ORDER BY ?g" in bound
    assert "BIND(<urn:G> AS ?h)" in bound
    assert len(list(ox.Store().query(bound))) == 0  # it parses and runs


def test_a_term_goes_only_where_the_query_still_parses() -> None:
    query = "SELECT ?t WHERE { ?s ?t ?o }"  # a literal cannot be a predicate
    bound = bind(query, {"t": ox.Literal("x")})
    assert "{ ?s ?t ?o }" in bound.replace('VALUES (?t) { ("x") }\n ', "")
    assert len(list(ox.Store().query(bound))) == 0
