"""Procedural rules: ``data/curated/procedural_rules.ttl``, checked against the clauses and given provenance.

The rules are curated by hand (the text does not lend itself to parsing: one clause holds several rules
and the bound, the anchor and the direction need reading). What the build adds is the check and the
provenance: every rule's ``itut:text`` must occur verbatim in the ``itut:text`` of the clause it names
(``itut:statedInClause``), or the build stops; the rule then gets the clause's source file, lines and
``itut:sourceClause``. The kinds of case, anchor events and conditions are copied as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.graph import ReadOnlyGraphAggregate
from rdflib.namespace import PROV, RDF

from itut_kb.extract.writer import GraphWriter
from itut_kb.namespaces import ITUT

CURATED_FILE = "procedural_rules.ttl"


class RuleCurationError(ValueError):
    """A curated rule that does not match the KB: its clause is missing or does not contain its quote."""


def add_procedural_rules(out: GraphWriter, curated: Path, documents: Sequence[Graph]) -> list[URIRef]:
    """Copy the curated rules into ``out`` with provenance from the clauses in ``documents``; the rules added."""
    clauses = ReadOnlyGraphAggregate(list(documents))
    rules_graph = Graph().parse(curated, format="turtle")
    for triple in rules_graph:
        out.graph.add(triple)
    added = []
    for rule in sorted(
        r for r in rules_graph.subjects(RDF.type, ITUT.ProceduralRule) if isinstance(r, URIRef)
    ):
        clause = rules_graph.value(rule, ITUT.statedInClause)
        quote = rules_graph.value(rule, ITUT.text)
        text = clauses.value(clause, ITUT.text)
        if clause is None or text is None:
            raise RuleCurationError(f"{rule}: its clause {clause} has no text in the KB")
        if quote is None or str(quote) not in str(text):
            raise RuleCurationError(f"{rule}: the quote {quote!s:.40}… is not in the text of {clause}")
        for predicate in (PROV.wasDerivedFrom, ITUT.firstLine, ITUT.lastLine, ITUT.sourceClause):
            provenance = clauses.value(clause, predicate)
            if provenance is None:
                raise RuleCurationError(f"{rule}: its clause {clause} has no {predicate}")
            out.graph.add((rule, predicate, provenance))
        added.append(rule)
    return added
