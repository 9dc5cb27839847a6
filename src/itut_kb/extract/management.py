"""The chairs and vice-chairs of TSAG, the study groups and the SCV.

The section "国际电联电信标准化研究组以及词汇标准化委员会正副主席" is one table per group::

    第2研究组 – 电信和ICT的运营方面          <- heading ("TSAG – …", "词汇标准化委员会" for the SCV)
    组 名单 成员国 职位                     <- column header
    SG2 Ena DEKANIC女士 美国 主席           <- one row per post
    SG2 邓桓 先生 中国 副主席
    SCV 空缺 副主席（俄文）                  <- a vacancy

A row is split from the right: the last token is the post ("主席", "副主席（中文）"), the one
before it the member state (a Chinese name without spaces), the rest the holder as printed,
honorific included. A row may wrap over several lines ("SG3 Danilo CAIXETA CARVALHO" /
"先生" / "巴西 副主席"); its pieces are collected until the next row, heading or header.

The holder as printed ends with an honorific, glued to a Latin name ("Arnaud TADDEI先生") or after a
space following a Chinese one ("魏亮 先生"): the name is what comes before it. The list uses two,
:data:`HONORIFICS`; a holder without one stops the build, so that a new honorific is looked at.

Source anomalies handled here: the TSAG table prints its chair row a second time at its end;
a row repeating an earlier row of the same group exactly is dropped, and
:func:`duplicate_post_rows` reports the line numbers of the rows dropped. A row whose group
id disagrees with its table's heading is an error (none occurs in the proceedings).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from itut_kb.extract.model import GroupTitle, Post, Span
from itut_kb.extract.source import Line, Source, join_wrapped

SECTION_TITLE = "国际电联电信标准化研究组以及词汇标准化委员会正副主席"

# The section ends where Part V (the approved Questions) begins: "1    第2研究组".
_SECTION_END = re.compile(r"^\d+\s+第\d+研究组$")
_HEADING = re.compile(
    r"^(?:(?P<tsag>TSAG)|第(?P<sg>\d+)研究组)\s*–\s*(?P<title>\S.*)$|^(?P<scv>词汇标准化委员会)$"
)
_COLUMN_HEADER = ("组", "名单", "成员国", "职位")
_ROW_START = re.compile(r"^(?P<group>TSAG|SG\d+|SCV)\s+(?P<rest>\S.*)$")
_ROLE = re.compile(r"^(?P<vice>副)?主席(?:（[^（）]+）)?$")
_MEMBER_STATE = re.compile(r"^[\u4e00-\u9fff]+$")
_VACANCY = "空缺"
HONORIFICS = ("先生", "女士")  # every honorific of the management list (Mr, Ms)
_HONORIFIC = re.compile(rf"^(?P<name>.*?\S)\s*(?P<honorific>{'|'.join(HONORIFICS)})$")


@dataclass
class _Row:
    """The lines of one table row, wrapped pieces included, before splitting into cells."""

    group: str
    lines: list[Line]


def parse_posts(src: Source) -> list[Post]:
    """Every chair and vice-chair post, in source order, exact duplicate rows left out."""
    return _read_posts(src)[0]


def duplicate_post_rows(src: Source) -> list[int]:
    """Line numbers of rows dropped because they repeat an earlier row of the same table."""
    return _read_posts(src)[1]


def parse_management_groups(src: Source) -> list[GroupTitle]:
    """Each group's name as its table heading prints it ("电信和ICT的运营方面", "词汇标准化委员会")."""
    titles = []
    for line in src.lines(*section_range(src)):
        heading = _match_heading(line.text)
        if heading is not None:
            group, title = heading
            titles.append(GroupTitle(group, title, Span(src.name, line.number, line.number)))
    return titles


def section_range(src: Source) -> tuple[int, int]:
    """First and last line number of the management section."""
    title = src.require("^" + re.escape(SECTION_TITLE) + "$", f"the section title {SECTION_TITLE!r}")
    end = src.require(_SECTION_END, "the Questions heading after the management section", title.number + 1)
    return title.number, end.number - 1


