"""Cross-references found in running text: WTSA Resolutions and ITU-T Recommendation numbers.

Recommendations: a number "<letter>.<digits>[.<digits>…]" is **marked** as an ITU-T Recommendation when
"ITU-T" (or the PDF's broken "ITU T") stands right before it, when "建议书" follows it, or when it
continues a dual number ("G.820/I.351/Y.1501"). "之二" after a number is the printed form of "bis".
A number followed by a letter or digit ("Q.10xx") is a pattern, not a Recommendation. A number without
these marks is **bare** ("E.164国家代码"): it is a citation only when the proceedings cite the same number as
a Recommendation elsewhere (decided by :class:`itut_kb.extract.citing.CitationContext`, which sees every
text), and never where its context makes it something else:

- a clause, figure or table number: "第B.6款", "见第A.3款", "C.5.7款", "图I.1", "表I.2", a heading
  "A.1 以下…" at the start of a line;
- another body's document: "ITU-R M.2160-0", "A/HRC/20/L.13".

A number after "ITU-R" or "ITU-D" is another Sector's, even with "建议书" after it ("ITU-R M.2160建议书").
Neither a marked nor a bare number is a citation when it bounds a scope rather than names a Recommendation:
the head of a series ("ITU-T X.800系列"; in "ITU-T J.140、ITU-T J.240和ITU-T J.340各系列" each number) and
either bound of a range ("ITU-T Y.1320 – ITU-T Y.1399").

Resolutions: "第N号决议" (or a list, "第44和48号决议", "第1、2号决议", "第44号和第54号决议", "第60、第100号决议"),
and the A-series' bracketed "[WTSA Res. 1]", "[b-WTSA Res. 1]", "[WTSA Res.2]", count as a WTSA Resolution
when N is a WTSA Resolution of the proceedings and the reference is not another body's: a date
"（YYYY年，city…）" right after it must be one of the assemblies of Resolution 2's own history (WTSA 1993 …
2024), and without a date no other body (Plenipotentiary, Council, WTDC, Radiocommunication Assembly, UN
General Assembly) may be named just before it in the same phrase. A parenthesis closes a phrase: in
"其他现行WTSA/理事会/PP决议（特别是规定所有ITU-T研究组职责的第2号决议）" the Council is named outside the
parenthesis that cites Resolution 2, and in "…（ICT）的第130号决议" a closed parenthesis is skipped over.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_REC = re.compile(
    r"(?P<prefix>ITU[- ]T\s?|/)?(?<![A-Za-z0-9.])(?P<letter>[A-Z])\.(?P<digits>\d+(?:\.\d+)*)"
    r"(?P<bis>之二|bis)?(?![A-Za-z0-9])(?P<suffix>建议书)?"
)
_SERIES_AFTER = re.compile(r"\s?各?系列")
_EACH_SERIES_AFTER = re.compile(r"\s?各系列")
_LIST_SEPARATOR = re.compile(r"^\s?(?:、|和|及|以及)\s?$")
_RANGE_AFTER = re.compile(r"\s?[–—~至到]\s?(?:ITU[- ]?T\s?)?[A-Z]\.\d")
_RANGE_BEFORE = re.compile(r"[A-Z]\.\d+(?:\.\d+)*(?:之二|bis)?\s?[–—~至到]\s?(?:ITU[- ]?T\s?)?$")
_CLAUSE_BEFORE = re.compile(r"(?:第|见|图|表|附件|附录)\s?$")
_CLAUSE_AFTER = re.compile(r"^\s?(?:款|节|条|段|或[A-Z]\.\d)")
_OTHER_SECTOR_BEFORE = re.compile(r"ITU-[RD]\s?$")
_HEADING_NUMBER = re.compile(r"^\s")

_RES = re.compile(
    r"第\s?(?P<ns>\d+(?:\s?(?:\(\w+\))?\s?号?\s?[、和及]\s?第?\s?\d+)*)\s?(?:\(\w+\))?\s?号决议"
    r"(?:（(?P<year>\d{4})年，(?P<city>[^，）]+))?"
)
_RES_BRACKETED = re.compile(r"\[(?:b-\s?)?WTSA\s?Res\.\s?(?P<n>\d+)\]")
_OTHER_BODY = re.compile(
    r"(全权代表大会|理事会|电信发展大会|WTDC|无线电通信全会|联大|联合国大会|PP-\d+)[^；。，]{0,40}$"
)
_CLOSED_PARENTHESIS = re.compile(r"（[^（）]*）")


@dataclass(frozen=True)
class Mention:
    """A Recommendation number in a text that names a Recommendation (not a scope bound)."""

    number: str  # "G.711", "Q.933bis"
    marked: bool  # "ITU-T" before it, "建议书" after it, or part of a dual number
    start: int
    end: int


def mentions(text: str) -> list[Mention]:
    """Every Recommendation number of ``text`` that names a Recommendation, marked or bare, in order."""
    found: list[tuple[Mention, re.Match[str]]] = []
    chained = False
    last_end = -1
    for match in _REC.finditer(text):
        prefix = match.group("prefix") or ""
        continues = prefix == "/" and chained and match.start() == last_end
        marked = prefix.startswith("ITU") or bool(match.group("suffix")) or continues
        chained = marked
        last_end = match.end() - len(match.group("suffix") or "")
        number = f"{match.group('letter')}.{match.group('digits')}" + ("bis" if match.group("bis") else "")
        if prefix == "/" and not continues:
            continue  # "A/HRC/20/L.13": a part of another body's document number
        if _OTHER_SECTOR_BEFORE.search(text[: match.start()]):
            continue  # "ITU-R M.2160建议书": another Sector's Recommendation
        found.append((Mention(number, marked, match.start(), last_end), match))
    heads = _series_heads(text, found)
    return [
        m
        for i, (m, match) in enumerate(found)
        if i not in heads and not _bounds_a_range(text, m) and (m.marked or _bare_citation(text, m, match))
    ]


def _series_heads(text: str, found: list[tuple[Mention, re.Match[str]]]) -> set[int]:
    """Indexes of the numbers that head a series: "X.800系列"; each of "A、B和C各系列"."""
    heads: set[int] = set()
    for i, (mention, _match) in enumerate(found):
        if _SERIES_AFTER.match(text, mention.end):
            heads.add(i)
            if _EACH_SERIES_AFTER.match(text, mention.end):
                j = i
                while j > 0 and _LIST_SEPARATOR.match(_between(text, found[j - 1][0], found[j][1])):
                    heads.add(j - 1)
                    j -= 1
    return heads


def _between(text: str, before: Mention, after: re.Match[str]) -> str:
    """The text between a number and the next one, without the next one's "ITU-T" prefix."""
    start = after.start() + len(after.group("prefix") or "")
    return re.sub(r"(?:ITU[- ]T\s?)$", "", text[before.end : start])


