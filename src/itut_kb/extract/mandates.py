"""Resolution 2 (Rev. New Delhi, 2024): the study groups' mandates.

Resolution 2 carries three annexes, parsed here into plain records of :mod:`.model`:

- Annex A part 1 ("第1部分 – 总体研究领域"): each group's title and general area of study
  (:func:`parse_general_areas`, :func:`parse_resolution2_groups`);
- Annex A part 2 ("第2部分 – 具体研究领域的ITU-T领导研究组"): the lead-study-group roles
  (:func:`parse_lead_roles`);
- Annex B: the guidance for the work programme, an introduction and one text per group
  (:func:`parse_guidance`);
- Annex C: the Recommendations each group (and TSAG) is responsible for, one entry per
  logical line, plus notes (:func:`parse_annex_c`).

All boundaries are found from the text (the headings named above, the group headings
"ITU-T第N研究组", the next Resolution's heading), never from line numbers.

Noise handled here, on top of what :class:`~itut_kb.extract.source.Source` already leaves
out (blank lines, running headers, page numbers, page-start space):

- the closing line "（第2号决议（2024年，新德里，修订版））" printed at the end of the
  resolution body and of Annexes A and B (Annex C has none: Resolution 7 follows directly);
- footnote text inserted where a page ends ("5 这些国家包括…" in Annex B): left out of the
  texts; the footnote markers glued to words ("发展中国家5") stay as printed.

Logical lines of running text (general areas, guidance): a new line starts at a bullet
("•"), a note ("注 –", "注1 –"), a numbered item ("1)"), a numbered section ("B.1 "), or
after a line that ends a sentence or introduces a list ("。", "："; not "；", which also
ends clauses inside a paragraph: "…PII保护；" / "并确立机制…"). Any other physical line
is a wrap, joined with :func:`~itut_kb.extract.source.join_wrapped`. Logical lines are
joined with "\n". A paragraph whose wrap happens to fall after "。" becomes two lines.

Annex C continuation rule (see :func:`_continues`): a physical line continues on the next
one when it ends with a dangling "ITU-T", a list separator ("、", "，", "；"), a range
dash ("–"), a conjunction ("和", "及", "与", "或") or leaves a parenthesis open.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from itut_kb.extract.model import (
    AnnexCEntry,
    AnnexCNote,
    GeneralArea,
    GroupTitle,
    GuidanceText,
    LeadRole,
    Span,
)
from itut_kb.extract.source import Line, Source, join_wrapped

# --- headings and boundaries -------------------------------------------------------------

_RES2_HEADING = re.compile(r"^第2号决议（[^）]*）$")
_ANY_RES_HEADING = re.compile(r"^第\d+号决议（[^）]*）\d*$")
_CLOSING_LINE = re.compile(r"^（第2号决议（[^）]*））$")
_ANNEX_A = re.compile(r"^附件A$")
_PART_1 = re.compile(r"^第1部分 – 总体研究领域$")
_PART_2 = re.compile(r"^第2部分 – 具体研究领域的ITU-T领导研究组$")
_ANNEX_B = re.compile(r"^附件B$")
_ANNEX_C = re.compile(r"^附件C$")

_SG_HEADING = re.compile(r"^ITU-T第(\d+)研究组$")
_ANNEX_C_HEADING = re.compile(r"^ITU-T第(\d+)研究组$|^TSAG$")
_ROLE_GROUP_PREFIX = re.compile(r"^第(\d+)研究组\s+")
_ROLE_END = "领导研究组"

# --- logical lines -----------------------------------------------------------------------

_LINE_START_MARKER = re.compile(r"^(•|注\d*\s*–|\d+\)|[A-Z]\.\d+ )")
_SENTENCE_END = ("。", "：")
_FOOTNOTE = re.compile(r"^\d{1,2} \S")
_NOTE = re.compile(r"^注\d*\s*–")
_DANGLING_ITU_T = re.compile(r"ITU[- ]T$")
_CONTINUING_END = ("、", "，", "；", "–", "和", "及", "与", "或")


@dataclass(frozen=True)
class Resolution2Bounds:
    """Line numbers (1-based, inclusive) of Resolution 2 and its annexes' parts."""

    res_start: int
    res_end: int
    part1: int  # "第1部分 – 总体研究领域" line
    part2: int  # "第2部分 – …领导研究组" line
    annex_b: int
    annex_c: int


def sg(number: str | int) -> str:
    """The group id of study group ``number``: "SG17"."""
    return f"SG{int(number)}"


