"""recommendation-approved and responsibility-amended: Annex C as amended so far decides, from each
amendment's effective date on; the derived responsible group follows every state."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from conftest import Living, change, messages

TSAG = {"body": "TSAG", "document": "TSAG-R7", "date": "2026-01-20"}


def approved(**data: Any) -> dict[str, Any]:
    base = {
        "number": "X.1281",
        "title": "Identity proofing for online services",
        "study_group": "SG17",
        "procedure": "AAP",
        "approval_date": "2025-09-05",
        "questions": ["10/17"],
        "policy_or_regulatory": False,
    }
    return change("recommendation-approved", {**base, **data})


def _responsible(living: Living, number: str, as_of: date | None = None) -> set[str]:
    rows = living.services.view(as_of=as_of).kb.select(
        "PREFIX itut: <https://w3id.org/itut-kb/ontology#> "
        "SELECT ?n ?id WHERE { ?rec itut:number ?n ; itut:responsibleGroup/itut:groupId ?id }",
        {"n": __import__("pyoxigraph").Literal(number)},
    )
    return {r["id"].value for r in rows}


def test_an_approved_recommendation_gets_its_facts_and_its_responsible_group(living: Living) -> None:
    living.submit(approved())
    rec = living.services.lookup.recommendation("X.1281")
    assert rec["number"] == "X.1281"
    assert _responsible(living, "X.1281") == {"SG17"}
    facts = living.services.kb.select(
        "PREFIX itut: <https://w3id.org/itut-kb/ontology#> "
        "SELECT ?g ?p ?d ?q WHERE { <https://w3id.org/itut-kb/id/recommendation/X.1281> itut:approvingGroup ?g ; "
        "itut:approvedWith ?p ; itut:approvalDate ?d ; itut:approvedUnder ?q }"
    )
    assert [
        (
            r["g"].value.rsplit("/", 1)[-1],
            r["p"].value.rsplit("#", 1)[-1],
            r["d"].value,
            r["q"].value.rsplit("/", 1)[-1],
        )
        for r in facts
    ] == [("SG17", "AAP", "2025-09-05", "10-17")]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"study_group": "SG15", "questions": ["2/15"]}, "SG17 is responsible for X.1281, not SG15"),
        ({"policy_or_regulatory": True}, "AAP does not apply"),
        ({"questions": ["2/15"]}, "Question 2/15 belongs to SG15, not SG17"),
        ({"questions": []}, "names its Question"),
        ({"approval_date": "2025-09-06"}, "after the change's effective date"),
        ({"number": "X.abc"}, "cannot be read"),
        ({"procedure": "FAST"}, "TAP or AAP"),
        ({"title": None}, "has a title"),
    ],
    ids=[
        "wrong-group",
        "policy-by-aap",
        "other-groups-question",
        "no-question",
        "approved-later",
        "bad-number",
        "bad-procedure",
        "no-title",
    ],
)
def test_a_bad_approval_is_refused(living: Living, data: dict[str, Any], expected: str) -> None:
    doc = approved(**data)
    doc["data"] = {k: v for k, v in doc["data"].items() if v is not None}
    report = living.rejected(doc)
    assert any(expected in m for m in messages(report)), messages(report)


def _line(action: str, **data: Any) -> dict[str, Any]:
    return change(
        "responsibility-amended",
        {"study_group": "SG17", "action": action, **data},
        effective="2026-02-01",
        authority=TSAG,
    )


def test_an_annex_c_line_added_by_tsag_moves_ownership_from_its_date(living: Living) -> None:
    assert living.services.ownership.owner("Z.550")["owners"] == ["SG11"]
    living.submit(_line("add", text_zh="ITU-T Z.500 – ITU-T Z.599"))
    now = living.services.ownership.owner("Z.550")
    assert now["owners"] == ["SG17"]
    assert now["basis"][0]["scope"] == "Z.500 – Z.599"
    before = living.services.view(as_of=date(2026, 1, 31)).ownership.owner("Z.550")
    assert before["owners"] == ["SG11"]
    lines = living.services.ownership.responsibilities("SG17")
    assert lines[-1]["text_zh"] == "ITU-T Z.500 – ITU-T Z.599"


def test_a_recommendation_approved_after_an_amendment_follows_it(living: Living) -> None:
    living.submit(_line("add", text_zh="ITU-T Z.500 – ITU-T Z.599"))
    doc = approved(number="Z.550", questions=["10/17"])
    doc["effective"] = "2026-03-01"
    doc["data"]["approval_date"] = "2026-03-01"
    living.submit(doc)
    assert _responsible(living, "Z.550") == {"SG17"}
    early = approved(number="Z.551", questions=["10/17"])  # before the amendment: Z is SG11's
    report = living.rejected(early)
    assert any("SG11 is responsible for Z.551" in m for m in messages(report)), messages(report)


def test_an_annex_c_line_changed_and_removed(living: Living) -> None:
    lines = living.services.ownership.responsibilities("SG17")
    last = len(lines)
    living.submit(_line("add", text_zh="ITU-T Z.500 – ITU-T Z.599"))
    living.submit(_line("change", entry=last + 1, text_zh="ITU-T Z.500 – ITU-T Z.549"))
    assert living.services.ownership.owner("Z.550")["owners"] == ["SG11"]
    assert living.services.ownership.owner("Z.540")["owners"] == ["SG17"]
    living.submit(_line("remove", entry=last + 1))
    assert living.services.ownership.owner("Z.540")["owners"] == ["SG11"]
    assert len(living.services.ownership.responsibilities("SG17")) == last


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        (
            {
                **_line("add", text_zh="ITU-T Z.500 – ITU-T Z.599"),
                "authority": {"body": "SG17", "document": "R1"},
            },
            "amended by TSAG, not SG17",
        ),
        (_line("add", text_zh="不是一个编号"), "cannot be read into scopes"),
        (_line("change", entry=99, text_zh="ITU-T Z.500系列"), "SG17 has no Annex C line 99"),
        (_line("remove"), "SG17 has no Annex C line ?"),
        (_line("add"), "needs its text"),
        (_line("rename", text_zh="ITU-T Z.500系列"), "add, change or remove"),
    ],
    ids=["not-tsag", "unreadable", "no-such-line", "no-entry", "no-text", "bad-action"],
)
def test_a_bad_amendment_is_refused(living: Living, doc: dict[str, Any], expected: str) -> None:
    report = living.rejected(doc)
    assert any(expected in m for m in messages(report)), messages(report)
