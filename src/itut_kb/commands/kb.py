"""The foundation's commands: build, check, stats, show, list.

`show` and `list` take the ids the API takes (`show question 1-17` or `1/17`, `show study-group sg17`) and
print readable text (show) or a table (list) unless ``--format json|csv|table|text`` says otherwise.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from itut_kb.commands.output import add_format_option, emit, show_list
from itut_kb.commands.output import show as show_record
from itut_kb.commands.progress import Progress
from itut_kb.errors import InvalidParameterError

if TYPE_CHECKING:
    from itut_kb.services import Services

SHOW_KINDS = ("resolution", "question", "study-group", "group", "recommendation", "meeting")
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
        "show",
        help="one entity, e.g. `show resolution 2`, `show question 1/17` (or 1-17), `show study-group SG17`, "
        "`show meeting 3`",
    )
    show_cmd.add_argument("kind", choices=SHOW_KINDS)
    show_cmd.add_argument("id", help="2; 1/17 or 1-17; SG17, sg17, TSAG; X.509")
    add_format_option(show_cmd, "text")
    show_cmd.set_defaults(handler=show)
    list_cmd = sub.add_parser("list", help="all entities of a kind, as a table")
    list_cmd.add_argument("kind", choices=LIST_KINDS)
    list_cmd.add_argument(
        "--status",
        choices=STATUSES,
        help="resolutions only: those WTSA-24 adopted for the first time (new), revised, or left unchanged",
    )
    list_cmd.add_argument("--study-group", help="questions only: that group's (SG17 or sg17)")
    add_format_option(list_cmd, "table")
    list_cmd.set_defaults(handler=listing)


def build(services: Services, args: argparse.Namespace) -> int:
    from itut_kb.build import Paths, write_kb

    root = services.settings.root
    progress = Progress()
    written = write_kb(Paths(root), progress)
    progress.finish()
    for path in written:
        print(f"wrote {path.relative_to(root)}")
    return 0


def check(services: Services, args: argparse.Namespace) -> int:
    from itut_kb.checks import check_steps, run_checks

    progress = Progress(check_steps(services.settings, args.reasoner))
    report = run_checks(services.settings, reasoner=args.reasoner, progress=progress)
    progress.finish()
    if args.json:
        emit(report.as_json(), True)
    else:
        print(report.as_text())
    return 0 if report.ok else 1


def stats(services: Services, args: argparse.Namespace) -> int:
    emit(services.lookup.stats(), args.json)
    return 0


def normalized_id(kind: str, raw: str) -> str:
    """The id forms the API takes: ``1-17`` for Question 1/17, ``sg17`` for SG17, ``Res. 2`` for 2."""
    text = raw.strip()
    if kind == "question" and re.fullmatch(r"\d{1,2}-\d{1,2}", text):
        return text.replace("-", "/")
    if kind in {"study-group", "group"}:
        return text.upper()
    if kind == "resolution":
        return text.removeprefix("Res.").removeprefix("res.").strip()
    return text


def show(services: Services, args: argparse.Namespace) -> int:
    lookup = services.lookup
    by_kind: dict[str, Callable[[str], Any]] = {
        "resolution": lookup.resolution,
        "question": lookup.question,
        "study-group": lookup.study_group,
        "group": lookup.study_group,
        "recommendation": lookup.recommendation,
        "meeting": services.record.meeting,  # a plenary meeting of the Assembly's record, 1 to 4
    }
    show_record(by_kind[args.kind](normalized_id(args.kind, args.id)), args.format)
    return 0


def listing(services: Services, args: argparse.Namespace) -> int:
    lookup = services.lookup
    if args.status is not None and args.kind != "resolutions":
        raise InvalidParameterError("--status applies to `list resolutions` only")
    if args.study_group is not None and args.kind != "questions":
        raise InvalidParameterError("--study-group applies to `list questions` only")
    group = normalized_id("group", args.study_group) if args.study_group else None
    by_kind: dict[str, Callable[[], Any]] = {
        "resolutions": lambda: lookup.resolutions(status=args.status),
        "questions": lambda: lookup.questions(group),
        "study-groups": lookup.study_groups,
        "actions": lookup.actions,
        "meetings": services.record.meetings,
    }
    show_list(by_kind[args.kind](), args.format)
    return 0
