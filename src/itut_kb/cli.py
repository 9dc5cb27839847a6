"""The `itut-kb` command line: the same service functions as the HTTP API, printed as JSON or text."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from itut_kb.config import Settings
from itut_kb.errors import ItutKbError

KINDS_SHOW = ("resolution", "question", "study-group", "group")
KINDS_LIST = ("resolutions", "questions", "study-groups", "actions")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="itut-kb", description="The WTSA-24 proceedings as a knowledge base."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="regenerate data/kb/*.ttl from data/source and data/curated")
    check = sub.add_parser(
        "check", help="validate the KB: SHACL shapes, *-violation queries, optional OWL reasoner"
    )
    check.add_argument(
        "--reasoner", action="store_true", help="also run the OWL reasoner (HermiT; needs Java)"
    )
    check.add_argument("--json", action="store_true")
    stats = sub.add_parser("stats", help="counts of the KB's main entities")
    stats.add_argument("--json", action="store_true")
    show = sub.add_parser("show", help="one entity")
    show.add_argument("kind", choices=KINDS_SHOW)
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    listing = sub.add_parser("list", help="all entities of a kind")
    listing.add_argument("kind", choices=KINDS_LIST)
    listing.add_argument("--json", action="store_true")
    return parser


def _print(data: Any, as_json: bool) -> None:
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    elif isinstance(data, dict):
        for key, val in data.items():
            print(f"{key}: {json.dumps(val, ensure_ascii=False) if isinstance(val, (list, dict)) else val}")
    else:
        for item in data:
            print(json.dumps(item, ensure_ascii=False))


def _lookup(settings: Settings) -> Any:
    from itut_kb.catalog import Catalog
    from itut_kb.lookup import Lookup
    from itut_kb.store import KnowledgeBase

    return Lookup(KnowledgeBase.load(settings), Catalog.load(settings.queries_dir / "lookup"))


def _build(settings: Settings, args: argparse.Namespace) -> int:
    from itut_kb.build import Paths, write_kb

    for path in write_kb(Paths(settings.root)):
        print(f"wrote {path.relative_to(settings.root)}")
    return 0


def _check(settings: Settings, args: argparse.Namespace) -> int:
    from itut_kb.checks import run_checks

    report = run_checks(settings, reasoner=args.reasoner)
    _print(report.as_json(), True) if args.json else print(report.as_text())
    return 0 if report.ok else 1


def _stats(settings: Settings, args: argparse.Namespace) -> int:
    _print(_lookup(settings).stats(), args.json)
    return 0


def _show(settings: Settings, args: argparse.Namespace) -> int:
    lookup = _lookup(settings)
    show: dict[str, Callable[[str], Any]] = {
        "resolution": lookup.resolution,
        "question": lookup.question,
        "study-group": lookup.study_group,
        "group": lookup.study_group,
    }
    _print(show[args.kind](args.id), args.json)
    return 0


def _list(settings: Settings, args: argparse.Namespace) -> int:
    lookup = _lookup(settings)
    listing: dict[str, Callable[[], Any]] = {
        "resolutions": lookup.resolutions,
        "questions": lookup.questions,
        "study-groups": lookup.study_groups,
        "actions": lookup.actions,
    }
    _print(listing[args.kind](), args.json)
    return 0


COMMANDS: dict[str, Callable[[Settings, argparse.Namespace], int]] = {
    "build": _build,
    "check": _check,
    "stats": _stats,
    "show": _show,
    "list": _list,
}


def main(argv: Sequence[str] | None = None, settings: Settings | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](settings or Settings(), args)
    except ItutKbError as exc:
        print(f"itut-kb: {exc.message}", file=sys.stderr)
        return 2 if exc.status < 500 else 1


if __name__ == "__main__":
    sys.exit(main())
