"""What every committee report yields, and the parts of the reports all committees share.

Each committee report (VI-2.1 … VI-2.4) opens with its author ("第2委员会主席") and its own title, then
numbered items; :func:`report_head` reads those. A committee is named by its section title
"第2委员会：预算控制". Amounts in Swiss francs ("2 078 000瑞郎", "16.2万瑞郎") are read as numbers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from itut_kb.extract.model import Span
from itut_kb.extract.record.items import read_items
from itut_kb.extract.record.model import Batch, Decision, Item, Meeting, Officer, Report, Statement
from itut_kb.extract.record.part6 import Section, span_of
from itut_kb.extract.record.sentences import sentences
from itut_kb.extract.source import Line, Source, SourceStructureError

_COMMITTEE = re.compile(r"^第(?P<n>\d)委员会：(?P<title>\S.*)$")
_AMOUNT = re.compile(r"(?P<value>\d{1,3}(?: \d{3})+|\d+(?:\.\d+)?万|\d+)瑞郎")
ZH_DIGITS = {**{c: i for i, c in enumerate("零一二三四五六七八九")}, "两": 2}


@dataclass(frozen=True)
class Committee:
    key: str  # "COM2"
    number: int
    title_zh: str  # "预算控制"
    span: Span
    meetings_held: int | None = None  # as the report states it ("举行了八次会议")
    working_groups: tuple[str, ...] = ()  # "4A", "4B"


@dataclass(frozen=True)
class Amount:
    """A sum of money the report states, in Swiss francs."""

    value: int
    printed: str  # "2 078 000瑞郎", "16.2万瑞郎"
    sentence_zh: str
    item: str
    span: Span


@dataclass(frozen=True)
class CommitteeRecord:
    """All a committee report yields."""

    committee: Committee
    report: Report
    officers: tuple[Officer, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    decisions: tuple[Decision, ...] = ()
    batches: tuple[Batch, ...] = ()
    amounts: tuple[Amount, ...] = ()
    statements: tuple[Statement, ...] = ()
    reports: tuple[Report, ...] = field(default=())  # reports inside the report (Committee 3's fifth meeting)
    actions: tuple[tuple[str, str | None, Span], ...] = ()  # (label "COM4/1", its document, where)


def committee_of(src: Source, sec: Section) -> Committee:
    match = _COMMITTEE.match(sec.title_zh)
    if match is None:
        raise SourceStructureError(f"{src.name}:{sec.heading.number}: not a committee: {sec.title_zh!r}")
    return Committee(f"COM{match['n']}", int(match["n"]), match["title"], span_of(src, [sec.heading]))


def report_head(src: Source, sec: Section, title_lines: int = 1) -> tuple[str, str]:
    """(author, title) of a committee report: the first line, then the next ``title_lines`` joined."""
    lines = sec.lines
    return lines[0].text, "".join(line.text for line in lines[1 : 1 + title_lines])


def items_report(
    src: Source, sec: Section, key: str, title_lines: int = 1, stop: str | None = None
) -> Report:
    """A report whose body is numbered items from 1 (until a line equal to ``stop``)."""
    author, title = report_head(src, sec, title_lines)
    body = list(sec.lines[1 + title_lines :])
    items, _ = read_items(src.name, body, stop=(lambda t: t == stop) if stop else (lambda _t: False))
    return Report(key, sec.title_zh, title, author, section_span(src, sec), items=tuple(items))


def section_span(src: Source, sec: Section) -> Span:
    return span_of(src, [sec.heading, *sec.lines])


def amounts(file: str, items: Sequence[Item]) -> list[Amount]:
    out = []
    for item in items:
        for sentence in sentences(file, item.text_zh, item.lines, item.span):
            for match in _AMOUNT.finditer(sentence.text):
                out.append(
                    Amount(_francs(match["value"]), match.group(0), sentence.text, item.number, sentence.span)
                )
    return out


def _francs(printed: str) -> int:
    if printed.endswith("万"):
        return round(float(printed[:-1]) * 10_000)
    return int(printed.replace(" ", ""))


def zh_number(text: str) -> int:
    """A Chinese numeral up to 99: "八" 8, "十三" 13, "二十一" 21."""
    if "十" not in text:
        return ZH_DIGITS[text]
    tens, _, units = text.partition("十")
    return (ZH_DIGITS[tens] if tens else 1) * 10 + (ZH_DIGITS[units] if units else 0)


def lines_between(lines: Sequence[Line], start: str, end: str | None) -> list[Line]:
    """The lines after the first line matching ``start`` up to (not including) the first matching ``end``."""
    begin = next((i for i, line in enumerate(lines) if re.search(start, line.text)), None)
    if begin is None:
        raise SourceStructureError(f"no line matching {start!r}")
    out = []
    for line in lines[begin + 1 :]:
        if end is not None and re.search(end, line.text):
            break
        out.append(line)
    return out
