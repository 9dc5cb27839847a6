"""``/sparql`` over a remote store: user queries forwarded to the engine, with the embedded endpoint's
protections, and no worker processes.

- **Read-only, standard SPARQL only**: the query is first parsed here by pyoxigraph (so that only SPARQL 1.1
  reaches the engine, never an engine's extensions such as Virtuoso's ``DEFINE`` pragmas); updates
  (INSERT, LOAD, …) are refused with 403, and ``SERVICE`` too, by the embedded endpoint's own checks.
- **Dataset**: the live graphs (the current state), unless the request names graphs
  (``default-graph-uri``, ``named-graph-uri``) or the query has FROM / FROM NAMED; the graph of the
  writers' tokens is never readable through it.
- **Time limit**: the HTTP request to the engine times out at the query time limit (503 past it), and the
  engine's own limit applies where it has one (Oxigraph server's ``--timeout-s``; Virtuoso's ``timeout``
  parameter with ``engine_timeout_param``).
- **Row cap**: at most ``max_result_rows`` rows or triples are written (``X-Result-Truncated: true``), by the
  same writers and content negotiation as the embedded endpoint.
- **Time travel** (``as_of``, ``version``: a state other than the live graphs'): answered by the embedded
  worker pool, started on first need, over states built from a local mirror of the store's change log
  (the workers are cut off the network, so they read a SQLite copy, kept in step before each such query).
"""

from __future__ import annotations

import asyncio
import re
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from itut_kb import formats
from itut_kb.errors import ForbiddenError, MalformedQueryError
from itut_kb.living.changelog import ChangeLog, Pending
from itut_kb.remote.binding import blanked
from itut_kb.remote.client import JSON_RESULTS, N_TRIPLES, TURTLE, RemoteTimeoutError
from itut_kb.remote.layout import TOKENS_GRAPH
from itut_kb.sparql import (
    RDF_PREFIXES,
    UPDATE_KEYWORDS,
    QueryAnswer,
    QueryRequest,
    _choose,
    _take,
    check,
    graph_iri,
    operation_keyword,
)

if TYPE_CHECKING:
    from itut_kb.services import Services
    from itut_kb.workers import QueryPool

_PREFIX = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE)
_FROM = re.compile(r"\bFROM(\s+NAMED)?\b", re.IGNORECASE)
_TARGET = re.compile(r"\s*(?:<([^>]*)>|([A-Za-z][\w.-]*)?:([^\s{}]*))")


def from_graphs(query: str) -> list[str]:
    """The IRIs a query's FROM / FROM NAMED clauses name (prefixed names resolved)."""
    prefixes = {m.group(1) or "": m.group(2) for m in _PREFIX.finditer(query)}
    code = blanked(query)  # same length: keywords found in code, their targets read in the query
    out = []
    for match in _FROM.finditer(code):
        target = _TARGET.match(query, match.end())
        if target is None:
            continue
        if target.group(1) is not None:
            out.append(target.group(1))
        else:
            out.append(prefixes.get(target.group(2) or "", "") + target.group(3))
    return out


