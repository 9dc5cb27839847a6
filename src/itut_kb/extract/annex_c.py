"""Res. 2 Annex C as structured data: which Recommendations each entry makes its group responsible for.

:func:`itut_kb.extract.mandates.parse_annex_c` gives each entry's text as printed; :func:`apply_corrections`
repairs the defective ones from ``data/curated/annex_c_corrections.tsv``; :func:`read_entry` turns an
entry's text into **scopes**, each a set of Recommendation numbers given as an inclusive interval of
sortable keys (:mod:`itut_kb.numbering`):

============  ==============================================  =====================================  ===========
kind          printed                                         keys (low … high)                      specificity
============  ==============================================  =====================================  ===========
single        "ITU-T G.801"; each part of "D.103/E.231"       G.00801 … G.00801 (not G.801.1)        4
range         "ITU-T F.747.1 – ITU-T F.747.8"                 F.00747.00001 … F.00747.00008~         3
series        "ITU-T X.700系列"; "Q.10xx系列"; "Q.115系列"       X.00700 … X.00799~; Q.00115 … Q.00115~ 2
letter        "ITU-T M系列"                                   M. … M.~                               1
maintenance   "ITU-T S系列建议书的维护"                          S. … S.~                               1
============  ==============================================  =====================================  ===========

A numbered series takes its extent from the number's trailing zeros (X.700: X.700-X.799; G.1000:
G.1000-G.1999; I.350: I.350-I.359; "Q.10xx": Q.1000-Q.1099); a series on a number without trailing zero
(Q.115) covers that number and its sub-numbers. A range ends after the sub-numbers of its last number
(``~``, :data:`itut_kb.numbering.BELOW`). The most specific covering scope decides (see queries/lookup/owner.rq).

Grammar of an entry (every entry must be read completely, or the build stops):

- clauses are separated by "，" or "；" outside parentheses; a clause ending in "除外" is an exception to
  the clause before it, any other clause is a list of items separated by "、", "和", "以及", "及";
- an item is a series letter ("ITU-T E系列", "…系列建议书的维护" for maintenance), a number, a dual
  number ("ITU-T V.55/O.71"), a range ("ITU-T Q.800 – ITU-T Q.849"), or a number followed by "系列";
- "系列" (or "各系列") after the last of several numbers applies to each number right before it that can
  head a series (a whole number ending in 0), back to the first that cannot: "Y.1220、Y.1530、Y.1540、
  Y.1550和Y.1560系列" and "J.140、J.240和J.340各系列" are five and three series, but in "G.801、G.802、
  G.860系列" and "Y.1501和Y.1700系列" only the last number is a series (as the English original reads);
- a parenthesis after an item: "（ITU-T X.292除外）" excepts from that item, "（包括ITU-T G.820/I.351/
  Y.1501）" names further single Recommendations of the entry, "（与ITU-T第3研究组共同负责）" makes every
  item of its clause a joint responsibility with that group;
- an exception clause names Recommendations ("ITU-T G.160系列和ITU-T G.180系列除外": each is attached to
  the scope of the previous clause that contains it) or groups ("ITU-T第2、13和21研究组负责的建议书除外":
  kept as ``except_groups`` of the previous clause's series and letter scopes; they need no resolution,
  since those groups' own scopes are more specific, and a check verifies that). What cannot be resolved
  to numbers ("其它系列中以两位/三位数字编号的建议书") is kept as text.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from itut_kb import numbering
from itut_kb.errors import InvalidParameterError
from itut_kb.extract.model import AnnexCEntry, AnnexCNote
from itut_kb.numbering import BELOW, RecNumber

SPECIFICITY = {"single": 4, "range": 3, "series": 2, "letter": 1, "maintenance": 1}

_PREFIX = r"(?:ITU[- ]?T\s*)?"
_PART = r"[A-Z]\.\d+(?:\.\d+)*(?:之二)?"
_NUMBER = rf"{_PREFIX}(?:[A-Z]\.\d+xx|{_PART}(?:/{_PREFIX}{_PART})*)"
_ITEM = re.compile(
    r"\s*(?:ITU-T (?P<letter>[A-Z])系列(?P<maintenance>建议书的维护)?(?:建议书)?"
    rf"|(?P<first>{_NUMBER})(?:\s*–\s*(?P<last>{_NUMBER}))?(?P<series>各系列|系列)?(?:建议书)?)"
    r"(?P<paren>（[^）]*）)?"
)
_SEPARATOR = re.compile(r"\s*(?:、|以及|和|及)\s*")
_GROUP_EXCEPTION = re.compile(
    r"^(?:与ITU-T第(?P<joint>\d+)研究组共同制定的或)?(?:ITU-T)?第(?P<groups>\d+(?:[、和]\d+)*)研究组负责的建议书"
    r"(?:以及(?P<other>.+))?除外$"
)
_JOINT = re.compile(r"^（与ITU-T第(\d+)研究组共同负责）$")
_INCLUDING = re.compile(r"^（包括(.+)）$")
_EXCEPT = re.compile(r"^（(.+)除外）$")
_XX = re.compile(r"^([A-Z])\.(\d+)xx$")


class AnnexCReadingError(ValueError):
    """An Annex C entry (or a correction) that does not read as the grammar above."""


@dataclass(frozen=True)
class Scope:
    """A set of Recommendation numbers: keys ``low`` … ``high`` (inclusive) of one series letter."""

    kind: str  # single | range | series | letter | maintenance
    letter: str
    low: str
    high: str
    label: str  # "G.711", "G.710 – G.729", "X.700 series (X.700 – X.799)", "M series"
    dual: str | None = None  # the whole printed number of a dual-numbered Recommendation: "D.103/E.231"
    exceptions: tuple[Scope, ...] = ()
    except_groups: tuple[str, ...] = ()
    unresolved_exception_zh: str | None = None
    joint_with: tuple[str, ...] = ()

    @property
    def specificity(self) -> int:
        return SPECIFICITY[self.kind]

    def covers(self, key: str) -> bool:
        return self.low <= key <= self.high and not any(e.low <= key <= e.high for e in self.exceptions)

    def contains(self, other: Scope) -> bool:
        return self.letter == other.letter and self.low <= other.low and other.high <= self.high


@dataclass(frozen=True)
class Correction:
    group: str
    ordinal: int
    source_text: str  # the defective part, exactly as printed
    corrected_text: str
    why: str


@dataclass(frozen=True)
class EntryReading:
    """One Annex C entry (its text corrected where curated) and the scopes it assigns to its group."""

    entry: AnnexCEntry
    scopes: tuple[Scope, ...]
    printed_text: str | None = None  # the text as printed, where a correction applied
    editorial_note: str | None = None  # why it was corrected
    notes: tuple[AnnexCNote, ...] = field(default=())


# --- corrections ---------------------------------------------------------------------------


def load_corrections(path: Path) -> list[Correction]:
    """The curated corrections (TSV: group, ordinal, source_text, corrected_text, why; "#" rows are comments)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [
            r
            for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            if not r["group"].startswith("#")
        ]
    return [
        Correction(r["group"], int(r["ordinal"]), r["source_text"], r["corrected_text"], r["why"])
        for r in rows
    ]


