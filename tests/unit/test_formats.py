"""Content negotiation and the result writers."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from itut_kb import formats
from itut_kb.formats import negotiate

RESULTS = [f.media_type for f in formats.RESULT_FORMATS]
RDF = [f.media_type for f in formats.RDF_FORMATS]


@pytest.mark.parametrize(
    ("accept", "available", "chosen"),
    [
        (None, RESULTS, "application/sparql-results+json"),
        ("", RDF, "text/turtle"),
        ("*/*", RDF, "text/turtle"),
        ("text/csv", RESULTS, "text/csv"),
        ("TEXT/CSV", RESULTS, "text/csv"),
        ("text/*", RESULTS, "text/csv"),
        ("text/*;q=0.5, application/sparql-results+xml", RESULTS, "application/sparql-results+xml"),
        ("application/ld+json;q=0.9, text/turtle;q=0.8", RDF, "application/ld+json"),
        ("text/turtle;q=0, */*", RDF, "application/n-triples"),
        ("application/*", RDF, "application/n-triples"),
        ("application/json", RESULTS, "application/sparql-results+json"),
        ("text/turtle; charset=utf-8", RDF, "text/turtle"),
        ("image/png", RESULTS, None),
        ("application/sparql-results+json", RDF, None),
        ("text/*;q=0", ["text/csv"], None),
        ("nonsense, text/tab-separated-values", RESULTS, "text/tab-separated-values"),
        ("text/csv;q=abc, application/sparql-results+xml;q=0.1", RESULTS, "application/sparql-results+xml"),
        # the most specific range decides: text/csv is refused even though text/* accepts it
        ("text/*;q=0.9, text/csv;q=0", RESULTS, "text/tab-separated-values"),
    ],
)
def test_negotiate(accept: str | None, available: list[str], chosen: str | None) -> None:
    assert negotiate(accept, available) == chosen


def test_solutions_json_matches_pyoxigraph() -> None:
    store = ox.Store()
    s, p = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p")
    for obj in (
        ox.Literal("中文", language="zh"),
        ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
        ox.Literal("plain"),
        ox.BlankNode("b1"),
        s,
    ):
        store.add(ox.Quad(s, p, obj))
    query = "SELECT ?s ?o ?missing WHERE { ?s ?p ?o OPTIONAL { ?o ?p ?missing } } ORDER BY ?o"
    ours = formats.write_solutions(["s", "o", "missing"], store.query(query), formats.RESULT_FORMATS[0])
    reference = store.query(query).serialize(format=ox.QueryResultsFormat.JSON)

    def parsed(data: bytes) -> list[list[str | None]]:
        return [
            [str(row[v]) if row[v] is not None else None for v in ("s", "o", "missing")]
            for row in ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        ]

    assert parsed(ours) == parsed(reference)
    for fmt in formats.RESULT_FORMATS[1:]:
        out = formats.write_solutions(["s", "o", "missing"], store.query(query), fmt)
        assert out == store.query(query).serialize(format=fmt.results)
