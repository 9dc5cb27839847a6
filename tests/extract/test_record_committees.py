"""The reports of Committees 2 to 5 and the list of other documents (Part VI, VI-2 and VI-3)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from itut_kb.extract.proceedings import load_proceedings
from itut_kb.extract.record.budget import parse_budget_report
from itut_kb.extract.record.committees import CommitteeRecord, zh_number
from itut_kb.extract.record.editorial import parse_document_list, parse_editorial_report
from itut_kb.extract.record.methods import parse_methods_report
from itut_kb.extract.record.officers import OfficerReader, load_organizations
from itut_kb.extract.record.programme import parse_programme_report
from itut_kb.extract.source import MAIN_FILE, Source

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "data" / "source" / MAIN_FILE


@pytest.fixture(scope="module")
def src() -> Source:
    return load_proceedings(SOURCE)


@pytest.fixture(scope="module")
def reader() -> OfficerReader:
    return OfficerReader(load_organizations(ROOT / "data" / "curated" / "regional_organizations.tsv"))


@pytest.fixture(scope="module")
def budget(src: Source, reader: OfficerReader) -> CommitteeRecord:
    return parse_budget_report(src, reader)


@pytest.fixture(scope="module")
def methods(src: Source) -> CommitteeRecord:
    return parse_methods_report(src)


@pytest.fixture(scope="module")
def programme(src: Source, reader: OfficerReader) -> CommitteeRecord:
    return parse_programme_report(src, reader)


def test_budget_report(budget: CommitteeRecord) -> None:
    assert budget.committee.title_zh == "预算控制"
    assert budget.committee.meetings_held == 2  # "召开了两次会议"
    assert [i.number for i in budget.report.items] == [str(n) for n in range(1, 9)]
    assert [(m.number, m.date) for m in budget.meetings] == [(1, "2024-10-16"), (2, "2024-10-23")]
    assert [a.title_zh for a in budget.report.annexes] == [
        "截至2024年10月21日的世界电信标准化全会（WTSA-24）财务报表",
        "世界电信标准化全会（WTSA-24）各项决议的财务影响",
    ]


def test_budget_figures_are_numbers(budget: CommitteeRecord) -> None:
    assert [(a.item, a.value) for a in budget.amounts] == [
        ("4", 2_078_000),
        ("4", 612_000),
        ("4", 1_466_000),
        ("4", 162_000),  # "16.2万瑞郎"
        ("4", 162_000),
        ("5", 5_838),
        ("7", 1_414_000),
        ("7", 1_414_000),
    ]
    direct, translation = budget.amounts[1].value, budget.amounts[2].value
    assert direct + translation == budget.amounts[0].value  # the budget's two parts add up


def test_budget_officers(budget: CommitteeRecord) -> None:
    assert [(o.role, o.name_zh, o.member_state_zh, o.organization) for o in budget.officers] == [
        ("chair", "Faysal Bayouli先生", "突尼斯", "LAS"),
        ("vice-chair", "Sanjiwan Sinha先生", "印度", "APT"),
        ("vice-chair", "Szabolcs Szentléleky先生", "匈牙利", "CEPT"),
        ("vice-chair", "Jason Merritt先生", "加拿大", "CITEL"),
        ("vice-chair", "Matano Ndaro先生", "肯尼亚", "ATU"),
    ]


def test_methods_agreements(methods: CommitteeRecord) -> None:
    table = [d for d in methods.decisions if d.meeting is None]
    assert [d.ordinal for d in table] == list(range(1, 26))
    assert Counter(d.text.mark for d in table if d.text) == {"MOD": 16, "NOC": 7, "ADD": 2}
    row = table[1]  # "2 第22号决议（2022年，日内瓦，修订版）… MOD 91号文件 103号文件"
    assert row.text
    assert (row.text.designation, row.text.mark) == ("22", "MOD")
    assert ([d.label for d in row.documents], row.output and row.output.label) == (["C-91"], "C-103")
    new = [d.text for d in table if d.text and d.text.provisional]
    assert [(t.designation, t.title_zh) for t in new] == [
        ("COM3/NG", "加强下一代专家参与ITU-T的标准化活动"),
        ("COM3/SP", "国际电联电信标准化部门的战略规划"),
    ]


def test_methods_fifth_meeting(methods: CommitteeRecord) -> None:
    fifth = [d for d in methods.decisions if d.meeting == 5]
    assert [(d.item, d.text.designation, d.text.mark) for d in fifth if d.text] == [
        ("5.1", "90", "NOC"),
        ("5.1", "68", "MOD"),
        ("5.1", "APT-NG", "ADD"),
        ("5.1", "55", "MOD"),
        ("5.1", "74", "MOD"),
        ("5.1", "85", "NOC"),
        ("5.1", "99", "MOD"),
        ("5.1", "ARB-SP", "ADD"),
        ("6.1", "22", "MOD"),
        ("6.2", "32", "MOD"),
        ("6.3", "A.25", "MOD"),
        ("6.4", "1", "NOC"),
        ("6.5", "54", "MOD"),
        ("6.6", "A.1", "NOC"),
    ]
    (report,) = methods.reports
    assert [i.number for i in report.items if "." not in i.number] == [str(n) for n in range(1, 10)]


def test_methods_meetings_and_dissents(methods: CommitteeRecord) -> None:
    assert [(m.number, m.date, m.report.label if m.report else None) for m in methods.meetings] == [
        (1, "2024-10-16", "C-59"),
        (2, "2024-10-17", "C-67"),
        (3, "2024-10-18", "C-78"),
        (4, "2024-10-21", "C-97"),
        (5, "2024-10-22", "TD-138"),
    ]
    assert methods.report.published_as is not None
    assert methods.report.published_as.label == "C-107"
    assert [(s.kind, s.by_zh) for s in methods.statements] == [
        ("reservation", ("俄罗斯联邦",)),
        ("objection", ("中国",)),
    ]


def test_programme_report(programme: CommitteeRecord) -> None:
    assert [(m.number, m.date, m.report.label if m.report else None) for m in programme.meetings] == [
        (1, "2024-10-16", "C-62"),
        (2, "2024-10-17", "C-65"),
        (3, "2024-10-18", "C-74"),
        (4, "2024-10-21", "C-77"),
        (5, "2024-10-22", "C-106"),
        (6, "2024-10-23", "TD-136"),
    ]
    assert [b.number for b in programme.batches] == list(range(1, 14))
    tenth = programme.batches[9]
    assert [t.designation for t in tenth.texts] == [
        "47",
        "69",
        "95",
    ]  # in no batch of the Editorial Committee
    assert [label for label, _doc, _span in programme.actions] == [f"COM4/{n}" for n in range(1, 12)]
    officers = {(o.body, o.role, o.ordinal): (o.name_zh, o.member_state_zh) for o in programme.officers}
    assert officers[("4A", "chair", 1)] == ("李成先生", "中国")
    assert officers[("4B", "vice-chair", 1)] == ("Heung Youl Youm先生", "韩国")
    assert programme.committee.working_groups == ("4A", "4B")


def test_editorial_report(src: Source) -> None:
    record, stated = parse_editorial_report(src)
    assert stated == 21  # "发布了二十一个系列的案文"
    assert [b.number for b in record.batches] == list(range(1, 22))
    assert record.committee.meetings_held == 8
    assert [t.designation for t in record.batches[15].texts] == ["52", "COM4/DPI", "COM4/MV", "COM4/SDT"]


def test_document_list(src: Source) -> None:
    listed = parse_document_list(src)
    assert len(listed) == 17
    assert listed[0].document.label == "C-59"
    assert listed[-1].document.label == "TD-2"  # "与会者名单 TD-GEN-02"
    wrapped = next(d for d in listed if d.document.label == "C-34")
    assert wrapped.title_zh.endswith("向WTSA-24提交的报告")
    assert wrapped.span.end > wrapped.span.start


@pytest.mark.parametrize(("zh", "n"), [("两", 2), ("八", 8), ("十", 10), ("十三", 13), ("二十一", 21)])
def test_chinese_numerals(zh: str, n: int) -> None:
    assert zh_number(zh) == n
