"""``/api/changes``: the living KB's write path and its history.

``POST /api/changes`` takes a change (JSON, JSON-LD or Turtle, by Content-Type) with a bearer token;
201 once it is durable, with its id and the KB's new version; 422 with the validation report (the shape of
``/api/validate``'s, inside the error envelope) when it fails a check, and nothing applied. ``If-Match:
VERSION`` makes it conditional (412 when the KB has moved on). ``GET /api/changes`` lists the changes
(``since=VERSION``), ``GET /api/changes/{id}`` shows one (the event, what it added and removed, who, when, on
what authority), ``POST /api/changes/{id}/revert`` undoes one with a new change, itself validated.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from itut_kb.api.body import read_body
from itut_kb.api.deps import AgentDep, ServicesDep
from itut_kb.api.routers.lookup import Limit, Offset, page
from itut_kb.api.routers.validate import BODY_ERRORS
from itut_kb.api.schemas import ERRORS, ErrorEnvelope, Page
from itut_kb.errors import InputError, InvalidParameterError, UnsupportedMediaTypeError
from itut_kb.living.changelog import ChangeRecord
from itut_kb.submissions import format_of_media_type, read_json

router = APIRouter(prefix="/api/changes", tags=["changes"], responses=ERRORS)
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **BODY_ERRORS,
    401: {"model": ErrorEnvelope, "description": "No token, or a token the store does not know."},
    403: {"model": ErrorEnvelope, "description": "The token's role may not make this change."},
    409: {
        "model": ErrorEnvelope,
        "description": "The change id was used, or the change was reverted already.",
    },
    412: {"model": ErrorEnvelope, "description": "If-Match named a version the KB has moved on from."},
    422: {"description": "The change fails validation: the error envelope and the validation report."},
}


def _if_match(request: Request) -> int | None:
    raw = request.headers.get("if-match")
    if raw is None:
        return None
    text = raw.strip().removeprefix("W/").strip('"')
    if not text.isdigit():
        raise InvalidParameterError(f"If-Match is a KB version (a whole number); got {raw!r}")
    return int(text)


def _created(record: ChangeRecord) -> JSONResponse:
    body = {
        "id": record.id,
        "version": record.version,
        "kind": record.kind,
        "effective": record.effective.isoformat(),
        "recorded_at": record.recorded_at,
        "by": record.agent,
    }
    headers = {"Location": f"/api/changes/{record.id}", "ETag": f'"{record.version}"'}
    return JSONResponse(body, status_code=201, headers=headers)


@router.post(
    "",
    summary="Apply a change (a domain event with its authority); needs an editor token",
    status_code=201,
    responses=WRITE_ERRORS,
)
async def apply_change(request: Request, services: ServicesDep, agent: AgentDep) -> JSONResponse:
    fmt = format_of_media_type(request.headers.get("content-type"))
    if_match = _if_match(request)
    body = await read_body(request, services.settings.max_change_bytes)
    record = await run_in_threadpool(services.gate.submit, body, fmt, agent, if_match)
    return _created(record)


@router.get("", summary="The accepted changes, in version order")
def list_changes(
    request: Request,
    services: ServicesDep,
    limit: Limit = 100,
    offset: Offset = 0,
    since: Annotated[int, Query(ge=0, description="Only the changes after this version.")] = 0,
) -> Page:
    log = services.change_log
    records = log.records(since) if log is not None else []
    return page(request, [r.summary() for r in records], limit, offset)


@router.get(
    "/{change_id}", summary="One change: its event, what it added and removed, who, when, on what authority"
)
def show_change(change_id: str, services: ServicesDep) -> dict[str, Any]:
    return services.require_log().detail(change_id)


@router.post(
    "/{change_id}/revert",
    summary="Undo a change with a new change (validated like any other)",
    status_code=201,
    responses=WRITE_ERRORS,
)
async def revert_change(
    change_id: str, request: Request, services: ServicesDep, agent: AgentDep
) -> JSONResponse:
    if_match = _if_match(request)
    body = await read_body(request, services.settings.max_change_bytes)
    extra: Any = {}
    if body.strip():
        media_type = (request.headers.get("content-type") or "").split(";", 1)[0].strip().lower()
        if media_type != "application/json":
            raise UnsupportedMediaTypeError(
                f"a revert's body is application/json; got {media_type or 'none'}"
            )
        try:
            extra = read_json(body.decode("utf-8"), "request body")
        except UnicodeDecodeError:
            raise InputError("The request body is not UTF-8.") from None
        if not isinstance(extra, dict) or set(extra) - {"id", "authority", "effective", "note"}:
            raise InputError(
                "a revert's body is an object with id, authority, effective and note (all optional)"
            )
    services.require_log().get(change_id)  # 404 before anything else
    record = await run_in_threadpool(services.gate.revert, change_id, agent, extra, if_match)
    return _created(record)