def apply_corrections(
    entries: Iterable[AnnexCEntry], corrections: Iterable[Correction]
) -> list[tuple[AnnexCEntry, Correction | None]]:
    """Each entry with its text corrected, and the correction applied to it (if any).

    A correction whose source text does not occur exactly once in its entry stops the build: the source
    changed, and the correction must be looked at again.
    """
    by_entry = {(c.group, c.ordinal): c for c in corrections}
    out: list[tuple[AnnexCEntry, Correction | None]] = []
    for entry in entries:
        correction = by_entry.pop((entry.group, entry.ordinal), None)
        if correction is None:
            out.append((entry, None))
            continue
        if entry.text_zh.count(correction.source_text) != 1:
            raise AnnexCReadingError(
                f"correction of {entry.group} Annex C entry {entry.ordinal}: {correction.source_text!r} "
                f"does not occur exactly once in {entry.text_zh!r}"
            )
        text = entry.text_zh.replace(correction.source_text, correction.corrected_text)
        out.append((replace(entry, text_zh=text), correction))
    if by_entry:
        raise AnnexCReadingError(f"corrections for Annex C entries that do not exist: {sorted(by_entry)}")
    return out


def read_annex_c(
    entries: Iterable[AnnexCEntry], notes: Iterable[AnnexCNote], corrections: Iterable[Correction]
) -> list[EntryReading]:
    """Every entry, corrected and read into scopes; each note goes with the entry it follows."""
    notes = list(notes)
    readings = []
    for entry, correction in apply_corrections(entries, corrections):
        readings.append(
            EntryReading(
                entry,
                read_entry(entry.text_zh, entry.group),
                printed_text=None if correction is None else _printed(entry, correction),
                editorial_note=None if correction is None else correction.why,
            )
        )
    return [replace(r, notes=tuple(n for n in notes if note_entry(readings, n) is r)) for r in readings]


def _printed(corrected: AnnexCEntry, correction: Correction) -> str:
    return corrected.text_zh.replace(correction.corrected_text, correction.source_text)


