"""The decisions of the plenary meetings, read from the items of their reports.

Two kinds of item carry their decisions in a fixed form:

- a batch of the Editorial Committee ("15.12 B14：编辑委员会提交全体会议的第十四批案文（第2(MOD)号决议）104"):
  one text approval per marked text, in batch B14, published as document 104;
- the first two batches (second plenary, item 7): "61号文件载有第43号决议修订草案。…这些决议获得
  批准。": Resolution 43 approved in B1 (document 61) as a modification (修订草案, a draft revision).

Every other item is read sentence by sentence; the first rule that fits a sentence says what it
decides, in this order:

==================  ================================================================
abrogation          "同意废止WTSA第80号决议"
restructuring       "批准了…将ITU-T第9和第16研究组合并为…"
action-approval     "批准了…15项WTSA-24行动"
appointment         "任命了", "当选", "以协商一致的方式任命", "批准增加…副主席"
question-approval   "建议的新课题（…）：ITU-T第2研究组（2号文件）…"
document-approval   "获得通过", "获得批准", "得到会议批准", "审议并批准了"
noting              "记录在案"
agreement           "同意", "授权" (not "不同意")
==================  ================================================================

A sentence that decides on documents without naming them takes those of the nearest sentence before
it that does (else after it): "TD-1介绍了拟议的时间管理计划。会议将此记录在案。" notes TD-1. A sentence
ending with "：" ("审议并批准了第2、第3和第4委员会的报告：") takes the documents of the list after it.
A sentence that refers back ("对此") keeps the sentence before it in its text. The method of an
appointment is read from the sentence: 鼓掌/掌声 (acclamation), 协商一致 (consensus).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from itut_kb.extract.model import Span
from itut_kb.extract.record.documents import doc_number, doc_refs
from itut_kb.extract.record.marks import marked_texts
from itut_kb.extract.record.model import Decision, DocRef, Item, Meeting, TextRef
from itut_kb.extract.record.sentences import Sentence, sentences
from itut_kb.extract.source import SourceStructureError

_BATCH = re.compile(r"^B(?P<n>\d+)：(?P<title>[^（]+)（(?P<list>.+)）(?P<doc>[^）]*)$")
_FIRST_BATCHES = re.compile(r"(?P<docs>\d+号和\d+号文件)载有编辑委员会向全体会议提交的第一批和第二批案文")
_DRAFT_REVISION = re.compile(r"(?P<doc>\d+)号文件载有(?P<list>第[\d、和第]+号决议)修订草案")
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("abrogation", re.compile(r"同意废止(?:WTSA)?第\d+号决议")),
    ("restructuring", re.compile(r"批准了.*将ITU-T第\d+和第\d+研究组合并")),
    ("action-approval", re.compile(r"批准了.*\d+项WTSA-24行动")),
    ("appointment", re.compile(r"以鼓掌方式任命了|当选|以协商一致的方式任命|批准增加.*副主席|投票结果见")),
    ("question-approval", re.compile(r"^• 建议的新课题")),
    ("document-approval", re.compile(r"获得通过|获得批准|得到会议批准|审议并批准了")),
    ("noting", re.compile(r"记录在案")),
    ("agreement", re.compile(r"(?<!不)同意|授权")),
)
_NOT_DECISIONS = re.compile(r"批准了下列案文|批准了其内容|^• 一些成员国")
_METHODS = (
    ("acclamation", re.compile(r"鼓掌|掌声")),
    ("consensus", re.compile(r"协商一致")),
    ("vote", re.compile(r"投票")),
)
_PUBLISHED = re.compile(r"作为\d+号文件发布")
_MERGER = re.compile(r"将ITU-T第(?P<a>\d+)和第(?P<b>\d+)研究组合并")
_KEPT = re.compile(r"保留其他(?P<n>[一二三四五六七八九十]+)个研究组")
_ZH_NUMBERS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}


def plenary_decisions(file: str, meetings: Iterable[Meeting]) -> list[Decision]:
    """Every decision of the plenary meetings, by meeting and item, in order."""
    out: list[Decision] = []
    for meeting in meetings:
        for item in meeting.items:
            out += item_decisions(file, meeting.number, item)
    return out


def item_decisions(file: str, meeting: int, item: Item) -> list[Decision]:
    batch = _BATCH.match(item.title_zh)
    if batch:
        return _batch_decisions(meeting, item, batch)
    first = _FIRST_BATCHES.search(item.text_zh)
    if first:
        return _first_batches(file, meeting, item, first)
    return _sentence_decisions(file, meeting, item)


def _batch_decisions(meeting: int, item: Item, match: re.Match[str]) -> list[Decision]:
    document = doc_number(match["doc"])
    texts = marked_texts(match["list"], item.span)
    return [
        Decision(
            "text-approval",
            "plenary",
            meeting,
            item.number,
            ordinal,
            item.title_zh,
            item.span,
            documents=(document,) if document else (),
            text=text,
            batch=f"B{match['n']}",
        )
        for ordinal, text in enumerate(texts, start=1)
    ]


def _first_batches(file: str, meeting: int, item: Item, first: re.Match[str]) -> list[Decision]:
    """B1 and B2: their documents in the order "第一批和第二批" names them; each document's revisions."""
    order = [ref.number for ref in doc_refs(first["docs"])]
    out: list[Decision] = []
    for sentence in sentences(file, item.text_zh, item.lines, item.span):
        for match in _DRAFT_REVISION.finditer(sentence.text):
            document = DocRef("C", int(match["doc"]))
            for number in re.findall(r"\d+", match["list"]):
                text = TextRef("resolution", number, "MOD", match.group(0), sentence.span)
                out.append(
                    Decision(
                        "text-approval",
                        "plenary",
                        meeting,
                        item.number,
                        len(out) + 1,
                        item.text_zh,
                        item.span,
                        documents=(document,),
                        text=text,
                        batch=f"B{order.index(document.number) + 1}",
                    )
                )
    return out


