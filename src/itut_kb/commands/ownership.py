"""`itut-kb owner` (who is responsible for a Recommendation) and `itut-kb lead` (lead roles by topic)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from itut_kb.commands.output import emit
from itut_kb.errors import InputError, InvalidParameterError

if TYPE_CHECKING:
    from itut_kb.services import Services

EXIT_STATUS = """exit status:
  0  every number answered (no responsible group, "owners": [], is an answer)
  2  a malformed number (single lookup), a usage error, or a --batch FILE that cannot be read
  6  (--batch) some lines are not Recommendation numbers: every other line is answered, and each
     malformed line gets its error in the output, in its place (JSON: {"recommendation", "error"})
  141  the reader of the output went away (`… | head`)"""
BATCH_HAS_ERRORS = 6  # itut_kb.cli.PARTLY


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    owner_cmd = sub.add_parser(
        "owner",
        help="the group(s) responsible for a Recommendation under Res. 2 Annex C, e.g. `owner G.711`",
        description="Who is responsible for a Recommendation (Res. 2 Annex C, study period 2025-2028):\n"
        "the most specific Annex C entry covering its number decides. A dual number (X.85/Y.1321)\n"
        "gets one combined answer, with the answer for each of its numbers under 'numbers'.",
        epilog=EXIT_STATUS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    owner_cmd.add_argument(
        "id",
        nargs="?",
        help="a Recommendation number: G.711, T.0, D.000, G.8275.1, Q.933bis, V.27ter, X.85/Y.1321",
    )
    owner_cmd.add_argument(
        "--batch",
        metavar="FILE",
        type=Path,
        help="one number a line ('-': standard input; blank and '#' lines skipped): one answer a line, "
        "a JSON list with --json; a malformed line is answered with its error, in its place",
    )
    owner_cmd.add_argument("--json", action="store_true")
    owner_cmd.set_defaults(handler=owner)
    lead_cmd = sub.add_parser(
        "lead",
        help="the lead-study-group roles (Res. 2 Annex A part 2) on a topic, e.g. `lead 安全`",
    )
    lead_cmd.add_argument("topic", help="a word of the role, in Chinese (or English where the KB has labels)")
    lead_cmd.add_argument("--json", action="store_true")
    lead_cmd.set_defaults(handler=lead)


def owner(services: Services, args: argparse.Namespace) -> int:
    if (args.id is None) == (args.batch is None):
        raise InvalidParameterError("give one Recommendation number or --batch FILE")
    if args.batch is None:
        answer = services.ownership.owner(args.id)
        if args.json:
            emit(answer, True)
        else:
            print(_line(answer))
        return 0
    answers = services.ownership.owners(_read_batch(args.batch))
    if args.json:
        print(json.dumps(answers, ensure_ascii=False, indent=2))
    else:
        for answer in answers:
            print(_line(answer))
    return BATCH_HAS_ERRORS if any("error" in a for a in answers) else 0


def _read_batch(path: Path) -> list[str]:
    try:
        text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from exc
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _line(answer: dict[str, Any]) -> str:
    """One line of text: "G.711	SG21", with "(joint)" or "(conflict)", or the error."""
    if "error" in answer:
        return f"{answer['recommendation']}\terror: {answer['error']}"
    flags = [flag for flag in ("joint", "conflict") if answer[flag]]
    owners = ", ".join(answer["owners"]) or "-"
    return f"{answer['recommendation']}\t{owners}" + "".join(f" ({f})" for f in flags)


def lead(services: Services, args: argparse.Namespace) -> int:
    roles = services.ownership.lead(args.topic)
    if args.json:
        emit(roles, True)
    else:
        for role in roles:
            print(f"{role['group']}\t{role['text_zh']}")
    return 0
