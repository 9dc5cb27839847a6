"""Figures and tables of the documents, taken out of the running text.

A figure's caption is a line "图9.1 – 使用TAP批准新的和经修订的建议书 – 流程" (number, an optional
parenthesis "（基于WTSA第1号决议图9.1）", a dash, the title); a table's "表1 – ITU-T研究组列表". The PDF
text keeps only the caption of most figures, but for the flowcharts of Resolution 1 (Figures 7.1a, 7.1b
and 9.1) and the example of A.1 (Figure 1-1) it also gives the words inside the picture, one box label a
line, in no reliable order ("Res.1(08)_F9.1", "最少 个月3", "注(  2)"), between the text before the
figure and its caption. So a figure takes, above its caption:

- its legend: the notes printed under the picture, "注1 – …" … "注10 – …" or "1) … – …" … "12) …",
  numbered from 1 down to the caption (continuation lines and sub-items "a) …" between them);
- above that, the lines of the picture: every line back to the last one that ends a sentence (。；：, not
  "？": box labels ask questions), a caption, a numbered clause "7.2.1 …" or an annex heading.

A legend may also follow the caption under a heading "图1注 – 事件的AAP流程" (A.8): it runs to the next
numbered clause, caption or annex, or to the end of the document.

A table (caption above it) takes the lines below its caption up to the next numbered clause, caption,
annex or appendix heading, full line of running text (display width 84 or more; no row is so wide, a note
"* …" or "注 – …" may be), or the end of the document: its cells as the PDF text gives them, its notes.

:func:`find_figures` reads one document's figures and tables; :func:`without_figures` blanks their lines,
so that no clause text holds a caption, a box label or a table cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from itut_kb.extract.model import Figure, Span
from itut_kb.extract.numbered import NUMBERED_LINE, width
from itut_kb.extract.source import Line, Source, join_wrapped

CAPTION = re.compile(
    r"^(?P<kind>[图表])\s*(?P<number>[0-9A-Z]+(?:[.\-][0-9]+)*[a-z]?)\s*(?:（[^）)]*[）)])?(?:\s*–\s*|\s+-\s+)"
    r"(?P<title>\S.*)$"
)
_LEGEND_ITEM = re.compile(r"^(?:注\s*(\d+)\s*[–-]|(\d+)\)\s*\S)")
_SUB_ITEM = re.compile(r"^[a-z]\)\s*\S")
_LEGEND_AFTER = re.compile(r"^图\s*(?P<number>[0-9A-Z]+(?:[.\-][0-9]+)*[a-z]?)注\s*[–-]")
_SENTENCE_END = re.compile(r"[。；：]$")  # not "？": box labels ask questions ("是否有政策或规则影响？")
_DOTTED_CLAUSE = re.compile(r"^(?:\d+|[A-Z]|[IVX]+)(?:\.\d+)+\s")
_TEXT_WIDTH = 84  # a line of running text fills the page: no table row does
_TABLE_NOTE = re.compile(r"^(?:\*|注)")
_CONTAINER = re.compile(r"^(?:附件\s*[A-Z]|附录\s*(?:[IVX]+|[一二三四五六七八九十]+)|参考文献)$")
_MAX_GAP = 6  # continuation lines between two legend items at most
_KINDS = {"图": "figure", "表": "table"}


def find_figures(src: Source, start: int, end: int) -> list[Figure]:
    """The figures and tables of the document on lines ``start``..``end``, in source order."""
    lines = list(src.lines(start, end))
    out: list[Figure] = []
    for i, line in enumerate(lines):
        m = CAPTION.match(line.text)
        if m is None:
            continue
        kind = _KINDS[m.group("kind")]
        if kind == "figure":
            legend = _legend_above(lines, i)
            first = _picture_start(lines, legend[0] if legend else i)
            after = _legend_after(lines, i, m.group("number"))
            notes = _notes([lines[k] for k in legend + after])
            last = after[-1] if after else i
        else:
            first, last, notes = i, _table_end(lines, i), ()
        out.append(
            Figure(
                kind=kind,
                number=m.group("number"),
                caption_zh=m.group("title").strip(),
                span=Span(src.name, lines[first].number, lines[last].number),
                caption_line=line.number,
                notes_zh=notes,
                text_zh=_text(lines[i + 1 : last + 1]) if kind == "table" else None,
            )
        )
    return out


def _legend_above(lines: list[Line], caption: int) -> list[int]:
    """Indexes of the legend lines right above the caption, or none."""
    expected: int | None = None
    gap = 0
    for j in range(caption - 1, max(caption - 80, 0), -1):
        m = _LEGEND_ITEM.match(lines[j].text)
        number = int(m.group(1) or m.group(2)) if m else None
        if number is not None and (expected is None or number == expected):
            if number == 1:
                return list(range(j, caption))
            expected, gap = number - 1, 0
        elif expected is None and j < caption - 2:
            return []  # no legend item right above the caption
        else:
            gap += 1
            if gap > _MAX_GAP or CAPTION.match(lines[j].text):
                return []
    return []


def _picture_start(lines: list[Line], below: int) -> int:
    """Index of the first line of the picture's words above line ``below`` (``below`` if none)."""
    j = below
    while j - 1 >= 0:
        text = lines[j - 1].text
        if (
            _SENTENCE_END.search(text)
            or CAPTION.match(text)
            or _DOTTED_CLAUSE.match(text)
            or _CONTAINER.match(text)
        ):
            break
        j -= 1
    return j


