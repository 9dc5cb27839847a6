"""The numbered-clause parser (hand-written inputs), the A-series part and Resolution 1's sections
(real proceedings)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from itut_kb.extract.aseries import (
    parse_aseries,
    parse_resolution1_sections,
    resolution1_range,
)
from itut_kb.extract.history import parse_history
from itut_kb.extract.model import ASeriesDocument, Clause, RevisionEvent
from itut_kb.extract.numbered import parse_numbered, successors
from itut_kb.extract.proceedings import load_proceedings
from itut_kb.extract.source import MAIN_FILE, Source

SOURCE = Path(__file__).resolve().parents[2] / "data" / "source" / MAIN_FILE

RECOMMENDATIONS = [
    "A.1",
    "A.2",
    "A.5",
    "A.7",
    "A.8",
    "A.11",
    "A.12",
    "A.13",
    "A.18",
    "A.23",
    "A.24",
    "A.25",
    "A.31",
]
SUPPLEMENTS = ["2", "3", "4", "6", "7"]
FULL = "这是一行写满了的正文文字，" * 4  # wider than a page line: the paragraph goes on


def make_source(*lines: str) -> Source:
    """A source laid out like the PDF text: a blank line after every line."""
    raw: list[str] = []
    for line in lines:
        raw += [line, ""]
    return Source("test.txt", raw)


def parse(*lines: str, key_prefix: str = "") -> dict[str, Clause]:
    src = make_source(*lines)
    return {c.key: c for c in parse_numbered(src, 1, len(src), key_prefix=key_prefix)}


# --- parse_numbered on hand-written inputs -------------------------------------------------------


def test_headings_paragraphs_and_parents() -> None:
    clauses = parse(
        "1 研究组及其相关小组",
        "1.1 会议的频次",
        "1.1.1    研究组召开会议的目的是促进建议书的批准。" + FULL,
        "须充分考虑实际能力。",
        "1.1.2    在制定工作计划时，会议时间表必须考虑到与会机构。",
        "2 文稿的提交",
        "2.1 文稿应尽早提交。",
    )
    assert list(clauses) == ["1", "1.1", "1.1.1", "1.1.2", "2", "2.1"]
    assert clauses["1"].title_zh == "研究组及其相关小组"
    assert clauses["1"].text_zh == "研究组及其相关小组"  # a heading without body: text = title
    assert clauses["1.1"].title_zh == "会议的频次"
    assert clauses["1.1.1"].title_zh is None
    assert clauses["1.1.1"].text_zh == (
        "研究组召开会议的目的是促进建议书的批准。" + FULL + "须充分考虑实际能力。"
    )
    assert clauses["1.1.1"].number == "1.1.1"
    assert [clauses[k].parent_key for k in clauses] == [None, "1", "1.1", "1.1", None, "2"]
    assert (clauses["1.1.1"].span.start, clauses["1.1.1"].span.end) == (5, 7)


def test_heading_with_its_own_body() -> None:
    clauses = parse("1 表决", "一旦需要成员国进行投票表决，则须根据相关规定进行表决。")
    assert clauses["1"].title_zh == "表决"
    assert clauses["1"].text_zh == "一旦需要成员国进行投票表决，则须根据相关规定进行表决。"


def test_false_numbered_lines_stay_text() -> None:
    clauses = parse(
        "1 概述",
        "1.1    文稿须在截止日期前提交，截止日期为" + FULL,
        "2015年6月5日，逾期不予受理。",
        "1.2    主任须在" + FULL,
        "30 天内答复。",
        "1.3    结果须在" + FULL,
        "3 个月内公布。",
    )
    assert list(clauses) == ["1", "1.1", "1.2", "1.3"]
    assert clauses["1.1"].text_zh.endswith("截止日期为" + FULL + "2015年6月5日，逾期不予受理。")
    assert clauses["1.2"].text_zh.endswith("30 天内答复。")
    assert clauses["1.3"].text_zh.endswith("3 个月内公布。")


def test_bis_clauses_and_sections() -> None:
    clauses = parse(
        "第1节",
        "总则",
        "1.1 第一款。",
        "1.1之二 插入的一款。",
        "1.2 第二款。",
        "第1之二节",
        "文件制作",
        "1之二.1  一般原则",
        "1之二.1.1  案文应简洁。",
        "第2节",
        "研究组",
        "2.1 研究组。",
        "2.1.1    每个研究组须审议课题。",
        "2.1.1bis 至少四个成员国支持。",
        "2.1.2    研究组可开展工作。",
        "2.1.4    跳过一个编号的行不是条款。",
    )
    assert list(clauses) == [
        "section-1",
        "1.1",
        "1.1之二",
        "1.2",
        "section-1之二",
        "1之二.1",
        "1之二.1.1",
        "section-2",
        "2.1",
        "2.1.1",
        "2.1.1bis",
        "2.1.2",
    ]
    assert clauses["1.1之二"].parent_key == "section-1"
    assert clauses["1之二.1"].parent_key == "section-1之二"
    assert clauses["1之二.1.1"].parent_key == "1之二.1"


def test_successors() -> None:
    assert successors(("7", "1", "5")) == {
        ("7", "1", "5", "1"),
        ("7", "1", "5", "0"),
        ("7", "1", "6"),
        ("7", "1", "5之二"),
        ("7", "1", "5bis"),
        ("7", "2"),
        ("7", "1之二"),
        ("7", "1bis"),
        ("8",),
        ("7之二",),
        ("7bis",),
    }
    assert ("7", "1", "6") in successors(("7", "1", "5之二"), frozen=1)
    assert ("8",) not in successors(("7", "1"), frozen=1)


def test_annexes_and_appendices() -> None:
    clauses = parse(
        "1 范围",
        "本建议书规定程序。",
        "附件A",
        "组织资格审核的标准",
        "（本附件构成本建议书的不可或缺部分。）",
        "A.1 第一条。",
        "A.1.1    细则。",
        "A.2 第二条。",
        "附录一",
        "报告格式",
        "1       缺陷报告编号：",
        "2       提交人：",
        "I.1 范围",
        "本附录适用于报告。",
    )
    assert list(clauses) == ["1", "annex-A", "A.1", "A.1.1", "A.2", "appendix-I", "I.1"]
    assert clauses["annex-A"].title_zh == "组织资格审核的标准"
    assert clauses["annex-A"].text_zh == "（本附件构成本建议书的不可或缺部分。）"
    assert clauses["A.1"].parent_key == "annex-A"
    assert clauses["A.1.1"].parent_key == "A.1"
    assert clauses["appendix-I"].text_zh == "1       缺陷报告编号：\n2       提交人："  # form fields
    assert clauses["I.1"].parent_key == "appendix-I"


def test_plain_numbered_annex_gets_annex_keys() -> None:
    clauses = parse(
        "1 为避免工作重复，应尽一切努力。", "附件A", "合作指南", "1 引言", "1.1 目的", "本文件含有程序。"
    )
    assert list(clauses) == ["1", "annex-A", "A.1", "A.1.1"]
    assert clauses["A.1.1"].number == "1.1"
    assert clauses["A.1.1"].parent_key == "A.1"
    assert clauses["A.1"].parent_key == "annex-A"


def test_lists_and_references_on_their_own_lines() -> None:
    clauses = parse(
        "1 参考文献",
        "下列建议书的条款构成本建议书的条款。",
        "[ITU-T A.2] ITU-T A.2建议书（2012年） – 提交国际电联电信标准化部门的文稿的表述方式。",
        "2    报告须包括：",
        "a) 成绩；",
        "– 列出课题编号。",
    )
    assert clauses["1"].text_zh.split("\n") == [
        "下列建议书的条款构成本建议书的条款。",
        "[ITU-T A.2] ITU-T A.2建议书（2012年） – 提交国际电联电信标准化部门的文稿的表述方式。",
    ]
    assert clauses["2"].text_zh.split("\n") == ["报告须包括：", "a) 成绩；", "– 列出课题编号。"]


def test_running_headers_and_key_prefix() -> None:
    clauses = parse(
        "1 第一条，" + FULL, "WTSA-24会议录 – 第一部分 – 第1号决议", "12", "继续。", key_prefix="res1/"
    )
    assert list(clauses) == ["res1/1"]
    assert clauses["res1/1"].text_zh == "第一条，" + FULL + "继续。"


def test_parse_history() -> None:
    assert parse_history("（1984年；1988年；2012年）") == (
        RevisionEvent(1984, None),
        RevisionEvent(1988, None),
        RevisionEvent(2012, None),
    )
    assert parse_history("（1993年，赫尔辛基；1996年，日内瓦）") == (
        RevisionEvent(1993, "赫尔辛基"),
        RevisionEvent(1996, "日内瓦"),
    )


# --- the real proceedings -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def main_source() -> Source:
    return load_proceedings(SOURCE)


@pytest.fixture(scope="module")
def documents(main_source: Source) -> list[ASeriesDocument]:
    return parse_aseries(main_source)


@pytest.fixture(scope="module")
def by_number(documents: list[ASeriesDocument]) -> dict[str, ASeriesDocument]:
    return {d.number: d for d in documents}


@pytest.fixture(scope="module")
def res1(main_source: Source) -> list[Clause]:
    return parse_resolution1_sections(main_source)


def clause_map(clauses: tuple[Clause, ...] | list[Clause]) -> dict[str, Clause]:
    return {c.key: c for c in clauses}


def test_thirteen_recommendations_and_five_supplements(documents: list[ASeriesDocument]) -> None:
    assert [d.number for d in documents if d.kind == "recommendation"] == RECOMMENDATIONS
    assert [d.number for d in documents if d.kind == "supplement"] == SUPPLEMENTS
    assert len(documents) == 18


def test_titles(by_number: dict[str, ASeriesDocument]) -> None:
    assert by_number["A.1"].title_zh == "国际电联电信标准化部门研究组的工作方法"
    assert by_number["A.2"].title_zh == "提交国际电联电信标准化部门的文稿的表述方式"
    assert by_number["A.8"].title_zh == "新建议书和修订建议书的备选批准程序"
    assert by_number["2"].title_zh == "互操作性试验和概念验证活动的指导原则"
    assert by_number["A.23"].title_zh == "在信息技术方面与国际标准化组织（ISO）和国际电工委员会（IEC）的合作"


def test_histories(by_number: dict[str, ASeriesDocument]) -> None:
    assert [e.year for e in by_number["A.2"].history] == [1984, 1988, 1993, 1996, 2000, 2004, 2008, 2012]
    assert all(e.city_zh is None for e in by_number["A.2"].history)
    assert by_number["A.23"].history == (
        RevisionEvent(1993, "赫尔辛基"),
        RevisionEvent(1996, "日内瓦"),
        RevisionEvent(2000, "蒙特利尔"),
    )
    assert [e.year for e in by_number["A.31"].history] == [2008]
    assert by_number["A.1"].history == ()


def test_spans(documents: list[ASeriesDocument], main_source: Source) -> None:
    a1 = documents[0]
    assert main_source.text(a1.span.start) == "ITU-T A.1建议书"
    for before, after in itertools.pairwise(documents):
        assert before.span.end < after.span.start
    for doc in documents:
        assert doc.clauses
        assert all(doc.span.start < c.span.start <= c.span.end <= doc.span.end for c in doc.clauses)


def test_a1_contribution_deadlines(by_number: dict[str, ASeriesDocument]) -> None:
    clauses = clause_map(by_number["A.1"].clauses)
    assert clauses["1.1.1"].text_zh.startswith("研究组召开会议的目的是促进建议书的批准。")
    assert clauses["1.1"].title_zh == "会议的频次"
    assert clauses["3.1.9"].text_zh.startswith(
        "将由研究组或工作组会议审议的全部案文须最迟在会议前的至少12个日历日"
    )
    assert clauses["3.2.5"].text_zh.startswith("主任于会议召开前不到12个日历日时收到的文稿将不列入会议议程")
    assert clauses["3.1.9"].parent_key == "3.1"
    assert len(clauses) == 128


def test_a1_references_footnotes_and_annexes(by_number: dict[str, ASeriesDocument]) -> None:
    clauses = clause_map(by_number["A.1"].clauses)
    refs = clauses["1.9"].text_zh.split("\n")
    assert "[ITU-T A.2] ITU-T A.2建议书（2012年） – 提交国际电联电信标准化部门的文稿的表述方式。" in refs
    assert not any("见https" in c.text_zh for c in clauses.values())  # footnotes are apart, not in a clause
    assert next(f.text_zh for f in by_number["A.1"].footnotes) == "见https://www .itu .int/ ipr 。"
    assert [k for k in clauses if not k[0].isdigit()] == ["annex-A", "appendix-I", "bibliography"]
    assert clauses["bibliography"].text_zh.startswith("[b-ITU-T A.13]")


def test_a8_clauses(by_number: dict[str, ASeriesDocument]) -> None:
    clauses = clause_map(by_number["A.8"].clauses)
    for key in ("4.1", "4.5", "4.6", "6.2"):
        assert key in clauses
    assert clauses["4.1"].text_zh.startswith("最后征询的四周时间和程序")
    assert clauses["4.5"].parent_key == "4"


def test_a23_annex_numbered_under_the_annex(by_number: dict[str, ASeriesDocument]) -> None:
    clauses = clause_map(by_number["A.23"].clauses)
    assert clauses["preamble"].text_zh.startswith("世界电信标准化全会，\n考虑到")
    assert [k for k in clauses if k.isdigit()] == ["1", "2", "3"]
    assert clauses["A.1.4.1.2"].title_zh == "WTSA决议"
    assert "1988年6月，国际电报电话咨询委员会" in clauses["A.1.2"].text_zh  # "1988年…" is no clause
    assert "II.5" in clauses
    assert clauses["appendix-I"].title_zh == "缺陷报告表"


def test_documents_are_well_formed(documents: list[ASeriesDocument], res1: list[Clause]) -> None:
    for name, clauses in [(d.number, list(d.clauses)) for d in documents] + [("Res. 1", res1)]:
        keys = [c.key for c in clauses]
        assert len(keys) == len(set(keys)), name
        for clause in clauses:
            assert clause.parent_key is None or clause.parent_key in keys, (name, clause.key)
            assert "WTSA-24会议录" not in clause.text_zh, (name, clause.key)
            assert clause.text_zh, (name, clause.key)
            assert clause.span.file == MAIN_FILE


def test_res1_range(main_source: Source) -> None:
    start, end = resolution1_range(main_source)
    assert main_source.text(start) == "第1节"
    assert main_source.printed(end).startswith("7 背景课题")  # the last footnote, before Resolution 2
    assert main_source.text(end) == ""  # taken out of the text the parsers read


def test_res1_sections(res1: list[Clause]) -> None:
    sections = [c for c in res1 if c.key.startswith("section-")]
    assert [s.number for s in sections] == ["1", "1之二", "2", "3", "4", "5", "6", "7", "8", "9"]
    assert sections[0].title_zh == "世界电信标准化全会"
    assert sections[-1].title_zh == "采用传统批准程序批准新建议书和修订建议书"
    assert [c.key for c in res1 if c.key.startswith("appendix-")] == ["appendix-I", "appendix-II"]
    assert len(res1) == 221


def test_res1_key_clauses(res1: list[Clause]) -> None:
    clauses = clause_map(res1)
    assert "（通常至少四个）" in clauses["7.1.5之二"].text_zh
    assert clauses["7.1.5之二"].parent_key == "7.1"
    assert clauses["8.1.1"].title_zh == "在研究组会议上做出选择"
    assert "政策或监管" in clauses["8.1.1"].text_zh
    assert clauses["9.3.3"].parent_key == "9.3"
    assert clauses["9.3.3"].text_zh.endswith("须按正常程序（包括使用适当的正式语文）发出邀请函和随函摘要。")
    assert "一个月之前" in clauses["9.3.5"].text_zh
    assert clauses["9.3.9"].text_zh.startswith("从稳定性考虑")
    assert clauses["9.4.1"].text_zh.startswith("与成员国磋商的时间和程序")
    assert "70%" in clauses["9.4.5"].text_zh
    assert clauses["9.6.1"].text_zh.startswith("主任须在研究组会议结束之日起四周之内")
    assert clauses["9.1"].parent_key == "section-9"
    assert clauses["1.13"].title_zh == "表决"


def test_res1_footnotes_are_not_clauses(res1: list[Clause]) -> None:
    clauses = clause_map(res1)
    assert not any(k.isdigit() for k in clauses)  # "2 其中包括…" (line 175) etc. are footnotes
    assert clauses["1.4"].text_zh.endswith("并使国际电联各正式语文的案文协调一致。")  # footnote 2 is apart
    assert clauses["1.5"].span.start == 180