def note_entry(readings: list[EntryReading], note: AnnexCNote) -> EntryReading:
    """The entry a note follows: the last entry of the note's group printed before it."""
    before = [r for r in readings if r.entry.group == note.group and r.entry.span.end < note.span.start]
    if not before:
        raise AnnexCReadingError(f"note {note.text_zh!r} follows no entry of {note.group}")
    return max(before, key=lambda r: r.entry.span.end)


# --- reading one entry ---------------------------------------------------------------------


@dataclass
class _Item:
    scopes: list[Scope]
    number: RecNumber | None = None  # a plain whole number (no dual, no sub-number): may head a series
    series: str | None = None  # "系列" / "各系列" printed after it
    paren: str | None = None


def read_entry(text: str, group: str = "") -> tuple[Scope, ...]:
    """The scopes of one entry's text (see the module docstring for the grammar)."""
    where = f"{group} Annex C entry {text!r}"
    scopes: list[Scope] = []
    previous: list[Scope] = []  # the scopes of the last list clause (exception clauses apply to them)
    for clause in _clauses(text):
        body = clause.removeprefix("和").strip()
        if body.endswith("除外"):
            _apply_exception_clause(body, previous, scopes, where)
            continue
        items = _items(body, where)
        clause_scopes: list[Scope] = []
        joint: tuple[str, ...] = ()
        for item in items:
            main, included, joint_here = _with_paren(item, where)
            clause_scopes += main + included
            joint = joint or joint_here
        if joint:
            clause_scopes = [replace(s, joint_with=joint) for s in clause_scopes]
        scopes += clause_scopes
        previous = clause_scopes
    if not scopes:
        raise AnnexCReadingError(f"{where}: no Recommendation read")
    return tuple(scopes)


def _clauses(text: str) -> list[str]:
    """Split at "，" and "；" outside parentheses."""
    out, depth, current = [], 0, ""
    for char in text:
        depth += char == "（"
        depth -= char == "）"
        if char in "，；" and depth == 0:
            out.append(current.strip())
            current = ""
        else:
            current += char
    out.append(current.strip())
    return [c for c in out if c]


def _items(body: str, where: str) -> list[_Item]:
    """The items of a list clause, with "系列" distributed (see the module docstring)."""
    items: list[_Item] = []
    pos = 0
    while True:
        match = _ITEM.match(body, pos)
        if not match or match.end() == pos:
            raise AnnexCReadingError(f"{where}: cannot read {body[pos:]!r}")
        items.append(_item(match, where))
        pos = match.end()
        if pos == len(body):
            break
        separator = _SEPARATOR.match(body, pos)
        if not separator:
            raise AnnexCReadingError(f"{where}: cannot read {body[pos:]!r}")
        pos = separator.end()
    _distribute_series(items, where)
    return items


def _item(match: re.Match[str], where: str) -> _Item:
    paren = match.group("paren")
    if match.group("letter"):
        kind = "maintenance" if match.group("maintenance") else "letter"
        return _Item([letter_scope(match.group("letter"), kind)], paren=paren)
    first, last, series = match.group("first"), match.group("last"), match.group("series")
    if last:
        if series:
            raise AnnexCReadingError(f"{where}: a range cannot be a series")
        return _Item([range_scope(_number(first, where), _number(last, where))], paren=paren)
    xx = _XX.match(_strip(first))
    if xx:
        if not series:
            raise AnnexCReadingError(f"{where}: {first!r} without 系列")
        return _Item(
            [series_scope(xx.group(1), int(xx.group(2)) * 100, f"{_strip(first)} series", 2)], paren=paren
        )
    parts = [_number(p, where) for p in first.split("/")]
    if series:
        if len(parts) > 1:
            raise AnnexCReadingError(f"{where}: a dual number cannot be a series")
        return _Item([numbered_series(parts[0])], series=series, paren=paren)
    dual = "/".join(p.text for p in parts) if len(parts) > 1 else None
    plain = parts[0] if dual is None and len(parts[0].parts) == 1 and not parts[0].bis else None
    return _Item([single_scope(p, dual) for p in parts], number=plain, paren=paren)


def _distribute_series(items: list[_Item], where: str) -> None:
    for index, item in enumerate(items):
        if not item.series:
            continue
        spread = 0
        for before in reversed(items[:index]):
            number = before.number
            if number is None or before.series or before.paren or number.parts[-1] % 10 != 0:
                break
            before.scopes = [numbered_series(number)]
            before.series, before.number = item.series, None
            spread += 1
        if item.series == "各系列" and spread == 0:
            raise AnnexCReadingError(f"{where}: 各系列 after a single number")


