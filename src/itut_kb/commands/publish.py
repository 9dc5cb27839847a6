"""`itut-kb publish --to STORE-URL`: the KB into a SPARQL server an organisation already runs."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from itut_kb.services import Services


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = sub.add_parser(
        "publish",
        help="load the KB (and the accepted changes of --store-dir) into a SPARQL server, one graph per part",
    )
    cmd.add_argument(
        "--to", required=True, metavar="STORE-URL", help="the server's Graph Store Protocol endpoint"
    )
    cmd.add_argument(
        "--graph-base",
        default=None,
        metavar="IRI",
        help="the namespace of the KB's graphs there (default https://w3id.org/itut-kb/graph/)",
    )
    cmd.add_argument("--with-tokens", action="store_true", help="also the writers' tokens (hashed)")
    cmd.add_argument(
        "--force", action="store_true", help="replace a change log holding changes this source does not have"
    )
    cmd.add_argument("--json", action="store_true", help="print the graphs and counts as JSON")
    cmd.set_defaults(handler=run)


def run(services: Services, args: argparse.Namespace) -> int:
    from itut_kb.remote.client import Endpoints, SparqlClient
    from itut_kb.remote.layout import Names
    from itut_kb.remote.publish import publish

    settings = services.settings
    client = SparqlClient(Endpoints("", "", args.to), timeout_s=settings.remote_timeout_s)
    names = Names(args.graph_base or settings.graph_base)
    done = publish(client, names, services.history, services.change_log, args.with_tokens, args.force)
    if args.json:
        print(
            json.dumps(
                {
                    "graphs": {names.remote(g): n for g, n in done.graphs.items()},
                    "deleted": [names.remote(g) for g in done.deleted],
                    "triples": done.triples,
                    "changes": done.changes,
                    "tokens": done.tokens,
                    "seconds": round(done.seconds, 2),
                },
                indent=1,
            )
        )
        return 0
    for graph, count in done.graphs.items():
        print(f"{count:>8}  {names.remote(graph)}")
    for graph in done.deleted:
        print(f"{'deleted':>8}  {names.remote(graph)}")
    print(
        f"published {done.triples} triples in {len(done.graphs)} graphs ({done.changes} changes, "
        f"{done.tokens} tokens) to {args.to} in {done.seconds:.1f} s; every count verified"
    )
    return 0
