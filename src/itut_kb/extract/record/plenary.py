"""The reports of the plenary meetings (Part VI, section VI-1): meetings, numbered items, annexes.

Each report (VI-1.1, VI-1.2, VI-1.3) opens with its author and title::

    WTSA-24主席                                                 <- author
    2024年10月18日和23日第二次和第三次全体会议报告                  <- the report's title
    第二次全体会议（2024年10月18日，14:30-19:50）的报告            <- a meeting's header (VI-1.2 has two)
    1 第二次全体会议开幕                                          <- numbered items (see items.py)
    …
    附件1                                                       <- annexes, each with a title line
    荷兰王国就技术标准和人权发表的声明

VI-1.1 names its chairs before item 1 ("开幕主席：" / "全体会议主席："); the other reports name the
chair in their first item ("WTSA-24主席Ritu Ranjan Mittar先生（印度）欢迎…"). A meeting's date is in
its header or in the report's title; its times are in its header, or only its end in its closing item
("主席于印度标准时间17时30分宣布休会"); the start of the first meeting is stated by the report of the
second ("第一次全体会议（2024年10月15日，14:30-17:30）报告获得批准"). The items of VI-1.2 are numbered
on through its two meetings (1-12, then 13-19).

Source anomaly: the report of the fourth plenary gives the third meeting as "14:30-16:50", its own
report as "14:30-16:40" (header and closing item); the meeting keeps its own report's times and a note.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import replace

from itut_kb.extract.record.items import read_items
from itut_kb.extract.record.model import Annex, Item, Meeting, Report
from itut_kb.extract.record.part6 import Section, paragraphs, section, span_of
from itut_kb.extract.source import Line, Source, SourceStructureError

REPORTS = ("VI-1.1", "VI-1.2", "VI-1.3")
ORDINALS = {"一": 1, "二": 2, "三": 3, "四": 4}
_DATE = r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日"
_MEETING_HEADER = re.compile(
    rf"^第(?P<n>[一二三四])次全体会议（{_DATE}，(?P<start>\d{{1,2}}:\d\d)-(?P<end>\d{{1,2}}:\d\d)）的报告$"
)
_TITLE_DATE = re.compile(_DATE)
_TITLE_MEETING = re.compile(r"第(?P<n>[一二三四])次全体会议")
_CLOSING = re.compile(r"印度标准时间(?P<h>\d{1,2})时(?:(?P<min>\d{1,2})分)?")
_STATED_TIMES = re.compile(
    rf"第(?P<n>[一二三四])次全体会议（{_DATE}，(?P<start>\d{{1,2}}:\d\d)-(?P<end>\d{{1,2}}:\d\d)）"
)
_ANNEX = re.compile(r"^附件(?P<label>\d+|[A-Z])$")
_CHAIR = re.compile(r"WTSA-24主席(?P<chair>[^（），。]+?（[^（）]+）)")
_CHAIR_LABELS = {"开幕主席：": "opening", "全体会议主席：": "chair"}


def parse_plenary_reports(src: Source) -> list[Report]:
    """VI-1.1 to VI-1.3, each with its meetings (items inside) and annexes; meeting times completed."""
    reports = [_report(src, section(src, key)) for key in REPORTS]
    stated = _stated_times(reports)
    return [replace(r, meetings=tuple(_complete_times(m, stated) for m in r.meetings)) for r in reports]


def plenary_meetings(reports: Sequence[Report]) -> list[Meeting]:
    return [m for r in reports for m in r.meetings]


def _report(src: Source, sec: Section) -> Report:
    lines = list(sec.lines)
    author, title = lines[0].text, lines[1].text
    annex_at = next((i for i, line in enumerate(lines) if _ANNEX.match(line.text)), len(lines))
    body, annex_lines = lines[2:annex_at], lines[annex_at:]
    chairs = _chairs_before_items(body)
    meetings: list[Meeting] = []
    headers = [i for i, line in enumerate(body) if _MEETING_HEADER.match(line.text)]
    if headers:
        bounds = [*headers, len(body)]
        for start, end in itertools.pairwise(bounds):
            header = _MEETING_HEADER.match(body[start].text)
            assert header is not None
            meetings.append(_meeting(src, body[start:end], header, _first_number(meetings)))
    else:
        number = _TITLE_MEETING.search(title)
        date = _TITLE_DATE.search(title)
        if not number or not date:
            raise SourceStructureError(f"{src.name}:{lines[1].number}: no meeting or date in {title!r}")
        meetings.append(_meeting(src, body, None, 1, ORDINALS[number["n"]], _iso(date), chairs))
    return Report(
        sec.key,
        sec.title_zh,
        title,
        author,
        span_of(src, lines),
        meetings=tuple(meetings),
        annexes=tuple(_annexes(src, annex_lines)),
    )


def _first_number(meetings: Sequence[Meeting]) -> int:
    """The number of the first item of the next meeting: the items of a report are numbered on."""
    if not meetings or not meetings[-1].items:
        return 1
    return int(meetings[-1].items[-1].number.split(".")[0]) + 1


def _meeting(
    src: Source,
    lines: Sequence[Line],
    header: re.Match[str] | None,
    first: int,
    number: int | None = None,
    date: str | None = None,
    chairs: dict[str, str] | None = None,
) -> Meeting:
    items, _ = read_items(src.name, lines, first)
    if not items:
        raise SourceStructureError(f"{src.name}:{lines[0].number}: a plenary meeting without items")
    chairs = chairs or {}
    start = end = None
    if header:
        number, date, start, end = ORDINALS[header["n"]], _iso(header), header["start"], header["end"]
    assert number is not None
    assert date is not None
    closing = _CLOSING.search(items[-1].text_zh)
    if end is None and closing:
        end = f"{int(closing['h']):02d}:{int(closing['min'] or 0):02d}"
    chair = chairs.get("chair") or _chair_in(items)
    return Meeting(
        "plenary",
        number,
        date,
        start,
        end,
        span_of(src, lines),
        chair_zh=chair,
        opening_chair_zh=chairs.get("opening"),
        items=tuple(items),
    )


def _chairs_before_items(body: Sequence[Line]) -> dict[str, str]:
    """VI-1.1's "开幕主席：" and "全体会议主席：", each followed by a name line."""
    out: dict[str, str] = {}
    for label_line, name_line in itertools.pairwise(body):
        role = _CHAIR_LABELS.get(label_line.text)
        if role:
            out[role] = name_line.text
    return out


