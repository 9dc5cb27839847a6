"""Part VI as one bundle of records: every report read by its own parser, then the officers merged.

The officers are read where the record names them (see :mod:`officers`); Committee 5's French
vice-chair, whom the second plenary added without naming (item 4), is a post without a holder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from itut_kb.extract.record import budget, editorial, methods, programme
from itut_kb.extract.record.agreed_actions import TITLE as ACTIONS_TITLE
from itut_kb.extract.record.agreed_actions import AgreedAction, parse_agreed_actions
from itut_kb.extract.record.committees import CommitteeRecord
from itut_kb.extract.record.decisions import plenary_decisions
from itut_kb.extract.record.editorial import ListedDocument
from itut_kb.extract.record.model import Decision, Officer, Report, Statement, VoteResult
from itut_kb.extract.record.officers import OfficerReader, load_organizations, merge
from itut_kb.extract.record.plenary import parse_plenary_reports, plenary_meetings
from itut_kb.extract.record.statements import parse_statements
from itut_kb.extract.record.votes import TITLE as VOTES_TITLE
from itut_kb.extract.record.votes import parse_votes
from itut_kb.extract.source import Source, SourceStructureError

ORGANIZATIONS = "regional_organizations.tsv"


@dataclass(frozen=True)
class AssemblyRecord:
    plenary_reports: tuple[Report, ...]
    plenary_decisions: tuple[Decision, ...]
    statements: tuple[Statement, ...]
    votes: tuple[VoteResult, ...]
    agreed_actions: tuple[AgreedAction, ...]
    committees: tuple[CommitteeRecord, ...]
    series_stated: int  # the number of series Committee 5 says it issued
    documents_listed: tuple[ListedDocument, ...]
    officers: tuple[Officer, ...]

    def committee(self, key: str) -> CommitteeRecord:
        return next(c for c in self.committees if c.committee.key == key)


def parse_record(src: Source, curated: Path) -> AssemblyRecord:
    reader = OfficerReader(load_organizations(curated / ORGANIZATIONS))
    reports = parse_plenary_reports(src)
    meetings = plenary_meetings(reports)
    annexes = {a.title_zh: a for r in reports for a in r.annexes}
    for title in (VOTES_TITLE, ACTIONS_TITLE):
        if title not in annexes:
            raise SourceStructureError(f"{src.name}: no annex {title!r} in the plenary reports")
    committees = [
        budget.parse_budget_report(src, reader),
        methods.parse_methods_report(src),
        programme.parse_programme_report(src, reader),
    ]
    editorial_record, series = editorial.parse_editorial_report(src)
    committees.append(editorial_record)
    first = meetings[0]
    officers = [reader.assembly_chair(first.chair_zh or "", first.span)] if first.chair_zh else []
    for committee in committees:
        officers += committee.officers
    fourth = next(m for m in meetings if m.number == 4)
    for item in fourth.items:
        officers += reader.named_chairs(item.text_zh, item.span)
    french = next(i for m in meetings if m.number == 2 for i in m.items if "法文副主席" in i.text_zh)
    officers.append(Officer("COM5", "vice-chair", 1, None, None, None, french.span, "法文副主席"))
    return AssemblyRecord(
        plenary_reports=tuple(reports),
        plenary_decisions=tuple(plenary_decisions(src.name, meetings)),
        statements=tuple(parse_statements(reports)) + tuple(s for c in committees for s in c.statements),
        votes=tuple(parse_votes(annexes[VOTES_TITLE], src.name)),
        agreed_actions=tuple(parse_agreed_actions(annexes[ACTIONS_TITLE], src.name)),
        committees=tuple(committees),
        series_stated=series,
        documents_listed=tuple(editorial.parse_document_list(src)),
        officers=tuple(merge(officers)),
    )
