"""What the app does around requests: start-up (KB, named queries, SPARQL workers), shut-down, CORS."""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from itut_kb.config import Settings
from itut_kb.services import Services

log = logging.getLogger("itut_kb.api")


def _warm_lookups(services: Services) -> None:
    """What the lookups need before the first request (a malformed named query fails here)."""
    _ = services.kb, services.catalog, services.examples, services.rules_catalog, services.baseline_digest
    _ = services.lookup, services.ownership, services.entities


def _warm_the_rest(services: Services) -> None:
    """What validation and the write path need, loaded while the server already answers lookups."""
    try:
        _ = services.rules
        services.validation.warm()
        if services.writable:
            services.gate.warm()
    except Exception:
        log.exception("warming validation and the write path failed (they load on first use)")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Start-up answers lookups as soon as the KB is loaded: the SPARQL workers start in the background
    (a query waits for the first that is ready, up to its time limit), validation and the write path
    load in a thread after start-up."""
    services: Services = app.state.services
    services.sparql.start()  # the zygote loads its store in another process, in parallel with this
    await run_in_threadpool(_warm_lookups, services)
    gc.collect()
    gc.freeze()  # what start-up loaded stays out of the garbage collector's full passes
    threading.Thread(target=_warm_the_rest, args=(services,), name="itut-kb-warm", daemon=True).start()
    log.info("itut-kb ready: version %d, %d triples", services.view().version, len(services.kb))
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


class KbStateHeaders:
    """Adds the KB version and state a request read (``X-KB-Version``, ``X-KB-State``) to its response.

    A pure ASGI middleware (no per-request task or body copy): the view dependency leaves the two values in
    the request's state, read here when the response starts."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_state(message: Message) -> None:
            if message["type"] == "http.response.start":
                state = scope.get("state") or {}
                if "kb_version" in state:
                    headers = list(message.get("headers", []))
                    headers.append((b"x-kb-version", state["kb_version"].encode("ascii")))
                    headers.append((b"x-kb-state", state["kb_state"].encode("ascii")))
                    message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_state)
