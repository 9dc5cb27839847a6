"""The footnotes, figures and tables of a document as RDF, each linked from its clause.

A footnote is ``{document}/footnote/{number}`` (itut:Footnote): its number, its text as printed, its own
lines, the document it belongs to (itut:footnoteOf) and the lines of its markers (itut:markerLine). The
clause whose lines hold a marker links it (itut:footnote); a marker outside every clause (in a heading,
title or history line) is the document's own.

A figure is ``{document}/figure/{number}`` (itut:Figure), a table ``{document}/table/{number}``
(itut:Table): number and caption as printed, the notes of its legend (skos:note, one each), a table's
cells as the PDF text gives them (itut:text), its lines (caption and picture or cells), its document
(itut:figureOf). The clause it stands in links it (itut:figure): the narrowest clause whose lines hold it,
else the last clause that starts above it (the text the figure follows).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from rdflib import URIRef
from rdflib.namespace import DCTERMS, SKOS

from itut_kb import namespaces as ns
from itut_kb.extract.model import Clause, Figure, Footnote, Span
from itut_kb.extract.writer import GraphWriter
from itut_kb.namespaces import ITUT

Cite = Callable[[URIRef, str, Span], None]  # links a node to what its text cites


def add_footnotes(
    out: GraphWriter,
    doc: URIRef,
    footnotes: Iterable[Footnote],
    clauses: Sequence[Clause],
    label: str,
    cite: Cite,
) -> None:
    """Add ``doc``'s footnotes; ``label`` names the document in provenance ("Res. 1")."""
    for note in footnotes:
        node = ns.part(doc, "footnote", str(note.number))
        out.entity(node, ITUT.Footnote, note.span, f"{label}, footnote {note.number}")
        out.link(node, ITUT.footnoteOf, doc)
        out.value(node, ITUT.footnoteNumber, note.number)
        out.zh(node, ITUT.text, note.text_zh)
        cite(node, note.text_zh, note.span)
        for marker in note.markers:
            out.value(node, ITUT.markerLine, marker.line)
            caller = innermost_clause(clauses, marker.line)
            out.link(ns.part(doc, "clause", caller.key) if caller else doc, ITUT.footnote, node)


def add_figures(
    out: GraphWriter,
    doc: URIRef,
    figures: Iterable[Figure],
    clauses: Sequence[Clause],
    label: str,
    cite: Cite,
) -> None:
    """Add ``doc``'s figures and tables; ``label`` names the document in provenance ("Res. 1")."""
    for figure in figures:
        cls, name = (ITUT.Figure, "Figure") if figure.kind == "figure" else (ITUT.Table, "Table")
        node = ns.part(doc, figure.kind, figure.number)
        out.entity(node, cls, figure.span, f"{label}, {name} {figure.number}")
        out.link(node, ITUT.figureOf, doc)
        out.value(node, ITUT.figureNumber, figure.number)
        out.value(node, ITUT.captionLine, figure.caption_line)
        out.zh(node, DCTERMS.title, figure.caption_zh)
        out.zh(node, ITUT.text, figure.text_zh)
        for note in figure.notes_zh:
            out.zh(node, SKOS.note, note)
        cite(node, "\n".join([figure.caption_zh, figure.text_zh or "", *figure.notes_zh]), figure.span)
        holder = innermost_clause(clauses, figure.span.start) or _clause_above(clauses, figure.span.start)
        out.link(ns.part(doc, "clause", holder.key) if holder else doc, ITUT.figure, node)


def _clause_above(clauses: Sequence[Clause], line: int) -> Clause | None:
    above = [c for c in clauses if c.span.start < line]
    return max(above, key=lambda c: (c.span.start, -(c.span.end - c.span.start)), default=None)


def innermost_clause(clauses: Sequence[Clause], line: int) -> Clause | None:
    """The clause with the narrowest span holding ``line`` (an annex's item rather than the annex)."""
    holding = [c for c in clauses if c.span.start <= line <= c.span.end]
    return min(holding, key=lambda c: (c.span.end - c.span.start, c.span.start), default=None)
