"""The foundation's commands: build, check, stats, show, list."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from itut_kb.commands.output import emit
from itut_kb.errors import InvalidParameterError
from itut_kb.services import Services

SHOW_KINDS = ("resolution", "question", "study-group", "group", "meeting")
LIST_KINDS = ("resolutions", "questions", "study-groups", "actions", "meetings")
STATUSES = ("new", "revised", "unchanged")  # what WTSA-24 did to a Resolution (itut:wtsa24Status)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sub.add_parser("build", help="regenerate data/kb/*.ttl from data/source and data/curated").set_defaults(
        handler=build
    )
    check_cmd = sub.add_parser(
        "check", help="validate the KB: SHACL shapes, *-violation queries, OWL reasoner"
    )
    check_cmd.add_argument("--reasoner", action="store_true", help="also run the OWL reasoner (HermiT, Java)")
    check_cmd.add_argument("--json", action="store_true")
    check_cmd.set_defaults(handler=check)
    stats_cmd = sub.add_parser("stats", help="counts of the KB's main entities")
    stats_cmd.add_argument("--json", action="store_true")
    stats_cmd.set_defaults(handler=stats)
    show_cmd = sub.add_parser(
        "show", help="one entity, e.g. `show resolution 2`, `show question 1/17`, `show meeting 3`"
    )
    show_cmd.add_argument("kind", choices=SHOW_KINDS)
    show_cmd.add_argument("id")
    show_cmd.add_argument("--json", action="store_true")
    show_cmd.set_defaults(handler=show)
    list_cmd = sub.add_parser("list", help="all entities of a kind")
    list_cmd.add_argument("kind", choices=LIST_KINDS)
    list_cmd.add_argument(
        "--status",
        choices=STATUSES,
        help="resolutions only: those WTSA-24 adopted for the first time (new), revised, or left unchanged",
    )
    list_cmd.add_argument("--json", action="store_true")
    list_cmd.set_defaults(handler=listing)


def build(services: Services, args: argparse.Namespace) -> int:
    from itut_kb.build import Paths, write_kb

    root = services.settings.root
    for path in write_kb(Paths(root)):
        print(f"wrote {path.relative_to(root)}")
    return 0


def check(services: Services, args: argparse.Namespace) -> int:
    from itut_kb.checks import run_checks

    report = run_checks(services.settings, reasoner=args.reasoner)
    if args.json:
        emit(report.as_json(), True)
    else:
        print(report.as_text())
    return 0 if report.ok else 1


def stats(services: Services, args: argparse.Namespace) -> int:
    emit(services.lookup.stats(), args.json)
    return 0


def show(services: Services, args: argparse.Namespace) -> int:
    lookup = services.lookup
    by_kind: dict[str, Callable[[str], Any]] = {
        "resolution": lookup.resolution,
        "question": lookup.question,
        "study-group": lookup.study_group,
        "group": lookup.study_group,
        "meeting": services.record.meeting,  # a plenary meeting of the Assembly's record, 1 to 4
    }
    emit(by_kind[args.kind](args.id), args.json)
    return 0


def listing(services: Services, args: argparse.Namespace) -> int:
    lookup = services.lookup
    if args.status is not None:
        if args.kind != "resolutions":
            raise InvalidParameterError("--status applies to `list resolutions` only")
        emit(lookup.resolutions(status=args.status), args.json)
        return 0
    by_kind: dict[str, Callable[[], Any]] = {
        "resolutions": lookup.resolutions,
        "questions": lookup.questions,
        "study-groups": lookup.study_groups,
        "actions": lookup.actions,
        "meetings": services.record.meetings,
    }
    emit(by_kind[args.kind](), args.json)
    return 0
