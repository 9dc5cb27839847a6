"""Part V: the approved Questions of each study group ("批准的课题名称").

The part follows the management section and ends before "第六部分". Per study group::

    1    第2研究组                        <- heading: running number and group, no title
    课题号 / 最终 / 课题号 / 课题标题        <- the table header (repeated after page breaks)
    A/2 1/2 固定和移动通信业务编号、…        <- provisional id, final id, title
    C/3 6/3 …包括与互联网协议（IP）对等互    <- a title wrapping over lines
    连、区域流量交换点、…

The group of a Question is read twice, from its table heading and from the suffix of its
final id ("1/17" -> SG17); they must agree. The provisional id's suffix may name another
group: SG21's Questions come from former SG9 and SG16 ("A/9", "B/16") and two are
"Q.Coord/C" and "Q.Acc/C"; SG13 has a provisional id equal to the final one ("16/13").

TSAG and the SCV have no Questions. The headings print only "第N研究组", no title, so
:func:`parse_question_groups` returns no titles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from itut_kb.extract.model import GroupTitle, Question, Span
from itut_kb.extract.source import Line, Source, join_wrapped

# The Questions part has no title line of its own (only running headers): it starts at the
# first study-group heading after the management section.
_AFTER = "国际电联电信标准化研究组以及词汇标准化委员会正副主席"
# "1    第2研究组"; a title after a dash ("第2研究组 – …") would be read, but none is printed.
_GROUP_HEADING = re.compile(r"^(?P<ordinal>\d+)\s+第(?P<sg>\d+)研究组(?:\s*–\s*(?P<title>\S.*))?$")
_PART_END = re.compile(r"^第六部分$")
_TABLE_HEADER = frozenset({"课题号", "最终", "最终课题号", "最终 课题号", "课题标题"})
_ROW = re.compile(r"^(?P<provisional>\S+/\S+)\s+(?P<final>\d+/(?P<suffix>\d+))\s+(?P<title>\S.*)$")


@dataclass
class _Row:
    """One table row with the wrapped pieces of its title."""

    group: str
    provisional_id: str
    final_id: str
    lines: list[Line]
    title_parts: list[str]


def parse_questions(src: Source) -> list[Question]:
    """Every approved Question, in source order, its wrapped title joined."""
    return [
        Question(
            group=row.group,
            provisional_id=row.provisional_id,
            final_id=row.final_id,
            title_zh=join_wrapped(row.title_parts),
            span=Span(src.name, row.lines[0].number, row.lines[-1].number),
        )
        for row in _collect_rows(src)
    ]


def parse_question_groups(src: Source) -> list[GroupTitle]:
    """Group titles as the Questions part prints them.

    The headings of the proceedings carry only "第N研究组", no title, so this is empty for them.
    """
    titles = []
    for line in src.lines(*section_range(src)):
        m = _GROUP_HEADING.match(line.text)
        if m is not None and m["title"]:
            span = Span(src.name, line.number, line.number)
            titles.append(GroupTitle(f"SG{m['sg']}", m["title"].strip(), span))
    return titles


def section_range(src: Source) -> tuple[int, int]:
    """First and last line number of the Questions part."""
    after = src.require("^" + re.escape(_AFTER) + "$", f"the management section {_AFTER!r}")
    start = src.require(_GROUP_HEADING, "a study-group heading of the Questions", after.number + 1)
    end = src.require(_PART_END, "'第六部分' after the Questions", start.number + 1)
    return start.number, end.number - 1


def _collect_rows(src: Source) -> list[_Row]:
    """The table rows of the part, wrapped title pieces attached to the row above."""
    rows: list[_Row] = []
    section_group: str | None = None
    for line in src.lines(*section_range(src)):
        heading = _GROUP_HEADING.match(line.text)
        if heading is not None:
            section_group = f"SG{heading['sg']}"
        elif line.text in _TABLE_HEADER:
            continue
        elif (row := _ROW.match(line.text)) is not None:
            rows.append(_new_row(src, line, row, section_group))
        elif rows and rows[-1].group == section_group:
            rows[-1].lines.append(line)
            rows[-1].title_parts.append(line.text)
        else:
            raise ValueError(f"{src.name}:{line.number}: unexpected text in the Questions: {line.text!r}")
    return rows


def _new_row(src: Source, line: Line, row: re.Match[str], section_group: str | None) -> _Row:
    """A row, after checking that its final id names the group of its table."""
    group = f"SG{row['suffix']}"
    if group != section_group:
        raise ValueError(f"{src.name}:{line.number}: Question {row['final']} listed under {section_group}")
    return _Row(group, row["provisional"], row["final"], [line], [row["title"]])
