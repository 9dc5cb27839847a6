"""Nothing accepted is lost, nothing else is half-applied: the server is killed (SIGKILL, the whole process
group) at random moments while two clients post changes, then restarted, again and again; at the end every
change answered 201 is in the log and in the KB, none answered 4xx is, and the versions have no gaps.

Bounded: CYCLES kill cycles, each killing the server a random moment after its first accepted change (so
that every cycle kills a server that is taking writes, however slow the machine); about 20 s in all on an idle
machine. The waits only bound a hang.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from itut_kb.living.changelog import ChangeLog
from itut_kb.living.tokens import Tokens

ROOT = Path(__file__).resolve().parents[2]
CYCLES = 3
START_LIMIT_S = 120.0  # bounds a hang only: a busy machine may take long to start the server
FIRST_WRITE_LIMIT_S = 120.0  # likewise for the first accepted change of a cycle


@dataclass
class Outcomes:
    accepted: set[str] = field(default_factory=set)  # answered 201
    first_accepted: threading.Event = field(default_factory=threading.Event)
    refused: set[str] = field(default_factory=set)  # answered 4xx
    unknown: set[str] = field(default_factory=set)  # no answer: the server died during the request
    lock: threading.Lock = field(default_factory=threading.Lock)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def _server(store: Path) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "ITUT_KB_SPARQL_WORKERS": "1"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "itut_kb.cli",
            "serve",
            "--store-dir",
            str(store),
            "--port",
            str(port),
            "--no-access-log",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_LIMIT_S
        while True:
            assert process.poll() is None, "the server exited during start-up"
            assert time.monotonic() < deadline, "the server did not start (a hang, not slowness)"
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(url + "/api/health", timeout=2).status_code == 200:
                    break
            time.sleep(0.1)
        yield url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


def _doc(change_id: str, number: str) -> dict[str, object]:
    return {
        "id": change_id,
        "kind": "question-approved",
        "effective": "2025-09-05",
        "authority": {"body": "SG17", "document": "SG17-R12"},
        "data": {"study_group": "SG17", "id": number, "title_zh": f"课题{number}"},
    }


def _client(
    url: str, token: str, name: str, numbers: Iterator[int], out: Outcomes, stop: threading.Event
) -> None:
    rng = random.Random(name)
    with httpx.Client(base_url=url, timeout=30, headers={"Authorization": f"Bearer {token}"}) as http:
        while not stop.is_set():
            if rng.random() < 0.2:  # a change the gate refuses: Question 1/17 exists
                change_id, number = f"{name}-bad-{rng.randrange(10**9)}", "1/17"
            else:
                with out.lock:
                    n = next(numbers, None)
                if n is None:
                    return
                change_id, number = f"{name}-{n}", f"{n}/17"
            try:
                response = http.post("/api/changes", json=_doc(change_id, number))
            except httpx.HTTPError:
                with out.lock:
                    out.unknown.add(change_id)
                return  # the server is gone: this cycle is over for this client
            with out.lock:
                if response.status_code == 201:
                    out.accepted.add(change_id)
                    out.first_accepted.set()
                elif 400 <= response.status_code < 500:
                    out.refused.add(change_id)
                else:
                    out.unknown.add(change_id)


def test_killed_at_random_moments_nothing_accepted_is_lost(tmp_path: Path) -> None:
    store = tmp_path / "store"
    token = Tokens(ChangeLog(store)).create("writer", "editor")
    out = Outcomes()
    numbers = iter(range(30, 100))
    rng = random.Random(20241024)
    for cycle in range(CYCLES):
        with _server(store) as url:
            stop = threading.Event()
            out.first_accepted.clear()
            clients = [
                threading.Thread(target=_client, args=(url, token, f"c{cycle}{k}", numbers, out, stop))
                for k in range(2)
            ]
            for thread in clients:
                thread.start()
            assert out.first_accepted.wait(FIRST_WRITE_LIMIT_S), (
                "no change was accepted (a hang, not slowness)"
            )
            time.sleep(rng.uniform(0.1, 1.5))
        # the server and its process group are killed here, mid-request for some clients
        stop.set()
        for thread in clients:
            thread.join(timeout=60)
    print(
        f"{CYCLES} cycles: {len(out.accepted)} accepted, {len(out.refused)} refused, {len(out.unknown)} unanswered"
    )

    with _server(store) as url, httpx.Client(base_url=url, timeout=30) as http:
        items = http.get("/api/changes", params={"limit": 1000}).json()["items"]
        present = {c["id"] for c in items}
        assert [c["version"] for c in items] == list(range(1, len(items) + 1))
        assert out.accepted <= present, f"lost: {sorted(out.accepted - present)}"
        assert not (out.refused & present)
        assert present <= out.accepted | out.unknown
        for change_id in sorted(present):  # each change present is whole: its Question is in the KB
            number = change_id.rsplit("-", 1)[1]
            assert http.get(f"/api/questions/{number}-17").status_code == 200, change_id
