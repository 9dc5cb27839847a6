"""The chairs and vice-chairs (management section), against the real proceedings."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from itut_kb.extract.management import (
    HONORIFICS,
    duplicate_post_rows,
    parse_management_groups,
    parse_posts,
    split_honorific,
)
from itut_kb.extract.model import Post
from itut_kb.extract.proceedings import load_proceedings
from itut_kb.extract.source import MAIN_FILE, Source

SOURCE = Path(__file__).resolve().parents[2] / "data" / "source" / MAIN_FILE

GROUPS = ["TSAG", "SG2", "SG3", "SG5", "SG11", "SG12", "SG13", "SG15", "SG17", "SG20", "SG21", "SCV"]
COUNTS = {
    "TSAG": 11, "SG2": 14, "SG3": 13, "SG5": 13, "SG11": 12, "SG12": 13,
    "SG13": 14, "SG15": 10, "SG17": 13, "SG20": 15, "SG21": 12, "SCV": 7,
}  # fmt: skip


@pytest.fixture(scope="module")
def main_source() -> Source:
    return load_proceedings(SOURCE)


@pytest.fixture(scope="module")
def posts(main_source: Source) -> list[Post]:
    return parse_posts(main_source)


def _find(posts: list[Post], group: str, holder: str | None, role_zh: str | None = None) -> Post:
    found = [p for p in posts if p.group == group and p.holder == holder and role_zh in (None, p.role_zh)]
    assert len(found) == 1, found
    return found[0]


def test_counts_per_group(posts: list[Post]) -> None:
    assert len(posts) == 147
    assert dict(Counter(p.group for p in posts)) == COUNTS


def test_groups_in_order(posts: list[Post]) -> None:
    assert list(dict.fromkeys(p.group for p in posts)) == GROUPS


def test_every_group_has_exactly_one_chair(posts: list[Post]) -> None:
    chairs = Counter(p.group for p in posts if p.role == "chair")
    assert chairs == dict.fromkeys(GROUPS, 1)


def test_roles_match_printed_roles(posts: list[Post]) -> None:
    for post in posts:
        expected = "vice-chair" if post.role_zh.startswith("副主席") else "chair"
        assert post.role == expected
        assert post.role_zh.startswith(("主席", "副主席"))


def test_sg2_chair(posts: list[Post]) -> None:
    chair = _find(posts, "SG2", "Ena DEKANIC女士")
    assert (chair.role, chair.role_zh, chair.member_state_zh) == ("chair", "主席", "美国")
    assert (chair.span.file, chair.span.start, chair.span.end) == (MAIN_FILE, 20218, 20218)


def test_chinese_names_keep_their_honorific_as_printed(posts: list[Post]) -> None:
    deng = _find(posts, "SG2", "邓桓 先生")
    assert (deng.role, deng.member_state_zh) == ("vice-chair", "中国")
    luo = _find(posts, "SG21", "罗忠（Noah） 先生")
    assert (luo.role, luo.member_state_zh) == ("chair", "中国")


def test_member_states_without_spaces(posts: list[Post]) -> None:
    uae = _find(posts, "TSAG", "Jasim Ali BOUSAIBAH AL ALI先生")
    assert uae.member_state_zh == "阿拉伯联合酋长国"
    assert _find(posts, "SG20", "Mars SYDYKOV先生").member_state_zh == "吉尔吉斯共和国"
    assert _find(posts, "SG2", "Inseop LEE先生").member_state_zh == "大韩民国"


# Rows wrapped over lines in the source: (group, holder as joined, member state, first line, last line).
WRAPPED_ROWS = [
    ("SG3", "Danilo CAIXETA CARVALHO先生", "巴西", 20263, 20266),
    ("SG11", "Kofi Ntim YEBOAH-KORDIEH先生", "加纳", 20319, 20322),
    ("SG11", "Mohsene Abdelfettah TEBBI先生", "阿尔及利亚", 20332, 20333),
    ("SG12", "Tania VILLA TRÁPALA女士", "墨西哥", 20343, 20346),
    ("SG12", "Hossam ABD EL MAOULA SAKER先生", "埃及", 20364, 20367),
    ("SG13", "João Alexandre Moncaio ZANON先生", "巴西", 20394, 20395),
    ("SG17", "Samir GABER ABD EL GAWAD先生", "埃及", 20452, 20455),
]


def test_wrapped_rows(posts: list[Post]) -> None:
    multi_line = [
        (p.group, p.holder, p.member_state_zh, p.span.start, p.span.end)
        for p in posts
        if p.span.end > p.span.start
    ]
    assert multi_line == WRAPPED_ROWS


def test_scv(posts: list[Post]) -> None:
    scv = [p for p in posts if p.group == "SCV"]
    assert [(p.role_zh, p.holder, p.member_state_zh) for p in scv] == [
        ("主席（法文）", "Rim BELHAJ女士", "突尼斯"),
        ("副主席（中文）", "程莹 女士", "中国"),
        ("副主席（英文）", "Hemendra SHARMA先生", "印度"),
        ("副主席（英文）", "Yvonne UMUTONI女士", "卢旺达"),
        ("副主席（阿拉伯文）", "Mohamed RASLAN先生", "埃及"),
        ("副主席（俄文）", None, None),
        ("副主席（西班牙文）", None, None),
    ]


def test_vacancies_are_only_in_scv(posts: list[Post]) -> None:
    vacant = [p for p in posts if p.holder is None]
    assert [(p.group, p.role) for p in vacant] == [("SCV", "vice-chair"), ("SCV", "vice-chair")]
    assert all(p.member_state_zh is None for p in vacant)


def test_tsag_chair_once_and_duplicate_reported(main_source: Source, posts: list[Post]) -> None:
    tsag_chairs = [p for p in posts if p.group == "TSAG" and p.role == "chair"]
    assert len(tsag_chairs) == 1
    chair = tsag_chairs[0]
    assert (chair.holder, chair.member_state_zh) == ("Abdurahman AL HASSAN先生", "沙特阿拉伯")
    assert chair.span.start == 20190
    assert duplicate_post_rows(main_source) == [20212]
    assert main_source.text(20212) == "TSAG Abdurahman AL HASSAN先生 沙特阿拉伯 主席"


def test_no_holder_twice_in_a_group(posts: list[Post]) -> None:
    held = Counter((p.group, p.holder) for p in posts if p.holder is not None)
    assert max(held.values()) == 1


def test_holders_and_states_are_clean(posts: list[Post]) -> None:
    for post in posts:
        if post.holder is not None:
            assert post.holder == post.holder.strip()
            assert post.holder.endswith(("先生", "女士")), post
            assert post.member_state_zh is not None
            assert " " not in post.member_state_zh


@pytest.mark.parametrize(
    ("printed", "name", "honorific"),
    [
        ("Arnaud TADDEI先生", "Arnaud TADDEI", "先生"),
        ("魏亮 先生", "魏亮", "先生"),
        ("Ena DEKANIC女士", "Ena DEKANIC", "女士"),
        ("Tania VILLA TRÁPALA女士", "Tania VILLA TRÁPALA", "女士"),  # "女士" wrapped to the next line
        ("罗忠（Noah） 先生", "罗忠（Noah）", "先生"),
    ],
)
def test_the_honorific_is_split_off_the_name(
    posts: list[Post], printed: str, name: str, honorific: str
) -> None:
    (post,) = [p for p in posts if p.holder == printed]
    assert (post.name, post.honorific_zh) == (name, honorific)


def test_every_holder_has_a_name_and_an_honorific_and_a_vacancy_neither(posts: list[Post]) -> None:
    for post in posts:
        if post.holder is None:
            assert (post.name, post.honorific_zh) == (None, None)
        else:
            assert post.honorific_zh in HONORIFICS
            assert post.name, post
            assert not post.name.endswith(HONORIFICS), post
            assert post.holder.replace(" ", "") == (post.name + post.honorific_zh).replace(" ", "")


def test_a_holder_without_an_honorific_stops_the_build() -> None:
    with pytest.raises(ValueError, match="honorific"):
        split_honorific("Arnaud TADDEI", "here")


def test_spans_valid(main_source: Source, posts: list[Post]) -> None:
    for post in posts:
        assert post.span.file == MAIN_FILE
        assert post.span.start <= post.span.end
        assert main_source.text(post.span.start).startswith(post.group + " ")
        assert main_source.text(post.span.end).endswith(post.role_zh)


def test_group_titles(posts: list[Post], main_source: Source) -> None:
    titles = parse_management_groups(main_source)
    assert [t.group for t in titles] == GROUPS
    by_group = {t.group: t for t in titles}
    assert by_group["TSAG"].title_zh == "电信标准化顾问组"
    assert by_group["SG2"].title_zh == "电信和ICT的运营方面"
    assert by_group["SG17"].title_zh == "安全"
    assert by_group["SCV"].title_zh == "词汇标准化委员会"
    assert by_group["SG21"].title_zh == "多媒体、内容交付和有线电视技术"
    assert all(t.span.start == t.span.end for t in titles)
    assert by_group["SG2"].span.start == 20214


# Synthetic sources: the checks the real source passes must be able to fail.


def _synthetic(*rows: str) -> Source:
    head = ["国际电联电信标准化研究组以及词汇标准化委员会正副主席", "第2研究组 – 运营", "组 名单 成员国 职位"]
    return Source("synthetic.txt", [*head, *rows, "1    第2研究组"])


def test_row_under_another_groups_heading_is_an_error() -> None:
    with pytest.raises(ValueError, match="SG3"):
        parse_posts(_synthetic("SG2 A B先生 美国 主席", "SG3 C D女士 法国 副主席"))


def test_bad_role_is_an_error() -> None:
    with pytest.raises(ValueError, match="主席"):
        parse_posts(_synthetic("SG2 A B先生 美国 秘书"))


def test_synthetic_duplicate_and_wrap() -> None:
    src = _synthetic("SG2 A B先生 美国 主席", "SG2 Long", "NAME女士", "法国 副主席", "SG2 A B先生 美国 主席")
    posts = parse_posts(src)
    assert [(p.holder, p.member_state_zh, p.span.start, p.span.end) for p in posts] == [
        ("A B先生", "美国", 4, 4),
        ("Long NAME女士", "法国", 5, 7),
    ]
    assert duplicate_post_rows(src) == [8]
