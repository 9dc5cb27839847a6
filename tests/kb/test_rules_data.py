"""The procedural rules as data: at least 30 with numbers, each quoting its clause verbatim (in the KB and in
the source text), from Resolution 1, A.1 and A.8, with provenance copied from the clause."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from itut_kb.catalog import Catalog
from itut_kb.config import Settings
from itut_kb.extract.rules import CURATED_FILE
from itut_kb.namespaces import ITUT
from itut_kb.store import KnowledgeBase

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.kb
DOCUMENTS = {
    "https://w3id.org/itut-kb/id/resolution/1",
    "https://w3id.org/itut-kb/id/recommendation/A.1",
    "https://w3id.org/itut-kb/id/recommendation/A.8",
}
RULE_IDS = sorted(
    str(i) for i in Graph().parse(ROOT / "data" / "curated" / CURATED_FILE).objects(None, ITUT.ruleId)
)
RULES = """
    PREFIX itut: <https://w3id.org/itut-kb/ontology#>
    PREFIX prov: <http://www.w3.org/ns/prov#>
    SELECT ?rule ?id ?quote ?clause ?document ?text ?quantity ?first ?last ?clauseFirst ?clauseLast ?file WHERE {
      ?rule a itut:ProceduralRule ; itut:ruleId ?id ; itut:text ?quote ; itut:statedInClause ?clause ;
            itut:firstLine ?first ; itut:lastLine ?last ; prov:wasDerivedFrom ?file .
      ?clause itut:clauseOf ?document ; itut:text ?text ; itut:firstLine ?clauseFirst ; itut:lastLine ?clauseLast .
      OPTIONAL { ?rule itut:quantity ?quantity }
    } ORDER BY ?id"""


@pytest.fixture(scope="module")
def kb(settings: Settings) -> KnowledgeBase:
    return KnowledgeBase.load(settings)


@pytest.fixture(scope="module")
def rules(kb: KnowledgeBase) -> list[dict[str, str]]:
    return [{k: v.value for k, v in row.items()} for row in kb.select(RULES)]


def test_at_least_30_rules_with_numbers(rules: list[dict[str, str]]) -> None:
    numeric = [r for r in rules if "quantity" in r]
    assert len(numeric) >= 30
    assert len({r["id"] for r in rules}) == len(rules)


def test_rules_come_from_resolution_1_a1_and_a8(rules: list[dict[str, str]]) -> None:
    assert {r["document"] for r in rules} == DOCUMENTS


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_quote_occurs_in_its_clause(rules: list[dict[str, str]], rule_id: str) -> None:
    rule = next(r for r in rules if r["id"] == rule_id)
    assert rule["quote"] in rule["text"], f"{rule_id}: quote not in {rule['clause']}"


def test_quote_occurs_in_the_source_text(rules: list[dict[str, str]]) -> None:
    lines = {}
    for rule in rules:
        path = ROOT / "data" / "source" / rule["file"].rsplit("/", 1)[-1]
        if path not in lines:
            lines[path] = path.read_text(encoding="utf-8").splitlines()
        span = "".join(lines[path][int(rule["first"]) - 1 : int(rule["last"])])
        assert re.sub(r"\s+", "", rule["quote"]) in re.sub(r"\s+", "", span), rule["id"]


def test_provenance_is_the_clause_span(rules: list[dict[str, str]]) -> None:
    for rule in rules:
        assert (rule["first"], rule["last"]) == (rule["clauseFirst"], rule["clauseLast"]), rule["id"]


def test_quote_check_query_finds_nothing(kb: KnowledgeBase, settings: Settings) -> None:
    query = Catalog.load(settings.queries_dir / "checks").get("rule-quote-not-in-clause")
    assert kb.select(query.text) == []


def test_every_kind_of_case_has_rules(kb: KnowledgeBase) -> None:
    query = """
        PREFIX itut: <https://w3id.org/itut-kb/ontology#>
        SELECT ?kind WHERE { ?kind a itut:ProcedureKind FILTER NOT EXISTS { ?rule itut:appliesTo ?kind } }"""
    assert kb.select(query) == []


def test_every_event_and_condition_is_used(kb: KnowledgeBase) -> None:
    query = """
        PREFIX itut: <https://w3id.org/itut-kb/ontology#>
        SELECT ?term WHERE {
          { ?term a itut:AnchorEvent FILTER NOT EXISTS { ?r itut:anchor|itut:checkedEvent ?term } }
          UNION { ?term a itut:CaseFlag FILTER NOT EXISTS { ?r itut:requiresFlag|itut:excludesFlag ?term } } }"""
    assert kb.select(query) == []


def test_kb_rules_are_the_curated_rules() -> None:
    curated = Graph().parse(ROOT / "data" / "curated" / CURATED_FILE)
    built = Graph().parse(ROOT / "data" / "kb" / "procedural-rules.ttl")
    assert set(curated) <= set(built)
    assert set(curated.subjects(ITUT.ruleId)) == set(built.subjects(ITUT.ruleId))


def test_the_brief_s_examples_are_encoded(kb: KnowledgeBase) -> None:
    expected = {  # rule id: (quantity, unit)
        "res1-9.3.3": (3, "Months"), "res1-9.3.5": (1, "Months"), "res1-9.4.1": (7, "WorkingDays"),
        "res1-9.4.5": (70, "Percent"), "res1-9.6.1": (4, "Weeks"), "res1-9.3.9": (2, "Years"),
        "a8-4.1": (4, "Weeks"), "a8-4.5": (3, "Weeks"), "a8-4.6": (3, "Weeks"), "a8-6.2": (2, "Weeks"),
        "a1-3.2.5": (12, "CalendarDays"), "a1-3.1.9": (12, "CalendarDays"), "res1-7.1.5bis": (4, "Count"),
    }  # fmt: skip
    query = """
        PREFIX itut: <https://w3id.org/itut-kb/ontology#>
        SELECT ?id ?quantity ?unit WHERE { ?rule itut:ruleId ?id ; itut:quantity ?quantity ; itut:unit ?unit }"""
    found = {
        row["id"].value: (int(row["quantity"].value), row["unit"].value.rsplit("#", 1)[-1])
        for row in kb.select(query)
        if isinstance(row["id"], ox.Literal)
    }
    assert {k: found.get(k) for k in expected} == expected
