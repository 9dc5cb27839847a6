"""The OWL reasoner (owlready2 + HermiT) finds the ontology plus data consistent, and does catch clashes."""

from __future__ import annotations

from pathlib import Path

import pytest

from itut_kb.config import Settings
from itut_kb.reasoner import ReasonerLoadError, consistency_problems

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
pytestmark = [pytest.mark.kb, pytest.mark.slow]


def test_real_kb_is_consistent(real_kb_consistency: list[str]) -> None:
    assert real_kb_consistency == []  # HermiT over the ontology and data/kb, run in the background


@pytest.fixture(scope="module")
def tiny(settings: Settings) -> list[Path]:
    """The ontology and the tiny fixture KB, consistent on their own (checked once: HermiT is a JVM)."""
    files = [settings.ontology_dir / "itut.ttl", FIXTURES / "kb" / "tiny.ttl"]
    assert consistency_problems(files) == []
    return files


@pytest.mark.parametrize("broken", sorted((FIXTURES / "reasoner").glob("*.ttl")), ids=lambda p: p.stem)
def test_reasoner_catches_a_deliberate_inconsistency(tiny: list[Path], broken: Path) -> None:
    problems = consistency_problems([*tiny, broken])
    assert problems
    assert "inconsistent" in problems[0]


def test_a_load_that_brings_no_ontology_fails_loudly(tmp_path: Path) -> None:
    empty = tmp_path / "empty.ttl"
    empty.write_text(
        "<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n", encoding="utf-8"
    )
    with pytest.raises(ReasonerLoadError):
        consistency_problems([empty])
