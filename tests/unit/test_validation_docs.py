"""docs/validation.md documents every submission field, every kind and field of a case, and every rule;
docs/changes.md every field and kind of a change to the living KB (they share the published context)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, SKOS

from itut_kb.extract.rules import CURATED_FILE
from itut_kb.namespaces import ITUT
from itut_kb.submissions import KINDS

ROOT = Path(__file__).resolve().parents[2]
DOC = "\n".join(
    (ROOT / "docs" / name).read_text(encoding="utf-8") for name in ("validation.md", "changes.md")
)
CONTEXT = json.loads((ROOT / "ontology" / "context.jsonld").read_text(encoding="utf-8"))["@context"]
CURATED = Graph().parse(ROOT / "data" / "curated" / CURATED_FILE)
# the kinds, events and conditions of a case are individuals of the ontology; their notation is the JSON name
ONTOLOGY = Graph().parse(ROOT / "ontology" / "itut.ttl")
CASE_CLASSES = (ITUT.ProcedureKind, ITUT.AnchorEvent, ITUT.CaseFlag)
CASE_NOTATIONS = sorted(
    str(n)
    for cls in CASE_CLASSES
    for individual in ONTOLOGY.subjects(RDF.type, cls)
    for n in ONTOLOGY.objects(individual, SKOS.notation)
)
SUBMISSION_KEYS = sorted(
    k for k, v in CONTEXT.items() if not k.startswith("@") and (isinstance(v, dict) or ":" in v)
)
SUBMISSION_KEYS = [
    k for k in SUBMISSION_KEYS if k not in {"itut", "xsd", "dcterms", "rdfs", "TAP", "AAP"} and "-" not in k
]


@pytest.mark.parametrize("key", SUBMISSION_KEYS)
def test_submission_field_is_documented(key: str) -> None:
    assert f"| `{key}` |" in DOC, (
        f"add the field {key} to a table of fields in docs/validation.md or changes.md"
    )


@pytest.mark.parametrize("kind", KINDS)
def test_submission_kind_is_documented(kind: str) -> None:
    assert f"| `{kind}` |" in DOC


def test_the_case_vocabulary_is_found() -> None:
    assert len(CASE_NOTATIONS) >= 20
    assert "tap-approval" in CASE_NOTATIONS


@pytest.mark.parametrize("notation", CASE_NOTATIONS)
def test_case_kind_and_field_is_documented(notation: str) -> None:
    assert f"`{notation}`" in DOC


@pytest.mark.parametrize("rule_id", sorted(str(r) for r in CURATED.objects(None, ITUT.ruleId)))
def test_rule_is_documented(rule_id: str) -> None:
    assert f"| `{rule_id}` |" in DOC, f"regenerate the table of rules in docs/validation.md for {rule_id}"
