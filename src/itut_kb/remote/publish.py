"""``itut-kb publish --to STORE-URL``: the KB into an existing SPARQL server, over the Graph Store Protocol.

One named graph per part (the ontology, every generated KB file, the inferred responsibilities), as the
embedded store names them; with a store directory (``--store-dir``) also the accepted changes: the current
state's graphs (each change's facts in ``graph/change/{id}``, their PROV-O description in
``graph/changes``), the change log (``graph/log`` and ``graph/log/change/…``: the layout of the TriG dump)
and, with ``--with-tokens``, the writers' tokens (hashed). Every graph is written with PUT, which replaces
it: publishing twice gives the same store, never duplicates. Graphs a previous publication wrote and this
one does not (a change graph of a log since restored) are deleted. Afterwards every graph is read back and
its triples counted against what was sent.

A store whose log holds changes accepted through its replicas that the source does not have is not
overwritten (that would lose them) unless ``force`` is given.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import pyoxigraph as ox

from itut_kb.errors import ConflictError, ItutKbError
from itut_kb.living import provenance
from itut_kb.living.changelog import BaseChangeLog
from itut_kb.living.states import History
from itut_kb.remote.client import SparqlClient
from itut_kb.remote.layout import (
    LIVE_STATE,
    LOG_GRAPH,
    LOG_LAYOUT,
    TOKEN,
    TOKENS_GRAPH,
    Names,
    is_live,
    state_text,
)
from itut_kb.remote.live import current_included


class PublishError(ItutKbError):
    status = 502
    code = "publish_failed"


@dataclass
class Published:
    graphs: dict[str, int] = field(default_factory=dict)  # local graph name -> triples (verified)
    deleted: list[str] = field(default_factory=list)
    changes: int = 0
    tokens: int = 0
    seconds: float = 0.0

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())


def _triples(quads: list[ox.Quad]) -> list[ox.Triple]:
    return [ox.Triple(q.subject, q.predicate, q.object) for q in quads]


def publish(
    client: SparqlClient,
    names: Names,
    history: History,
    log: BaseChangeLog | None,
    with_tokens: bool = False,
    force: bool = False,
) -> Published:
    started = time.monotonic()
    out = Published()
    records = log.records() if log is not None else []
    included = current_included([(r.version, r.effective) for r in records], date.today())
    key = history.key() if log is not None else None
    state = history.kb(key) if key is not None else history.baseline
    if key is not None and key.included != included:
        raise PublishError(f"the current state {key.included} is not the log's {included}")

    graphs: dict[str, list[ox.Quad]] = defaultdict(list)
    for quad in state.store:
        assert isinstance(quad.graph_name, ox.NamedNode)
        graphs[quad.graph_name.value].append(quad)
    log_quads = [ox.Quad(LOG_GRAPH, LIVE_STATE, ox.Literal(state_text(included)), LOG_GRAPH)]
    for record in records:
        log_quads += LOG_LAYOUT.quads(record, index=True)
    for quad in log_quads:
        assert isinstance(quad.graph_name, ox.NamedNode)
        graphs[quad.graph_name.value].append(quad)
    if with_tokens and log is not None:
        for row in log.token_rows():
            literal = ox.Literal(json.dumps(row, sort_keys=True), datatype=ox.NamedNode(_RDF_JSON))
            graphs[TOKENS_GRAPH.value].append(
                ox.Quad(provenance.agent_iri(row["name"]), TOKEN, literal, TOKENS_GRAPH)
            )
        out.tokens = len(log.token_rows())

    previous = _previous_graphs(client, names, {r.id for r in records}, force)
    for graph, quads in sorted(graphs.items()):
        client.put_graph(names.remote(graph), [names.triple_out(t) for t in _triples(quads)])
    for graph in sorted(previous - set(graphs)):
        client.delete_graph(names.remote(graph))
        out.deleted.append(graph)
    for graph, quads in sorted(graphs.items()):
        got = len(client.get_graph(names.remote(graph)))
        if got != len(quads):
            raise PublishError(
                f"the store holds {got} triples in {names.remote(graph)}; {len(quads)} were sent"
            )
        out.graphs[graph] = got
    out.changes = len(records)
    out.seconds = time.monotonic() - started
    return out


def _previous_graphs(client: SparqlClient, names: Names, ids: set[str], force: bool) -> set[str]:
    """The live and log graphs a previous publication (and the replicas since) wrote, by the store's log."""
    log = [names.triple_back(t) for t in client.get_graph(names.remote(LOG_GRAPH.value))]
    if not log:
        return set()
    recorded = {
        t.object.value
        for t in log
        if t.predicate.value.endswith("#changeId") and isinstance(t.object, ox.Literal)
    }
    unknown = sorted(recorded - ids)
    if unknown and not force:
        raise ConflictError(
            f"the store's change log holds {len(unknown)} change(s) this source does not have "
            f"({', '.join(unknown[:5])}…): accepted through its replicas, they would be lost. Dump them from "
            "the store first, or publish with --force to replace them."
        )
    out = {LOG_GRAPH.value}
    out |= {
        t.object.value
        for t in log
        if t.predicate.value.endswith("#recordGraph") and isinstance(t.object, ox.NamedNode)
    }
    out |= {t.subject.value for t in log if isinstance(t.subject, ox.NamedNode) and is_live(t.subject.value)}
    return out


_RDF_JSON = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON"
