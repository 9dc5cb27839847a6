"""Footnotes of the proceedings: found at the foot of a page, each with the marker(s) that call it.

A document (a Resolution, Opinion 1, an A-series Recommendation or Supplement) numbers its footnotes
1, 2, 3 … The PDF text prints a footnote as a line "N text" (wrapped text on the following lines) among
the last lines before a page break (a running header, a page number, or the first line of the next
page, which starts with one space), and its marker as the bare number glued to the word it annotates:
"发展中国家1的", "一次。4", "（2022年，日内瓦）1", "ICNIRP2和IEEE3", "A.5资格 1的".

A line "N text" at a page foot is a footnote only if N is the next footnote number of its document, the
marker N stands on the same page above it (or, failing that, on the page before), and the line does not
continue a list whose item N-1 stands above it on this page or the one before: this tells footnotes
apart from list items that happen to end a page ("3 支持组织…", "2 参加…" under "责成电信标准化局主任2"
cited on the same page). Of two such lines at one page foot the lower one is the footnote (a footnote
is printed below the text). A footnote runs over its following lines up to the next footnote or the
page break (at most four lines).

A marker is the number N (or "NN", a doubling the PDF text shows in Res. 29, 32 and 58:
"发展中国家11") right after a Chinese character or closing punctuation (or after a Chinese character and
one space), or right after a Latin letter when a Chinese character follows ("IEEE3制定", not "SA3）" or
"V2X"); with no digit, "." or counter word (年 月 日 号 节 款 条 个 项 次 %) after it; and not a number
the text cites ("第3", "决议1", "增补2", "意见1", "责成2", "附件2", "图5", "表1" but not "该表3",
"注1", "1和2"). Where a Chinese character precedes some of the candidates, only those are markers
("发展中国家1" and not "JTC1"); several of them call the same footnote ("隐私6和可信度6").

:func:`find_footnotes` reads one document's footnotes; :func:`without_footnotes` gives the source with
footnote lines blanked and markers cut out, which is what every parser reads (line numbers unchanged).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from itut_kb.extract.model import Footnote, FootnoteMarker, Span
from itut_kb.extract.source import Source, join_wrapped

_FOOTNOTE_LINE = re.compile(r"^(\d{1,2})\s+(\S.*)$")
_CJK = "\u3400-\u9fff"
_FOOT_DEPTH = 8  # content lines before a page break where footnotes may stand
_MAX_LINES = 4  # content lines of one footnote at most
_CITED_BEFORE = ("第", "决议", "增补", "意见", "责成", "附件", "附录", "图", "注", "^表", "[^该]表")


def _marker_pattern(number: int) -> re.Pattern[str]:
    n = str(number)
    not_cited = "".join(f"(?<!{word})" for word in _CITED_BEFORE)
    return re.compile(
        rf"(?:(?<=[{_CJK}])\s|(?<=[{_CJK}。，；：、）)”」》A-Za-z])){not_cited}(?<!\d[和、至及或])"
        rf"({n}{n}|{n})(?![0-9.．年月日号节款条个项次%％\-–A-Za-z])(?![和、至]\d)"
    )


def is_page_break(src: Source, number: int) -> bool:
    """A running header, a page number, or the first line of a page (one leading space)."""
    raw = src.raw(number)
    return bool(raw.strip()) and (src.is_noise(number) or (raw.startswith(" ") and not raw.startswith("  ")))


def _markers(src: Source, number: int, start: int, end: int) -> list[FootnoteMarker]:
    """The markers of footnote ``number`` on lines ``start``..``end``."""
    pattern = _marker_pattern(number)
    found: list[tuple[bool, FootnoteMarker]] = []
    for line in range(start, end + 1):
        raw = src.raw(line)
        for m in pattern.finditer(raw):
            after_cjk = not re.match("[A-Za-z]", raw[m.start() - 1])
            if after_cjk or re.match(f"[{_CJK}]", raw[m.end(1) : m.end(1) + 1]):  # "IEEE3制定", not "SA3）"
                found.append((after_cjk, FootnoteMarker(line, m.start(), m.end(1))))
    preferred = [mk for after_cjk, mk in found if after_cjk]
    return preferred or [mk for _, mk in found]


def find_footnotes(src: Source, start: int, end: int) -> list[Footnote]:
    """The footnotes of the document on lines ``start``..``end``, in order (1, 2, 3 …)."""
    breaks = [n for n in range(start + 1, min(end + 1, len(src)) + 1) if is_page_break(src, n)]
    notes: list[Footnote] = []
    page_start, previous_page = start, start
    for brk in breaks:
        foot = _foot_lines(src, page_start, brk)
        taken = {n for f in notes for n in range(f.span.start, f.span.end + 1)}
        notes += _read_foot(src, foot, len(notes) + 1, (page_start, previous_page), taken)
        previous_page, page_start = page_start, brk
    return [_called_again(src, note, end) for note in notes]


def _called_again(src: Source, note: Footnote, end: int) -> Footnote:
    """The footnote with the markers that repeat one of its markers, word and number, below it in the
    document (A.7: "支持发展中国家1代表与会" printed twice, the second time on the next page)."""
    first = note.markers[0]
    raw = src.raw(first.line)
    word, number = raw[max(0, first.start - 3) : first.start], raw[first.start : first.end].strip()
    if len(word) < 3 or not re.fullmatch(f"[{_CJK}]+", word):
        return note
    again = re.compile(re.escape(word) + f"({re.escape(number)})(?![0-9.])")
    extra = [
        FootnoteMarker(line, m.start(1), m.end(1))
        for line in range(note.span.end + 1, min(end, len(src)) + 1)
        for m in again.finditer(src.raw(line))
    ]
    return Footnote(note.number, note.text_zh, note.span, note.markers + tuple(extra)) if extra else note


def _continues_list(src: Source, line: int, since: int, taken: set[int]) -> bool:
    """Whether a line "N text" is item N of a list whose item N-1 stands above it (from line ``since``;
    footnote lines aside)."""
    number = _number(src, line)
    if number is None or number == 1:
        return False
    for above in range(line - 1, since - 1, -1):
        if above not in taken and (found := _number(src, above)) is not None:
            return found == number - 1
    return False


def _foot_lines(src: Source, page_start: int, brk: int) -> list[int]:
    lines: list[int] = []
    n = brk - 1
    while n > page_start and len(lines) < _FOOT_DEPTH:
        if src.raw(n).strip():
            lines.insert(0, n)
        n -= 1
    return lines


def _read_foot(
    src: Source, foot: list[int], expected: int, pages: tuple[int, int], taken: set[int]
) -> list[Footnote]:
    """The footnotes among the last lines of a page: from the last line "N text" that is the next
    footnote with a marker above it (a list item "1 …" higher on the page is not), to the page break."""
    starts = [
        i
        for i, line in enumerate(foot)
        if _number(src, line) == expected and not _continues_list(src, line, pages[1], taken)
    ]
    for i in reversed(starts):
        notes = _read_block(src, foot[i:], expected, *pages)
        if notes:
            return notes
    return []


def _number(src: Source, line: int) -> int | None:
    m = _FOOTNOTE_LINE.match(src.raw(line))
    return int(m.group(1)) if m else None


def _read_block(src: Source, lines: list[int], expected: int, page: int, previous: int) -> list[Footnote]:
    """The footnotes ``expected``, ``expected + 1`` … on ``lines`` (to the page break), or none if the
    first has no marker."""
    drafts: list[tuple[int, list[int], tuple[FootnoteMarker, ...]]] = []
    for line in lines:
        number = expected + len(drafts)
        if _number(src, line) == number:
            found = _markers(src, number, page, lines[0] - 1) or _markers(src, number, previous, page - 1)
            if found:
                drafts.append((number, [line], tuple(found)))
                continue
        if not drafts or len(drafts[-1][1]) == _MAX_LINES:
            return []
        drafts[-1][1].append(line)
    out = []
    for number, note_lines, markers in drafts:
        first = _FOOTNOTE_LINE.match(src.raw(note_lines[0])).group(2)  # type: ignore[union-attr]
        text = join_wrapped([first, *(src.raw(n) for n in note_lines[1:])])
        out.append(Footnote(number, text, Span(src.name, note_lines[0], note_lines[-1]), markers))
    return out


def without_footnotes(src: Source, footnotes: Iterable[Footnote]) -> Source:
    """``src`` with the footnotes' lines blanked and their markers cut out of the text."""
    notes = tuple(footnotes)
    raw = [src.raw(n) for n in range(1, len(src) + 1)]
    cuts: dict[int, list[FootnoteMarker]] = {}
    for note in notes:
        for line in range(note.span.start, note.span.end + 1):
            raw[line - 1] = ""
        for marker in note.markers:
            cuts.setdefault(marker.line, []).append(marker)
    for line, markers in cuts.items():
        text = raw[line - 1]
        for marker in sorted(markers, key=lambda mk: mk.start, reverse=True):
            text = text[: marker.start] + text[marker.end :]
        raw[line - 1] = text
    return src.edited(raw, notes)
