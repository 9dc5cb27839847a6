"""Part III of the proceedings: the A-series Recommendations and Supplements.

The part begins at "ITU-T A系列建议书：国际电联电信标准化部门工作的组织" and ends where the
management section "国际电联电信标准化研究组以及词汇标准化委员会正副主席" begins. Each
document begins with a heading line of its own:

- " ITU-T A.1建议书" (a Recommendation, ``kind`` "recommendation", ``number`` "A.1");
- " ITU-T A系列建议书增补2" (a Supplement, ``kind`` "supplement", ``number`` "2").

After the heading come the title (one line, or two when the first keeps a trailing space:
"提交国际电联电信标准化部门的 " / "文稿的表述方式"), for some documents the revision history
in parentheses ("（1984年；1988年；…；2012年）", "（1993年，赫尔辛基；1996年，日内瓦；…）"),
then the body, which :func:`parse_numbered` turns into clauses (references lists such as
"[ITU-T A.2] ITU-T A.2建议书（2012年）…" stay in their clause's text, one entry a line;
annexes and appendices become "annex-A" / "appendix-I" clauses; a trailing "参考文献"
becomes "bibliography"). The documents of this part carry no "摘要"/"关键词" blocks.

Resolution 1's sections (Part I) are parsed here too, by :func:`parse_resolution1_sections`.
"""

from __future__ import annotations

import re

from itut_kb.extract.history import parse_history
from itut_kb.extract.model import ASeriesDocument, Clause, RevisionEvent, Span
from itut_kb.extract.numbered import NUMBERED_LINE, parse_numbered
from itut_kb.extract.source import Line, Source, join_wrapped

PART_START = re.compile(r"^ITU-T A系列建议书：国际电联电信标准化部门工作的组织")
PART_END = re.compile(r"^国际电联电信标准化研究组以及词汇标准化委员会正副主席")
_RECOMMENDATION = re.compile(r"^ITU-T (A\.\d+)建议书$")
_SUPPLEMENT = re.compile(r"^ITU-T A系列建议书增补(\d+)$")
_HISTORY_START = re.compile(r"^（\d{4}年")

RES1_HEADING = re.compile(r"^第1号决议（\d{4}年，[^）]*）$")
RES2_HEADING = re.compile(r"^第2号决议（\d{4}年，[^）]*）$")
_RESOLVES = re.compile(r"^做出决议$")
_FIRST_SECTION = re.compile(r"^第1节$")


def part_range(src: Source) -> tuple[int, int]:
    """First and last line of Part III (the A-series), from its title to before the management section."""
    start = src.require(PART_START, "the A-series part title")
    end = src.find(PART_END, start.number)
    return start.number, (end.number - 1 if end else len(src))


def _headings(src: Source, start: int, end: int) -> list[tuple[Line, str, str]]:
    """The document headings in the part: (line, kind, number)."""
    out = []
    for line in src.lines(start, end):
        if m := _RECOMMENDATION.match(line.text):
            out.append((line, "recommendation", m.group(1)))
        elif m := _SUPPLEMENT.match(line.text):
            out.append((line, "supplement", m.group(1)))
    return out


def _title_and_history(src: Source, lines: list[Line]) -> tuple[str, tuple[RevisionEvent, ...], int]:
    """Title lines, the history (if any) and the index of the first body line in ``lines``."""
    title_parts: list[str] = []
    i = 0
    while i < len(lines) and len(title_parts) < 3:
        text = lines[i].text
        if _HISTORY_START.match(text) or NUMBERED_LINE.match(text) or text.startswith("（"):
            break
        title_parts.append(text)
        i += 1
        if not src.raw(lines[i - 1].number).endswith(" "):  # a title wrapped on purpose ends with a space
            break
    history: tuple[RevisionEvent, ...] = ()
    if i < len(lines) and _HISTORY_START.match(lines[i].text):
        parts = [lines[i].text]
        i += 1
        while not parts[-1].endswith("）") and i < len(lines):
            parts.append(lines[i].text)
            i += 1
        history = parse_history(join_wrapped(parts))
    return join_wrapped(title_parts), history, i


def _last_content_line(src: Source, start: int, end: int) -> int:
    """The last line with text, footnotes and figures included."""
    last = start
    for line in src.lines(start, end):
        last = line.number
    taken_out = [f.span for f in src.footnotes_in(start, end)] + [f.span for f in src.figures_in(start, end)]
    return max([last] + [span.end for span in taken_out])


def document_spans(src: Source) -> list[tuple[int, int]]:
    """(heading line, last line) of every A-series Recommendation and Supplement; none in a source without Part III."""
    if src.find(PART_START) is None:
        return []
    part_start, part_end = part_range(src)
    headings = _headings(src, part_start, part_end)
    ends = [h[0].number - 1 for h in headings[1:]] + [part_end]
    return [(heading.number, end) for (heading, _, _), end in zip(headings, ends, strict=True)]


def parse_aseries(src: Source) -> list[ASeriesDocument]:
    """The 13 A-series Recommendations and the Supplements of Part III, in source order."""
    part_start, part_end = part_range(src)
    headings = _headings(src, part_start, part_end)
    documents = []
    for idx, (heading, kind, number) in enumerate(headings):
        stop = headings[idx + 1][0].number - 1 if idx + 1 < len(headings) else part_end
        last = _last_content_line(src, heading.number, stop)
        lines = list(src.lines(heading.number + 1, last))
        title, history, body_index = _title_and_history(src, lines)
        clauses: tuple[Clause, ...] = ()
        if body_index < len(lines):
            clauses = tuple(parse_numbered(src, lines[body_index].number, last))
        documents.append(
            ASeriesDocument(
                kind=kind,
                number=number,
                title_zh=title,
                history=history,
                span=Span(src.name, heading.number, last),
                clauses=clauses,
                footnotes=tuple(src.footnotes_in(heading.number, stop)),
                figures=tuple(src.figures_in(heading.number, stop)),
            )
        )
    return documents


def resolution1_range(src: Source) -> tuple[int, int]:
    """Resolution 1's sections: from the first "第1节" after "做出决议" to before Resolution 2's heading."""
    heading = src.require(RES1_HEADING, "Resolution 1's heading")
    resolves = src.find(_RESOLVES, heading.number)
    first = src.require(
        _FIRST_SECTION, "Resolution 1's first section", resolves.number if resolves else heading.number
    )
    res2 = src.require(RES2_HEADING, "Resolution 2's heading", heading.number + 1)
    return first.number, _last_content_line(src, first.number, res2.number - 1)


def parse_resolution1_sections(src: Source) -> list[Clause]:
    """Resolution 1's sections (第1节 … 第9节, 第1之二节), their clauses and its appendices.

    Keys "section-1", "section-1之二", "1.1", "7.1.5之二", "9.3.3", "appendix-I" …
    """
    start, end = resolution1_range(src)
    return parse_numbered(src, start, end)
