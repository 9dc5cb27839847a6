"""docs/api.md documents every named query (the API serves them all) and every setting of the server."""

from __future__ import annotations

from pathlib import Path

import pytest

from itut_kb.catalog import Catalog
from itut_kb.config import Settings

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
SERVER_SETTINGS = tuple(Settings.model_fields)  # every setting, so that a new one cannot go undocumented


@pytest.mark.parametrize("name", sorted(Catalog.load(ROOT / "queries" / "lookup").queries))
def test_named_query_is_documented(name: str) -> None:
    assert f"| `{name}` |" in DOC, f"add {name} to the table of named queries in docs/api.md"


@pytest.mark.parametrize("setting", SERVER_SETTINGS)
def test_setting_is_documented(setting: str) -> None:
    assert f"| `{setting}` | `ITUT_KB_{setting.upper()}` |" in DOC
