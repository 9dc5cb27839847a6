"""What the Part VI parsers hand over: plain records of the Assembly's own record, before any RDF.

Part VI of the proceedings ("第六部分 全会的报告和文件") holds the reports of the four plenary meetings,
the reports of Committees 2 to 5 and a list of other documents. Its parsers (one module per kind of
report) return these records; :mod:`itut_kb.extract.record.rdf` turns them into triples. Like
:mod:`itut_kb.extract.model`, every record carries a :class:`Span`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from itut_kb.extract.model import Span
from itut_kb.extract.source import Line

MARKS = ("ADD", "MOD", "SUP", "NOC")


@dataclass(frozen=True)
class DocRef:
    """A reference to a document of the Assembly: "24号文件", "TD-48R1", "ADM-39 Rev.2", "37A2号文件".

    ``series`` is "C" (a contribution or plenary document, "N号文件", "Doc/N"), "TD" (a temporary
    document; the French "DT" too) or "ADM" (an administrative document: agendas).
    """

    series: str
    number: int
    revision: int | None = None
    addendum: int | None = None

    @property
    def key(self) -> str:
        """The stable key of the IRI: "C-24", "TD-48-R1", "C-37-A2"."""
        out = f"{self.series}-{self.number}"
        if self.addendum is not None:
            out += f"-A{self.addendum}"
        if self.revision is not None:
            out += f"-R{self.revision}"
        return out

    @property
    def label(self) -> str:
        """A readable name: "C-24", "TD-48 (Rev.1)", "C-37 (Add.2)"."""
        out = f"{self.series}-{self.number}"
        if self.addendum is not None:
            out += f" (Add.{self.addendum})"
        if self.revision is not None:
            out += f" (Rev.{self.revision})"
        return out

    @property
    def base(self) -> DocRef | None:
        """The document this one revises or adds to, or None for a base document."""
        if self.revision is None and self.addendum is None:
            return None
        return DocRef(self.series, self.number)


@dataclass(frozen=True)
class TextRef:
    """A text the record names, with the mark of the change proposed or approved.

    ``kind`` is "resolution" or "recommendation". ``designation`` is the number for a numbered text
    ("2", "A.25") or the provisional name of a new Resolution ("COM4/1", "NG", "COM3/APT-NG").
    """

    kind: str
    designation: str
    mark: str | None  # ADD | MOD | SUP | NOC, as printed; None where none is printed
    printed: str  # the reference as printed, e.g. "第COM4/CLI-CL)(ADD)"
    span: Span
    title_zh: str | None = None  # the title printed beside it, where a table prints one

    @property
    def provisional(self) -> bool:
        return self.kind == "resolution" and not self.designation.isdigit()


@dataclass(frozen=True)
class Item:
    """A numbered item of a report: an agenda item of a plenary meeting, a section of a committee report."""

    number: str  # "15.1"
    title_zh: str  # the heading as printed, wrapped lines joined
    text_zh: str  # the body, one paragraph per line
    span: Span  # heading to last body line
    lines: tuple[Line, ...] = field(default=(), compare=False, repr=False)  # body lines

    @property
    def parent(self) -> str | None:
        return self.number.rsplit(".", 1)[0] if "." in self.number else None


@dataclass(frozen=True)
class Annex:
    """An annex of a report: "附件1" and its title, then its lines."""

    label: str  # "1", "A"
    title_zh: str
    text_zh: str  # the body, one paragraph per line (empty for an annex whose content is not text)
    span: Span
    lines: tuple[Line, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class Meeting:
    """A meeting of the Assembly: a plenary (``body`` "plenary") or a committee meeting ("COM3")."""

    body: str
    number: int
    date: str  # ISO 8601, "2024-10-18"
    start: str | None  # "14:30", India Standard Time
    end: str | None
    span: Span
    chair_zh: str | None = None  # as printed, "Ritu Ranjan Mittar先生（印度）"
    opening_chair_zh: str | None = None
    report: DocRef | None = None  # the document of its report
    agenda: DocRef | None = None
    times_zh: str | None = None  # the times as printed, where more than one session
    note_zh: str | None = None  # a disagreement of the sources about this meeting, said in a sentence
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Report:
    """One report of Part VI: VI-1.1 … VI-2.4, or a report inside one (Committee 3's fifth meeting)."""

    key: str  # "VI-1.2", "VI-2.2", "VI-2.2-meeting-5"
    title_zh: str  # the heading of its section, "第二次和第三次全体会议报告"
    heading_zh: str  # the report's own title, "2024年10月18日和23日第二次和第三次全体会议报告"
    author_zh: str | None  # "WTSA-24主席", "第3委员会主席"
    span: Span
    items: tuple[Item, ...] = ()  # committee reports; a plenary report's items are its meetings'
    meetings: tuple[Meeting, ...] = ()
    annexes: tuple[Annex, ...] = ()
    published_as: DocRef | None = None


@dataclass(frozen=True)
class Batch:
    """A batch of texts: the Editorial Committee's series "B3" to the plenary, or Committee 4's to it."""

    source: str  # "COM5" (to the plenary) | "COM4" (to the Editorial Committee)
    number: int
    title_zh: str | None
    document: DocRef | None
    texts: tuple[TextRef, ...]
    span: Span

    @property
    def label(self) -> str:
        return f"B{self.number}" if self.source == "COM5" else f"COM4-{self.number}"


@dataclass(frozen=True)
class Officer:
    """A chair or vice-chair of the Assembly, one of its committees or working groups, as printed."""

    body: str  # "WTSA-24", "COM2" … "COM5", a working group "3B", "4A"
    role: str  # "chair" | "vice-chair"
    ordinal: int  # 1 for a chair; a vice-chair's position in the order printed
    name_zh: str | None  # "Faysal Bayouli先生"; None where the record does not name the holder
    member_state_zh: str | None  # as printed, e.g. "突尼斯", "韩国"
    organization: str | None  # the regional organization's abbreviation, e.g. "LAS"
    span: Span
    role_zh: str | None = None  # the post as printed where it says more, "法文副主席"


@dataclass(frozen=True)
class Decision:
    """A decision the record states: of a plenary (``body`` "plenary") or of a committee ("COM3").

    ``kind``: "text-approval" (the plenary approves a text of a batch), "text-agreement" (a committee
    agrees a text, with its mark), "document-approval", "noting", "appointment", "abrogation",
    "restructuring", "action-approval", "question-approval", "agreement" (any other procedural decision).
    """

    kind: str
    body: str
    meeting: int | None  # the meeting's number, where the record says which
    item: str | None  # the item of the meeting's report (or the row of a committee's table)
    ordinal: int  # 1-based within the item
    text_zh: str  # the sentence (or table row) that states it
    span: Span
    documents: tuple[DocRef, ...] = ()  # approved, noted or (agreements) the committee's and COM5's
    text: TextRef | None = None
    batch: str | None = None  # "B14"
    method: str | None = None  # "consensus" | "vote" | "acclamation"
    groups: tuple[str, ...] = ()  # restructuring: the groups merged
    kept: int | None = None  # restructuring: how many other groups are kept
    output: DocRef | None = None  # text-agreement: the Editorial Committee's document
    report: str | None = None  # a committee's decision: the key of the report that records it


@dataclass(frozen=True)
class VoteResult:
    """A row of the table of votes on candidates (annex 5 of the second and third plenaries' report)."""

    ordinal: int
    candidate: str  # "AFFLECK, Vincent" as printed
    member_state_zh: str
    votes: int  # 投票数量
    invalid: int  # 无效选票数量
    abstentions: int  # 弃权数量
    voting: int  # delegations present and voting for or against
    yes: int
    no: int
    span: Span


@dataclass(frozen=True)
class Statement:
    """A statement or declaration: an annex of a plenary report, or one recorded in a committee's report."""

    key: str  # "VI-1.2-annex-2", "VI-2.2-meeting-5-5-1"
    kind: str  # "statement" (an annex) | "reservation" | "objection" (recorded in a report)
    title_zh: str | None
    text_zh: str
    by_zh: tuple[str, ...]  # who makes it, as printed: ("乌克兰",), ("区域通信联合体执行委员会",)
    signatories_zh: tuple[str, ...]  # on whose behalf, as listed
    stated_count: int | None  # the number of states the heading or list states, where printed
    span: Span
    meeting: tuple[str, int] | None = None  # ("plenary", 2)
    item: str | None = None  # the item that records it
    supporters_zh: tuple[str, ...] = ()
    opponents_zh: tuple[str, ...] = ()
