"""The report of Committee 3, working methods (VI-2.2): its final report and its fifth meeting's report.

The final report has three numbered parts whose content is not numbered items but lists and tables
(so it is read by its landmarks, not by :func:`read_items`):

1. "建议纳入全体会议摘要记录中的行动": the actions COM3/1 … COM3/4;
2. "与现有决议和供全体会议批准的拟议新决议相关的协议": one row per text, "# 决议 决定 文件（第3委员会）
   文件（第5委员会）"; a row is its number and the text's heading, the text's title (wrapped), then
   "MOD 91号文件 103号文件" (the decision, the committee's document, the Editorial Committee's
   document or "不适用"). The header is printed again at each page;
3. "待全体会议批准的第3委员会的会议报告": the five meetings, each with its date, times and report
   ("TD-138 注：在全体会议批准后将作为107号文件发布").

Then the report of the fifth meeting ("第3委员会（ITU-T的工作方法）第五次会议的报告草案"), items 1-9.
Its items 5 and 6 record a decision on each text: the text's heading and title, then a line with
the decision and the document, "MOD TD-68 (Rev.1) （已同意）", "NOC （下午）". Its item 5 records a
reservation ("俄罗斯联邦不同意报告的这一部分，并就此提出了保留意见") and an objection ("中国表示，它
不同意…").

Source anomalies: the fifth meeting's report says it adopted "COM3第三次会议的议程" (ADM38); item 6.4
(Resolution 1) ends with "会议同意将第90号决议提交全体会议，不进行任何修改" though it is about
Resolution 1; item 6.6 gives A.1 the title of A.25 ("ITU-T和其他组织之间相互采纳案文的一般性程序");
"W3GB" is printed for WG3B. The KB keeps the texts as printed: each decision names the text its own
heading names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from itut_kb.extract.model import Span
from itut_kb.extract.record.committees import (
    CommitteeRecord,
    committee_of,
    lines_between,
    section_span,
    zh_number,
)
from itut_kb.extract.record.documents import doc_refs
from itut_kb.extract.record.items import read_items
from itut_kb.extract.record.model import Decision, DocRef, Item, Meeting, Report, Statement, TextRef
from itut_kb.extract.record.officers import committee3_officers
from itut_kb.extract.record.part6 import paragraphs, section, span_of
from itut_kb.extract.record.sentences import sentences
from itut_kb.extract.source import Line, Source, join_wrapped

KEY = "VI-2.2"
MEETING_REPORT = "VI-2.2-meeting-5"
_ACTIONS = r"^1 建议纳入全体会议摘要记录中的行动"
_AGREEMENTS = r"^2 与现有决议和供全体会议批准的拟议新决议相关的协议"
_MEETING_REPORTS = r"^3 待全体会议批准的第3委员会的会议报告"
_FIFTH = re.compile(r"^第3委员会（ITU-T的工作方法）第五次会议的报告草案")
_TABLE_HEADER = {"# 决议 决定", "文件", "（第3委员会）", "（第5委员会）"}
_ROW_START = re.compile(r"^(?P<n>\d{1,2})\s+(?P<rest>\S.*)$")
_DECISION_CELLS = re.compile(r"^(?P<mark>NOC|MOD|ADD|SUP)\s+(?P<c3>\d+号文件)\s+(?P<c5>\d+号文件|不适用)$")
_TEXT_HEADING = re.compile(
    r"^(?:\d\.\d\s+)?(?:第(?P<res>\d+)号决议|第\[(?P<new>[A-Z0-9/\-]+)\]号新决议草案|"
    r"(?:ITU-T\s?|国际电联电信标准化部门)(?P<rec>A\.\d+)建议书)"
)
_MARK_LINE = re.compile(r"^(?P<mark>NOC|MOD|ADD|SUP)\b(?P<rest>.*)$")
_ACTION_LABEL = re.compile(r"^(?P<label>COM3/\d)：")
_REPORT_ROW = re.compile(r"第(?P<n>[一二三四五])次")
_DATE = re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
_TIMES = re.compile(r"\d{1,2}:\d\d-\d{1,2}:\d\d")
_LONE_DOCUMENT = re.compile(r"^(?:TD|ADM)-\d+\S*$")
_DISSENT = re.compile(r"^(?P<who>俄罗斯联邦|中国)(?:表示，它)?不同意")


def parse_methods_report(src: Source) -> CommitteeRecord:
    sec = section(src, KEY)
    committee = committee_of(src, sec)
    lines = list(sec.lines)
    fifth_at = next(i for i, line in enumerate(lines) if _FIFTH.match(line.text))
    final, fifth = lines[:fifth_at], lines[fifth_at:]
    author, title = final[0].text, join_wrapped([final[1].text, final[2].text])
    meetings, published = _meetings(src, lines_between(final, _MEETING_REPORTS, None))
    fifth_report = _fifth_report(src, fifth)
    agreements = _agreements(src, lines_between(final, _AGREEMENTS, _MEETING_REPORTS))
    decisions = agreements + _fifth_decisions(src, fifth_report.items)
    report = Report(
        KEY,
        sec.title_zh,
        title,
        author,
        section_span(src, sec),
        items=tuple(_parts(src, final)),
        published_as=published,
    )
    whole = "\n".join(paragraphs(lines))
    return CommitteeRecord(
        committee=replace(
            committee,
            working_groups=tuple(sorted(set(re.findall(r"(3[A-Z])工作组", whole)))),
        ),
        report=report,
        officers=tuple(committee3_officers(whole.replace("\n", ""), section_span(src, sec))),
        meetings=tuple(meetings),
        decisions=tuple(decisions),
        statements=tuple(_dissents(src, fifth_report.items)),
        reports=(fifth_report,),
        actions=tuple(
            (m["label"], None, span_of(src, [line]))
            for line in lines_between(final, _ACTIONS, _AGREEMENTS)
            if (m := _ACTION_LABEL.match(line.text))
        ),
    )


def _parts(src: Source, final: Sequence[Line]) -> list[Item]:
    """The three numbered parts of the final report, as items (their bodies are lists and tables)."""
    starts = [
        next(i for i, line in enumerate(final) if re.match(p, line.text))
        for p in (_ACTIONS, _AGREEMENTS, _MEETING_REPORTS)
    ]
    out = []
    for start, end in zip(starts, [*starts[1:], len(final)], strict=False):
        number, _, title = final[start].text.partition(" ")
        body = final[start + 1 : end]
        text = "\n".join(paragraphs(body)) if number == "1" else ""
        out.append(Item(number, title, text, span_of(src, final[start:end]), tuple(body)))
    return out


def _agreements(src: Source, lines: Sequence[Line]) -> list[Decision]:
    """One text agreement per row of the table of part 2."""
    rows: list[list[Line]] = []
    for line in lines:
        if line.text in _TABLE_HEADER:
            continue
        start = _ROW_START.match(line.text)
        if start and int(start["n"]) == len(rows) + 1 and _TEXT_HEADING.match(start["rest"]):
            rows.append([line])
        elif rows:
            rows[-1].append(line)
    out = []
    for row in rows:
        cells = next(_DECISION_CELLS.match(line.text) for line in row if _DECISION_CELLS.match(line.text))
        assert cells is not None
        start = _ROW_START.match(row[0].text)
        assert start is not None
        cells_at = next(i for i, line in enumerate(row) if _DECISION_CELLS.match(line.text))
        title = join_wrapped([line.text for line in row[1:cells_at]])
        text = replace(_text_ref(start["rest"], cells["mark"], src, row), title_zh=title)
        out.append(
            Decision(
                "text-agreement",
                "COM3",
                None,
                "2",
                int(start["n"]),
                join_wrapped([start["rest"], *(line.text for line in row[1:])]),
                span_of(src, row),
                documents=tuple(doc_refs(cells["c3"])),
                text=text,
                output=doc_refs(cells["c5"])[0] if cells["c5"] != "不适用" else None,
                report=KEY,
            )
        )
    return out


def _text_ref(heading: str, mark: str | None, src: Source, lines: Sequence[Line]) -> TextRef:
    match = _TEXT_HEADING.match(heading)
    assert match is not None, heading
    span = span_of(src, lines)
    if match["rec"]:
        return TextRef("recommendation", match["rec"], mark, match.group(0), span)
    return TextRef("resolution", match["res"] or match["new"], mark, match.group(0), span)


def _meetings(src: Source, lines: Sequence[Line]) -> tuple[list[Meeting], DocRef | None]:
    """The five meetings of part 3, each with its date, times and report; and the document the final
    report is to be published as ("TD-138 注：在全体会议批准后将作为107号文件发布")."""
    rows: list[list[Line]] = []
    for line in lines:
        start = _ROW_START.match(line.text)
        if start and _REPORT_ROW.search(start["rest"]):
            rows.append([line])
        elif rows:
            rows[-1].append(line)
    out = []
    published = None
    for row in rows:
        text = join_wrapped([line.text for line in row])
        number = _REPORT_ROW.search(text)
        date = _DATE.search(text)
        assert number is not None
        assert date is not None
        times = _TIMES.findall(text)
        docs = doc_refs(_TIMES.sub("", text[date.end() :]))
        if len(docs) > 1 and "发布" in text:
            published = docs[1]
        out.append(
            Meeting(
                "COM3",
                zh_number(number["n"]),
                f"{date['y']}-{int(date['m']):02d}-{int(date['d']):02d}",
                times[0].split("-")[0],
                times[-1].split("-")[1],
                span_of(src, row),
                report=docs[0] if docs else None,
                times_zh="，".join(times) if len(times) > 1 else None,
            )
        )
    return sorted(out, key=lambda m: m.number), published


def _fifth_report(src: Source, lines: Sequence[Line]) -> Report:
    title = join_wrapped([lines[0].text, lines[1].text])
    items, _ = read_items(
        src.name,
        lines[2:],
        not_heading=lambda t: bool(_MARK_LINE.match(t)) or (t.startswith("第") and "天（" in t),
    )
    return Report(
        MEETING_REPORT,
        "第3委员会（ITU-T的工作方法）第五次会议的报告",
        title,
        None,
        span_of(src, lines),
        items=tuple(items),
    )


def _fifth_decisions(src: Source, items: Sequence[Item]) -> list[Decision]:
    """The decision on each text recorded in the fifth meeting's items: a heading, then its mark line."""
    out: list[Decision] = []
    for item in items:
        lines = [Line(0, item.title_zh)] if _TEXT_HEADING.match(item.title_zh) else []
        heading: Line | None = lines[0] if lines else None
        ordinal = 0
        for index, line in enumerate(item.lines):
            if _TEXT_HEADING.match(line.text) and not line.text.endswith("。"):
                heading = line
                continue
            mark = _MARK_LINE.match(line.text)
            if mark is None or heading is None:
                continue
            after = item.lines[index + 1].text if index + 1 < len(item.lines) else ""
            documents = doc_refs(mark["rest"]) + (doc_refs(after) if _LONE_DOCUMENT.match(after) else [])
            ordinal += 1
            first = heading.number or item.span.start
            head_text = item.title_zh if heading.number == 0 else heading.text
            out.append(
                Decision(
                    "text-agreement",
                    "COM3",
                    5,
                    item.number,
                    ordinal,
                    f"{head_text} {line.text}",
                    Span(src.name, first, line.number),
                    documents=tuple(documents),
                    text=_text_ref(head_text, mark["mark"], src, [line]),
                    report=MEETING_REPORT,
                )
            )
            heading = None
    return out


def _dissents(src: Source, items: Sequence[Item]) -> list[Statement]:
    """Reservations ("…提出了保留意见") and objections ("…不同意…") recorded in the fifth meeting."""
    out: list[Statement] = []
    for item in items:
        for sentence in sentences(src.name, item.text_zh, item.lines, item.span):
            match = _DISSENT.match(sentence.text)
            if match is None:
                continue
            kind = (
                "reservation"
                if "保留意见" in item.text_zh[item.text_zh.find(sentence.text) :][:300]
                else "objection"
            )
            paragraph = item.text_zh.split("\n")[sentence.paragraph]
            out.append(
                Statement(
                    f"{MEETING_REPORT}-{item.number}-{len(out) + 1}",
                    kind,
                    None,
                    paragraph,
                    (match["who"],),
                    (),
                    None,
                    sentence.span,
                    meeting=("COM3", 5),
                    item=item.number,
                )
            )
    return out
