"""A live server on 127.0.0.1 for the HTTP tests: uvicorn in a thread, real sockets, real worker processes.

The session's server has a short query time limit (so that the timeout test is quick) and a small row
cap; ``start_server`` starts others with their own settings (CORS).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from itut_kb.api.app import create_app
from itut_kb.config import Settings

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_S = 1.5
MAX_ROWS = 500


@dataclass(frozen=True)
class Live:
    url: str
    app: FastAPI
    started_in_s: float

    @property
    def sparql(self) -> str:
        return self.url + "/sparql"


@contextmanager
def start_server(settings: Settings, wait_for_workers: bool = True) -> Iterator[Live]:
    """Serve ``create_app(settings)`` on a free loopback port until the block ends (once its SPARQL
    workers are ready, unless ``wait_for_workers`` is False)."""
    started = time.monotonic()
    app = create_app(settings)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive(), "the server thread stopped during start-up"
        assert time.monotonic() < deadline, "the server did not start within 30 s"
        time.sleep(0.02)
    if wait_for_workers:
        assert app.state.services.sparql.wait_ready(60), "the SPARQL workers did not start"
    try:
        yield Live(f"http://127.0.0.1:{port}", app, time.monotonic() - started)
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()