def _sentence_decisions(file: str, meeting: int, item: Item) -> list[Decision]:
    found = sentences(file, item.text_zh, item.lines, item.span)
    out: list[Decision] = []
    for index, sentence in enumerate(found):
        kind = _kind(sentence.text)
        if kind is None:
            continue
        documents = tuple(_documents(found, index, kind))
        text, span = sentence.text, sentence.span
        if "对此" in text and index > 0:
            text = found[index - 1].text + text
            span = Span(file, found[index - 1].span.start, span.end)
        out.append(
            Decision(
                kind,
                "plenary",
                meeting,
                item.number,
                len(out) + 1,
                text,
                span,
                documents=documents,
                method=_method(text) if kind == "appointment" else None,
                groups=_merged(item) if kind == "restructuring" else (),
                kept=_kept(item) if kind == "restructuring" else None,
            )
        )
    return out


def _kind(text: str) -> str | None:
    if _NOT_DECISIONS.search(text):
        return None
    return next((kind for kind, rule in _RULES if rule.search(text)), None)


def _documents(found: Sequence[Sentence], index: int, kind: str) -> list[DocRef]:
    own = _own_documents(found[index].text, kind)
    if own or kind in {"restructuring", "action-approval", "agreement"}:
        return own
    if found[index].ends_list:
        listed: list[DocRef] = []
        for later in found[index + 1 :]:
            if _kind(later.text) is not None or _PUBLISHED.search(later.text):
                continue
            if not later.text.startswith(("–", "•")):
                break
            listed += [ref for ref in doc_refs(later.text) if ref not in listed]
        return listed
    for other in [*reversed(found[:index]), *found[index + 1 :]]:
        refs = doc_refs(other.text)
        if refs:
            return refs
    return []


def _own_documents(text: str, kind: str) -> list[DocRef]:
    """The documents of the clause (，) that states the decision, else of the whole sentence."""
    rule = dict(_RULES)[kind]
    for clause in text.split("，"):
        if rule.search(clause) and doc_refs(clause):
            return doc_refs(clause)
    return doc_refs(text)


def _method(text: str) -> str | None:
    return next((method for method, rule in _METHODS if rule.search(text)), None)


def _merged(item: Item) -> tuple[str, ...]:
    merger = _MERGER.search(item.text_zh)
    if merger is None:
        raise SourceStructureError(f"{item.span.file}:{item.span.start}: no merger in item {item.number}")
    return (f"SG{merger['a']}", f"SG{merger['b']}")


def _kept(item: Item) -> int | None:
    kept = _KEPT.search(item.text_zh)
    return _ZH_NUMBERS[kept["n"]] if kept else None
