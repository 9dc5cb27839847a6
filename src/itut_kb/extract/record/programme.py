"""The report of Committee 4, work programme and organization (VI-2.3).

Items 1-5 (4.1-4.4). Item 1 names the committee's chair and vice-chairs and those of its working
groups 4A and 4B. Three tables:

- table 1 (item 3), the committee's meetings: "2024年10月16日 10:30-12:30，14:30-15:55 ADM/6-R1 Doc/62"
  (date, times, agenda, report);
- table 2 (item 4.1), the batches of draft Resolutions it sent to the Editorial Committee:
  "Doc/60 第4委员会提交编辑委员会的第一批案文（第60、第100号决议）" (a row may wrap);
- table 3 (item 4.3), its WTSA-24 actions: "Doc/106 COM4/1", the document printed on the first row
  of each group of actions.

Item 4.2 lists the documents holding each study group's Questions: "第2研究组（2号文件）".

Source anomalies: the Committee's tenth batch (Doc/101: Resolutions 47, 69 and 95) is in no batch the
Editorial Committee sent to the plenary, and those Resolutions' headings do not say they were revised
at WTSA-24; "不包括" ("not including") is printed for "原" ("formerly") in table 3 and in item 4.2
("第21研究组（不包括合并研究组）"; the third plenary's report says "原合并研究组").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from itut_kb.extract.model import Span
from itut_kb.extract.record.committees import CommitteeRecord, committee_of, items_report, zh_number
from itut_kb.extract.record.documents import doc_refs
from itut_kb.extract.record.marks import listed_texts
from itut_kb.extract.record.model import Batch, Decision, Item, Meeting
from itut_kb.extract.record.officers import OfficerReader
from itut_kb.extract.record.part6 import section, span_of
from itut_kb.extract.source import Line, Source, join_wrapped

KEY = "VI-2.3"
_MEETING_ROW = re.compile(
    r"^(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日\s+(?P<times>[\d:，\-]+)\s+(?P<agenda>ADM/\S+)\s+(?P<report>\S+)$"
)
_BATCH_ROW = re.compile(r"^Doc/(?P<doc>\d+)\s+(?P<title>\S.*)$")
_BATCH_ORDINAL = re.compile(r"第(?P<n>[一二三四五六七八九十]+)批")
_ACTION = re.compile(r"^(?:(?P<doc>(?:Doc|TD)/\d+)\s+)?(?P<label>COM4/\d+)$")
_QUESTIONS = re.compile(r"第(?P<sg>\d+)研究组(?:（[^（）]*）)?（(?P<doc>\d+)号文件")


def parse_programme_report(src: Source, officers: OfficerReader) -> CommitteeRecord:
    sec = section(src, KEY)
    committee = committee_of(src, sec)
    report = items_report(src, sec, KEY)
    items = {item.number: item for item in report.items}
    overview = items["1"]
    batches = _batches(src, items["4.1"])
    decisions = [
        Decision(
            "text-agreement",
            committee.key,
            None,
            "4.1",
            ordinal,
            batch.title_zh or "",
            batch.span,
            documents=(batch.document,) if batch.document else (),
            text=text,
            batch=batch.label,
            report=KEY,
        )
        for ordinal, (batch, text) in enumerate(((b, t) for b in batches for t in b.texts), start=1)
    ]
    decisions.append(_questions(src, items["4.2"]))
    return CommitteeRecord(
        committee=replace(
            committee,
            meetings_held=None,
            working_groups=tuple(sorted(set(re.findall(r"(\d[A-Z])工作组主席", overview.text_zh)))),
        ),
        report=report,
        officers=tuple(officers.committee_officers(committee.key, overview.text_zh, overview.span)),
        meetings=tuple(_meetings(src, committee.key, items["3"])),
        decisions=tuple(decisions),
        batches=tuple(batches),
        actions=tuple(_actions(src, items["4.3"].lines)),
    )


def _meetings(src: Source, body: str, item: Item) -> list[Meeting]:
    out: list[Meeting] = []
    for line in item.lines:
        match = _MEETING_ROW.match(line.text)
        if match is None:
            continue
        times = match["times"].split("，")
        out.append(
            Meeting(
                body,
                len(out) + 1,
                f"{match['y']}-{int(match['m']):02d}-{int(match['d']):02d}",
                times[0].split("-")[0],
                times[-1].split("-")[1],
                span_of(src, [line]),
                report=doc_refs(match["report"])[0],
                agenda=doc_refs(match["agenda"])[0],
                times_zh=match["times"] if len(times) > 1 else None,
            )
        )
    return out


def _batches(src: Source, item: Item) -> list[Batch]:
    rows: list[list[Line]] = []
    for line in item.lines:
        if _BATCH_ROW.match(line.text):
            rows.append([line])
        elif rows and not line.text.startswith(("表", "文件 ")):
            rows[-1].append(line)
    out = []
    for row in rows:
        text = join_wrapped([line.text for line in row])
        match = _BATCH_ROW.match(text)
        ordinal = _BATCH_ORDINAL.search(text)
        assert match is not None
        assert ordinal is not None
        span = span_of(src, row)
        out.append(
            Batch(
                "COM4",
                zh_number(ordinal["n"]),
                match["title"],
                doc_refs("Doc/" + match["doc"])[0],
                tuple(listed_texts(match["title"], span)),
                span,
            )
        )
    return out


def _questions(src: Source, item: Item) -> Decision:
    return Decision(
        "question-approval",
        "COM4",
        None,
        item.number,
        1,
        item.text_zh,
        item.span,
        documents=tuple(doc_refs(item.text_zh)),
        groups=tuple(f"SG{m['sg']}" for m in _QUESTIONS.finditer(item.text_zh)),
        report=KEY,
    )


def _actions(src: Source, lines: Sequence[Line]) -> list[tuple[str, str | None, Span]]:
    """(label, document, where) of each action of table 3; a document holds for the rows after it."""
    out: list[tuple[str, str | None, Span]] = []
    document = None
    for line in lines:
        match = _ACTION.match(line.text)
        if match:
            document = match["doc"] or document
            out.append((match["label"], document, span_of(src, [line])))
    return out
