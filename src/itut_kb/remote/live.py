"""The live graphs of a shared store: the current state of the KB, which queries forwarded to the engine read.

The store records which state its live graphs hold (``graph/log itut:liveState "1,3,2"``: the accepted
changes included, in replay order). The current state is every change recorded so far that is in effect
today; the live graphs move to it

- when a change is accepted: in the same SPARQL Update as the record (:meth:`plan`, used by
  :meth:`itut_kb.remote.log.RemoteChangeLog.append`);
- when a day passes the effective date of a change recorded earlier (:meth:`advance`, by the first replica
  that notices; guarded on the state the graphs hold, so that two replicas doing it at once write it once);
- after two writers raced on an engine without isolated updates (:meth:`repair`: every live graph put
  again from the state built from the log).

A move is computed in this process: both states are built from the baseline and the log (as the embedded
store builds them), and the update deletes what the first has and the second lacks, and inserts the
converse. Time travel (``as_of``, ``version``) is answered from states built here in the same way; only the
current state is answered by the engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import pyoxigraph as ox

from itut_kb.errors import PreconditionFailedError
from itut_kb.living.changelog import ChangeRecord
from itut_kb.living.states import StateKey
from itut_kb.remote.client import JSON_RESULTS, SparqlClient
from itut_kb.remote.layout import LIVE_STATE, LOG_GRAPH, Names, is_live, state_text
from itut_kb.remote.update import quads_block
from itut_kb.store import EmbeddedKB

if TYPE_CHECKING:
    from itut_kb.living.states import History
    from itut_kb.remote.log import RemoteChangeLog


@dataclass
class Move:
    """The live graphs from one state to another: the quads to delete and insert (names as in the store)."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    version: int
    delete: list[ox.Quad]
    insert: list[ox.Quad]
    target_kb: EmbeddedKB | None

    @property
    def source_literal(self) -> str:
        return str(ox.Literal(state_text(self.source)))


def current_included(timeline: list[tuple[int, date]], today: date) -> tuple[int, ...]:
    """The changes of the current state, in replay order (effective date, then version)."""
    return tuple(v for _e, v in sorted((e, v) for v, e in timeline if e <= today))


class LiveGraphs:
    def __init__(self, client: SparqlClient, names: Names, log: RemoteChangeLog) -> None:
        self.client = client
        self.names = names
        self.log = log
        self.history: History | None = None  # attached by the services once built
        self.marker_graph = ox.NamedNode(names.remote(LOG_GRAPH.value))

    def _marker(self, included: tuple[int, ...]) -> ox.Quad:
        return ox.Quad(self.marker_graph, LIVE_STATE, ox.Literal(state_text(included)), self.marker_graph)

    def _history(self) -> History:
        if self.history is None:
            raise RuntimeError("the live graphs need the KB's history (Services.history) attached")
        return self.history

    def state(self, included: tuple[int, ...], version: int) -> EmbeddedKB:
        """The state of ``included`` built here (from the cache, or the baseline and the log's diffs)."""
        return self._history().kb(StateKey(included, version, date.today()))

    def _move(
        self, source: tuple[int, ...], target: tuple[int, ...], version: int, target_kb: EmbeddedKB
    ) -> Move:
        before = set(self.state(source, version).store) if source != target else set()
        after = set(target_kb.store) if source != target else set()
        delete = [self._marker(source)] + [self.names.quad_out(q) for q in sorted(before - after, key=str)]
        insert = [self._marker(target)] + [self.names.quad_out(q) for q in sorted(after - before, key=str)]
        return Move(source, target, version, delete, insert, target_kb)

    def plan(self, record: ChangeRecord) -> Move:
        """The move a new change makes: from the state the live graphs hold to the current state with it."""
        history = self._history()
        source = self.log.live_state()
        if source is None:
            self.repair()
            raise PreconditionFailedError("the live graphs were being repaired; retry")
        timeline = [*self.log.timeline(), (record.version, record.effective)]
        target = current_included(timeline, date.today())
        if target == source:
            return Move(source, target, record.version, [], [], None)
        records = {r.version: r for r in self.log.records(0, record.version - 1)}
        records[record.version] = record
        target_kb = history.build([records[v] for v in target])
        return self._move(source, target, record.version, target_kb)

    def remember(self, move: Move) -> None:
        """Keep the state a write built (the live graphs now hold it)."""
        if move.target_kb is not None:
            self._history().remember(StateKey(move.target, move.version, date.today()), move.target_kb.store)

    def advance(self, key: StateKey) -> None:
        """Move the live graphs to the state ``key`` names (the current one), once, whoever does it."""
        source = self.log.live_state()
        if source is None:
            self.repair()
            return
        if source == key.included:
            return
        move = self._move(source, key.included, key.version, self.state(key.included, key.version))
        guard = f"GRAPH <{self.marker_graph.value}> {{ <{self.marker_graph.value}> <{LIVE_STATE.value}> {move.source_literal} }}"
        self.client.update(
            f"DELETE {{ {quads_block(move.delete)} }}\nINSERT {{ {quads_block(move.insert)} }}\nWHERE {{ {guard} }}"
        )
        self.log.forget_status()
        if self.log.live_state() is None:
            self.repair()

    def repair(self) -> None:
        """Put every live graph again from the current state built from the log, and record it as live."""
        history = self._history()
        self.log.forget_status()
        key = history.key()
        kb = self.state(key.included, key.version)
        answer = self.client.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", JSON_RESULTS)
        result = ox.parse_query_results(answer.body, format=ox.QueryResultsFormat.JSON)
        assert isinstance(result, ox.QuerySolutions)
        present = {self.names.local(row["g"].value) for row in result if row["g"] is not None}
        wanted = set(kb.graph_names())
        for graph in sorted(wanted):
            triples = [
                ox.Triple(q.subject, q.predicate, q.object)
                for q in kb.store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
            ]
            self.client.put_graph(self.names.remote(graph), [self.names.triple_out(t) for t in triples])
        for graph in sorted(g for g in present - wanted if is_live(g)):
            self.client.delete_graph(self.names.remote(graph))
        marker = self.marker_graph.value
        self.client.update(
            f"DELETE {{ GRAPH <{marker}> {{ <{marker}> <{LIVE_STATE.value}> ?any }} }}\n"
            f"INSERT {{ {quads_block([self._marker(key.included)])} }}\n"
            f"WHERE {{ OPTIONAL {{ GRAPH <{marker}> {{ <{marker}> <{LIVE_STATE.value}> ?any }} }} }}"
        )
        self.log.forget_status()