def _with_paren(item: _Item, where: str) -> tuple[list[Scope], list[Scope], tuple[str, ...]]:
    """The item's scopes (with a parenthesised exception applied), included scopes, joint groups."""
    paren = item.paren
    if paren is None:
        return item.scopes, [], ()
    joint = _JOINT.match(paren)
    if joint:
        return item.scopes, [], (f"SG{int(joint.group(1))}",)
    including = _INCLUDING.match(paren)
    if including:
        extra = [s for i in _items(including.group(1), where) for s in i.scopes]
        if any(s.kind != "single" for s in extra):
            raise AnnexCReadingError(f"{where}: only single Recommendations can be included: {paren!r}")
        return item.scopes, extra, ()
    excepted = _EXCEPT.match(paren)
    if excepted:
        exceptions = [s for i in _items(excepted.group(1), where) for s in i.scopes]
        return [_carve(item.scopes, exceptions, where)], [], ()
    raise AnnexCReadingError(f"{where}: cannot read {paren!r}")


def _carve(scopes: list[Scope], exceptions: list[Scope], where: str) -> Scope:
    if len(scopes) != 1 or not all(scopes[0].contains(e) for e in exceptions):
        raise AnnexCReadingError(f"{where}: an exception outside the scope it is taken from")
    return replace(scopes[0], exceptions=scopes[0].exceptions + tuple(exceptions))


def _apply_exception_clause(body: str, previous: list[Scope], scopes: list[Scope], where: str) -> None:
    """Attach "…除外" to the scopes of the previous list clause (in place, in ``scopes`` too)."""
    if not previous:
        raise AnnexCReadingError(f"{where}: an exception clause with nothing before it")
    groups = _GROUP_EXCEPTION.match(body)
    updated: dict[int, Scope] = {}
    if groups:
        names = [*([groups.group("joint")] if groups.group("joint") else []),
                 *re.split(r"[、和]", groups.group("groups"))]  # fmt: skip
        except_groups = tuple(sorted({f"SG{int(n)}" for n in names}, key=lambda g: int(g[2:])))
        targets = [i for i, s in enumerate(previous) if s.kind in {"series", "letter"}]
        if not targets:
            raise AnnexCReadingError(f"{where}: a group exception without a series to take it from")
        for i in targets:
            updated[i] = replace(
                previous[i], except_groups=except_groups, unresolved_exception_zh=groups.group("other")
            )
    else:
        for exception in (s for i in _items(body.removesuffix("除外"), where) for s in i.scopes):
            holders = [i for i, s in enumerate(previous) if s.contains(exception)]
            if not holders:
                raise AnnexCReadingError(f"{where}: {exception.label} is excepted from nothing")
            for i in holders:
                current = updated.get(i, previous[i])
                updated[i] = replace(current, exceptions=(*current.exceptions, exception))
    for i, scope in updated.items():
        scopes[scopes.index(previous[i])] = scope
        previous[i] = scope


# --- scopes --------------------------------------------------------------------------------


def _strip(text: str) -> str:
    return re.sub(rf"^{_PREFIX}", "", text.strip())


def _number(text: str, where: str) -> RecNumber:
    try:
        return numbering.parse(_strip(text).replace("之二", "bis"))
    except InvalidParameterError as exc:
        raise AnnexCReadingError(f"{where}: {exc.message}") from exc


def single_scope(number: RecNumber, dual: str | None = None) -> Scope:
    return Scope("single", number.letter, number.key, number.key, number.text, dual=dual)


def range_scope(first: RecNumber, last: RecNumber) -> Scope:
    if first.letter != last.letter or not first.key < last.key:
        raise AnnexCReadingError(f"not a range: {first} – {last}")
    return Scope("range", first.letter, first.key, last.key + BELOW, f"{first} – {last}")


def numbered_series(head: RecNumber) -> Scope:
    """ "X.700系列": X.700-X.799; "Q.115系列": Q.115 and its sub-numbers."""
    if len(head.parts) != 1 or head.bis:
        raise AnnexCReadingError(f"not a series head: {head}")
    number = head.parts[0]
    zeros = len(str(number)) - len(str(number).rstrip("0"))
    if zeros == 0:
        low = high = head
        label = f"{head} series ({head} and its sub-numbers)"
        return Scope("series", head.letter, low.key, high.key + BELOW, label)
    return series_scope(head.letter, number, f"{head} series", zeros)


def series_scope(letter: str, first: int, name: str, zeros: int) -> Scope:
    low, high = RecNumber(letter, (first,)), RecNumber(letter, (first + 10**zeros - 1,))
    return Scope("series", letter, low.key, high.key + BELOW, f"{name} ({low} – {high})")


def letter_scope(letter: str, kind: str = "letter") -> Scope:
    low, high = numbering.letter_key(letter)
    label = f"maintenance of the {letter} series" if kind == "maintenance" else f"{letter} series"
    return Scope(kind, letter, low, high, label)
