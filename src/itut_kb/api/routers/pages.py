"""Pages for people and linked data: the query page at ``/`` and every entity at ``/id/<path>``.

``/id/<path>`` stands for the IRI ``https://w3id.org/itut-kb/id/<path>``; it answers with content
negotiation (or ``?format=``): an HTML page (title, facts, links to related entities, provenance),
Turtle, JSON-LD, N-Triples or RDF/XML. Everything is served from the package: nothing is loaded from
the internet.
"""

from __future__ import annotations

import json
from functools import cache
from html import escape
from importlib.resources import files
from string import Template

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from itut_kb import formats
from itut_kb.api.deps import ServicesDep, ViewDep
from itut_kb.entities import Entity, Fact, iri_of, local_name, local_path
from itut_kb.errors import InvalidParameterError, NotAcceptableError, NotFoundError
from itut_kb.namespaces import PREFIXES
from itut_kb.sparql import RDF_PREFIXES

router = APIRouter(include_in_schema=False)

ENTITY_FORMATS = (formats.RDF_FORMATS[0], formats.HTML, *formats.RDF_FORMATS[1:])
BY_NAME = {f.name: f for f in ENTITY_FORMATS}
MAX_LINKS = 300  # incoming links shown on a page (a source text has thousands)
STATIC = {"style.css": "text/css; charset=utf-8", "query.js": "text/javascript; charset=utf-8"}


@cache
def _template(name: str) -> str:
    return files("itut_kb.api").joinpath("templates", name).read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------- query page
@router.get("/", response_class=HTMLResponse)
def query_page(services: ServicesDep) -> HTMLResponse:
    examples = [
        {"name": q.name, "summary": q.summary, "text": _body(q.text)}
        for q in services.examples.queries.values()
    ]
    data = json.dumps({"prefixes": PREFIXES, "examples": examples}, ensure_ascii=False).replace("</", "<\\/")
    page = Template(_template("query.html")).substitute(
        data=data,
        timeout=f"{services.settings.query_timeout_s:g}",
        max_rows=services.settings.max_result_rows,
    )
    return HTMLResponse(page)


def _body(text: str) -> str:
    """A query file without its ``#+`` header."""
    return "\n".join(line for line in text.splitlines() if not line.startswith("#+")).strip() + "\n"


@router.get("/static/{name}")
def static(name: str) -> Response:
    if name not in STATIC:
        raise NotFoundError(f"no file {name}")
    return Response(_template(name), media_type=STATIC[name], headers={"Cache-Control": "max-age=3600"})


# ---------------------------------------------------------------------------------------- linked data
@router.get("/id/{path:path}")
def entity(path: str, request: Request, view: ViewDep) -> Response:
    raw_path = request.scope.get("raw_path", b"").decode("ascii", "replace").split("?")[0]
    iri = iri_of(raw_path.removeprefix("/id/") if raw_path.startswith("/id/") else path)
    fmt = _format(request)
    described = view.entities.describe(iri)
    headers = {"Vary": "Accept", "Link": f'<{iri}>; rel="canonical"'}
    if fmt is formats.HTML:
        return HTMLResponse(render(described, request.url.path), headers=headers)
    body = formats.write_graph(described.triples(), fmt, RDF_PREFIXES)
    return Response(body, media_type=fmt.content_type, headers=headers)


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
    return formats.BY_MEDIA_TYPE[chosen]


# ---------------------------------------------------------------------------------------- HTML
def _value(fact: Fact) -> str:
    term = fact.value
    if isinstance(term, ox.NamedNode):
        local = local_path(term.value)
        shown = escape(fact.value_label or local_name(term.value))
        href = escape(local or term.value)
        return f'<a href="{href}">{shown}</a>' + (
            f' <span class="iri">{escape(term.value)}</span>' if local else ""
        )
    if isinstance(term, ox.Literal):
        note = ""
        if term.language:
            note = f'<span class="lang">@{escape(term.language)}</span>'
        elif not term.datatype.value.endswith("#string"):
            note = f'<span class="datatype">{escape(local_name(term.datatype.value))}</span>'
        return escape(term.value) + note
    return escape(str(term))


def _facts(facts: list[Fact], with_graph: bool) -> str:
    if not facts:
        return "<p>None.</p>"
    rows = []
    for fact in facts:
        prop = f'<span title="{escape(fact.property)}">{escape(fact.property_label)}</span>'
        graph = f"<td>{escape(fact.graph or '')}</td>" if with_graph else ""
        rows.append(f"<tr><td>{prop}</td><td>{_value(fact)}</td>{graph}</tr>")
    head = "<tr><th>property</th><th>value</th>" + ("<th>graph</th>" if with_graph else "") + "</tr>"
    return f"<table>{head}{''.join(rows)}</table>"


def _more(count: int) -> str:
    if count <= MAX_LINKS:
        return ""
    return f"<p>… and {count - MAX_LINKS} more: the Turtle or JSON-LD description lists them all.</p>"


def render(described: Entity, path: str) -> str:
    hidden = {"http://www.w3.org/1999/02/22-rdf-syntax-ns#type"}
    kinds = [_value(f) for f in described.facts if f.property in hidden]
    provenance = described.provenance
    items = [f"<dt>graphs</dt><dd>{escape(', '.join(f'data/kb/{g}.ttl' for g in described.graphs))}</dd>"]
    if "source" in provenance:
        lines = f"{provenance.get('first_line', '?')}–{provenance.get('last_line', '?')}"
        items.append(f"<dt>source text</dt><dd>{escape(provenance['source'])}, lines {escape(lines)}</dd>")
    if "source_clause" in provenance:
        items.append(f"<dt>clause</dt><dd>{escape(provenance['source_clause'])}</dd>")
    return Template(_template("entity.html")).substitute(
        title=escape(described.label),
        subtitle=escape(described.english_label or ""),
        iri=escape(described.iri),
        path=escape(path),
        kinds="a " + ", ".join(kinds) if kinds else "",
        facts=_facts([f for f in described.facts if f.property not in hidden], with_graph=True),
        links=_facts(described.links[:MAX_LINKS], with_graph=False) + _more(len(described.links)),
        provenance=f'<dl class="provenance">{"".join(items)}</dl>',
    )
