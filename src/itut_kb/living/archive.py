"""`itut-kb dump` and `itut-kb restore`: the whole store as one TriG file, and back.

The dump holds, each in named graphs:

- the baseline (``graph/<part>``: the ontology and every generated KB file), as this checkout has it;
- every change: its description (``graph/change/{id}/event``), the quads it added and removed, grouped by
  the graph they went to or came from (``…/added/{k}`` with ``itut:addedTo``, ``…/removed/{k}`` with
  ``itut:removedFrom``), and its record in ``graph/changes``: the PROV-O description of the live KB plus the
  record itself as JSON (``itut:record``), so that a restore gives back the same log, version for version;
- with ``--with-tokens``, the tokens' names, roles and hashes (never the tokens themselves).

A restore writes a new change log from the dump. The changes are replayed on the baseline of the checkout
that serves them (the baseline follows ``itut-kb build``); :func:`restore` says so when the dump's baseline
differs from it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from itut_kb import namespaces as ns
from itut_kb.errors import InputError
from itut_kb.living import provenance
from itut_kb.living.changelog import BaseChangeLog, ChangeLog, ChangeRecord, nquads, ntriples
from itut_kb.living.states import diff_quads
from itut_kb.store import GRAPH_BASE, EmbeddedKB, graph_name

TOKENS_GRAPH = graph_name("tokens")
_JSON = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON")
_RECORD = ox.NamedNode(str(ns.ITUT) + "record")
_ADDED_TO = ox.NamedNode(str(ns.ITUT) + "addedTo")
_REMOVED_FROM = ox.NamedNode(str(ns.ITUT) + "removedFrom")
_TOKEN = ox.NamedNode(str(ns.ITUT) + "tokenRecord")
_RECORD_GRAPH = ox.NamedNode(str(ns.ITUT) + "recordGraph")


class RecordLayout:
    """How a change record is written as quads: its PROV-O description and the record itself as JSON
    (``itut:record``) in the ``meta`` graph, its event and its diffs as named graphs under ``prefix``
    (``{prefix}{id}/event``, ``…/added/{k}``, ``…/removed/{k}``). The dump uses ``graph/changes`` and
    ``graph/change/``; a shared SPARQL store keeps its change log in ``graph/log`` and ``graph/log/change/``
    (:mod:`itut_kb.remote.log`), apart from the live graphs its queries read."""

    def __init__(self, meta: ox.NamedNode, prefix: str) -> None:
        self.meta = meta
        self.prefix = prefix

    def graph(self, change_id: str, *parts: str) -> ox.NamedNode:
        return ox.NamedNode(self.prefix + ns.key(change_id) + "/" + "/".join(parts))

    def quads(self, record: ChangeRecord, index: bool = False) -> list[ox.Quad]:
        """The record as quads; with ``index``, also ``itut:recordGraph`` from the change to each of its
        graphs (what a SPARQL store reads its records' graphs by)."""
        out = [ox.Quad(q.subject, q.predicate, q.object, self.meta) for q in provenance.quads(record)]
        fields = {k: v for k, v in record.__dict__.items() if k not in ("added", "removed", "event")}
        fields["effective"] = record.effective.isoformat()
        change = provenance.change_iri(record.id)
        out.append(
            ox.Quad(
                change,
                _RECORD,
                ox.Literal(json.dumps(fields, ensure_ascii=False, sort_keys=True), datatype=_JSON),
                self.meta,
            )
        )
        event = self.graph(record.id, "event")
        out += [
            ox.Quad(q.subject, q.predicate, q.object, event)
            for q in ox.parse(record.event.encode(), format=ox.RdfFormat.N_TRIPLES)
        ]
        out += self._grouped(record, diff_quads(record.added), "added", _ADDED_TO)
        out += self._grouped(record, diff_quads(record.removed), "removed", _REMOVED_FROM)
        if index:
            graphs = {
                q.graph_name
                for q in out
                if isinstance(q.graph_name, ox.NamedNode) and q.graph_name != self.meta
            }
            out += [ox.Quad(change, _RECORD_GRAPH, g, self.meta) for g in sorted(graphs, key=str)]
        return out

    def _grouped(
        self, record: ChangeRecord, quads: list[ox.Quad], what: str, link: ox.NamedNode
    ) -> list[ox.Quad]:
        by_graph: dict[str, list[ox.Quad]] = defaultdict(list)
        for quad in quads:
            assert isinstance(quad.graph_name, ox.NamedNode)
            by_graph[quad.graph_name.value].append(quad)
        out = []
        for k, (target, members) in enumerate(sorted(by_graph.items()), start=1):
            graph = self.graph(record.id, what, str(k))
            out.append(ox.Quad(graph, link, ox.NamedNode(target), self.meta))
            out += [ox.Quad(q.subject, q.predicate, q.object, graph) for q in members]
        return out

    def read(self, quads: Iterable[ox.Quad]) -> list[dict[str, Any]]:
        """The records (as the JSON fields plus event, added and removed texts) in ``quads``, by version."""
        by_graph: dict[str, list[ox.Quad]] = defaultdict(list)
        for quad in quads:
            if isinstance(quad.graph_name, ox.NamedNode):
                by_graph[quad.graph_name.value].append(quad)
        meta = by_graph.get(self.meta.value, [])
        links = {
            (q.subject.value, q.predicate.value): q.object.value
            for q in meta
            if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode)
        }
        records = []
        for quad in meta:
            if quad.predicate != _RECORD or not isinstance(quad.object, ox.Literal):
                continue
            record = json.loads(quad.object.value)
            base = self.graph(record["id"]).value  # ends with "/"
            record["event"] = _nt(by_graph.get(base + "event", []))
            record["added"] = _nq(by_graph, base + "added/", links, _ADDED_TO)
            record["removed"] = _nq(by_graph, base + "removed/", links, _REMOVED_FROM)
            records.append(record)
        return sorted(records, key=lambda r: int(r["version"]))


