"""Part I of the proceedings: the WTSA Resolutions, Opinion 1 and the abrogated Resolution 80.

Public: :func:`parse_resolutions`, :func:`parse_opinions`, :func:`parse_resolution7_alone`,
:func:`resolution1_sections_start`, :func:`document_spans`, :data:`BLOCK_KINDS`, :data:`OPERATIVE_KINDS`.

A resolution is its heading ("第2号决议（2024年，新德里，修订版）"), title, revision history
("（1993年，赫尔辛基；…）"), the line "世界电信标准化全会（…），", then blocks. A block starts with a
heading from :data:`BLOCK_KINDS` ("考虑到", "责成第17研究组" …); "做出决议，责成X" / "做出决议，请X"
are instructs / invites blocks (heading kept whole), "做出决议，X" is resolves addressed to X.
Each numbered item ("a)", "b)之二", "1", "1)", "i)") is a :class:`Clause`; a sub-item has its
parent item as ``parent_key``. Text before a block's first item (or a block without items) is
one clause with ``number`` None, and the block's top items have it as ``parent_key``.
Bullets ("• …", "– …") stay in their item's text, each on its own line ("\\n").

Keys, unique within a resolution: ``<block>[-<n>]`` then ``-<path>`` (or ``.<path>`` after a
block number). ``<n>`` numbers the blocks of a kind that occurs more than once in the resolution
(from 1), ``<path>`` is the item numbers from the top down, joined by "." and printed without
")" and with "之二" as "bis": "considering-a", "considering-bbis", "resolves-2.i", "resolves"
(intro text), "instructs-2" (second instructs block, unnumbered text), "instructs-2.1". A kind
has block numbers on all its keys or on none, so keys stay unique; a number printed twice at one
level would get "~2" (none in this source).

Addressees (``addressees_zh``): the names after a heading's verb, split at "、"/"和"/"以及" when
every piece is a name, qualifiers dropped, collaborators ("与…协作") apart (module addressees); numbered study
groups as "第17研究组", "各成员国"/"国际电联成员国" as "成员国"; other names as printed. Where the heading
names nobody, the items name their addressees themselves: module instructions reads them (with the
curated actor table) after parsing.

Annexes (after the closing line "（第N号决议（…））"): one clause per annex, block "annex" (key
"annex-A", or "annex") or "attachment" ("后附资料"), ``title_zh`` the annex title. An annex that
is a plain numbered list (Res 18, Res 67) has its items as clauses under it ("annex-A.a");
other annexes (Res 2, Res 29, Res 44: tables, parts, repeated numbering) are that one clause,
one text line per item or paragraph. Res 1: only its preamble is parsed here (considering items,
one resolves paragraph); its sections start at :func:`resolution1_sections_start`.

Footnotes are found before parsing (module footnotes): the parsers read a source whose footnote
lines are blank and whose markers are cut out of the text. Titles and history entries are read as
printed, markers and all: a title loses its markers here ("部门成员1参加" -> "部门成员参加"), and a
history entry's footnote text becomes ``RevisionEvent.note_zh``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from itut_kb.extract.addressees import addressees, collaborators, in_particular
from itut_kb.extract.adoption import wtsa24_status
from itut_kb.extract.history import parse_history
from itut_kb.extract.model import Clause, Opinion, Resolution, RevisionEvent, Span
from itut_kb.extract.source import Line, Source, join_wrapped

# Every block heading used in part I (2024 proceedings), mapped to its English block kind.
BLOCK_KINDS: dict[str, str] = {
    "考虑到": "considering",
    "进一步考虑到": "considering-further",
    "认识到": "recognizing",
    "进一步认识到": "recognizing-further",
    "注意到": "noting",
    "进一步注意到": "noting-further",
    "忆及": "recalling",
    "铭记": "bearing-in-mind",
    "顾及": "taking-into-account",
    "意识到": "aware",
    "关注": "concerned",
    "认可": "acknowledging",
    "重申": "reaffirming",
    "认为": "considers",
    "做出决议": "resolves",
    "进一步做出决议": "resolves-further",
    "责成": "instructs",
    "进一步责成": "instructs-further",
    "请": "invites",
    "进一步请": "invites-further",
    "要求": "requests",
    "鼓励": "encourages",
    "呼吁": "calls-upon",
}
OPERATIVE_KINDS = frozenset(
    BLOCK_KINDS[v]
    for v in ("做出决议", "进一步做出决议", "责成", "进一步责成", "请", "进一步请", "要求", "鼓励", "呼吁")
)
_NAMING = {v for v, kind in BLOCK_KINDS.items() if kind in OPERATIVE_KINDS}  # may name addressees

_HEADING = re.compile("^(" + "|".join(sorted(BLOCK_KINDS, key=len, reverse=True)) + ")(.*)$")
_RES_HEADING = re.compile(r"^第(\d+)号决议（[^（）]+）\d*$")
_OPINION_HEADING = re.compile(r"^意见(\d+)（[^（）]+）$")
_PREAMBLE = re.compile(r"^世界电信标准化全会（[^（）]+）[，,]$")
_CLOSING = re.compile(r"^（第\d+号决议（[^（）]+））$")
_ANNEX = re.compile(r"^(?:附件([A-Z])?|后附资料)$")
_PART_END = re.compile(r"^WTSA-24(废止的决议|行动)\s*$")
_ITEM = re.compile(r"^(?:([a-z])\)(之[二三四])?|([ivx]+)\)|(\d{1,2})\)|(\d{1,2})(?=\s))\s*(.*)$")
_BULLET = re.compile(r"^[•–−]\s")
_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
_BIS = {"之二": "bis", "之三": "ter", "之四": "quater"}
_WRAP_WIDTH = 78  # display width from which a heading line is taken to go on on the next line


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# --------------------------------------------------------------------------- blocks and items


@dataclass
class _Block:
    kind: str
    heading: str
    addressees: tuple[str, ...] = ()
    collaborators: tuple[str, ...] = ()
    particular: tuple[str, ...] = ()
    base: str | None = None  # key base, set by the parser once the blocks are known
    ordinal: int | None = None  # which block of its kind, where the kind occurs more than once
    intro: _Draft | None = None


@dataclass
class _Draft:
    block: _Block
    number: str | None = None  # as printed
    seg: str | None = None  # key segment
    parent: _Draft | None = None
    lines: list[Line] = field(default_factory=list)
    title: str | None = None
    start: int | None = None  # span start and end when not those of the text (an annex's)
    end: int | None = None


@dataclass
class _Marker:
    kind: str  # letter | roman | digit | pdigit
    value: int
    number: str
    seg: str
    rest: str
    draft: _Draft | None = None


def _marker(text: str, stack: list[_Marker]) -> _Marker | None:
    """The item marker a line starts with, None for other text."""
    m = _ITEM.match(text)
    if not m:
        return None
    letter, bis, roman, pdigit, digit, rest = m.groups()
    if letter in ("i", "v", "x") and not any(
        lv.kind == "letter" and lv.value == ord(letter) - ord("a") for lv in stack
    ):
        roman = letter  # "i)" is a roman numeral unless it follows "h)" in a lettered list
    if roman:
        if roman not in _ROMAN:
            return None
        return _Marker("roman", _ROMAN.index(roman) + 1, roman + ")", roman, rest)
    if letter:
        value = ord(letter) - ord("a") + 1
        return _Marker("letter", value, letter + ")" + (bis or ""), letter + _BIS.get(bis or "", ""), rest)
    if pdigit:
        return _Marker("pdigit", int(pdigit), pdigit + ")", pdigit, rest)
    return _Marker("digit", int(digit), digit, digit, rest)


def _continues(mk: _Marker, stack: list[_Marker]) -> bool:
    """Whether a marker fits the numbering so far: a list starts at 1, "b)之二" follows "b)"."""
    step = 0 if "之" in mk.number else 1
    if mk.value == 1 and step == 1:
        return True
    return any(lv.kind == mk.kind and mk.value == lv.value + step for lv in stack)


class _BodyParser:
    """Turns the content lines of a resolution's blocks into clause drafts."""

    def __init__(self, headings: bool = True) -> None:
        self.headings = headings
        self.blocks: list[_Block] = []
        self.drafts: list[_Draft] = []
        self._stack: list[_Marker] = []
        self._current: _Draft | None = None

    def start(self, block: _Block, intro: _Draft | None = None) -> None:
        self.blocks.append(block)
        self._stack, self._current, block.intro = [], intro, intro
        if intro is not None:
            self.drafts.append(intro)

    def feed(self, lines: list[Line]) -> None:
        i = 0
        while i < len(lines):
            heading = self._heading(lines, i) if self.headings else None
            if heading is not None:
                self.start(heading[0])
                i += heading[1]
                continue
            self._take_text(lines[i])
            i += 1

    def _last_text(self) -> str:
        return self._current.lines[-1].text if self._current and self._current.lines else ""

    def _heading(self, lines: list[Line], i: int) -> tuple[_Block, int] | None:
        """The block heading at ``lines[i]`` and the number of lines it takes, or None."""
        text = lines[i].text
        m = _HEADING.match(text)
        if not m or _ITEM.match(text) or re.search(r"[，。；：,;:、]$", text):
            return None
        if self.blocks and self._current is None:  # the line after a heading is content
            return None
        verb, rest = m.groups()
        if rest and (verb not in _NAMING or re.search(r"[。；：]", rest)):
            return None
        if rest and self.drafts and not self._last_text().endswith(("，", "。", "；", ",")):
            return None
        nxt = lines[i + 1].text if i + 1 < len(lines) else ""
        if (
            _width(text) >= _WRAP_WIDTH
            and nxt
            and not _ITEM.match(nxt)
            and _width(nxt) < 60
            and not re.search(r"[，。；：]$", nxt)
        ):
            return _make_block(join_wrapped([text, nxt])), 2
        return _make_block(text), 1

    def _take_text(self, line: Line) -> None:
        if not self.blocks:
            return
        mk = _marker(line.text, self._stack)
        if mk and (self._current is None or _continues(mk, self._stack)):
            while self._stack and any(lv.kind == mk.kind for lv in self._stack):
                if self._stack.pop().kind == mk.kind:
                    break
            parent = self._stack[-1].draft if self._stack else self.blocks[-1].intro
            mk.draft = _Draft(self.blocks[-1], mk.number, mk.seg, parent, [Line(line.number, mk.rest)])
            self._stack.append(mk)
            self._current = mk.draft
            self.drafts.append(mk.draft)
            return
        if self._current is None:
            self._current = self.blocks[-1].intro = _Draft(self.blocks[-1])
            self.drafts.append(self._current)
        self._current.lines.append(line)

    def clauses(self, file: str) -> list[Clause]:
        """The drafts as clauses, keyed (see the module docstring)."""
        kinds = [b.kind for b in self.blocks]
        seen: dict[str, int] = {}
        for b in self.blocks:
            seen[b.kind] = seen.get(b.kind, 0) + 1
            if b.base is None and kinds.count(b.kind) > 1:
                b.ordinal = seen[b.kind]
            b.base = b.base or (b.kind if b.ordinal is None else f"{b.kind}-{b.ordinal}")
        keys: dict[int, str] = {}
        out = []
        for d in self.drafts:
            path: list[str] = []
            p: _Draft | None = d
            while p is not None and p.seg is not None:
                path.insert(0, p.seg)
                p = p.parent
            base = d.block.base or d.block.kind
            key = base + ("-" if base == d.block.kind else ".") + ".".join(path) if path else base
            n, unique = 2, key
            while unique in keys.values():
                unique, n = f"{key}~{n}", n + 1
            keys[id(d)] = unique
            first = d.start if d.start is not None else d.lines[0].number
            out.append(
                Clause(
                    key=unique,
                    text_zh=_join(d.lines) or d.title or "",
                    number=d.number,
                    block=d.block.kind,
                    span=Span(file, first, d.end or (d.lines[-1].number if d.lines else first)),
                    heading_zh=d.block.heading,
                    block_ordinal=d.block.ordinal,
                    addressees_zh=d.block.addressees,
                    collaborators_zh=d.block.collaborators,
                    particular_zh=d.block.particular,
                    title_zh=d.title,
                    parent_key=keys.get(id(d.parent)) if d.parent is not None else None,
                )
            )
        return out


