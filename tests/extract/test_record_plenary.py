"""The reports of the plenary meetings (Part VI, VI-1), against the real proceedings."""

from __future__ import annotations

from pathlib import Path

import pytest

from itut_kb.extract.proceedings import load_proceedings
from itut_kb.extract.record.model import Meeting, Report
from itut_kb.extract.record.part6 import part6_lines, sections
from itut_kb.extract.record.plenary import parse_plenary_reports, plenary_meetings
from itut_kb.extract.source import MAIN_FILE, Source

SOURCE = Path(__file__).resolve().parents[2] / "data" / "source" / MAIN_FILE

# The items of each meeting's report as numbered in the source (VI-1.2 numbers on through two meetings).
ITEMS = {
    1: [str(n) for n in range(1, 25)],
    2: [str(n) for n in range(1, 13)],
    3: ["13", "14", "15", *(f"15.{n}" for n in range(1, 16)), "16", "17", "18", "19"],
    4: ["1", "2", "3", "4", "4.1", "4.2", "5", "5.1", "5.2", "5.3", "5.4", "6", "7"],
}


@pytest.fixture(scope="module")
def src() -> Source:
    return load_proceedings(SOURCE)


@pytest.fixture(scope="module")
def reports(src: Source) -> list[Report]:
    return parse_plenary_reports(src)


@pytest.fixture(scope="module")
def meetings(reports: list[Report]) -> dict[int, Meeting]:
    return {m.number: m for m in plenary_meetings(reports)}


def test_part_six_sections(src: Source) -> None:
    found = sections(src)
    assert list(found) == ["VI-1.1", "VI-1.2", "VI-1.3", "VI-2.1", "VI-2.2", "VI-2.3", "VI-2.4", "VI-3"]
    assert found["VI-2.4"].title_zh == "第5委员会：编辑委员会"


def test_page_noise_is_left_out_but_batch_documents_are_kept(src: Source) -> None:
    texts = [line.text for line in part6_lines(src)]
    assert not any(t.startswith(("WTSA-24会议录", "https://www.itu.int/md/")) for t in texts)
    assert not {"541", "548", "564", "576", "584"} & set(texts)  # page numbers
    assert {"70", "104", "113(Rev.1)", "117"} <= set(texts)  # the documents of batches B3, B14, B18, B21


def test_four_meetings_with_their_days_and_times(meetings: dict[int, Meeting]) -> None:
    got = {n: (m.date, m.start, m.end) for n, m in meetings.items()}
    assert got == {
        1: ("2024-10-15", "14:30", "17:30"),  # the start is stated by the second plenary's report
        2: ("2024-10-18", "14:30", "19:50"),
        3: ("2024-10-23", "14:30", "16:40"),
        4: ("2024-10-24", None, "16:00"),  # "主席于印度标准时间16时宣布第四次全体会议结束"
    }


def test_the_third_meeting_keeps_the_disagreement_of_its_times(meetings: dict[int, Meeting]) -> None:
    assert meetings[3].note_zh == "本次会议报告所载时间为14:30-16:40，第四次全体会议的报告所载为14:30-16:50"
    assert all(meetings[n].note_zh is None for n in (1, 2, 4))


@pytest.mark.parametrize("number", sorted(ITEMS))
def test_every_item_of_every_meeting(meetings: dict[int, Meeting], number: int) -> None:
    assert [i.number for i in meetings[number].items] == ITEMS[number]


def test_chairs(meetings: dict[int, Meeting]) -> None:
    assert meetings[1].opening_chair_zh == "Neeraj Mittal博士阁下，（印度）电信局局长"
    assert {m.chair_zh for m in meetings.values()} == {"Ritu Ranjan Mittar先生（印度）"}


def test_a_wrapped_heading_is_one_title(meetings: dict[int, Meeting]) -> None:
    item = next(i for i in meetings[1].items if i.number == "21")
    assert item.title_zh == (
        "《WTSA-20行动计划》报告和TSB主任就WTSA第44、55、64、65、68、69、72、73、89、98、100号决议"
        "和全权代表大会第102号决议向WTSA-24提交的报告"
    )
    assert item.text_zh.startswith("杨晓雅女士（TSB）介绍了34号文件中的报告")


def test_a_batch_heading_holds_its_list_and_document(meetings: dict[int, Meeting]) -> None:
    item = next(i for i in meetings[3].items if i.number == "15.7")
    assert item.title_zh == (
        "B9：编辑委员会提交全体会议的第九批案文（第61(MOD)、第65(MOD)、第89(MOD)、第COM4/CLI-CL)(ADD)号决议）85"
    )
    assert item.text_zh == ""


def test_annexes(reports: list[Report]) -> None:
    titles = {r.key: [(a.label, a.title_zh) for a in r.annexes] for r in reports}
    assert titles["VI-1.1"] == [("1", "乌克兰和47个成员国的声明"), ("2", "俄罗斯联邦的声明")]
    assert [label for label, _ in titles["VI-1.2"]] == ["1", "2", "3", "4", "5", "6", "7"]
    assert titles["VI-1.2"][4] == ("5", "候选人的投票结果")
    assert titles["VI-1.3"] == [("1", "尼日利亚关于第3研究组（SG3）副主席候选人的声明")]
