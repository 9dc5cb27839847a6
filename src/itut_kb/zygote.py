"""The SPARQL worker processes' side: one zygote loads the KB once, and forks a worker per request of the pool.

The zygote is a fresh interpreter (multiprocessing's spawn: no thread, no socket of the server's). It cuts
itself off the network first, while it is single-threaded (a new user and network namespace: no interface
but a loopback that is down; every worker it forks inherits that), loads the baseline store, freezes its
objects out of the garbage collector (so that the forked workers keep sharing their pages), lowers its CPU
priority (the HTTP server's lookups come first on a busy machine; the workers inherit it), says ready,
and then forks a worker for each socket the pool sends it. A worker forked this way starts in
milliseconds, with the loaded store shared copy-on-write: a killed worker is replaced at once, and N
workers cost little more memory than one.

A worker caps its address space (what it has mapped plus ``memory_mb``: a runaway sort ends the worker,
not the machine), says ready on its socket, then answers ``(QueryRequest, seconds)`` jobs until ``None``
or until the server's end of the socket closes. It builds the state a query asks for from the store
directory's change log (:class:`History`, its own small cache).
"""

from __future__ import annotations

import ctypes
import gc
import logging
import os
import resource
import signal
import socket
import time
from dataclasses import dataclass
from datetime import date
from multiprocessing import reduction
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

from itut_kb.errors import ItutKbError

if TYPE_CHECKING:
    from itut_kb.living.states import History

log = logging.getLogger("itut_kb.workers")

_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000


@dataclass(frozen=True)
class WorkerConfig:
    root: Path
    max_rows: int
    memory_mb: int
    sandbox: bool
    store_dir: Path | None = None  # the living KB's change log, read to build the state a query asks for
    nice: int = 10  # how much lower than the server's the workers' CPU priority is


def _sandbox() -> bool:
    """Enter a new user + network namespace (no network); False where the kernel refuses."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET)) == 0
    except (OSError, AttributeError):
        return False


def _cap_memory(extra_mb: int) -> None:
    """Cap the address space at what the process has mapped plus ``extra_mb``."""
    if extra_mb <= 0:
        return
    with open(f"/proc/{os.getpid()}/statm", encoding="ascii") as statm:
        current = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    limit = current + extra_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


# ---------------------------------------------------------------------------------------- the zygote
def zygote(conn: Connection, config: WorkerConfig) -> None:
    """Load once, then fork a worker for every ``"fork"`` (followed by a socket) until ``None`` or EOF."""
    from itut_kb.config import Settings
    from itut_kb.services import Services

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the server stops us
    sandboxed = _sandbox() if config.sandbox else False  # first: unshare needs a single-threaded process
    settings = Settings(root=config.root, store_dir=config.store_dir, state_cache=2, store="embedded")
    history = Services(settings).history
    triples = len(history.baseline)
    gc.collect()
    gc.freeze()
    if config.nice:
        os.nice(config.nice)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps the workers
    conn.send(("ready", {"pid": os.getpid(), "sandboxed": sandboxed, "triples": triples}))
    while True:
        try:
            command = conn.recv()
            if command != "fork":
                return
            fd = reduction.recv_handle(conn)
        except (EOFError, OSError):
            return
        pid = os.fork()
        if pid == 0:  # the worker
            code = 0
            try:
                conn.close()
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                _work(Connection(fd), config, history, sandboxed)
            except BaseException:  # a forked child never returns into the zygote's loop
                code = 1
            finally:
                os._exit(code)
        os.close(fd)
        try:
            conn.send(("forked", pid))
        except OSError:
            return


# ---------------------------------------------------------------------------------------- a worker
def _work(conn: Connection, config: WorkerConfig, history: History, sandboxed: bool) -> None:
    from itut_kb.living.states import StateKey
    from itut_kb.sparql import execute

    try:
        _cap_memory(config.memory_mb)
    except (OSError, ValueError):
        log.warning("could not cap the memory of query worker %d", os.getpid())
    conn.send(("ready", {"pid": os.getpid(), "sandboxed": sandboxed, "triples": len(history.baseline)}))
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


def fork_worker(zygote_conn: Connection) -> tuple[int, Connection]:
    """Ask the zygote for a worker: its pid and the server's end of its socket (raises OSError, EOFError)."""
    ours, theirs = socket.socketpair()
    try:
        zygote_conn.send("fork")
        reduction.send_handle(zygote_conn, theirs.fileno(), 0)
        if not zygote_conn.poll(30):
            raise OSError("the SPARQL zygote did not answer")
        kind, pid = zygote_conn.recv()
        if kind != "forked":
            raise OSError(f"the SPARQL zygote answered {kind!r}")
    except BaseException:
        ours.close()
        raise
    finally:
        theirs.close()
    return int(pid), Connection(ours.detach())
