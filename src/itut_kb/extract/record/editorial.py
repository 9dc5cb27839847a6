"""The report of Committee 5, the Editorial Committee (VI-2.4), and the list of other documents (VI-3).

Committee 5's report is text without numbered items, then the table "系列 内容" of the series of texts
it issued, one row per series ("12 第54、68号决议；ITU-T A.25建议书"): the batches B1 … B21 the plenary
approved. It states how many meetings it held and how many series it issued ("举行了八次会议，发布了
二十一个系列的案文"); the KB keeps both numbers and the completeness tests compare the second with
the rows.

Source anomaly: series 13 names the new Resolution "COM3/APT-NG", the plenary's batch B13 "NG", and
Committee 3's table "[COM3/NG]"; series 16 lists "COM4/DPI、COM4/MV、COM4/SDT", batch B16 "MV, DPI,
SDT". Names and orders are kept as printed.

VI-3 is a table "文件名称 文件编号": group headings ("电信标准化局主任的报告") and, indented by two
spaces, rows whose last cell is a document number ("59", "30 (Rev.1)", "TD-GEN-02"); a row may wrap
over several indented lines, its number alone on the last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from itut_kb.extract.model import Span
from itut_kb.extract.record.committees import CommitteeRecord, committee_of, section_span, zh_number
from itut_kb.extract.record.documents import doc_number, doc_refs
from itut_kb.extract.record.marks import listed_texts
from itut_kb.extract.record.model import Batch, DocRef, Report
from itut_kb.extract.record.part6 import paragraphs, section, span_of
from itut_kb.extract.source import Line, Source, join_wrapped

KEY = "VI-2.4"
LIST_KEY = "VI-3"
_HELD = re.compile(
    r"举行了(?P<meetings>[一二两三四五六七八九十]+)次会议，发布了(?P<series>[一二三四五六七八九十]+)个系列"
)
_TABLE_HEADER = "系列 内容"
_ROW = re.compile(r"^(?P<n>\d{1,2})\s+(?P<content>\S.*)$")
_LIST_ROW_END = re.compile(r"^(?P<title>.*?)\s*(?P<doc>\d{1,3}(?:\s?\(Rev\.\d\))?|TD-GEN-\d+)$")


@dataclass(frozen=True)
class ListedDocument:
    """A row of VI-3: a document, its title and the heading it is listed under."""

    document: DocRef
    title_zh: str
    group_zh: str | None
    span: Span


def parse_editorial_report(src: Source) -> tuple[CommitteeRecord, int]:
    """Committee 5's record, and the number of series its report says it issued."""
    sec = section(src, KEY)
    committee = committee_of(src, sec)
    lines = list(sec.lines)
    header = next(i for i, line in enumerate(lines) if line.text == _TABLE_HEADER)
    intro = "\n".join(paragraphs(lines[2:header]))
    held = _HELD.search(intro.replace("\n", ""))
    series: list[Batch] = []
    end = header + 1
    for line in lines[header + 1 :]:
        match = _ROW.match(line.text)
        if match is None or int(match["n"]) != len(series) + 1:
            break
        span = span_of(src, [line])
        series.append(
            Batch("COM5", len(series) + 1, None, None, tuple(listed_texts(match["content"], span)), span)
        )
        end += 1
    report = Report(KEY, sec.title_zh, lines[1].text, lines[0].text, section_span(src, sec))
    record = CommitteeRecord(
        committee=replace(
            committee,
            meetings_held=zh_number(held["meetings"]) if held else None,
        ),
        report=report,
        batches=tuple(series),
    )
    return record, zh_number(held["series"]) if held else 0


def parse_document_list(src: Source) -> list[ListedDocument]:
    """The rows of VI-3, in order."""
    sec = section(src, LIST_KEY)
    out: list[ListedDocument] = []
    group: str | None = None
    row: list[Line] = []
    for line in sec.lines[1:]:
        indented = src.raw(line.number).startswith("  ")
        ended = _LIST_ROW_END.match(line.text)
        if not indented and not row and not ended:
            if line.text.startswith("所有WTSA-24"):
                break
            group = line.text
            continue
        row.append(line)
        if ended:
            text = join_wrapped([part.text for part in row])
            match = _LIST_ROW_END.match(text)
            assert match is not None
            doc = doc_number(match["doc"]) or doc_refs(match["doc"])[0]
            out.append(
                ListedDocument(
                    doc,
                    match["title"].strip(),
                    group if indented or len(row) > 1 else None,
                    span_of(src, row),
                )
            )
            row = []
    return out
