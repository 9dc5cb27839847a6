"""``/api/queries``: every named query (queries/lookup/*.rq) as an HTTP operation, from one generic route.

The query string carries the query's parameters, each bound as a typed RDF term (a malformed value is a
422 in the error envelope); ``Accept: text/csv`` gives CSV instead of JSON.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import orjson
from fastapi import APIRouter, Request
from fastapi.responses import Response

from itut_kb import formats
from itut_kb.api.deps import ServicesDep, ViewDep
from itut_kb.api.offload import offload
from itut_kb.api.schemas import ERRORS
from itut_kb.errors import InvalidParameterError
from itut_kb.tabular import Table

router = APIRouter(prefix="/api/queries", tags=["named queries"])
STATE_PARAMETERS = frozenset({"as_of", "version"})


@router.get("", summary="The named queries, with their parameters and an example")
def list_queries(services: ServicesDep) -> list[dict[str, Any]]:
    out = []
    for query in services.catalog.queries.values():
        example = dict(query.example)
        out.append(
            {
                "name": query.name,
                "summary": query.summary,
                "params": [{"name": p.name, "type": p.type, "default": p.default} for p in query.params],
                "columns": list(query.columns),
                "example": example,
                "example_url": f"/api/queries/{query.name}" + (f"?{urlencode(example)}" if example else ""),
            }
        )
    return out


@router.get(
    "/{name}",
    summary="Run one named query",
    responses={
        200: {"content": {"application/json": {}, "text/csv": {}}, "description": "The rows."},
        **ERRORS,
    },
)
async def run_query(name: str, request: Request, services: ServicesDep, view: ViewDep) -> Response:
    """Parameters go in the query string (`?group=SG17`); each is checked against its declared type and
    bound as an RDF term, never spliced into the SPARQL text."""
    params: dict[str, str] = {}
    for key, val in request.query_params.multi_items():
        if key in STATE_PARAMETERS:
            continue  # as_of, version: which state of the KB (read by ViewDep)
        if key in params:
            raise InvalidParameterError(f"parameter {key!r} was given more than once")
        params[key] = val
    max_rows = services.settings.max_result_rows
    table = await offload.run(
        f"query:{name}", lambda: Table.run(services.catalog, view.kb, name, params, max_rows)
    )
    chosen = formats.negotiate(request.headers.get("accept"), ["application/json", "text/csv"])
    if chosen == "text/csv":
        return Response(table.as_csv(), media_type="text/csv; charset=utf-8", headers={"Vary": "Accept"})
    return Response(_json(table.as_json()), media_type="application/json", headers={"Vary": "Accept"})


def _json(data: dict[str, Any]) -> bytes:
    return orjson.dumps(data)
