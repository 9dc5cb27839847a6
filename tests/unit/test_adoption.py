"""The WTSA-24 status rule (itut_kb.extract.adoption) on hand-made headings and histories."""

from __future__ import annotations

import pytest

from itut_kb.extract.adoption import AdoptionError, wtsa24_status
from itut_kb.extract.model import RevisionEvent

WTSA24 = RevisionEvent(2024, "新德里")
EARLIER = (RevisionEvent(1993, "赫尔辛基"), RevisionEvent(2022, "日内瓦"))


@pytest.mark.parametrize(
    ("heading", "history", "status"),
    [
        ("第2号决议（2024年，新德里，修订版）", (*EARLIER, WTSA24), "revised"),
        ("第101号决议（2024年，新德里）", (WTSA24,), "new"),
        ("第1号决议（2022年，日内瓦，修订版）", EARLIER, "unchanged"),
        ("第83号决议（2016年，哈马马特）", (RevisionEvent(2016, "哈马马特"),), "unchanged"),
        # a change agreed between assemblies (no city) does not count as an assembly
        ("第2号决议（2024年，新德里，修订版）", (EARLIER[0], RevisionEvent(2009, None), WTSA24), "revised"),
    ],
)
def test_status(heading: str, history: tuple[RevisionEvent, ...], status: str) -> None:
    assert wtsa24_status(heading, history) == status


@pytest.mark.parametrize(
    ("heading", "history"),
    [
        ("第101号决议（2024年，新德里）", (*EARLIER, WTSA24)),  # "new" with an earlier history
        ("第2号决议（2024年，新德里，修订版）", (WTSA24,)),  # "revised" with nothing to revise
        ("第1号决议（2022年，日内瓦，修订版）", (*EARLIER, WTSA24)),  # "unchanged" but revised in 2024
        ("第1号决议", EARLIER),  # no assembly in the heading
    ],
)
def test_a_heading_that_disagrees_with_its_history_stops_the_build(
    heading: str, history: tuple[RevisionEvent, ...]
) -> None:
    with pytest.raises(AdoptionError):
        wtsa24_status(heading, history)
