"""The WTSA-24 actions, against the real proceedings."""

from __future__ import annotations

from pathlib import Path

import pytest

from itut_kb.extract.actions import parse_actions
from itut_kb.extract.model import Action
from itut_kb.extract.proceedings import load_proceedings
from itut_kb.extract.source import MAIN_FILE, Source

SOURCE = Path(__file__).resolve().parents[2] / "data" / "source" / MAIN_FILE

# Number of "\n"-separated paragraphs (lead sentences plus sub-items) per action.
PARAGRAPHS = {1: 1, 2: 1, 3: 3, 4: 1, 5: 5, 6: 6, 7: 1, 8: 1, 9: 1, 10: 1, 11: 4, 12: 1, 13: 1, 14: 1, 15: 1}


@pytest.fixture(scope="module")
def main_source() -> Source:
    return load_proceedings(SOURCE)


@pytest.fixture(scope="module")
def actions(main_source: Source) -> list[Action]:
    return parse_actions(main_source)


def test_fifteen_actions_in_order(actions: list[Action]) -> None:
    assert [a.number for a in actions] == list(range(1, 16))


def test_paragraphs_per_action(actions: list[Action]) -> None:
    assert {a.number: len(a.text_zh.split("\n")) for a in actions} == PARAGRAPHS


def test_first_action(actions: list[Action]) -> None:
    first = actions[0]
    assert first.text_zh.startswith(
        "WTSA-24请电信标准化顾问组（TSAG）在即将到来的研究期内讨论对第1号决议的可能修订，"
    )
    assert "（ATU/35A1/1、APT/37A1/1和RCC/40A30/1）以及WTSA-24 TD-140中所述" in first.text_zh
    assert first.text_zh.endswith("向2028年下届全会提交达成协商一致的更新内容。")
    assert (first.span.file, first.span.start, first.span.end) == (MAIN_FILE, 12645, 12648)


def test_sub_items_on_their_own_lines(actions: list[Action]) -> None:
    assert actions[2].text_zh == (
        "WTSA-24请电信标准化局（TSB）主任：\n"
        "1) 在业界参与行动计划中提出一项行动，以促进和加强中小微企业和初创企业对ITU-T标准化进程的参与。\n"
        "2) 在业界参与行动计划中展开调查。"
    )


def test_action_6_has_both_lead_sentences(actions: list[Action]) -> None:
    paragraphs = actions[5].text_zh.split("\n")
    assert paragraphs[0] == "WTSA-24请TSB主任："
    assert paragraphs[1].startswith("1) 落实第90号决议中的“责成电信标准化局主任1”")
    assert paragraphs[2] == "WTSA-24请TSAG："
    assert [p[:3] for p in paragraphs[3:]] == ["1) ", "2) ", "3) "]
    assert (actions[5].span.start, actions[5].span.end) == (12686, 12697)


def test_action_5_ends_before_the_page_break_header(actions: list[Action]) -> None:
    assert actions[4].text_zh.endswith("4) 向国际电联理事会和WTSA-28提交有关上述分析的报告。")
    assert actions[4].span.end == 12680


def test_action_11_wrapped_sub_item(actions: list[Action]) -> None:
    last = actions[10].text_zh.split("\n")[-1]
    assert last == (
        "3) 与电信/ICT相关、支持应急和灾害风险管理与准备的新的新兴技术（包括人工智能），"
        "以便进行早期预警、降低风险、减灾和救灾。"
    )


def test_action_13_pqc_and_sg17(actions: list[Action]) -> None:
    pqc = actions[12]
    assert "后量子加密技术（PQC）" in pqc.text_zh
    assert "第17研究组" in pqc.text_zh
    assert pqc.text_zh.endswith("并请成员为此工作做出积极贡献。")


def test_last_action_ends_before_a_series(actions: list[Action]) -> None:
    assert actions[-1].span.end == 12750
    assert actions[-1].text_zh.endswith("以实现更具连通性和包容性的世界。")


def test_no_header_noise(actions: list[Action]) -> None:
    for action in actions:
        lines = action.text_zh.split("\n")
        assert not {"编号", "行动", "WTSA-24行动"} & set(lines)
        assert not any(line.startswith(("编号", "行动")) or line.endswith("编号") for line in lines)
        assert "WTSA-24会议录" not in action.text_zh
        assert all(line == line.strip() and line for line in lines)
    # "编号" occurs once as content ("国际电信编号"), never as a stray header cell.
    assert [a.number for a in actions if "编号" in a.text_zh] == [9]
    assert actions[8].text_zh.count("编号") == 1
    assert "国际电信编号、命名" in actions[8].text_zh


def test_spans_valid(main_source: Source, actions: list[Action]) -> None:
    previous_end = 0
    for action in actions:
        assert action.span.file == MAIN_FILE
        assert previous_end < action.span.start <= action.span.end
        assert main_source.text(action.span.start).startswith(f"{action.number} ")
        previous_end = action.span.end


# Synthetic sources: the checks the real source passes must be able to fail.


def test_sub_items_and_wrapped_numbers_are_not_actions() -> None:
    src = Source(
        "synthetic.txt",
        ["WTSA-24行动", "编号", "行动", "1 WTSA-24请：", "1) 甲", "3 项", "2 乙", "编号", "行动", "丙",
         "ITU-T A系列建议书：国际电联电信标准化部门工作的组织"],
    )  # fmt: skip
    assert [(a.number, a.text_zh, a.span.start, a.span.end) for a in parse_actions(src)] == [
        (1, "WTSA-24请：\n1) 甲3 项", 4, 6),
        (2, "乙丙", 7, 10),
    ]
