"""A generic parser of numbered-clause text (Res. 1 sections, A-series bodies, annexes).

``parse_numbered(src, start, end)`` turns a line range into :class:`Clause` records.

What counts as a clause
-----------------------
- a numbered line "<number><spaces><text>": "1", "1.1", "2.3.3.2", "7.1.5之二", "1之二.1",
  "7.1.5bis", annex clauses "A.1", "B.1.1", appendix clauses "I.1.5", "II.2";
- a section heading "第9节" / "第1之二节" (the next line is its title), key "section-9";
- an annex or appendix heading "附件A" / "附录 I" / "附录一" (title on the following line or
  lines, up to the "（本附件…）" note), keys "annex-A" / "appendix-I";
- a bare "参考文献" line (a bibliography after the annexes), key "bibliography";
- the text before the first clause, if any, key "preamble".

The numbering rule (against false numbered lines)
-------------------------------------------------
A candidate number is accepted only if it *continues the running sequence* from the last
accepted number ``p = (p1, …, pk)`` in the current container (body, one section, one annex):
its first child ``p.1`` (or ``p.0``, as in Res. 1 "7.1.0"), or, at any level i, the next
sibling ``p1…p(i-1).(pi+1)`` or the "之二"/"bis" variant ``p1…pi之二``. The first number of a
container must be "1" (body), "<section>.1" (after "第N节"), "A.1" or a plain "1" (annex A;
then the keys become "A.1", "A.1.1" …), or "I.1" (appendix I; appendices take only prefixed
numbers, so numbered form fields "1 缺陷报告编号：" stay text). Once a "第N节" heading was
seen, the first component is the section's number: bare integers are never clauses then.
So "2015年6月5日…" and "30 天…" (no number-space form, or not a successor) stay text. In a plain-numbered annex the key is
the annex letter before the printed number ("A.1.4.1"; ``number`` stays "1.4.1").

Limits of the rule: a wrapped line that happens to begin with exactly the next number
("2 个月…" right after clause 1.x, in a document without "第N节" sections) would be taken as
clause 2; a number the source skips would leave the rest of its container as text. Neither
occurs in Res. 1 or the A-series part (tests check the clause lists).

Text
----
A clause's text is the text after its number plus its unnumbered lines up to the next
accepted clause. Wrapped lines are joined with :func:`join_wrapped`; a paragraph break
("\\n") is put after a line that does not fill the width of the page (the PDF wraps full
lines only) and ends a sentence or is much shorter (table cells), and before lettered or
bulleted list items, notes and reference entries ("[ITU-T A.2] …").
Footnotes are taken out of the source before parsing (module footnotes): their lines read blank, so a
sentence running over the page stays whole.

A *heading* clause ("1.1 会议的频次": short, no sentence punctuation) gets ``title_zh`` =
the title and ``text_zh`` = its unnumbered body ("1.13 表决" + the paragraph under it);
when it has no body of its own, ``text_zh`` = the title (so no clause has empty text).
Figures and tables flattened into text stay in the enclosing clause's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from itut_kb.extract.model import Clause, Span
from itut_kb.extract.source import Line, Source, join_wrapped

_COMP = r"(?:\d+(?:之[二三四五]|bis|ter|quater)?)"
NUMBERED_LINE = re.compile(
    rf"^(?P<num>(?:[A-Z]|[IVX]+)(?:\.{_COMP})+|{_COMP}(?:\.{_COMP})*)[ \t\u3000]+(?P<text>\S.*)$"
)
_SECTION = re.compile(r"^第(\d+(?:之[二三四五])?)节$")
_ANNEX = re.compile(r"^附件\s*([A-Z])$")
_APPENDIX = re.compile(r"^附录\s*([IVX]+|[一二三四五六七八九十]+)$")
_BIBLIOGRAPHY = re.compile(r"^参考文献$")
# "（第1号决议（2022年，日内瓦，修订版））", printed above an appendix heading
_ATTRIBUTION = re.compile(r"^（第\d+号决议.*）$")
_PARENTHETICAL = re.compile(r"^（.*）$")
_NOTE = re.compile(r"^（(?:本|此)")  # "（本附件构成本建议书不可分割的组成部分。）"
_LIST_ITEM = re.compile(
    r"^(?:[a-z]{1,2}\)|[a-z]\.\s|[ivx]+\)|\d+\)|[（(]\d+[)）]|[–•\-]\s|注\s*\d*\s*[–-]|\[[^\]]+\]|\*)"
)
_SENTENCE_PUNCT = re.compile(r"[。；：，,;:]")
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
_CN_ROMAN = dict(zip("一二三四五六七八九十", _ROMAN, strict=True))  # "附录二" -> "II"
_BIS_ORDER = ["", "之二", "之三", "之四", "之五"]
_LATIN_ORDER = ["", "bis", "ter", "quater"]

FULL_WIDTH = 76  # display width (CJK 2, other 1) below which a line does not fill the page
SHORT_WIDTH = 60  # below this a line ends its paragraph even without closing punctuation
_CLOSING = re.compile(r"[。；：！？.;:!?）)」”]$")


def _ends_paragraph(line: str) -> bool:
    """A line that does not fill the page width ends its paragraph, if it ends a sentence or
    is much shorter (a table cell); a reference's hanging-indented continuation does not."""
    w = width(line)
    return w < FULL_WIDTH and (bool(_CLOSING.search(line)) or w < SHORT_WIDTH)


