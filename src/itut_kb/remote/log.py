"""The change log in a shared SPARQL store, so that every API replica over that store sees one history.

Same interface as the SQLite log (:class:`itut_kb.living.changelog.BaseChangeLog`), same record layout as the
TriG dump (:class:`itut_kb.living.archive.RecordLayout`: the record as JSON, its event and diffs as named
graphs), under ``graph/log``. Reads are SPARQL queries; a write is **one SPARQL Update request** that, in
one go, records the change and applies it to the live graphs (the diff from the state the live graphs hold
to the new current state, see :mod:`itut_kb.remote.live`), guarded by a WHERE clause: it does nothing
unless the head is still the version the gate validated against, the id is free and the live graphs still
hold the state the diff starts from. The writer checks afterwards that its change is the one recorded at
that version.

The check afterwards is needed: a guarded update is a compare-and-set only where the engine isolates
updates from each other. Oxigraph's server evaluates an update's WHERE on a snapshot and does not detect
conflicting writes, so two replicas writing at the same instant can both pass the guard (measured: 4
writers × 40 guarded updates gave 20 duplicate versions). A writer that finds another change at its
version, or two live states, withdraws its own record and lets the live graphs be rebuilt from the log
(:meth:`itut_kb.remote.live.LiveGraphs.repair`), then retries; at most one of two such writers can find
itself alone (each checks after its own update was applied), so versions stay unique and without gaps.
"""

from __future__ import annotations

import json
from contextvars import ContextVar
from datetime import date
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from itut_kb.errors import ConflictError, NotFoundError, PreconditionFailedError, ReadOnlyStoreError
from itut_kb.living import provenance
from itut_kb.living.archive import as_record
from itut_kb.living.changelog import BaseChangeLog, ChangeRecord, Pending
from itut_kb.namespaces import ITUT
from itut_kb.remote.binding import bind
from itut_kb.remote.client import JSON_RESULTS, RemoteStoreError, SparqlClient
from itut_kb.remote.layout import LIVE_STATE, LOG_GRAPH, LOG_LAYOUT, TOKEN, TOKENS_GRAPH, Names, parse_state
from itut_kb.remote.update import quads_block

if TYPE_CHECKING:
    from itut_kb.remote.live import LiveGraphs

_INT = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
# The head and live state read once per HTTP request (RequestScope sets a fresh dict per request; the
# handler's threads see it, contextvars being copied into them); outside a request, read at every call.
REQUEST_STATUS: ContextVar[dict[str, Any] | None] = ContextVar("itut_kb_remote_status", default=None)


