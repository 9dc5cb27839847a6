"""Statements and declarations annexed to the plenary reports, and who supported or opposed them.

An annex holds a statement when its title ends with "声明": "乌克兰和47个成员国的声明",
"荷兰王国就技术标准和人权发表的声明", "部分成员国就第96号决议发表的声明". The title names who makes
it and, where it says so, how many other Member States join ("和47个成员国"). The states on whose
behalf it is made are listed in its text: "我荣幸地代表阿尔巴尼亚、…、美利坚合众国。", "代表以下国家发表
声明：…和美国。（40）", or one per line after "签字国：" (the list's own count, "（40）", is kept).

The item that announces a statement ("…发表了声明，见附件3。") gives its meeting; the sentences after
it in that item that read "<states>表示支持。" or "<states>表示反对。" (or "…表示支持这一声明"/"RCC的
声明") name its supporters and opponents. "巴西表示支持所有区域的候选人" supports candidates, not the
statement, and is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from itut_kb.extract.record.model import Annex, Meeting, Report, Statement
from itut_kb.extract.record.sentences import sentences

_TITLE = re.compile(r"^(?P<by>.+?)(?:和(?P<count>\d+)个成员国)?(?:(?:就|关于).+?)?(?:发表)?的声明$")
_LISTS = (
    re.compile(r"我荣幸地代表(?P<list>[^。]+)。"),
    re.compile(r"代表以下国家发表声明：(?P<list>[^。]+)。(?:（(?P<count>\d+)）)?"),
)
_SIGNED_BY = "签字国："
_SOME_STATES = "部分成员国"
_ANNEX_REF = re.compile(r"附件(?P<label>\d+)")
_STANCE = re.compile(r"^(?P<who>[^，。：；]+?)表示(?P<stance>支持|反对)(?P<what>[^。]*)。$")
_STATE_NAME = re.compile(r"^[\u4e00-\u9fff]{2,14}$")


def parse_statements(reports: Iterable[Report]) -> list[Statement]:
    """The statements annexed to the plenary reports, with the meeting and item that record them."""
    out: list[Statement] = []
    for report in reports:
        found = {a.label: _statement(report.key, a) for a in report.annexes if a.title_zh.endswith("声明")}
        for meeting in report.meetings:
            for item in meeting.items:
                _attach(found, meeting, item.number, item)
        out += found.values()
    return out


def names(text: str) -> list[str]:
    """The names of a list "A、B、C和D" (or one per line), each as printed."""
    parts = re.split(r"[、\n]|(?<=[\u4e00-\u9fff])(?<!共)和(?=[\u4e00-\u9fff])", text)
    return [p.strip() for p in parts if p.strip()]


def _statement(report: str, annex: Annex) -> Statement:
    title = _TITLE.match(annex.title_zh)
    by = title["by"] if title else annex.title_zh
    signatories: list[str] = []
    count = int(title["count"]) + 1 if title and title["count"] else None
    for pattern in _LISTS:
        match = pattern.search(annex.text_zh)
        if match:
            signatories = [n for n in names(match["list"]) if _STATE_NAME.match(n)]
            if "count" in match.groupdict() and match["count"]:
                count = int(match["count"])
            break
    signed = [i for i, line in enumerate(annex.lines) if line.text == _SIGNED_BY]
    if signed:  # one name per line after "签字国："
        signatories = [line.text for line in annex.lines[signed[0] + 1 :] if _STATE_NAME.match(line.text)]
    return Statement(
        f"{report}-annex-{annex.label}",
        "statement",
        annex.title_zh,
        annex.text_zh,
        () if by == _SOME_STATES else (by,),
        tuple(signatories),
        count,
        annex.span,
    )


def _attach(found: dict[str, Statement], meeting: Meeting, number: str, item: object) -> None:
    """Give the statements an item announces their meeting, item, supporters and opponents."""
    from itut_kb.extract.record.model import Item

    assert isinstance(item, Item)
    current: str | None = None
    for sentence in sentences(item.span.file, item.text_zh, item.lines, item.span):
        for match in _ANNEX_REF.finditer(sentence.text):
            current = match["label"]
            statement = found.get(current)
            if statement and statement.meeting is None:
                found[current] = replace(statement, meeting=(meeting.body, meeting.number), item=number)
        stance = _STANCE.match(sentence.text)
        if not stance or current not in found or not _about_statement(stance["what"]):
            continue
        who = tuple(names(stance["who"]))
        statement = found[current]
        if stance["stance"] == "支持":
            found[current] = replace(statement, supporters_zh=statement.supporters_zh + who)
        else:
            found[current] = replace(statement, opponents_zh=statement.opponents_zh + who)


def _about_statement(what: str) -> bool:
    return what == "" or what.endswith("声明")


def statement_states(statements: Sequence[Statement]) -> list[str]:
    """Every state name the statements print (makers, signatories, supporters, opponents), once each."""
    seen: list[str] = []
    for s in statements:
        for name in (*s.by_zh, *s.signatories_zh, *s.supporters_zh, *s.opponents_zh):
            if name not in seen:
                seen.append(name)
    return seen
