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
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import SH

from itut_kb.terms import to_rdflib


def load_rules(*paths: Path) -> Graph:
    """The shapes graph of the rule files ``paths`` (Turtle)."""
    rules = Graph()
    for path in paths:
        rules.parse(path, format="turtle")
    return rules


def infer(graphs: Iterable[Graph], rules: Graph) -> Graph:
    """The triples the rules add to the union of ``graphs`` (only those: the input is not repeated)."""
    import pyshacl  # here: the server and its SPARQL workers load rules without it (start-up time)

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


# ---------------------------------------------------------------------- the same rules on a living store
@dataclass(frozen=True)
class SparqlRule:
    """One ``sh:SPARQLRule`` of a shape with an ``sh:targetClass``: the rule's CONSTRUCT, its prefixes
    declared, and the class whose instances are its focus nodes (``$this``)."""

    target_class: ox.NamedNode
    construct: str


def sparql_rules(rules: Graph) -> list[SparqlRule]:
    out = []
    for shape, rule in sorted(rules.subject_objects(SH.rule)):
        target = rules.value(shape, SH.targetClass)
        text = rules.value(rule, SH.construct)
        if target is None or text is None:
            raise ValueError(f"rule {rule} of {shape}: only sh:SPARQLRule with sh:targetClass is supported")
        prologue = "".join(
            f"PREFIX {p}: <{n}>\n"
            for p, n in sorted(
                (str(rules.value(d, SH.prefix)), str(rules.value(d, SH.namespace)))
                for d in rules.objects(None, SH.declare)
            )
        )
        out.append(SparqlRule(ox.NamedNode(str(target)), prologue + str(text)))
    return out


_FOCUS = "SELECT ?node ?class WHERE { ?node a ?class }"


def rule_triples(store: ox.Store, rules: list[SparqlRule]) -> set[ox.Triple]:
    """What the rules infer on ``store`` (the union of its graphs), once, as pySHACL would.

    Each rule's CONSTRUCT runs once with ``$this`` unbound and keeps the triples about the focus nodes
    (the instances of its target class): the rules of ontology/rules/ construct triples about ``$this``
    only, so this equals one run per focus node, at a tenth of the cost (tests compare it with pySHACL).
    """
    out: set[ox.Triple] = set()
    for rule in rules:
        focus = {
            row["node"]
            for row in store.query(
                _FOCUS,
                substitutions={ox.Variable("class"): rule.target_class},
                use_default_graph_as_union=True,
            )  # type: ignore[union-attr]
        }
        for triple in store.query(rule.construct, use_default_graph_as_union=True):  # type: ignore[union-attr]
            if triple.subject in focus:
                out.add(triple)
    return out
