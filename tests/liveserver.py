"""A live server on 127.0.0.1 for the HTTP tests: uvicorn in a thread, real sockets, real worker processes.

The session's server (``live`` in tests/conftest.py) has a short query time limit (so that the timeout
tests are quick), a small row cap, body limit and query size limit; ``start_server`` starts others with
their own settings. Every wait here only bounds a hang (:data:`HANG_S`): on a busy machine start-up may
take many times longer than on an idle one, and that is not a failure.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from itut_kb.api.app import create_app
from itut_kb.config import Settings

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT_S = 3.0
MAX_ROWS = 500
MAX_BODY_BYTES = 20_000
MAX_QUERY_BYTES = 10_000
WORKER_MEMORY_MB = 200  # a runaway sort reaches it in a fraction of a second; no test query comes near
HANG_S = 180.0  # longer than anything takes on a busy machine; only a hang reaches it


@dataclass(frozen=True)
class Live:
    url: str
    app: FastAPI

    @property
    def sparql(self) -> str:
        return self.url + "/sparql"

    @property
    def restarts(self) -> int:
        """How many query workers the pool has replaced (killed at a time limit, or dead) so far."""
        return int(self.app.state.services.sparql.restarts)

    def wait_ready(self) -> None:
        """Block until every query worker is up again (after a test that killed one)."""
        assert self.app.state.services.sparql.wait_ready(HANG_S), "the SPARQL workers did not come back"


def wait_until(condition: Callable[[], object], what: str, step: float = 0.05) -> None:
    """Poll ``condition()`` until it is true; fail only if it is still false after about :data:`HANG_S`."""
    for _ in range(int(HANG_S / step)):
        if condition():
            return
        time.sleep(step)
    raise AssertionError(f"{what} did not happen within {HANG_S:g} s")


@contextmanager
def start_server(settings: Settings, wait_for_workers: bool = True) -> Iterator[Live]:
    """Serve ``create_app(settings)`` on a free loopback port until the block ends (once its SPARQL
    workers are ready, unless ``wait_for_workers`` is False)."""
    app = create_app(settings)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    wait_until(lambda: server.started or not thread.is_alive(), "the server's start")
    assert thread.is_alive(), "the server thread stopped during start-up"
    live = Live(f"http://127.0.0.1:{port}", app)
    if wait_for_workers:
        live.wait_ready()
    try:
        yield live
    finally:
        server.should_exit = True
        thread.join(timeout=HANG_S)
        sock.close()
