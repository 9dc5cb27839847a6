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
from datetime import date
from pathlib import Path

from itut_kb.config import Settings
from itut_kb.errors import ItutKbError
from itut_kb.services import Services

# Feature modules under itut_kb.commands, each with register(subparsers).
COMMAND_MODULES = ("kb", "serve", "query", "ownership", "validate", "changes", "archive")
BROKEN_PIPE = 128 + 13  # 128 + SIGPIPE


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="itut-kb", description="The WTSA-24 proceedings as a knowledge base.")
    sub = root.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(f"itut_kb.commands.{name}").register(sub)
    for command in _leaves(root):
        _add_state_options(command)
    return root


def _leaves(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """The parsers of every command (``token create``, not ``token``)."""
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        return [parser]
    return [leaf for action in subs for child in action.choices.values() for leaf in _leaves(child)]


def _add_state_options(command: argparse.ArgumentParser) -> None:
    """Which store and which state of the KB every command reads."""
    command.add_argument(
        "--store-dir",
        type=Path,
        help="the living KB's store directory (default: $ITUT_KB_STORE_DIR; none: the WTSA-24 baseline only)",
    )
    command.add_argument("--as-of", type=_day, metavar="YYYY-MM-DD", help="the KB as in effect on this day")
    command.add_argument("--at-version", type=int, metavar="N", help="the KB at this version (0: WTSA-24)")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a date is written YYYY-MM-DD; got {text!r}") from None


def main(
    argv: Sequence[str] | None = None, settings: Settings | None = None, services: Services | None = None
) -> int:
    """Run one command; ``services`` (built from ``settings`` when not given) lets a caller that runs many
    commands in one process, a test session, load the KB once (unless the command names its own store or
    state: --store-dir, --as-of, --at-version)."""
    args = parser().parse_args(argv)
    settings = settings or Settings()
    if args.store_dir is not None:
        settings = settings.model_copy(update={"store_dir": args.store_dir})
    try:
        own_state = args.store_dir is not None or args.as_of is not None or args.at_version is not None
        if services is None or own_state:
            services = Services(settings, as_of=args.as_of, version=args.at_version)
        code: int = args.handler(services, args)
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
