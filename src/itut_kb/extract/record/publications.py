"""Which document holds which report, as the plenary reports say.

- "56号文件中的第一次全体会议（…）报告获得批准": the first plenary's report is Document 56; "73Rev.1号文件中
  包含的第二次全体会议…和第三次全体会议…报告" holds those of the second and third;
- "第2委员会主席…介绍了119Rev.1号文件中的报告": Committee 2's report is Document 119 (Rev.1);
- the third plenary's list of committee reports: under "– 第4委员会 – …", "经批准的最后报告作为114号文件
  发布" (Committee 4's final report is published as Document 114).
"""

from __future__ import annotations

import re

from itut_kb.extract.record.documents import doc_refs
from itut_kb.extract.record.model import DocRef
from itut_kb.extract.record.parse import AssemblyRecord

_REPORTED_MEETINGS = re.compile(r"第(?P<n>[一二三四])次全体会议")

_COMMITTEE_REPORT = re.compile(
    r"第(?P<c>\d)委员会主席[^。]*?介绍了(?:第\d委员会)?(?P<doc>\S+?号文件)中的报告"
)

_PUBLISHED = re.compile(r"作为(?P<doc>\d+)号文件发布")

_COMMITTEE_BULLET = re.compile(r"^– 第(?P<c>\d)委员会")


def plenary_report_documents(record: AssemblyRecord) -> dict[int, DocRef]:
    """Meeting number -> the document of its report, from the approvals of reports ("56号文件中的第一次…")."""
    out: dict[int, DocRef] = {}
    for decision in record.plenary_decisions:
        if decision.kind == "document-approval" and "报告" in decision.text_zh and decision.documents:
            for match in _REPORTED_MEETINGS.finditer(decision.text_zh):
                out["一二三四".index(match["n"]) + 1] = decision.documents[0]
    return out


def published_reports(record: AssemblyRecord) -> dict[str, DocRef]:
    """Report key -> the document it was published as, as the plenary reports say."""

    by_meeting = plenary_report_documents(record)
    out: dict[str, DocRef] = {}
    for report in record.plenary_reports:
        docs = {by_meeting[m.number] for m in report.meetings if m.number in by_meeting}
        if len(docs) == 1:
            out[report.key] = docs.pop()
    committee_reports = {c.committee.key: c.report.key for c in record.committees}
    for meeting in (m for r in record.plenary_reports for m in r.meetings):
        for item in meeting.items:
            for match in _COMMITTEE_REPORT.finditer(item.text_zh):
                out[committee_reports[f"COM{match['c']}"]] = doc_refs(match["doc"])[0]
            current = None
            for paragraph in item.text_zh.split("\n"):
                bullet = _COMMITTEE_BULLET.match(paragraph)
                current = bullet["c"] if bullet else current
                published = _PUBLISHED.search(paragraph)
                if published and current:
                    out[committee_reports[f"COM{current}"]] = doc_refs(published["doc"] + "号文件")[0]
    return out
