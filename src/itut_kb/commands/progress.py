"""Progress of long commands (build, check, check --reasoner) on standard error: a bar that redraws itself on
a terminal, one plain line per step otherwise (a log, CI). Standard output keeps only the answer."""

from __future__ import annotations

import sys
import time
from typing import TextIO

BAR = 24


class Progress:
    def __init__(self, total: int | None = None, stream: TextIO | None = None) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.done = 0
        self.started = time.monotonic()
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def __call__(self, label: str) -> None:
        """Step ``label`` starts (the previous one is over)."""
        self.done += 1
        elapsed = time.monotonic() - self.started
        count = f"{self.done}/{self.total}" if self.total else f"{self.done}"
        if self.tty:
            filled = BAR * min(self.done, self.total) // self.total if self.total else 0
            bar = f"[{'#' * filled}{'.' * (BAR - filled)}] " if self.total else ""
            self.stream.write(f"\r\033[K{bar}{count} {elapsed:5.1f}s {label}")
        else:
            self.stream.write(f"itut-kb: [{count}] {elapsed:.1f}s {label}\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.tty:
            self.stream.write(f"\r\033[K{time.monotonic() - self.started:.1f}s\n")
            self.stream.flush()
