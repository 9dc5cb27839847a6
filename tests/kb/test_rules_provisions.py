"""data/curated/procedural_provisions.tsv lists every procedural provision of Res. 1 (sections 1-9), A.1 and A.8
that is a rule, with its status. It cannot silently miss one: every clause of these texts whose text has a
quantity (read here with a pattern of its own) has a row, every rule of the KB is listed where it is stated,
and each status holds (encoded rules are stated in the clause, validated clauses are cited by a shape)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from itut_kb.config import Settings
from itut_kb.store import KnowledgeBase

ROOT = Path(__file__).resolve().parents[2]
FILE = ROOT / "data" / "curated" / "procedural_provisions.tsv"
pytestmark = pytest.mark.kb
DOCUMENTS = {
    "Res. 1": "https://w3id.org/itut-kb/id/resolution/1",
    "A.1": "https://w3id.org/itut-kb/id/recommendation/A.1",
    "A.8": "https://w3id.org/itut-kb/id/recommendation/A.8",
}
KINDS = {"time-limit", "count", "condition", "consequence"}
STATUSES = {"encoded", "restated", "validated", "not-encoded", "not-a-rule"}
NUMERAL = r"(?<![0-9第下前上后])(?:[0-9]{1,3}|[一二两三四五六七八九十]+)"
QUANTITY = re.compile(
    NUMERAL + r"\s*个?(?:日历日|工作日|天|周|星期|月|年|次)"  # 12个日历日, 三周, 两个月, 一年, 两次
    r"|" + NUMERAL + r"个以上"  # 一个以上 (more than one)
    r"|[%％]|至少|不迟于|不晚于|最迟|最晚|不多于|不超过|多于|不到|之内|以内"
)
CLAUSES = """
    PREFIX itut: <https://w3id.org/itut-kb/ontology#>
    SELECT ?clause ?document ?number ?text WHERE {
      VALUES ?document { <https://w3id.org/itut-kb/id/resolution/1> <https://w3id.org/itut-kb/id/recommendation/A.1>
                         <https://w3id.org/itut-kb/id/recommendation/A.8> }
      ?clause itut:clauseOf ?document ; itut:clauseNumber ?number ; itut:text ?text .
    }"""
RULES = """
    PREFIX itut: <https://w3id.org/itut-kb/ontology#>
    SELECT ?id ?clause WHERE { ?rule a itut:ProceduralRule ; itut:ruleId ?id ; itut:statedInClause ?clause }"""


def _rows() -> list[dict[str, str]]:
    lines = [line for line in FILE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


ROWS = _rows()


@pytest.fixture(scope="module")
def kb(settings: Settings) -> KnowledgeBase:
    return KnowledgeBase.load(settings)


@pytest.fixture(scope="module")
def clauses(kb: KnowledgeBase) -> dict[tuple[str, str], tuple[str, str]]:
    """(document, clause number) -> (clause IRI, text), for the numbered clauses in scope."""
    names = {iri: name for name, iri in DOCUMENTS.items()}
    out = {}
    for row in kb.select(CLAUSES):
        v = {k: t.value for k, t in row.items()}
        document, number = names[v["document"]], v["number"]
        if re.match(r"[1-9]", number):  # numbered clauses (Res. 1 sections 1-9), not annexes or appendices
            out[(document, number)] = (v["clause"], v["text"])
    return out


@pytest.fixture(scope="module")
def rules(kb: KnowledgeBase) -> dict[str, str]:
    """rule id -> the IRI of the clause it is stated in."""
    return {row["id"].value: row["clause"].value for row in kb.select(RULES)}


def test_the_file_is_well_formed() -> None:
    assert len(ROWS) >= 100
    for row in ROWS:
        assert row["document"] in DOCUMENTS, row
        assert row["kind"] in KINDS, row
        assert row["status"] in STATUSES, row
        assert len(row["provision"]) >= 20, row
        if row["status"] in {"encoded", "restated"}:
            assert row["rules"], row
        else:
            assert not row["rules"], row
            assert len(row["why"]) >= 30, f"{row['document']} {row['clause']}: say why"


def test_every_clause_with_a_quantity_has_a_row(clauses: dict[tuple[str, str], tuple[str, str]]) -> None:
    listed = {(r["document"], r["clause"]) for r in ROWS}
    with_quantity = {key for key, (_, text) in clauses.items() if QUANTITY.search(text)}
    assert len(with_quantity) >= 55
    missing = sorted(with_quantity - listed)
    assert not missing, f"clauses with a quantity and no row in {FILE.name}: {missing}"


def test_the_pattern_finds_the_known_quantities(clauses: dict[tuple[str, str], tuple[str, str]]) -> None:
    found = {key for key, (_, text) in clauses.items() if QUANTITY.search(text)}
    assert {
        ("Res. 1", "2.4.1"),
        ("Res. 1", "5.13"),
        ("Res. 1", "9.4.1"),
        ("A.1", "3.3.3"),
        ("A.8", "5.4"),
    } <= found
    assert ("Res. 1", "9.3.1") not in found  # no quantity there
    assert not QUANTITY.search(
        "根据全权代表大会第165号决议（2018年，迪拜，修订版）"
    )  # a year is not a quantity
    assert not QUANTITY.search("提交研究组的下一次会议")  # 'the next meeting' is not a count


def test_every_row_names_a_clause_in_scope(clauses: dict[tuple[str, str], tuple[str, str]]) -> None:
    for row in ROWS:
        assert (row["document"], row["clause"]) in clauses, row


def test_encoded_rules_are_stated_in_their_clause(
    clauses: dict[tuple[str, str], tuple[str, str]], rules: dict[str, str]
) -> None:
    for row in ROWS:
        iri = clauses[(row["document"], row["clause"])][0]
        for rule in row["rules"].split():
            assert rule in rules, f"{rule} is not a rule of the KB"
            stated_here = rules[rule] == iri
            assert stated_here is (row["status"] == "encoded"), (row["clause"], rule)


def test_every_rule_is_listed_once(rules: dict[str, str]) -> None:
    encoded = [rule for row in ROWS if row["status"] == "encoded" for rule in row["rules"].split()]
    assert sorted(encoded) == sorted(rules)


def test_validated_clauses_are_cited_by_a_submission_shape(
    clauses: dict[tuple[str, str], tuple[str, str]],
) -> None:
    shapes = Graph()
    for path in sorted((ROOT / "ontology" / "shapes" / "submissions").glob("*.ttl")):
        shapes.parse(path)
    cited = {o for p in (RDFS.isDefinedBy, RDFS.seeAlso) for o in shapes.objects(None, p)}
    for row in ROWS:
        if row["status"] == "validated":
            assert URIRef(clauses[(row["document"], row["clause"])][0]) in cited, row["clause"]


def test_the_issue_s_provisions_are_encoded() -> None:
    expected = (
        {
            ("Res. 1", c)
            for c in ("2.4.1", "5.13", "7.1.8", "7.2.5", "7.3.4", "7.3.5", "8.3.1", "8.3.4", "9.2.2")
        }
        | {("A.8", c) for c in ("1.1", "4.4.1", "4.5.1", "4.4.2", "4.4.4", "4.5.2", "5.2", "6.1")}
        | {("A.1", c) for c in ("3.2.2", "3.2.3", "3.3.3", "1.3.3", "1.4.3", "1.4.7", "2.3.3.13")}
    )
    encoded = {(r["document"], r["clause"]) for r in ROWS if r["status"] == "encoded"}
    assert expected <= encoded
