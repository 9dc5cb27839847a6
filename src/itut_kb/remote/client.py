"""The HTTP side of a remote SPARQL store: the SPARQL 1.1 Protocol (query, update) and the Graph Store
Protocol (a graph put, read, deleted), over persistent connections (one per thread, kept alive).

Standard library only (``http.client``): the embedded default needs nothing more. Every request has a
timeout; an engine that answers with an error status raises :class:`RemoteStoreError` with the first lines
of its message; a connection the engine closed while idle is opened again once, transparently.
"""

from __future__ import annotations

import http.client
import socket
import threading
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

import pyoxigraph as ox

from itut_kb.errors import ItutKbError, QueryTimeoutError

JSON_RESULTS = "application/sparql-results+json"
XML_RESULTS = "application/sparql-results+xml"
N_TRIPLES = "application/n-triples"
N_QUADS = "application/n-quads"
TURTLE = "text/turtle"


class RemoteStoreError(ItutKbError):
    """The SPARQL server refused a request or could not be reached."""

    status = 502
    code = "remote_store_error"


class RemoteTimeoutError(QueryTimeoutError):
    """The SPARQL server (or the HTTP timeout around it) stopped a request at its time limit."""


@dataclass(frozen=True)
class Endpoints:
    """Where the store is: its query and update endpoints (SPARQL 1.1 Protocol) and its graph store
    (Graph Store Protocol, ``?graph=IRI``)."""

    query: str
    update: str
    store: str


@dataclass(frozen=True)
class Answer:
    status: int
    media_type: str
    body: bytes
    headers: dict[str, str]


_RETRYABLE = (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError)


class HttpClient:
    """One kept-alive connection per (thread, host); requests with a timeout."""

    def __init__(self, timeout_s: float) -> None:
        self.timeout_s = timeout_s
        self._local = threading.local()

    def _connection(self, scheme: str, netloc: str) -> http.client.HTTPConnection:
        pool: dict[tuple[str, str], http.client.HTTPConnection] | None = getattr(self._local, "pool", None)
        if pool is None:
            pool = self._local.pool = {}
        conn = pool.get((scheme, netloc))
        if conn is None:
            cls = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
            conn = pool[(scheme, netloc)] = cls(netloc, timeout=self.timeout_s)
        return conn

    def _drop(self, scheme: str, netloc: str) -> None:
        pool = getattr(self._local, "pool", {})
        conn = pool.pop((scheme, netloc), None)
        if conn is not None:
            conn.close()

    def request(
        self,
        method: str,
        url: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        timeout_s: float | None = None,
    ) -> Answer:
        parts = urlsplit(url)
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        for attempt in (1, 2):
            conn = self._connection(parts.scheme, parts.netloc)
            conn.timeout = timeout_s or self.timeout_s
            if conn.sock is not None:
                conn.sock.settimeout(conn.timeout)
            try:
                conn.request(method, path, body=body, headers=headers or {})
                response = conn.getresponse()
                data = response.read()
            except TimeoutError:
                self._drop(parts.scheme, parts.netloc)
                raise RemoteTimeoutError(
                    f"The SPARQL server at {parts.netloc} did not answer within {conn.timeout:g} s."
                ) from None
            except _RETRYABLE:
                # the server closed a kept-alive connection: nothing was processed; open a new one once
                self._drop(parts.scheme, parts.netloc)
                if attempt == 2:
                    raise RemoteStoreError(
                        f"The SPARQL server at {parts.netloc} closed the connection."
                    ) from None
                continue
            except (OSError, http.client.HTTPException) as exc:
                self._drop(parts.scheme, parts.netloc)
                raise RemoteStoreError(
                    f"The SPARQL server at {parts.netloc} cannot be reached: {exc}"
                ) from None
            if response.getheader("connection", "").lower() == "close":
                self._drop(parts.scheme, parts.netloc)
            media_type = (response.getheader("content-type") or "").split(";")[0].strip().lower()
            return Answer(response.status, media_type, data, {k.lower(): v for k, v in response.getheaders()})
        raise AssertionError("unreachable")


