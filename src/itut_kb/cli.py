"""The `itut-kb` command line. Each feature's commands live in ``itut_kb.commands.<feature>``."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from itut_kb.config import Settings
from itut_kb.errors import ItutKbError
from itut_kb.services import Services

# Feature modules under itut_kb.commands, each with register(subparsers).
COMMAND_MODULES = ("kb", "serve", "query", "ownership", "validate")


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="itut-kb", description="The WTSA-24 proceedings as a knowledge base.")
    sub = root.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(f"itut_kb.commands.{name}").register(sub)
    return root


def main(argv: Sequence[str] | None = None, settings: Settings | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        code: int = args.handler(Services(settings or Settings()), args)
    except ItutKbError as exc:
        print(f"itut-kb: {exc.message}", file=sys.stderr)
        return 2 if exc.status < 500 else 1
    return code


if __name__ == "__main__":
    sys.exit(main())
