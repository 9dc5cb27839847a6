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