def _legend_after(lines: list[Line], caption: int, number: str) -> list[int]:
    """Indexes of a legend under a heading "图1注 – …" right after the caption, or none."""
    if caption + 1 >= len(lines):
        return []
    heading = _LEGEND_AFTER.match(lines[caption + 1].text)
    if heading is None or heading.group("number") != number:
        return []
    j = caption + 2
    while j < len(lines) and not (CAPTION.match(lines[j].text) or _structural(lines[j].text)):
        j += 1
    return list(range(caption + 1, j))


def _table_end(lines: list[Line], caption: int) -> int:
    """Index of the last line of the table under the caption."""
    j = caption + 1
    while j < len(lines) and not (
        CAPTION.match(lines[j].text) or _structural(lines[j].text) or _running(lines[j].text)
    ):
        j += 1
    return j - 1


def _running(text: str) -> bool:
    """A full line of running text (not a table note "* …", "注 – …"): the table has ended."""
    return width(text) >= _TEXT_WIDTH and not _TABLE_NOTE.match(text)


def _structural(text: str) -> bool:
    """A numbered clause ("7.4 表2的格式…"), an annex or appendix heading, a bibliography."""
    return bool(NUMBERED_LINE.match(text) or _CONTAINER.match(text))


def _notes(lines: list[Line]) -> tuple[str, ...]:
    """The legend's notes, one each, wrapped lines joined; a sub-item "a) …" stays in its note."""
    groups: list[list[str]] = []
    for line in lines:
        if _LEGEND_AFTER.match(line.text):
            continue  # the heading "图1注 – …" repeats the caption
        if _LEGEND_ITEM.match(line.text) or not groups:
            groups.append([])
        groups[-1].append(line.text)
    return tuple(join_wrapped(g) for g in groups)


def _text(lines: list[Line]) -> str:
    return "\n".join(line.text for line in lines)


def without_figures(src: Source, figures: Iterable[Figure]) -> Source:
    """``src`` with the lines of the figures and tables blank."""
    raw = [src.raw(n) for n in range(1, len(src) + 1)]
    notes = tuple(figures)
    for figure in notes:
        for n in range(figure.span.start, figure.span.end + 1):
            raw[n - 1] = ""
    return src.edited(raw, (), notes)
