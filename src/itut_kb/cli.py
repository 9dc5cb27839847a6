"""The `itut-kb` command line. Each feature's commands live in ``itut_kb.commands.<feature>``.

Exit status: see EXIT_CODES (``itut-kb --help``). When the reader of standard output goes away (``itut-kb
owner --batch ids.txt | head``), the command stops quietly with 141, as a command killed by SIGPIPE does.

Start-up is kept cheap: building the parser imports only argparse and the command modules, which import
their libraries (the store, rdflib, pyshacl, uvicorn …) inside their handlers; `itut-kb --help` and
`--version` load none of them, and `show`/`owner` load only what they need (bench/results/cli_startup.md).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from itut_kb.errors import ItutKbError

if TYPE_CHECKING:
    from itut_kb.config import Settings
    from itut_kb.services import Services

# Feature modules under itut_kb.commands, each with register(subparsers).
COMMAND_MODULES = ("kb", "serve", "query", "ownership", "validate", "changes", "archive", "publish")

# Exit codes, one meaning each (documented in README and `itut-kb --help`).
OK, NEGATIVE, MALFORMED, NOT_FOUND, REFUSED, FAILED, PARTLY = 0, 1, 2, 3, 4, 5, 6
BROKEN_PIPE = 128 + 13  # 128 + SIGPIPE
EXIT_CODES = f"""exit codes:
  {OK}  done (validate: the submission conforms; check: no violation)
  {NEGATIVE}  the answer is no: validate or check found violations, a change was rejected
  {MALFORMED}  malformed: a bad option, identifier or parameter, input that cannot be read
  {NOT_FOUND}  not found: no such entity, named query, change or version in the KB
  {REFUSED}  refused: no valid token, a read-only store, a conflict with an accepted change
  {FAILED}  the command failed (an internal error, a query timeout)
  {PARTLY}  a batch was answered, but some of its lines are malformed (owner --batch: an error object each)
  {BROKEN_PIPE}  the reader of standard output went away (`… | head`)"""


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("itut-kb")
    except PackageNotFoundError:  # not installed (a source checkout on sys.path)
        return "0.1.0"


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="itut-kb",
        description="The WTSA-24 proceedings as a knowledge base.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    root.add_argument("--version", action="version", version=f"itut-kb {version()}")
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


def exit_code(error: ItutKbError) -> int:
    """The exit code of an error, from its HTTP status (one mapping for every command)."""
    if error.status == 404:
        return NOT_FOUND
    if error.status in {401, 403, 409, 412}:
        return REFUSED
    if error.status < 500:
        return MALFORMED
    return FAILED


def main(
    argv: Sequence[str] | None = None, settings: Settings | None = None, services: Services | None = None
) -> int:
    """Run one command; ``services`` lets a caller that runs many commands in one process (a test session)
    load the KB once, unless the command names its own store or state (--store-dir, --as-of, --at-version)."""
    args = parser().parse_args(argv)
    try:
        from itut_kb.config import Settings
        from itut_kb.services import Services

        own_state = args.store_dir is not None or args.as_of is not None or args.at_version is not None
        if services is None or own_state:
            settings = settings or (services.settings if services else Settings())
            if args.store_dir is not None:
                settings = settings.model_copy(update={"store_dir": args.store_dir})
            services = Services(settings, as_of=args.as_of, version=args.at_version)
        code: int = args.handler(services, args)
        sys.stdout.flush()
    except ItutKbError as exc:
        print(f"itut-kb: {exc.message}", file=sys.stderr)
        return exit_code(exc)
    except BrokenPipeError:
        # the reader went away (`itut-kb list questions | head`): stop quietly, as other Unix tools do
        _discard_stdout()
        return BROKEN_PIPE
    return code


def _discard_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's last flush finds no broken pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (a captured stdout in tests)
        pass


if __name__ == "__main__":
    sys.exit(main())
