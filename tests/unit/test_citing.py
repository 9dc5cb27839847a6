"""Citations linked once every text is seen: bare numbers by the proceedings' own marked citations, and
Res. 2 Annex C by the Annex C reader."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from itut_kb import namespaces as ns
from itut_kb.extract.annex_c import EntryReading, read_entry
from itut_kb.extract.citing import CitationContext, annex_c_named
from itut_kb.extract.model import AnnexCEntry, Span
from itut_kb.extract.recommendations import RecommendationIndex
from itut_kb.extract.writer import GraphWriter
from itut_kb.namespaces import ITUT

ANNEX_C_TEXT = "ITU-T Y.1300 – ITU-T Y.1309、ITU-T Y.1320 – ITU-T Y.1399、ITU-T Y.1501和ITU-T Y.1700系列"


def _cited(out: GraphWriter, subject: URIRef) -> list[str]:
    return sorted(str(o).rsplit("/", 1)[1] for o in out.graph.objects(subject, ITUT.citesRecommendation))


def _reading(text: str, span: Span) -> EntryReading:
    return EntryReading(AnnexCEntry("SG15", 1, text, span), read_entry(text, "SG15"))


def test_a_bare_number_is_cited_when_the_proceedings_mark_it_elsewhere() -> None:
    out, recs = GraphWriter(), RecommendationIndex()
    context = CitationContext([], [])
    a, b = URIRef("urn:a"), URIRef("urn:b")
    context.cite(out, a, "登记管理E.164国家代码和A.5理由", Span("f", 10, 10), recs)
    context.cite(out, b, "根据ITU-T E.164建议书", Span("f", 20, 20), recs)
    context.link_all()
    assert _cited(out, a) == ["E.164"]  # A.5 is marked nowhere, so not cited
    assert _cited(out, b) == ["E.164"]
    assert recs.numbers() == ["E.164"]


def test_a_printed_recommendation_makes_its_bare_number_a_citation() -> None:
    out, recs = GraphWriter(), RecommendationIndex()
    recs.with_text("A.5", Span("f", 1, 5))
    context = CitationContext([], [])
    context.cite(out, URIRef("urn:a"), "称为A.5理由", Span("f", 10, 10), recs)
    context.link_all()
    assert _cited(out, URIRef("urn:a")) == ["A.5"]


def test_annex_c_texts_cite_only_what_the_reader_names() -> None:
    out, recs = GraphWriter(), RecommendationIndex()
    context = CitationContext([], [])
    entry, clause = URIRef("urn:entry"), URIRef("urn:clause")
    context.read_annex_c([_reading(ANNEX_C_TEXT, Span("f", 100, 101))])
    context.cite(out, entry, ANNEX_C_TEXT, Span("f", 100, 101), recs)
    context.cite(out, clause, "附件C\nITU-T第15研究组\n" + ANNEX_C_TEXT, Span("f", 90, 120), recs)
    context.link_all()
    assert _cited(out, entry) == _cited(out, clause) == ["Y.1501"]
    assert recs.numbers() == ["Y.1501"]  # no node for a range bound or a series head


def test_a_text_cutting_through_an_annex_c_entry_stops_the_build() -> None:
    context = CitationContext([], [])
    context.read_annex_c([_reading(ANNEX_C_TEXT, Span("f", 100, 101))])
    context.cite(GraphWriter(), URIRef("urn:x"), "ITU-T Y.1501", Span("f", 101, 102), RecommendationIndex())
    with pytest.raises(ValueError, match="Annex C"):
        context.link_all()


def test_named_recommendations_of_an_entry_include_single_exceptions_and_dual_numbers() -> None:
    text = "ITU-T X.290系列（ITU-T X.292除外）和ITU-T X.600 – ITU-T X.609、ITU-T D.103/E.231"
    assert annex_c_named(_reading(text, Span("f", 1, 1))) == ("X.292", "D.103", "E.231")


def test_resolutions_are_linked_too() -> None:
    out, recs = GraphWriter(), RecommendationIndex()
    context = CitationContext([44, 54], [(2024, "新德里")])
    context.cite(
        out, URIRef("urn:a"), "本届全会第44号和第54号决议（2024年，新德里，修订版）", Span("f", 1, 1), recs
    )
    assert context.link_all() == (2, 0)
    assert set(out.graph.objects(URIRef("urn:a"), ITUT.citesResolution)) == {
        ns.resolution(44),
        ns.resolution(54),
    }
