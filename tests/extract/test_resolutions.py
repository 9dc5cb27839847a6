"""Part I (Resolutions, Opinion 1, abrogated Resolution 80), against the real proceedings."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from itut_kb.extract.addressees import addressees, collaborators
from itut_kb.extract.model import Clause, Opinion, Resolution, RevisionEvent
from itut_kb.extract.proceedings import load_proceedings
from itut_kb.extract.resolutions import (
    BLOCK_KINDS,
    OPERATIVE_KINDS,
    parse_opinions,
    parse_resolution7_alone,
    parse_resolutions,
    resolution1_sections_start,
)
from itut_kb.extract.source import MAIN_FILE, RES7_FILE, Source

SOURCES = Path(__file__).resolve().parents[2] / "data" / "source"

IN_FORCE = [
    *(1, 2, 7, 11, 18, 20, 22, 29, 31, 32, 34, 40, 43, 44, 47, 48, 49, 50, 52, 54, 55, 58, 60, 61, 62, 64),
    *(65, 67, 68, 69, 70, 72, 73, 74, 75, 76, 77, 78, 79, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94),
    *(95, 96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108),
]
NOT_REVISED_AT_WTSA24 = {1, 31, 47, 49, 62, 69, 75, 83, 85, 86, 87, 90, 95}
NEW_AT_WTSA24 = set(range(101, 109))
FOOTNOTE_TEXT = re.compile(r"(这些国家|其中)包括最不发达国家、小岛屿发展中国家")


@pytest.fixture(scope="module")
def src() -> Source:
    return load_proceedings(SOURCES / MAIN_FILE)


@pytest.fixture(scope="module")
def all_resolutions(src: Source) -> list[Resolution]:
    return parse_resolutions(src)


@pytest.fixture(scope="module")
def res(all_resolutions: list[Resolution]) -> dict[int, Resolution]:
    return {r.number: r for r in all_resolutions if r.status == "in_force"}


@pytest.fixture(scope="module")
def opinions(src: Source) -> list[Opinion]:
    return parse_opinions(src)


def clause(r: Resolution | Opinion, key: str) -> Clause:
    (found,) = [c for c in r.clauses if c.key == key]
    return found


def documents(res: dict[int, Resolution], opinions: list[Opinion]) -> list[Resolution | Opinion]:
    return [*res.values(), *opinions]


# --------------------------------------------------------------------------- counts and order


def test_65_resolutions_in_force_in_source_order(all_resolutions: list[Resolution]) -> None:
    in_force = [r.number for r in all_resolutions if r.status == "in_force"]
    assert len(IN_FORCE) == 65
    assert in_force == IN_FORCE


def test_resolution_80_is_the_abrogated_one(all_resolutions: list[Resolution]) -> None:
    abrogated = [r for r in all_resolutions if r.status == "abrogated"]
    assert [r.number for r in abrogated] == [80]
    r80 = abrogated[0]
    assert all_resolutions[-1] is r80
    assert r80.heading_zh == "第80号决议（2016年，哈马马特，修订版）"
    assert r80.title_zh == "鸣谢成员对国际电联电信标准化部门实际成果工作的积极参与"
    assert r80.history == (RevisionEvent(2012, "迪拜"), RevisionEvent(2016, "哈马马特"))
    assert (r80.span.start, r80.span.end) == (12632, 12637)
    assert r80.clauses == ()


def test_opinion_1(opinions: list[Opinion]) -> None:
    (op,) = opinions
    assert (op.number, op.heading_zh, op.title_zh) == (1, "意见1（2012年，迪拜）", "网络外部性溢价的实际应用")
    assert op.history == (RevisionEvent(2012, "迪拜"),)
    assert (op.span.start, op.span.end) == (12580, 12629)
    assert [c.key for c in op.clauses] == [
        "considering-a", "considering-b", "considering-c", "noting", "considering-further-a",
        "considering-further-b", "considers", "invites-1", "invites-2",
    ]  # fmt: skip
    assert clause(op, "invites-2").addressees_zh == ("理事会",)
    assert clause(op, "invites-2").text_zh.endswith("就此事宜向2014年全权代表大会做出报告。")


# --------------------------------------------------------------------------- headings, titles, histories


def test_resolution_1_metadata_and_history(res: dict[int, Resolution]) -> None:
    r1 = res[1]
    assert r1.heading_zh == "第1号决议（2022年，日内瓦，修订版）"
    assert r1.title_zh == "国际电联电信标准化部门的议事规则"
    assert not r1.revised_at_wtsa24
    years = [(e.year, e.city_zh) for e in r1.history]
    assert years[0] == (1956, "日内瓦")
    assert (1958, "日内瓦") in years
    assert (1960, "新德里") in years
    geneva = [(1972, "日内瓦"), (1976, "日内瓦"), (1980, "日内瓦")]  # "1972年、1976年和1980年，日内瓦"
    assert [y for y in years if y[0] in (1972, 1976, 1980)] == geneva
    assert years[-1] == (2022, "日内瓦")
    assert len(years) == 18
    assert [e.year for e in r1.history] == sorted(e.year for e in r1.history)


def test_resolution_2_history_with_footnoted_tsag_changes(res: dict[int, Resolution]) -> None:
    history = res[2].history
    assert history[0] == RevisionEvent(1993, "赫尔辛基")
    assert RevisionEvent(2009, None, "TSAG于2009年4月30日同意对ITU-T第5研究组的职权进行修改。") in history
    assert RevisionEvent(2015, None, "TSAG于2015年6月5日创建ITU-T第20研究组。") in history
    assert [e.city_zh for e in history if e.year == 2016] == [None, "哈马马特"]
    assert history[-1] == RevisionEvent(2024, "新德里", "将ITU-T第9和第16研究组并入ITU-T第21研究组。")
    assert res[2].title_zh == "国际电联电信标准化部门研究组的责任与职权"


TITLES = {
    7: "与国际标准化组织和国际电工委员会的协作",
    11: "在研究涉及邮电两行业的业务时与万国邮政联盟协作",
    31: "接纳实体或组织作为部门准成员参加国际电联电信标准化部门的工作",
    49: "ENUM",
    60: "应对标识/编号系统的演进及其与互联网协议系统/网络的融合所带来的挑战",
    67: "国际电联电信标准化部门在同等地位上对国际电联六种正式语文的使用和词汇标准化委员会",  # 3 lines
    74: "加强发展中国家部门成员参加国际电联电信标准化部门的工作",  # footnote marker "成员1参加" removed
    101: "国际电联电信标准化部门有关支持电信/信息通信技术的人工智能技术的标准化活动",
}
# number: (first event, last event, number of events)
HISTORIES = {
    7: ((1984, "马拉加-托雷莫利诺斯"), (2024, "新德里"), 10),
    11: ((1984, "马拉加-托雷莫利诺斯"), (2024, "新德里"), 9),
    31: ((2000, "蒙特利尔"), (2012, "迪拜"), 4),
    49: ((2004, "弗洛里亚诺波利斯"), (2016, "哈马马特"), 4),  # an entry wrapped after "2012年，"
    60: ((2008, "约翰内斯堡"), (2024, "新德里"), 4),  # "2022，日内瓦" lacks its 年
    67: ((2008, "约翰内斯堡"), (2024, "新德里"), 5),
    74: ((2008, "约翰内斯堡"), (2024, "新德里"), 4),
    101: ((2024, "新德里"), (2024, "新德里"), 1),
}


@pytest.mark.parametrize("number", sorted(TITLES))
def test_titles_and_histories(res: dict[int, Resolution], number: int) -> None:
    r = res[number]
    first, last, count = HISTORIES[number]
    assert r.title_zh == TITLES[number]
    assert (r.history[0].year, r.history[0].city_zh) == first
    assert (r.history[-1].year, r.history[-1].city_zh) == last
    assert len(r.history) == count


def test_heading_footnote_marker_is_removed(res: dict[int, Resolution]) -> None:
    assert res[18].heading_zh == "第18号决议（2024年，新德里，修订版）"
    assert all(re.fullmatch(r"第\d+号决议（[^（）]+）", r.heading_zh) for r in res.values())


def test_wtsa24_status(res: dict[int, Resolution]) -> None:
    assert res[1].wtsa24_status == "unchanged"
    assert res[31].wtsa24_status == "unchanged"
    assert res[101].wtsa24_status == "new"  # adopted for the first time in 2024: new, not revised
    assert not res[101].revised_at_wtsa24
    assert res[2].wtsa24_status == "revised"
    assert res[2].revised_at_wtsa24
    assert {n for n, r in res.items() if r.wtsa24_status == "unchanged"} == NOT_REVISED_AT_WTSA24
    assert {n for n, r in res.items() if r.wtsa24_status == "new"} == NEW_AT_WTSA24
    assert {n for n, r in res.items() if not r.revised_at_wtsa24} == NOT_REVISED_AT_WTSA24 | NEW_AT_WTSA24


def test_every_history_ends_with_the_heading_assembly(res: dict[int, Resolution]) -> None:
    for r in res.values():
        year, city = re.match(r"第\d+号决议（(\d{4})年，([^，）]+)", r.heading_zh).groups()  # type: ignore[union-attr]
        assert (r.history[-1].year, r.history[-1].city_zh) == (int(year), city), r.number


# --------------------------------------------------------------------------- clauses


def test_resolution_1_preamble_only(src: Source, res: dict[int, Resolution]) -> None:
    start = resolution1_sections_start(src)
    assert start == 98
    assert src.text(start) == "第1节"
    r1 = res[1]
    letters = "abcdefghijkl"
    assert [c.key for c in r1.clauses] == [
        *(f"considering-{x}" for x in letters[:2]), "considering-bbis",
        *(f"considering-{x}" for x in letters[2:]), "resolves",
    ]  # fmt: skip
    assert clause(r1, "considering-bbis").number == "b)之二"
    resolves = clause(r1, "resolves")
    assert resolves.number is None
    assert resolves.block == "resolves"
    assert resolves.text_zh.startswith("上述“考虑到e)至l)”中提及的规定须根据本决议各条款")
    assert resolves.text_zh.endswith("（按此顺序）的规定。")
    assert all(c.span.end < start for c in r1.clauses)
    assert r1.span.end == 1609  # the resolution still spans its sections and appendices


def test_resolution_101_blocks_and_addressees(res: dict[int, Resolution]) -> None:
    r = res[101]
    instructs = [c for c in r.clauses if c.block == "instructs"]
    assert [c.key for c in instructs] == [
        "instructs-1.1", "instructs-1.2", "instructs-2", "instructs-3.1", "instructs-3.2", "instructs-3.3",
    ]  # fmt: skip
    assert instructs[0].heading_zh == "做出决议，责成国际电联电信标准化部门各研究组在其职权范围内"
    assert instructs[0].addressees_zh == ("国际电联电信标准化部门各研究组",)
    assert instructs[2].heading_zh == "责成电信标准化局主任"
    assert instructs[2].number is None
    assert instructs[2].addressees_zh == ("电信标准化局主任",)
    assert instructs[3].addressees_zh == ("电信标准化局主任",)
    assert instructs[3].collaborators_zh == ("秘书长", "电信发展局主任", "无线电通信局主任")
    assert instructs[5].text_zh == "就如何在电信/ICT领域实施AI国际标准特别向发展中国家提供技术指导，"
    invites = clause(r, "invites-1")
    assert invites.heading_zh == "请国际电联成员国、部门成员、部门准成员和学术成员"
    assert invites.addressees_zh == ("成员国", "部门成员", "部门准成员", "学术成员")
    assert clause(r, "considering").text_zh.startswith("AI技术的发展和许多用例")


def test_sub_items_have_parent_keys(res: dict[int, Resolution]) -> None:
    r18 = res[18]
    assert clause(r18, "resolves-2").text_zh == "如认为任何两个或所有部门对某一问题均负有相当责任，则："
    sub = clause(r18, "resolves-2.i")
    assert (sub.number, sub.parent_key, sub.text_zh) == ("i)", "resolves-2", "应采用本决议附件A中的程序；或")
    assert clause(r18, "resolves-2.iii").parent_key == "resolves-2"
    assert clause(res[20], "instructs-1.1.ii").parent_key == "instructs-1.1"
    # "i)" after "h)" is a letter, not a roman numeral
    assert clause(res[1], "considering-i").number == "i)"


def test_intro_text_then_items(res: dict[int, Resolution]) -> None:
    r72 = res[72]
    intro = clause(r72, "resolves")
    assert intro.text_zh.startswith("请ITU-T，尤其是ITU-T第5研究组在其职能范围内")
    assert intro.text_zh.endswith("不局限于此：")
    assert clause(r72, "resolves-x").parent_key == "resolves"
    assert clause(res[54], "calls-upon-iii").heading_zh == "呼吁电信标准化局主任"


def test_bullets_stay_in_their_item(res: dict[int, Resolution]) -> None:
    item = clause(res[7], "resolves-8")
    assert item.text_zh.split("\n") == [
        "要求ITU-T各研究组主席考虑到ISO、IEC和ISO/IEC JTC 1的相关工作计划和项目进展，"
        "并以适当和平衡的方式与这些组织尽可能广泛地开展合作，以便：",
        "• 确保联合起草的技术规范协调一致；",
        "• 在均感兴趣的领域协作起草其它技术规范；",
    ]


def test_wrapped_block_headings(res: dict[int, Resolution]) -> None:
    sg = [c for c in res[78].clauses if "第20和21研究组" in (c.heading_zh or "")]
    assert (sg[0].heading_zh or "").endswith(
        "与相关研究组（尤其是国际电联电信标准化部门第11和第17研究组）协作"
    )
    assert sg[0].addressees_zh == ("第20研究组", "第21研究组")
    assert sg[0].collaborators_zh == ("相关研究组", "第11研究组", "第17研究组")
    r98 = [c for c in res[98].clauses if "第20、17和2研究组" in (c.heading_zh or "")]
    assert (r98[0].heading_zh or "").endswith("第2号决议规定的工作范围和职权")
    assert r98[0].addressees_zh == ("第20研究组", "第17研究组", "第2研究组")
    assert r98[0].text_zh.startswith("制定关于安全、隐私、信任和识别标准的ITU-T建议书")


def test_annexes(res: dict[int, Resolution]) -> None:
    assert [c.key for c in res[2].clauses if c.block == "annex"] == ["annex-A", "annex-B", "annex-C"]
    annex_c = clause(res[2], "annex-C").title_zh
    assert annex_c == "2025-2028年研究期内国际电联电信标准化部门各研究组和电信标准化顾问组负责的建议书清单"
    assert clause(res[2], "resolves-5").text_zh.endswith("开展工作。")  # the annexes are not swallowed
    a18 = clause(res[18], "annex-B")
    assert a18.title_zh == "通过跨部门协调组协调无线电通信、标准化和发展活动"
    items = [c.key for c in res[18].clauses if c.parent_key == "annex-B"]
    assert items == [f"annex-B.{x}" for x in "abcdefghi"]
    annex67 = [c.key for c in res[67].clauses if c.block == "annex"]
    assert annex67 == ["annex", "annex-1", "annex-2", "annex-3", "annex-4"]
    assert clause(res[67], "annex").title_zh == "词汇标准化委员会的职责范围"
    attachment = clause(res[29], "attachment")
    assert attachment.heading_zh == "后附资料"
    assert attachment.text_zh.endswith("均应由ITU-T第2研究组定义并记录在适当的ITU-T建议书中。")
    assert clause(res[29], "invites-3").text_zh.endswith("最佳做法。")
    whole = clause(res[44], "annex")
    assert whole.title_zh == "实施全权代表大会第123号决议（2022年，布加勒斯特，修订版）的行动计划"
    assert whole.text_zh.startswith("一 项目1：提高标准制定能力\n1) 目标\n")


def test_footnotes_are_kept_out_of_clause_text(res: dict[int, Resolution]) -> None:
    assert clause(res[2], "considering-d").text_zh.endswith("根据电信市场的变化重组并成立ITU-T研究组，")
    # footnote 2 right after the item
    assert clause(res[34], "resolves-3").text_zh.endswith("将由自愿捐赠资助的项目和其它举措。")
    # an item at a page end, not a footnote (it continues the numbering)
    assert clause(res[7], "resolves-11").text_zh.endswith("（包括ISO/IEC JTC 1）为另一方的协调。")
    # a footnote with a blank line inside
    assert "由联合国开发计划署确定" not in clause(res[74], "recognizing-a").text_zh
    for r in res.values():
        for c in r.clauses:
            assert not FOOTNOTE_TEXT.search(c.text_zh), (r.number, c.key)


def test_every_resolution_has_an_operative_block(res: dict[int, Resolution]) -> None:
    for r in res.values():
        assert r.clauses, r.number
        assert any(c.block in OPERATIVE_KINDS for c in r.clauses), r.number


def test_clause_text_is_clean(res: dict[int, Resolution], opinions: list[Opinion]) -> None:
    for r in documents(res, opinions):
        for c in r.clauses:
            assert c.text_zh, (r.number, c.key)
            assert c.text_zh == c.text_zh.strip(), (r.number, c.key)
            assert "\n\n" not in c.text_zh, (r.number, c.key)
            assert "WTSA-24会议录" not in c.text_zh, (r.number, c.key)
            assert not re.search(r"^\s*\d{1,3}\s*$", c.text_zh, re.M), (r.number, c.key)  # a page number
            assert not re.search(r"（第\d+号决议（[^（）]+））", c.text_zh), (r.number, c.key)


def test_keys_unique_and_parents_known(res: dict[int, Resolution], opinions: list[Opinion]) -> None:
    for r in documents(res, opinions):
        keys = [c.key for c in r.clauses]
        assert len(keys) == len(set(keys)), r.number
        for i, c in enumerate(r.clauses):
            assert c.parent_key is None or c.parent_key in keys[:i], (r.number, c.key)


def test_blocks_and_headings_come_from_the_table(res: dict[int, Resolution]) -> None:
    kinds = set(BLOCK_KINDS.values()) | {"annex", "attachment"}
    for r in res.values():
        for c in r.clauses:
            assert c.block in kinds
            assert c.heading_zh is not None
            if c.block not in ("annex", "attachment"):
                verbs = [v for v in BLOCK_KINDS if c.heading_zh.startswith(v)]
                assert verbs, (r.number, c.heading_zh)
                # a heading names addressees iff it is more than its verb ("做出决议，责成" is bare)
                named = c.heading_zh not in (*BLOCK_KINDS, "做出决议，责成")
                assert bool(c.addressees_zh) == named, c.heading_zh
    firsts = [c.block for r in res.values() for c in r.clauses if c.number in (None, "a)", "1")]
    counts = {k: firsts.count(k) for k in ("considering", "recognizing", "noting", "recalling")}
    assert counts == {"considering": 57, "recognizing": 53, "noting": 49, "recalling": 37}


def test_spans(src: Source, all_resolutions: list[Resolution]) -> None:
    starts = [r.span.start for r in all_resolutions]
    assert starts == sorted(starts)
    for before, after in itertools.pairwise(all_resolutions):
        assert before.span.end < after.span.start
    for r in all_resolutions:
        assert r.span.file == MAIN_FILE
        assert 1 <= r.span.start <= r.span.end <= len(src)
        assert src.printed(
            r.span.end
        ).strip()  # the last line printed (a footnote's, maybe), not the noise after
        assert src.text(r.span.start) == r.heading_zh or src.text(r.span.start).startswith(r.heading_zh)
        last = 0
        for c in r.clauses:
            assert r.span.start < c.span.start <= c.span.end <= r.span.end, (r.number, c.key)
            in_order = c.span.start >= last or c.block in ("annex", "attachment") or c.parent_key
            assert in_order, (r.number, c.key)
            last = c.span.start


def test_no_body_line_is_lost(src: Source, res: dict[int, Resolution]) -> None:
    """Every line of a body is in a clause, a block heading or a closing line (footnotes are taken out)."""
    for r in res.values():
        preamble = src.find(r"^世界电信标准化全会（[^（）]+）[，,]$", r.span.start, r.span.end)
        assert preamble is not None
        end = resolution1_sections_start(src) - 1 if r.number == 1 else r.span.end
        covered = {n for c in r.clauses for n in range(c.span.start, c.span.end + 1)}
        headings = "".join(c.heading_zh or "" for c in r.clauses)
        body = list(src.lines(preamble.number + 1, end))
        lost = [
            i
            for i, line in enumerate(body)
            if line.number not in covered
            and line.text not in headings
            and not re.fullmatch(r"（第\d+号决议（[^（）]+））", line.text)
        ]
        assert lost == [], (r.number, [body[i] for i in lost])


def test_resolution_7_same_from_both_files(res: dict[int, Resolution]) -> None:
    alone = parse_resolution7_alone(load_proceedings(SOURCES / RES7_FILE))
    main = res[7]
    assert alone.span.file == RES7_FILE
    assert main.span.file == MAIN_FILE
    assert (alone.heading_zh, alone.title_zh, alone.history) == (main.heading_zh, main.title_zh, main.history)
    assert [c.key for c in alone.clauses] == [c.key for c in main.clauses]
    assert [c.text_zh for c in alone.clauses] == [c.text_zh for c in main.clauses]
    assert [(c.number, c.block, c.heading_zh, c.parent_key) for c in alone.clauses] == [
        (c.number, c.block, c.heading_zh, c.parent_key) for c in main.clauses
    ]
    assert len(main.clauses) == 33
    assert main.clauses[-1].key == "resolves-11"


# --------------------------------------------------------------------------- addressees


MEMBERS = ("成员国", "部门成员", "部门准成员", "学术成员")
ADDRESSEES = {
    "第13、17和20研究组": ("第13研究组", "第17研究组", "第20研究组"),
    "成员国、部门成员和部门准成员": MEMBERS[:3],
    "电信标准化局主任与秘书长以及电信发展局和无线电通信局主任协作": ("电信标准化局主任",),
    "国际电联电信标准化部门第20和21研究组，各自根据其职责，与相关研究组（尤其是国际电联电信标准化部门第11和第17研究组）协作": (
        "第20研究组", "第21研究组"
    ),
    "电信标准化局、无线电通信局和电信发展局主任": ("电信标准化局主任", "无线电通信局主任", "电信发展局主任"),
    "国际电联电信标准化部门第17研究组": ("第17研究组",),
    "ITU-T第13、20和21研究组各自在其职权内": ("第13研究组", "第20研究组", "第21研究组"),
    "成员国、部门成员、部门准成员和学术成员，酌情": MEMBERS,
    "各成员国，部门成员、部门准成员和相关学术成员": (*MEMBERS[:3], "相关学术成员"),
    "成员国、部门成员部门准成员和学术成员": MEMBERS,  # a "、" missing in the source
    "相关研究组，尤其是国际电联电信标准化部门第13研究组": ("相关研究组", "第13研究组"),
    "国际电联理事会财务和人力资源工作组": ("国际电联理事会财务和人力资源工作组",),
    "发达国家和发展中国家的部门成员、部门准成员（包括中小企业）": (
        "发达国家和发展中国家的部门成员", "部门准成员"
    ),
    "": (),
}  # fmt: skip


@pytest.mark.parametrize("rest", sorted(ADDRESSEES))
def test_addressees(rest: str) -> None:
    assert addressees(rest) == ADDRESSEES[rest]


COLLABORATORS = {
    "电信标准化局主任与秘书长以及电信发展局和无线电通信局主任协作": ("秘书长", "电信发展局主任", "无线电通信局主任"),
    "国际电联电信标准化部门第20和21研究组，各自根据其职责，与相关研究组（尤其是国际电联电信标准化部门第11和第17研究组）协作": (
        "相关研究组", "第11研究组", "第17研究组"
    ),
    "第13、17和20研究组": (),
    "相关研究组，尤其是国际电联电信标准化部门第13研究组": (),
}  # fmt: skip


@pytest.mark.parametrize("rest", sorted(COLLABORATORS))
def test_collaborators_are_not_addressees(rest: str) -> None:
    assert collaborators(rest) == COLLABORATORS[rest]
