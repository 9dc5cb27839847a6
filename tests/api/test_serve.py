"""`itut-kb serve` starts within seconds on the given port; CORS, when configured, is without credentials."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from liveserver import ROOT, start_server

from itut_kb.config import Settings


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_command_is_ready_within_seconds(tmp_path: Path) -> None:
    port = _free_port()
    exe = Path(sys.executable).with_name("itut-kb")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "itut_kb.cli"]
    env = {**os.environ, "ITUT_KB_ROOT": str(ROOT)}
    started = time.monotonic()
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [*command, "serve", "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    try:
        ready = None
        while time.monotonic() - started < 20:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1)
                if health.status_code == 200 and health.json()["sparql"]["ready"] >= 1:
                    ready = time.monotonic() - started
                    break
            except httpx.TransportError:
                pass
            assert process.poll() is None, (tmp_path / "serve.log").read_text()
            time.sleep(0.1)
        assert ready is not None, "not ready within 20 s"
        assert ready < 8, ready
        answer = httpx.get(f"http://127.0.0.1:{port}/sparql", params={"query": "ASK { ?s ?p ?o }"})
        assert answer.status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=15)
        log.close()


@pytest.fixture(scope="module")
def cors_url() -> object:
    settings = Settings(root=ROOT, sparql_workers=1, cors_origins=("https://app.example.org",))
    with start_server(settings) as server:
        yield server.url


def test_cors_when_configured(cors_url: str) -> None:
    origin = {"origin": "https://app.example.org"}
    preflight = httpx.options(
        cors_url + "/sparql",
        headers={
            **origin,
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "https://app.example.org"
    assert "access-control-allow-credentials" not in preflight.headers
    answer = httpx.get(cors_url + "/sparql", params={"query": "ASK {}"}, headers=origin)
    assert answer.headers["access-control-allow-origin"] == "https://app.example.org"
    assert "x-result-rows" in answer.headers["access-control-expose-headers"].lower()
    other = httpx.get(
        cors_url + "/sparql", params={"query": "ASK {}"}, headers={"origin": "https://evil.example"}
    )
    assert "access-control-allow-origin" not in other.headers