def _chair_in(items: Sequence[Item]) -> str | None:
    match = _CHAIR.search(items[0].text_zh)
    return match["chair"] if match else None


def _annexes(src: Source, lines: Sequence[Line]) -> list[Annex]:
    starts = [i for i, line in enumerate(lines) if _ANNEX.match(line.text)]
    out = []
    for start, end in zip(starts, [*starts[1:], len(lines)], strict=False):
        match = _ANNEX.match(lines[start].text)
        assert match is not None
        body = lines[start + 2 : end]
        out.append(
            Annex(
                match["label"],
                lines[start + 1].text,
                "\n".join(paragraphs(body)),
                span_of(src, lines[start:end]),
                tuple(body),
            )
        )
    return out


def _iso(match: re.Match[str]) -> str:
    return f"{match['y']}-{int(match['m']):02d}-{int(match['d']):02d}"


def _stated_times(reports: Sequence[Report]) -> dict[int, list[tuple[str, str, str, int]]]:
    """Times a report states for a meeting of another report: meeting -> (date, start, end, line)."""
    out: dict[int, list[tuple[str, str, str, int]]] = {}
    for meeting in (m for r in reports for m in r.meetings):
        for item in meeting.items:
            for match in _STATED_TIMES.finditer(item.text_zh):
                number = ORDINALS[match["n"]]
                if number != meeting.number:
                    out.setdefault(number, []).append(
                        (_iso(match), match["start"], match["end"], meeting.number)
                    )
    return out


def _complete_times(meeting: Meeting, stated: dict[int, list[tuple[str, str, str, int]]]) -> Meeting:
    """Fill a missing start from another report; note where another report states other times."""
    start, notes = meeting.start, []
    for date, other_start, other_end, by in stated.get(meeting.number, []):
        if date != meeting.date:
            notes.append(f"第{_zh(by)}次全体会议的报告所载日期为{date}")
        if start is None and (meeting.end is None or meeting.end == other_end):
            start = other_start
        elif (other_start, other_end) != (start, meeting.end):
            notes.append(
                f"本次会议报告所载时间为{start}-{meeting.end}，第{_zh(by)}次全体会议的报告所载为"
                f"{other_start}-{other_end}"
            )
    return replace(meeting, start=start, note_zh="；".join(notes) or None)


def _zh(number: int) -> str:
    return next(k for k, v in ORDINALS.items() if v == number)
