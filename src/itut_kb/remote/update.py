"""Quads written into SPARQL Update requests: ``GRAPH <g> { s p o . … }`` blocks in N-Triples syntax (the
terms as pyoxigraph writes them, so that no value is ever read as syntax)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox


def quads_block(quads: Iterable[ox.Quad]) -> str:
    """The quads grouped by graph, as the body of INSERT DATA, DELETE DATA or an update template."""
    by_graph: dict[str, list[str]] = defaultdict(list)
    for quad in quads:
        if not isinstance(quad.graph_name, ox.NamedNode):
            raise ValueError(f"a quad of the KB is in a named graph: {quad}")
        if isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode):
            raise ValueError(f"blank nodes cannot be deleted or matched by an update: {quad}")
        by_graph[quad.graph_name.value].append(f"{quad.subject} {quad.predicate} {quad.object} .")
    return "\n".join(f"GRAPH <{g}> {{\n" + "\n".join(lines) + "\n}" for g, lines in sorted(by_graph.items()))
