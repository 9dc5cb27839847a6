"""A pool of worker processes that run SPARQL queries, so that a query past its time can be stopped.

pyoxigraph cannot cancel a running query: an aggregate or an ORDER BY over a cartesian product is computed
inside one call that only returns when it is done (and it releases the GIL, so threads stay responsive, but
the CPU and memory stay taken). So user SPARQL runs in worker processes (:mod:`itut_kb.zygote`: forked
from one process that loaded the store once, cut off the network, at a lower CPU priority, each with its
address space capped); a query is sent to an idle worker with its remaining time. The worker checks the
clock itself while it reads rows; when a single call overruns, the pool kills the worker at the deadline
(plus a short grace), answers :class:`QueryTimeoutError`, and forks a replacement.

The HTTP server awaits a worker's answer on its event loop (:meth:`QueryPool.answer`: no thread waits);
:meth:`QueryPool.query` is the same for synchronous callers. The pool starts in the background: until the
zygote is ready, queries wait for a worker (up to their time limit) while everything else is answered.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from concurrent.futures import Future
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from itut_kb import query_limits
from itut_kb.config import Settings
from itut_kb.errors import ItutKbError, QueryTimeoutError, ServiceUnavailableError
from itut_kb.sparql import QueryAnswer, QueryRequest
from itut_kb.zygote import WorkerConfig, fork_worker, zygote

log = logging.getLogger("itut_kb.workers")

GRACE_S = 0.25  # how long past its deadline the pool waits for a worker's own timeout answer
START_TIMEOUT_S = 120.0


def _error(name: str, message: str) -> ItutKbError:
    from itut_kb import errors

    cls = getattr(errors, name, None)
    if isinstance(cls, type) and issubclass(cls, ItutKbError):
        return cls(message)
    return ServiceUnavailableError(message)


@dataclass
class _Worker:
    pid: int
    conn: Connection
    info: dict[str, Any] = field(default_factory=dict)

    def alive(self) -> bool:
        """An idle worker never writes: a readable socket means it is gone."""
        try:
            return not self.conn.poll(0)
        except (OSError, EOFError):
            return False

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        self.conn.close()


class _Idle:
    """Idle workers, and the callers waiting for one (threads or coroutines alike): first come, first served."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._workers: deque[_Worker] = deque()
        self._waiters: deque[Future[_Worker]] = deque()

    def __len__(self) -> int:
        return len(self._workers)

    def put(self, worker: _Worker) -> None:
        with self._lock:
            while self._waiters:
                waiter = self._waiters.popleft()
                if waiter.set_running_or_notify_cancel():
                    waiter.set_result(worker)
                    return
            self._workers.append(worker)

    def take(self) -> _Worker | None:
        with self._lock:
            return self._workers.popleft() if self._workers else None

    def wait(self) -> Future[_Worker]:
        """A future that gets the next idle worker (cancel it to stop waiting)."""
        future: Future[_Worker] = Future()
        with self._lock:
            if self._workers:
                future.set_result(self._workers.popleft())
            else:
                self._waiters.append(future)
        return future

    def give_up(self, future: Future[_Worker]) -> None:
        """Stop waiting; a worker handed over in the meantime goes back."""
        if not future.cancel():  # handed over already (or being: ``put`` sets it under its lock)
            self.put(future.result())


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
        self._idle = _Idle()
        self._live: dict[int, _Worker] = {}  # every worker, idle or busy, by pid
        self._lock = threading.Lock()
        self._zygote_lock = threading.Lock()  # one fork request at a time
        self._zygote: tuple[BaseProcess, Connection] | None = None
        self._started = False
        self._closed = False
        self.restarts = 0
        # Past this many queries running or waiting, refuse at once rather than queue without end.
        self.max_in_flight = max(16, self.size * 8)
        self._in_flight = 0

    # ---------------------------------------------------------------- life cycle
    def start(self) -> None:
        """Start the zygote and the workers in the background; queries wait for the first ready worker."""
        with self._lock:
            if self._started or self._closed:
                return
            self._started = True
        threading.Thread(target=self._start_all, name="itut-kb-workers-start", daemon=True).start()

    def _start_all(self) -> None:
        for _ in range(self.size):
            self._fork()

    def wait_ready(self, timeout: float = START_TIMEOUT_S) -> bool:
        """Block until every worker is ready (for tests and benchmarks)."""
        self.start()
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if len(self._idle) >= self.size:
                return True
            time.sleep(0.02)
        return False

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._live.values())
            self._live.clear()
            zygote_process = self._zygote
            self._zygote = None
        for worker in workers:
            worker.kill()
        if zygote_process is not None:
            process, conn = zygote_process
            with contextlib.suppress(OSError):
                conn.send(None)
            process.join(timeout=2.0)
            if process.is_alive():
                process.kill()
                process.join(timeout=5.0)
            conn.close()

    def status(self) -> dict[str, Any]:
        with self._lock:
            infos = [w.info for w in self._live.values()]
        return {
            "workers": self.size,
            "ready": len(infos),
            "idle": len(self._idle),
            "sandboxed": bool(infos) and all(i.get("sandboxed") for i in infos),
            "restarts": self.restarts,
            "timeout_s": self.timeout_s,
            "max_rows": self._config.max_rows,
        }

    def pids(self) -> list[int]:
        """The zygote's and the workers' process ids."""
        with self._lock:
            zygote_pid = [self._zygote[0].pid] if self._zygote and self._zygote[0].pid else []
            return zygote_pid + list(self._live)

    # ---------------------------------------------------------------- the zygote and its workers
    def _zygote_conn(self) -> Connection | None:
        """The zygote's control connection, spawning it (and waiting until it has loaded) if needed."""
        with self._lock:
            if self._closed:
                return None
            if self._zygote is not None and self._zygote[0].is_alive():
                return self._zygote[1]
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=zygote, args=(child, self._config), name="itut-kb-sparql-zygote", daemon=True
        )
        process.start()
        child.close()
        try:
            message = parent.recv() if parent.poll(START_TIMEOUT_S) else None
        except (EOFError, OSError):
            message = None
        if not message or message[0] != "ready":
            log.error("the SPARQL zygote failed to start")
            process.kill()
            process.join()
            return None
        log.info("SPARQL zygote %s ready (sandboxed: %s)", process.pid, message[1]["sandboxed"])
        with self._lock:
            old, self._zygote = self._zygote, (process, parent)
            closed = self._closed
        if old is not None:
            old[1].close()
        if closed:
            parent.send(None)
            return None
        return parent

    def _fork(self) -> None:
        """Fork one worker from the zygote and put it with the idle ones once it says ready."""
        with self._zygote_lock:
            for _attempt in range(2):  # a dead zygote is started again once
                conn = self._zygote_conn()
                if conn is None:
                    return
                try:
                    pid, worker_conn = fork_worker(conn)
                    break
                except (OSError, EOFError):
                    with self._lock:
                        dead = self._zygote if self._zygote is not None and self._zygote[1] is conn else None
                    if dead is not None:
                        dead[0].kill()
                        dead[0].join(timeout=5.0)
            else:
                log.error("could not fork a SPARQL worker")
                return
        worker = _Worker(pid, worker_conn)
        try:
            message = worker_conn.recv() if worker_conn.poll(START_TIMEOUT_S) else None
        except (EOFError, OSError):
            message = None
        if not message or message[0] != "ready":
            log.error("SPARQL worker %d failed to start", pid)
            worker.kill()
            return
        worker.info = message[1]
        with self._lock:
            closed = self._closed
            if not closed:
                self._live[pid] = worker
        if closed:
            worker.kill()
            return
        self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and fork another in its place, without making the caller wait."""
        self.restarts += 1
        with self._lock:
            self._live.pop(worker.pid, None)
        worker.kill()
        threading.Thread(target=self._fork, name="itut-kb-worker-restart", daemon=True).start()

    # ---------------------------------------------------------------- queries
    def _enter(self, request: QueryRequest) -> None:
        """Take a place among the queries in flight. A query past the size and depth limits is refused here
        (QueryLimitError, 400), before it reaches a worker: deep enough, it would crash the worker's parser
        (see :mod:`itut_kb.query_limits`)."""
        query_limits.check(request.query, self.limits)
        self.start()
        with self._lock:
            if self._in_flight >= self.max_in_flight:
                raise ServiceUnavailableError(
                    f"{self.max_in_flight} queries are already running or waiting; retry shortly."
                )
            self._in_flight += 1

    def _leave(self) -> None:
        with self._lock:
            self._in_flight -= 1

    def _busy(self) -> ServiceUnavailableError:
        return ServiceUnavailableError(
            f"All {self.size} query workers stayed busy until the time limit; retry shortly."
        )

    def _settle(self, worker: _Worker, reply: Any, timeout: float) -> QueryAnswer:
        """The answer of ``reply`` (None: the worker overran; EOF: it died), the worker back or replaced."""
        if reply is None:
            self._replace(worker)
            raise QueryTimeoutError(
                f"The query ran past the server's time limit of {timeout:g} s and was stopped."
            )
        if reply is EOFError:
            self._replace(worker)
            raise ServiceUnavailableError(
                "The query stopped its worker process (it probably needed more memory than the server "
                "allows); the worker is being replaced."
            )
        self._idle.put(worker)
        kind, payload = reply
        if kind == "ok":
            answer: QueryAnswer = payload
            return answer
        raise _error(*payload)

    async def _idle_worker(self, deadline: float) -> _Worker:
        """The next idle worker, awaited on the event loop until ``deadline``."""
        waiting = self._idle.wait()
        try:
            return await asyncio.wait_for(asyncio.wrap_future(waiting), max(deadline - time.monotonic(), 0))
        except TimeoutError:
            self._idle.give_up(waiting)
            raise self._busy() from None
        except asyncio.CancelledError:
            self._idle.give_up(waiting)
            raise

    async def answer(self, request: QueryRequest, timeout_s: float | None = None) -> QueryAnswer:
        """Answer ``request`` in a worker, awaiting it on the event loop (no thread waits)."""
        timeout = self.timeout_s if timeout_s is None else timeout_s
        self._enter(request)
        try:
            deadline = time.monotonic() + timeout
            worker = await self._idle_worker(deadline)
            while not worker.alive():
                self._replace(worker)
                worker = await self._idle_worker(deadline)
            remaining = max(deadline - time.monotonic(), 0.001)
            try:
                worker.conn.send((request, remaining))
                reply = await self._reply(worker, remaining + GRACE_S)
            except (EOFError, OSError):
                reply = EOFError
            except asyncio.CancelledError:
                self._replace(worker)  # the client went away: its query must not keep the worker
                raise
            return self._settle(worker, reply, timeout)
        finally:
            self._leave()

    async def _reply(self, worker: _Worker, seconds: float) -> Any:
        loop = asyncio.get_running_loop()
        readable: asyncio.Future[None] = loop.create_future()
        fd = worker.conn.fileno()

        def ready() -> None:
            if not readable.done():
                readable.set_result(None)

        loop.add_reader(fd, ready)
        try:
            await asyncio.wait_for(readable, seconds)
        except TimeoutError:
            return None
        finally:
            loop.remove_reader(fd)
            os.set_blocking(fd, True)  # the loop's poller made it non-blocking; the message is read whole
        try:
            return worker.conn.recv()
        except (EOFError, OSError):
            return EOFError

    def query(self, request: QueryRequest, timeout_s: float | None = None) -> QueryAnswer:
        """Answer ``request`` in a worker; blocks the calling thread (for synchronous callers)."""
        timeout = self.timeout_s if timeout_s is None else timeout_s
        self._enter(request)
        try:
            deadline = time.monotonic() + timeout
            while True:
                waiting = self._idle.wait()
                try:
                    worker = waiting.result(timeout=max(deadline - time.monotonic(), 0))
                except TimeoutError:
                    self._idle.give_up(waiting)
                    raise self._busy() from None
                if worker.alive():
                    break
                self._replace(worker)
            remaining = max(deadline - time.monotonic(), 0.001)
            try:
                worker.conn.send((request, remaining))
                reply = worker.conn.recv() if worker.conn.poll(remaining + GRACE_S) else None
            except (EOFError, OSError):
                reply = EOFError
            return self._settle(worker, reply, timeout)
        finally:
            self._leave()