def _join(lines: list[Line]) -> str:
    """Wrapped lines joined; a bullet starts a new line."""
    groups: list[list[str]] = []
    for line in lines:
        if not groups or _BULLET.match(line.text):
            groups.append([])
        groups[-1].append(line.text)
    return "\n".join(join_wrapped(g) for g in groups)


def _make_block(heading: str) -> _Block:
    verb, rest = _HEADING.match(heading).groups()  # type: ignore[union-attr]
    kind = BLOCK_KINDS[verb]
    if verb in ("做出决议", "进一步做出决议") and rest.startswith("，"):
        inner = _HEADING.match(rest[1:])
        if inner and inner.group(1) in ("责成", "请"):
            kind, rest = BLOCK_KINDS[inner.group(1)], inner.group(2)
        else:
            rest = rest[1:]
    return _Block(kind, heading, addressees(rest), collaborators(rest), in_particular(rest))


# --------------------------------------------------------------------------- documents


@dataclass
class _Doc:
    """Where a resolution or opinion is, and its heading, title and history lines."""

    number: int
    heading: str  # without a footnote marker glued to it
    start: int
    end: int  # last content line
    limit: int  # line before the next heading or section line
    status: str
    title_lines: list[Line]
    history_lines: list[Line]
    preamble: Line | None


