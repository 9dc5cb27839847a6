"""The SPARQL query service, independent of HTTP: what to refuse, which dataset, how to cap and write results.

:func:`execute` runs one query on a store; the worker processes of :mod:`itut_kb.workers` call it, so that
a query can be stopped by killing its process. It refuses updates (the endpoint is read-only) and
``SERVICE`` (the server never fetches a URL: pyoxigraph would). pyoxigraph exposes no query algebra, so
both are found by a lexical scan of the query with comments, strings, IRIs and variables blanked out —
after pyoxigraph has parsed it, so that the scan only has to tell keywords from everything else.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

import pyoxigraph as ox

from itut_kb import formats
from itut_kb.errors import (
    ForbiddenError,
    MalformedQueryError,
    NotAcceptableError,
    QueryTimeoutError,
)
from itut_kb.namespaces import PREFIXES

UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)
SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
# Prefixes of Turtle / RDF-XML output: not ``id:`` (its local names would need escaped slashes)
RDF_PREFIXES = {k: v for k, v in PREFIXES.items() if k not in {"id", "sh"}}


@dataclass(frozen=True)
class QueryRequest:
    """One query as the protocol received it."""

    query: str
    accept: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    state: tuple[int, ...] = ()  # the accepted changes of the KB state to query (none: the baseline)
    # Relative IRIs of the query resolve against this (the SPARQL 1.1 Protocol: the service's URL) unless
    # the query says BASE; None: a relative IRI does not parse.
    base_iri: str | None = None


@dataclass(frozen=True)
class QueryAnswer:
    body: bytes
    media_type: str
    form: str  # "select", "ask" or "graph" (CONSTRUCT, DESCRIBE)
    count: int  # rows or triples written (1 for ASK)
    truncated: bool  # the row cap cut the answer


# ---------------------------------------------------------------------------------------- lexical scan
_IRIREF = r"<[^<>\"{}|^`\\\x00-\x20]*>"
_VARIABLE = r"[?$][\w\u00b7\u0300-\u036f\u203f\u2040]+"
# What code_of blanks, tried in this order at each position: a comment to the end of its line; a long string
# (to its closing quotes, or the end of the text); a short string (to its closing quote or the end of its
# line, a backslash escaping the next character); an IRI; a variable. One regular expression, so that the
# scan of a large query runs in the regex engine, not in a Python loop.
_DATA = re.compile(
    r"(?=[#\"'<?$])"  # (only where one of them can start: several times faster)
    r"(?:#[^\n]*"
    r'|"""(?:\\[\s\S]?|[^\\])*?(?:"""|\Z)'
    r"|'''(?:\\[\s\S]?|[^\\])*?(?:'''|\Z)"
    r'|"(?:\\[\s\S]?|[^"\\\n])*["\n]?'
    r"|'(?:\\[\s\S]?|[^'\\\n])*['\n]?"
    rf"|{_IRIREF}|{_VARIABLE})"
)
_WORD = re.compile(r"(?<![\w:@])([A-Za-z]+)(?![\w:])")


def code_of(text: str) -> str:
    """``text`` with comments, string literals, IRIs and variables replaced by a space each."""
    return _DATA.sub(" ", text)


def keywords(text: str) -> list[str]:
    """The bare words of a query (keywords, function names), upper-cased, in order.

    Conservative on purpose: a word inside a prefixed name's local part after a ``.`` or ``-`` (``ex:a.b``)
    is reported too, so that a check for a keyword can only err towards refusing.
    """
    return [m.group(1).upper() for m in _WORD.finditer(code_of(text))]


def operation_keyword(text: str) -> str | None:
    """The first keyword after the prologue (BASE, PREFIX): SELECT, ASK, INSERT, LOAD …"""
    for word in keywords(text):
        if word not in {"BASE", "PREFIX"}:
            return word
    return None


# ---------------------------------------------------------------------------------------- execution
T = TypeVar("T")


def _take(items: Iterator[T], limit: int, deadline: float) -> tuple[list[T], bool]:
    """Up to ``limit`` items, checking the clock as they come; True when more were left."""
    out: list[T] = []
    for item in items:
        if len(out) >= limit:
            return out, True
        out.append(item)
        if len(out) % 512 == 0 and time.monotonic() > deadline:
            raise QueryTimeoutError("The query ran past the server's time limit and was stopped.")
    return out, False


def graph_iri(value: str, parameter: str) -> ox.NamedNode:
    """A graph IRI of default-graph-uri / named-graph-uri: absolute, or the request is malformed."""
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$", value):
        raise MalformedQueryError(f"{parameter} must be an absolute IRI; got {value!r}.")
    try:
        return ox.NamedNode(value)
    except ValueError as exc:
        raise MalformedQueryError(f"{parameter} is not a valid IRI ({exc}): {value!r}.") from None


def check(text: str) -> list[str]:
    """Refuse what the endpoint never does; return the query's keywords."""
    words = keywords(text)
    if "SERVICE" in words:
        raise ForbiddenError(
            "SERVICE is refused: this endpoint answers from its own knowledge base and never fetches "
            "remote data. Run federated queries from a client that can send the sub-query itself."
        )
    return words


def _dataset(request: QueryRequest, words: list[str]) -> dict[str, object]:
    """pyoxigraph's dataset arguments: the protocol's graphs override FROM / FROM NAMED; otherwise the
    default graph is the union of all graphs unless the query names its own dataset."""
    if request.default_graphs or request.named_graphs:
        return {
            "default_graph": [graph_iri(g, "default-graph-uri") for g in request.default_graphs],
            "named_graphs": [graph_iri(g, "named-graph-uri") for g in request.named_graphs],
        }
    return {"use_default_graph_as_union": "FROM" not in words}


def execute(store: ox.Store, request: QueryRequest, *, max_rows: int, deadline: float) -> QueryAnswer:
    """Parse, check, run and write one query; raises an ItutKbError for every refusal or failure."""
    words = check(request.query)
    try:
        dataset = _dataset(request, words)
        result = store.query(request.query, base_iri=request.base_iri, **dataset)  # type: ignore[arg-type]
    except SyntaxError as exc:
        if operation_keyword(request.query) in UPDATE_KEYWORDS:
            raise ForbiddenError(
                "This endpoint is read-only: SPARQL updates (INSERT, DELETE, LOAD, CLEAR …) are refused."
            ) from None
        raise MalformedQueryError(f"The query does not parse: {exc}") from None
    except OSError as exc:
        raise MalformedQueryError(f"The query could not be evaluated: {exc}") from None
    if isinstance(result, ox.QueryBoolean):
        fmt = _choose(request.accept, formats.RESULT_FORMATS, "an ASK result")
        return QueryAnswer(formats.write_boolean(result, fmt), fmt.media_type, "ask", 1, False)
    if isinstance(result, ox.QuerySolutions):
        fmt = _choose(request.accept, formats.RESULT_FORMATS, "SELECT results")
        names = [v.value for v in result.variables]
        rows, truncated = _take(iter(result), max_rows, deadline)
        body = formats.write_solutions(names, rows, fmt)
        return QueryAnswer(body, fmt.media_type, "select", len(rows), truncated)
    fmt = _choose(request.accept, formats.RDF_FORMATS, "a graph")
    triples, truncated = _take(iter(result), max_rows, deadline)
    body = formats.write_graph(triples, fmt, RDF_PREFIXES)
    return QueryAnswer(body, fmt.media_type, "graph", len(triples), truncated)


def _choose(accept: str | None, candidates: Iterable[formats.Format], what: str) -> formats.Format:
    available = [f.media_type for f in candidates]
    chosen = formats.negotiate(accept, available)
    if chosen is None:
        raise NotAcceptableError(
            f"None of the accepted media types ({accept}) can express {what}; "
            f"this endpoint writes {', '.join(available)}."
        )
    return formats.BY_MEDIA_TYPE[chosen]


# ---------------------------------------------------------------------------------------- description


def service_description(endpoint: str, graphs: Iterable[str]) -> list[ox.Triple]:
    """The SPARQL 1.1 Service Description of the endpoint at ``endpoint``, listing its named graphs."""

    def sd(name: str) -> ox.NamedNode:
        return ox.NamedNode(SD + name)

    service = ox.NamedNode(endpoint)
    dataset, default = ox.BlankNode(), ox.BlankNode()
    triples = [
        ox.Triple(service, RDF_TYPE, sd("Service")),
        ox.Triple(service, sd("endpoint"), service),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default),
        ox.Triple(default, RDF_TYPE, sd("Graph")),
    ]
    triples += [
        ox.Triple(service, sd("resultFormat"), ox.NamedNode(f.results.iri))
        for f in formats.RESULT_FORMATS
        if f.results is not None
    ]
    triples += [
        ox.Triple(service, sd("resultFormat"), ox.NamedNode(f.rdf.iri))
        for f in formats.RDF_FORMATS
        if f.rdf is not None
    ]
    for name in sorted(graphs):
        node = ox.BlankNode()
        triples += [
            ox.Triple(dataset, sd("namedGraph"), node),
            ox.Triple(node, RDF_TYPE, sd("NamedGraph")),
            ox.Triple(node, sd("name"), ox.NamedNode(name)),
        ]
    return triples
