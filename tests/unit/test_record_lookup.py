"""The record service (Part VI) over the tiny fixture KB: meetings, decisions, a text's history, bad names."""

from __future__ import annotations

import pytest

from itut_kb.catalog import Catalog
from itut_kb.config import Settings
from itut_kb.errors import InvalidParameterError, NotFoundError
from itut_kb.lookup import Lookup
from itut_kb.record import RecordLookup
from itut_kb.store import KnowledgeBase

RES2_APPROVAL = "https://w3id.org/itut-kb/id/assembly/WTSA-24/plenary/3/item/15.12/decision/1"


@pytest.fixture(scope="module")
def kb(tiny_settings: Settings) -> KnowledgeBase:
    return KnowledgeBase.load(tiny_settings)


@pytest.fixture(scope="module")
def record(kb: KnowledgeBase, tiny_settings: Settings) -> RecordLookup:
    return RecordLookup(kb, Catalog.load(tiny_settings.queries_dir / "lookup"))


def test_meetings(record: RecordLookup) -> None:
    meetings = record.meetings()
    assert [(m["body"], m["number"], m["date"]) for m in meetings] == [
        ("plenary", 2, "2024-10-18"),
        ("plenary", 3, "2024-10-23"),
    ]
    assert meetings[0]["start"] == "2024-10-18T14:30:00+05:30"
    assert [m["decisions"] for m in meetings] == [1, 2]


def test_one_meeting_with_its_items_and_decisions(record: RecordLookup) -> None:
    meeting = record.meeting("3")
    assert (meeting["label_zh"], meeting["date"], meeting["source_lines"]) == (
        "第三次全体会议",
        "2024-10-23",
        [99, 100],
    )
    assert [i["number"] for i in meeting["items"]] == ["15.12", "16"]
    assert [(d["item"], d["kind"], d["on"], d["mark"], d["batch"]) for d in meeting["decisions"]] == [
        ("15.12", "text-approval", None, "MOD", "B14"),
        ("16", "question-approval", None, None, None),
    ]
    assert meeting["decisions"][1]["approves"] == 3


@pytest.mark.parametrize(
    ("number", "error"), [("9", NotFoundError), ("x", InvalidParameterError), ("", InvalidParameterError)]
)
def test_bad_meetings(record: RecordLookup, number: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        record.meeting(number)


@pytest.mark.parametrize("text", ["2", "Resolution 2", "res. 2"])
def test_decisions_on_a_text(record: RecordLookup, text: str) -> None:
    assert [d["iri"] for d in record.decisions(text)] == [RES2_APPROVAL]


def test_every_decision(record: RecordLookup) -> None:
    assert {d["kind"] for d in record.decisions()} == {"appointment", "text-approval", "question-approval"}


@pytest.mark.parametrize(
    ("text", "error"),
    [("999", NotFoundError), ("A.25", NotFoundError), ("NG", NotFoundError), ("第二", InvalidParameterError)],
)
def test_bad_texts(record: RecordLookup, text: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        record.decisions(text)


def test_the_history_of_resolution_2(kb: KnowledgeBase, tiny_settings: Settings) -> None:
    res = Lookup(kb, Catalog.load(tiny_settings.queries_dir / "lookup")).resolution("2")
    assert res["adopted"] == {
        "kind": "MOD",
        "date": "2024-10-23",
        "meeting": 3,
        "item": "15.12",
        "batch": "B14",
        "batch_document": "C-104",
        "provisional_name": None,
        "iri": RES2_APPROVAL,
    }
    assert [d["kind"] for d in res["decisions"]] == ["approval"]
