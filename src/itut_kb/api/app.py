"""The application factory: one FastAPI app over one Services object, configured by Settings."""

from __future__ import annotations

import importlib

from fastapi import FastAPI

from itut_kb.api import errors, lifecycle
from itut_kb.api.cache import Answers, ResponseCache
from itut_kb.api.routers import ROUTERS
from itut_kb.config import Settings
from itut_kb.services import Services


def create_app(settings: Settings | None = None, services: Services | None = None) -> FastAPI:
    settings = settings or (services.settings if services else Settings())
    app = FastAPI(
        title="itut-kb",
        version="0.1.0",
        description="The working rules of ITU-T (WTSA-24) as a KB.",
        lifespan=lifecycle.lifespan,
        docs_url=None,  # FastAPI's pages load their scripts from CDNs: routers/docs.py serves them locally
        redoc_url=None,
    )
    app.state.services = services = services or Services(settings)
    errors.install(app)
    # outermost last: CORS, then the response cache, then the KB state headers, then the routes
    app.add_middleware(lifecycle.KbStateHeaders)
    app.state.answers = answers = Answers(settings.response_cache_mb * 2**20)
    app.add_middleware(
        ResponseCache, services=services, answers=answers, max_body_bytes=settings.max_body_bytes
    )
    if app.state.services.remote is not None:  # a remote store: its head is read once per request
        from itut_kb.remote.log import RequestScope

        app.add_middleware(RequestScope)
    lifecycle.install_cors(app, settings)
    for name in ROUTERS:
        app.include_router(importlib.import_module(f"itut_kb.api.routers.{name}").router)
    return app
