"""Every shape has fixtures that pass and fail as they should (on the tiny KB plus one change)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph

from itut_kb.checks import load_graph, shacl_findings, shapes_graph
from itut_kb.config import Settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
INVALID = sorted((FIXTURES / "shapes" / "invalid").glob("*.ttl"))
VALID = sorted((FIXTURES / "shapes" / "valid").glob("*.ttl"))


@pytest.fixture(scope="module")
def base(tiny_settings: Settings) -> Graph:
    return load_graph([tiny_settings.ontology_dir / "itut.ttl", FIXTURES / "kb" / "tiny.ttl"])


@pytest.fixture(scope="module")
def shapes(settings: Settings) -> Graph:
    return shapes_graph(settings)


def _with(base: Graph, delta: Path) -> Graph:
    graph = Graph()
    for triple in base:
        graph.add(triple)
    graph.parse(delta, format="turtle")
    return graph


def test_tiny_kb_conforms(base: Graph, shapes: Graph) -> None:
    assert shacl_findings(base, shapes) == []


@pytest.mark.parametrize("delta", VALID, ids=lambda p: p.stem)
def test_valid_fixture_conforms(base: Graph, shapes: Graph, delta: Path) -> None:
    assert shacl_findings(_with(base, delta), shapes) == []


@pytest.mark.parametrize("delta", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_fails_as_expected(base: Graph, shapes: Graph, delta: Path) -> None:
    expect = re.search(r"^# expect: (\d+) (\w+)", delta.read_text(encoding="utf-8"), re.M)
    assert expect, f"{delta.name} states '# expect: N what'"
    findings = shacl_findings(_with(base, delta), shapes)
    assert len(findings) == int(expect.group(1)), findings
    assert all(f.severity == "Violation" for f in findings)


def test_every_shape_message_is_in_zh_and_en(shapes: Graph) -> None:
    query = """
        PREFIX sh: <http://www.w3.org/ns/shacl#>
        SELECT ?shape WHERE {
          { ?owner sh:targetClass ?c ; sh:property ?shape }
          UNION { ?shape sh:targetClass ?c ; (sh:not|sh:or|sh:xone) ?x }
          FILTER (NOT EXISTS { ?shape sh:message ?zh FILTER(lang(?zh) = "zh") }
                  || NOT EXISTS { ?shape sh:message ?en FILTER(lang(?en) = "en") })
        }"""
    assert list(shapes.query(query)) == []
