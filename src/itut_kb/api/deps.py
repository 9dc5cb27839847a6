"""Dependencies of the route handlers: the Services object, the state of the KB a request reads (``as_of``,
``version``), and the agent of a write (its bearer token)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, Query, Request
from starlette.concurrency import run_in_threadpool

from itut_kb.errors import UnauthorizedError
from itut_kb.living.tokens import Agent
from itut_kb.services import KbView, Services


async def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]


async def get_view(
    request: Request,
    services: ServicesDep,
    as_of: Annotated[
        date | None, Query(description="Answer from the KB as in effect on this day (YYYY-MM-DD).")
    ] = None,
    version: Annotated[
        int | None, Query(ge=0, description="Answer from this version of the KB (0: WTSA-24).")
    ] = None,
) -> KbView:
    """The state of the KB this request reads: one state for all its queries (a consistent answer).

    The response cache names the state first (``kb_key``): the answer is then computed on the state it is
    kept under. Asynchronous: a built state is at hand on the event loop; building one goes to a thread."""
    key = request.scope.get("state", {}).get("kb_key")
    if key is None:
        key = services.history.key(version, as_of)
    view = services.built_view(key)
    if view is None:
        view = await run_in_threadpool(services.view_of, key)
    request.state.kb_version = str(view.version)
    request.state.kb_state = view.key.etag
    return view


ViewDep = Annotated[KbView, Depends(get_view)]


def get_agent(request: Request, services: ServicesDep) -> Agent:
    """The writer: ``Authorization: Bearer TOKEN`` (401 without a valid token)."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if header and scheme.lower() != "bearer":
        raise UnauthorizedError("send the token as 'Authorization: Bearer TOKEN'")
    return services.tokens.verify(token.strip() or None)


AgentDep = Annotated[Agent, Depends(get_agent)]