def width(text: str) -> int:
    """Display width of a line: CJK characters and full-width punctuation count 2."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


def _split_comp(comp: str) -> tuple[str, str]:
    """ "7" -> ("7", ""), "5之二" -> ("5", "之二"), "A" -> ("A", "")."""
    m = re.match(r"^(\d+|[A-Z]+)(.*)$", comp)
    return (m.group(1), m.group(2)) if m else (comp, "")


def _next(comp: str) -> str:
    """The next sibling's component: "5" and "5之二" -> "6"; letters stay."""
    base, _ = _split_comp(comp)
    return str(int(base) + 1) if base.isdigit() else base


def _bis(comp: str) -> set[str]:
    """The inserted variants: "5" -> "5之二" or "5bis"; "5之二" -> "5之三"; "5bis" -> "5ter"."""
    base, suffix = _split_comp(comp)
    out = set()
    for order in (_BIS_ORDER, _LATIN_ORDER):
        if suffix in order and order.index(suffix) + 1 < len(order):
            out.add(base + order[order.index(suffix) + 1])
    return out


def successors(path: tuple[str, ...], frozen: int = 0) -> set[tuple[str, ...]]:
    """Numbers that may follow ``path``: first child, next sibling or 之二 variant at each level.

    The first ``frozen`` components (section number, annex letter) never change.
    """
    out = {(*path, "1"), (*path, "0")}
    for i in range(frozen, len(path)):
        out.add((*path[:i], _next(path[i])))
        out.update((*path[:i], variant) for variant in _bis(path[i]))  # "7.1.5之二", "7.1.5之三"
    return out


@dataclass
class _Draft:
    """A clause being collected."""

    key: str
    number: str | None
    title: str | None
    parent: str | None
    start: int
    end: int
    paragraphs: list[list[str]] = field(default_factory=list)
    closed: bool = True  # the last paragraph is complete

    def add(self, number: int, text: str, full_line: str | None = None) -> None:
        """Add a line of text (``full_line``, with its number, measures the line's width)."""
        if self.closed or _LIST_ITEM.match(text) or not self.paragraphs:
            self.paragraphs.append([])
        self.paragraphs[-1].append(text)
        self.closed = _ends_paragraph(full_line or text)
        self.end = max(self.end, number)

    def clause(self, prefix: str, file: str) -> Clause:
        body = "\n".join(join_wrapped(p) for p in self.paragraphs if p)
        text = body or (self.title or "")
        parent = prefix + self.parent if self.parent else None
        return Clause(
            key=prefix + self.key,
            text_zh=text,
            span=Span(file, self.start, self.end),
            number=self.number,
            title_zh=self.title,
            parent_key=parent,
        )


