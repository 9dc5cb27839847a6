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


# ---------------------------------------------------------------- the living KB: writes, tokens, versions
class UnauthorizedError(ItutKbError):
    """A write without a token, or with a token the store does not know (or has revoked)."""

    status = 401
    code = "unauthorized"


class ConflictError(ItutKbError):
    """A change whose id was already accepted, or a revert of a change already reverted."""

    status = 409
    code = "conflict"


class PreconditionFailedError(ItutKbError):
    """``If-Match: VERSION`` and the KB has moved on to another version."""

    status = 412
    code = "precondition_failed"


class ReadOnlyStoreError(ItutKbError):
    """A write to a server or command that keeps no store directory."""

    status = 403
    code = "read_only"


class ChangeRejectedError(ItutKbError):
    """A change that fails validation: nothing of it was applied. ``report`` is the validation report."""

    status = 422
    code = "change_rejected"

    def __init__(self, message: str, report: object) -> None:
        super().__init__(message)
        self.report = report
