"""Footnotes: found at the page foot with the markers that call them, and taken out of the text."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from itut_kb.extract.footnotes import find_footnotes, without_footnotes
from itut_kb.extract.model import Footnote
from itut_kb.extract.numbered import parse_numbered
from itut_kb.extract.proceedings import document_spans, load_proceedings
from itut_kb.extract.source import MAIN_FILE, Source

SOURCE = Path(__file__).resolve().parents[2] / "data" / "source" / MAIN_FILE
FULL = "这是一行写满了的正文文字，" * 4


def test_a_footnote_and_its_marker_leave_the_text() -> None:
    src = Source(
        "t.txt",
        [
            "第1节",
            "",
            "世界电信标准化全会",
            "",
            "1.1 WTSA须促进发展中国家1参与这些研究，" + FULL,
            "",
            "1 这些国家包括最不发达国家。",
            " 并审议研究组的报告。",
            "",
            "1.2 研究组须研究课题。",
        ],
    )
    (note,) = find_footnotes(src, 1, len(src))
    assert (note.number, note.text_zh, note.span.start, note.span.end) == (
        1,
        "这些国家包括最不发达国家。",
        7,
        7,
    )
    assert [(m.line, src.raw(m.line)[m.start : m.end]) for m in note.markers] == [(5, "1")]
    clean = without_footnotes(src, [note])
    clauses = {c.key: c for c in parse_numbered(clean, 1, len(clean))}
    assert clauses["1.1"].text_zh == "WTSA须促进发展中国家参与这些研究，" + FULL + "并审议研究组的报告。"
    assert clean.printed(5).startswith("1.1 WTSA须促进发展中国家1参与")  # as printed, for provenance
    assert clean.footnotes == (note,)


def test_a_list_item_ending_a_page_is_no_footnote() -> None:
    src = Source(
        "t.txt",
        [
            "责成电信标准化局主任",
            "1 落实本决议，并按照责成电信标准化局主任2的规定提出报告；",
            "",
            "2 参加相关的能力建设活动，",
            " 请成员国",
        ],
    )
    assert find_footnotes(src, 1, len(src)) == []  # "2 参加…" continues the list; "主任2" is a citation


def test_marker_rules() -> None:
    src = Source(
        "t.txt",
        [
            "b) ICNIRP1和IEEE2制定了导则，3GPP SA3）、V2X和JTC 1不是标记；发展中国家33的说明；",
            "",
            "1 ICNIRP的导则。",
            "2 IEEE的标准。",
            "3 这些国家包括最不发达国家。",
            " c) 下一页",
        ],
    )
    notes = find_footnotes(src, 1, len(src))
    assert [n.number for n in notes] == [1, 2, 3]
    marked = [src.raw(1)[m.start - 2 : m.end] for n in notes for m in n.markers]
    assert marked == ["RP1", "EE2", "国家33"]  # a doubled marker (the PDF's "发展中国家11") is one marker


@pytest.fixture(scope="module")
def src() -> Source:
    return load_proceedings(SOURCE)


def _by_document(src: Source) -> dict[int, list[Footnote]]:
    spans = document_spans(Source.load(SOURCE))
    out: dict[int, list[Footnote]] = {}
    for note in src.footnotes:
        start = max(s for s, _ in spans if s <= note.span.start)
        out.setdefault(start, []).append(note)
    return out


def test_every_document_numbers_its_footnotes_from_one(src: Source) -> None:
    by_doc = _by_document(src)
    for start, notes in by_doc.items():
        assert [n.number for n in notes] == list(range(1, len(notes) + 1)), start
    sizes = {src.printed(start).strip(): len(notes) for start, notes in by_doc.items()}
    assert sizes["第1号决议（2022年，日内瓦，修订版）"] == 7
    assert sizes["第2号决议（2024年，新德里，修订版）"] == 6
    assert sizes["ITU-T A.1建议书"] == 5
    assert sizes["ITU-T A.23建议书"] == 8
    assert len(src.footnotes) == 97


def test_resolution_1_footnote_4_is_marked_in_4_5(src: Source) -> None:
    note = next(n for n in src.footnotes if n.number == 4 and n.span.start < 1610)
    assert note.text_zh.startswith("主任及研究组主席可利用这些会议的机会")
    assert [m.line for m in note.markers] == [599]
    assert src.printed(599) == "一次。4"
    assert src.raw(599) == "一次。"


def test_footnote_lines_are_blank_and_markers_cut(src: Source) -> None:
    for note in src.footnotes:
        assert all(src.raw(n) == "" for n in range(note.span.start, note.span.end + 1))
        assert src.printed(note.span.start).startswith(f"{note.number} ")
    lines = Counter(n for note in src.footnotes for n in range(note.span.start, note.span.end + 1))
    assert max(lines.values()) == 1  # no line in two footnotes


def test_doubled_and_repeated_markers(src: Source) -> None:
    doubled = [
        n
        for n in src.footnotes
        if any(len(src.printed(m.line)[m.start : m.end].strip()) == 2 for m in n.markers)
    ]
    assert len(doubled) == 3  # "发展中国家11" in Res. 29, 32 and 58
    again = [n for n in src.footnotes if len(n.markers) > 1]
    assert {src.printed(m.line)[m.start - 3 : m.end] for n in again for m in n.markers} >= {
        "中国家1",
        "可信度6",
    }
