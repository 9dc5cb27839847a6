"""The lookup API as plain JSON (the same service functions as `itut-kb show/list/stats`).

List routes paginate with ``limit`` and ``offset`` and answer a :class:`Page`; every error is the JSON
envelope of :mod:`itut_kb.api.errors`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request

from itut_kb.api.deps import ServicesDep, ViewDep
from itut_kb.api.offload import offload
from itut_kb.api.schemas import ERRORS, Page

router = APIRouter(prefix="/api", tags=["lookup"], responses=ERRORS)

Limit = Annotated[int, Query(ge=1, le=1000, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, description="Items to skip.")]


def page(request: Request, items: list[dict[str, Any]], limit: int, offset: int) -> Page:
    """``items[offset:offset+limit]``, with the URL of the next page when there is one."""
    nxt = None
    if offset + limit < len(items):
        params = dict(request.query_params)
        params.update(limit=str(limit), offset=str(offset + limit))
        nxt = f"{request.url.path}?{urlencode(params)}"
    return Page(items=items[offset : offset + limit], total=len(items), limit=limit, offset=offset, next=nxt)


@router.get("/health", summary="Liveness, KB size, the SPARQL workers' state and the response cache's")
async def health(request: Request, services: ServicesDep, view: ViewDep) -> dict[str, Any]:
    return {
        "status": "ok",
        "version": view.version,
        "state": view.key.etag,
        "triples": len(view.kb),
        "sparql": services.sparql.status(),
        "cache": request.app.state.answers.status(),
    }


@router.get("/stats", summary="Counts of the KB's main entities")
async def stats(view: ViewDep) -> dict[str, int]:
    return await offload.run("stats", view.lookup.stats)


@router.get("/resolutions", summary="The Resolutions in force, by number")
async def resolutions(
    request: Request,
    view: ViewDep,
    limit: Limit = 100,
    offset: Offset = 0,
    status: Annotated[
        Literal["new", "revised", "unchanged"] | None,
        Query(
            description="Only those WTSA-24 adopted for the first time (new), revised (revised), or left as an "
            "earlier assembly adopted them (unchanged)."
        ),
    ] = None,
    revised: Annotated[
        bool | None,
        Query(
            description="Only those WTSA-24 revised (true) or not (false: new and unchanged); see `status`."
        ),
    ] = None,
) -> Page:
    items = await offload.run("resolutions", lambda: view.lookup.resolutions(status, revised))
    return page(request, items, limit, offset)


@router.get("/resolutions/{number}", summary="One Resolution by number, with its revision history")
async def resolution(number: str, view: ViewDep) -> dict[str, Any]:
    return await offload.run("resolution", lambda: view.lookup.resolution(number))


@router.get("/study-groups", summary="The study groups, with mandates and management")
async def study_groups(request: Request, view: ViewDep, limit: Limit = 100, offset: Offset = 0) -> Page:
    return page(request, await offload.run("study-groups", view.lookup.study_groups), limit, offset)


@router.get("/study-groups/{group_id}", summary="One group (SG2 … SG21, TSAG, SCV)")
async def study_group(group_id: str, view: ViewDep) -> dict[str, Any]:
    return await offload.run("study-group", lambda: view.lookup.study_group(group_id))


@router.get("/questions", summary="The Questions, by study group and number")
async def questions(
    request: Request,
    view: ViewDep,
    limit: Limit = 100,
    offset: Offset = 0,
    study_group: Annotated[str | None, Query(description="Only this group's, e.g. SG17.")] = None,
) -> Page:
    items = await offload.run("questions", lambda: view.lookup.questions(study_group))
    return page(request, items, limit, offset)


@router.get("/questions/{question_id:path}", summary="One Question: `1/17` (URL-encoded) or `1-17`")
async def question(question_id: str, view: ViewDep) -> dict[str, Any]:
    """A Question by final number: `1/17` (URL-encoded) or `1-17`."""
    return await offload.run("question", lambda: view.lookup.question(question_id.replace("-", "/")))


@router.get(
    "/recommendations/{rec_id}", summary="One ITU-T Recommendation (e.g. X.509) and where it is cited"
)
async def recommendation(rec_id: str, view: ViewDep) -> dict[str, Any]:
    return await offload.run("recommendation", lambda: view.lookup.recommendation(rec_id))


@router.get("/actions", summary="The WTSA-24 actions, by number")
async def actions(request: Request, view: ViewDep, limit: Limit = 100, offset: Offset = 0) -> Page:
    return page(request, await offload.run("actions", view.lookup.actions), limit, offset)


@router.get("/search", summary="Entities and clauses whose text contains q (Chinese, or English labels)")
async def search(
    request: Request,
    view: ViewDep,
    q: Annotated[str, Query(min_length=1, max_length=100, description="The text to look for.")],
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page:
    return page(request, await offload.run("search", lambda: view.lookup.search(q)), limit, offset)
