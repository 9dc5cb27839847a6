"""Who is responsible for which Recommendation (Res. 2 Annex C), and the lead-study-group roles by topic.

The same service as `itut-kb owner`, `itut-kb lead` and the ``responsibilities`` of `itut-kb show
study-group`; a malformed Recommendation number is a 422 in the API's error envelope.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from itut_kb.api.deps import ViewDep
from itut_kb.api.offload import offload
from itut_kb.api.schemas import ERRORS

router = APIRouter(prefix="/api", tags=["ownership"], responses=ERRORS)


@router.get(
    # `:path`, so that a dual number keeps its slash: /api/recommendations/X.85/Y.1321/owner
    "/recommendations/{rec_id:path}/owner",
    summary="The group(s) responsible for a Recommendation under Res. 2 Annex C (e.g. G.711, X.85/Y.1321)",
)
async def owner(rec_id: str, view: ViewDep) -> dict[str, Any]:
    """``{"recommendation", "owners", "joint", "conflict", "basis"}``; ``owners`` is empty when no group is.
    A dual number (``X.85/Y.1321``, the slash as is or as ``%2F``) adds ``numbers``: each number's answer."""
    return await offload.run("owner", lambda: view.ownership.owner(rec_id))


@router.get(
    "/study-groups/{group_id}/responsibilities",
    summary="A group's Res. 2 Annex C entries as structured data (scopes, exceptions, joint responsibility)",
)
async def responsibilities(group_id: str, view: ViewDep) -> list[dict[str, Any]]:
    return await offload.run("responsibilities", lambda: view.ownership.responsibilities(group_id))


@router.get("/lead", summary="The lead-study-group roles (Res. 2 Annex A part 2) on a topic")
async def lead(
    view: ViewDep,
    topic: Annotated[str, Query(min_length=1, max_length=100, description="A word of the role (zh, or en).")],
) -> list[dict[str, Any]]:
    return await offload.run("lead", lambda: view.ownership.lead(topic))
