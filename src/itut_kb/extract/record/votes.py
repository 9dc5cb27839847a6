"""The votes on candidates (annex 5 of the report of the second and third plenaries) as numbers.

The table "候选人的投票结果" has a header of wrapped cells, printed again after a page break, and one
row per candidate::

    AFFLECK, Vincent（英国） 116 1 25 90 80 10
    PAPATHANASOPOULOU, Sophia（希          <- a row may wrap inside the member state
    腊）
    116 1 23 92 83 9

The six numbers are: votes cast (投票数量), invalid ballots, abstentions, delegations present and
voting for or against, votes for, votes against. A row's lines are collected until its six numbers
are read; a header cell ("候选人 投票数量", "无效选票", "数量", …) is never part of a row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from itut_kb.extract.model import Span
from itut_kb.extract.record.model import Annex, VoteResult
from itut_kb.extract.source import Line, SourceStructureError, join_wrapped

TITLE = "候选人的投票结果"
_ROW_START = re.compile(r"^[A-ZÀ-ÞŁ][A-ZÀ-ÞŁ'\- ]+,\s")
_ROW = re.compile(
    r"^(?P<name>[^（]+?)（(?P<state>[^（）]+)）\s*"
    r"(?P<n>\d+)\s+(?P<invalid>\d+)\s+(?P<abst>\d+)\s+(?P<voting>\d+)\s+(?P<yes>\d+)\s+(?P<no>\d+)$"
)


def parse_votes(annex: Annex, file: str) -> list[VoteResult]:
    """The rows of the vote table, in order; an unfinished row is an error that names its line."""
    if annex.title_zh != TITLE:
        raise SourceStructureError(f"{file}:{annex.span.start}: annex {annex.label} is not {TITLE!r}")
    rows: list[list[Line]] = []
    for line in annex.lines:
        if _ROW_START.match(line.text):
            rows.append([line])
        elif rows and not _is_complete(rows[-1]):
            rows[-1].append(line)
    return [_result(file, n, row) for n, row in enumerate(rows, start=1)]


def _text(row: Sequence[Line]) -> str:
    return join_wrapped([line.text for line in row])


def _is_complete(row: Sequence[Line]) -> bool:
    return _ROW.match(_text(row)) is not None


def _result(file: str, ordinal: int, row: Sequence[Line]) -> VoteResult:
    match = _ROW.match(_text(row))
    if match is None:
        raise SourceStructureError(f"{file}:{row[0].number}: a vote row without its six numbers")
    return VoteResult(
        ordinal,
        match["name"].strip(),
        match["state"],
        int(match["n"]),
        int(match["invalid"]),
        int(match["abst"]),
        int(match["voting"]),
        int(match["yes"]),
        int(match["no"]),
        Span(file, row[0].number, row[-1].number),
    )
