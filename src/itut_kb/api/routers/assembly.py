"""The Assembly's record (Part VI) as plain JSON: its meetings and its decisions.

The same service as `itut-kb show meeting N` and `itut-kb list meetings`; every error is the JSON envelope of
:mod:`itut_kb.api.errors` (a malformed meeting number or text name is a 422, an unknown one a 404).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from itut_kb.api.deps import ViewDep
from itut_kb.api.routers.lookup import Limit, Offset, page
from itut_kb.api.schemas import ERRORS, Page

router = APIRouter(prefix="/api/assembly", tags=["assembly"], responses=ERRORS)


@router.get("/meetings", summary="The meetings of WTSA-24: the four plenaries and the committees' meetings")
def meetings(request: Request, view: ViewDep, limit: Limit = 100, offset: Offset = 0) -> Page:
    return page(request, view.record.meetings(), limit, offset)


@router.get("/meetings/{number}", summary="One plenary meeting (1 to 4), with its items and decisions")
def meeting(number: str, view: ViewDep) -> dict[str, Any]:
    return view.record.meeting(number)


@router.get("/decisions", summary="The decisions of WTSA-24, or those on one text (text=2, A.25, NG)")
def decisions(
    request: Request,
    view: ViewDep,
    limit: Limit = 100,
    offset: Offset = 0,
    text: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=40,
            description="A Resolution (2, Resolution 2), a Recommendation (A.25) or a provisional name (NG).",
        ),
    ] = None,
) -> Page:
    return page(request, view.record.decisions(text), limit, offset)
