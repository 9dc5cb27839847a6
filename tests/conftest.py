"""Shared fixtures: settings for the real KB and for the tiny hand-written fixture KB."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from itut_kb.config import Settings

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def settings() -> Settings:
    """The project's own ontology, queries and committed KB."""
    return Settings(root=ROOT)


@pytest.fixture(scope="session")
def tiny_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The project's ontology, shapes and queries over the tiny fixture KB instead of data/kb/."""
    root = tmp_path_factory.mktemp("tiny")
    for folder in ("ontology", "queries"):
        (root / folder).symlink_to(ROOT / folder)
    (root / "data").mkdir()
    shutil.copytree(FIXTURES / "kb", root / "data" / "kb")
    return Settings(root=root)
