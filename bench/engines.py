"""Every .rq file of the project on another SPARQL engine, compared with the embedded store (issue 13).

    python bench/engines.py --name virtuoso --query-url http://127.0.0.1:8890/sparql \\
        --update-url http://127.0.0.1:8890/sparql --store-url http://127.0.0.1:8890/sparql-graph-crud

Publishes the KB to the server (`itut-kb publish`: every graph PUT and counted), then runs every query of
queries/ (lookups with their examples, checks, examples, rules, validation; the change effects on a scratch
state published under a graph namespace of its own) through the remote store and compares the answers with
the embedded store's. Writes bench/results/engines-<name>.md: the summary and every query that differs, with
the first rows that differ. Loopback only; bounded by the engine's answers (each request times out).
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from datetime import UTC, datetime
from pathlib import Path

from itut_kb.config import Settings
from itut_kb.living.states import History
from itut_kb.remote import portability
from itut_kb.remote.client import Endpoints, SparqlClient
from itut_kb.remote.kb import RemoteKB
from itut_kb.remote.layout import Names
from itut_kb.remote.publish import publish
from itut_kb.services import Services

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--name", required=True)
    parser.add_argument("--query-url", required=True)
    parser.add_argument("--update-url", required=True)
    parser.add_argument("--store-url", required=True)
    args = parser.parse_args()
    endpoints = Endpoints(args.query_url, args.update_url, args.store_url)
    client = SparqlClient(endpoints, timeout_s=120)
    embedded = Services(Settings(root=ROOT))
    started = time.perf_counter()
    published = publish(client, Names(), embedded.history, None, force=True)
    publish_s = time.perf_counter() - started
    remote = Services(
        Settings(root=ROOT, store="sparql", query_url=args.query_url, update_url=None, remote_timeout_s=120)
    )
    outcomes: list[portability.Outcome] = []
    for family, catalog in portability.catalogs(ROOT / "queries").items():
        if family == "changes":
            continue
        for _name, query in sorted(catalog.queries.items()):
            outcomes.append(
                portability.compare(family, query, embedded.kb, remote.kb, portability.params_of(query))
            )
    local, events = portability.scratch(embedded)
    names = Names("https://example.org/portability/graph/")
    publish(client, names, History(local, None, embedded.history.rules), None, force=True)
    scratch = RemoteKB(client, tuple(local.graph_names()), names, len(local))
    for name, query in sorted(portability.catalogs(ROOT / "queries")["changes"].queries.items()):
        found = portability.compare_effect(query, local, scratch, events)
        same = all(o.same for o in found)
        detail = "; ".join(o.detail for o in found if not o.same)
        outcomes.append(
            portability.Outcome(
                "changes", name, same, sum(o.embedded for o in found), sum(o.remote for o in found), detail
            )
        )
    same = sum(o.same for o in outcomes)
    print(f"{args.name}: {same}/{len(outcomes)} queries give the embedded store's answers")
    report = [
        f"# Every .rq file on {args.name}, compared with the embedded store",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d} on {platform.machine()} with {os.cpu_count()} CPUs by "
        f"`python bench/engines.py --name {args.name} …` (query endpoint {args.query_url}).",
        "",
        f"- publish: {published.triples:,} triples in {len(published.graphs)} graphs, {publish_s:.1f} s, every "
        "count verified",
        f"- **{same} of {len(outcomes)}** queries give the embedded store's answers",
        "",
    ]
    differing = [o for o in outcomes if not o.same]
    if differing:
        report += [
            "| family | query | rows here | rows there | first differences |",
            "|---|---|---:|---:|---|",
        ]
        for o in differing:
            detail = o.detail.replace("|", "\\|").replace("\n", " ")[:600]
            report.append(f"| {o.family} | {o.name} | {o.embedded} | {o.remote} | {detail} |")
    report.append("")
    (ROOT / "bench" / "results" / f"engines-{args.name}.md").write_text("\n".join(report), encoding="utf-8")
    print("\n".join(report))


if __name__ == "__main__":
    main()
