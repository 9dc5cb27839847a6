"""Clause-level fidelity of the real KB (issue 8): footnotes, figures and addressees, each checked against
the source with patterns of its own, independent of the parsers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from itut_kb.config import Settings
from itut_kb.lookup import value
from itut_kb.store import KnowledgeBase

ROOT = Path(__file__).resolve().parents[2]
SOURCE = (ROOT / "data" / "source" / "000_03ba4204751c90f1.txt").read_text(encoding="utf-8").split("\n")
PREFIXES = """PREFIX itut: <https://w3id.org/itut-kb/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
ID = "https://w3id.org/itut-kb/id/"
pytestmark = pytest.mark.kb


@pytest.fixture(scope="module")
def kb(settings: Settings) -> KnowledgeBase:
    return KnowledgeBase.load(settings)


def rows(kb: KnowledgeBase, query: str) -> list[dict[str, object]]:
    return [{k: value(v) for k, v in row.items()} for row in kb.select(PREFIXES + query)]


def documents_range() -> tuple[int, int]:
    """1-based lines from Resolution 1's heading to the end of Part III (the A-series)."""
    first = next(i for i, t in enumerate(SOURCE) if t.strip().startswith("第1号决议（"))
    last = next(
        i
        for i, t in enumerate(SOURCE)
        if t.strip().startswith("国际电联电信标准化研究组以及词汇标准化委员会正副主席")
    )
    return first + 1, last


def page_foot_numbered_lines() -> list[int]:
    """Lines "N text" (one space) among the last eight text lines before a page break: a line starting with
    one space, a running header or a bare page number."""
    start, end = documents_range()
    out: list[int] = []
    for n in range(start, end + 1):
        raw = SOURCE[n - 1]
        if not (
            re.match(r"^ \S", raw) or raw.startswith("WTSA-24会议录") or re.fullmatch(r"\s*\d{1,3}\s*", raw)
        ):
            continue
        above = [i for i in range(n - 1, max(start, n - 24), -1) if SOURCE[i - 1].strip()][:8]
        out += [i for i in above if re.match(r"^\d{1,2} \S", SOURCE[i - 1])]
    return sorted(set(out))


# --------------------------------------------------------------------------- footnotes


def test_every_page_foot_numbered_line_is_a_footnote_or_starts_a_clause(kb: KnowledgeBase) -> None:
    notes = rows(kb, "SELECT ?f ?a ?b WHERE { ?f a itut:Footnote ; itut:firstLine ?a ; itut:lastLine ?b }")
    in_note = {n: r["f"] for r in notes for n in range(int(r["a"]), int(r["b"]) + 1)}  # type: ignore[call-overload]
    starts = {
        r["a"]
        for r in rows(
            kb, "SELECT ?a WHERE { ?c a ?k ; itut:firstLine ?a VALUES ?k { itut:Clause itut:Action } }"
        )
    }
    foot = page_foot_numbered_lines()
    assert len(foot) > 150
    part_three_title = next(
        i + 1 for i, t in enumerate(SOURCE) if t.startswith("1 本出版物包括在WTSA-24结束时有效的所有A系列")
    )
    stray = [
        n for n in foot if n not in in_note and n not in starts and n != part_three_title
    ]  # of no document
    assert stray == [], [(n, SOURCE[n - 1][:30]) for n in stray]
    note_starts = {int(r["a"]) for r in notes}  # type: ignore[call-overload]
    assert note_starts <= set(foot)  # every footnote starts on such a line
    for r in notes:
        number = re.match(r"^(\d{1,2}) ", SOURCE[int(r["a"]) - 1])  # type: ignore[call-overload]
        assert number
        assert str(r["f"]).endswith(f"/footnote/{number.group(1)}")


def test_every_developing_countries_marker_calls_a_footnote(kb: KnowledgeBase) -> None:
    start, end = documents_range()
    marked = {n for n in range(start, end + 1) if re.search(r"发展中国家\d{1,2}(?![\d.])", SOURCE[n - 1])}
    lines = {int(r["l"]) for r in rows(kb, "SELECT ?l WHERE { ?f itut:markerLine ?l }")}  # type: ignore[call-overload]
    assert len(marked) > 45
    assert marked - lines == set()
    left = rows(
        kb, 'SELECT ?c WHERE { ?c a itut:Clause ; itut:text ?t FILTER(REGEX(STR(?t), "发展中国家[0-9]")) }'
    )
    assert left == []


