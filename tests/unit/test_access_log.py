"""The access log of `itut-kb serve` cuts long request lines (a query string can be many kilobytes)."""

from __future__ import annotations

import importlib
import logging

from itut_kb.api.access_log import ACCESS_LOGGER, MAX_CHARS, ShortRequestLines, log_config, shorten


def _record(path: str) -> logging.LogRecord:
    """A record as uvicorn's HTTP protocol makes it."""
    return logging.LogRecord(
        ACCESS_LOGGER, logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", path, "1.1", 400), None,
    )  # fmt: skip


def test_a_long_request_line_is_cut_with_a_marker() -> None:
    path = "/sparql?query=" + "%7B" * 2_000
    record = _record(path)
    assert ShortRequestLines().filter(record)
    line = record.getMessage()
    assert len(line) < MAX_CHARS + 80
    assert line.endswith(f'…[{len(path) - MAX_CHARS:,} more chars] HTTP/1.1" 400')
    assert path[:MAX_CHARS] in line


def test_a_short_request_line_is_left_alone() -> None:
    record = _record("/api/health")
    assert ShortRequestLines().filter(record)
    assert record.getMessage() == '127.0.0.1:5000 - "GET /api/health HTTP/1.1" 400'
    assert shorten("x" * MAX_CHARS) == "x" * MAX_CHARS


def test_serve_installs_the_filter_on_uvicorns_access_logger() -> None:
    """(tests/api/test_serve.py reads the log of a real `itut-kb serve`.)"""
    config = log_config()
    (name,) = config["loggers"][ACCESS_LOGGER]["filters"]
    module, _, cls = config["filters"][name]["()"].rpartition(".")
    assert getattr(importlib.import_module(module), cls) is ShortRequestLines
    assert config["handlers"]["access"]["stream"] == "ext://sys.stdout"  # uvicorn's own otherwise
