"""The approved Questions (Part V), against the real proceedings."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from itut_kb.extract.model import Question
from itut_kb.extract.proceedings import load_proceedings
from itut_kb.extract.questions import parse_question_groups, parse_questions
from itut_kb.extract.source import MAIN_FILE, Source

SOURCE = Path(__file__).resolve().parents[2] / "data" / "source" / MAIN_FILE

COUNTS = {
    "SG2": 6, "SG3": 9, "SG5": 10, "SG11": 13, "SG12": 15,
    "SG13": 13, "SG15": 12, "SG17": 12, "SG20": 9, "SG21": 23,
}  # fmt: skip


@pytest.fixture(scope="module")
def main_source() -> Source:
    return load_proceedings(SOURCE)


@pytest.fixture(scope="module")
def questions(main_source: Source) -> list[Question]:
    return parse_questions(main_source)


def _by_final(questions: list[Question], final_id: str) -> Question:
    found = [q for q in questions if q.final_id == final_id]
    assert len(found) == 1, found
    return found[0]


def test_total_and_counts_per_group(questions: list[Question]) -> None:
    assert len(questions) == 122
    assert dict(Counter(q.group for q in questions)) == COUNTS
    assert list(dict.fromkeys(q.group for q in questions)) == list(COUNTS)


def test_no_questions_for_tsag_or_scv(questions: list[Question]) -> None:
    assert not {q.group for q in questions} & {"TSAG", "SCV"}


def test_group_agrees_with_final_id(questions: list[Question]) -> None:
    for q in questions:
        assert re.fullmatch(r"SG\d+", q.group)
        assert q.final_id.split("/")[1] == q.group[2:]


def test_ids_are_unique(questions: list[Question]) -> None:
    assert len({q.final_id for q in questions}) == 122
    assert len({q.provisional_id for q in questions}) == 122


def test_first_row(questions: list[Question]) -> None:
    q = questions[0]
    assert (q.group, q.provisional_id, q.final_id) == ("SG2", "A/2", "1/2")
    assert q.title_zh == "固定和移动通信业务编号、命名、寻址和标识方案的应用"
    assert (q.span.file, q.span.start, q.span.end) == (MAIN_FILE, 20549, 20549)


def test_wrapped_title_sg3(questions: list[Question]) -> None:
    q = _by_final(questions, "6/3")
    assert q.provisional_id == "C/3"
    assert q.title_zh == (
        "国际互联网光缆和卫星互联网连接，包括与互联网协议（IP）对等互连、区域流量交换点、"
        "光缆优化、服务提供成本以及互联网协议第6版（IPv6）部署的影响相关的问题"
    )
    assert (q.span.start, q.span.end) == (20573, 20576)


def test_sg17(questions: list[Question]) -> None:
    q = _by_final(questions, "1/17")
    assert (q.group, q.provisional_id, q.title_zh) == ("SG17", "A/17", "安全标准化策略、孵化和协调")
    assert _by_final(questions, "15/17").title_zh == "基于量子的安全性"


def test_sg21_provisional_ids_from_former_groups(questions: list[Question]) -> None:
    sg21 = [q for q in questions if q.group == "SG21"]
    suffixes = Counter(q.provisional_id.split("/")[1] for q in sg21)
    assert suffixes == {"9": 9, "16": 12, "C": 2}
    coord = _by_final(questions, "0/21")
    assert (coord.provisional_id, coord.title_zh) == ("Q.Coord/C", "协调和规划")
    tv = _by_final(questions, "21/21")
    assert (tv.provisional_id, tv.title_zh) == (
        "A/9",
        "在馈送、一次分配和二次分配中所使用的电视和声音节目信号的传输和传播控制",
    )


def test_provisional_equal_to_final_in_sg13(questions: list[Question]) -> None:
    q = _by_final(questions, "16/13")
    assert q.provisional_id == "16/13"
    assert q.title_zh == "未来网络：可信和量子增强的网络和业务"


def test_titles_carry_no_header_or_noise(questions: list[Question]) -> None:
    for q in questions:
        assert q.title_zh == q.title_zh.strip()
        assert "课题号" not in q.title_zh
        assert "课题标题" not in q.title_zh
        assert "WTSA-24会议录" not in q.title_zh
        assert "\n" not in q.title_zh
        assert "  " not in q.title_zh


def test_title_across_page_break(questions: list[Question]) -> None:
    last_sg12 = _by_final(questions, "20/12")
    assert last_sg12.title_zh == "数字金融服务（DFS）服务质量（QoS）和体验质量（QoE）的感知与现场评定原则"
    assert (last_sg12.span.start, last_sg12.span.end) == (20714, 20716)
    assert _by_final(questions, "6/13").span.start == 20732


def test_spans_valid(main_source: Source, questions: list[Question]) -> None:
    previous_end = 0
    for q in questions:
        assert q.span.file == MAIN_FILE
        assert previous_end < q.span.start <= q.span.end
        assert main_source.text(q.span.start).startswith(f"{q.provisional_id} {q.final_id} ")
        previous_end = q.span.end
    assert questions[0].span.start > 20541  # the first group heading
    assert questions[-1].span.end < 20923  # "第六部分"


def test_the_section_prints_no_group_titles(main_source: Source) -> None:
    assert parse_question_groups(main_source) == []


# Synthetic sources: the checks the real source passes must be able to fail.


def _synthetic(*lines: str) -> Source:
    management = "国际电联电信标准化研究组以及词汇标准化委员会正副主席"
    head = [management, "1    第2研究组", "课题号", "最终", "课题号", "课题标题"]
    return Source("synthetic.txt", [*head, *lines, "第六部分"])


def test_final_id_of_another_group_is_an_error() -> None:
    with pytest.raises(ValueError, match="1/3"):
        parse_questions(_synthetic("A/2 1/3 标题"))


def test_synthetic_wrap_and_titled_heading() -> None:
    src = _synthetic("A/2 1/2 前半", "后半", "2    第3研究组 – 资费", "A/3 1/3 标题")
    assert [(q.group, q.title_zh, q.span.start, q.span.end) for q in parse_questions(src)] == [
        ("SG2", "前半后半", 7, 8),
        ("SG3", "标题", 10, 10),
    ]
    assert [(t.group, t.title_zh) for t in parse_question_groups(src)] == [("SG3", "资费")]
