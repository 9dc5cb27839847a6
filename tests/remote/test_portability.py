"""Every .rq file of the project runs unchanged on the Oxigraph server and gives the embedded store's answers.

Lookups, checks, examples, rules and validation queries run on the published KB; the effect queries of the
living KB (queries/changes/) run on a scratch state (the KB plus, in the gate's `pending` graph, one change
of every kind, read and enriched as the gate reads them), published under a graph namespace of its own.
"""

from __future__ import annotations

import pytest

from conftest import ROOT, Server
from itut_kb.living.states import History
from itut_kb.remote import portability
from itut_kb.remote.client import SparqlClient
from itut_kb.remote.kb import RemoteKB
from itut_kb.remote.layout import Names
from itut_kb.remote.publish import publish
from itut_kb.services import Services
from itut_kb.store import EmbeddedKB

pytestmark = [pytest.mark.remote, pytest.mark.kb]

CATALOGS = portability.catalogs(ROOT / "queries")
READ_FAMILIES = [f for f in portability.FAMILIES if f != "changes"]


@pytest.mark.parametrize(
    ("family", "name"), [(f, n) for f in READ_FAMILIES for n in sorted(CATALOGS[f].queries)]
)
def test_query_runs_the_same(family: str, name: str, embedded: Services, remote: Services) -> None:
    query = CATALOGS[family].get(name)
    assert type(remote.kb).__name__ == "RemoteKB"
    outcome = portability.compare(family, query, embedded.kb, remote.kb, portability.params_of(query))
    assert outcome.same, f"{family}/{name}: {outcome.detail}"


@pytest.fixture(scope="module")
def scratch(oxigraph: Server, embedded: Services) -> tuple[EmbeddedKB, RemoteKB, list[portability.Event]]:
    """The KB with one change of every kind in the pending graph: here, and on the server."""
    local, events = portability.scratch(embedded)
    names = Names("https://example.org/portability/graph/")
    client = SparqlClient(oxigraph.endpoints)
    publish(client, names, History(local, None, embedded.history.rules), None)
    return local, RemoteKB(client, tuple(local.graph_names()), names, len(local)), events


@pytest.mark.parametrize("name", sorted(CATALOGS["changes"].queries))
def test_effect_query_runs_the_same(
    name: str, scratch: tuple[EmbeddedKB, RemoteKB, list[portability.Event]]
) -> None:
    local, remote, events = scratch
    query = CATALOGS["changes"].get(name)
    outcomes = portability.compare_effect(query, local, remote, events)
    assert outcomes, f"no sample change for {name}"
    for outcome in outcomes:
        assert outcome.same, f"{name}: {outcome.detail}"
        assert outcome.embedded > 0 or not name.endswith("-adds"), (
            f"{name} builds nothing: the sample shows nothing"
        )
