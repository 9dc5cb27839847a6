"""question-approved and question-deleted through the gate: accepted, versioned, attributed, time-travelled;
every bad change refused with a report and nothing applied."""

from __future__ import annotations

from datetime import date

import pyoxigraph as ox
import pytest

from conftest import AUTHORITY, Living, change, messages
from itut_kb.errors import InputError, InvalidParameterError, NotFoundError

NEW = {
    "study_group": "SG17",
    "id": "16/17",
    "title_zh": "新的安全课题",
    "title_en": "A new security Question",
}


def test_an_approved_question_is_there_from_its_effective_date(living: Living) -> None:
    record = living.submit(change("question-approved", NEW, id="sg17-q16"))
    assert (record.version, record.id, record.kind, record.agent) == (
        1,
        "sg17-q16",
        "question-approved",
        "alice",
    )
    assert record.effective == date(2025, 9, 5)
    assert record.authority == AUTHORITY
    question = living.services.lookup.question("16/17")
    assert question["title_zh"] == "新的安全课题"
    assert question["title_en"] == "A new security Question"
    assert question["created_by_change"] == "sg17-q16"
    assert question["source_lines"] is None
    assert "16/17" in living.services.lookup.study_group("SG17")["questions"]
    with pytest.raises(NotFoundError):
        living.services.view(as_of=date(2025, 9, 4)).lookup.question("16/17")
    with pytest.raises(NotFoundError):
        living.services.view(version=0).lookup.question("16/17")
    assert living.services.view(version=1, as_of=date(2025, 9, 5)).lookup.question("16/17")["id"] == "16/17"


def test_the_facts_of_a_change_are_in_its_graph_with_prov(living: Living) -> None:
    living.submit(change("question-approved", NEW, id="sg17-q16"))
    kb = living.services.kb
    rows = kb.select("SELECT ?g WHERE { GRAPH ?g { <https://w3id.org/itut-kb/id/question/16-17> ?p ?o } }")
    assert {r["g"].value for r in rows} == {"https://w3id.org/itut-kb/graph/change/sg17-q16"}
    prov = kb.select(
        """PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX itut: <https://w3id.org/itut-kb/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?version ?who ?document ?body WHERE {
          ?change a prov:Activity ; itut:changeId "sg17-q16" ; itut:version ?version ;
                  prov:wasAssociatedWith/rdfs:label ?who ; itut:authorityDocument ?document ; itut:authorityBody ?body .
          <https://w3id.org/itut-kb/graph/change/sg17-q16> prov:wasGeneratedBy ?change ; prov:generatedAtTime ?t .
        }"""
    )
    assert [(r["version"].value, r["who"].value, r["document"].value, r["body"].value) for r in prov] == [
        ("1", "alice", "SG17-R12", "https://w3id.org/itut-kb/id/group/SG17")
    ]