@dataclass
class _State:
    """Where the running sequence stands."""

    section: str | None = None  # current "第N节" number, once sections are in use
    container: tuple[str, str] | None = None  # ("annex", "A") / ("appendix", "I")
    plain_annex: bool = False  # the annex numbers its clauses "1", "1.1" (keys "A.1", "A.1.1")
    path: tuple[str, ...] | None = None  # last accepted number, as components

    def accepts(self, comps: tuple[str, ...]) -> bool:
        return comps in self.expected()

    def expected(self) -> set[tuple[str, ...]]:
        if self.path is not None:
            prefixed = self.section is not None or (self.container is not None and not self.plain_annex)
            return successors(self.path, 1 if prefixed else 0)
        if self.container:
            kind, label = self.container
            return {(label, "1")} | ({("1",)} if kind == "annex" else set())
        if self.section is not None:
            return {(self.section, "1")}
        return {("1",)}

    def key_of(self, comps: tuple[str, ...]) -> str:
        number = ".".join(comps)
        return f"{self.container[1]}.{number}" if self.plain_annex and self.container else number

    def parent_of(self, comps: tuple[str, ...]) -> str | None:
        """The nearest enclosing clause: "9.3" for "9.3.3", the section for "9.1", the annex for "A.1"."""
        prefixed = bool(self.container or self.section) and not self.plain_annex  # "A.1", "9.1"
        top_level = len(comps) == 1 or (len(comps) == 2 and prefixed)
        if not top_level:
            return self.key_of(comps[:-1])
        if self.container:
            return f"{self.container[0]}-{self.container[1]}"
        if self.section is not None:
            return f"section-{self.section}"
        return None


def _container_title(src: Source, lines: list[Line], i: int) -> tuple[str | None, int, list[Line]]:
    """Title lines after an annex/appendix/section heading (``i`` indexes the line after it).

    Up to 3 short lines without sentence punctuation; a line keeps the title going only if it
    ends with a space (titles wrapped on purpose do). A leading "（ITU-T A.23建议书）" line
    before the title is returned as text (third item), as are notes like "（本附件…）" after it.
    """
    lead: list[Line] = []
    if i + 1 < len(lines) and _PARENTHETICAL.match(lines[i].text) and not _NOTE.match(lines[i].text):
        lead.append(lines[i])
        i += 1
    parts: list[str] = []
    j = i
    while j < len(lines) and len(parts) < 3:
        text = lines[j].text
        if NUMBERED_LINE.match(text) or not _title_like(text):
            break
        parts.append(text)
        j += 1
        if not src.raw(lines[j - 1].number).endswith(" "):
            break
    if not parts and lead:  # the parenthetical line was no lead-in after all
        return None, i - 1, []
    return (join_wrapped(parts) or None), j, lead


def _title_like(text: str) -> bool:
    """A short line that does not end a sentence and is no parenthesised note."""
    return not text.startswith("（") and width(text) < FULL_WIDTH and not _SENTENCE_PUNCT.search(text[-1:])


def _is_heading(text: str, full_line: str) -> bool:
    """A numbered line is a heading if it is a short title with no sentence punctuation (a comma
    inside is allowed: "7.3.2 通过与成员国的正式协商，批准通过的新的或经修订的课题")."""
    return (
        width(full_line) < FULL_WIDTH
        and not _SENTENCE_PUNCT.search(text.replace("，", "") + text[-1:])
        and not text.startswith("（")
    )


def parse_numbered(src: Source, start: int, end: int, *, key_prefix: str = "") -> list[Clause]:
    """Parse lines ``start``..``end`` (1-based, inclusive) into clauses; see the module docstring.

    ``key_prefix`` is put before every key and parent key, for callers that put several
    parsed ranges into one document.
    """
    return _Parser(src, start, end).run(key_prefix)


