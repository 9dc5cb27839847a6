"""Resolutions, Opinions, A-series Recommendations and Supplements, with their history and clauses, as RDF."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from itut_kb import namespaces as ns
from itut_kb.extract.actors import ActorTable
from itut_kb.extract.citing import CitationContext
from itut_kb.extract.clause_refs import clause_reference
from itut_kb.extract.footnotes_figures_rdf import add_figures, add_footnotes
from itut_kb.extract.instructions import Instructed
from itut_kb.extract.model import ASeriesDocument, Clause, Opinion, Resolution, RevisionEvent, Span
from itut_kb.extract.recommendations import RecommendationIndex
from itut_kb.extract.writer import GraphWriter
from itut_kb.namespaces import ITUT

WTSA24_STATUS = {
    "new": ITUT.NewAtWTSA24,
    "revised": ITUT.RevisedAtWTSA24,
    "unchanged": ITUT.UnchangedAtWTSA24,
}


def add_history(out: GraphWriter, doc: URIRef, history: Iterable[RevisionEvent], span: Span) -> None:
    for ordinal, event in enumerate(history, start=1):
        node = URIRef(f"{doc}/revision/{ordinal}")
        out.entity(node, ITUT.RevisionEvent, span)
        out.link(doc, ITUT.revision, node)
        out.value(node, ITUT.year, event.year)
        out.value(node, ITUT.ordinal, ordinal)
        out.zh(node, ITUT.city, event.city_zh)
        out.zh(node, SKOS.note, event.note_zh)


def add_clauses(
    out: GraphWriter,
    doc: URIRef,
    clauses: Iterable[Clause],
    actors: ActorTable,
    citations: CitationContext,
    recs: RecommendationIndex,
    label: str,
) -> int:
    """Add clause nodes of ``doc``; ``label`` names the document in provenance ("Res. 2")."""
    count = 0
    clauses = list(clauses)
    by_key = {c.key: c for c in clauses}
    for ordinal, clause in enumerate(clauses, start=1):
        node = clause_iri(doc, clause.key)
        out.entity(node, ITUT.Clause, clause.span, clause_reference(label, clause, by_key))
        out.link(node, ITUT.clauseOf, doc)
        out.value(node, ITUT.clauseKey, clause.key)
        out.value(node, ITUT.clauseNumber, clause.number)
        out.value(node, ITUT.ordinal, ordinal)
        out.value(node, ITUT.block, clause.block)
        out.value(node, ITUT.operativeVerb, clause.verb)
        out.zh(node, ITUT.blockHeading, clause.heading_zh)
        out.zh(node, DCTERMS.title, clause.title_zh)
        out.zh(node, ITUT.text, clause.text_zh)
        if clause.parent_key:
            out.link(node, ITUT.parentClause, clause_iri(doc, clause.parent_key))
        instructed = Instructed(clause.addressees_zh, clause.particular_zh, clause.collaborators_zh)
        add_instructed(out, node, instructed, actors, clause.span)
        citations.cite(out, node, clause.text_zh, clause.span, recs)
        count += 1
    return count


def add_instructed(out: GraphWriter, node: URIRef, who: Instructed, actors: ActorTable, span: Span) -> None:
    """Link a clause or action to its addressees (those singled out too), and to its collaborators."""
    for name in who.addressees:
        out.link(node, ITUT.addressee, actors.resolve(name, span))
    for name in who.particular:
        out.link(node, ITUT.addresseeInParticular, actors.resolve(name, span))
    for name in who.collaborators:
        out.link(node, ITUT.inCollaborationWith, actors.resolve(name, span))


def clause_iri(doc: URIRef, key: str) -> URIRef:
    return ns.part(doc, "clause", key)


def add_resolution(
    out: GraphWriter,
    res: Resolution,
    actors: ActorTable,
    citations: CitationContext,
    recs: RecommendationIndex,
) -> None:
    doc = ns.resolution(res.number)
    kind = ITUT.ResolutionInForce if res.status == "in_force" else ITUT.AbrogatedResolution
    out.entity(doc, ITUT.Resolution, res.span)
    out.link(doc, RDF.type, kind)
    out.value(doc, ITUT.number, str(res.number))
    out.value(doc, ITUT.resolutionNumber, res.number)
    out.value(doc, ITUT.revisedAtWTSA24, res.revised_at_wtsa24)
    if res.wtsa24_status is not None:
        out.link(doc, ITUT.wtsa24Status, WTSA24_STATUS[res.wtsa24_status])
    out.zh(doc, ITUT.heading, res.heading_zh)
    out.zh(doc, DCTERMS.title, res.title_zh)
    out.zh(doc, RDFS.label, f"第{res.number}号决议")
    out.en(doc, RDFS.label, f"Resolution {res.number}")
    add_history(out, doc, res.history, res.span)
    add_clauses(out, doc, res.clauses, actors, citations, recs, f"Res. {res.number}")
    cite = citations.citer(out, recs)
    add_footnotes(out, doc, res.footnotes, res.clauses, f"Res. {res.number}", cite)
    add_figures(out, doc, res.figures, res.clauses, f"Res. {res.number}", cite)


def add_opinion(
    out: GraphWriter, op: Opinion, actors: ActorTable, citations: CitationContext, recs: RecommendationIndex
) -> None:
    doc = ns.iri("opinion", str(op.number))
    out.entity(doc, ITUT.Opinion, op.span)
    out.value(doc, ITUT.number, str(op.number))
    out.value(doc, ITUT.resolutionNumber, op.number)
    out.zh(doc, ITUT.heading, op.heading_zh)
    out.zh(doc, DCTERMS.title, op.title_zh)
    out.zh(doc, RDFS.label, f"意见{op.number}")
    out.en(doc, RDFS.label, f"Opinion {op.number}")
    add_history(out, doc, op.history, op.span)
    add_clauses(out, doc, op.clauses, actors, citations, recs, f"Opinion {op.number}")
    cite = citations.citer(out, recs)
    add_footnotes(out, doc, op.footnotes, op.clauses, f"Opinion {op.number}", cite)
    add_figures(out, doc, op.figures, op.clauses, f"Opinion {op.number}", cite)


def add_aseries(
    out: GraphWriter,
    doc: ASeriesDocument,
    actors: ActorTable,
    citations: CitationContext,
    recs: RecommendationIndex,
) -> None:
    if doc.kind == "recommendation":
        node = recs.with_text(doc.number, doc.span)
        label_zh, label_en = f"ITU-T {doc.number}建议书", f"Recommendation ITU-T {doc.number}"
        short = doc.number
    else:
        number = f"A-Sup.{doc.number}"
        node = ns.iri("supplement", number)
        out.entity(node, ITUT.Supplement, doc.span)
        out.value(node, ITUT.number, number)
        out.link(node, ITUT.supplementTo, recs.series("A"))
        label_zh, label_en = f"ITU-T A系列建议书增补{doc.number}", f"ITU-T A-series Supplement {doc.number}"
        short = number
    out.zh(node, DCTERMS.title, doc.title_zh)
    out.zh(node, RDFS.label, label_zh)
    out.en(node, RDFS.label, label_en)
    add_history(out, node, doc.history, doc.span)
    add_clauses(out, node, doc.clauses, actors, citations, recs, short)
    cite = citations.citer(out, recs)
    add_footnotes(out, node, doc.footnotes, doc.clauses, short, cite)
    add_figures(out, node, doc.figures, doc.clauses, short, cite)