def _docs(src: Source, pattern: re.Pattern[str]) -> list[_Doc]:
    """The documents of one kind in part I (up to "WTSA-24行动"), each up to the next heading."""
    marks: list[tuple[int, re.Pattern[str] | None]] = []
    for line in src.lines():
        if _PART_END.match(line.text):
            marks.append((line.number, None))
            if "行动" in line.text:
                break
        for heading in (_RES_HEADING, _OPINION_HEADING):
            if heading.match(line.text) and _has_history(src, line):
                marks.append((line.number, heading))
    docs, status = [], "in_force"
    ends: list[tuple[int, re.Pattern[str] | None]] = [*marks[1:], (len(src) + 1, None)]
    for (start, mark), (nxt, _) in zip(marks, ends, strict=True):
        if mark is None:
            status = "abrogated" if "废止" in src.text(start) else status
        elif mark is pattern:
            docs.append(_read_doc(src, start, nxt - 1, status))
    return docs


def _has_history(src: Source, heading: Line) -> bool:
    """A heading is followed by a title and a history line (a line citing a resolution is not)."""
    following = [line.text for _, line in zip(range(5), src.lines(heading.number + 1), strict=False)]
    return (
        not following[0].startswith("（")
        and not _PREAMBLE.match(following[0])
        and any(t.startswith("（") and "年" in t for t in following[1:])
    )


