"""The report of Committee 2, budget control (VI-2.1).

Items 1-8; item 1 names the chair and vice-chairs and the dates of the committee's two meetings
("第一次会议于2024年10月16日（星期三）举行，第二次会议于2024年10月23日（星期三）举行"). The sums of
money are read as numbers (the budget of 2 078 000瑞郎, the 16.2万瑞郎 left unspent, …). Annexes A
(the financial statement) and B (the financial impact of the Resolutions) are tables the text of the
proceedings does not carry: only their titles are printed, and the KB keeps the titles.

Source anomaly: item 3 says twice, in two wordings, that the committee took note of the host country
agreement (document 45); both sentences are kept in the item's text.
"""

from __future__ import annotations

import re
from dataclasses import replace

from itut_kb.extract.record.committees import (
    CommitteeRecord,
    amounts,
    committee_of,
    items_report,
    zh_number,
)
from itut_kb.extract.record.model import Annex, Meeting
from itut_kb.extract.record.officers import OfficerReader
from itut_kb.extract.record.part6 import section, span_of
from itut_kb.extract.source import Source

KEY = "VI-2.1"
_MEETINGS = re.compile(r"召开了(?P<n>[一二两三四五六七八九十]+)次会议")
_MEETING = re.compile(
    r"第(?P<n>[一二三四五六七八九十]+)次会议于(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日"
)
_ANNEX = re.compile(r"^附件(?P<label>[A-Z])$")


def parse_budget_report(src: Source, officers: OfficerReader) -> CommitteeRecord:
    sec = section(src, KEY)
    committee = committee_of(src, sec)
    annex_at = next(i for i, line in enumerate(sec.lines) if _ANNEX.match(line.text))
    report = items_report(src, sec, KEY, stop=sec.lines[annex_at].text)
    overview = report.items[0]
    held = _MEETINGS.search(overview.text_zh)
    meetings = tuple(
        Meeting(
            committee.key,
            zh_number(m["n"]),
            f"{m['y']}-{int(m['m']):02d}-{int(m['d']):02d}",
            None,
            None,
            overview.span,
        )
        for m in _MEETING.finditer(overview.text_zh)
    )
    annexes = []
    lines = sec.lines[annex_at:]
    for index, line in enumerate(lines):
        match = _ANNEX.match(line.text)
        if match and index + 1 < len(lines):
            annexes.append(
                Annex(match["label"], lines[index + 1].text, "", span_of(src, lines[index : index + 2]))
            )
    return CommitteeRecord(
        committee=replace(
            committee,
            meetings_held=zh_number(held["n"]) if held else None,
        ),
        report=type(report)(
            report.key,
            report.title_zh,
            report.heading_zh,
            report.author_zh,
            report.span,
            items=report.items,
            annexes=tuple(annexes),
        ),
        officers=tuple(officers.committee_officers(committee.key, overview.text_zh, overview.span)),
        meetings=meetings,
        amounts=tuple(amounts(src.name, report.items)),
    )
