"""The site for people: the home page (search, browse, owner box, tools), search results, the browse lists,
the deadline calculator, the validation form and the SPARQL editor (``/query``).

Every page reads the KB through ``ViewDep`` (``as_of``, ``version``) and answers HTML, JSON or (lists) CSV by
content negotiation or ``?format=``; see :mod:`itut_kb.api.site`.
"""

from __future__ import annotations

import json
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from itut_kb.api import site
from itut_kb.api.deps import ServicesDep, ViewDep
from itut_kb.namespaces import PREFIXES

router = APIRouter(include_in_schema=False)
Text = Annotated[str | None, Query(max_length=100)]


@router.get("/")
def home(request: Request, view: ViewDep) -> Response:
    return site.respond(request, view.pages.home())


@router.get("/search")
def search(request: Request, view: ViewDep, q: Text = None) -> Response:
    if not q or not q.strip():
        return RedirectResponse(site.Context(request).href("/"), status_code=303)
    return site.respond(request, view.pages.search(q))


@router.get("/resolutions")
def resolutions(request: Request, view: ViewDep, status: Text = None) -> Response:
    return site.respond(request, view.pages.resolutions(status or None))


@router.get("/study-groups")
def study_groups(request: Request, view: ViewDep) -> Response:
    return site.respond(request, view.pages.study_groups())


@router.get("/questions")
def questions(request: Request, view: ViewDep, study_group: Text = None) -> Response:
    return site.respond(request, view.pages.questions(study_group or None))


@router.get("/member-states")
def member_states(request: Request, view: ViewDep) -> Response:
    return site.respond(request, view.pages.member_states())


@router.get("/actions")
def actions(request: Request, view: ViewDep) -> Response:
    return site.respond(request, view.pages.actions())


@router.get("/owner")
def owner(request: Request, view: ViewDep, number: Annotated[str, Query(max_length=40)]) -> Response:
    """The owner box without JavaScript: the Recommendation's page (a malformed number is a 422 page)."""
    answer = view.ownership.owner(number)
    target = "/id/recommendation/" + quote(answer["recommendation"], safe=".")
    return RedirectResponse(site.Context(request).href(target), status_code=303)


@router.get("/deadlines")
def deadlines(request: Request, view: ViewDep) -> Response:
    """The deadline calculator: the case is the query string (kind, dates YYYY-MM-DD, conditions true)."""
    vocabulary = view.rules.vocabulary()
    params = request.query_params
    case: dict[str, Any] | None = None
    if params.get("kind"):
        case = {"kind": params["kind"]}
        case.update({k: params[k] for k in vocabulary["dates"] if params.get(k)})
        case.update({k: True for k in vocabulary["conditions"] if params.get(k) in {"true", "on", "1"}})
    return site.respond(request, view.pages.deadlines(case))


@router.get("/validate")
def validate_form(request: Request, view: ViewDep) -> Response:
    return site.render(request, "validate.html")


@router.get("/query")
def query_page(request: Request, services: ServicesDep) -> Response:
    """The SPARQL editor: POSTs to /sparql, shows result tables; example queries from queries/examples/."""
    examples = [
        {"name": q.name, "summary": q.summary, "text": _body(q.text)}
        for q in services.examples.queries.values()
    ]
    data = json.dumps({"prefixes": PREFIXES, "examples": examples}, ensure_ascii=False).replace("</", "<\\/")
    return site.render(
        request,
        "query.html",
        data_json=data,
        timeout=f"{services.settings.query_timeout_s:g}",
        max_rows=services.settings.max_result_rows,
    )


def _body(text: str) -> str:
    """A query file without its ``#+`` header."""
    return "\n".join(line for line in text.splitlines() if not line.startswith("#+")).strip() + "\n"
