"""Whom an operative text instructs, read from the text itself: names of curated actors, one after another.

Where a block heading names nobody, its items name their addressees themselves, at their start:
"责成 / 1 ITU-T第2研究组促进…", "2 TSAG继续：…", "要求 / 1 秘书长按照…". Items of "做出决议" often
instruct inline, after a verb: "责成ITU-T第3研究组继续研究…", "请TSB主任…", "鼓励ITU-T各研究组…"
(after "继续"/"进一步"/"还"/"并"/"同时"/"酌情", if any). The WTSA-24 actions do so after "WTSA-24责成/请/
要求/鼓励" and after "并请…".

Names are read one after another from the start: a study group or a list of them by pattern
("ITU-T第2、第3和第12研究组"), any other actor by the longest name ``data/curated/actors.tsv`` knows; an
abbreviation in parentheses after a name ("电信标准化顾问组（TSAG）") is skipped; names are separated by
"、", "和", "以及", "及" ("及需要时" included). Reading stops at the first word that is no name. Then:

- "（特别是…）" / "（尤其是…）" or "，特别是…" / "，尤其是…" right after the names: those names are addressees
  too, singled out (``particular``): "ITU-T各研究组（特别是第13、17和20研究组）";
- "与X…协作" (or 合作, 协调, 协同工作, 开展协作, with 密切/紧密 before) right after the names, a qualifier
  such as "在各自职权范围内，" or "作为该问题的领导研究组，" allowed between: X are collaborators, not
  addressees, and so are the names singled out inside the collaboration: "请电信标准化局主任与TSAG协作"
  addresses the Director only.

Names followed by "的", "主席", "区域组" … are part of a longer name the table does not know
("ITU-T各研究组主席"): nothing is read then (the table must learn the longer name).

A verb followed by no name ("鼓励采取必要的措施") is an instruction to nobody in particular: such clauses are
listed, with the reason, in ``data/curated/unaddressed_clauses.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from itut_kb.extract.actors import ActorTable
from itut_kb.extract.model import Clause

_VERB = re.compile(r"^(?:继续|进一步|还|并|同时|酌情|因此)?(责成|请|要求|鼓励|呼吁|敦促)")
# what a resolves item's verb does, named as the block it would head
VERB_KINDS = {
    "责成": "instructs",
    "请": "invites",
    "要求": "requests",
    "鼓励": "encourages",
    "呼吁": "calls-upon",
    "敦促": "calls-upon",
}
_ACTION_VERB = re.compile(r"WTSA-24(?:还)?(?:责成|请|要求|鼓励)|[，；]并(?:请|要求|鼓励)")
_SEPARATOR = re.compile(r"^(?:、|以及|和|及(?:需要时)?)")
_ABBREVIATION = re.compile(r"^（[A-Za-z][A-Za-z\-]{0,14}）")
_SINGLED_OUT = re.compile(r"^(?:（(?:特别是|尤其是)|，(?:特别是|尤其是))")
_QUALIFIER = re.compile(
    r"^(?:在其?各自(?:的)?职权范围内|在其职权范围内|各自在其职权内|在各自职责范围内|酌情|作为[^，。；]{1,20})，?"
)
# a name that goes on ("ITU-T各研究组的区域组", "…研究组主席"): the addressee is another, unknown to the table
_NAME_GOES_ON = re.compile(r"^(?:的|主席|副主席|领导|管理|秘书处|区域组)")
_WITH = re.compile(r"^(?:与|协同)")
_TOGETHER = re.compile(r"^(?:的)?(?:密切|紧密|充分)?(?:地)?(?:开展)?(?:协作|合作|协调|协同工作|协同)")


@dataclass(frozen=True)
class Instructed:
    """Names (as printed, normalised as the table knows them) of those a text instructs."""

    addressees: tuple[str, ...] = ()
    particular: tuple[str, ...] = ()  # addressees singled out with 特别是/尤其是
    collaborators: tuple[str, ...] = ()

    def __add__(self, other: Instructed) -> Instructed:
        return Instructed(
            _unique(self.addressees + other.addressees),
            _unique(self.particular + other.particular),
            _unique(self.collaborators + other.collaborators),
        )


class InstructionReader:
    """Reads :class:`Instructed` off texts with the names an :class:`ActorTable` knows."""

    def __init__(self, table: ActorTable) -> None:
        self.table = table

    def at_start(self, text: str) -> Instructed:
        """The names a text starts with ("ITU-T第2研究组促进…"), singled-out names and collaborators."""
        names, i = self._names(text, 0)
        if not names or _NAME_GOES_ON.match(text[i:]):
            return Instructed()
        particular: list[str] = []
        if m := _SINGLED_OUT.match(text[i:]):
            found, j = self._names(text, i + m.end())
            if found:
                particular, i = found, j + (1 if text[j : j + 1] == "）" else 0)
        partners, i = self._partners(text, i)
        return Instructed(_unique(names + particular), tuple(particular), tuple(partners))

    def after_verb(self, text: str) -> tuple[str, Instructed] | None:
        """For a text that opens with an instruction ("责成ITU-T第3研究组…", "继续请ISO和IEC…"), what its
        verb does ("instructs", "invites" …) and whom it addresses (maybe nobody: "鼓励采取必要的措施");
        None for a text that does not."""
        m = _VERB.match(text)
        return (VERB_KINDS[m.group(1)], self.at_start(text[m.end() :])) if m else None

    def in_action(self, text: str) -> Instructed:
        """Whom an action instructs: the names after each "WTSA-24责成/请/要求/鼓励" and "并请…"."""
        out = Instructed()
        for verb in _ACTION_VERB.finditer(text):
            out = out + self.at_start(text[verb.end() :])
        return out

    def _names(self, text: str, i: int) -> tuple[list[str], int]:
        names: list[str] = []
        while (found := self.table.name_at_start(text[i:])) is not None:
            names += found[0]
            i += found[1]
            if m := _ABBREVIATION.match(text[i:]):
                i += m.end()
            sep = _SEPARATOR.match(text[i:])
            if sep is None or self.table.name_at_start(text[i + sep.end() :]) is None:
                break
            i += sep.end()
        return names, i

    def _partners(self, text: str, i: int) -> tuple[list[str], int]:
        """Collaborators named right after the addressees: "与X（尤其是Y）密切协作"."""
        start = i
        if m := _QUALIFIER.match(text[i:]):
            i += m.end()
        if not (m := _WITH.match(text[i:])):
            return [], start
        partners, j = self._names(text, i + m.end())
        if partners and (s := _SINGLED_OUT.match(text[j:])):
            more, k = self._names(text, j + s.end())
            partners, j = partners + more, k + (1 if text[k : k + 1] == "）" else 0)
        if not partners or not _TOGETHER.match(text[j:]):
            return [], start
        return partners, j


def _unique(names: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


DIRECTIVE_KINDS = frozenset(
    {"instructs", "instructs-further", "invites", "invites-further", "requests", "encourages", "calls-upon"}
)
RESOLVING_KINDS = frozenset({"resolves", "resolves-further"})


def address_clauses(clauses: tuple[Clause, ...], reader: InstructionReader) -> tuple[Clause, ...]:
    """The clauses with the addressees their own text names, where their block heading names none.

    An item of a directive block (instructs, invites, requests …) names its addressees at its start; a
    sub-item that names none has its parent item's. An item of resolves names them after its verb, whose
    kind it keeps (``verb``: "instructs" for 责成 …), addressees or not.
    """
    out: list[Clause] = []
    read: dict[str, Instructed] = {}
    for item in clauses:
        found: Instructed | None = None
        clause = item
        if item.addressees_zh or item.block is None:
            pass
        elif item.block in DIRECTIVE_KINDS:
            found = reader.at_start(item.text_zh)
            if not found.addressees and item.parent_key in read:
                found = read[item.parent_key]
        elif item.block in RESOLVING_KINDS and (verb := reader.after_verb(item.text_zh)):
            clause = replace(item, verb=verb[0])
            found = verb[1]
        if found is None or not found.addressees:
            out.append(clause)
            continue
        read[clause.key] = found
        out.append(
            replace(
                clause,
                addressees_zh=found.addressees,
                particular_zh=found.particular,
                collaborators_zh=found.collaborators,
            )
        )
    return tuple(out)
