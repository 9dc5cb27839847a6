"""Moving terms from pyoxigraph to rdflib (the store answers in pyoxigraph terms; pySHACL reads rdflib)."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node


def to_rdflib(term: object) -> Node:
    """The rdflib term for a pyoxigraph one; an ill-typed literal keeps its lexical form, for the shapes to report.

    TypeError for anything else (an RDF-star triple used as a term).
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"not an RDF term rdflib can hold: {term!r}")