def test_resolution_1_footnote_4_belongs_to_4_5(kb: KnowledgeBase) -> None:
    callers = rows(kb, f"SELECT ?c WHERE {{ ?c itut:footnote <{ID}resolution/1/footnote/4> }}")
    assert callers == [{"c": f"{ID}resolution/1/clause/4.5"}]
    texts = rows(kb, f"SELECT ?t WHERE {{ <{ID}resolution/1/clause/4.10> itut:text ?t }}")
    assert "主任及研究组主席可利用" not in str(texts[0]["t"])


def test_footnotes_of_headings_titles_and_histories_are_the_documents(kb: KnowledgeBase) -> None:
    own = {
        str(r["d"])
        for r in rows(kb, "SELECT ?d WHERE { ?d itut:footnote ?f FILTER NOT EXISTS { ?d a itut:Clause } }")
    }
    assert {f"{ID}resolution/{n}" for n in (1, 2, 18, 74)} <= own  # history, history, heading, title
    history = rows(
        kb,
        f"SELECT ?note WHERE {{ <{ID}resolution/2> itut:revision/<http://www.w3.org/2004/02/skos/core#note> ?note }}",
    )
    assert len(history) == 4


# --------------------------------------------------------------------------- figures and tables


def test_every_caption_is_a_figure_or_table(kb: KnowledgeBase) -> None:
    start, end = documents_range()
    caption = re.compile(r"^\s*[图表] ?[0-9A-Z][0-9A-Za-z.\-]* ?(（[^）)]*[）)])? ?–")
    captions = [n for n in range(start, end + 1) if caption.match(SOURCE[n - 1])]
    found = rows(kb, "SELECT ?f ?l WHERE { ?f itut:captionLine ?l }")
    assert sorted(int(r["l"]) for r in found) == captions  # type: ignore[call-overload]
    assert len(captions) == 28


def test_no_clause_text_holds_a_figure_or_table(kb: KnowledgeBase) -> None:
    debris = re.compile(r"\(\d\d\)_F\d|注\( +\d+\)|个月\d$|(^|\n)[图表] ?[0-9A-Z][0-9A-Za-z.\-]* ?–", re.M)
    texts = rows(kb, "SELECT ?c ?t WHERE { ?c a itut:Clause ; itut:text|dcterms:title ?t }")
    assert [r["c"] for r in texts if debris.search(str(r["t"]))] == []
    spans = rows(kb, "SELECT ?a ?b WHERE { ?f a itut:Figure ; itut:firstLine ?a ; itut:lastLine ?b }")
    labels = [n for n, t in enumerate(SOURCE, start=1) if re.search(r"\(\d\d\)_F\d", t)]
    assert len(labels) == 4  # Res.1(22)_F7.1a, Res.2(22)_F7.1b, Res.1(08)_F9.1, Res.1(12)_F9.1
    assert all(any(int(s["a"]) <= n <= int(s["b"]) for s in spans) for n in labels)  # type: ignore[call-overload]


def test_figures_hang_from_the_clause_before_them(kb: KnowledgeBase) -> None:
    holders = {
        str(r["f"]).removeprefix(ID): str(r["c"]).removeprefix(ID)
        for r in rows(kb, "SELECT ?f ?c WHERE { ?c itut:figure ?f }")
    }
    assert holders["resolution/1/figure/7.1a"] == "resolution/1/clause/7.2.1"
    assert holders["resolution/1/figure/7.1b"] == "resolution/1/clause/7.4.5"
    assert holders["resolution/1/figure/9.1"] == "resolution/1/clause/9.8.2.2"
    assert holders["recommendation/A.1/figure/1-1"] == "recommendation/A.1/clause/1.5.1"


# --------------------------------------------------------------------------- addressees

GROUP = ID + "group/SG"
DIRECTIVE = (
    '"instructs", "instructs-further", "invites", "invites-further", "requests", "encourages", "calls-upon"'
)


def addressees_of(kb: KnowledgeBase, subject: str, prop: str = "itut:addressee") -> set[str]:
    return {
        str(r["a"]).removeprefix(ID) for r in rows(kb, f"SELECT ?a WHERE {{ <{ID}{subject}> {prop} ?a }}")
    }