def _read_doc(src: Source, start: int, end: int, status: str) -> _Doc:
    lines = list(src.lines(start, end))
    title: list[Line] = []
    history: list[Line] = []
    preamble = None
    for line in lines[1:]:
        if _PREAMBLE.match(line.text):
            preamble = line
            break
        if history and re.search(r"）\d*$", history[-1].text):
            break
        (history if history or re.match(r"^（.*年", line.text) else title).append(line)
    number = int(re.search(r"\d+", lines[0].text).group())  # type: ignore[union-attr]
    heading = re.sub(r"(?<=）)\d+$", "", lines[0].text)
    taken_out = [f.span for f in src.footnotes_in(start, end)] + [f.span for f in src.figures_in(start, end)]
    last = max([lines[-1].number] + [span.end for span in taken_out])  # footnotes and figures included
    return _Doc(number, heading, start, last, end, status, title, history, preamble)


def _doc_history(src: Source, doc: _Doc) -> tuple[RevisionEvent, ...]:
    """The history as printed: a footnote marker on an entry ("2009年1") gives it the footnote as note."""
    footnotes = {f.number: f.text_zh for f in src.footnotes_in(doc.start, doc.limit)}
    text = join_wrapped([src.printed(line.number).strip() for line in doc.history_lines])
    events = list(parse_history(text, footnotes))
    marker = re.search(r"）(\d+)$", text)
    if marker:  # Res 1: "（2022年，日内瓦）1", footnote 1 "此前的出版情况（1956年和1958年，日内瓦；…）"
        earlier = re.search(r"（.+）", footnotes[int(marker.group(1))])
        if earlier is None:
            raise ValueError(f"footnote {marker.group(1)} of {doc.heading} holds no history")
        events = list(parse_history(earlier.group(), footnotes)) + events
    return tuple(sorted(events, key=lambda e: e.year))


# --------------------------------------------------------------------------- body and annexes


def _body(src: Source, doc: _Doc, stop: int) -> list[Clause]:
    """Clauses of the blocks and annexes from the preamble line to ``stop`` (exclusive)."""
    if doc.preamble is None:
        return []
    lines = list(src.lines(doc.preamble.number + 1, stop - 1))
    cut = next((i for i, line in enumerate(lines) if _CLOSING.match(line.text)), len(lines))
    parser = _BodyParser()
    parser.feed(lines[:cut])
    clauses = parser.clauses(src.name)
    annexes: list[list[Line]] = []
    for line in lines[cut:]:
        if _ANNEX.match(line.text) or (not annexes and not _CLOSING.match(line.text)):
            annexes.append([line])
        elif not _CLOSING.match(line.text):
            annexes[-1].append(line)
    for annex in annexes:
        clauses += _annex(src, annex)
    return clauses


