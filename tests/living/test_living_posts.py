"""post-appointed and post-vacated: a group keeps exactly one chair; vice-chairs fill vacancies or new posts."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from conftest import Living, change, messages

TSAG = {"body": "TSAG", "document": "TSAG-R5", "date": "2026-01-20"}


def _chair(living: Living, group: str = "SG17") -> Any:
    return living.services.lookup.study_group(group)["chair"]


def _clean(name: str) -> str:
    """The holder's name as the KB keeps it, without the honorific (issue 8 makes the KB's own names clean)."""
    for honorific in ("先生", "女士"):
        name = name.removesuffix(honorific)
    return name.strip()


def appointed(post: str, name: str, state: str = "中国", **more: str) -> dict[str, Any]:
    return change(
        "post-appointed",
        {"study_group": "SG17", "post": post, "name": name, "member_state": state, **more},
        effective="2026-02-01",
        authority=TSAG,
    )


def test_a_vice_chair_is_appointed_to_a_new_post(living: Living) -> None:
    before = living.services.lookup.study_group("SG17")["vice_chairs"]
    living.submit(appointed("vice-chair", "Jane DOE", honorific_zh="女士"))
    after = living.services.lookup.study_group("SG17")["vice_chairs"]
    assert len(after) == len(before) + 1
    assert any(v["name"].startswith("Jane DOE") and v["member_state_zh"] == "中国" for v in after)
    old = living.services.view(as_of=date(2026, 1, 31)).lookup.study_group("SG17")["vice_chairs"]
    assert old == before


def test_a_chair_is_not_appointed_over_a_sitting_chair(living: Living) -> None:
    report = living.rejected(appointed("chair", "Jane DOE"))
    assert any("SG17 has a chair" in m and "exactly one chair" in m for m in messages(report)), messages(
        report
    )


def test_a_chair_replaces_the_sitting_chair_by_name(living: Living) -> None:
    sitting = _clean(_chair(living)["name"])
    living.submit(appointed("chair", "Jane DOE", "美国", replaces=sitting, honorific_zh="女士"))
    chair = _chair(living)
    assert chair["name"].startswith("Jane DOE")
    assert chair["member_state_zh"] == "美国"
    assert (
        _clean(living.services.view(as_of=date(2026, 1, 31)).lookup.study_group("SG17")["chair"]["name"])
        == sitting
    )


def test_a_vacated_and_appointed_pair_replaces_the_chair(living: Living) -> None:
    sitting = _clean(_chair(living)["name"])
    doc = {
        "effective": "2026-02-01",
        "authority": TSAG,
        "events": [
            {"kind": "post-vacated", "data": {"study_group": "SG17", "post": "chair", "name": sitting}},
            {
                "kind": "post-appointed",
                "data": {
                    "study_group": "SG17",
                    "post": "chair",
                    "name": "Li LEI",
                    "honorific_zh": "先生",
                    "member_state": "中国",
                },
            },
        ],
    }
    record = living.submit(doc)
    assert record.kind == "post-vacated+post-appointed"
    assert _chair(living)["name"].startswith("Li LEI")


def test_a_chair_left_vacant_is_refused(living: Living) -> None:
    sitting = _clean(_chair(living)["name"])
    report = living.rejected(
        change("post-vacated", {"study_group": "SG17", "post": "chair", "name": sitting}, authority=TSAG)
    )
    assert any("chair post is vacant" in m for m in messages(report)), messages(report)


def test_a_vice_chair_post_vacated_stays_as_a_vacancy(living: Living) -> None:
    vice = living.services.lookup.study_group("SG17")["vice_chairs"][0]
    living.submit(
        change(
            "post-vacated",
            {"study_group": "SG17", "post": "vice-chair", "name": _clean(vice["name"])},
            authority=TSAG,
        )
    )
    after = living.services.lookup.study_group("SG17")["vice_chairs"]
    assert all(v["name"] != vice["name"] for v in after)
    rows = living.services.lookup.rows("posts-of-group", group="SG17")
    assert sum(1 for r in rows if r["vacant"]) == 1


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        (appointed("vice-chair", "Jane DOE", "亚特兰蒂斯"), "no Member State named"),
        (appointed("vice-chair", "Jane DOE女士"), "carries an honorific"),
        (appointed("vice-chair", "Jane DOE", replaces="Nobody HERE"), 'Nobody named "Nobody HERE"'),
        (appointed("rapporteur", "Jane DOE"), "chair or vice-chair"),
        (
            change(
                "post-appointed",
                {"study_group": "SG99", "post": "chair", "name": "X Y", "member_state": "中国"},
                authority=TSAG,
            ),
            "one existing group",
        ),
        (
            change(
                "post-vacated",
                {"study_group": "SG17", "post": "vice-chair", "name": "Nobody HERE"},
                authority=TSAG,
            ),
            'Nobody named "Nobody HERE" holds that post in SG17',
        ),
    ],
    ids=[
        "unknown-state",
        "honorific-in-name",
        "replaces-nobody",
        "unknown-post",
        "unknown-group",
        "vacate-not-held",
    ],
)
def test_a_bad_post_change_is_refused(living: Living, doc: dict[str, Any], expected: str) -> None:
    report = living.rejected(doc)
    assert any(expected in m for m in messages(report)), messages(report)
