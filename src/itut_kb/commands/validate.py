"""`itut-kb validate` (a submission or a KB change against the rules) and `itut-kb rules` (which rules apply).

Exit codes of `validate`: 0 conforms (warnings allowed), 1 violates, 2 the input cannot be read (one line
on stderr saying where it broke). `rules`: 0, or 2 for a case that cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from itut_kb.commands.output import emit
from itut_kb.errors import InputError

if TYPE_CHECKING:
    from itut_kb.services import Services

# The choices of the options, written out so that `--help` imports no RDF library; a test checks them
# against itut_kb.submissions (KINDS, InputFormat).
KINDS = ("draft-recommendation", "proposed-question", "contribution", "kb-change")
INPUT_FORMATS = ("turtle", "json-ld", "json")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    validate_cmd = sub.add_parser(
        "validate",
        help="check a submission (draft Recommendation, proposed Question, contribution) or a KB change",
        description="Validate FILE against the SHACL shapes of its kind plus the KB context it needs. "
        "Formats by name: .ttl (Turtle), .jsonld (JSON-LD), .json (plain JSON, read with ontology/context.jsonld).",
    )
    validate_cmd.add_argument(
        "file", type=Path, help="the submission; '-' reads standard input (give --input-format)"
    )
    validate_cmd.add_argument(
        "--kind",
        choices=KINDS,
        help="the kind of submission (found in the data when not given); "
        "kb-change validates a change to the KB against every KB shape",
    )
    validate_cmd.add_argument("--input-format", choices=INPUT_FORMATS, help="override the format")
    output = validate_cmd.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="the JSON report")
    output.add_argument("--turtle", action="store_true", help="the standard sh:ValidationReport in Turtle")
    validate_cmd.set_defaults(handler=validate)

    rules_cmd = sub.add_parser(
        "rules",
        help="which procedural rules apply to a case (JSON), with their clauses and dates",
        description='CASE is a JSON object such as {"kind": "tap-approval", "meeting_date": "2025-06-16"}; '
        "`itut-kb rules --vocabulary` lists the kinds, date fields and conditions.",
    )
    rules_cmd.add_argument("case", type=Path, nargs="?", help="the case; '-' reads standard input")
    rules_cmd.add_argument(
        "--vocabulary", action="store_true", help="list the kinds and fields a case may have"
    )
    rules_cmd.add_argument("--json", action="store_true")
    rules_cmd.set_defaults(handler=rules)


def _read(path: Path) -> bytes:
    if str(path) == "-":
        return sys.stdin.buffer.read()
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None


def validate(services: Services, args: argparse.Namespace) -> int:
    from itut_kb.submissions import InputFormat, check_kind, format_of_path

    kind = check_kind(args.kind)
    if args.input_format:
        fmt = InputFormat(args.input_format)
    elif str(args.file) == "-":
        raise InputError("reading standard input needs --input-format")
    else:
        fmt = format_of_path(args.file)
    report = services.validation.validate(_read(args.file), fmt, kind, str(args.file))
    if args.turtle:
        print(report.as_turtle())
    elif args.json:
        emit(report.as_json(), True)
    else:
        print(report.as_text())
    return 0 if report.conforms else 1


def rules(services: Services, args: argparse.Namespace) -> int:
    if args.vocabulary:
        emit(services.rules.vocabulary(), True)
        return 0
    if args.case is None:
        raise InputError("give a CASE file (or --vocabulary)")
    from itut_kb.submissions import read_json

    data = _read(args.case)
    try:
        case: Any = read_json(data.decode("utf-8"), str(args.case))
    except UnicodeDecodeError:
        raise InputError(f"{args.case}: not UTF-8") from None
    answer = services.rules.apply(case)
    if args.json:
        emit(answer, True)
    else:
        for rule in answer["rules"]:
            date = (
                f"{rule['date']} ({rule['date_is']})"
                if "date" in rule
                else f"(needs {rule['date_needs']})"
                if "date_needs" in rule
                else ""
            )
            status = f" [{rule['status']}]" if "status" in rule else ""
            outcome = f" -> {rule['outcome_en']}" if "outcome" in rule else ""
            print(f"{rule['source']:<16} {date:<28} {rule['summary_en']}{status}{outcome}")
    return 0
