"""What the app does around requests: start-up (KB, named queries, SPARQL workers), shut-down, CORS."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.concurrency import run_in_threadpool

from itut_kb.config import Settings
from itut_kb.services import Services

log = logging.getLogger("itut_kb.api")


def _warm(services: Services) -> None:
    """Load what every request needs before the first one arrives (a malformed query fails here)."""
    _ = services.kb, services.catalog, services.lookup, services.examples, services.entities
    _ = services.ownership, services.rules
    services.validation.warm()


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    services: Services = app.state.services
    services.sparql.start()  # the workers load their stores in the background, in parallel with this
    await run_in_threadpool(_warm, services)
    log.info("itut-kb ready: %d triples", len(services.kb))
    try:
        yield
    finally:
        services.sparql.close()


def install_cors(app: FastAPI, settings: Settings) -> None:
    """CORS for the configured origins only, never with credentials; off when none are configured."""
    if not settings.cors_origins:
        return
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(settings.cors_origins),
        allow_credentials=False,
        allow_methods=["GET", "POST"],
        allow_headers=["Accept", "Content-Type"],
        expose_headers=["X-Result-Rows", "X-Result-Truncated"],
        max_age=600,
    )
