"""`itut-kb publish` with accepted changes: the store holds the current state and the same log (versions,
diffs, authors), a replica over it answers from it, publishing again replaces without duplicating, and a
store whose log has changes the source lacks is not overwritten without --force."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, Server, _history_over
from itut_kb.config import Settings
from itut_kb.errors import ConflictError
from itut_kb.living.gate import Gate
from itut_kb.remote.client import SparqlClient
from itut_kb.remote.layout import Names
from itut_kb.remote.publish import publish
from itut_kb.services import Services
from itut_kb.submissions import InputFormat

pytestmark = [pytest.mark.remote, pytest.mark.kb]

BASE = "https://example.org/publish/graph/"
CHANGE = {
    "id": "publish-q16",
    "kind": "question-approved",
    "effective": "2025-09-05",
    "authority": {"body": "SG17", "document": "SG17-R12", "date": "2025-09-05"},
    "data": {"study_group": "SG17", "id": "16/17", "title_zh": "发布测试"},
}


def _local(template: Services, store_dir: Path) -> Services:
    services = Services(Settings(root=ROOT, store_dir=store_dir))
    for name in ("catalog", "examples", "rules_catalog", "schema"):
        services.__dict__[name] = getattr(template, name)
    services.__dict__["history"] = _history_over(services, template)
    gate = Gate(services, services.require_log())
    gate.__dict__.update(
        {n: getattr(Gate(template, services.require_log()), n) for n in ("effects", "kinds")}
    )
    services.__dict__["gate"] = gate
    return services


def test_publish_with_changes(oxigraph: Server, embedded: Services, tmp_path: Path) -> None:
    local = _local(embedded, tmp_path / "store")
    agent = local.tokens.verify(local.tokens.create("alice", "editor"))
    local.gate.submit(json.dumps(CHANGE, ensure_ascii=False).encode("utf-8"), InputFormat.JSON, agent)
    client = SparqlClient(oxigraph.endpoints)
    first = publish(client, Names(BASE), local.history, local.change_log, with_tokens=True)
    assert first.changes == 1
    assert first.tokens == 1
    again = publish(client, Names(BASE), local.history, local.change_log, with_tokens=True)
    assert again.graphs == first.graphs  # replaced, not duplicated (every count verified by publish)

    replica = Services(oxigraph.settings(graph_base=BASE, update_url=None))
    replica.__dict__["history"] = _history_over(replica, embedded)
    assert replica.lookup.question("16/17")["created_by_change"] == "publish-q16"
    assert type(replica.view().kb).__name__ == "RemoteKB"
    [mine] = local.require_log().records()
    [theirs] = replica.change_log.records()  # type: ignore[union-attr]
    assert theirs == mine  # the same record: version, document, event, diffs, author
    assert [t["name"] for t in replica.change_log.token_rows()] == ["alice"]  # type: ignore[union-attr]

    bare = Services(Settings(root=ROOT))  # a source without the store's change
    with pytest.raises(ConflictError, match="publish-q16"):
        publish(client, Names(BASE), bare.history, None)
