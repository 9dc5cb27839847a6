"""The Assembly's record in the KB against Part VI's own structure, read with deliberately simple patterns
(line by line, not the parsers' logic): every numbered item of every plenary report, every batch, every
ADD/MOD/SUP mark, every committee report heading, every vote and every annexed statement is in the KB.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from itut_kb.config import Settings
from itut_kb.lookup import value
from itut_kb.store import KnowledgeBase

ROOT = Path(__file__).resolve().parents[2]
SOURCE = (ROOT / "data" / "source" / "000_03ba4204751c90f1.txt").read_text(encoding="utf-8").split("\n")
PREFIXES = """PREFIX itut: <https://w3id.org/itut-kb/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
pytestmark = pytest.mark.kb


@pytest.fixture(scope="module")
def kb(settings: Settings) -> KnowledgeBase:
    return KnowledgeBase.load(settings)


def rows(kb: KnowledgeBase, query: str) -> list[dict[str, object]]:
    return [{k: value(v) for k, v in row.items()} for row in kb.select(PREFIXES + query)]


def numbered(pattern: str) -> list[tuple[int, str]]:
    """(1-based line number, stripped text) of every source line matching ``pattern``."""
    regex = re.compile(pattern)
    return [(n, line.strip()) for n, line in enumerate(SOURCE, start=1) if regex.search(line)]


def section(heading: str, end: str) -> tuple[int, int]:
    """1-based first and last line of the part of Part VI from a heading to the line before ``end``."""
    start = numbered(heading)[0][0]
    stop = next(n for n, line in enumerate(SOURCE, start=1) if n > start and re.search(end, line))
    return start, stop - 1


PLENARY = {
    "VI-1.1": (r"^\s*VI-1\.1 – ", r"^\s*附件1\s*$"),
    "VI-1.2": (r"^\s*VI-1\.2 – ", r"^\s*附件1\s*$"),
    "VI-1.3": (r"^\s*VI-1\.3 – ", r"^\s*附件1\s*$"),
}
HEADING = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})?) (\S[^。]{0,50})$")


@pytest.mark.parametrize("report", sorted(PLENARY))
def test_every_numbered_item_of_every_plenary_report(kb: KnowledgeBase, report: str) -> None:
    first, last = section(*PLENARY[report])
    in_source = {
        (m.group(1), m.group(2).strip())
        for line in SOURCE[first - 1 : last]
        if (m := HEADING.match(line)) and not m.group(2).strip().isdigit()
    }
    in_kb = rows(
        kb,
        f"""SELECT ?number ?title WHERE {{
          ?report itut:sectionNumber "{report}" ; itut:reportOf ?meeting .
          ?item itut:itemOf ?meeting ; itut:itemNumber ?number ; dcterms:title ?title }}""",
    )
    titles = {r["number"]: str(r["title"]) for r in in_kb}
    assert {number for number, _ in in_source} == set(titles)
    for number, printed in in_source:  # the heading's first line starts the KB's title
        assert titles[number].startswith(printed.rstrip(" /")), (number, printed)


def test_every_batch(kb: KnowledgeBase) -> None:
    printed = {
        f"B{m.group(1)}" for _, line in numbered(r"\bB\d+：") for m in [re.search(r"\bB(\d+)：", line)] if m
    }
    first, last = section(r"^\s*系列 内容\s*$", r"委员会所有委员经常通宵达旦")
    series = {f"B{line.split()[0]}" for line in SOURCE[first:last] if re.match(r"^\s*\d{1,2} 第", line)}
    assert "第一批和第二批案文" in "".join(SOURCE)  # B1 and B2 are named in words, not "B1："
    assert printed | {"B1", "B2"} == series == {f"B{n}" for n in range(1, 22)}
    in_kb = rows(kb, "SELECT ?b WHERE { ?x a itut:EditorialBatch ; skos:notation ?b }")
    assert {r["b"] for r in in_kb} == series


MARK = re.compile(r"(?<![A-Za-z])(ADD|MOD|SUP)(?![A-Za-z])")


def test_every_add_mod_sup_mark(kb: KnowledgeBase) -> None:
    start = numbered(r"^第六部分")[0][0]
    marks = [(n, Counter(MARK.findall(SOURCE[n - 1]))) for n in range(start, len(SOURCE) + 1)]
    marks = [(n, c) for n, c in marks if c]
    decisions = rows(
        kb,
        """SELECT ?d ?mark ?first ?last WHERE {
          ?d itut:changeMark/skos:notation ?mark ; itut:firstLine ?first ; itut:lastLine ?last }""",
    )
    assert sum((c for _, c in marks), Counter()) == {"MOD": 66, "ADD": 12}  # no SUP in Part VI
    for line, counts in marks:
        for mark, count in counts.items():
            covering = [d for d in decisions if d["mark"] == mark and d["first"] <= line <= d["last"]]
            assert len(covering) >= count, (line, mark, SOURCE[line - 1])


