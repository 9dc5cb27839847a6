"""The decisions of the plenary meetings, read from their reports, against the real proceedings."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from itut_kb.extract.model import Span
from itut_kb.extract.proceedings import load_proceedings
from itut_kb.extract.record.decisions import plenary_decisions
from itut_kb.extract.record.documents import doc_refs
from itut_kb.extract.record.marks import listed_texts, marked_texts
from itut_kb.extract.record.model import Decision
from itut_kb.extract.record.plenary import parse_plenary_reports, plenary_meetings
from itut_kb.extract.source import MAIN_FILE

SOURCE = Path(__file__).resolve().parents[2] / "data" / "source" / MAIN_FILE
NOWHERE = Span("f", 1, 1)

# (meeting, item) -> the kinds of the decisions the item records, in order (items with texts left out).
KINDS = {
    (1, "2"): ["document-approval"],
    (1, "3"): ["appointment"],
    (1, "6"): ["appointment"],
    (1, "7"): ["document-approval"],
    (1, "8"): ["appointment"],
    (1, "9"): ["noting"],
    (1, "10"): ["noting"],
    (1, "11"): ["document-approval"],
    (1, "15"): ["noting"],
    (1, "16"): ["document-approval", "noting"],
    (1, "18"): ["restructuring", "agreement"],
    (1, "19"): ["abrogation"],
    (1, "20"): ["noting"],
    (1, "21"): ["noting"],
    (2, "2"): ["document-approval"],
    (2, "3"): ["document-approval"],
    (2, "4"): ["appointment"],
    (2, "5"): ["noting", "noting"],
    (2, "8"): ["document-approval"],
    (2, "10"): ["appointment", "appointment"],
    (3, "14"): ["document-approval"],
    (3, "16"): ["document-approval", "question-approval"],
    (3, "17"): ["action-approval"],
    (4, "2"): ["document-approval"],
    (4, "3"): ["document-approval", "agreement"],
    (4, "4.1"): ["document-approval"],
    (4, "4.2"): ["document-approval", "agreement"],
}


@pytest.fixture(scope="module")
def decisions() -> list[Decision]:
    src = load_proceedings(SOURCE)
    return plenary_decisions(src.name, plenary_meetings(parse_plenary_reports(src)))


def test_kinds_per_item(decisions: list[Decision]) -> None:
    got: dict[tuple[int, str], list[str]] = {}
    for d in decisions:
        if d.kind != "text-approval":
            got.setdefault((d.meeting or 0, d.item or ""), []).append(d.kind)
    assert got == KINDS


def test_fifty_three_texts_in_twenty_one_batches(decisions: list[Decision]) -> None:
    texts = [d for d in decisions if d.kind == "text-approval"]
    assert len(texts) == 53
    assert sorted({d.batch for d in texts}, key=lambda b: int(b[1:])) == [f"B{n}" for n in range(1, 22)]
    assert Counter(d.text.mark for d in texts if d.text) == {"MOD": 45, "ADD": 8}
    assert Counter(d.meeting for d in texts) == {2: 3, 3: 37, 4: 13}


def test_resolution_2_is_approved_in_b14(decisions: list[Decision]) -> None:
    (res2,) = [d for d in decisions if d.text and d.text.designation == "2"]
    assert (res2.meeting, res2.item, res2.batch, res2.text.mark if res2.text else None) == (
        3,
        "15.12",
        "B14",
        "MOD",
    )
    assert [ref.label for ref in res2.documents] == ["C-104"]


def test_the_first_two_batches_are_read_from_their_sentences(decisions: list[Decision]) -> None:
    first = [
        (d.batch, d.text.designation, d.documents[0].label) for d in decisions if d.meeting == 2 and d.text
    ]
    assert first == [("B1", "43", "C-61"), ("B2", "60", "C-63"), ("B2", "100", "C-63")]


def test_documents_of_decisions(decisions: list[Decision]) -> None:
    def docs(meeting: int, item: str, ordinal: int = 1) -> list[str]:
        d = next(x for x in decisions if (x.meeting, x.item, x.ordinal) == (meeting, item, ordinal))
        return [ref.label for ref in d.documents]

    assert docs(1, "10") == ["TD-1"]  # "TD-1介绍了…。会议将此记录在案。": the sentence before
    assert docs(1, "16", 2) == ["C-24", "C-26", "C-27"]  # the clause that notes, not the one before it
    assert docs(2, "8") == ["TD-18", "C-59", "C-67", "C-62", "C-65"]  # the list after "…的报告："
    assert docs(3, "16") == ["C-78", "C-97", "TD-138", "C-74", "C-77", "C-106", "TD-136", "TD-139"]
    assert docs(4, "3") == ["C-73 (Rev.1)"]


def test_the_merger_and_the_abrogation(decisions: list[Decision]) -> None:
    (merger,) = [d for d in decisions if d.kind == "restructuring"]
    assert (merger.groups, merger.kept) == (("SG9", "SG16"), 9)
    (abrogation,) = [d for d in decisions if d.kind == "abrogation"]
    assert "废止WTSA第80号决议" in abrogation.text_zh


def test_appointment_methods(decisions: list[Decision]) -> None:
    methods = [(d.meeting, d.item, d.method) for d in decisions if d.kind == "appointment"]
    assert methods == [
        (1, "3", "acclamation"),
        (1, "6", "acclamation"),
        (1, "8", "acclamation"),
        (2, "4", None),
        (2, "10", "consensus"),
        (2, "10", "vote"),
    ]


def test_marked_texts() -> None:
    refs = marked_texts("（第61(MOD)、第COM4/CLI-CL)(ADD)号决议，A.25(MOD)建议书）", NOWHERE)
    assert [(r.kind, r.designation, r.mark, r.printed) for r in refs] == [
        ("resolution", "61", "MOD", "第61(MOD)"),
        ("resolution", "COM4/CLI-CL", "ADD", "第COM4/CLI-CL)(ADD)"),
        ("recommendation", "A.25", "MOD", "A.25(MOD)"),
    ]
    assert [r.designation for r in marked_texts("（Res.29 (MOD)、Res.58 (MOD)）", NOWHERE)] == ["29", "58"]


def test_listed_texts() -> None:
    assert [r.designation for r in listed_texts("第52号决议；第COM4/DPI、COM4/MV号新决议", NOWHERE)] == [
        "52",
        "COM4/DPI",
        "COM4/MV",
    ]
    assert [r.designation for r in listed_texts("（关于VC的新决议、第91号决议）", NOWHERE)] == ["VC", "91"]
    assert [r.designation for r in listed_texts("（第61、第65号决议，第CLI-CL号新决议）", NOWHERE)] == [
        "61",
        "65",
        "CLI-CL",
    ]
    assert [(r.kind, r.designation) for r in listed_texts("第54、68号决议；ITU-T A.25建议书", NOWHERE)][
        -1
    ] == (
        "recommendation",
        "A.25",
    )


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("全体会议还将1、3、7-R1、11-R1号文件中", ["C-1", "C-3", "C-7 (Rev.1)", "C-11 (Rev.1)"]),
        ("（33号文件；57和TD-15号文件）", ["C-33", "C-57", "TD-15"]),
        ("ADM-39 Rev.2号文件中的议程", ["ADM-39 (Rev.2)"]),
        ("APT（37A2号文件）", ["C-37 (Add.2)"]),
        ("DT/16(Rev.1)号文件", ["TD-16 (Rev.1)"]),
        ("与会者名单 TD-GEN-02", ["TD-2"]),
        ("（ATU/35A1/1、APT/37A1/1）", ["C-35 (Add.1)", "C-37 (Add.1)"]),
        ("16:05-17:30 97号文件", ["C-97"]),
        ("TSAG提交的24和25号报告中的", ["C-24", "C-25"]),
        ("于2024年10月16日举行", []),
    ],
)
def test_document_references(text: str, labels: list[str]) -> None:
    assert [ref.label for ref in doc_refs(text)] == labels
