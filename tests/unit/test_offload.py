"""Where a route's work runs: in a thread until measured quick, then inline on the event loop; slow work
stays in (or goes back to) the thread pool."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from itut_kb.api.offload import Offload


def _thread_of(offload: Offload, kind: str, seconds: float = 0.0) -> int:
    def work() -> int:
        if seconds:
            time.sleep(seconds)
        return threading.get_ident()

    return asyncio.run(_run(offload, kind, work))


async def _run(offload: Offload, kind: str, work: object) -> int:
    loop_thread = threading.get_ident()
    ran_in: int = await offload.run(kind, work)  # type: ignore[arg-type]
    return 0 if ran_in == loop_thread else ran_in


def test_quick_work_runs_inline_once_measured() -> None:
    offload = Offload(inline_below_s=0.5)
    assert _thread_of(offload, "quick") != 0  # unknown cost: a thread
    assert offload.inline("quick")
    assert _thread_of(offload, "quick") == 0  # measured quick: on the event loop


def test_slow_work_stays_in_a_thread_and_quick_work_that_turns_slow_goes_back() -> None:
    offload = Offload(inline_below_s=0.005)
    for _ in range(2):
        assert _thread_of(offload, "slow", 0.05) != 0
    assert not offload.inline("slow")
    assert _thread_of(offload, "turns", 0.0) != 0
    assert _thread_of(offload, "turns", 0.0) == 0
    assert _thread_of(offload, "turns", 0.2) == 0  # runs inline this once …
    assert not offload.inline("turns")  # … and is sent back to the thread pool
    assert _thread_of(offload, "turns", 0.0) != 0


def test_an_error_is_raised_to_the_caller_and_still_measured() -> None:
    offload = Offload()

    def fails() -> int:
        raise KeyError("no such thing")

    with pytest.raises(KeyError):
        asyncio.run(_run(offload, "fails", fails))
    assert "fails" in offload.costs