def test_every_noc_of_a_table_or_decision_line(kb: KnowledgeBase) -> None:
    start = numbered(r"^第六部分")[0][0]
    lines = [n for n, _text in numbered(r"^\s*NOC\b") if n > start]
    decisions = rows(
        kb,
        "SELECT ?first ?last WHERE { ?d itut:changeMark itut:NoChange ; itut:firstLine ?first ; itut:lastLine ?last }",
    )
    assert len(lines) == 11
    for line in lines:
        assert any(d["first"] <= line <= d["last"] for d in decisions), line


def test_every_committee_report_heading(kb: KnowledgeBase) -> None:
    headings = [text for _, text in numbered(r"^\s*VI-2\.\d – ")]
    titles = {r["t"] for r in rows(kb, "SELECT ?t WHERE { ?r a itut:AssemblyReport ; dcterms:title ?t }")}
    assert len(headings) == 4
    for heading in headings:
        assert heading.split(" – ", 1)[1] in titles
    authors = [n for n, text in numbered(r"^\s*第[2-5]委员会主席\s*$")]
    own = {r["h"] for r in rows(kb, "SELECT ?h WHERE { ?r a itut:AssemblyReport ; itut:heading ?h }")}
    for line in authors:
        assert SOURCE[line + 1].strip() in "".join(own), SOURCE[line + 1]  # the title after the author


COMMITTEE_ITEMS = {
    "VI-2.1": (r"^\s*VI-2\.1 – ", r"^\s*附件A\s*$"),
    "VI-2.3": (r"^\s*VI-2\.3 – ", r"^\s*VI-2\.4 – "),
    "VI-2.2-meeting-5": (r"^\s*第3委员会（ITU-T的工作方法）第五次会议的报告草案", r"^\s*VI-2\.3 – "),
}


@pytest.mark.parametrize("report", sorted(COMMITTEE_ITEMS))
def test_every_numbered_heading_of_the_committee_reports(kb: KnowledgeBase, report: str) -> None:
    first, last = section(*COMMITTEE_ITEMS[report])
    in_source = {
        m.group(1)
        for line in SOURCE[first - 1 : last]
        if (m := HEADING.match(line)) and len(m.group(2)) <= 40 and not m.group(2).strip().isdigit()
    }
    in_kb = rows(
        kb,
        f"""SELECT ?number WHERE {{ ?report itut:sectionNumber "{report}" .
            ?item itut:itemOf ?report ; itut:itemNumber ?number }}""",
    )
    assert in_source == {r["number"] for r in in_kb}


def test_every_vote(kb: KnowledgeBase) -> None:
    numbers = re.compile(r"(\d+) (\d+) (\d+) (\d+) (\d+) (\d+)\s*$")
    first, last = section(r"^\s*候选人的投票结果", r"^\s*附件6")
    printed = sorted(
        tuple(int(x) for x in m.groups()) for line in SOURCE[first - 1 : last] if (m := numbers.search(line))
    )
    in_kb = rows(
        kb,
        """SELECT ?a ?b ?c ?d ?e ?f WHERE { ?v a itut:VoteResult ; itut:votesCast ?a ; itut:invalidBallots ?b ;
             itut:abstentions ?c ; itut:delegationsVoting ?d ; itut:votesFor ?e ; itut:votesAgainst ?f }""",
    )
    assert len(printed) == 28
    assert sorted(tuple(int(str(r[k])) for k in "abcdef") for r in in_kb) == printed


def test_every_annexed_statement(kb: KnowledgeBase) -> None:
    titles = [next(t.strip() for t in SOURCE[n:] if t.strip()) for n, _ in numbered(r"^\s*附件\d+\s*$")]
    statements = Counter(t for t in titles if t.endswith("声明"))
    in_kb = rows(
        kb,
        """SELECT ?s ?t WHERE { ?s a itut:Statement ; itut:statementKind "statement" ; dcterms:title ?t }""",
    )
    assert sum(statements.values()) == 8  # the Russian Federation's statement is annexed twice
    assert Counter(r["t"] for r in in_kb) == statements


def test_every_plenary_meeting_and_its_day(kb: KnowledgeBase) -> None:
    in_kb = rows(
        kb, "SELECT ?n ?d WHERE { ?m a itut:PlenaryMeeting ; itut:meetingNumber ?n ; dcterms:date ?d }"
    )
    assert sorted((r["n"], str(r["d"])) for r in in_kb) == [
        (1, "2024-10-15"),
        (2, "2024-10-18"),
        (3, "2024-10-23"),
        (4, "2024-10-24"),
    ]
    assert any("2024年10月15日第一次全体会议的报告" in line for line in SOURCE)
    assert any("第四次全体会议的报告，2024年10月24日" in line for line in SOURCE)