def test_every_study_group_an_item_instructs_by_name_is_its_addressee(kb: KnowledgeBase) -> None:
    """Independent pattern: an item under a bare heading ("责成", "做出决议，责成", "请" …) that opens with
    "ITU-T第N、第M和第K研究组", or a resolves item that opens with "责成/要求/请/鼓励ITU-T第N…研究组",
    addresses them. (Under "责成电信标准化局主任", "请ITU-T第5研究组…" is what the Director is to do.)"""
    verb = r"(?:继续|进一步|还)?(?:责成|要求|请|鼓励)"
    groups = r"(?:ITU-T|国际电联电信标准化部门)?第(\d+(?:[、和]第?\d+)*)研究组"
    texts = rows(
        kb,
        f"""SELECT ?c ?t ?b ?h WHERE {{ ?c itut:block ?b ; itut:text ?t ; itut:blockHeading ?h
             FILTER(?b IN ({DIRECTIVE}, "resolves", "resolves-further")) }}""",
    )
    checked = 0
    for r in texts:
        resolving = str(r["b"]).startswith("resolves")
        if not re.fullmatch(
            r"(?:进一步)?(?:做出决议，)?(?:进一步)?(?:做出决议|责成|请|要求|鼓励|呼吁)", str(r["h"])
        ):
            continue  # the heading names the addressees
        m = re.match(f"^{verb}{groups}" if resolving else f"^(?:{verb})?{groups}", str(r["t"]))
        if not m or str(r["t"])[m.end() : m.end() + 1] in "的主":  # "第2研究组的…": not the group itself
            continue
        numbers = {int(n) for n in re.split(r"[、和]第?", m.group(1))}
        got = addressees_of(kb, str(r["c"]).removeprefix(ID))
        assert {f"group/SG{n}" for n in numbers} <= got, (r["c"], r["t"])
        checked += 1
    assert checked >= 15  # Res. 29, 61, 64, 65, 102, 104 …


def test_every_directive_clause_is_addressed_or_excused(kb: KnowledgeBase) -> None:
    bare = rows(
        kb,
        f"""SELECT ?c WHERE {{ ?c itut:block ?b FILTER(?b IN ({DIRECTIVE}))
             FILTER NOT EXISTS {{ ?c itut:addressee ?a }} FILTER NOT EXISTS {{ ?c itut:noAddresseeReason ?r }} }}""",
    )
    assert bare == []
    excused = rows(kb, "SELECT ?c ?r WHERE { ?c itut:noAddresseeReason ?r }")
    assert len(excused) == 5
    assert all(str(r["r"]).strip() for r in excused)


def test_items_under_bare_headings_name_their_addressees(kb: KnowledgeBase) -> None:
    for n, group in zip(range(1, 6), (2, 12, 17, 20, 21), strict=True):
        assert addressees_of(kb, f"resolution/104/clause/instructs-3.{n}") == {f"group/SG{group}"}
    assert addressees_of(kb, "resolution/104/clause/instructs-3.6") == {"actor/relevant-study-groups"}
    assert addressees_of(kb, "resolution/32/clause/instructs-1") == {"actor/tsb-director"}
    assert addressees_of(kb, "resolution/32/clause/instructs-2") == {"group/TSAG"}
    assert addressees_of(kb, "resolution/31/clause/requests-1") == {"actor/secretary-general"}


def test_resolves_items_that_instruct_inline(kb: KnowledgeBase) -> None:
    assert addressees_of(kb, "resolution/29/clause/resolves-7") == {"group/SG2", "group/SG3", "group/SG12"}
    assert addressees_of(kb, "resolution/61/clause/resolves-further-5") == {"group/SG3"}
    assert addressees_of(kb, "resolution/61/clause/resolves-further-5", "itut:inCollaborationWith") == {
        "group/SG2"
    }
    keys = {
        str(r["k"])
        for r in rows(kb, 'SELECT ?k WHERE { ?c itut:operativeVerb "instructs" ; itut:clauseKey ?k }')
    }
    assert "resolves-4" in keys


def test_collaborators_and_names_singled_out(kb: KnowledgeBase) -> None:
    assert addressees_of(kb, "action/5") == {"actor/tsb-director"}  # TSAG is a collaborator there
    assert addressees_of(kb, "action/5", "itut:inCollaborationWith") == {"group/TSAG"}
    assert addressees_of(kb, "action/8", "itut:addresseeInParticular") == {
        "group/SG13",
        "group/SG17",
        "group/SG20",
    }
    assert {"group/SG13", "group/SG17", "group/SG20", "actor/study-groups"} <= addressees_of(kb, "action/8")
    in_particular = rows(
        kb,
        "SELECT ?c ?a WHERE { ?c itut:addresseeInParticular ?a FILTER NOT EXISTS { ?c itut:addressee ?a } }",
    )
    assert in_particular == []  # a name singled out is an addressee too
    both = rows(kb, "SELECT ?c ?a WHERE { ?c itut:addressee ?a ; itut:inCollaborationWith ?a }")
    assert both == []  # nobody is both
