"""Part VI as content lines and sections, with its own page noise told apart.

Part VI runs from "第六部分" to the end of the proceedings. Besides the noise :class:`Source` knows
(blank lines, running headers), its pages carry:

- the PDF's link annotations, printed as bare URLs between a running header and the page number
  ("https://www.itu.int/md/…");
- page numbers printed only on some pages (541, 548, 564, 576, 584), after a running header or the
  part's title page.

A bare number is *not* noise elsewhere: the document numbers of the Editorial Committee's batches
("70", "113(Rev.1)") stand alone on their lines, which :meth:`Source.lines` would drop as page numbers.
So Part VI is read through :func:`part6_lines`, never through ``Source.lines``.

Sections: "第VI-1节 – 全体会议报告" groups reports; each report starts at "VI-1.1 – 第一次全体会议的报告"
and runs to the next report or group heading; "第VI-3节 – 其他报告和文件" is a section without reports.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from itut_kb.extract.model import Span
from itut_kb.extract.source import Line, Source, SourceStructureError, join_wrapped

PART_TITLE = re.compile(r"^第六部分$")
_PART_SUBTITLE = "全会的报告和文件"
_RUNNING_HEADER = re.compile(r"^WTSA-24会议录\s*–")
_URL = re.compile(r"^https?://\S+$")
_BARE_NUMBER = re.compile(r"^\d{1,3}$")
_SECTION = re.compile(r"^(?P<group>第)?(?P<key>VI-\d(?:\.\d)?)(?:节)?\s*–\s*(?P<title>\S.*)$")
_PARAGRAPH_END = re.compile(r"[。：；！？]$")
_FULL_LINE = 76  # the printed width under which a line is the last of its list entry
_LIST_MARK = re.compile(r"^(?:[–•]\s|[a-z]\)\s?|\d{1,2}\)\s?|[a-z]\s)")


@dataclass(frozen=True)
class Section:
    """A report of Part VI (``VI-1.1`` … ``VI-2.4``) or the list of other documents (``VI-3``)."""

    key: str
    title_zh: str
    heading: Line
    lines: tuple[Line, ...]  # the content after the heading line

    @property
    def span(self) -> Span:
        last = self.lines[-1].number if self.lines else self.heading.number
        return Span("", self.heading.number, last)


def part6_start(src: Source) -> int:
    for number in range(1, len(src) + 1):
        if PART_TITLE.match(src.text(number)):
            return number
    raise SourceStructureError(f"{src.name}: the title of Part VI ('第六部分') was not found")


def part6_lines(src: Source) -> list[Line]:
    """The content lines of Part VI, its noise left out (see the module's docstring)."""
    out: list[Line] = []
    page_end = False  # between a running header (or the title page) and the next content line
    for number in range(part6_start(src), len(src) + 1):
        text = src.text(number)
        if not text:
            continue
        if _RUNNING_HEADER.match(text):
            page_end = True
            continue
        if page_end and (_URL.match(text) or _BARE_NUMBER.match(text)):
            continue
        page_end = text == _PART_SUBTITLE
        out.append(Line(number, text))
    return out


def sections(src: Source) -> dict[str, Section]:
    """The reports of Part VI by key ("VI-1.1" …), and "VI-3"; group headings end the report before."""
    found: dict[str, Section] = {}
    current: tuple[str, str, Line] | None = None
    body: list[Line] = []
    for line in part6_lines(src):
        match = _SECTION.match(line.text)
        if match:
            if current:
                found[current[0]] = Section(current[0], current[1], current[2], tuple(body))
            current, body = None, []
            key = match["key"]
            if "." in key or key == "VI-3":
                current = (key, match["title"].strip(), line)
            continue
        if current:
            body.append(line)
    if current:
        found[current[0]] = Section(current[0], current[1], current[2], tuple(body))
    return found


def section(src: Source, key: str) -> Section:
    found = sections(src).get(key)
    if found is None:
        raise SourceStructureError(f"{src.name}: Part VI has no section {key}")
    return found


def span_of(src: Source, lines: Sequence[Line]) -> Span:
    return Span(src.name, lines[0].number, lines[-1].number)


def width(text: str) -> int:
    """The printed width of ``text``: a CJK character counts two, any other one."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def paragraphs(lines: Iterable[Line]) -> list[str]:
    """The paragraphs of wrapped lines: a line ending a sentence (。：；) ends its paragraph, and a list
    mark ("– ", "• ", "a)", "1)") opens one; a list entry also ends at a line narrower than a full
    line ("h) ITU-T第20研究组 – 物联网（IoT）…" before "全体会议将TD-7号文件记录在案…")."""
    out: list[list[str]] = []
    closed = True
    in_list = False
    for line in lines:
        if closed or _LIST_MARK.match(line.text):
            out.append([line.text])
            in_list = bool(_LIST_MARK.match(line.text))
        else:
            out[-1].append(line.text)
        closed = bool(_PARAGRAPH_END.search(line.text)) or (in_list and width(line.text) < _FULL_LINE)
    return [join_wrapped(parts) for parts in out]