DUMP_LAYOUT = RecordLayout(provenance.CHANGES_GRAPH, GRAPH_BASE + "change/")


def as_record(fields: dict[str, Any]) -> ChangeRecord:
    """A record read by :meth:`RecordLayout.read` as the log's :class:`ChangeRecord`."""
    return ChangeRecord(
        version=int(fields["version"]),
        id=fields["id"],
        kind=fields["kind"],
        effective=date.fromisoformat(fields["effective"]),
        recorded_at=fields["recorded_at"],
        agent=fields["agent"],
        authority=fields["authority"],
        document=fields["document"],
        event=fields["event"],
        added=fields["added"],
        removed=fields["removed"],
        reverts=fields.get("reverts"),
    )


def dump_quads(baseline: EmbeddedKB, log: BaseChangeLog | None, with_tokens: bool) -> list[ox.Quad]:
    quads = list(baseline.store)
    for record in log.records() if log is not None else []:
        quads += DUMP_LAYOUT.quads(record)
    if with_tokens and log is not None:
        for row in log.token_rows():
            agent = provenance.agent_iri(row["name"])
            quads.append(
                ox.Quad(
                    agent, _TOKEN, ox.Literal(json.dumps(row, sort_keys=True), datatype=_JSON), TOKENS_GRAPH
                )
            )
    return sorted(set(quads), key=str)


def dump(path: Path, baseline: EmbeddedKB, log: BaseChangeLog | None, with_tokens: bool = False) -> int:
    """Write the TriG dump to ``path``; the number of quads written."""
    quads = dump_quads(baseline, log, with_tokens)
    prefixes = {"itut": str(ns.ITUT), "id": str(ns.ID), "graph": GRAPH_BASE}
    prefixes = {k: v for k, v in prefixes.items() if k != "id"}
    path.write_bytes(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes) or b"")
    return len(quads)


@dataclass
class Restored:
    changes: int
    tokens: int
    baseline_differs: bool


def restore(path: Path, store_dir: Path, baseline: EmbeddedKB, force: bool = False) -> Restored:
    """A new change log in ``store_dir`` from the dump at ``path``."""
    try:
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TRIG))
    except (SyntaxError, OSError) as exc:
        raise InputError(f"{path}: {exc}") from None
    log_file = store_dir / "changes.sqlite"
    if log_file.exists() and not force:
        raise InputError(f"{store_dir} already holds a store; restore into a new directory, or give --force")
    records, tokens = _read(quads)
    baseline_graphs = {g.value for g in baseline.store.named_graphs()}
    dumped = {
        q for q in quads if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in baseline_graphs
    }
    differs = dumped != set(baseline.store)
    if force:
        for name in ("changes.sqlite", "changes.sqlite-wal", "changes.sqlite-shm"):
            (store_dir / name).unlink(missing_ok=True)
    log = ChangeLog(store_dir)
    with log.transaction() as db:
        for record in records:
            db.execute(
                "INSERT INTO changes (version, id, kind, effective, recorded_at, agent, authority, document, event,"
                " added, removed, reverts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    record["version"],
                    record["id"],
                    record["kind"],
                    record["effective"],
                    record["recorded_at"],
                    record["agent"],
                    json.dumps(
                        record["authority"], ensure_ascii=False, sort_keys=True, separators=(",", ":")
                    ),
                    json.dumps(record["document"], ensure_ascii=False, sort_keys=True, separators=(",", ":")),
                    record["event"],
                    record["added"],
                    record["removed"],
                    record["reverts"],
                ),
            )
        for row in tokens:
            db.execute(
                "INSERT INTO tokens (name, role, digest, created_at, revoked_at) VALUES (?, ?, ?, ?, ?)",
                (row["name"], row["role"], row["digest"], row["created_at"], row["revoked_at"]),
            )
    log.close()
    return Restored(len(records), len(tokens), differs)


def _read(quads: list[ox.Quad]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    records = DUMP_LAYOUT.read(quads)
    tokens = [
        json.loads(q.object.value)
        for q in quads
        if q.graph_name == TOKENS_GRAPH and isinstance(q.object, ox.Literal)
    ]
    versions = [int(r["version"]) for r in records]
    if versions != list(range(1, len(versions) + 1)):
        raise InputError(
            f"the dump's changes have versions {versions[:5]}…: a store's versions run 1, 2, 3 … without gaps"
        )
    return records, tokens


def _nt(quads: list[ox.Quad]) -> str:
    return ntriples(ox.Triple(q.subject, q.predicate, q.object) for q in quads)


def _nq(
    by_graph: dict[str, list[ox.Quad]], prefix: str, links: dict[tuple[str, str], str], link: ox.NamedNode
) -> str:
    out = []
    for graph, members in by_graph.items():
        if not graph.startswith(prefix):
            continue
        target = ox.NamedNode(links[(graph, link.value)])
        out += [ox.Quad(q.subject, q.predicate, q.object, target) for q in members]
    return nquads(out)
