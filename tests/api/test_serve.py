"""`itut-kb serve` becomes ready on the given port and answers, with short access-log lines; CORS, when
configured, is without credentials.

No test here times anything: how long start-up takes depends on how busy the machine is (see
bench/server.py for the figures); the waits only bound a hang.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from itut_kb.api.app import create_app
from itut_kb.config import Settings
from itut_kb.services import Services
from liveserver import HANG_S, ROOT, wait_until


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _ready(client: httpx.Client) -> bool:
    try:
        health = client.get("/api/health")
    except httpx.TransportError:
        return False
    return health.status_code == 200 and health.json()["sparql"]["ready"] >= 1


@pytest.mark.slow  # a whole server process, KB and worker included
def test_serve_command_becomes_ready_answers_and_logs_short_lines(tmp_path: Path) -> None:
    """The process boundary: the console script, its settings from the environment, uvicorn's logging."""
    url = f"http://127.0.0.1:{_free_port()}"
    exe = Path(sys.executable).with_name("itut-kb")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "itut_kb.cli"]
    env = {**os.environ, "ITUT_KB_ROOT": str(ROOT)}
    log_path = tmp_path / "serve.log"
    # one client for every request: each new httpx client loads the CA bundle (a tenth of a second)
    with log_path.open("w") as log, httpx.Client(base_url=url, timeout=HANG_S) as client:
        process = subprocess.Popen(
            [*command, "serve", "--host", "127.0.0.1", "--port", url.rsplit(":", 1)[1], "--workers", "1"],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        try:
            wait_until(lambda: process.poll() is not None or _ready(client), "`itut-kb serve` being ready")
            assert process.poll() is None, log_path.read_text()
            answer = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
            assert answer.status_code == 200
            hostile = "SELECT * WHERE " + "{" * 3_000 + " ?s ?p ?o " + "}" * 3_000
            refused = client.get("/sparql", params={"query": hostile})
            assert refused.status_code == 400
        finally:
            process.terminate()
            process.wait(timeout=HANG_S)
    lines = log_path.read_text().splitlines()
    (logged,) = [line for line in lines if "GET /sparql?query=SELECT" in line]
    assert "more chars]" in logged
    assert len(logged) < 400  # the request line was 18 KB
    assert logged.endswith("400 Bad Request")
    assert any('"GET /sparql?query=ASK' in line and line.endswith("200 OK") for line in lines)


def test_cors_when_configured(services: Services) -> None:
    """CORS is middleware: an app over the session's services shows it without worker processes."""
    settings = Settings(root=ROOT, cors_origins=("https://app.example.org",))
    client = TestClient(create_app(settings, services=services))
    origin = {"origin": "https://app.example.org"}
    preflight = client.options(
        "/sparql",
        headers={
            **origin,
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "https://app.example.org"
    assert "access-control-allow-credentials" not in preflight.headers
    answer = client.get("/api/resolutions/2", headers=origin)
    assert answer.status_code == 200
    assert answer.headers["access-control-allow-origin"] == "https://app.example.org"
    assert "x-result-rows" in answer.headers["access-control-expose-headers"].lower()
    other = client.get("/api/resolutions/2", headers={"origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers
