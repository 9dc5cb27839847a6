"""`itut-kb serve`: the HTTP server (SPARQL endpoint, lookup API, named queries, linked data, query page)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from itut_kb.services import Services


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = sub.add_parser("serve", help="serve /sparql, /api, /id and the query page over HTTP")
    cmd.add_argument("--host", default=None, help="address to listen on (default 127.0.0.1)")
    cmd.add_argument("--port", type=int, default=None, help="port (default 8000)")
    cmd.add_argument("--workers", type=int, default=None, help="SPARQL worker processes (default 2)")
    cmd.add_argument("--timeout", type=float, default=None, help="query time limit in seconds (default 10)")
    remote = cmd.add_argument_group("a SPARQL server the KB was published to (itut-kb publish)")
    remote.add_argument(
        "--store",
        choices=("embedded", "sparql"),
        default=None,
        help="embedded (default: the KB in this process) or sparql (a remote server, by the URLs below)",
    )
    remote.add_argument("--query-url", default=None, metavar="URL", help="its SPARQL query endpoint")
    remote.add_argument(
        "--update-url", default=None, metavar="URL", help="its SPARQL update endpoint (none: read-only)"
    )
    remote.add_argument("--store-url", default=None, metavar="URL", help="its Graph Store Protocol endpoint")
    remote.add_argument(
        "--graph-base", default=None, metavar="IRI", help="the namespace the KB was published under"
    )
    cmd.add_argument(
        "--no-access-log", dest="access_log", action="store_false", help="do not log each request"
    )
    cmd.set_defaults(handler=serve)


def early_start(services: Services) -> Services:
    """Start what takes longest first: the SPARQL workers' zygote (another process) and the KB's load (a
    thread; pyoxigraph parses without the GIL) begin while the web stack is still being imported."""
    services.sparql.start()
    services.load_in_background()
    return services


def serve(services: Services, args: argparse.Namespace) -> int:
    import logging

    from itut_kb.services import Services

    overrides = {
        "host": args.host,
        "port": args.port,
        "sparql_workers": args.workers,
        "query_timeout_s": args.timeout,
        "store": args.store,
        "query_url": args.query_url,
        "update_url": args.update_url,
        "store_url": args.store_url,
        "graph_base": args.graph_base,
    }
    settings = services.settings.model_copy(update={k: v for k, v in overrides.items() if v is not None})
    logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(name)s: %(message)s")
    early = early_start(Services(settings))

    import uvicorn

    from itut_kb.api.access_log import log_config
    from itut_kb.api.app import create_app

    app = create_app(settings, early)
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        log_level="info",
        log_config=log_config(),  # request lines cut to 200 characters
        access_log=args.access_log,
    )
    return 0
