"""`itut-kb dump --format trig FILE` and `itut-kb restore FILE`: the whole store (baseline, changes and their
history) as one TriG file, and a store directory rebuilt from one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from itut_kb.errors import InvalidParameterError

if TYPE_CHECKING:
    from itut_kb.services import Services


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    dump_cmd = sub.add_parser("dump", help="write the whole store (baseline, changes, history) as TriG")
    dump_cmd.add_argument("file", type=Path)
    dump_cmd.add_argument("--format", choices=("trig",), default="trig")
    dump_cmd.add_argument(
        "--with-tokens", action="store_true", help="include the tokens' names, roles and hashes"
    )
    dump_cmd.set_defaults(handler=dump)
    restore_cmd = sub.add_parser("restore", help="rebuild a store directory (--store-dir) from a TriG dump")
    restore_cmd.add_argument("file", type=Path)
    restore_cmd.add_argument(
        "--force", action="store_true", help="replace the change log the directory holds"
    )
    restore_cmd.set_defaults(handler=restore)


def dump(services: Services, args: argparse.Namespace) -> int:
    from itut_kb.living.archive import dump as write

    count = write(args.file, services.history.baseline, services.change_log, args.with_tokens)
    changes = services.change_log.head() if services.change_log is not None else 0
    print(f"wrote {args.file}: {count} quads, {changes} changes")
    return 0


def restore(services: Services, args: argparse.Namespace) -> int:
    from itut_kb.living.archive import restore as read
    from itut_kb.store import KnowledgeBase

    store_dir = services.settings.store_dir
    if store_dir is None:
        raise InvalidParameterError("give the store directory to restore into: --store-dir DIR")
    restored = read(args.file, store_dir, KnowledgeBase.load(services.settings), args.force)
    print(f"restored {restored.changes} changes and {restored.tokens} tokens into {store_dir}")
    if restored.baseline_differs:
        print(
            "note: the dump's baseline differs from this checkout's (data/kb/, the ontology): the changes are "
            "replayed on this checkout's baseline",
            file=sys.stderr,
        )
    return 0
