"""One error hierarchy. Each error knows its HTTP status and a stable code; the API maps them in one place."""

from __future__ import annotations


class ItutKbError(Exception):
    status = 500
    code = "internal_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidParameterError(ItutKbError):
    """A parameter or identifier that is not of the expected form."""

    status = 422
    code = "invalid_parameter"


class NotFoundError(ItutKbError):
    status = 404
    code = "not_found"


class QueryDefinitionError(ItutKbError):
    """A named query file that is malformed: a defect of the project, found at start-up."""

    status = 500
    code = "query_definition"


class InputError(ItutKbError):
    """Input that cannot be read at all (a file, a body)."""

    status = 400
    code = "bad_input"


# ---------------------------------------------------------------- the SPARQL endpoint and content negotiation
class MalformedQueryError(ItutKbError):
    """A SPARQL query that does not parse, or a protocol request with a bad parameter mix."""

    status = 400
    code = "malformed_query"


class QueryLimitError(ItutKbError):
    """A SPARQL query too large or too deep for the endpoint (:mod:`itut_kb.query_limits`)."""

    status = 400
    code = "query_too_complex"


class ForbiddenError(ItutKbError):
    """A request the server refuses by policy: an update (the endpoint is read-only), SERVICE."""

    status = 403
    code = "forbidden"


class NotAcceptableError(ItutKbError):
    """No format the client accepts can express the answer."""

    status = 406
    code = "not_acceptable"


class PayloadTooLargeError(ItutKbError):
    status = 413
    code = "payload_too_large"


class UnsupportedMediaTypeError(ItutKbError):
    status = 415
    code = "unsupported_media_type"


class ServiceUnavailableError(ItutKbError):
    """All query workers are busy, or one stopped while answering; worth retrying."""

    status = 503
    code = "unavailable"


class QueryTimeoutError(ServiceUnavailableError):
    """A query ran past the server's time limit and was stopped."""

    code = "timeout"
