"""`itut-kb query NAME --param k=v --format json|csv|table`: any named query from the command line."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from itut_kb.errors import InvalidParameterError

if TYPE_CHECKING:
    from itut_kb.services import Services


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = sub.add_parser(
        "query",
        help="run a named query (queries/lookup/*.rq), e.g. `query questions-of-group --param group=SG17`",
        description="Run a named query. Without NAME (or with --list), list the named queries.",
    )
    cmd.add_argument("name", nargs="?", help="the query's name; omit to list them")
    cmd.add_argument(
        "--param", "-p", action="append", default=[], metavar="K=V", help="a parameter (repeatable)"
    )
    cmd.add_argument("--format", "-f", choices=("json", "csv", "table"), default="table")
    cmd.add_argument("--list", action="store_true", help="list the named queries and their parameters")
    cmd.set_defaults(handler=query)


def query(services: Services, args: argparse.Namespace) -> int:
    catalog = services.catalog
    if args.list or not args.name:
        for q in catalog.queries.values():
            signature = ", ".join(
                f"{p.name}:{p.type}" + (f"={p.default}" if p.default else "") for p in q.params
            )
            example = " ".join(f"--param {k}={v}" for k, v in q.example)
            print(
                f"{q.name}({signature})\n    {q.summary}"
                + (f"\n    e.g. itut-kb query {q.name} {example}" if example else "")
            )
        return 0
    params: dict[str, str] = {}
    for item in args.param:
        key, eq, val = item.partition("=")
        if not eq or not key:
            raise InvalidParameterError(f"a parameter is written name=value; got {item!r}")
        params[key.strip()] = val
    from itut_kb.tabular import Table

    table = Table.run(catalog, services.kb, args.name, params, services.settings.max_result_rows)
    if args.format == "json":
        print(json.dumps(table.as_json(), ensure_ascii=False, indent=2))
    elif args.format == "csv":
        print(table.as_csv(), end="")
    else:
        print(table.as_text())
    return 0
