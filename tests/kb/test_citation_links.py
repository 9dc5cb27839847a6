"""Citation links against the texts, read with patterns of their own: every listed or bracketed Resolution
and every bare E.164 is linked; no clause number, other body's number, range bound or series head is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from itut_kb.config import Settings
from itut_kb.lookup import value
from itut_kb.store import KnowledgeBase

pytestmark = pytest.mark.kb

PREFIX = "PREFIX itut: <https://w3id.org/itut-kb/ontology#>\n"
SOURCE = (Path(__file__).resolve().parents[2] / "data" / "source" / "000_03ba4204751c90f1.txt").read_text(
    encoding="utf-8"
)
ANNEX_C = SOURCE[SOURCE.index("\n附件C\n") : SOURCE.index("\nTSAG\n", SOURCE.index("\n附件C\n"))]


@pytest.fixture(scope="module")
def kb(settings: Settings) -> KnowledgeBase:
    return KnowledgeBase.load(settings)


@pytest.fixture(scope="module")
def texts(kb: KnowledgeBase) -> dict[str, str]:
    rows = kb.select(PREFIX + "SELECT ?s ?t WHERE { ?s itut:text ?t }")
    return {value(r["s"]): value(r["t"]) for r in rows}


def links(kb: KnowledgeBase, prop: str) -> set[tuple[str, str]]:
    rows = kb.select(PREFIX + f"SELECT ?s ?o WHERE {{ ?s itut:{prop} ?o }}")
    return {(value(r["s"]), value(r["o"]).rsplit("/", 1)[1]) for r in rows}


def in_force(kb: KnowledgeBase) -> set[int]:
    rows = kb.select(PREFIX + "SELECT ?n WHERE { ?r a itut:ResolutionInForce ; itut:resolutionNumber ?n }")
    return {value(r["n"]) for r in rows}


def test_every_number_of_a_list_of_resolutions_is_linked(kb: KnowledgeBase, texts: dict[str, str]) -> None:
    """第44号和第54号决议, 第1和2号决议, 第60、第100号决议: each number of the list."""
    cited, wtsa = links(kb, "citesResolution"), in_force(kb)
    lists = re.compile(
        r"(本届全会|WTSA[^，。；]{0,10}|^|[^大会理事])第(\d+)号?[、和及]第?(\d+)号决议(（(\d{4})年，新德里)?"
    )
    found = [(s, int(n)) for s, t in texts.items() for m in lists.finditer(t) for n in m.group(2, 3)]
    assert len(found) >= 4
    assert [(s, n) for s, n in found if n in wtsa and (s, str(n)) not in cited] == []
    assert (("https://w3id.org/itut-kb/id/resolution/74/clause/recalling-c", "44")) in cited


def test_every_bracketed_wtsa_resolution_is_linked(kb: KnowledgeBase, texts: dict[str, str]) -> None:
    """[WTSA Res. 1], [b-WTSA Res. 1], [WTSA Res.1] of the A-series."""
    cited, wtsa = links(kb, "citesResolution"), in_force(kb)
    bracketed = re.compile(r"\[(?:b-)?WTSA Res\. ?(\d+)\]")
    found = [(s, int(m.group(1))) for s, t in texts.items() for m in bracketed.finditer(t)]
    assert len({s for s, _n in found}) >= 8
    assert [(s, n) for s, n in found if n in wtsa and (s, str(n)) not in cited] == []


def test_every_bare_e164_is_linked(kb: KnowledgeBase, texts: dict[str, str]) -> None:
    cited = links(kb, "citesRecommendation")
    bare = [s for s, t in texts.items() if re.search(r"(?<!ITU-T )(?<!ITU-T)E\.164(?![\d.])", t)]
    assert len(bare) >= 4
    assert [s for s in bare if (s, "E.164") not in cited] == []


def test_no_bound_of_an_annex_c_range_is_cited_there(kb: KnowledgeBase) -> None:
    bounds = set(re.findall(r"([A-Z]\.[\d.]+)\s?–\s?ITU[- ]?T\s?([A-Z]\.[\d.]+)", ANNEX_C.replace("\n", "")))
    numbers = {n for pair in bounds for n in pair}
    assert len(numbers) == 36
    annex_c = {(s, o) for s, o in links(kb, "citesRecommendation") if "annex-c" in s.lower()}
    assert {o for _s, o in annex_c} & numbers == set()


def test_no_series_head_is_cited_where_it_heads_a_series(kb: KnowledgeBase, texts: dict[str, str]) -> None:
    cited = links(kb, "citesRecommendation")
    heads = [
        (s, m.group(1))
        for s, t in texts.items()
        for m in re.finditer(r"ITU-T ?([A-Z]\.\d+)系列", t)
        if not re.search(re.escape(m.group(1)) + r"(?:建议书|[^\d.系])", t.replace(m.group(0), ""))
    ]
    assert len(heads) >= 30
    assert [h for h in heads if h in cited] == []


def test_clause_figure_table_and_other_bodies_numbers_are_no_recommendations(kb: KnowledgeBase) -> None:
    numbers = {
        value(r["n"])
        for r in kb.select(PREFIX + "SELECT ?n WHERE { ?r a itut:Recommendation ; itut:number ?n }")
    }
    # A.24's "第B.6款" …, A.2's "附件A的A.1.1", a UN document's "L.13", ITU-R's M.2160 and M.2516
    assert (
        numbers & {"B.6", "C.6", "C.5.6", "D.4", "A.1.1", "I.1", "I.2", "L.13", "M.2160", "M.2516"} == set()
    )
    # D.5 is cited as ITU-T D.5建议书 (Res. 29), but A.24's "第D.5款" is a clause of A.24
    a24 = {o for s, o in links(kb, "citesRecommendation") if "/recommendation/A.24/" in s}
    assert not {o for o in a24 if o[0] in "BCD"}


def test_every_node_is_cited_or_printed(kb: KnowledgeBase) -> None:
    rows = kb.select(
        PREFIX
        + """SELECT ?n (EXISTS { ?c itut:citesRecommendation ?r } AS ?cited) (EXISTS { ?k itut:clauseOf ?r } AS ?printed)
             WHERE { ?r a itut:Recommendation ; itut:number ?n }"""
    )
    kinds = [(value(r["cited"]), value(r["printed"])) for r in rows]
    assert all(cited or printed for cited, printed in kinds)
    assert len(kinds) == 139
    assert kinds.count((False, True)) == 2  # A.18 and A.31, printed in Part III and cited nowhere
