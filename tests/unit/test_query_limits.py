"""The lexical measures of a user's query (itut_kb.query_limits): what counts, what does not, and that the
project's own queries are far inside the limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from itut_kb.config import Settings
from itut_kb.errors import QueryLimitError
from itut_kb.query_limits import QueryLimits, QueryShape, check, measure

ROOT = Path(__file__).resolve().parents[2]
DEFAULTS = QueryLimits.of(Settings(root=ROOT))


def nested(n: int) -> str:
    return "SELECT * WHERE " + "{" * n + " ?s ?p ?o " + "}" * n


@pytest.mark.parametrize(
    ("query", "depth", "patterns", "chain"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", 1, 1, 1),  # `*` counts as an operator: on the safe side
        (nested(5), 5, 5, 1),
        ("ASK { ?s ?p ?o FILTER(((?o))) }", 4, 2, 0),
        ("ASK { ?s <http://e/p> [ <http://e/q> [ <http://e/r> 1 ] ] }", 3, 3, 0),
        ("ASK { ?s ?p ?o . ?o ?q ?r ; ?t ?u , ?v . }", 1, 5, 0),
        ("ASK { ?s ?p ?o FILTER(CONCAT(?a, ?b, ?c) = ?d) }", 3, 2, 1),  # argument commas are not patterns
        ("ASK { { ?s ?p ?o } UNION { ?s ?q ?o } OPTIONAL { ?s ?r ?o } MINUS { ?s ?t ?o } }", 2, 8, 0),
        ("ASK { ?s ex:a/ex:b/^ex:c|ex:d ?o }", 1, 1, 4),
        ("ASK { ?s ?p ?o FILTER(?o > 1 && ?o < 9 || !BOUND(?x)) }", 3, 2, 5),
        ("ASK { ?s ex:a.b ?o . ?s ?p 1.5 }", 1, 2, 0),  # dots inside names and numbers end nothing
        ('ASK { ?s ?p "1"^^xsd:integer }', 1, 1, 0),  # ^^ is a datatype, not a path step
    ],
)
def test_measure(query: str, depth: int, patterns: int, chain: int) -> None:
    shape = measure(query)
    assert (shape.depth, shape.patterns, shape.chain) == (depth, patterns, chain)
    assert shape.size == len(query.encode())


def test_strings_iris_comments_and_variables_do_not_count() -> None:
    hidden = (
        'ASK { ?s ?p "{{{{((((/|/|/|" . ?s ?p """}}}} FILTER UNION""" . ?s ?p \'+ + + +\' . '
        "?s <http://e/a/b/c?d=(1)&e=[2]> ?o } # {{{{ ((( //// FILTER FILTER\n"
    )
    assert measure(hidden) == QueryShape(len(hidden.encode()), 1, 4, 0)


def test_every_query_of_the_project_is_far_inside_the_limits() -> None:
    shapes = {p.name: measure(p.read_text(encoding="utf-8")) for p in (ROOT / "queries").rglob("*.rq")}
    assert len(shapes) > 20
    for name, shape in shapes.items():
        assert shape.depth * 4 <= DEFAULTS.max_depth, name
        assert shape.patterns * 2 <= DEFAULTS.max_patterns, name
        assert shape.chain * 4 <= DEFAULTS.max_chain, name
        assert shape.size * 10 <= DEFAULTS.max_bytes, name


@pytest.mark.parametrize(
    ("query", "limit"),
    [
        ("SELECT * WHERE { ?s ?p ?o } #" + "x" * 300, "max_query_bytes"),
        (nested(3_000), "max_query_depth"),
        ("ASK { ?s ?p ?o FILTER(" + "(" * 70 + "1" + ")" * 70 + ") }", "max_query_depth"),
        ("ASK { " + " UNION ".join(["{ ?s ?p ?o }"] * 100) + " }", "max_query_patterns"),
        ("ASK { " + " ".join(f"?s ?p ?o{i} ." for i in range(150)) + " }", "max_query_patterns"),
        ("ASK { ?s " + "/".join(["<http://e/p>"] * 120) + " ?o }", "max_query_chain"),
        ("ASK { ?s ?p ?o FILTER(1" + " + 1" * 120 + ") }", "max_query_chain"),
        ("ASK { FILTER(" + "!" * 120 + "true) }", "max_query_chain"),
    ],
)
def test_each_limit_refuses_with_its_name(query: str, limit: str) -> None:
    limits = QueryLimits(max_bytes=300, max_depth=64, max_patterns=128, max_chain=100)
    if limit != "max_query_bytes":
        limits = QueryLimits(max_bytes=100_000, max_depth=64, max_patterns=128, max_chain=100)
    with pytest.raises(QueryLimitError, match=limit) as refused:
        check(query, limits)
    assert refused.value.status == 400


def test_a_deep_ish_legitimate_query_passes() -> None:
    query = nested(40) + " # " + "FILTER(" * 3
    shape = check(query, DEFAULTS)
    assert shape.depth == 40