def resolution2_bounds(src: Source) -> Resolution2Bounds:
    """Locate Resolution 2 and the headings of its annexes by their text."""
    start = src.require(_RES2_HEADING, "Resolution 2 heading", 1, None).number
    following = src.find(_ANY_RES_HEADING, start + 1)
    end = (following.number - 1) if following else len(src)
    annex_a = src.require(_ANNEX_A, "附件A", start, end).number
    part1 = src.require(_PART_1, "Annex A part 1", annex_a, end).number
    part2 = src.require(_PART_2, "Annex A part 2", part1, end).number
    annex_b = src.require(_ANNEX_B, "附件B", part2, end).number
    annex_c = src.require(_ANNEX_C, "附件C", annex_b, end).number
    return Resolution2Bounds(start, end, part1, part2, annex_b, annex_c)


def _content(src: Source, start: int, end: int) -> list[Line]:
    """Content lines of ``start..end`` without the closing "（第2号决议…）" line and footnotes."""
    lines = [line for line in src.lines(start, end) if not _CLOSING_LINE.match(line.text)]
    return [line for line in lines if not _is_footnote(src, line)]


def _is_footnote(src: Source, line: Line) -> bool:
    """A footnote text inserted at a page end: "5 这些国家…" followed by a page break.

    A page break is the next non-blank raw line starting with the page-start space, a
    running header or a page number; or the next line is itself such a footnote. Numbered
    paragraphs ("4 ITU-T各研究组应…") are not footnotes: no page break follows them.
    """
    if not _FOOTNOTE.match(line.text):
        return False
    for number in range(line.number + 1, len(src) + 1):
        raw = src.raw(number)
        if not raw.strip():
            continue
        if src.is_noise(number) or raw.startswith(" "):
            return True
        return _is_footnote(src, Line(number, raw.strip()))
    return True


def _sections(lines: list[Line], heading: re.Pattern[str]) -> Iterator[tuple[Line, list[Line]]]:
    """Split ``lines`` at headings: (heading line, the lines up to the next heading).

    Lines before the first heading (an annex title) are dropped.
    """
    current: Line | None = None
    body: list[Line] = []
    for line in lines:
        if heading.match(line.text):
            if current is not None:
                yield current, body
            current, body = line, []
        elif current is not None:
            body.append(line)
    if current is not None:
        yield current, body


def _group_of(heading: Line) -> str:
    """The group id of an "ITU-T第N研究组" or "TSAG" heading line."""
    match = _SG_HEADING.match(heading.text)
    return sg(match.group(1)) if match else heading.text


