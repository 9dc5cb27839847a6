"""Media types: one table of the result and RDF formats we write, and one ``negotiate()`` for Accept headers.

SELECT rows are written as SPARQL JSON here (so that a row cap can cut them) and turned into XML, CSV and
TSV by pyoxigraph's own results serializer; ASK results and RDF graphs are written by pyoxigraph directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import orjson
import pyoxigraph as ox

from itut_kb.store import Term

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class Format:
    """A format we can write: its media type, a short name (CLI, docs) and pyoxigraph's format object."""

    media_type: str
    name: str
    label: str
    results: ox.QueryResultsFormat | None = None
    rdf: ox.RdfFormat | None = None

    @property
    def content_type(self) -> str:
        """The Content-Type header: text formats say their charset."""
        return f"{self.media_type}; charset=utf-8"


RESULT_FORMATS: tuple[Format, ...] = (
    Format("application/sparql-results+json", "json", "SPARQL JSON", results=ox.QueryResultsFormat.JSON),
    Format("application/sparql-results+xml", "xml", "SPARQL XML", results=ox.QueryResultsFormat.XML),
    Format("text/csv", "csv", "CSV", results=ox.QueryResultsFormat.CSV),
    Format("text/tab-separated-values", "tsv", "TSV", results=ox.QueryResultsFormat.TSV),
)
RDF_FORMATS: tuple[Format, ...] = (
    Format("text/turtle", "turtle", "Turtle", rdf=ox.RdfFormat.TURTLE),
    Format("application/n-triples", "ntriples", "N-Triples", rdf=ox.RdfFormat.N_TRIPLES),
    Format("application/rdf+xml", "rdfxml", "RDF/XML", rdf=ox.RdfFormat.RDF_XML),
    Format("application/ld+json", "jsonld", "JSON-LD", rdf=ox.RdfFormat.JSON_LD),
)
HTML = Format("text/html", "html", "HTML")

# Other names clients use for the same formats (asked for in Accept; answered with the canonical type).
ALIASES: dict[str, str] = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "application/x-turtle": "text/turtle",
    "text/plain": "application/n-triples",
    "application/json+ld": "application/ld+json",
}

BY_MEDIA_TYPE: dict[str, Format] = {f.media_type: f for f in (*RESULT_FORMATS, *RDF_FORMATS, HTML)}


# ---------------------------------------------------------------------------------------- negotiation
@dataclass(frozen=True)
class _Range:
    type: str
    subtype: str
    q: float

    def specificity(self, media_type: str) -> int:
        """How precisely this range matches ``media_type``: 2 exact, 1 ``type/*``, 0 ``*/*``, -1 not."""
        kind, _, sub = media_type.partition("/")
        if self.type == kind and self.subtype == sub:
            return 2
        if self.type == kind and self.subtype == "*":
            return 1
        if self.type == "*" and self.subtype == "*":
            return 0
        return -1


def _ranges(accept: str) -> list[_Range]:
    out = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        kind, slash, sub = fields[0].lower().partition("/")
        if not slash or not kind or not sub:
            continue  # a malformed entry is ignored, as browsers do
        q = 1.0
        for param in fields[1:]:
            name, _, val = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(val.strip()), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        out.append(_Range(kind, sub, q))
    return out


def negotiate(accept: str | None, available: Sequence[str]) -> str | None:
    """The media type of ``available`` the Accept header prefers, or None when it accepts none of them.

    Each available type takes the q-value of the most specific range that matches it (exact, then
    ``type/*``, then ``*/*``; aliases such as ``application/json`` count as exact matches). The highest
    q wins; ties go to the earlier type in ``available`` (the server's preference). A missing or empty
    header accepts anything.
    """
    if not available:
        return None
    if accept is None or not accept.strip():
        return available[0]
    ranges = _ranges(accept)
    if not ranges:
        return available[0]
    best: tuple[float, int] | None = None
    chosen = None
    for index, media_type in enumerate(available):
        names = [media_type, *(alias for alias, target in ALIASES.items() if target == media_type)]
        q_best: tuple[int, float] = (-1, 0.0)
        for name in names:
            for r in ranges:
                spec = r.specificity(name)
                # an alias is as specific as the real type, but only an exact range names it
                if name != media_type and spec < 2:
                    continue
                if spec > q_best[0] or (spec == q_best[0] and r.q > q_best[1]):
                    q_best = (spec, r.q)
        if q_best[0] < 0 or q_best[1] <= 0:
            continue
        key = (q_best[1], -index)
        if best is None or key > best:
            best, chosen = key, media_type
    return chosen


# ---------------------------------------------------------------------------------------- writing
def term_json(term: Term) -> dict[str, Any]:
    """One RDF term in the SPARQL 1.1 JSON results format."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": term_json(term.subject),
            "predicate": term_json(term.predicate),
            "object": term_json(term.object),
        },
    }


def solutions_json(variables: Sequence[str], rows: Iterable[ox.QuerySolution]) -> bytes:
    bindings = []
    for row in rows:
        binding = {}
        for name in variables:
            value = row[name]
            if value is not None:
                binding[name] = term_json(value)
        bindings.append(binding)
    doc = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
    return orjson.dumps(doc)


def write_solutions(variables: Sequence[str], rows: Iterable[ox.QuerySolution], fmt: Format) -> bytes:
    """SELECT rows in a results format: JSON written here, the others by pyoxigraph from that JSON."""
    data = solutions_json(variables, rows)
    if fmt.results is None or fmt.results == ox.QueryResultsFormat.JSON:
        return data
    parsed = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
    out = parsed.serialize(format=fmt.results)
    assert out is not None
    return out


def write_boolean(value: ox.QueryBoolean, fmt: Format) -> bytes:
    assert fmt.results is not None
    out = value.serialize(format=fmt.results)
    assert out is not None
    return out


def write_graph(triples: Iterable[ox.Triple], fmt: Format, prefixes: dict[str, str] | None = None) -> bytes:
    """Triples in an RDF format; Turtle and RDF/XML get the given prefixes."""
    assert fmt.rdf is not None
    use_prefixes = prefixes if fmt.rdf in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    out = ox.serialize(triples, format=fmt.rdf, prefixes=use_prefixes)
    assert out is not None
    return out
