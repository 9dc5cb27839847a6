"""What the parsers hand over: plain records of the proceedings, before any RDF.

Parsers (one module per part of the proceedings) return these; ``itut_kb.extract.graph``
turns them into triples. Keeping the two apart lets each parser be tested against the
source text alone, and keeps the IRI scheme in one place.

Every record carries a :class:`Span` (file and 1-based inclusive line range) so that
every entity in the KB has its provenance.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    file: str
    start: int
    end: int


@dataclass(frozen=True)
class FootnoteMarker:
    """Where a footnote is called: the line and the characters of its number in that line (0-based,
    end exclusive; a space the PDF put before the number is part of it)."""

    line: int
    start: int
    end: int


@dataclass(frozen=True)
class Footnote:
    """A footnote of a document: its number, its text as printed, its lines and the markers calling it."""

    number: int
    text_zh: str
    span: Span
    markers: tuple[FootnoteMarker, ...]


@dataclass(frozen=True)
class Figure:
    """A figure or table of a document: its number and caption as printed, its lines (caption, and the
    words of the picture or the cells of the table the PDF text gives), its legend and, for a table, its
    text."""

    kind: str  # "figure" | "table"
    number: str  # "9.1", "7.1a", "1-1", "I.1", "3a"
    caption_zh: str
    span: Span
    caption_line: int
    notes_zh: tuple[str, ...] = ()
    text_zh: str | None = None


@dataclass(frozen=True)
class RevisionEvent:
    """One entry of a revision history: "（1993年，赫尔辛基；…）" or a footnoted TSAG change "2009年1"."""

    year: int
    city_zh: str | None
    note_zh: str | None = None  # footnote text, where the entry carries a footnote marker


@dataclass(frozen=True)
class Clause:
    """A numbered, addressable piece of text.

    ``key`` is unique within its document and stable: for block clauses
    "<block>-<n>.<item>", e.g. "considering-a", "resolves-3", "instructs-2.1" (n counts
    blocks of the same kind within the document, from 1, and is left out when there is
    one); for numbered sections the number itself, e.g. "9.3.3", "I.1.5", "A.2".
    """

    key: str
    text_zh: str
    span: Span
    number: str | None = None  # as printed: "a)", "1", "2)", "9.3.3", "b)之二"
    block: str | None = (
        None  # considering | recognizing | noting | recalling | resolves | instructs | invites | requests | encourages | ... ; None for sections
    )
    heading_zh: str | None = None  # the block's heading as printed, e.g. "责成第17研究组"
    block_ordinal: int | None = None  # which block of its kind (from 1), where the kind occurs more than once
    addressees_zh: tuple[str, ...] = ()  # one name each, e.g. ("第17研究组",), ("电信标准化局主任",)
    collaborators_zh: tuple[str, ...] = ()  # whom the addressees are to work with ("与…协作")
    # addressees singled out ("特别是…", "尤其是…"), also in addressees_zh
    particular_zh: tuple[str, ...] = ()
    # a resolves item that opens with an instruction: "instructs" (责成), "invites" (请) …
    verb: str | None = None
    title_zh: str | None = None  # a section's or clause's heading, e.g. "会议的频次"
    parent_key: str | None = None  # "9.3" for "9.3.3"; None at top level


@dataclass(frozen=True)
class Resolution:
    number: int
    heading_zh: str  # "第2号决议（2024年，新德里，修订版）"
    title_zh: str
    history: tuple[RevisionEvent, ...]
    wtsa24_status: str | None  # "new" | "revised" | "unchanged" (itut_kb.extract.adoption); None if abrogated
    status: str  # "in_force" | "abrogated"
    span: Span
    clauses: tuple[Clause, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    figures: tuple[Figure, ...] = ()

    @property
    def revised_at_wtsa24(self) -> bool:
        """WTSA-24 revised it (a Resolution it adopted for the first time is new, not revised)."""
        return self.wtsa24_status == "revised"


@dataclass(frozen=True)
class Opinion:
    number: int
    heading_zh: str
    title_zh: str
    history: tuple[RevisionEvent, ...]
    span: Span
    clauses: tuple[Clause, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    figures: tuple[Figure, ...] = ()


@dataclass(frozen=True)
class Action:
    number: int
    text_zh: str
    span: Span


@dataclass(frozen=True)
class GeneralArea:
    """Res. 2 Annex A part 1: a group's title and general area of study."""

    group: str  # "SG2" … "SG21"
    title_zh: str
    text_zh: str
    span: Span


@dataclass(frozen=True)
class LeadRole:
    """Res. 2 Annex A part 2: one lead-study-group role."""

    group: str
    ordinal: int  # 1-based within the group
    text_zh: str  # "有关安全的领导研究组"
    span: Span


@dataclass(frozen=True)
class GuidanceText:
    """Res. 2 Annex B: the guidance text, per group (``group`` None for the introduction B.1/B.2)."""

    group: str | None
    text_zh: str
    span: Span


@dataclass(frozen=True)
class AnnexCEntry:
    """Res. 2 Annex C: one logical line (wrapped lines joined), in the source's reading."""

    group: str  # "SG2" … "SG21", "TSAG"
    ordinal: int  # 1-based within the group
    text_zh: str
    span: Span


@dataclass(frozen=True)
class AnnexCNote:
    """Res. 2 Annex C: a note under a group's list ("注 – …"), kept as a note."""

    group: str
    text_zh: str
    span: Span


@dataclass(frozen=True)
class Question:
    group: str  # "SG17"
    provisional_id: str  # "A/17"
    final_id: str  # "1/17"
    title_zh: str
    span: Span


@dataclass(frozen=True)
class Post:
    """A chair or vice-chair post; ``holder``, ``name`` and ``honorific_zh`` None for a vacancy."""

    group: str  # "TSAG", "SG2" … "SG21", "SCV"
    role: str  # "chair" | "vice-chair"
    role_zh: str  # as printed: "主席", "副主席（中文）"
    holder: str | None  # the holder as printed, honorific included: "Ena DEKANIC女士", "魏亮 先生"
    member_state_zh: str | None
    span: Span
    name: str | None = None  # the holder's name alone: "Ena DEKANIC", "魏亮"
    honorific_zh: str | None = None  # the honorific as printed after the name: "女士", "先生"


@dataclass(frozen=True)
class GroupTitle:
    """A group's name as the management or Questions section prints it."""

    group: str
    title_zh: str
    span: Span


@dataclass(frozen=True)
class ASeriesDocument:
    """An A-series Recommendation (``kind`` "recommendation", ``number`` "A.1") or Supplement ("supplement", "2")."""

    kind: str
    number: str
    title_zh: str
    history: tuple[RevisionEvent, ...]
    span: Span
    clauses: tuple[Clause, ...] = field(default=())
    footnotes: tuple[Footnote, ...] = field(default=())
    figures: tuple[Figure, ...] = field(default=())
