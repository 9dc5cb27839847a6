"""Figures and tables: caption, legend and the picture's words taken out of the running text."""

from __future__ import annotations

from pathlib import Path

import pytest

from itut_kb.extract.figures import find_figures, without_figures
from itut_kb.extract.model import Figure
from itut_kb.extract.numbered import parse_numbered
from itut_kb.extract.proceedings import load_proceedings
from itut_kb.extract.source import MAIN_FILE, Source

SOURCE = Path(__file__).resolve().parents[2] / "data" / "source" / MAIN_FILE


def _source(*lines: str) -> Source:
    raw: list[str] = []
    for line in lines:
        raw += [line, ""]
    return Source("t.txt", raw)


def test_a_flowchart_its_labels_and_legend_leave_the_clause() -> None:
    src = _source(
        "1 主任须在适当时候公布已删除的建议书的清单。",
        "Res.1(08)_F9.1",
        "最少 个月3",
        "研究组或",
        "是否有政策或规则影响？",
        "注1 – 在特殊情况下，可最多放宽四周时间。",
        "注2 – 研究组确定：工作已够成熟",
        "（9.3.1）。",
        "图9.1 – 使用TAP批准新的和经修订的建议书 – 流程",
        "2 下一条。",
    )
    (figure,) = find_figures(src, 1, len(src))
    assert (figure.kind, figure.number, figure.caption_zh) == (
        "figure",
        "9.1",
        "使用TAP批准新的和经修订的建议书 – 流程",
    )
    assert (figure.span.start, figure.span.end, figure.caption_line) == (3, 17, 17)
    assert figure.notes_zh == (
        "注1 – 在特殊情况下，可最多放宽四周时间。",
        "注2 – 研究组确定：工作已够成熟（9.3.1）。",
    )
    clauses = {c.key: c for c in parse_numbered(without_figures(src, [figure]), 1, len(src))}
    assert clauses["1"].text_zh == "主任须在适当时候公布已删除的建议书的清单。"
    assert clauses["2"].text_zh == "下一条。"


def test_caption_only_figures_and_a_legend_under_the_caption() -> None:
    src = _source(
        "8.2.2 应以另一份通函的形式通知结果。",
        "图1 – 事件的AAP流程",
        "图1注 – 事件的AAP流程",
        "1) 研究组或工作组同意 – 研究组做出结论。",
        "2) 提供经编辑加工的文本 – 将文本提供给TSB，",
        "a) 未收到意见；",
        "8.2.3 图5-1为提议和批准设立JCA的备选方案示意图。",
    )
    figures = find_figures(src, 1, len(src))
    assert [(f.number, f.span.start, f.span.end) for f in figures] == [("1", 3, 11)]  # "图5-1为…" is text
    assert figures[0].notes_zh == (
        "1) 研究组或工作组同意 – 研究组做出结论。",
        "2) 提供经编辑加工的文本 – 将文本提供给TSB，a) 未收到意见；",
    )


def test_a_table_runs_to_the_running_text() -> None:
    full = "在接下来的再低一个层次，ITU-T研究组通常将其工作划分给若干工作组（WP），而JTC 1分委员"
    src = _source(
        "表1 – ITU-T研究组列表",
        "名称 题目",
        "第17研究组 安全",
        "注1 – 见第2号决议。",
        full,
        "会则将其工作划分。",
    )
    (table,) = find_figures(src, 1, len(src))
    assert (table.kind, table.number, table.span.start, table.span.end) == ("table", "1", 1, 7)
    assert table.text_zh == "名称 题目\n第17研究组 安全\n注1 – 见第2号决议。"


@pytest.fixture(scope="module")
def figures() -> list[Figure]:
    return list(load_proceedings(SOURCE).figures)


def test_figures_and_tables_of_the_proceedings(figures: list[Figure]) -> None:
    kinds = [(f.kind, f.number) for f in figures]
    assert kinds[:3] == [("figure", "7.1a"), ("figure", "7.1b"), ("figure", "9.1")]  # Resolution 1
    assert sum(k == "figure" for k, _ in kinds) == 19
    assert sum(k == "table" for k, _ in kinds) == 9
    by_caption = {f.caption_zh: f for f in figures}
    flow = by_caption["使用TAP批准新的和经修订的建议书 – 流程"]
    assert (flow.span.start, flow.caption_line, len(flow.notes_zh)) == (
        1484,
        1570,
        10,
    )  # from " Res.1(08)_F9.1"
    assert (
        by_caption["在两届WTSA之间通过和批准新的或经修订的课题"].span.start == 840
    )  # below 7.2.1's last sentence
    assert len(by_caption["事件的AAP流程"].notes_zh) == 12  # A.8: the legend under "图1注"
