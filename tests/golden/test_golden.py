"""Golden results: every named query (queries/lookup/*.rq), run with its `#+ example:` parameters on the
real KB, must give the rows recorded in tests/golden/<query>/expected.json.

Rows are compared as a multiset of normalised rows (each term in N-Triples form, blank nodes renamed), so
that a change of row order within ties does not count. After a deliberate change of the KB or of a
query, regenerate with ``ITUT_KB_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/golden`` and review the
diff of the JSON files.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from itut_kb.catalog import Catalog
from itut_kb.store import KnowledgeBase, Term

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
REGENERATE = os.environ.get("ITUT_KB_REGEN_GOLDEN") == "1"
CATALOG = Catalog.load(ROOT / "queries" / "lookup")

pytestmark = pytest.mark.kb


def _term(term: Term) -> str:
    return "_:b" if isinstance(term, ox.BlankNode) else str(term)


def _key(row: dict[str, str]) -> str:
    return json.dumps(row, ensure_ascii=False, sort_keys=True)


@pytest.mark.parametrize("name", sorted(CATALOG.queries))
def test_golden(kb: KnowledgeBase, name: str) -> None:
    query = CATALOG.get(name)
    params = dict(query.example)
    missing = [p.name for p in query.params if p.default is None and p.name not in params]
    assert not missing, f"{query.path.name}: give '#+ example:' values for {', '.join(missing)}"
    rows = [{k: _term(v) for k, v in row.items()} for row in CATALOG.run(kb, name, **params)]
    path = HERE / name / "expected.json"
    if REGENERATE:
        path.parent.mkdir(exist_ok=True)
        doc = {"query": name, "params": params, "columns": list(query.columns), "rows": rows}
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert path.is_file(), f"no golden results for {name}: run ITUT_KB_REGEN_GOLDEN=1 pytest tests/golden"
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert expected["params"] == params, "the example parameters changed: regenerate"
    assert rows, f"{name} with {params} returns no rows: choose an example that shows something"
    assert Counter(map(_key, rows)) == Counter(map(_key, expected["rows"]))


def test_no_stale_golden_files() -> None:
    recorded = {p.parent.name for p in HERE.glob("*/expected.json")}
    assert recorded <= set(CATALOG.queries), (
        f"golden results of removed queries: {recorded - set(CATALOG.queries)}"
    )