class RequestScope:
    """ASGI middleware: each request reads the store's head afresh, once (a change accepted through another
    replica is seen at the next request)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        token = REQUEST_STATUS.set({})
        try:
            await self.app(scope, receive, send)
        finally:
            REQUEST_STATUS.reset(token)


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_INT)


class RemoteChangeLog(BaseChangeLog):
    def __init__(self, client: SparqlClient, names: Names) -> None:
        self.client = client
        self.names = names
        self.log_graph = names.remote(LOG_GRAPH.value)
        self.tokens_graph = names.remote(TOKENS_GRAPH.value)
        self.live: LiveGraphs | None = None  # set by the remote store: the live graphs a write moves

    # ---------------------------------------------------------------- reading
    def _select(self, query: str, bindings: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        query = query.replace("<LOG>", f"<{self.log_graph}>").replace("<TOKENS>", f"<{self.tokens_graph}>")
        answer = self.client.query(bind(query, bindings or {}), JSON_RESULTS)
        result = ox.parse_query_results(answer.body, format=ox.QueryResultsFormat.JSON)
        assert isinstance(result, ox.QuerySolutions)
        names = [v.value for v in result.variables]
        return [{n: row[n] for n in names if row[n] is not None} for row in result]

    def status(self, fresh: bool = False) -> tuple[int, tuple[tuple[int, ...], ...]]:
        """The head and the live state(s) the store records (one, unless a write is being repaired); read
        once per HTTP request (:class:`RequestScope`)."""
        scope = REQUEST_STATUS.get()
        if not fresh and scope is not None and "status" in scope:
            return scope["status"]  # type: ignore[no-any-return]
        rows = self._select(
            "PREFIX itut: <https://w3id.org/itut-kb/ontology#>\n"
            "SELECT ?head ?live WHERE { { SELECT (MAX(?v) AS ?head) WHERE { GRAPH <LOG> { ?c itut:version ?v ;"
            " itut:record ?r } } } OPTIONAL { GRAPH <LOG> { <LOG> itut:liveState ?live } } }"
        )
        head = max((int(r["head"].value) for r in rows if "head" in r), default=0)
        lives = tuple(sorted({parse_state(r["live"].value) for r in rows if "live" in r}))
        if not lives:
            raise RemoteStoreError(
                "The SPARQL store holds no itut-kb change log (graph/log): publish the KB to it first "
                "(itut-kb publish --to STORE-URL)."
            )
        value = (head, lives)
        if scope is not None:
            scope["status"] = value
        return value

    def forget_status(self) -> None:
        scope = REQUEST_STATUS.get()
        if scope is not None:
            scope.pop("status", None)

    def head(self) -> int:
        return self.status()[0]

    def live_state(self) -> tuple[int, ...] | None:
        """The state the live graphs hold (None while two writers' states are being repaired)."""
        lives = self.status()[1]
        return lives[0] if len(lives) == 1 else None

    def timeline(self) -> list[tuple[int, date]]:
        rows = self._select(
            "PREFIX itut: <https://w3id.org/itut-kb/ontology#>\n"
            "SELECT ?v ?e WHERE { GRAPH <LOG> { ?c itut:version ?v ; itut:effective ?e ; itut:record ?r } }"
            " ORDER BY ?v"
        )
        return [(int(r["v"].value), date.fromisoformat(r["e"].value)) for r in rows]

    def _records(self, where: str, bindings: dict[str, Any]) -> list[ChangeRecord]:
        prefix = "PREFIX itut: <https://w3id.org/itut-kb/ontology#>\n"
        rows = self._select(
            prefix
            + "SELECT ?c ?r WHERE { GRAPH <LOG> { ?c itut:version ?v ; itut:changeId ?id ; itut:record ?r }"
            f" {where} }}",
            bindings,
        )
        if not rows:
            return []
        quads = [ox.Quad(r["c"], ox.NamedNode(str(ITUT) + "record"), r["r"], LOG_GRAPH) for r in rows]
        links = self._select(
            prefix + "SELECT ?g ?link ?target ?s ?p ?o WHERE { GRAPH <LOG> { ?c itut:version ?v ;"
            " itut:changeId ?id ; itut:recordGraph ?g . OPTIONAL { ?g ?link ?target"
            " FILTER(?link IN (itut:addedTo, itut:removedFrom)) } }"
            f" {where} GRAPH ?g {{ ?s ?p ?o }} }}",
            bindings,
        )
        for row in links:
            graph = self.names.back(row["g"])
            if "link" in row:
                quads.append(ox.Quad(graph, row["link"], self.names.back(row["target"]), LOG_GRAPH))
            quads.append(ox.Quad(row["s"], row["p"], row["o"], graph))
        return [as_record(fields) for fields in LOG_LAYOUT.read(set(quads))]

    def records(self, since: int = 0, until: int | None = None) -> list[ChangeRecord]:
        return self._records(
            "FILTER(?v > ?since && ?v <= ?until)",
            {"since": _int(since), "until": _int(until if until is not None else 2**62)},
        )

    def get(self, change_id: str) -> ChangeRecord:
        found = self._records("", {"id": ox.Literal(change_id)})
        if not found:
            raise NotFoundError(f"no change {change_id!r}")
        return found[0]

    def get_version(self, version: int) -> ChangeRecord:
        found = self._records("", {"v": _int(version)})
        if not found:
            raise NotFoundError(f"no change with version {version}")
        return found[0]

    def exists(self, change_id: str) -> bool:
        return bool(
            self._select(
                "PREFIX itut: <https://w3id.org/itut-kb/ontology#>\n"
                "SELECT ?c WHERE { GRAPH <LOG> { ?c itut:changeId ?id ; itut:record ?r } }",
                {"id": ox.Literal(change_id)},
            )
        )

    def reverted_by(self, change_id: str) -> str | None:
        rows = self._select(
            "PREFIX itut: <https://w3id.org/itut-kb/ontology#>\n"
            "SELECT ?by WHERE { GRAPH <LOG> { ?c itut:reverts ?target ; itut:changeId ?by ; itut:record ?r } }",
            {"target": provenance.change_iri(change_id)},
        )
        return str(rows[0]["by"].value) if rows else None

    # ---------------------------------------------------------------- writing
    def append(self, pending: Pending, expected_head: int) -> ChangeRecord:
        self._writable()
        assert self.live is not None
        record = ChangeRecord(expected_head + 1, **pending.__dict__)
        record_quads = [self.names.quad_out(q) for q in LOG_LAYOUT.quads(record, index=True)]
        move = self.live.plan(record)  # the live graphs: from the state they hold to the new current one
        guard = (
            f"GRAPH <{self.log_graph}> {{ <{self.log_graph}> <{LIVE_STATE.value}> {move.source_literal} }}\n"
            f"FILTER NOT EXISTS {{ GRAPH <{self.log_graph}> {{ ?c <{ITUT}version> ?v FILTER(?v > {expected_head}) }} }}\n"
            f"FILTER NOT EXISTS {{ GRAPH <{self.log_graph}> {{ ?c2 <{ITUT}changeId> {ox.Literal(record.id)} }} }}"
        )
        self.client.update(
            f"DELETE {{ {quads_block(move.delete)} }}\n"
            f"INSERT {{ {quads_block([*move.insert, *record_quads])} }}\n"
            f"WHERE {{ {guard} }}"
        )
        self.forget_status()
        ids = [
            str(r["id"].value)
            for r in self._select(
                "PREFIX itut: <https://w3id.org/itut-kb/ontology#>\n"
                "SELECT ?id WHERE { GRAPH <LOG> { ?c itut:version ?v ; itut:changeId ?id ; itut:record ?r } }",
                {"v": _int(record.version)},
            )
        ]
        if record.id not in ids:
            if self.exists(record.id):
                raise ConflictError(f"a change with id {record.id!r} was already accepted")
            raise PreconditionFailedError(
                f"the KB moved on from version {expected_head} while this change was checked"
            )
        if ids != [record.id] or self.live_state() is None:
            # another writer passed the same guard (an engine without isolated updates): withdraw, repair
            self.client.update(f"DELETE DATA {{ {quads_block(record_quads)} }}")
            self.live.repair()
            raise PreconditionFailedError(
                f"another replica wrote version {record.version} at the same moment; the change was withdrawn"
            )
        self.live.remember(move)
        return record

    # ---------------------------------------------------------------- tokens
    def token_rows(self) -> list[dict[str, Any]]:
        rows = self._select(f"SELECT ?a ?json WHERE {{ GRAPH <TOKENS> {{ ?a <{TOKEN.value}> ?json }} }}")
        tokens = [json.loads(r["json"].value) for r in rows]
        return sorted(tokens, key=lambda t: str(t["name"]))

    def _token_quad(self, row: dict[str, Any]) -> ox.Quad:
        literal = ox.Literal(json.dumps(row, sort_keys=True), datatype=ox.NamedNode(_JSON))
        return ox.Quad(provenance.agent_iri(row["name"]), TOKEN, literal, ox.NamedNode(self.tokens_graph))

    def _writable(self) -> None:
        if self.live is None:
            raise ReadOnlyStoreError(
                "this replica has no update endpoint: start it with --update-url URL (or ITUT_KB_UPDATE_URL)"
            )

    def add_token(self, name: str, role: str, digest: str, created_at: str) -> None:
        self._writable()
        row = {"name": name, "role": role, "digest": digest, "created_at": created_at, "revoked_at": None}
        quad = self._token_quad(row)
        self.client.update(
            f"INSERT {{ {quads_block([quad])} }} WHERE {{ FILTER NOT EXISTS {{ GRAPH <{self.tokens_graph}> "
            f"{{ {quad.subject} <{TOKEN.value}> ?any }} }} }}"
        )
        mine = [t for t in self.token_rows() if t["name"] == name]
        if [t["digest"] for t in mine] != [digest]:
            raise ConflictError(f"the token name {name!r} is taken (names are never reused)")

    def revoke_token(self, name: str, revoked_at: str) -> bool:
        self._writable()
        active = [t for t in self.token_rows() if t["name"] == name and t["revoked_at"] is None]
        if not active:
            return False
        old = self._token_quad(active[0])
        new = self._token_quad({**active[0], "revoked_at": revoked_at})
        self.client.update(
            f"DELETE DATA {{ {quads_block([old])} }} ;\nINSERT DATA {{ {quads_block([new])} }}"
        )
        return True

    def close(self) -> None:
        return None


_JSON = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON"
