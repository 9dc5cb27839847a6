"""Every `queries/checks/*-violation.rq` returns no rows on the tiny KB and fires on its fixture."""

from __future__ import annotations

from pathlib import Path

import pytest

from itut_kb.catalog import Catalog
from itut_kb.checks import run_checks
from itut_kb.config import Settings
from itut_kb.store import KnowledgeBase

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "checks"
VIOLATION_QUERIES = sorted((ROOT / "queries" / "checks").glob("*-violation.rq"))


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load(ROOT / "queries" / "checks")


def test_every_violation_query_has_a_fixture() -> None:
    names = {p.name.removesuffix("-violation.rq") for p in VIOLATION_QUERIES}
    assert names == {p.stem for p in FIXTURES.glob("*.ttl")}


@pytest.mark.parametrize("query", VIOLATION_QUERIES, ids=lambda p: p.stem)
def test_query_is_silent_on_the_tiny_kb_and_fires_on_its_fixture(
    tiny_settings: Settings, catalog: Catalog, query: Path
) -> None:
    name = query.name.removesuffix("-violation.rq")
    text = catalog.get(name).text
    assert KnowledgeBase.load(tiny_settings).select(text) == []
    broken = KnowledgeBase.load(tiny_settings, extra=[("broken", FIXTURES / f"{name}.ttl")])
    assert broken.select(text) != []


def test_check_command_reports_zero_violations_on_tiny_kb(tiny_settings: Settings) -> None:
    report = run_checks(tiny_settings)
    assert report.ok, report.as_text()
    assert "shacl" in report.checks_run
    assert len(report.checks_run) == 1 + len(list((ROOT / "queries" / "checks").glob("*.rq")))  # -warning too
