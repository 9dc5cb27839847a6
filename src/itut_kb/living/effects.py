"""What an event does to the KB: the statements it removes and adds, applied to a candidate store.

The effects of each kind are CONSTRUCT queries, ``queries/changes/<kind>-removes.rq`` and
``<kind>-adds.rq``, with the event and the change bound as parameters; both run on the KB as it stood
before the event, then the removals are applied and the additions written into the change's own graph.
Python adds only what a query cannot say: the scopes of an Annex C line, read by the build's own reader
(:func:`itut_kb.extract.annex_c.read_entry`); the statements of a raw ``kb-change``; and the inverse of the
change a ``revert`` undoes (its removals put back in the graphs they came from).

:class:`Diff` keeps the net result of a change's events: a statement an earlier event added and a later one
removes is simply not added.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from itut_kb.catalog import Catalog
from itut_kb.errors import NotFoundError

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@dataclass
class Diff:
    """The quads a change removed (with the graphs they were in) and added (with the graphs they went to)."""

    removed: list[ox.Quad] = field(default_factory=list)
    added: list[ox.Quad] = field(default_factory=list)

    def remove(self, store: ox.Store, triples: Iterable[ox.Triple]) -> None:
        for triple in triples:
            for quad in list(store.quads_for_pattern(triple.subject, triple.predicate, triple.object, None)):
                store.remove(quad)
                if quad in self.added:
                    self.added.remove(quad)
                else:
                    self.removed.append(quad)

    def add(self, store: ox.Store, quads: Iterable[ox.Quad]) -> None:
        for quad in quads:
            present = next(store.quads_for_pattern(quad.subject, quad.predicate, quad.object, None), None)
            if present is not None:
                continue
            store.add(quad)
            if quad in self.removed:
                self.removed.remove(quad)
            else:
                self.added.append(quad)

    def touched(self) -> set[ox.NamedNode]:
        """The subjects whose statements changed (what the KB shapes must look at again)."""
        return {q.subject for q in (*self.removed, *self.added) if isinstance(q.subject, ox.NamedNode)}


def run_effect(
    store: ox.Store, catalog: Catalog, name: str, event: ox.NamedNode, change: ox.NamedNode
) -> list[ox.Triple]:
    """The triples of the effect query ``name`` (none when the kind has no such query)."""
    try:
        query = catalog.get(name)
    except NotFoundError:
        return []
    given = {"event": event, "change": change}
    result = store.query(
        query.text,
        substitutions={ox.Variable(p.variable): given[p.name] for p in query.params},
        use_default_graph_as_union=True,
    )
    return list(result)  # type: ignore[arg-type]


def apply_event(
    store: ox.Store,
    catalog: Catalog,
    diff: Diff,
    kind: str,
    event: ox.NamedNode,
    change: ox.NamedNode,
    graph: ox.NamedNode,
    extra_removes: Iterable[ox.Triple] = (),
    extra_adds: Iterable[ox.Quad] = (),
) -> list[ox.Triple]:
    """Apply one event to ``store``: its removals, then its additions (in ``graph``); the triples its
    adds query constructed (the caller may add more about them, e.g. an Annex C line's scopes)."""
    removes = run_effect(store, catalog, f"{kind}-removes", event, change)
    adds = run_effect(store, catalog, f"{kind}-adds", event, change)
    diff.remove(store, [*removes, *extra_removes])
    diff.add(store, [ox.Quad(t.subject, t.predicate, t.object, graph) for t in adds])
    diff.add(store, extra_adds)
    return adds
