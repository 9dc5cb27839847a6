"""Where a route's work runs: inline on the event loop when it has been quick, in a thread otherwise.

A thread hop costs more than a lookup of under a millisecond (the hand-off and the GIL ping-pong were the
largest cost of the server under load), but a search over every clause takes tens of milliseconds, and on
the event loop it would stall every other request. So each kind of work (a route, a named query) keeps a
running estimate of its cost, measured where it ran: it runs inline while that estimate is under
``INLINE_BELOW_S``, and in FastAPI's thread pool before it has been measured and whenever it has been
slow. A change of the KB that makes some work slower sends it back to the thread pool after one call.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from starlette.concurrency import run_in_threadpool

T = TypeVar("T")
INLINE_BELOW_S = 0.002
WEIGHT = 0.2  # of the latest measurement in the running estimate


class Offload:
    def __init__(self, inline_below_s: float = INLINE_BELOW_S) -> None:
        self.inline_below_s = inline_below_s
        self.costs: dict[str, float] = {}

    def _note(self, kind: str, seconds: float) -> None:
        old = self.costs.get(kind)
        self.costs[kind] = seconds if old is None else old + WEIGHT * (seconds - old)

    def inline(self, kind: str) -> bool:
        cost = self.costs.get(kind)
        return cost is not None and cost < self.inline_below_s

    async def run(self, kind: str, work: Callable[[], T]) -> T:
        """``work()``, inline or in a thread as its kind's cost says; its time updates the estimate."""
        if self.inline(kind):
            return self._timed(kind, work)
        return await run_in_threadpool(self._timed, kind, work)

    def _timed(self, kind: str, work: Callable[[], T]) -> T:
        started = time.perf_counter()
        try:
            return work()
        finally:
            self._note(kind, time.perf_counter() - started)


offload = Offload()
