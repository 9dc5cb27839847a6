"""The checks a change's result must pass besides its own shapes: the KB shapes on every node whose statements
changed, and the ``queries/checks/*-violation.rq`` queries, which may find nothing the state before the change
did not (a violation the KB already had is not the change's doing; none exists in the baseline). Checks of the
proceedings as printed (``#+ scope: source``: every Question of Part V approved at a plenary, no footnote marker
left in a clause text, …) are run only on raw changes (``kb-change``, which may touch anything): a domain
event writes no clause text, and a later decision legitimately departs from the proceedings.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from itut_kb.catalog import Catalog
from itut_kb.lookup import value
from itut_kb.terms import to_rdflib
from itut_kb.validation import retargeted, run_shacl
from itut_kb.validation_report import Finding, findings

RDF_TYPE = ox.NamedNode(str(RDF.type))


class PostChecks:
    def __init__(
        self, kb_shapes: Graph, class_hierarchy: Iterable[tuple[Node, Node, Node]], checks: Catalog
    ) -> None:
        self.kb_shapes = kb_shapes
        self.class_hierarchy = list(class_hierarchy)
        self.checks = checks
        self._cache: list[tuple[ox.Store, bool, set[tuple[str, str]]]] = []
        self._lock = threading.Lock()

    def run(
        self, store: ox.Store, before: ox.Store, touched: Iterable[ox.NamedNode], raw: bool = False
    ) -> list[Finding]:
        """``raw``: the change states arbitrary statements (kb-change): every check runs."""
        return self.shapes(store, touched) + self.new_violations(store, before, raw)

    def _rows(self, store: ox.Store, raw: bool) -> set[tuple[str, str]]:
        """The violation rows of ``store``, cached for the last two stores: the state a change is checked
        against is, most often, the store the previous accepted change was checked as."""
        with self._lock:
            for cached, was_raw, rows in self._cache:
                if cached is store and was_raw == raw:
                    return rows
        rows = self.rows(store, raw)
        with self._lock:
            self._cache = [(store, raw, rows), *self._cache[:1]]
        return rows

    def shapes(self, store: ox.Store, touched: Iterable[ox.NamedNode]) -> list[Finding]:
        """The KB shapes on the ``touched`` nodes that still have a type (a deleted node has none)."""
        types = Graph()
        focus: list[URIRef] = []
        for node in sorted(touched, key=str):
            if next(store.quads_for_pattern(node, RDF_TYPE, None, None), None) is None:
                continue
            focus.append(URIRef(node.value))
            for quad in store.quads_for_pattern(
                node, None, None, None
            ):  # its types, and labels for the report
                types.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
        if not focus:
            return []
        types += self.class_hierarchy
        shapes = retargeted(self.kb_shapes, types, focus)
        report = run_shacl(store, shapes)
        return findings(report, self.kb_shapes, types, [])

    def rows(self, store: ox.Store, raw: bool = False) -> set[tuple[str, str]]:
        out = set()
        for name, query in self.checks.queries.items():
            if not query.path.stem.endswith("-violation") or (query.scope == "source" and not raw):
                continue
            result: Any = store.query(query.text, use_default_graph_as_union=True)
            for row in result:
                cells = {v.value: value(row[v]) for v in result.variables if row[v] is not None}
                out.add((name, repr(sorted(cells.items()))))
        return out

    def new_violations(self, store: ox.Store, before: ox.Store, raw: bool = False) -> list[Finding]:
        known = self._rows(before, raw)  # first: it is most often the store the last change was checked as
        out = []
        for name, cells in sorted(self._rows(store, raw) - known):
            query = self.checks.get(name)
            out.append(
                Finding(
                    focus=cells,
                    severity="Violation",
                    path=None,
                    message_zh=query.summary,
                    message_en=f"{query.summary} {cells}",
                    source=f"queries/checks/{query.path.name}",
                    source_iri=None,
                    hint=None,
                    hint_zh=None,
                )
            )
        return out
