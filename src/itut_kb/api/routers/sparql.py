"""``/sparql``: the SPARQL 1.1 Protocol (query operation), read-only.

Requests are read here (GET, POST form-encoded, POST ``application/sparql-query``) and answered by the
worker pool off the event loop; errors are plain text with the protocol's status codes: 400 malformed
query or parameter mix, 403 update or SERVICE, 406 no acceptable format, 413 body too large,
415 unsupported request media type, 503 time limit or all workers busy.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import QueryParams

from itut_kb import formats
from itut_kb.api.body import read_body
from itut_kb.api.deps import ServicesDep
from itut_kb.errors import (
    ForbiddenError,
    ItutKbError,
    MalformedQueryError,
    NotAcceptableError,
    ServiceUnavailableError,
    UnsupportedMediaTypeError,
)
from itut_kb.living.states import parse_day
from itut_kb.services import Services
from itut_kb.sparql import SD, QueryRequest, service_description

router = APIRouter(tags=["sparql"])

READ_ONLY = "This endpoint is read-only: SPARQL updates are refused."
FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"

_PARAMETERS: list[dict[str, Any]] = [
    {"name": "query", "in": "query", "schema": {"type": "string"}, "description": "A SPARQL 1.1 query."},
    {
        "name": "default-graph-uri",
        "in": "query",
        "schema": {"type": "array", "items": {"type": "string"}},
        "description": "A graph of the default graph (repeatable); overrides the query's FROM.",
    },
    {
        "name": "named-graph-uri",
        "in": "query",
        "schema": {"type": "array", "items": {"type": "string"}},
        "description": "A named graph the query may use with GRAPH (repeatable); overrides FROM NAMED.",
    },
]
_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "SELECT/ASK results (SPARQL JSON, XML, CSV, TSV) or a graph (Turtle, N-Triples, "
        "RDF/XML, JSON-LD), as negotiated; X-Result-Truncated: true when the row cap cut it."
    },
    400: {"description": "Malformed query or bad parameter mix (plain text)."},
    403: {"description": "Update or SERVICE refused (plain text)."},
    406: {"description": "No acceptable result format."},
    413: {"description": "Request body too large."},
    415: {"description": "Unsupported request media type."},
    503: {"description": "The query ran past the time limit, or all workers are busy."},
}


def _error(exc: ItutKbError) -> Response:
    headers = {"Retry-After": "1"} if type(exc) is ServiceUnavailableError else None
    return PlainTextResponse(exc.message + "\n", status_code=exc.status, headers=headers)


def _one(params: QueryParams | list[tuple[str, str]], name: str) -> str | None:
    values = params.getlist(name) if isinstance(params, QueryParams) else [v for k, v in params if k == name]
    if len(values) > 1:
        raise MalformedQueryError(f"The parameter {name!r} was given {len(values)} times; give it once.")
    return values[0] if values else None


def _graphs(pairs: list[tuple[str, str]]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return (
        tuple(v for k, v in pairs if k == "default-graph-uri"),
        tuple(v for k, v in pairs if k == "named-graph-uri"),
    )


def _state(request: Request, services: Services) -> tuple[int, ...]:
    """The changes of the KB state the query reads: ``as_of`` and ``version`` in the URL (default: current);
    the response cache names it first when it keeps the answer."""
    key = request.scope.get("state", {}).get("kb_key")
    if key is not None:
        request.state.kb_version = str(key.version)
        request.state.kb_state = key.etag
        return tuple(key.included)
    params = request.query_params
    as_of, version = _one(params, "as_of"), _one(params, "version")
    if version is not None and not version.isdigit():
        raise MalformedQueryError(f"version is a whole number (0: WTSA-24); got {version!r}")
    try:
        key = services.history.key(
            int(version) if version is not None else None, parse_day(as_of) if as_of is not None else None
        )
    except ItutKbError as exc:
        raise MalformedQueryError(exc.message) from None
    request.state.kb_version = str(key.version)
    request.state.kb_state = key.etag
    return key.included


def _base_iri(request: Request) -> str:
    """The service's URL: the base IRI of a query without BASE (SPARQL 1.1 Protocol, 2.1.4)."""
    return str(request.url.replace(query="", fragment=""))


