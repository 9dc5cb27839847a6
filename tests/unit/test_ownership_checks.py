"""`*-warning.rq` checks are reported as warnings: the ownership conflict check on the tiny KB and a fixture."""

from __future__ import annotations

from pathlib import Path

from itut_kb.catalog import Catalog
from itut_kb.checks import violation_query_findings
from itut_kb.config import Settings
from itut_kb.store import KnowledgeBase

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "warnings" / "ownership-conflict.ttl"


def test_conflict_check_is_silent_on_the_tiny_kb_and_warns_on_its_fixture(tiny_settings: Settings) -> None:
    catalog = Catalog.load(ROOT / "queries" / "checks")
    query = catalog.get("ownership-conflict")
    assert query.path.name.endswith("-warning.rq")
    assert KnowledgeBase.load(tiny_settings).select(query.text) == []
    broken = KnowledgeBase.load(tiny_settings, extra=[("broken", FIXTURE)])
    findings = [f for f in violation_query_findings(broken, catalog) if f.check == "ownership-conflict"]
    assert [f.severity for f in findings] == ["Warning"]


def test_a_joint_responsibility_is_no_conflict(tiny_settings: Settings, tmp_path: Path) -> None:
    joint = tmp_path / "joint.ttl"
    joint.write_text(
        FIXTURE.read_text(encoding="utf-8")
        + "<https://w3id.org/itut-kb/id/group/SG17/annex-c/1/scope/1> itut:jointWith "
        "<https://w3id.org/itut-kb/id/group/SG2> .\n",
        encoding="utf-8",
    )
    catalog = Catalog.load(ROOT / "queries" / "checks")
    kb = KnowledgeBase.load(tiny_settings, extra=[("joint", joint)])
    assert kb.select(catalog.get("ownership-conflict").text) == []
