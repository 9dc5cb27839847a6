"""One JSON error envelope for the lookup API: {"error": {"status", "code", "message"}}.

ItutKbError subclasses carry their status; FastAPI's own validation errors become 422 in the same
envelope; an unexpected error is logged and answered 500 without internals. (/sparql answers errors
the SPARQL 1.1 Protocol's way, in its own router, and as plain text here; elsewhere — the site's pages,
/id/… — a browser, which prefers text/html, gets an HTML error page with a way back, and other clients
plain text, with the same status.)
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from itut_kb.errors import ChangeRejectedError, ItutKbError
from itut_kb.formats import negotiate
from itut_kb.validation_report import ValidationReport

log = logging.getLogger("itut_kb.api")


def envelope(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse(
        status_code=status, content={"error": {"status": status, "code": code, "message": message}}
    )


def _answer(request: Request, status: int, code: str, message: str) -> Response:
    path = request.url.path
    if path.startswith("/api"):
        return envelope(status, code, message)
    if not path.startswith("/sparql") and wants_html(request):
        from itut_kb.api.site import messages, render

        return render(request, "error.html", status=status, code=status, message=message, known=messages())
    return PlainTextResponse(message + "\n", status_code=status)


def wants_html(request: Request) -> bool:
    """A browser: its Accept header prefers text/html to plain text."""
    return negotiate(request.headers.get("accept"), ["text/plain", "text/html"]) == "text/html"


def install(app: FastAPI) -> None:
    @app.exception_handler(ItutKbError)
    async def domain_error(request: Request, exc: ItutKbError) -> Response:
        if isinstance(exc, ChangeRejectedError) and isinstance(exc.report, ValidationReport):
            error = {"status": exc.status, "code": exc.code, "message": exc.message}
            return JSONResponse(status_code=exc.status, content={"error": error, **exc.report.as_json()})
        if exc.status == 500:
            log.error("internal error on %s: %s", request.url.path, exc.message)
            return _answer(
                request, 500, "internal_error", "The server failed to answer; the error has been logged."
            )
        return _answer(request, exc.status, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return _answer(request, 422, "invalid_parameter", f"{where}: {first.get('msg', 'invalid request')}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _answer(request, exc.status_code, "http_error", str(exc.detail))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return _answer(
            request, 500, "internal_error", "The server failed to answer; the error has been logged."
        )
