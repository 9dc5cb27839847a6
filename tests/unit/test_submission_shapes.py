"""Every submission shape has fixtures that pass and fail as they should: on the tiny KB plus the rule data,
with a stub for the ownership service (X series: SG17, M: SG2, A: TSAG, anything else: nobody).

Turtle fixtures state their expectation in a comment (``# expect: violations=N warnings=N infos=N``);
JSON fixtures, which cannot, in :data:`JSON_EXPECTED`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from rdflib import BNode, Graph
from rdflib.namespace import RDF, RDFS, SH

from itut_kb.catalog import Catalog
from itut_kb.config import Settings
from itut_kb.errors import InputError
from itut_kb.namespaces import ITUT
from itut_kb.rules import RulesEngine
from itut_kb.store import KnowledgeBase
from itut_kb.submissions import InputFormat, format_of_path
from itut_kb.validation import Schema, Validator
from itut_kb.validation_report import ValidationReport, clause_label

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "submissions"
VALID = sorted((FIXTURES / "valid").iterdir())
INVALID = sorted((FIXTURES / "invalid").iterdir())
JSON_EXPECTED = {  # (violations, warnings, infos)
    "draft-policy-aap": (0, 1, 0),
    "contribution-on-the-deadline": (0, 0, 1),  # on time, but too late to be translated
    "proposed-question-revision-without-question": (1, 0, 0),
    "contribution-bad-dates": (2, 0, 0),
}
OWNERS = {"X": ["SG17"], "M": ["SG2"], "A": ["TSAG"]}


def stub_owner(number: str) -> Mapping[str, Any]:
    owners = OWNERS.get(number[0], [])
    return {
        "recommendation": number,
        "owners": owners,
        "joint": False,
        "conflict": False,
        "basis": [{"group": g, "scope": f"{number[0]} series"} for g in owners],
    }


@pytest.fixture(scope="module")
def validator(tiny_settings: Settings) -> Validator:
    rules_file = ROOT / "data" / "kb" / "procedural-rules.ttl"
    kb = KnowledgeBase.load(tiny_settings, extra=[("procedural-rules", rules_file)])
    engine = RulesEngine(kb, Catalog.load(tiny_settings.queries_dir / "rules"))
    return Validator(Schema(tiny_settings), kb, engine, stub_owner)


def _validate(validator: Validator, path: Path) -> ValidationReport:
    return validator.validate(path.read_bytes(), format_of_path(path), None, path.name)


def _expected(path: Path) -> tuple[int, int, int]:
    if path.suffix == ".json":
        return JSON_EXPECTED[path.stem]
    match = re.search(
        r"^# expect: violations=(\d+) warnings=(\d+) infos=(\d+)", path.read_text(encoding="utf-8"), re.M
    )
    assert match, f"{path.name} states '# expect: violations=N warnings=N infos=N'"
    return int(match.group(1)), int(match.group(2)), int(match.group(3))


def _counts(report: ValidationReport) -> tuple[int, int, int]:
    counts = report.as_json()["counts"]
    return counts["violations"], counts["warnings"], counts["infos"]


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_fixture_conforms(validator: Validator, path: Path) -> None:
    report = _validate(validator, path)
    assert report.conforms, report.as_text()
    assert _counts(report) == _expected(path), report.as_text()


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_fixture_fails_as_expected(validator: Validator, path: Path) -> None:
    report = _validate(validator, path)
    assert not report.conforms
    assert _counts(report) == _expected(path), report.as_text()


def test_every_submission_shape_fails_on_some_fixture(validator: Validator) -> None:
    shapes = validator.schema.submission_shapes
    constrained = {s for s in shapes.subjects() if _is_checking_shape(shapes, s)}
    fired = set()
    for path in INVALID + VALID:
        report = _validate(validator, path).report_graph
        fired |= set(report.objects(None, SH.sourceShape))
    missing = [_describe(shapes, s) for s in constrained - fired]
    assert not missing, f"shapes no fixture makes fail: {missing}"


def _is_checking_shape(shapes: Graph, node: Any) -> bool:
    """A property shape of a target shape, or a target shape with a node-level constraint."""
    if any((owner, SH.targetClass, None) in shapes for owner in shapes.subjects(SH.property, node)):
        return True
    node_level = (SH.closed, SH.sparql, SH["or"], SH["not"], SH.xone)
    return (node, SH.targetClass, None) in shapes and any((node, p, None) in shapes for p in node_level)


def _describe(shapes: Graph, node: Any) -> str:
    path = shapes.value(node, SH.path)
    return f"{node if not isinstance(node, BNode) else ''} {path or ''}".strip()


def test_every_shape_names_its_clause_and_hint_in_both_languages(validator: Validator) -> None:
    shapes = validator.schema.submission_shapes
    for node in shapes.subjects():
        if not _is_checking_shape(shapes, node):
            continue
        assert shapes.value(node, RDFS.isDefinedBy) is not None, _describe(shapes, node)
        hints = {getattr(h, "language", None) for h in shapes.objects(node, ITUT.hint)}
        assert hints == {"zh", "en"}, _describe(shapes, node)
        messages = {getattr(m, "language", None) for m in shapes.objects(node, SH.message)}
        messages |= {
            getattr(m, "language", None)
            for c in shapes.objects(node, SH.sparql)
            for m in shapes.objects(c, SH.message)
        }
        assert {"zh", "en"} <= messages, _describe(shapes, node)


def test_report_json_contract(validator: Validator) -> None:
    report = _validate(validator, FIXTURES / "invalid" / "draft-annex-c.ttl").as_json()
    assert report["conforms"] is False
    (result,) = report["results"]
    assert {"focus", "severity", "path", "message_zh", "message_en", "source", "hint"} <= set(result)
    assert result["severity"] == "Violation"
    assert result["path"] == "itut:forGroup"
    assert result["source"] == "Res. 2 Annex C"
    assert "SG2" in result["message_en"]
    assert "M.3400" in result["message_en"]
    assert "SG2" in result["message_zh"]
    assert "负责" in result["message_zh"]
    assert result["focus"] == "urn:draft:7"


def test_report_groups_results_by_focus_node(validator: Validator, tmp_path: Path) -> None:
    both = tmp_path / "two.ttl"  # prefixes may be declared twice in Turtle
    parts = [FIXTURES / "invalid" / "contribution-late.ttl", FIXTURES / "invalid" / "draft-annex-c.ttl"]
    both.write_text("".join(p.read_text(encoding="utf-8") for p in parts), encoding="utf-8")
    report = _validate(validator, both).as_json()
    focus_order = [r["focus"] for r in report["results"]]
    assert focus_order == sorted(focus_order)
    assert [f["focus"] for f in report["focus_nodes"]] == ["urn:c:3", "urn:draft:7"]


def test_blank_submissions_get_stable_names(validator: Validator) -> None:
    report = _validate(validator, FIXTURES / "invalid" / "contribution-bad-dates.json").as_json()
    assert {r["focus"] for r in report["results"]} == {"_:submission-1"}


def test_turtle_report_is_a_standard_validation_report(validator: Validator) -> None:
    report = _validate(validator, FIXTURES / "invalid" / "draft-annex-c.ttl")
    graph = Graph().parse(data=report.as_turtle(), format="turtle")
    (node,) = graph.subjects(RDF.type, SH.ValidationReport)
    assert str(graph.value(node, SH.conforms)) == "false"
    messages = {m.language for m in graph.objects(None, SH.resultMessage)}
    assert messages == {"zh", "en"}  # the languages pySHACL drops from SPARQL messages are put back


def test_without_ownership_service_annex_c_is_noted_not_checked(validator: Validator) -> None:
    bare = Validator(validator.schema, validator.kb, validator.rules, None)
    report = _validate(bare, FIXTURES / "invalid" / "draft-annex-c.ttl")
    assert report.conforms
    assert report.notes == ["Res. 2 Annex C was not checked for M.3400: no ownership service"]


@pytest.mark.parametrize(
    ("data", "fmt", "kind", "message"),
    [
        (b"<urn:a> a <urn:b>", InputFormat.TURTLE, None, "input: Parser error at line 1"),
        (b"<urn:a> a <urn:b> .", InputFormat.TURTLE, None, "no submission found"),
        (b'{"kind": "contribution"', InputFormat.JSON, None, "input: line 1, column 24"),
        (
            b'{"kind": "contribution"}',
            InputFormat.JSON,
            "draft-recommendation",
            "no draft-recommendation in the input",
        ),
        (b'{"@context": "https://example.org/c", "kind": "x"}', InputFormat.JSON_LD, None, "is not fetched"),
        (b"\xff", InputFormat.JSON, None, "not UTF-8"),
        (b"[1, 2]", InputFormat.JSON, None, "not valid JSON-LD|no statements"),
    ],
)
def test_unreadable_input_says_where(
    validator: Validator, data: bytes, fmt: InputFormat, kind: str | None, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        validator.validate(data, fmt, kind, "input")


def test_kind_fills_in_plain_json(validator: Validator) -> None:
    data = b'{"study_group": "SG17", "title": "A proposal", "submitter": "Company C", "meeting_date": "2025-09-01", "submission_date": "2025-06-01"}'
    assert validator.validate(data, InputFormat.JSON, "contribution").conforms


@pytest.mark.parametrize(
    ("iri", "label"),
    [
        ("https://w3id.org/itut-kb/id/resolution/1/clause/8.1.1", "Res. 1 8.1.1"),
        ("https://w3id.org/itut-kb/id/resolution/1/clause/7.1.5%E4%B9%8B%E4%BA%8C", "Res. 1 7.1.5之二"),
        ("https://w3id.org/itut-kb/id/recommendation/A.1/clause/annex-A", "A.1 Annex A"),
        ("https://w3id.org/itut-kb/id/resolution/1/clause/appendix-I", "Res. 1 Appendix I"),
    ],
)
def test_clause_label(iri: str, label: str) -> None:
    assert clause_label(iri) == label


def test_a_policy_draft_under_aap_cites_a8_1_1_beside_res1_8_1_1(validator: Validator) -> None:
    path = FIXTURES / "valid" / "draft-policy-aap.json"
    report = validator.validate(path.read_bytes(), InputFormat.JSON, None, str(path))
    warning = next(f for f in report.findings if f.severity == "Warning")
    assert (warning.source, warning.see_also) == ("Res. 1 8.1.1", ("A.8 1.1",))
    assert warning.as_json()["see_also"] == ["A.8 1.1"]
    assert "A.8 1.1" in warning.message_en
    assert report.as_text().splitlines()[0].endswith("[Res. 1 8.1.1; A.8 1.1]")
    assert all("see_also" not in f.as_json() for f in report.findings if not f.see_also)
