"""The SHACL-AF rule (ontology/rules/responsibility.ttl) and the named query `owner` agree on every Recommendation.

data/kb/inferred-responsibility.ttl holds the rule's output (written by `itut-kb build`, which the build test
proves reproducible); here every Recommendation node of the KB is also asked through the service.
"""

from __future__ import annotations

import pytest

from itut_kb.catalog import Catalog
from itut_kb.config import Settings
from itut_kb.ownership import Ownership
from itut_kb.store import KnowledgeBase

pytestmark = pytest.mark.kb

QUERY = """PREFIX itut: <https://w3id.org/itut-kb/ontology#>
SELECT ?number ?groupId WHERE {
  ?rec a itut:Recommendation ; itut:number ?number .
  OPTIONAL { ?rec itut:responsibleGroup/itut:groupId ?groupId }
}"""


def test_rule_output_equals_the_named_query_for_every_recommendation(
    kb: KnowledgeBase, settings: Settings
) -> None:
    inferred: dict[str, set[str]] = {}
    for row in kb.select(QUERY):
        groups = inferred.setdefault(row["number"].value, set())
        if "groupId" in row:
            groups.add(row["groupId"].value)
    assert len(inferred) > 100
    ownership = Ownership(kb, Catalog.load(settings.queries_dir / "lookup"))
    answered = {number: set(ownership.owner(number)["owners"]) for number in inferred}
    assert inferred == answered


def test_responsible_group_is_a_plain_triple_pattern(kb: KnowledgeBase) -> None:
    rows = kb.select(
        "PREFIX itut: <https://w3id.org/itut-kb/ontology#> "
        "SELECT ?g WHERE { <https://w3id.org/itut-kb/id/recommendation/Y.1501> itut:responsibleGroup ?g }"
    )
    assert sorted(r["g"].value.rsplit("/", 1)[-1] for r in rows) == ["SG12", "SG15"]
