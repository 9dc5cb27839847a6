"""The KB on a remote SPARQL server: the query surface of :class:`itut_kb.store.KnowledgeBase` over the
SPARQL 1.1 Protocol.

Every query is sent with its dataset, the live graphs of one state of the KB (``default-graph-uri`` and
``named-graph-uri``: their union is the default graph, and ``GRAPH ?g`` ranges over them), and with its
parameters in a VALUES block (:mod:`itut_kb.remote.binding`). Answers are read as SPARQL JSON results
(SELECT, ASK) or N-Triples (CONSTRUCT) into pyoxigraph terms, so that the services cannot tell the two
stores apart.
"""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox

from itut_kb.remote.binding import bind
from itut_kb.remote.client import JSON_RESULTS, N_TRIPLES, TURTLE, RemoteStoreError, SparqlClient
from itut_kb.remote.layout import Names
from itut_kb.store import KnowledgeBase, Term

_CONSTRUCT_ACCEPT = f"{N_TRIPLES}, {TURTLE};q=0.9"
_BOOLEAN = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")
_CANONICAL = {"1": "true", "0": "false"}


def canonical(term: Term) -> Term:
    """``term`` in its canonical form where an engine writes another lexical form of the same value
    (Virtuoso writes booleans as ``"1"^^xsd:boolean``)."""
    if isinstance(term, ox.Literal) and term.datatype == _BOOLEAN and term.value in _CANONICAL:
        return ox.Literal(_CANONICAL[term.value], datatype=_BOOLEAN)
    return term


class RemoteKB(KnowledgeBase):
    """One state of the KB as the live graphs of a SPARQL store."""

    def __init__(self, client: SparqlClient, graphs: tuple[str, ...], names: Names, size: int) -> None:
        self.client = client
        self.names = names
        self.graphs = tuple(sorted(graphs))  # local names
        self.dataset = tuple(names.remote(g) for g in self.graphs)
        self.size = size  # triples of the state (as built locally; publish checks the store holds as many)

    def _send(self, query: str, bindings: Mapping[str, Term] | None, accept: str) -> bytes:
        bound = {k: self.names.out(v) for k, v in (bindings or {}).items()}
        answer = self.client.query(bind(query, bound), accept, self.dataset, self.dataset)
        return answer.body

    def _results(
        self, query: str, bindings: Mapping[str, Term] | None
    ) -> ox.QuerySolutions | ox.QueryBoolean:
        body = self._send(query, bindings, JSON_RESULTS)
        try:
            return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        except SyntaxError as exc:
            raise RemoteStoreError(f"The SPARQL server's answer is not SPARQL JSON results: {exc}") from None

    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[dict[str, Term]]:
        solutions = self._results(query, bindings)
        if not isinstance(solutions, ox.QuerySolutions):
            raise TypeError("a SELECT query was expected")
        names = [v.value for v in solutions.variables]
        back = self.names.back
        bound = dict(bindings or {})  # a bound variable's value is the term bound (an engine may retype it)
        return [
            {n: bound.get(n) or canonical(back(row[n])) for n in names if row[n] is not None}
            for row in solutions
        ]

    def ask(self, query: str, bindings: Mapping[str, Term] | None = None) -> bool:
        result = self._results(query, bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise TypeError("an ASK query was expected")
        return bool(result)

    def construct(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[ox.Triple]:
        bound = {k: self.names.out(v) for k, v in (bindings or {}).items()}
        answer = self.client.query(bind(query, bound), _CONSTRUCT_ACCEPT, self.dataset, self.dataset)
        fmt = ox.RdfFormat.from_media_type(answer.media_type) or ox.RdfFormat.N_TRIPLES
        try:
            quads = ox.parse(answer.body, format=fmt)
            triples = (ox.Triple(q.subject, q.predicate, canonical(q.object)) for q in quads)
            return [self.names.triple_back(t) for t in triples]
        except SyntaxError as exc:
            raise RemoteStoreError(f"The SPARQL server's graph is not {fmt}: {exc}") from None

    def graph_names(self) -> list[str]:
        return list(self.graphs)

    def __len__(self) -> int:
        return self.size
