"""A pool of worker processes that run SPARQL queries, so that a query past its time can be stopped.

pyoxigraph cannot cancel a running query: an aggregate or an ORDER BY over a cartesian product is computed
inside one call that only returns when it is done (and it releases the GIL, so threads stay responsive, but
the CPU and memory stay taken). Each worker here loads its own copy of the store once, at start; a query
is sent to an idle worker with its remaining time. The worker checks the clock itself while it reads
rows; when a single call overruns, the pool kills the worker at the deadline (plus a short grace), answers
:class:`QueryTimeoutError`, and starts a replacement in the background.

Each worker is also, where the kernel allows it, cut off the network (a new user and network namespace:
no interface but a loopback that is down), so that even a query that slipped past the SERVICE check could
fetch nothing; and its address space is capped, so that a runaway sort ends the worker, not the machine.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import queue
import resource
import signal
import threading
import time
from dataclasses import dataclass
from datetime import date
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from itut_kb import query_limits
from itut_kb.config import Settings
from itut_kb.errors import ItutKbError, QueryTimeoutError, ServiceUnavailableError
from itut_kb.living.states import StateKey
from itut_kb.sparql import QueryAnswer, QueryRequest, execute

log = logging.getLogger("itut_kb.workers")

GRACE_S = 0.25  # how long past its deadline the pool waits for a worker's own timeout answer
START_TIMEOUT_S = 120.0
_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000


@dataclass(frozen=True)
class WorkerConfig:
    root: Path
    max_rows: int
    memory_mb: int
    sandbox: bool
    store_dir: Path | None = None  # the living KB's change log, read to build the state a query asks for


# ---------------------------------------------------------------------------------------- in the worker
def _sandbox() -> bool:
    """Enter a new user + network namespace (no network); False where the kernel refuses."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET)) == 0
    except (OSError, AttributeError):
        return False


def _cap_memory(extra_mb: int) -> None:
    """Cap the address space at what the loaded store uses plus ``extra_mb``."""
    if extra_mb <= 0:
        return
    with open(f"/proc/{os.getpid()}/statm", encoding="ascii") as statm:
        current = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    limit = current + extra_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def serve(conn: Connection, config: WorkerConfig) -> None:
    """The worker's loop: load the store, say ready, then answer (request, seconds) jobs until None."""
    from itut_kb.services import Services

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the parent stops us
    sandboxed = _sandbox() if config.sandbox else False  # first: unshare needs a single-threaded process
    history = Services(Settings(root=config.root, store_dir=config.store_dir, state_cache=2)).history
    kb = history.baseline
    try:
        _cap_memory(config.memory_mb)
    except (OSError, ValueError):
        log.warning("could not cap the memory of query worker %d", os.getpid())
    conn.send(("ready", {"pid": os.getpid(), "sandboxed": sandboxed, "triples": len(kb)}))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        request, seconds = job
        try:
            store = history.kb(StateKey(request.state, 0, date.max)).store
            answer = execute(store, request, max_rows=config.max_rows, deadline=time.monotonic() + seconds)
            conn.send(("ok", answer))
        except ItutKbError as exc:
            conn.send(("error", (type(exc).__name__, exc.message)))
        except Exception:
            log.exception("query worker %d failed on a query", os.getpid())
            conn.send(("error", ("ServiceUnavailableError", "The query failed inside the server.")))


# ---------------------------------------------------------------------------------------- in the server
def _error(name: str, message: str) -> ItutKbError:
    from itut_kb import errors

    cls = getattr(errors, name, None)
    if isinstance(cls, type) and issubclass(cls, ItutKbError):
        return cls(message)
    return ServiceUnavailableError(message)


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    info: dict[str, Any]


