"""The access log of `itut-kb serve`: uvicorn's, with long request lines cut.

uvicorn logs every request line whole; a GET query string can be many kilobytes (a SPARQL query, or a
hostile one). :class:`ShortRequestLines` cuts the path and query of each access-log record to
:data:`MAX_CHARS` characters and says how much it left out, so that one request is one short log line.
"""

from __future__ import annotations

import copy
import logging
from typing import Any

MAX_CHARS = 200
ACCESS_LOGGER = "uvicorn.access"


def shorten(path: str, limit: int = MAX_CHARS) -> str:
    """``path`` if it is at most ``limit`` characters; else its start and how many characters were cut."""
    if len(path) <= limit:
        return path
    return f"{path[:limit]}…[{len(path) - limit:,} more chars]"


class ShortRequestLines(logging.Filter):
    """Cut the path-with-query argument of uvicorn's access records (client, method, path, version, status)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str):
            record.args = (*args[:2], shorten(args[2]), *args[3:])
        return True


def log_config() -> dict[str, Any]:
    """uvicorn's logging configuration, with :class:`ShortRequestLines` on its access logger."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["short_request_lines"] = {"()": f"{__name__}.ShortRequestLines"}
    config["loggers"][ACCESS_LOGGER]["filters"] = ["short_request_lines"]
    return config