def _paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Group physical lines of running text into logical lines (see the module docstring)."""
    out: list[list[Line]] = []
    for line in lines:
        starts_new = (
            not out or bool(_LINE_START_MARKER.match(line.text)) or out[-1][-1].text.endswith(_SENTENCE_END)
        )
        if starts_new:
            out.append([line])
        else:
            out[-1].append(line)
    return out


def _running_text(lines: list[Line]) -> str:
    """Running text: logical lines joined with "\\n", wraps joined with join_wrapped."""
    return "\n".join(join_wrapped([line.text for line in para]) for para in _paragraphs(lines))


def _span(src: Source, first: Line, last: Line) -> Span:
    return Span(src.name, first.number, last.number)


# --- Annex A part 1 ----------------------------------------------------------------------


def parse_general_areas(src: Source) -> list[GeneralArea]:
    """Annex A part 1: per study group, its title and general area of study.

    The title is the line under "ITU-T第N研究组"; the text is everything after it up to the
    next group (bullets on their own lines). Span: the heading line to the text's last line.
    """
    bounds = resolution2_bounds(src)
    lines = _content(src, bounds.part1 + 1, bounds.part2 - 1)
    areas = []
    for heading, body in _sections(lines, _SG_HEADING):
        if len(body) < 2:
            raise ValueError(f"{src.name}:{heading.number}: group without title or text")
        title, text = body[0], body[1:]
        areas.append(
            GeneralArea(
                group=_group_of(heading),
                title_zh=title.text,
                text_zh=_running_text(text),
                span=_span(src, heading, body[-1]),
            )
        )
    return areas


def parse_resolution2_groups(src: Source) -> list[GroupTitle]:
    """The group titles as Annex A part 1 prints them; span: the heading and title lines."""
    bounds = resolution2_bounds(src)
    lines = _content(src, bounds.part1 + 1, bounds.part2 - 1)
    return [
        GroupTitle(_group_of(heading), body[0].text, _span(src, heading, body[0]))
        for heading, body in _sections(lines, _SG_HEADING)
        if body
    ]


# --- Annex A part 2 ----------------------------------------------------------------------


def parse_lead_roles(src: Source) -> list[LeadRole]:
    """Annex A part 2: the lead-study-group roles, in order, numbered within each group.

    A line "第N研究组 有关…" opens group N; a role ends with "领导研究组" and may wrap over
    several lines (joined with join_wrapped). Span: the role's own lines.
    """
    bounds = resolution2_bounds(src)
    roles: list[LeadRole] = []
    group: str | None = None
    pending: list[Line] = []
    pieces: list[str] = []
    for line in _content(src, bounds.part2 + 1, bounds.annex_b - 1):
        text = line.text
        prefix = _ROLE_GROUP_PREFIX.match(text)
        if prefix:
            if pending:
                raise ValueError(f"{src.name}:{pending[0].number}: role does not end with {_ROLE_END}")
            group, text = sg(prefix.group(1)), text[prefix.end() :]
        if group is None:
            raise ValueError(f"{src.name}:{line.number}: role line before any group")
        pending.append(line)
        pieces.append(text)
        if text.endswith(_ROLE_END):
            ordinal = sum(1 for role in roles if role.group == group) + 1
            span = _span(src, pending[0], pending[-1])
            roles.append(LeadRole(group, ordinal, join_wrapped(pieces), span))
            pending, pieces = [], []
    if pending:
        raise ValueError(f"{src.name}:{pending[0].number}: role does not end with {_ROLE_END}")
    return roles


# --- Annex B -----------------------------------------------------------------------------


def parse_guidance(src: Source) -> list[GuidanceText]:
    """Annex B: the introduction (title, B.1, B.2; group None), then one text per group.

    The introduction's first line is its title and stays a line of its own.
    The introduction's span runs from its title line; a group's from its heading line.
    Footnotes inserted at page ends are left out.
    """
    bounds = resolution2_bounds(src)
    lines = _content(src, bounds.annex_b + 1, bounds.annex_c - 1)
    first_group = next((i for i, line in enumerate(lines) if _SG_HEADING.match(line.text)), len(lines))
    intro = lines[:first_group]
    if not intro:
        raise ValueError(f"{src.name}:{bounds.annex_b}: Annex B without introduction")
    title, rest = intro[0], intro[1:]
    intro_text = "\n".join([title.text, _running_text(rest)]) if rest else title.text
    texts = [GuidanceText(None, intro_text, _span(src, title, intro[-1]))]
    for heading, body in _sections(lines[first_group:], _SG_HEADING):
        if not body:
            raise ValueError(f"{src.name}:{heading.number}: group without guidance text")
        texts.append(GuidanceText(_group_of(heading), _running_text(body), _span(src, heading, body[-1])))
    return texts


# --- Annex C -----------------------------------------------------------------------------


def _open_parens(text: str) -> int:
    """How many parentheses (full- or half-width) ``text`` leaves open."""
    return text.count("（") + text.count("(") - text.count("）") - text.count(")")


def _continues(previous: str) -> bool:
    """Whether an Annex C line whose text so far is ``previous`` goes on on the next line.

    It does when it ends with a dangling "ITU-T" (the number follows on the next line), a
    list separator "、"/"，"/"；", a range dash "–", a conjunction "和"/"及"/"与"/"或", or
    leaves a parenthesis open ("…G.760系列（包括ITU-T" / "G.769/Y.1242）…").
    """
    text = previous.rstrip()
    return bool(_DANGLING_ITU_T.search(text)) or text.endswith(_CONTINUING_END) or _open_parens(text) > 0


def _logical_lines(lines: list[Line]) -> list[list[Line]]:
    """Group Annex C physical lines into logical lines by :func:`_continues`."""
    out: list[list[Line]] = []
    joined = ""
    for line in lines:
        if out and _continues(joined):
            out[-1].append(line)
            joined = join_wrapped([joined, line.text])
        else:
            out.append([line])
            joined = line.text
    return out


def parse_annex_c(src: Source) -> tuple[list[AnnexCEntry], list[AnnexCNote]]:
    """Annex C: per group (study groups and TSAG) its entries and its notes ("注 – …").

    Lines before the first group heading (the annex title, itself wrapped) are skipped.
    Text is kept exactly as printed (wraps joined with join_wrapped, nothing corrected).
    Ordinals count entries, not notes, from 1 within each group. Span: the physical lines.
    """
    bounds = resolution2_bounds(src)
    lines = _content(src, bounds.annex_c + 1, bounds.res_end)
    entries: list[AnnexCEntry] = []
    notes: list[AnnexCNote] = []
    for heading, body in _sections(lines, _ANNEX_C_HEADING):
        group = _group_of(heading)
        ordinal = 0
        for logical in _logical_lines(body):
            text = join_wrapped([line.text for line in logical])
            span = _span(src, logical[0], logical[-1])
            if _NOTE.match(text):
                notes.append(AnnexCNote(group, text, span))
            else:
                ordinal += 1
                entries.append(AnnexCEntry(group, ordinal, text, span))
    return entries, notes
