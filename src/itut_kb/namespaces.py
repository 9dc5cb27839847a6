"""Namespaces and the IRI scheme of the KB (documented in ontology/itut.ttl)."""

from __future__ import annotations

from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

ITUT = Namespace("https://w3id.org/itut-kb/ontology#")
ID = Namespace("https://w3id.org/itut-kb/id/")
ONTOLOGY_IRI = URIRef("https://w3id.org/itut-kb/ontology")

PREFIXES: dict[str, str] = {
    "itut": str(ITUT),
    "id": str(ID),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "org": str(ORG),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "sh": "http://www.w3.org/ns/shacl#",
}


def key(text: str) -> str:
    """A path segment: readable ASCII kept, anything else percent-encoded."""
    return quote(text, safe="-._~()!*'+,=:@")


def iri(*segments: str) -> URIRef:
    """The instance IRI ``id/<segment>/<segment>…`` with each segment encoded by :func:`key`."""
    return URIRef(str(ID) + "/".join(key(s) for s in segments))


def part(document: URIRef, kind: str, part_key: str) -> URIRef:
    """A part of a document: ``…/resolution/2/clause/{key}``, ``…/footnote/4``, ``…/figure/9.1``."""
    return URIRef(f"{document}/{kind}/{key(part_key)}")


def group(group_id: str) -> URIRef:
    return iri("group", group_id)


def resolution(number: int | str) -> URIRef:
    return iri("resolution", str(number))


def recommendation(number: str) -> URIRef:
    return iri("recommendation", number)


def question(final_id: str) -> URIRef:
    return iri("question", final_id.replace("/", "-"))


def source_text(file_name: str) -> URIRef:
    return iri("source", file_name)