def _bounds_a_range(text: str, mention: Mention) -> bool:
    prefix_start = mention.start
    return bool(_RANGE_AFTER.match(text, mention.end)) or bool(_RANGE_BEFORE.search(text[:prefix_start]))


def _bare_citation(text: str, mention: Mention, match: re.Match[str]) -> bool:
    """A bare number whose context does not make it a clause, figure or table number or another body's."""
    before, after = text[: match.start()], text[mention.end :]
    line_start = before.rfind("\n") + 1
    if line_start == match.start() and _HEADING_NUMBER.match(after):
        return False  # a numbered heading: "A.1 以下指导原则…"
    return not (
        _CLAUSE_BEFORE.search(before)
        or _CLAUSE_AFTER.match(after)
        or re.match(r"-\d", after)  # "M.2160-0": an ITU-R text's version
    )


def recommendation_numbers(text: str) -> list[str]:
    """ITU-T Recommendation numbers ``text`` marks as such ("ITU-T …", "…建议书"), in order, each once
    ("Q.933bis" for "Q.933之二"); series heads and range bounds are not among them."""
    return _unique(m.number for m in mentions(text) if m.marked)


def bare_numbers(text: str) -> list[str]:
    """Numbers ``text`` names without a mark, in a context where they can be Recommendations."""
    return _unique(m.number for m in mentions(text) if not m.marked)


def _unique(numbers: Iterable[str]) -> list[str]:
    out: list[str] = []
    for number in numbers:
        if number not in out:
            out.append(number)
    return out


def resolution_numbers(
    text: str, wtsa_numbers: Iterable[int], assemblies: Iterable[tuple[int, str]]
) -> list[int]:
    """WTSA Resolution numbers cited in ``text``, in order of their first citation, each once."""
    known = set(wtsa_numbers)
    dates = set(assemblies)
    cited: list[tuple[int, int]] = []  # (position, number)
    for match in _RES.finditer(text):
        if match.group("year"):
            if (int(match.group("year")), match.group("city").strip()) not in dates:
                continue
        elif _OTHER_BODY.search(_phrase_before(text, match.start())):
            continue
        cited += [(match.start(), int(n)) for n in re.findall(r"\d+", match.group("ns"))]
    cited += [(m.start(), int(m.group("n"))) for m in _RES_BRACKETED.finditer(text)]
    return _unique_ints(n for _pos, n in sorted(cited) if n in known)


def _phrase_before(text: str, end: int) -> str:
    """The text before ``end`` within its phrase: closed parentheses dropped, an open one ending it."""
    before = text[:end]
    while True:
        shorter = _CLOSED_PARENTHESIS.sub("", before)
        if shorter == before:
            break
        before = shorter
    return before[before.rfind("（") + 1 :]


def _unique_ints(numbers: Iterable[int]) -> list[int]:
    out: list[int] = []
    for number in numbers:
        if number not in out:
            out.append(number)
    return out