def _annex(src: Source, lines: list[Line]) -> list[Clause]:
    """One annex: its clause, with its items under it when it is a plain numbered list."""
    head, body = lines[0], lines[1:]
    label = m.group(1) if (m := _ANNEX.match(head.text)) else None
    kind = "attachment" if head.text == "后附资料" else "annex"
    title: list[str] = []
    while body and not _ITEM.match(body[0].text) and not re.match(r"^第\d+部分", body[0].text):
        title.append(body[0].text)  # a title line wrapped in the PDF ends with a space
        if not src.raw(body.pop(0).number).endswith(" "):
            break
    block = _Block(kind, head.text, base=f"{kind}-{label}" if label else kind)
    annex = _Draft(block, label, title=join_wrapped(title) or None, start=head.number, end=lines[-1].number)
    parser = _BodyParser(headings=False)
    parser.start(block, annex)
    parser.feed(body)
    items = parser.drafts[1:]
    paths = {(id(d.parent), d.seg) for d in items}
    if len(items) >= 2 and len(annex.lines) <= 3 and len(paths) == len(items):
        return parser.clauses(src.name)
    annex.lines = body
    parser.drafts = [annex]
    return [replace(parser.clauses(src.name)[0], text_zh=_paragraphs(annex.lines))]


def _paragraphs(lines: list[Line]) -> str:
    """Free text: one output line per item, bullet or paragraph (a line shorter than the measure)."""
    groups: list[list[str]] = []
    for line in lines:
        if not groups or _ITEM.match(line.text) or _BULLET.match(line.text) or _width(groups[-1][-1]) < 70:
            groups.append([])
        groups[-1].append(line.text)
    return "\n".join(join_wrapped(g) for g in groups)


# --------------------------------------------------------------------------- public API


def resolution1_sections_start(src: Source) -> int:
    """Line number of "第1节", where Resolution 1's numbered sections begin (and its preamble ends)."""
    res1 = next(d for d in _docs(src, _RES_HEADING) if d.number == 1)
    line = src.find(r"^第1节$", res1.start, res1.end)
    if line is None:
        raise ValueError("Resolution 1 has no 第1节")
    return line.number


def _parse(src: Source, doc: _Doc, stop: int) -> tuple[list[Clause], str, tuple[RevisionEvent, ...]]:
    return (
        _body(src, doc, stop),
        join_wrapped([line.text for line in doc.title_lines]),
        _doc_history(src, doc),
    )


def _resolution(src: Source, doc: _Doc) -> Resolution:
    res1 = doc.number == 1 and doc.status == "in_force"
    clauses, title, history = _parse(src, doc, resolution1_sections_start(src) if res1 else doc.end + 1)
    return Resolution(
        number=doc.number,
        heading_zh=doc.heading,
        title_zh=title,
        history=history,
        wtsa24_status=wtsa24_status(doc.heading, history) if doc.status == "in_force" else None,
        status=doc.status,
        span=Span(src.name, doc.start, doc.end),
        clauses=tuple(clauses),
        footnotes=tuple(src.footnotes_in(doc.start, doc.limit)),
        figures=tuple(src.figures_in(doc.start, doc.limit)),
    )


def document_spans(src: Source) -> list[tuple[int, int]]:
    """(heading line, last line before the next heading) of every Resolution and Opinion of part I."""
    return sorted(
        (d.start, d.limit) for pattern in (_RES_HEADING, _OPINION_HEADING) for d in _docs(src, pattern)
    )


def parse_resolutions(src: Source) -> list[Resolution]:
    """The Resolutions in force in source order, then the abrogated one(s) (heading, title, history)."""
    return [_resolution(src, doc) for doc in _docs(src, _RES_HEADING)]


def parse_opinions(src: Source) -> list[Opinion]:
    """The Opinions of part I (Opinion 1)."""
    out = []
    for doc in _docs(src, _OPINION_HEADING):
        clauses, title, history = _parse(src, doc, doc.end + 1)
        out.append(
            Opinion(
                doc.number,
                doc.heading,
                title,
                history,
                Span(src.name, doc.start, doc.end),
                tuple(clauses),
                tuple(src.footnotes_in(doc.start, doc.limit)),
                tuple(src.figures_in(doc.start, doc.limit)),
            )
        )
    return out


def parse_resolution7_alone(src001: Source) -> Resolution:
    """Resolution 7 from the file that holds it alone (001_…), parsed by the same rules."""
    return next(_resolution(src001, d) for d in _docs(src001, _RES_HEADING) if d.number == 7)
