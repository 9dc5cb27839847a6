"""Linked data and pages of entities: every entity at ``/id/<path>``, the static files, the source text.

``/id/<path>`` stands for the IRI ``https://w3id.org/itut-kb/id/<path>``; it answers with content
negotiation (or ``?format=``): the page for people (HTML: a document that reads like the document, a group,
a Recommendation for any valid number, a Question, a post, a Member State, else the entity's facts), the
same page as JSON, or the entity's description as Turtle, JSON-LD, N-Triples or RDF/XML. Everything is
served from the package: nothing is loaded from the internet.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Annotated

import pyoxigraph as ox
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from itut_kb import formats
from itut_kb.api import site
from itut_kb.api.deps import ServicesDep, ViewDep
from itut_kb.entities import ID_BASE, RDF_TYPE, iri_of
from itut_kb.errors import InvalidParameterError, NotAcceptableError, NotFoundError
from itut_kb.pages.source import source as source_page
from itut_kb.services import KbView
from itut_kb.sparql import RDF_PREFIXES

router = APIRouter(include_in_schema=False)

PAGE_JSON = formats.Format(site.JSON_TYPE, "json", "JSON (the page's data)")
ENTITY_FORMATS = (formats.RDF_FORMATS[0], formats.HTML, PAGE_JSON, *formats.RDF_FORMATS[1:])
BY_NAME = {f.name: f for f in ENTITY_FORMATS}
STATIC = {
    "style.css": "text/css; charset=utf-8",
    "query.js": "text/javascript; charset=utf-8",
    "home.js": "text/javascript; charset=utf-8",
    "validate.js": "text/javascript; charset=utf-8",
}
ITUT = "https://w3id.org/itut-kb/ontology#"


@cache
def _asset(name: str) -> str:
    return files("itut_kb.api").joinpath("templates", name).read_text(encoding="utf-8")


@router.get("/static/{name}")
def static(name: str) -> Response:
    if name not in STATIC:
        raise NotFoundError(f"no file {name}")
    return Response(_asset(name), media_type=STATIC[name], headers={"Cache-Control": "max-age=3600"})


@router.get("/source/{file}")
def source_text(
    file: str,
    request: Request,
    services: ServicesDep,
    first: Annotated[int | None, Query(alias="from", ge=1)] = None,
    last: Annotated[int | None, Query(alias="to", ge=1)] = None,
) -> Response:
    return site.respond(request, source_page(services.settings.root, file, first, last))


# ---------------------------------------------------------------------------------------- linked data
@router.get("/id/{path:path}")
def entity(path: str, request: Request, view: ViewDep) -> Response:
    raw_path = request.scope.get("raw_path", b"").decode("ascii", "replace").split("?")[0]
    iri = iri_of(raw_path.removeprefix("/id/") if raw_path.startswith("/id/") else path)
    fmt = _format(request)
    headers = {"Vary": "Accept", "Link": f'<{iri}>; rel="canonical"'}
    if fmt is formats.HTML or fmt is PAGE_JSON:
        response = site.respond(request, view.pages.entity(iri), fmt.media_type)
        response.headers.update(headers)
        return response
    body = formats.write_graph(_triples(view, iri), fmt, RDF_PREFIXES)
    return Response(body, media_type=fmt.content_type, headers=headers)


def _triples(view: KbView, iri: str) -> list[ox.Triple]:
    """The entity's description; for a valid Recommendation number the KB does not cite, what Annex C says of
    it (its number and responsible groups, as the SHACL-AF rule would state them)."""
    try:
        return view.entities.describe(iri).triples()
    except NotFoundError:
        parts = iri.rsplit("/", 2)
        if parts[-2] != "recommendation" or not iri.startswith(ID_BASE):
            raise
        answer = view.ownership.owner(parts[-1])
        node = ox.NamedNode(iri)
        out = [
            ox.Triple(node, ox.NamedNode(RDF_TYPE), ox.NamedNode(ITUT + "Recommendation")),
            ox.Triple(node, ox.NamedNode(ITUT + "number"), ox.Literal(answer["recommendation"])),
        ]
        out += [
            ox.Triple(node, ox.NamedNode(ITUT + "responsibleGroup"), ox.NamedNode(f"{ID_BASE}group/{group}"))
            for group in answer["owners"]
        ]
        return out


def _format(request: Request) -> formats.Format:
    name = request.query_params.get("format")
    if name is not None:
        if name not in BY_NAME:
            raise InvalidParameterError(f"format must be one of {', '.join(BY_NAME)}; got {name!r}")
        return BY_NAME[name]
    available = [f.media_type for f in ENTITY_FORMATS]
    chosen = formats.negotiate(request.headers.get("accept"), available)
    if chosen is None:
        raise NotAcceptableError(f"An entity is described as {', '.join(available)}.")
    return PAGE_JSON if chosen == site.JSON_TYPE else formats.BY_MEDIA_TYPE[chosen]
