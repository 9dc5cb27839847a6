"""A thin helper over an rdflib Graph for the extraction: typed entities with provenance, zh labels."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF

from itut_kb import namespaces as ns
from itut_kb.extract.model import Span
from itut_kb.namespaces import ITUT


class GraphWriter:
    """Collects the triples of one KB file."""

    def __init__(self) -> None:
        self.graph = Graph()
        for prefix, namespace in ns.PREFIXES.items():
            self.graph.bind(prefix, namespace)

    def entity(self, subject: URIRef, cls: URIRef, span: Span, clause: str | None = None) -> URIRef:
        """Type ``subject`` and record where in the source it was read (file, lines, clause)."""
        g = self.graph
        g.add((subject, RDF.type, cls))
        g.add((subject, PROV.wasDerivedFrom, ns.source_text(span.file)))
        g.add((subject, ITUT.firstLine, Literal(span.start)))
        g.add((subject, ITUT.lastLine, Literal(span.end)))
        if clause:
            g.add((subject, ITUT.sourceClause, Literal(clause)))
        return subject

    def zh(self, subject: URIRef, predicate: URIRef, text: str | None) -> None:
        """A Chinese text from the source, language-tagged; nothing when absent or empty."""
        if text:
            self.graph.add((subject, predicate, Literal(text, lang="zh")))

    def en(self, subject: URIRef, predicate: URIRef, text: str | None) -> None:
        """An English text, only where certain (curated)."""
        if text:
            self.graph.add((subject, predicate, Literal(text, lang="en")))

    def value(self, subject: URIRef, predicate: URIRef, value: str | int | bool | None) -> None:
        """A plain value: a string as a plain literal (the same term as ``"…"^^xsd:string`` in RDF 1.1, but
        engines with RDF 1.0 semantics, such as Virtuoso, do not equate the two), an integer, a boolean."""
        if value is None:
            return
        if isinstance(value, str):
            self.graph.add((subject, predicate, Literal(value)))
        else:
            self.graph.add((subject, predicate, Literal(value)))

    def link(self, subject: URIRef, predicate: URIRef, obj: URIRef) -> None:
        self.graph.add((subject, predicate, obj))
