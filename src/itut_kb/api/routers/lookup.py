"""The foundation's lookups as plain JSON (the same service functions as `itut-kb show/list/stats`)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from itut_kb.api.deps import ServicesDep

router = APIRouter(prefix="/api", tags=["lookup"])


@router.get("/health")
def health(services: ServicesDep) -> dict[str, Any]:
    return {"status": "ok", "triples": len(services.kb)}


@router.get("/stats")
def stats(services: ServicesDep) -> dict[str, int]:
    return services.lookup.stats()


@router.get("/resolutions/{number}")
def resolution(number: str, services: ServicesDep) -> dict[str, Any]:
    return services.lookup.resolution(number)


@router.get("/questions/{question_id:path}")
def question(question_id: str, services: ServicesDep) -> dict[str, Any]:
    """A Question by final number: `1/17` (URL-encoded) or `1-17`."""
    return services.lookup.question(question_id.replace("-", "/"))


@router.get("/study-groups/{group_id}")
def study_group(group_id: str, services: ServicesDep) -> dict[str, Any]:
    return services.lookup.study_group(group_id)
