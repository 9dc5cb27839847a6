"""What WTSA-24 did to each Resolution in force (new, revised, unchanged), against the headings of Part I.

The headings are read here with their own pattern, independently of itut_kb.extract.adoption.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from itut_kb.catalog import Catalog
from itut_kb.config import Settings
from itut_kb.lookup import Lookup
from itut_kb.store import KnowledgeBase

pytestmark = pytest.mark.kb

SOURCE = (Path(__file__).resolve().parents[2] / "data" / "source" / "000_03ba4204751c90f1.txt").read_text(
    encoding="utf-8"
)
PART_I = SOURCE[: SOURCE.index("WTSA-24废止的决议")]
HEADING = re.compile(r"^\s*第(\d+)号决议（(\d{4})年，([^，）]+)(，修订版)?）\s*\d?\s*$", re.M)


def _from_headings() -> dict[str, set[int]]:
    out: dict[str, set[int]] = {"new": set(), "revised": set(), "unchanged": set()}
    for m in HEADING.finditer(PART_I):
        at_wtsa24 = (m.group(2), m.group(3)) == ("2024", "新德里")
        status = ("revised" if m.group(4) else "new") if at_wtsa24 else "unchanged"
        out[status].add(int(m.group(1)))
    return out


@pytest.fixture(scope="module")
def lookup(settings: Settings) -> Lookup:
    return Lookup(KnowledgeBase.load(settings), Catalog.load(settings.queries_dir / "lookup"))


def test_the_headings_give_8_new_44_revised_13_unchanged() -> None:
    counts = {status: len(numbers) for status, numbers in _from_headings().items()}
    assert counts == {"new": 8, "revised": 44, "unchanged": 13}


@pytest.mark.parametrize("status", ["new", "revised", "unchanged"])
def test_each_named_query_answers_its_headings(lookup: Lookup, status: str) -> None:
    assert {r["num"] for r in lookup.rows(f"resolutions-{status}")} == _from_headings()[status]


@pytest.mark.parametrize("status", ["new", "revised", "unchanged"])
def test_the_status_filter_answers_its_headings(lookup: Lookup, status: str) -> None:
    items = lookup.resolutions(status=status)
    assert {r["number"] for r in items} == _from_headings()[status]
    assert all(r["wtsa24_status"] == status for r in items)
    assert all(r["revised_at_wtsa24"] == (status == "revised") for r in items)


def test_revised_filter_keeps_its_old_meaning_without_the_new_ones(lookup: Lookup) -> None:
    headings = _from_headings()
    assert {r["number"] for r in lookup.resolutions(revised=True)} == headings["revised"]
    assert {r["number"] for r in lookup.resolutions(revised=False)} == headings["new"] | headings["unchanged"]


def test_a_new_resolution_has_wtsa24_alone_in_its_history(lookup: Lookup) -> None:
    for number in sorted(_from_headings()["new"]):
        history = lookup.resolution(str(number))["history"]
        assert [(h["year"], h["city_zh"]) for h in history] == [(2024, "新德里")], number


def test_the_abrogated_resolution_has_no_status(lookup: Lookup) -> None:
    res80 = lookup.resolution("80")
    assert res80["status"] == "abrogated"
    assert res80["wtsa24_status"] is None
    assert res80["revised_at_wtsa24"] is False