class _Parser:
    """One pass over the content lines of a range."""

    def __init__(self, src: Source, start: int, end: int) -> None:
        self.src = src
        self.end = end
        self.lines = list(src.lines(start, end))
        self.state = _State()
        self.drafts: list[_Draft] = []

    def run(self, key_prefix: str) -> list[Clause]:
        i = 0
        while i < len(self.lines):
            line = self.lines[i]
            i += 1
            opened = self._structural(line, i)
            if opened is not None:
                draft, i = opened
                self.drafts.append(draft)
            elif (m := NUMBERED_LINE.match(line.text)) and self.state.accepts(_components(m.group("num"))):
                self.drafts.append(self._numbered(_components(m.group("num")), m.group("text"), line))
            else:
                self._current(line).add(line.number, line.text)
        return [d.clause(key_prefix, self.src.name) for d in self.drafts]

    def _current(self, line: Line) -> _Draft:
        """The clause collecting text; a "preamble" clause for text before the first clause."""
        if not self.drafts:
            self.drafts.append(_Draft("preamble", None, None, None, line.number, line.number))
        return self.drafts[-1]

    def _numbered(self, comps: tuple[str, ...], text: str, line: Line) -> _Draft:
        """Start a clause at an accepted numbered line."""
        state = self.state
        if state.path is None and state.container and state.container[0] == "annex":
            state.plain_annex = comps[0] != state.container[1]
        draft = _Draft(
            state.key_of(comps), ".".join(comps), None, state.parent_of(comps), line.number, line.number
        )
        state.path = comps
        if _is_heading(text, line.text):
            draft.title = text
        else:
            draft.add(line.number, text, line.text)
        return draft

    def _structural(self, line: Line, i: int) -> tuple[_Draft, int] | None:
        """Section, annex/appendix or bibliography heading at ``line`` (``i`` indexes the next line)."""
        lines, state = self.lines, self.state
        attribution = None
        if _ATTRIBUTION.match(line.text) and i < len(lines) and _container_heading(lines[i].text):
            attribution, line, i = line, lines[i], i + 1
        if (m := _SECTION.match(line.text)) and _section_fits(state, m.group(1)):
            state.section, state.container, state.plain_annex, state.path = m.group(1), None, False, None
            title, j, _ = _container_title(self.src, lines, i)
            draft = _Draft(f"section-{m.group(1)}", m.group(1), title, None, line.number, lines[j - 1].number)
            return draft, j
        if label := _container_heading(line.text):
            state.container, state.plain_annex, state.path = label, False, None
            title, j, lead = _container_title(self.src, lines, i)
            draft = _Draft(f"{label[0]}-{label[1]}", label[1], title, None, line.number, lines[j - 1].number)
            extras = ([attribution] if attribution else []) + lead
            for extra in extras:
                draft.add(extra.number, extra.text)
            draft.start = min([draft.start] + [e.number for e in extras])
            return draft, j
        if _BIBLIOGRAPHY.match(line.text) and state.container:
            state.container, state.plain_annex, state.path = ("bibliography", ""), False, None
            return _Draft("bibliography", None, line.text, None, line.number, line.number), i
        return None


def _components(number: str) -> tuple[str, ...]:
    return tuple(number.split("."))


def _container_heading(text: str) -> tuple[str, str] | None:
    """("annex", "A") for "附件A", ("appendix", "I") for "附录 I" / "附录一"."""
    if m := _ANNEX.match(text):
        return "annex", m.group(1)
    if m := _APPENDIX.match(text):
        return "appendix", _CN_ROMAN.get(m.group(1), m.group(1))
    return None


def _section_fits(state: _State, number: str) -> bool:
    """ "第N节" starts a section only in sequence: 第1节 first, then the next or its 之二 variant."""
    if state.section is None:
        return number == "1"
    return number in {_next(state.section), *_bis(state.section)}
