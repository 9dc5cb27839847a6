"""SHACL-AF rules (``ontology/rules/*.ttl``), run with pySHACL over the built graphs at build time.

The rules' output is written as a KB file of its own (data/kb/inferred-responsibility.ttl), so that the
store, the SPARQL endpoint and every other reader see plain triples (``?rec itut:responsibleGroup ?sg``).

pySHACL runs a SPARQL rule once per focus node. Over an rdflib graph that costs close to a minute for the
KB's Recommendations (rdflib parses the rule's query again for every node, then evaluates it slowly); over
a pyoxigraph Store, which pySHACL 0.40 supports natively (the rule runs in Oxigraph, ``$this`` bound by
substitution), well under a second (bench/results/ownership.md). So the rules run on a pyoxigraph copy of
the input graphs, at build time: the inferred triples are then plain data for every reader, and loading
the KB stays as fast as loading files.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, cast

import pyoxigraph as ox
import pyshacl
from rdflib import Graph

from itut_kb.terms import to_rdflib


def load_rules(*paths: Path) -> Graph:
    """The shapes graph of the rule files ``paths`` (Turtle)."""
    rules = Graph()
    for path in paths:
        rules.parse(path, format="turtle")
    return rules


def infer(graphs: Iterable[Graph], rules: Graph) -> Graph:
    """The triples the rules add to the union of ``graphs`` (only those: the input is not repeated)."""
    store = ox.Store()
    for graph in graphs:
        store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    # pySHACL accepts a pyoxigraph Store (its OxigraphDataGraph), though its type hints do not say so
    expanded: Any = pyshacl.shacl_rules(cast(Any, store), shacl_graph=rules, inference="none", inplace=False)
    inferred = Graph()
    for quad in expanded.impl:  # the expanded copy: a pyoxigraph Store
        if quad not in store:
            inferred.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return inferred