async def _answer(request: Request, services: Services, query: QueryRequest) -> Response:
    query = replace(query, state=_state(request, services), base_iri=_base_iri(request))
    answer = await services.sparql.answer(query)
    headers = {"Vary": "Accept", "X-Result-Rows": str(answer.count)}
    if answer.truncated:
        headers["X-Result-Truncated"] = "true"
    fmt = formats.BY_MEDIA_TYPE[answer.media_type]
    return Response(answer.body, media_type=fmt.content_type, headers=headers)


def _description(request: Request, services: Services) -> Response:
    available = [f.media_type for f in formats.RDF_FORMATS] + [formats.HTML.media_type]
    chosen = formats.negotiate(request.headers.get("accept"), available)
    if chosen is None:
        raise NotAcceptableError(f"The service description is written as {', '.join(available)}.")
    if chosen == formats.HTML.media_type:
        return RedirectResponse("/", status_code=303)
    endpoint = _base_iri(request)
    graphs = services.kb.graph_names()
    fmt = formats.BY_MEDIA_TYPE[chosen]
    body = formats.write_graph(service_description(endpoint, graphs), fmt, {"sd": SD})
    return Response(body, media_type=fmt.content_type, headers={"Vary": "Accept"})


@router.get(
    "/sparql",
    summary="SPARQL query by GET (no query: the service description)",
    responses=_RESPONSES,
    openapi_extra={"parameters": _PARAMETERS},
)
async def sparql_get(request: Request, services: ServicesDep) -> Response:
    try:
        params = request.query_params
        if "update" in params:
            if "query" in params:
                raise MalformedQueryError("A request carries either 'query' or 'update', not both.")
            raise ForbiddenError(READ_ONLY)
        query = _one(params, "query")
        pairs = list(params.multi_items())
        if query is None:
            if any(k in {"default-graph-uri", "named-graph-uri"} for k, _ in pairs):
                raise MalformedQueryError("The request names graphs but has no 'query' parameter.")
            return await run_in_threadpool(_description, request, services)
        default, named = _graphs(pairs)
        return await _answer(
            request, services, QueryRequest(query, request.headers.get("accept"), default, named)
        )
    except ItutKbError as exc:
        return _error(exc)


@router.post(
    "/sparql",
    summary="SPARQL query by POST (form-encoded or application/sparql-query)",
    responses=_RESPONSES,
    openapi_extra={
        "parameters": _PARAMETERS[1:],
        "requestBody": {
            "content": {
                SPARQL_QUERY: {"schema": {"type": "string"}},
                FORM: {"schema": {"type": "object", "properties": {"query": {"type": "string"}}}},
            }
        },
    },
)
async def sparql_post(request: Request, services: ServicesDep) -> Response:
    try:
        return await _answer(request, services, await _read_post(request, services))
    except ItutKbError as exc:
        return _error(exc)


async def _read_post(request: Request, services: Services) -> QueryRequest:
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type == SPARQL_UPDATE:
        raise ForbiddenError(READ_ONLY)
    if media_type not in {FORM, SPARQL_QUERY}:
        raise UnsupportedMediaTypeError(
            f"A query is sent as {FORM} or {SPARQL_QUERY}; got {media_type or 'no Content-Type'}."
        )
    url = request.query_params
    if "update" in url:
        raise ForbiddenError(READ_ONLY)
    if "query" in url:
        raise MalformedQueryError("With POST the query goes in the request body, not in the URL.")
    try:
        text = (await read_body(request, services.settings.max_body_bytes)).decode("utf-8")
    except UnicodeDecodeError:
        raise MalformedQueryError("The request body is not UTF-8.") from None
    accept = request.headers.get("accept")
    url_pairs = list(url.multi_items())
    if media_type == SPARQL_QUERY:
        default, named = _graphs(url_pairs)
        return QueryRequest(text, accept, default, named)
    form = parse_qsl(text, keep_blank_values=True, strict_parsing=False)
    if any(k == "update" for k, _ in form):
        if any(k == "query" for k, _ in form):
            raise MalformedQueryError("A request carries either 'query' or 'update', not both.")
        raise ForbiddenError(READ_ONLY)
    query = _one(form, "query")
    if query is None:
        raise MalformedQueryError("The form has no 'query' field.")
    default, named = _graphs(url_pairs + form)
    return QueryRequest(query, accept, default, named)