def _match_heading(text: str) -> tuple[str, str] | None:
    """(group id, title) for a table heading, None for any other line."""
    m = _HEADING.match(text)
    if m is None:
        return None
    if m["scv"]:
        return "SCV", m["scv"]
    group = "TSAG" if m["tsag"] else f"SG{m['sg']}"
    return group, m["title"].strip()


def _is_column_header(text: str) -> bool:
    return tuple(text.split()) == _COLUMN_HEADER


def _collect_rows(src: Source) -> list[_Row]:
    """The table rows of the section with their wrapped pieces; checks each row against its heading."""
    rows: list[_Row] = []
    table_group: str | None = None
    for line in src.lines(*section_range(src)):
        heading = _match_heading(line.text)
        if heading is not None:
            table_group = heading[0]
            continue
        if line.text == SECTION_TITLE or _is_column_header(line.text):
            continue
        start = _ROW_START.match(line.text)
        if start is not None:
            if start["group"] != table_group:
                raise ValueError(
                    f"{src.name}:{line.number}: row of {start['group']} under the heading of {table_group}"
                )
            rows.append(_Row(start["group"], [line]))
        elif rows and table_group is not None:
            rows[-1].lines.append(line)  # a wrapped piece of the row above
        else:
            raise ValueError(f"{src.name}:{line.number}: unexpected text before the first row: {line.text!r}")
    return rows


def _read_posts(src: Source) -> tuple[list[Post], list[int]]:
    """The posts of the section, and the line numbers of exact duplicate rows left out."""
    posts: list[Post] = []
    duplicates: list[int] = []
    seen: set[tuple[str, str, str | None, str | None]] = set()
    for row in _collect_rows(src):
        post = _to_post(src, row)
        key = (post.group, post.role_zh, post.holder, post.member_state_zh)
        if key in seen:
            duplicates.append(row.lines[0].number)
            continue
        seen.add(key)
        posts.append(post)
    return posts, duplicates


def _to_post(src: Source, row: _Row) -> Post:
    """Split one row into its cells, from the right."""
    pieces = [line.text for line in row.lines]
    pieces[0] = pieces[0].split(maxsplit=1)[1]  # the group id
    where = f"{src.name}:{row.lines[0].number}"
    role_zh = _pop_last_token(pieces)
    role = _role(role_zh, where)
    span = Span(src.name, row.lines[0].number, row.lines[-1].number)
    if " ".join(pieces).split() == [_VACANCY]:
        return Post(row.group, role, role_zh, None, None, span)
    member_state = _pop_last_token(pieces)
    if not _MEMBER_STATE.match(member_state):
        raise ValueError(f"{where}: {member_state!r} does not look like a member state")
    holder = join_wrapped(pieces)
    if not holder:
        raise ValueError(f"{where}: the row names no holder")
    name, honorific = split_honorific(holder, where)
    return Post(row.group, role, role_zh, holder, member_state, span, name, honorific)


def split_honorific(holder: str, where: str = "") -> tuple[str, str]:
    """("Arnaud TADDEI", "先生") for "Arnaud TADDEI先生"; ("魏亮", "先生") for "魏亮 先生"."""
    match = _HONORIFIC.match(holder)
    if match is None:
        raise ValueError(f"{where}: {holder!r} does not end with an honorific ({', '.join(HONORIFICS)})")
    return match["name"], match["honorific"]


def _pop_last_token(pieces: list[str]) -> str:
    """Remove and return the last white-space separated token of the row's pieces."""
    while pieces and not pieces[-1].strip():
        pieces.pop()
    if not pieces:
        raise ValueError("a management row has fewer cells than expected")
    *head, token = pieces[-1].rsplit(maxsplit=1)
    if head:
        pieces[-1] = head[0].strip()
    else:
        pieces.pop()
    return token


def _role(role_zh: str, where: str) -> str:
    m = _ROLE.match(role_zh)
    if m is None:
        raise ValueError(f"{where}: {role_zh!r} is neither 主席 nor 副主席")
    return "vice-chair" if m["vice"] else "chair"
