"""Where the KB lives in a shared SPARQL store: which graphs, under which names.

- the **live graphs**: the named graphs of the KB's current state, exactly as the embedded store holds
  them (``graph/ontology``, ``graph/<part>`` for every generated file, ``graph/inferred-responsibility``,
  ``graph/change/{id}`` for the facts of each accepted change in effect, ``graph/changes`` for their
  PROV-O description); every query names them as its dataset (``default-graph-uri`` and
  ``named-graph-uri``), so that nothing depends on an engine's union default graph (Virtuoso's includes
  its own system graphs) and the change log's graphs stay out of the answers;
- the **change log**: ``graph/log`` (each change's PROV-O description and its record as JSON, the head,
  the state the live graphs hold) and ``graph/log/change/{id}/…`` (its event and diffs): the layout of the
  TriG dump (:class:`itut_kb.living.archive.RecordLayout`), under ``log/``;
- the **tokens** of the writers: ``graph/tokens`` (name, role, SHA-256 of the token; never the token).

``--graph-base IRI`` publishes under another namespace than ``https://w3id.org/itut-kb/graph/``: every IRI
of the graph namespace (graph names, and the change graphs' PROV-O descriptions that name them) is renamed
on the way out and back on the way in, so that answers are those of the embedded store.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar, cast

import pyoxigraph as ox

from itut_kb.living.archive import RecordLayout
from itut_kb.namespaces import ITUT
from itut_kb.store import GRAPH_BASE, graph_name

LOG_GRAPH = graph_name("log")
TOKENS_GRAPH = graph_name("tokens")
LOG_LAYOUT = RecordLayout(LOG_GRAPH, GRAPH_BASE + "log/change/")
LIVE_STATE = ox.NamedNode(str(ITUT) + "liveState")  # graph/log graph/log "1,3,2": the live graphs' state
TOKEN = ox.NamedNode(str(ITUT) + "tokenRecord")
_T = TypeVar("_T")
NOT_LIVE = (LOG_GRAPH.value, TOKENS_GRAPH.value, GRAPH_BASE + "log/")


def is_live(graph: str) -> bool:
    """True for a graph of the KB's state (not the log's, nor the tokens')."""
    return graph.startswith(GRAPH_BASE) and not graph.startswith(NOT_LIVE)


def state_text(included: Iterable[int]) -> str:
    return ",".join(map(str, included))


def parse_state(text: str) -> tuple[int, ...]:
    return tuple(int(v) for v in text.split(",") if v)


class Names:
    """The renaming of the graph namespace between this process (``GRAPH_BASE``) and the store."""

    def __init__(self, graph_base: str = GRAPH_BASE) -> None:
        self.base = graph_base
        self.renamed = graph_base != GRAPH_BASE

    def remote(self, iri: str) -> str:
        return self.base + iri[len(GRAPH_BASE) :] if self.renamed and iri.startswith(GRAPH_BASE) else iri

    def local(self, iri: str) -> str:
        return GRAPH_BASE + iri[len(self.base) :] if self.renamed and iri.startswith(self.base) else iri

    def out(self, term: _T) -> _T:
        """``term`` with the graph namespace renamed for the store."""
        if self.renamed and isinstance(term, ox.NamedNode) and term.value.startswith(GRAPH_BASE):
            return cast("_T", ox.NamedNode(self.remote(term.value)))
        return term

    def back(self, term: _T) -> _T:
        """``term`` from the store, with the graph namespace renamed back."""
        if self.renamed and isinstance(term, ox.NamedNode) and term.value.startswith(self.base):
            return cast("_T", ox.NamedNode(self.local(term.value)))
        return term

    def quad_out(self, quad: ox.Quad) -> ox.Quad:
        if not self.renamed:
            return quad
        return ox.Quad(
            self.out(quad.subject), quad.predicate, self.out(quad.object), self.out(quad.graph_name)
        )

    def quad_back(self, quad: ox.Quad) -> ox.Quad:
        if not self.renamed:
            return quad
        return ox.Quad(
            self.back(quad.subject), quad.predicate, self.back(quad.object), self.back(quad.graph_name)
        )

    def triple_out(self, triple: ox.Triple) -> ox.Triple:
        if not self.renamed:
            return triple
        return ox.Triple(self.out(triple.subject), triple.predicate, self.out(triple.object))

    def triple_back(self, triple: ox.Triple) -> ox.Triple:
        if not self.renamed:
            return triple
        return ox.Triple(self.back(triple.subject), triple.predicate, self.back(triple.object))
