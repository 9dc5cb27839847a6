"""The footnotes (and figures) of a document as RDF, each linked from the clause that calls it.

A footnote is ``{document}/footnote/{number}`` (itut:Footnote): its number, its text as printed, its own
lines, the document it belongs to (itut:footnoteOf) and the lines of its markers (itut:markerLine). The
clause whose lines hold a marker links it (itut:footnote); a marker outside every clause (in a heading,
title or history line) is the document's own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rdflib import URIRef

from itut_kb import namespaces as ns
from itut_kb.extract.model import Clause, Footnote
from itut_kb.extract.writer import GraphWriter
from itut_kb.namespaces import ITUT


def add_footnotes(
    out: GraphWriter, doc: URIRef, footnotes: Iterable[Footnote], clauses: Sequence[Clause], label: str
) -> None:
    """Add ``doc``'s footnotes; ``label`` names the document in provenance ("Res. 1")."""
    for note in footnotes:
        node = ns.part(doc, "footnote", str(note.number))
        out.entity(node, ITUT.Footnote, note.span, f"{label}, footnote {note.number}")
        out.link(node, ITUT.footnoteOf, doc)
        out.value(node, ITUT.footnoteNumber, note.number)
        out.zh(node, ITUT.text, note.text_zh)
        for marker in note.markers:
            out.value(node, ITUT.markerLine, marker.line)
            caller = innermost_clause(clauses, marker.line)
            out.link(ns.part(doc, "clause", caller.key) if caller else doc, ITUT.footnote, node)


def innermost_clause(clauses: Sequence[Clause], line: int) -> Clause | None:
    """The clause with the narrowest span holding ``line`` (an annex's item rather than the annex)."""
    holding = [c for c in clauses if c.span.start <= line <= c.span.end]
    return min(holding, key=lambda c: (c.span.end - c.span.start, c.span.start), default=None)
