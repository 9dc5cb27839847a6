"""The `itut-kb` command line. Each feature's commands live in ``itut_kb.commands.<feature>``.

Exit status: 0 done; 1 a failure of the server side (a 5xx error); 2 bad input (a 4xx error: a malformed
parameter, an unreadable file) or a usage error; a command may give more (``owner --batch``: 3). When the
reader of standard output goes away (``itut-kb owner --batch ids.txt | head``), the command stops quietly
with 141, as a command killed by SIGPIPE does.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from itut_kb.config import Settings
from itut_kb.errors import ItutKbError
from itut_kb.services import Services

# Feature modules under itut_kb.commands, each with register(subparsers).
COMMAND_MODULES = ("kb", "serve", "query", "ownership", "validate")
BROKEN_PIPE = 128 + 13  # 128 + SIGPIPE


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="itut-kb", description="The WTSA-24 proceedings as a knowledge base.")
    sub = root.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(f"itut_kb.commands.{name}").register(sub)
    return root


def main(
    argv: Sequence[str] | None = None, settings: Settings | None = None, services: Services | None = None
) -> int:
    """Run one command; ``services`` (built from ``settings`` when not given) lets a caller that runs many
    commands in one process, a test session, load the KB once."""
    args = parser().parse_args(argv)
    try:
        code: int = args.handler(services or Services(settings or Settings()), args)
        sys.stdout.flush()
    except ItutKbError as exc:
        print(f"itut-kb: {exc.message}", file=sys.stderr)
        return 2 if exc.status < 500 else 1
    except BrokenPipeError:
        # Point standard output at /dev/null, so that the interpreter's own flush at exit fails no more.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return BROKEN_PIPE
    return code


if __name__ == "__main__":
    sys.exit(main())
