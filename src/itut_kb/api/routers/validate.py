"""Validation of submissions and the rules engine over HTTP: the same services as `itut-kb validate/rules`.

``POST /api/validate`` takes the submission as the body, its format by Content-Type (text/turtle,
application/ld+json, application/json; anything else 415), ``?kind=`` optionally; it answers the JSON report,
or the standard ``sh:ValidationReport`` in Turtle for ``Accept: text/turtle``. A body over
``Settings.max_body_bytes`` is 413, input that cannot be read 400, an unknown kind 422. ``POST /api/rules``
takes a case as JSON. The published JSON-LD context and the vocabulary of cases are served as well.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from itut_kb.api.body import read_body
from itut_kb.api.deps import ServicesDep, ViewDep
from itut_kb.api.schemas import ERRORS, ErrorEnvelope
from itut_kb.errors import InputError, NotAcceptableError, UnsupportedMediaTypeError
from itut_kb.formats import negotiate
from itut_kb.submissions import KINDS, check_kind, format_of_media_type, read_json

router = APIRouter(prefix="/api", tags=["validation"], responses=ERRORS)
REPORT_TYPES = ("application/json", "text/turtle")
BODY_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorEnvelope, "description": "The body cannot be read; the message says where it broke."},
    413: {"model": ErrorEnvelope, "description": "The body is larger than the configured limit."},
    415: {"model": ErrorEnvelope, "description": "A Content-Type the endpoint does not read."},
}


@router.post(
    "/validate",
    summary="Validate a submission (draft Recommendation, proposed Question, contribution) or a KB change",
    responses={
        **BODY_ERRORS,
        200: {
            "content": {"application/json": {}, "text/turtle": {}},
            "description": "The validation report.",
        },
    },
)
async def validate(
    request: Request,
    services: ServicesDep,
    view: ViewDep,
    kind: Annotated[
        str | None, Query(description=f"One of {', '.join(KINDS)}; found in the data when absent.")
    ] = None,
) -> Response:
    fmt = format_of_media_type(request.headers.get("content-type"))
    check_kind(kind)
    answer = negotiate(request.headers.get("accept"), REPORT_TYPES)
    if answer is None:
        raise NotAcceptableError(f"The report is available as {' or '.join(REPORT_TYPES)}.")
    body = await read_body(request, services.settings.max_body_bytes)
    report = await run_in_threadpool(view.validation.validate, body, fmt, kind, "request body")
    if answer == "text/turtle":
        return Response(report.as_turtle(), media_type="text/turtle; charset=utf-8")
    return JSONResponse(report.as_json())


@router.post(
    "/rules",
    summary="Which procedural rules apply to a case, with their clauses, texts and dates",
    responses=BODY_ERRORS,
)
async def rules(request: Request, services: ServicesDep, view: ViewDep) -> dict[str, Any]:
    """The body is a case such as ``{"kind": "tap-approval", "meeting_date": "2025-06-16"}``."""
    media_type = (request.headers.get("content-type") or "").split(";", 1)[0].strip().lower()
    if media_type != "application/json":
        raise UnsupportedMediaTypeError("A case is sent as application/json.")
    body = await read_body(request, services.settings.max_body_bytes)
    try:
        case = read_json(body.decode("utf-8"), "request body")
    except UnicodeDecodeError:
        raise InputError("The request body is not UTF-8.") from None
    answer: dict[str, Any] = await run_in_threadpool(view.rules.apply, case)
    return answer


@router.get("/rules/vocabulary", summary="The kinds of case, their date fields and conditions")
def vocabulary(view: ViewDep) -> dict[str, Any]:
    return view.rules.vocabulary()


@router.get("/validate/context.jsonld", summary="The JSON-LD context plain-JSON submissions are read with")
def context(services: ServicesDep) -> Response:
    path = services.settings.ontology_dir / "context.jsonld"
    return Response(path.read_bytes(), media_type="application/ld+json")
