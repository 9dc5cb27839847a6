"""Response models for the OpenAPI description of the lookup API: the error envelope and a page of items."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ErrorBody(BaseModel):
    status: int = Field(description="The HTTP status, repeated.")
    code: str = Field(description="A stable code: not_found, invalid_parameter, …")
    message: str = Field(description="A full sentence saying what was wrong.")


class ErrorEnvelope(BaseModel):
    error: ErrorBody


class Page(BaseModel):
    """One page of a list: ``items[offset:offset+limit]`` of ``total``."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int
    next: str | None = Field(None, description="The URL of the next page, if any.")


ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorEnvelope, "description": "No such entity or query."},
    422: {"model": ErrorEnvelope, "description": "A parameter of the wrong form or type."},
}
