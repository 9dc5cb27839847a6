"""Statements, votes, the agreed actions and the provisional names of the record, against the real proceedings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from itut_kb.extract.actions import parse_actions
from itut_kb.extract.proceedings import load_proceedings
from itut_kb.extract.record.agreed_actions import ActionLink, check_mapping, load_links
from itut_kb.extract.record.names import core
from itut_kb.extract.record.parse import AssemblyRecord, parse_record
from itut_kb.extract.record.write import build_context
from itut_kb.extract.source import MAIN_FILE, Source, SourceStructureError

ROOT = Path(__file__).resolve().parents[2]
CURATED = ROOT / "data" / "curated"


@pytest.fixture(scope="module")
def src() -> Source:
    return load_proceedings(ROOT / "data" / "source" / MAIN_FILE)


@pytest.fixture(scope="module")
def record(src: Source) -> AssemblyRecord:
    return parse_record(src, CURATED)


def test_statements_and_who_makes_them(record: AssemblyRecord) -> None:
    got = [(s.key, s.kind, s.by_zh, len(s.signatories_zh), s.stated_count) for s in record.statements]
    assert got == [
        ("VI-1.1-annex-1", "statement", ("乌克兰",), 48, 48),  # "乌克兰和47个成员国": Ukraine is in its list
        ("VI-1.1-annex-2", "statement", ("俄罗斯联邦",), 0, None),
        ("VI-1.2-annex-1", "statement", ("荷兰王国",), 0, None),
        ("VI-1.2-annex-2", "statement", ("乌克兰",), 40, 40),  # "…和美国。（40）"
        ("VI-1.2-annex-3", "statement", ("俄罗斯联邦",), 0, None),
        ("VI-1.2-annex-4", "statement", ("区域通信联合体执行委员会",), 0, None),
        ("VI-1.2-annex-7", "statement", (), 33, None),  # "部分成员国": made by its 33 signatories
        ("VI-1.3-annex-1", "statement", ("尼日利亚",), 0, None),
        ("VI-2.2-meeting-5-5.1-1", "reservation", ("俄罗斯联邦",), 0, None),
        ("VI-2.2-meeting-5-5.1-2", "objection", ("中国",), 0, None),
    ]


def test_supporters_and_opponents(record: AssemblyRecord) -> None:
    by_key = {s.key: s for s in record.statements}
    assert by_key["VI-1.2-annex-1"].supporters_zh == ("希腊",)
    assert by_key["VI-1.2-annex-2"].supporters_zh == (
        "德国", "法国", "英国", "捷克共和国", "澳大利亚", "瑞典", "意大利", "罗马尼亚",
    )  # fmt: skip
    assert by_key["VI-1.2-annex-3"].supporters_zh == ("马里", "尼加拉瓜")
    assert by_key["VI-1.2-annex-3"].opponents_zh == ("瑞典", "美国", "英国", "捷克共和国")
    assert (by_key["VI-1.2-annex-4"].supporters_zh, by_key["VI-1.2-annex-4"].opponents_zh) == (
        ("布基纳法索", "乌兹别克斯坦"),
        ("美国",),
    )
    # "巴西表示支持所有区域的候选人" supports candidates, not the statement of annex 2
    assert "巴西" not in by_key["VI-1.2-annex-2"].supporters_zh


def test_statements_know_their_meeting(record: AssemblyRecord) -> None:
    meetings = {s.key: (s.meeting, s.item) for s in record.statements}
    assert meetings["VI-1.1-annex-1"] == (("plenary", 1), "23")
    assert meetings["VI-1.2-annex-7"] == (("plenary", 3), "16")
    assert meetings["VI-1.3-annex-1"] == (("plenary", 4), "3")
    assert meetings["VI-2.2-meeting-5-5.1-1"] == (("COM3", 5), "5.1")


def test_vote_table(record: AssemblyRecord) -> None:
    assert len(record.votes) == 28
    assert all(
        v.votes == v.invalid + v.abstentions + v.voting and v.voting == v.yes + v.no for v in record.votes
    )
    wrapped = next(v for v in record.votes if v.candidate == "PAPATHANASOPOULOU, Sophia")
    assert (wrapped.member_state_zh, wrapped.yes, wrapped.no) == ("希腊", 83, 9)
    assert sorted(v.candidate for v in record.votes if v.no > v.yes) == [
        "CHERKESOV, Dmitry",
        "MUTHANNA, Ammar",
        "TONKIKH, Evgeny",
        "TROFIMOV, Konstantin",
    ]


def test_agreed_actions_match_the_actions_of_part_one(record: AssemblyRecord, src: Source) -> None:
    links = load_links(CURATED / "agreed_actions.tsv")
    check_mapping(record.agreed_actions, links, parse_actions(src))
    assert [a.label for a in record.agreed_actions] == [f"COM3/{n}" for n in range(1, 5)] + [
        f"COM4/{n}" for n in range(1, 12)
    ]


def test_a_wrong_action_link_is_refused(record: AssemblyRecord, src: Source) -> None:
    links = load_links(CURATED / "agreed_actions.tsv")
    first, second = links[0], links[1]
    swapped = [
        ActionLink(first.label, second.action, ""),
        ActionLink(second.label, first.action, ""),
        *links[2:],
    ]
    with pytest.raises(SourceStructureError, match="most like action"):
        check_mapping(record.agreed_actions, swapped, parse_actions(src))


def test_provisional_names(record: AssemblyRecord, src: Source) -> None:
    from itut_kb.build import PARTS
    from itut_kb.extract.writer import GraphWriter

    parts = {part: GraphWriter() for part in PARTS}
    names = build_context(src, CURATED, record, parts).provisional
    assert {key: (n.resolution, n.settled_by) for key, n in names.items()} == {
        "NG": (107, "title"),
        "SP": (108, "title"),
        "VC": (104, "curated"),
        "AI": (101, "curated"),
        "CLI-CL": (102, "curated"),
        "DPI": (103, "curated"),
        "MV": (105, "curated"),
        "SDT": (106, "curated"),
        "1": (104, "batch"),  # "COM4/1" in B3, where the Editorial Committee's series 3 says "COM4/VC"
    }
    assert sorted(names["NG"].printed) == ["APT-NG", "COM3/APT-NG", "COM3/NG", "NG"]
    assert core("COM3/APT-NG") == "NG"


def test_a_curated_name_whose_title_does_not_fit_is_refused(
    record: AssemblyRecord, src: Source, tmp_path: Path
) -> None:
    from itut_kb.build import PARTS
    from itut_kb.extract.writer import GraphWriter

    curated = tmp_path / "curated"
    shutil.copytree(CURATED, curated)
    table = curated / "provisional_names.tsv"
    table.write_text(table.read_text(encoding="utf-8").replace("VC\t104\t", "VC\t105\t"), encoding="utf-8")
    with pytest.raises(SourceStructureError, match="title of Resolution 105"):
        build_context(src, curated, record, {part: GraphWriter() for part in PARTS})
