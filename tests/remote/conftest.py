"""One Oxigraph server (the `oxigraph` wheel's binary) for the whole session, on 127.0.0.1, in a temporary
directory; the KB published to it once. Tests that write use a graph namespace of their own
(``--graph-base``), so that they never disturb the published KB the comparisons read.

Skipped, with the reason, only where the binary cannot run.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from itut_kb.config import Settings
from itut_kb.remote.client import Endpoints, SparqlClient, reachable
from itut_kb.remote.layout import Names
from itut_kb.remote.publish import Published, publish
from itut_kb.services import Services

ROOT = Path(__file__).resolve().parents[2]
ENGINE_TIMEOUT_S = 5


@dataclass(frozen=True)
class Server:
    base: str
    endpoints: Endpoints

    def settings(self, **extra: object) -> Settings:
        values: dict[str, object] = {
            "root": ROOT,
            "store": "sparql",
            "query_url": self.endpoints.query,
            "update_url": self.endpoints.update,
            "store_url": self.endpoints.store,
            **extra,
        }
        return Settings(**values)  # type: ignore[arg-type]


def _binary() -> str | None:
    here = Path(sys.executable).parent / "oxigraph"
    return str(here) if here.is_file() else shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    binary = _binary()
    if binary is None:
        pytest.skip(
            "the oxigraph server binary is not installed (pip install oxigraph: the test extras have it)"
        )
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    location = tmp_path_factory.mktemp("oxigraph")
    log = (location / "server.log").open("wb")
    process = subprocess.Popen(
        [
            binary,
            "serve",
            "--location",
            str(location / "db"),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout-s",
            str(ENGINE_TIMEOUT_S),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        end = time.monotonic() + 30
        while not reachable(base) and time.monotonic() < end and process.poll() is None:
            time.sleep(0.05)
        if process.poll() is not None or not reachable(base):
            pytest.skip(
                f"the oxigraph server binary cannot run here: {(location / 'server.log').read_text()[:300]}"
            )
        yield Server(base, Endpoints(f"{base}/query", f"{base}/update", f"{base}/store"))
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="session")
def embedded() -> Services:
    """The embedded store over the real KB (the reference answers)."""
    return Services(Settings(root=ROOT))


@pytest.fixture(scope="session")
def published(oxigraph: Server, embedded: Services) -> Published:
    """The KB published to the server (the default graph namespace), once."""
    client = SparqlClient(oxigraph.endpoints)
    return publish(client, Names(), embedded.history, None)


@pytest.fixture(scope="session")
def remote(oxigraph: Server, published: Published, embedded: Services) -> Services:
    """Services over the published KB, read-only (no update endpoint), sharing the embedded baseline."""
    services = Services(oxigraph.settings(update_url=None))
    services.__dict__["history"] = _history_over(services, embedded)
    return services


def _history_over(services: Services, template: Services):  # type: ignore[no-untyped-def]
    """A history for ``services`` that shares the template's loaded baseline and rules (loaded once)."""
    from itut_kb.living.states import History

    base = template.history
    history = History(base.baseline, services.change_log, base.rules, cache_size=4)
    if services.remote is not None:
        services.remote.attach(history)
    return history
