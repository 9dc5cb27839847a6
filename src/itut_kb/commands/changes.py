"""The living KB from the command line: `itut-kb token …` and `itut-kb change …`.

They work on the store directory (``--store-dir`` or ``ITUT_KB_STORE_DIR``) directly, through the same gate
as ``POST /api/changes``: a server on the same directory sees a change made here at its next request.
Writes need a token (``--token`` or ``ITUT_KB_TOKEN``), as over HTTP.

Exit codes (itut_kb.cli): 0 done; 1 the change was rejected (the report is printed); 2 bad input; 3 unknown
change or version; 4 no valid token, a read-only store, a conflict.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from itut_kb.commands.output import emit
from itut_kb.commands.validate import INPUT_FORMATS
from itut_kb.errors import ChangeRejectedError, InputError

if TYPE_CHECKING:
    from itut_kb.living.tokens import Agent
    from itut_kb.services import Services

ROLES = ("editor", "admin")  # itut_kb.living.tokens.ROLES, written out for a fast `--help` (a test checks)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    token = sub.add_parser("token", help="create, list and revoke the tokens of those who write to the KB")
    token_sub = token.add_subparsers(dest="token_command", required=True)
    create = token_sub.add_parser("create", help="a new token (printed once; the store keeps its hash)")
    create.add_argument("--name", required=True, help="whose token: changes are attributed to this name")
    create.add_argument(
        "--role", required=True, choices=ROLES, help="editor: domain changes; admin: also raw RDF"
    )
    create.add_argument("--json", action="store_true", help='print {"name", "role", "token"}')
    create.set_defaults(handler=token_create)
    revoke = token_sub.add_parser("revoke", help="revoke a token by its name")
    revoke.add_argument("name")
    revoke.set_defaults(handler=token_revoke)
    listing = token_sub.add_parser("list", help="the tokens' names, roles and dates (never the tokens)")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=token_list)

    change = sub.add_parser("change", help="apply, list, show and revert changes to the KB")
    change_sub = change.add_subparsers(dest="change_command", required=True)
    apply_cmd = change_sub.add_parser("apply", help="apply a change (.json, .jsonld or .ttl; '-' for stdin)")
    apply_cmd.add_argument("file", type=Path)
    apply_cmd.add_argument("--input-format", choices=INPUT_FORMATS)
    apply_cmd.add_argument("--if-match", type=int, metavar="VERSION", help="only if the KB is at VERSION")
    _writer_options(apply_cmd)
    apply_cmd.set_defaults(handler=change_apply)
    list_cmd = change_sub.add_parser("list", help="the accepted changes, in version order")
    list_cmd.add_argument("--since", type=int, default=0, metavar="VERSION")
    list_cmd.add_argument("--json", action="store_true")
    list_cmd.set_defaults(handler=change_list)
    show_cmd = change_sub.add_parser(
        "show", help="one change: its event, what it added and removed, who, when"
    )
    show_cmd.add_argument("id")
    show_cmd.add_argument("--json", action="store_true")
    show_cmd.set_defaults(handler=change_show)
    revert_cmd = change_sub.add_parser("revert", help="undo a change with a new change")
    revert_cmd.add_argument("id")
    revert_cmd.add_argument(
        "--authority", help='the decision, as JSON: {"body": …, "document": …, "date": …}'
    )
    revert_cmd.add_argument("--note")
    _writer_options(revert_cmd)
    revert_cmd.set_defaults(handler=change_revert)


def _writer_options(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--token", help="the writer's token (default: $ITUT_KB_TOKEN)")
    cmd.add_argument("--json", action="store_true")


def _agent(services: Services, args: argparse.Namespace) -> Agent:
    return services.tokens.verify(args.token or os.environ.get("ITUT_KB_TOKEN"))


def token_create(services: Services, args: argparse.Namespace) -> int:
    token = services.tokens.create(args.name, args.role)
    if args.json:
        emit({"name": args.name, "role": args.role, "token": token}, True)
    else:
        print(token)
    return 0


def token_revoke(services: Services, args: argparse.Namespace) -> int:
    services.tokens.revoke(args.name)
    print(f"revoked the token of {args.name}")
    return 0


def token_list(services: Services, args: argparse.Namespace) -> int:
    emit(services.tokens.list(), args.json)
    return 0


def _created(record: Any, as_json: bool) -> None:
    summary = record.summary()
    if as_json:
        emit(summary, True)
    else:
        print(
            f"accepted change {summary['id']}: version {summary['version']}, {summary['kind']}, "
            f"effective {summary['effective']}, by {summary['by']}"
        )


def _rejected(exc: ChangeRejectedError, as_json: bool) -> int:
    report: Any = exc.report
    if as_json:
        emit(report.as_json(), True)
    else:
        print(report.as_text())
    print(f"itut-kb: {exc.message}", file=sys.stderr)
    return 1


def change_apply(services: Services, args: argparse.Namespace) -> int:
    from itut_kb.submissions import InputFormat, format_of_path

    agent = _agent(services, args)
    if str(args.file) == "-":
        data, fmt = sys.stdin.buffer.read(), InputFormat(args.input_format or "json")
    else:
        try:
            data = args.file.read_bytes()
        except OSError as exc:
            raise InputError(f"{args.file}: {exc.strerror}") from None
        fmt = InputFormat(args.input_format) if args.input_format else format_of_path(args.file)
    try:
        _created(services.gate.submit(data, fmt, agent, args.if_match), args.json)
    except ChangeRejectedError as exc:
        return _rejected(exc, args.json)
    return 0


def change_list(services: Services, args: argparse.Namespace) -> int:
    records = services.require_log().records(args.since)
    if args.json:
        emit([r.summary() for r in records], True)
    else:
        for r in records:
            print(
                f"{r.version:>5}  {r.id:<24} {r.kind:<28} effective {r.effective}  by {r.agent}  {r.recorded_at}"
            )
    return 0


def change_show(services: Services, args: argparse.Namespace) -> int:
    emit(services.require_log().detail(args.id), args.json)
    return 0


def change_revert(services: Services, args: argparse.Namespace) -> int:
    agent = _agent(services, args)
    extra: dict[str, Any] = {}
    if args.authority:
        try:
            extra["authority"] = json.loads(args.authority)
        except json.JSONDecodeError as exc:
            raise InputError(f"--authority is JSON: {exc.msg}") from None
    if args.note:
        extra["note"] = args.note
    services.require_log().get(args.id)
    try:
        _created(services.gate.revert(args.id, agent, extra), args.json)
    except ChangeRejectedError as exc:
        return _rejected(exc, args.json)
    return 0