class QueryPool:
    """Worker processes answering :class:`QueryRequest` under the settings' timeout and row cap."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.size = max(1, settings.sparql_workers)
        self.timeout_s = settings.query_timeout_s
        self.limits = query_limits.QueryLimits.of(settings)
        self._config = WorkerConfig(
            settings.root,
            settings.max_result_rows,
            settings.worker_memory_mb,
            settings.worker_sandbox,
            settings.store_dir,
        )
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: set[int] = set()  # pids of live workers
        self._infos: dict[int, dict[str, Any]] = {}
        self._lock = threading.Lock()
        self._started = False
        self._closed = False
        self.restarts = 0
        # Each query holds a server thread while it waits for a worker; past this many, refuse at once
        # rather than let slow queries take every thread of the pool the lookups also run in.
        self.max_in_flight = max(16, self.size * 8)
        self._in_flight = threading.BoundedSemaphore(self.max_in_flight)

    # ---------------------------------------------------------------- life cycle
    def start(self) -> None:
        """Start the workers in the background; queries wait for the first one that is ready."""
        with self._lock:
            if self._started or self._closed:
                return
            self._started = True
        for _ in range(self.size):
            self._spawn_in_background()

    def wait_ready(self, timeout: float = START_TIMEOUT_S) -> bool:
        """Block until every worker is ready (for tests and benchmarks)."""
        self.start()
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self._idle.qsize() >= self.size:
                return True
            time.sleep(0.02)
        return False

    def close(self) -> None:
        with self._lock:
            self._closed = True
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                break
            self._stop(worker)

    def status(self) -> dict[str, Any]:
        with self._lock:
            infos = list(self._infos.values())
        return {
            "workers": self.size,
            "ready": len(infos),
            "idle": self._idle.qsize(),
            "sandboxed": bool(infos) and all(i.get("sandboxed") for i in infos),
            "restarts": self.restarts,
            "timeout_s": self.timeout_s,
            "max_rows": self._config.max_rows,
        }

    def _spawn_in_background(self) -> None:
        threading.Thread(target=self._spawn, name="itut-kb-worker-start", daemon=True).start()

    def _spawn(self) -> None:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=serve, args=(child, self._config), name="itut-kb-sparql", daemon=True
        )
        process.start()
        child.close()
        try:
            ready = parent.poll(START_TIMEOUT_S)
            message = parent.recv() if ready else None
        except (EOFError, OSError):
            message = None
        if not message or message[0] != "ready":
            log.error("a SPARQL query worker failed to start")
            process.kill()
            process.join()
            return
        worker = _Worker(process, parent, message[1])
        with self._lock:
            closed = self._closed
            if not closed and process.pid is not None:
                self._infos[process.pid] = worker.info
        if closed:
            self._stop(worker)
            return
        log.info("SPARQL query worker %s ready (sandboxed: %s)", process.pid, worker.info["sandboxed"])
        self._idle.put(worker)

    def _stop(self, worker: _Worker, kill: bool = False) -> None:
        with self._lock:
            if worker.process.pid is not None:
                self._infos.pop(worker.process.pid, None)
        if not kill:
            try:
                worker.conn.send(None)
            except OSError:
                kill = True
            worker.process.join(timeout=1.0)
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=5.0)
        worker.conn.close()

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and start another in its place, without making the caller wait."""
        self.restarts += 1

        def run() -> None:
            self._stop(worker, kill=True)
            with self._lock:
                closed = self._closed
            if not closed:
                self._spawn()

        threading.Thread(target=run, name="itut-kb-worker-restart", daemon=True).start()

    # ---------------------------------------------------------------- queries
    def query(self, request: QueryRequest, timeout_s: float | None = None) -> QueryAnswer:
        """Answer ``request`` in a worker; blocks the calling thread (never the event loop) until then.

        A query past the size and depth limits is refused here (QueryLimitError, 400), before it reaches a
        worker: deep enough, it would crash the worker's parser (see :mod:`itut_kb.query_limits`).
        """
        query_limits.check(request.query, self.limits)
        self.start()
        if not self._in_flight.acquire(blocking=False):
            raise ServiceUnavailableError(
                f"{self.max_in_flight} queries are already running or waiting; retry shortly."
            )
        try:
            return self._query(request, self.timeout_s if timeout_s is None else timeout_s)
        finally:
            self._in_flight.release()

    def _query(self, request: QueryRequest, timeout: float) -> QueryAnswer:
        deadline = time.monotonic() + timeout
        worker = self._acquire(deadline)
        remaining = max(deadline - time.monotonic(), 0.001)
        try:
            worker.conn.send((request, remaining))
            answered = worker.conn.poll(remaining + GRACE_S)
            reply = worker.conn.recv() if answered else None
        except (EOFError, OSError):
            self._replace(worker)
            raise ServiceUnavailableError(
                "The query stopped its worker process (it probably needed more memory than the server "
                "allows); the worker is being replaced."
            ) from None
        if reply is None:
            self._replace(worker)
            raise QueryTimeoutError(
                f"The query ran past the server's time limit of {timeout:g} s and was stopped."
            )
        self._idle.put(worker)
        kind, payload = reply
        if kind == "ok":
            answer: QueryAnswer = payload
            return answer
        raise _error(*payload)

    def _acquire(self, deadline: float) -> _Worker:
        while True:
            try:
                worker = self._idle.get(timeout=max(deadline - time.monotonic(), 0.0))
            except queue.Empty:
                raise ServiceUnavailableError(
                    f"All {self.size} query workers stayed busy until the time limit; retry shortly."
                ) from None
            if worker.process.is_alive():
                return worker
            self._replace(worker)