def _failure(what: str, answer: Answer) -> ItutKbError:
    text = answer.body.decode("utf-8", "replace").strip().splitlines()
    detail = " ".join(text[:3])[:500]
    if answer.status in (408, 503, 504) or "timeout" in detail.lower():
        return RemoteTimeoutError(f"The SPARQL server stopped {what} (HTTP {answer.status}): {detail}")
    return RemoteStoreError(f"The SPARQL server refused {what} (HTTP {answer.status}): {detail}")


class SparqlClient:
    """The SPARQL 1.1 Protocol and Graph Store Protocol operations the remote store needs."""

    def __init__(self, endpoints: Endpoints, timeout_s: float = 30.0, engine_timeout_s: float | None = None):
        self.endpoints = endpoints
        self.http = HttpClient(timeout_s)
        self.engine_timeout_s = engine_timeout_s

    # ---------------------------------------------------------------- SPARQL 1.1 Protocol
    def query(
        self,
        text: str,
        accept: str,
        default_graphs: tuple[str, ...] = (),
        named_graphs: tuple[str, ...] = (),
        timeout_s: float | None = None,
    ) -> Answer:
        """POST a query (form-encoded, so that long datasets fit); the answer as the engine wrote it."""
        form: list[tuple[str, str]] = [("query", text)]
        form += [("default-graph-uri", g) for g in default_graphs]
        form += [("named-graph-uri", g) for g in named_graphs]
        if self.engine_timeout_s:  # Virtuoso's own time limit, in milliseconds (other engines ignore it)
            form.append(("timeout", str(int(self.engine_timeout_s * 1000))))
        answer = self.http.request(
            "POST",
            self.endpoints.query,
            urlencode(form).encode("utf-8"),
            {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
            timeout_s,
        )
        if answer.status != 200:
            raise _failure("a query", answer)
        return answer

    def update(self, text: str, timeout_s: float | None = None) -> None:
        answer = self.http.request(
            "POST",
            self.endpoints.update,
            text.encode("utf-8"),
            {"Content-Type": "application/sparql-update; charset=utf-8"},
            timeout_s,
        )
        if answer.status not in (200, 204):
            raise _failure("an update", answer)

    # ---------------------------------------------------------------- Graph Store Protocol
    def _graph_url(self, graph: str) -> str:
        sep = "&" if "?" in self.endpoints.store else "?"
        return f"{self.endpoints.store}{sep}graph={quote(graph, safe='')}"

    def put_graph(self, graph: str, triples: list[ox.Triple], timeout_s: float | None = None) -> None:
        """Replace the graph ``graph`` with ``triples`` (GSP PUT, N-Triples)."""
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        answer = self.http.request(
            "PUT", self._graph_url(graph), body, {"Content-Type": N_TRIPLES}, timeout_s or 300.0
        )
        if answer.status not in (200, 201, 204):
            raise _failure(f"the graph {graph}", answer)

    def get_graph(self, graph: str) -> list[ox.Triple]:
        answer = self.http.request("GET", self._graph_url(graph), None, {"Accept": N_TRIPLES}, 300.0)
        if answer.status == 404:
            return []
        if answer.status != 200:
            raise _failure(f"reading the graph {graph}", answer)
        fmt = ox.RdfFormat.from_media_type(answer.media_type) or ox.RdfFormat.N_TRIPLES
        return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(answer.body, format=fmt)]

    def delete_graph(self, graph: str) -> None:
        answer = self.http.request("DELETE", self._graph_url(graph), None, {}, 300.0)
        if answer.status not in (200, 204, 404):
            raise _failure(f"deleting the graph {graph}", answer)


def reachable(url: str, timeout_s: float = 1.0) -> bool:
    """True when something listens at ``url``'s host and port."""
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 80), timeout=timeout_s):
            return True
    except OSError:
        return False