class SparqlForwarder:
    """The interface of :class:`itut_kb.workers.QueryPool` (``query``, ``start``, ``close``, ``status``)
    over a remote store."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.settings = services.settings
        remote = services.remote
        assert remote is not None
        self.remote = remote
        self.timeout_s = self.settings.query_timeout_s
        self.max_rows = self.settings.max_result_rows
        self.forwarded = 0
        self._pool: QueryPool | None = None
        self._mirror: ChangeLog | None = None
        self._mirror_dir: Path | None = None
        self._lock = threading.Lock()

    # ---------------------------------------------------------------- life cycle (as the worker pool's)
    def start(self) -> None:
        return None

    def wait_ready(self, timeout: float = 0.0) -> bool:
        return True

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
            mirror, self._mirror = self._mirror, None
        if pool is not None:
            pool.close()
        if mirror is not None:
            mirror.close()
        if self._mirror_dir is not None:
            shutil.rmtree(self._mirror_dir, ignore_errors=True)

    def status(self) -> dict[str, Any]:
        return {
            "workers": 0,  # no worker process answers the live state: the engine does
            "ready": 0,
            "store": "sparql",
            "query_url": self.settings.query_url,
            "forwarded": self.forwarded,
            "timeout_s": self.timeout_s,
            "max_rows": self.max_rows,
            "time_travel_workers": self._pool.status() if self._pool is not None else None,
        }

    # ---------------------------------------------------------------- queries
    async def answer(self, request: QueryRequest) -> QueryAnswer:
        return await asyncio.get_running_loop().run_in_executor(None, self.query, request)

    def query(self, request: QueryRequest, timeout_s: float | None = None) -> QueryAnswer:
        timeout = self.timeout_s if timeout_s is None else timeout_s
        words = self._check(request.query)
        if self.remote.log.live_state() != request.state:
            return self._time_travel(request, timeout)
        dataset = self._dataset(request, words)
        deadline = time.monotonic() + timeout
        form = operation_keyword(request.query)
        accept = f"{N_TRIPLES}, {TURTLE};q=0.9" if form in {"CONSTRUCT", "DESCRIBE"} else JSON_RESULTS
        try:
            answer = self.remote.client.query(request.query, accept, *dataset, timeout_s=timeout)
        except RemoteTimeoutError:
            raise RemoteTimeoutError(
                f"The query ran past the server's time limit of {timeout:g} s and was stopped."
            ) from None
        self.forwarded += 1
        if form in {"CONSTRUCT", "DESCRIBE"}:
            fmt = _choose(request.accept, formats.RDF_FORMATS, "a graph")
            rdf = ox.RdfFormat.from_media_type(answer.media_type) or ox.RdfFormat.N_TRIPLES
            quads = ox.parse(answer.body, format=rdf)
            triples, truncated = _take(
                (ox.Triple(q.subject, q.predicate, q.object) for q in quads), self.max_rows, deadline
            )
            body = formats.write_graph(triples, fmt, RDF_PREFIXES)
            return QueryAnswer(body, fmt.media_type, "graph", len(triples), truncated)
        result = ox.parse_query_results(answer.body, format=ox.QueryResultsFormat.JSON)
        if isinstance(result, ox.QueryBoolean):
            fmt = _choose(request.accept, formats.RESULT_FORMATS, "an ASK result")
            return QueryAnswer(formats.write_boolean(result, fmt), fmt.media_type, "ask", 1, False)
        fmt = _choose(request.accept, formats.RESULT_FORMATS, "SELECT results")
        names = [v.value for v in result.variables]
        rows, truncated = _take(iter(result), self.max_rows, deadline)
        body = formats.write_solutions(names, rows, fmt)
        return QueryAnswer(body, fmt.media_type, "select", len(rows), truncated)

    def _check(self, text: str) -> list[str]:
        """Refuse what the endpoint never does; parse the query here (standard SPARQL only)."""
        words = check(text)
        try:
            ox.Store().query(text)  # parses; on an empty store, evaluation (lazy) costs nothing
        except SyntaxError as exc:
            if operation_keyword(text) in UPDATE_KEYWORDS:
                raise ForbiddenError(
                    "This endpoint is read-only: SPARQL updates (INSERT, DELETE, LOAD, CLEAR …) are refused."
                ) from None
            raise MalformedQueryError(f"The query does not parse: {exc}") from None
        except OSError as exc:
            raise MalformedQueryError(f"The query could not be evaluated: {exc}") from None
        return words

    def _dataset(self, request: QueryRequest, words: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        tokens = self.remote.names.remote(TOKENS_GRAPH.value)
        if request.default_graphs or request.named_graphs:
            default = tuple(graph_iri(g, "default-graph-uri").value for g in request.default_graphs)
            named = tuple(graph_iri(g, "named-graph-uri").value for g in request.named_graphs)
        elif "FROM" in words:
            default, named = (), ()
            if tokens in from_graphs(request.query):
                raise ForbiddenError("The graph of the writers' tokens is not readable here.")
        else:
            live = self.services.view().kb
            graphs = tuple(self.remote.names.remote(g) for g in live.graph_names())
            return graphs, graphs
        if tokens in default or tokens in named:
            raise ForbiddenError("The graph of the writers' tokens is not readable here.")
        return default, named

    # ---------------------------------------------------------------- time travel
    def _time_travel(self, request: QueryRequest, timeout: float) -> QueryAnswer:
        pool = self._time_travel_pool()
        return pool.query(request, timeout)

    def _time_travel_pool(self) -> QueryPool:
        from itut_kb.workers import QueryPool

        with self._lock:
            if self._mirror is None:
                self._mirror_dir = Path(tempfile.mkdtemp(prefix="itut-kb-log-mirror-"))
                self._mirror = ChangeLog(self._mirror_dir)
            mirror = self._mirror
            head = mirror.head()
            for record in self.remote.log.records(head):
                fields = {k: v for k, v in record.__dict__.items() if k != "version"}
                mirror.append(Pending(**fields), record.version - 1)
            if self._pool is None:
                settings = self.settings.model_copy(
                    update={"store": "embedded", "store_dir": self._mirror_dir}
                )
                self._pool = QueryPool(settings)
                self._pool.start()
            return self._pool
