"""Every .rq file of the project runs unchanged on the Oxigraph server and gives the embedded store's answers.

Lookups, checks, examples, rules and validation queries run on the published KB; the effect queries of the
living KB (queries/changes/) run on a scratch state (the KB plus, in the gate's `pending` graph, one change
of every kind, read and enriched as the gate reads them), published under a graph namespace of its own.
"""

from __future__ import annotations

import json
from datetime import date

import pyoxigraph as ox
import pytest

from conftest import ROOT, Server
from itut_kb.living import documents
from itut_kb.living.enrichment import enrich
from itut_kb.living.gate import PENDING, quads_of
from itut_kb.living.states import copy_store
from itut_kb.remote import portability
from itut_kb.remote.client import SparqlClient
from itut_kb.remote.kb import RemoteKB
from itut_kb.remote.layout import Names
from itut_kb.remote.publish import publish
from itut_kb.services import Services
from itut_kb.store import EmbeddedKB
from itut_kb.submissions import InputFormat

pytestmark = [pytest.mark.remote, pytest.mark.kb]

CATALOGS = portability.catalogs(ROOT / "queries")
READ_FAMILIES = [f for f in portability.FAMILIES if f != "changes"]
AUTHORITY = {"body": "SG17", "document": "SG17-R12", "date": "2025-09-05"}
CHANGES = [
    {
        "kind": "question-approved",
        "data": {"study_group": "SG17", "id": "16/17", "title_zh": "量子安全密钥管理"},
    },
    {"kind": "question-deleted", "data": {"study_group": "SG17", "id": "1/17"}},
    {
        "events": [
            {
                "kind": "post-vacated",
                "data": {"study_group": "SG17", "post": "chair", "name": "Arnaud TADDEI"},
            },
            {
                "kind": "post-appointed",
                "data": {
                    "study_group": "SG17",
                    "post": "chair",
                    "name": "Jane ROE",
                    "honorific_zh": "女士",
                    "member_state": "中国",
                },
            },
        ]
    },
    {
        "kind": "recommendation-approved",
        "data": {
            "number": "X.1281",
            "title": "Identity proofing",
            "study_group": "SG17",
            "procedure": "AAP",
            "approval_date": "2025-09-05",
            "questions": ["2/17"],
            "policy_or_regulatory": False,
        },
    },
    {
        "kind": "responsibility-amended",
        "data": {"study_group": "SG17", "action": "add", "text_zh": "ITU-T X.1281"},
    },
]


@pytest.mark.parametrize(
    ("family", "name"), [(f, n) for f in READ_FAMILIES for n in sorted(CATALOGS[f].queries)]
)
def test_query_runs_the_same(family: str, name: str, embedded: Services, remote: Services) -> None:
    query = CATALOGS[family].get(name)
    assert type(remote.kb).__name__ == "RemoteKB"
    outcome = portability.compare(family, query, embedded.kb, remote.kb, portability.params_of(query))
    assert outcome.same, f"{family}/{name}: {outcome.detail}"


@pytest.fixture(scope="module")
def scratch(
    oxigraph: Server, embedded: Services
) -> tuple[EmbeddedKB, RemoteKB, list[tuple[str, ox.NamedNode, ox.NamedNode]]]:
    """The KB with one change of every kind in the pending graph: here, and on the server."""
    gate = embedded.gate if embedded.change_log is not None else _reader(embedded)
    store = copy_store(embedded.history.baseline.store)
    events: list[tuple[str, ox.NamedNode, ox.NamedNode]] = []
    for k, body in enumerate(CHANGES):
        doc_json = {"id": f"portability-{k}", "effective": "2025-09-05", "authority": AUTHORITY, **body}
        data = json.dumps(doc_json, ensure_ascii=False).encode("utf-8")
        doc = documents.read(data, InputFormat.JSON, embedded.schema.context, gate.kinds)
        extra, _readings = enrich(doc, embedded.ownership.owner, date(2025, 9, 5), 366)
        store.extend(quads_of(doc.graph, PENDING))
        store.extend(quads_of(extra, PENDING))
        events += [
            (kind, ox.NamedNode(str(e)), ox.NamedNode(str(doc.node)))
            for e, kind in zip(doc.events, doc.kinds, strict=True)
        ]
    local = EmbeddedKB(store)
    names = Names("https://example.org/portability/graph/")
    client = SparqlClient(oxigraph.endpoints)
    history = type(embedded.history)(local, None, embedded.history.rules)
    publish(client, names, history, None)
    return local, RemoteKB(client, tuple(local.graph_names()), names, len(local)), events


def _reader(services: Services):  # type: ignore[no-untyped-def]
    """The gate's reading of change kinds, without a change log."""
    from itut_kb.living.gate import Gate

    return Gate(services, None)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(CATALOGS["changes"].queries))
def test_effect_query_runs_the_same(
    name: str, scratch: tuple[EmbeddedKB, RemoteKB, list[tuple[str, ox.NamedNode, ox.NamedNode]]]
) -> None:
    local, remote, events = scratch
    query = CATALOGS["changes"].get(name)
    if not query.params:
        outcome = portability.compare("changes", query, local, remote, {})
        assert outcome.same, outcome.detail
        return
    kind = name.rsplit("-", 1)[0]
    mine = [(e, c) for k, e, c in events if k == kind]
    assert mine, f"no sample change of kind {kind}"
    for event, change in mine:
        params = {p.name: (event if p.name == "event" else change).value for p in query.params}
        outcome = portability.compare("changes", query, local, remote, params)
        assert outcome.same, f"{name} on {event.value}: {outcome.detail}"
        assert outcome.embedded > 0 or name.endswith("-removes"), (
            f"{name} builds nothing: the sample shows nothing"
        )
