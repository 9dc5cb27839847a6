"""The services over the Oxigraph server answer as over the embedded store: the named-query goldens, the
owner of every Recommendation the KB knows, the rules cases, the validation examples, entity pages."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import ROOT
from itut_kb.catalog import Catalog
from itut_kb.services import Services
from itut_kb.submissions import SUFFIXES

pytestmark = [pytest.mark.remote, pytest.mark.kb]

CATALOG = Catalog.load(ROOT / "queries" / "lookup")
CASES = sorted((ROOT / "examples" / "cases").glob("*.json"))
SUBMISSIONS = sorted(
    p for p in (ROOT / "examples" / "submissions").glob("*/*") if p.parent.name != "unreadable"
)


def _term(term: object) -> str:
    return "_:b" if isinstance(term, ox.BlankNode) else str(term)


@pytest.mark.parametrize("name", sorted(CATALOG.queries))
def test_golden_over_the_server(name: str, remote: Services) -> None:
    """The rows of tests/golden/<query>/expected.json, answered by the server."""
    query = CATALOG.get(name)
    expected = json.loads((ROOT / "tests" / "golden" / name / "expected.json").read_text(encoding="utf-8"))
    rows = CATALOG.run(remote.kb, name, **expected["params"])
    got = Counter(
        json.dumps({k: _term(v) for k, v in r.items()}, sort_keys=True, ensure_ascii=False) for r in rows
    )
    want = Counter(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in expected["rows"])
    assert got == want, f"{query.path.name}: the server's rows differ from the golden ones"


def test_owner_of_every_recommendation(embedded: Services, remote: Services) -> None:
    numbers = sorted(
        str(r["number"].value)
        for r in embedded.kb.select(
            "PREFIX itut: <https://w3id.org/itut-kb/ontology#> "
            "SELECT DISTINCT ?number WHERE { ?r a itut:Recommendation ; itut:number ?number }"
        )
    )
    assert len(numbers) > 100
    assert remote.ownership.owners(numbers) == embedded.ownership.owners(numbers)
    assert remote.ownership.owner("Y.1501")["conflict"] is True


@pytest.mark.parametrize("case", CASES, ids=[p.stem for p in CASES])
def test_rules_case(case: Path, embedded: Services, remote: Services) -> None:
    doc = json.loads(case.read_text(encoding="utf-8"))
    assert remote.rules.apply(doc) == embedded.rules.apply(doc)


@pytest.mark.parametrize("path", SUBMISSIONS, ids=[f"{p.parent.name}-{p.name}" for p in SUBMISSIONS])
def test_validation_example(path: Path, embedded: Services, remote: Services) -> None:
    fmt = SUFFIXES[path.suffix]
    data = path.read_bytes()
    kind = "kb-change" if path.name.startswith("kb-change") else None
    mine = embedded.validation.validate(data, fmt, kind, name=path.name).as_json()
    theirs = remote.validation.validate(data, fmt, kind, name=path.name).as_json()
    assert theirs == mine


@pytest.mark.parametrize(
    "iri",
    [
        "resolution/2",
        "question/1-17",
        "group/SG17",
        "group/SG17/chair",
        "recommendation/X.1205",
        "assembly/WTSA-24/batch/B14",
    ],
)
def test_entity_page(iri: str, embedded: Services, remote: Services) -> None:
    full = "https://w3id.org/itut-kb/id/" + iri
    mine, theirs = embedded.entities.describe(full), remote.entities.describe(full)
    assert sorted(map(str, theirs.facts)) == sorted(map(str, mine.facts))
    assert sorted(map(str, theirs.links)) == sorted(map(str, mine.links))