def test_the_record_says_what_was_added(living: Living) -> None:
    record = living.submit(change("question-approved", NEW))
    added = list(ox.parse(record.added.encode(), format=ox.RdfFormat.N_QUADS))
    assert {q.subject.value for q in added} == {"https://w3id.org/itut-kb/id/question/16-17"}
    assert record.removed == ""
    detail = living.log.detail(record.id)
    assert detail["version"] == 1
    assert detail["by"] == "alice"
    assert detail["reverted_by"] is None
    assert detail["document"]["format"] == "json"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({**NEW, "id": "1/17"}, "Question 1/17 exists already"),
        ({**NEW, "id": "16/16"}, "is not one of SG17's"),
        ({**NEW, "study_group": "SG99", "id": "16/99"}, "one existing study group"),
        ({k: v for k, v in NEW.items() if k != "title_zh"}, "Chinese title"),
        ({**NEW, "title_zh": "x"}, "Chinese title"),
        ({**NEW, "colour": "red"}, "field it does not take"),
        ({**NEW, "study_group": "TSAG", "id": "16/17"}, "one existing study group"),
    ],
    ids=[
        "taken",
        "other-group-number",
        "unknown-group",
        "no-zh-title",
        "short-title",
        "unknown-field",
        "tsag",
    ],
)
def test_a_bad_question_is_refused_with_a_reason(living: Living, data: dict[str, str], expected: str) -> None:
    report = living.rejected(change("question-approved", data))
    assert any(expected in m for m in messages(report)), messages(report)


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"effective": "2024-01-01"}, "not before 2024-10-24"),
        ({"effective": "2031-01-01"}, "too far ahead"),
        ({"effective": "2025-02-30"}, "exactly one effective date"),
        ({"effective": None}, "exactly one effective date"),
        ({"authority": {"body": "SG2", "document": "SG2-R3"}}, "approved by SG17 or TSAG, not SG2"),
        ({"authority": {"body": "SG17"}}, "Name the document that records the decision"),
        ({"authority": {"body": "SG99", "document": "x"}}, "The deciding body is one existing group"),
        ({"authority": None}, "names the authority that decided it"),
        ({"id": "has space"}, "A change id is"),
        ({"note": "x" * 2001}, "at most one note"),
    ],
    ids=[
        "before-baseline",
        "far-future",
        "malformed-date",
        "no-date",
        "wrong-body",
        "no-document",
        "unknown-body",
        "no-authority",
        "bad-id",
        "long-note",
    ],
)
def test_a_bad_envelope_is_refused(living: Living, overrides: dict[str, object], expected: str) -> None:
    doc = change("question-approved", NEW)
    doc.update(overrides)
    doc = {k: v for k, v in doc.items() if v is not None}
    report = living.rejected(doc)
    assert any(expected in m for m in messages(report)), messages(report)


@pytest.mark.parametrize(
    "doc",
    [
        {"kind": "question-approved"},
        {"kind": "question-adopted", "data": {}},
        {"kind": "question-approved", "data": {"study_group": {"nested": 1}}},
        {"kind": "question-approved", "data": [], "effective": "2025-01-01"},
        {"kind": "question-approved", "data": {}, "surprise": 1},
        {"events": []},
        {"events": [{"kind": "question-approved"}], "kind": "question-approved", "data": {}},
    ],
    ids=[
        "no-data",
        "unknown-kind",
        "nested-value",
        "data-not-object",
        "unknown-envelope-field",
        "no-events",
        "both-forms",
    ],
)
def test_an_unreadable_change_is_a_bad_input(living: Living, doc: dict[str, object]) -> None:
    with pytest.raises(InputError):
        living.submit(doc)
    assert living.log.head() == 0


def test_a_deleted_question_is_gone_from_its_effective_date(living: Living) -> None:
    living.submit(change("question-deleted", {"study_group": "SG17", "id": "1/17"}, effective="2026-01-15"))
    with pytest.raises(NotFoundError):
        living.services.lookup.question("1/17")
    assert "1/17" not in living.services.lookup.study_group("SG17")["questions"]
    before = living.services.view(as_of=date(2026, 1, 14)).lookup.question("1/17")
    assert before["title_zh"]
    assert before["source_lines"]
    record = living.log.get_version(1)
    assert record.added == ""
    assert "question/1-17" in record.removed


def test_deleting_a_question_that_is_not_there_is_refused(living: Living) -> None:
    report = living.rejected(change("question-deleted", {"study_group": "SG17", "id": "40/17"}))
    assert any("SG17 has no current Question 40/17" in m for m in messages(report))
    living.submit(change("question-deleted", {"study_group": "SG17", "id": "1/17"}))
    report = living.rejected(change("question-deleted", {"study_group": "SG17", "id": "1/17"}))
    assert any("no current Question 1/17" in m for m in messages(report))


def test_states_are_named_by_version_and_day(living: Living) -> None:
    history = living.services.history
    with pytest.raises(NotFoundError):
        history.key(version=1)
    with pytest.raises(InvalidParameterError):
        history.key(as_of=date(2024, 10, 23))
    living.submit(change("question-approved", NEW, effective="2026-02-01"))
    assert history.key().included == (1,)
    assert history.key(as_of=date(2026, 1, 31)).included == ()
    assert history.key(version=0).included == ()
    assert history.key(version=0).etag == "v0-0"
    assert history.key().etag != history.key(version=0).etag
