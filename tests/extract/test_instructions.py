"""Whom an operative text instructs, read off the text with the curated actor table."""

from __future__ import annotations

from pathlib import Path

import pytest

from itut_kb.extract.actors import ActorTable
from itut_kb.extract.addressees import in_particular
from itut_kb.extract.instructions import Instructed, InstructionReader, address_clauses
from itut_kb.extract.model import Clause, Span

ROOT = Path(__file__).resolve().parents[2]
SPAN = Span("t.txt", 1, 1)


@pytest.fixture(scope="module")
def reader() -> InstructionReader:
    return InstructionReader(ActorTable.load(ROOT / "data" / "curated" / "actors.tsv"))


AT_START = {
    "ITU-T第2研究组促进与V2X和ITS等车辆网联通信相关的标准化活动；": Instructed(("第2研究组",)),
    "TSB主任：": Instructed(("TSB主任",)),
    "TSAG、RAG、TDAG继续帮助ISCG确定议题；": Instructed(("TSAG", "RAG", "TDAG")),
    "ITU-T第2研究组、ITU-T第3研究组及需要时ITU-T第11和第17研究组加强合作": Instructed(
        ("第2研究组", "第3研究组", "第11研究组", "第17研究组")
    ),
    "ITU-T第2研究组与ITU-T第11研究组密切协作，根据ITU-T建议书，制定程序": Instructed(
        ("第2研究组",), (), ("第11研究组",)
    ),
    "第2研究组作为该问题的领导研究组，与其它ITU-T研究组，特别是第11和17研究组的协作，并与组织合作": Instructed(
        ("第2研究组",), (), ("其它ITU-T研究组", "第11研究组", "第17研究组")
    ),
    "ITU-T各研究组（特别是第13、17和20研究组）建立一个研究组协调机制": Instructed(
        ("ITU-T各研究组", "第13研究组", "第17研究组", "第20研究组"), ("第13研究组", "第17研究组", "第20研究组")
    ),
    "电信标准化顾问组（TSAG）在即将到来的研究期内讨论": Instructed(("电信标准化顾问组",)),
    "ITU-T各研究组主席考虑到相关工作计划": Instructed(("ITU-T各研究组主席",)),  # the longer name
    "ITU-T第2研究组促进与相关的编号": Instructed(("第2研究组",)),  # "与…相关" is no collaboration
    "秘书处负责": Instructed(),
}  # fmt: skip


@pytest.mark.parametrize("text", sorted(AT_START))
def test_names_at_the_start(reader: InstructionReader, text: str) -> None:
    assert reader.at_start(text) == AT_START[text]


def test_a_name_that_goes_on_is_no_addressee(reader: InstructionReader) -> None:
    assert reader.at_start("TSAG的工作组研究") == Instructed()  # "TSAG的…": someone the table does not know


def test_after_a_verb(reader: InstructionReader) -> None:
    assert reader.after_verb("责成ITU-T第3研究组继续研究") == ("instructs", Instructed(("第3研究组",)))
    assert reader.after_verb("继续请ISO和IEC通过TSAG审议") == ("invites", Instructed(("ISO", "IEC")))
    assert reader.after_verb("鼓励采取必要的措施和机制") == ("encourages", Instructed())  # nobody named
    assert reader.after_verb("ITU-T各研究组应审议输出成果") is None  # no verb


def test_actions(reader: InstructionReader) -> None:
    five = "WTSA-24请电信标准化局主任与TSAG协作，以：\n1) 积极参与整个国际电联资源筹措战略的制定和实施"
    assert reader.in_action(five) == Instructed(("电信标准化局主任",), (), ("TSAG",))  # TSAG works with
    thirteen = "WTSA-24责成ITU-T第17研究组作为安全领导研究组，继续制定建议书；并请成员为此工作做出积极贡献。"
    assert reader.in_action(thirteen).addressees == ("第17研究组", "成员")


def test_heading_names_singled_out() -> None:
    assert in_particular("相关研究组，尤其是国际电联电信标准化部门第13研究组") == ("第13研究组",)
    assert in_particular("成员国，尤其是非洲区域成员国") == ("非洲区域成员国",)
    with_partners = "国际电联电信标准化部门第20和21研究组，各自根据其职责，与相关研究组（尤其是国际电联电信标准化部门第11和第17研究组）协作"
    assert in_particular(with_partners) == ()  # singled out among the collaborators: collaborators


def test_items_of_bare_headings_and_resolves(reader: InstructionReader) -> None:
    clauses = (
        Clause(
            "instructs-3.1", "ITU-T第12研究组促进相关的服务质量标准化活动；", SPAN, "1", "instructs", "责成"
        ),
        Clause("instructs-3.1.a", "开展研究；", SPAN, "a)", "instructs", "责成", parent_key="instructs-3.1"),
        Clause("resolves-4", "责成第12研究组制定指导原则；", SPAN, "4", "resolves", "做出决议"),
        Clause("resolves-5", "鼓励采取必要的措施；", SPAN, "5", "resolves", "做出决议"),
        Clause("resolves-6", "ITU-T应探索解决方案；", SPAN, "6", "resolves", "做出决议"),
        Clause("invites-1", "为此做出贡献。", SPAN, "1", "invites", "请成员国", addressees_zh=("成员国",)),
    )
    out = address_clauses(clauses, reader)
    assert [c.addressees_zh for c in out] == [
        ("第12研究组",), ("第12研究组",), ("第12研究组",), (), (), ("成员国",)
    ]  # fmt: skip
    assert [c.verb for c in out] == [None, None, "instructs", "encourages", None, None]
