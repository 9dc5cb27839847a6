"""Rendering the site's pages: one Jinja2 environment over the package's templates, the UI text in Chinese and
English, and one ``respond()`` that answers a page as HTML, JSON or CSV by content negotiation (or
``?format=``), like datasette.

The language is ``?lang=zh|en`` (remembered in a cookie), else the cookie, else the browser's
Accept-Language, else Chinese. Data stays as in the source (``@zh``; ``@en`` only where the KB has it); only
the UI text changes. Links on a page keep the state of the KB the request read (``as_of``, ``version``).
"""

from __future__ import annotations

import csv
import io
import json
from functools import cache
from importlib.resources import files
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from itut_kb import formats
from itut_kb.entities import ID_BASE, local_path
from itut_kb.errors import InvalidParameterError, NotAcceptableError
from itut_kb.pages import Page

LANGUAGES = ("zh", "en")
STATE_PARAMETERS = ("as_of", "version")
JSON_TYPE = "application/json"
CSV_TYPE = "text/csv"
HTML_TYPE = "text/html"
PAGE_FORMATS = {"html": HTML_TYPE, "json": JSON_TYPE, "csv": CSV_TYPE}


@cache
def messages() -> dict[str, dict[str, str]]:
    """The UI text: ``{key: {"zh": …, "en": …}}`` (templates/i18n.json)."""
    text = files("itut_kb.api").joinpath("templates", "i18n.json").read_text(encoding="utf-8")
    data: dict[str, dict[str, str]] = json.loads(text)
    return data


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("itut_kb.api", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["local"] = lambda iri: local_path(iri) or iri
    return env


def language(request: Request) -> str:
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return asked
    cookie = request.cookies.get("lang")
    if cookie in LANGUAGES:
        return cookie
    for part in (request.headers.get("accept-language") or "").split(","):
        tag = part.split(";")[0].strip().lower()
        if tag.startswith("zh"):
            return "zh"
        if tag.startswith("en"):
            return "en"
    return "zh"


class Context:
    """What every template gets: the UI text in the page's language, and links that keep the KB's state."""

    def __init__(self, request: Request) -> None:
        self.request = request
        self.lang = language(request)
        self.state = {k: request.query_params[k] for k in STATE_PARAMETERS if k in request.query_params}

    def t(self, key: str, **values: Any) -> str:
        text = messages().get(key, {}).get(self.lang) or messages().get(key, {}).get("en") or key
        return text.format(**values) if values else text

    def href(self, target: str, **params: Any) -> str:
        """A link to ``target`` (a path, or an IRI of the KB) that keeps ``as_of`` and ``version``."""
        path = local_path(target) if target.startswith(ID_BASE) else target
        path = path or target
        if not path.startswith("/"):
            return path
        query = {**self.state, **{k: str(v) for k, v in params.items() if v is not None}}
        anchor = ""
        if "#" in path:
            path, anchor = path.split("#", 1)
            anchor = "#" + anchor
        return path + (("&" if "?" in path else "?") + urlencode(query) if query else "") + anchor

    def here(self, **params: Any) -> str:
        """This page with other parameters (``format=json``, ``lang=en``)."""
        query = dict(self.request.query_params)
        query.update({k: str(v) for k, v in params.items() if v is not None})
        return self.request.url.path + "?" + urlencode(query)

    @property
    def other_language(self) -> str:
        return "en" if self.lang == "zh" else "zh"


def render(request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
    ctx = Context(request)
    html = environment().get_template(template).render(ctx=ctx, t=ctx.t, href=ctx.href, **values)
    response = HTMLResponse(html, status_code=status)
    if request.query_params.get("lang") in LANGUAGES:
        response.set_cookie("lang", ctx.lang, max_age=365 * 24 * 3600, samesite="lax")
    return response


def page_format(request: Request, page: Page, extra: tuple[str, ...] = ()) -> str:
    """The media type to answer: ``?format=`` first, else the Accept header (HTML first among equals)."""
    available = [HTML_TYPE, JSON_TYPE] + ([CSV_TYPE] if page.rows is not None else []) + list(extra)
    name = request.query_params.get("format")
    if name is not None:
        media_type = PAGE_FORMATS.get(name)
        if media_type is None or media_type not in available:
            choices = ", ".join(n for n, m in PAGE_FORMATS.items() if m in available)
            raise InvalidParameterError(f"format must be one of {choices}; got {name!r}")
        return media_type
    chosen = formats.negotiate(request.headers.get("accept"), available)
    if chosen is None:
        raise NotAcceptableError(f"This page is available as {', '.join(available)}.")
    return chosen


def respond(request: Request, page: Page, media_type: str | None = None) -> Response:
    """The page as HTML, JSON or CSV."""
    media_type = media_type or page_format(request, page)
    headers = {"Vary": "Accept, Accept-Language, Cookie"}
    if media_type == JSON_TYPE:
        body = json.dumps(page.as_json(), ensure_ascii=False, separators=(",", ":"))
        return Response(body, media_type=JSON_TYPE, headers=headers)
    if media_type == CSV_TYPE:
        return Response(as_csv(page), media_type="text/csv; charset=utf-8", headers=headers)
    response = render(request, f"{page.template}.html", page=page, data=page.data)
    response.headers.update(headers)
    return response


def as_csv(page: Page) -> str:
    out = io.StringIO()
    columns = page.columns or (list(page.rows[0]) if page.rows else [])
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in page.rows or []:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return out.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return str(value).lower()
    return "" if value is None else value
