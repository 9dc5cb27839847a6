"""Resolution 2 annexes (mandates, lead roles, guidance, Annex C) against the real source."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from itut_kb.extract import mandates
from itut_kb.extract.mandates import (
    parse_annex_c,
    parse_general_areas,
    parse_guidance,
    parse_lead_roles,
    parse_resolution2_groups,
)
from itut_kb.extract.proceedings import load_proceedings
from itut_kb.extract.source import MAIN_FILE, Source

SOURCE = Path(__file__).resolve().parents[2] / "data" / "source" / MAIN_FILE

STUDY_GROUPS = ["SG2", "SG3", "SG5", "SG11", "SG12", "SG13", "SG15", "SG17", "SG20", "SG21"]
LEAD_ROLE_COUNTS = {
    "SG2": 11, "SG3": 3, "SG5": 5, "SG11": 4, "SG12": 3,
    "SG13": 4, "SG15": 3, "SG17": 3, "SG20": 4, "SG21": 9,
}  # fmt: skip
ANNEX_C_COUNTS = {
    "SG2": 11, "SG3": 4, "SG5": 2, "SG11": 4, "SG12": 7, "SG13": 6,
    "SG15": 10, "SG17": 5, "SG20": 5, "SG21": 10, "TSAG": 1,
}  # fmt: skip
NOISE = ("WTSA-24会议录", "（第2号决议")


@pytest.fixture(scope="module")
def src() -> Source:
    if not SOURCE.exists():
        pytest.skip(f"source text missing: {SOURCE}")
    return load_proceedings(SOURCE)


@pytest.fixture(scope="module")
def bounds(src: Source):
    return mandates.resolution2_bounds(src)


@pytest.fixture(scope="module")
def annex_c(src: Source):
    return parse_annex_c(src)


def _entry(annex_c, group: str, ordinal: int) -> str:
    entries, _ = annex_c
    return next(e.text_zh for e in entries if e.group == group and e.ordinal == ordinal)


def _without_span(record) -> tuple:
    return tuple(v for k, v in vars(record).items() if k != "span")


# --- boundaries ----------------------------------------------------------------------------


def test_bounds_found_from_text_in_order(src: Source, bounds) -> None:
    assert src.text(bounds.res_start) == "第2号决议（2024年，新德里，修订版）"
    assert bounds.res_start < bounds.part1 < bounds.part2 < bounds.annex_b < bounds.annex_c < bounds.res_end
    assert src.text(bounds.res_end + 1).startswith("第7号决议（")


def test_parsers_do_not_depend_on_line_numbers(src: Source) -> None:
    """The same records come out of a source shifted by 37 lines, spans shifted alike."""
    shift = 37
    shifted = Source(src.name, [""] * shift + [src.raw(n) for n in range(1, len(src) + 1)])
    for parse in (parse_lead_roles, parse_general_areas, parse_guidance, parse_resolution2_groups):
        original, moved = parse(src), parse(shifted)
        assert [_without_span(r) for r in original] == [_without_span(r) for r in moved]
        assert [r.span.start + shift for r in original] == [r.span.start for r in moved]
    assert [e.text_zh for e in parse_annex_c(src)[0]] == [e.text_zh for e in parse_annex_c(shifted)[0]]


# --- Annex A part 1 ------------------------------------------------------------------------


def test_general_areas_per_group(src: Source) -> None:
    areas = parse_general_areas(src)
    assert [a.group for a in areas] == STUDY_GROUPS
    titles = {a.group: a.title_zh for a in areas}
    assert titles["SG2"] == "电信和ICT的运营方面"
    assert titles["SG17"] == "安全"
    assert titles["SG21"] == "多媒体、内容交付和有线电视技术"
    for area in areas:
        assert area.text_zh.strip()
        assert all(line.strip() for line in area.text_zh.split("\n"))
        assert not any(noise in area.text_zh for noise in NOISE)
        assert area.title_zh not in area.text_zh.split("\n")
        assert src.text(area.span.start) == f"ITU-T第{area.group[2:]}研究组"


def test_general_area_bullets_on_their_own_lines(src: Source) -> None:
    sg2 = next(a for a in parse_general_areas(src) if a.group == "SG2")
    lines = sg2.text_zh.split("\n")
    assert lines[0].startswith("ITU-T第2研究组负责与电信和ICT运营方面有关的研究，这包括与管理")
    assert lines[0].endswith("包括以下各方面：")
    assert [line for line in lines if line.startswith("•")] == lines[1:]
    assert len(lines) == 10
    assert lines[-1] == "• 应急通信服务的提供。"
    # a bullet wrapped across a page break (running header and page number in between)
    assert lines[2].startswith("• 部署NNAI的要求")
    assert lines[2].endswith("业务的发展；")


def test_general_area_paragraphs_and_numbered_items(src: Source) -> None:
    areas = {a.group: a.text_zh.split("\n") for a in parse_general_areas(src)}
    sg17 = areas["SG17"]
    assert sg17[0].endswith("增强使用电信/ICT的信心，安全性和可信度。")
    assert sg17[1].startswith("通过ICT提供安全性和确保ICT的安全")
    assert sg17[-1].startswith("开放系统互连（OSI）和技术语言：")
    assert len(sg17) == 11
    sg5 = areas["SG5"]
    assert [line[:2] for line in sg5 if line[:1].isdigit()] == ["1)", "2)", "3)", "4)", "5)"]
    assert (
        sg5[-1]
        == "ITU-T第5研究组负责研究如何根据可持续发展目标（SDG）使用新的和新兴电信/ICT技术以应对环境挑战。"
    )


def test_general_area_page_start_heading_and_wrap_without_space(src: Source) -> None:
    areas = {a.group: a for a in parse_general_areas(src)}
    assert src.raw(areas["SG5"].span.start).startswith(" ITU-T第5研究组")  # page-start space
    assert "如何实现AI系统和基于AI的应用的安全性" in areas["SG17"].text_zh  # "基于 " / "AI的"
    assert "注3 – 1996年ITU-T第16研究组成立时" in areas["SG21"].text_zh


def test_resolution2_group_titles(src: Source) -> None:
    groups = parse_resolution2_groups(src)
    assert [g.group for g in groups] == STUDY_GROUPS
    areas = parse_general_areas(src)
    assert [g.title_zh for g in groups] == [a.title_zh for a in areas]
    for group in groups:
        assert group.span.end > group.span.start
        assert src.text(group.span.end) == group.title_zh


# --- Annex A part 2 ------------------------------------------------------------------------


def test_lead_role_counts(src: Source) -> None:
    roles = parse_lead_roles(src)
    assert len(roles) == 49
    assert Counter(r.group for r in roles) == LEAD_ROLE_COUNTS
    for group, count in LEAD_ROLE_COUNTS.items():
        assert [r.ordinal for r in roles if r.group == group] == list(range(1, count + 1))


def test_lead_role_texts(src: Source) -> None:
    roles = {(r.group, r.ordinal): r for r in parse_lead_roles(src)}
    assert roles[("SG2", 1)].text_zh == "有关编号、命名、寻址和标识的领导研究组"
    assert roles[("SG17", 1)].text_zh == "有关安全的领导研究组"
    sg5 = roles[("SG5", 5)]
    assert sg5.text_zh == "有关与环境、能源效率、清洁能源和气候行动可持续数字化相关的ICT的领导研究组"
    assert sg5.span.end > sg5.span.start
    assert roles[("SG11", 2)].text_zh == (
        "有关制定用于ITU-T所有研究组研究和标准化所涉各类网络、技术和业务的测试规范、一致性和互操作性测试的领导研究组"
    )
    sg12 = roles[("SG12", 1)]  # printed at a page start: " 第12研究组 有关…"
    assert src.raw(sg12.span.start).startswith(" 第12研究组")
    assert sg12.text_zh == "有关服务质量和体验质量的领导研究组"
    assert roles[("SG21", 9)].text_zh == "有关包括元宇宙在内的沉浸式多媒体技术的领导研究组"


def test_lead_roles_clean(src: Source) -> None:
    for role in parse_lead_roles(src):
        assert role.text_zh.startswith("有关")
        assert role.text_zh.endswith("领导研究组")
        assert "研究组 " not in role.text_zh
        assert not role.text_zh.startswith("第")
        assert not any(noise in role.text_zh for noise in NOISE)


# --- Annex B -------------------------------------------------------------------------------


def test_guidance_introduction_and_groups(src: Source) -> None:
    texts = parse_guidance(src)
    assert [t.group for t in texts] == [None, *STUDY_GROUPS]
    intro = texts[0].text_zh.split("\n")
    assert intro[0] == "ITU-T研究组制定2024年之后工作计划的指导要点"
    assert intro[1].startswith("B.1 本附件为")
    assert intro[1].endswith("但无意列出所有的职责。")
    assert intro[2].startswith("B.2 必要时本附件")
    assert intro[2].endswith("并协调ITU-T的整体工作计划。")
    assert len(intro) == 3
    for text in texts:
        assert text.text_zh.strip()
        assert not any(noise in text.text_zh for noise in NOISE)


def test_guidance_leaves_footnotes_out(src: Source) -> None:
    texts = {t.group: t.text_zh for t in parse_guidance(src)}
    assert "发展中国家提供帮助" in texts["SG11"]  # the marker of footnote 5 is out of the text
    assert "这些国家包括最不发达国家" not in texts["SG11"]
    assert "此术语的一些相关方面" not in texts["SG20"]
    assert texts["SG20"].split("\n")[-1] == "• IoT和SSC&C标准的数据库维护。"
    # the page break (running header, page number) inside SG3's text is gone
    assert "前瞻性" in texts["SG3"]


# --- Annex C -------------------------------------------------------------------------------


def test_annex_c_counts_and_ordinals(annex_c) -> None:
    entries, _ = annex_c
    assert len(entries) == 65
    assert Counter(e.group for e in entries) == ANNEX_C_COUNTS
    for group, count in ANNEX_C_COUNTS.items():
        assert [e.ordinal for e in entries if e.group == group] == list(range(1, count + 1))


def test_annex_c_texts(annex_c) -> None:
    assert _entry(annex_c, "SG17", 1) == "ITU-T D.267（与ITU-T第3研究组共同负责）"
    assert _entry(annex_c, "SG13", 5) == (
        "ITU-T X.1 – ITU-T X.25、ITU-T X.28 – ITU-T X.49、ITU-T X.60 – ITU-T X.84、ITU-T X.90 – ITU-T X.159、"
        "ITU-T X.180 – ITU-T X.199、ITU-T X.272、ITU-T X.300系列"
    )
    assert _entry(annex_c, "SG21", 3) == (
        "ITU-T G.160系列、ITU T G.710、ITU-T G.729（ITU-T G.712除外）、ITU-T G.760系列（包括ITU-T "
        "G.769/Y.1242）、ITU-T G.776.1、ITU-T G.799.1/Y.1451.1、ITU-T G.799.2、ITU-T G.799.3"
    )
    assert _entry(annex_c, "SG20", 5) == (
        "ITU-T Y.4000系列、ITU-T Y.2016、ITU-T Y.2026、ITU-T Y.2060 – ITU-T Y.2070、ITU-T Y.2074 – "
        "ITU-T Y.2078、ITU-T Y.2213、ITU-T Y.2221、ITU-T Y.2238、ITU-T Y.2281和ITU-T Y.2291"
    )
    assert _entry(annex_c, "SG5", 2) == (
        "ITU-T L.1 – ITU-T L.9、ITU-T L.18 – ITU-T L.24、ITU-T L.32、ITU-T L.33、ITU-T L.71、ITU-T L.75、"
        "ITU-T L.76、ITU-T L.1000系列"
    )
    assert _entry(annex_c, "SG21", 1) == (
        "ITU-T E.120 – ITU-T E.139（ITU-T E.129除外）、ITU-T E.161、ITU-T E.180系列、ITU-T E.330系列、"
        "ITU-T E.340系列"
    )
    assert _entry(annex_c, "SG2", 2) == "ITU-T F系列，ITU-T第13、17和21研究组负责的建议书除外"  # page start
    assert _entry(annex_c, "SG21", 10) == "ITU-T X.26/V.10和ITU-T X.27/V.11"
    assert _entry(annex_c, "TSAG", 1) == "ITU-T A系列建议书"


def test_annex_c_note_is_not_an_entry(annex_c) -> None:
    entries, notes = annex_c
    assert [(n.group, n.text_zh) for n in notes] == [
        ("SG20", "注 – 由其它ITU-T研究组转入的建议书在Y.4000系列中含有双编号。")
    ]
    assert not any(e.text_zh.startswith("注") for e in entries)


def test_annex_c_entries_clean(annex_c) -> None:
    entries, _ = annex_c
    for entry in entries:
        assert entry.text_zh.strip()
        assert entry.text_zh == entry.text_zh.strip()
        assert entry.text_zh.startswith("ITU")
        assert not any(noise in entry.text_zh for noise in NOISE)
        assert "研究组和电信标准化顾问组负责的建议书清单" not in entry.text_zh
        assert "决议" not in entry.text_zh


def test_annex_c_wraps_agree_with_trailing_space(src: Source, annex_c) -> None:
    """Independent check of the continuation rule: in Annex C the PDF text leaves a trailing
    space exactly on the physical lines that wrap, and on no line that ends an entry."""
    entries, notes = annex_c
    for record in [*entries, *notes]:
        content = [line.number for line in src.lines(record.span.start, record.span.end)]
        assert content[0] == record.span.start
        assert content[-1] == record.span.end
        assert all(src.raw(n) != src.raw(n).rstrip() for n in content[:-1]), record
        assert src.raw(content[-1]) == src.raw(content[-1]).rstrip(), record


@pytest.mark.parametrize(
    ("line", "continues"),
    [
        ("ITU-T X.90 – ITU-T X.159、ITU-T ", True),
        ("ITU-T L.71、ITU-T L.75、 ", True),
        ("ITU-T G.799.1/Y.1451.1、ITU-T G.760系列（包括ITU-T", True),
        ("ITU-T E.120 – ITU-T E.139（ITU-T E.129除外", True),
        ("ITU-T Y.2281和", True),
        ("ITU-T Y.2060 –", True),
        ("ITU T", True),
        ("ITU-T D.267（与ITU-T第3研究组共同负责）", False),
        ("ITU-T X.26/V.10和ITU-T X.27/V.11", False),
        ("ITU-T A系列建议书", False),
    ],
)
def test_continuation_rule(line: str, continues: bool) -> None:
    assert mandates._continues(line) is continues


# --- spans ---------------------------------------------------------------------------------


def test_spans_valid_and_inside_resolution2(src: Source, bounds, annex_c) -> None:
    entries, notes = annex_c
    records = [
        *parse_general_areas(src),
        *parse_lead_roles(src),
        *parse_guidance(src),
        *parse_resolution2_groups(src),
        *entries,
        *notes,
    ]
    for record in records:
        span = record.span
        assert span.file == MAIN_FILE
        assert bounds.res_start <= span.start <= span.end <= bounds.res_end
        assert not src.is_noise(span.start)
        assert not src.is_noise(span.end)
    for entry in entries:
        assert bounds.annex_c < entry.span.start
    for role in parse_lead_roles(src):
        assert bounds.part2 < role.span.start
        assert role.span.end < bounds.annex_b
