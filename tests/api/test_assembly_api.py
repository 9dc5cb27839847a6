"""The Assembly's record over HTTP (/api/assembly/…, and the decision history of /api/resolutions/{n})."""

from __future__ import annotations

import httpx
import pytest
from test_lookup_api import envelope


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/assembly/meetings/x", 422, "invalid_parameter"),
        ("/api/assembly/meetings/9", 404, "not_found"),
        ("/api/assembly/decisions?text=", 422, "invalid_parameter"),
        ("/api/assembly/decisions?text=%E7%AC%AC%E4%BA%8C", 422, "invalid_parameter"),  # 第二
        ("/api/assembly/decisions?text=999", 404, "not_found"),
        ("/api/assembly/decisions?text=XYZ", 404, "not_found"),
        ("/api/assembly/decisions?limit=0", 422, "invalid_parameter"),
        ("/api/assembly/meetings?offset=-1", 422, "invalid_parameter"),
    ],
)
def test_error_cases(http: httpx.Client, url: str, status: int, code: str) -> None:
    response = http.get(url)
    assert response.status_code == status
    assert envelope(response)["code"] == code


def test_meetings(http: httpx.Client) -> None:
    page = http.get("/api/assembly/meetings").json()
    plenaries = [m for m in page["items"] if m["body"] == "plenary"]
    assert [(m["number"], m["date"]) for m in plenaries] == [
        (1, "2024-10-15"),
        (2, "2024-10-18"),
        (3, "2024-10-23"),
        (4, "2024-10-24"),
    ]
    assert page["total"] == 4 + 13  # and the committees' meetings: 2 + 5 + 6
    assert {m["body"] for m in page["items"]} == {"plenary", "COM2", "COM3", "COM4"}


def test_one_meeting(http: httpx.Client) -> None:
    meeting = http.get("/api/assembly/meetings/3").json()
    assert (meeting["date"], meeting["start"], meeting["end"]) == (
        "2024-10-23",
        "2024-10-23T14:30:00+05:30",
        "2024-10-23T16:40:00+05:30",
    )
    assert meeting["chair"]["name"] == "Ritu Ranjan Mittar"
    assert "16:50" in meeting["note_zh"]
    on = [d["on"] for d in meeting["decisions"] if d["kind"] == "text-approval"]
    assert len(on) == 37
    assert "Resolution 2" in on
    assert "Recommendation ITU-T A.25" in on


def test_decisions_on_a_text(http: httpx.Client) -> None:
    for text in ("2", "Resolution 2"):
        page = http.get("/api/assembly/decisions", params={"text": text}).json()
        kinds = sorted((d["body"], d["kind"]) for d in page["items"])
        assert kinds == [("COM4", "text-agreement"), ("plenary", "text-approval")], text
    new = http.get("/api/assembly/decisions", params={"text": "NG"}).json()["items"]
    assert {d["text"] for d in new} == {"107"}  # the provisional name NG is Resolution 107
    assert {d["body"] for d in new} == {"COM3", "plenary"}


def test_decisions_paginate(http: httpx.Client) -> None:
    first = http.get("/api/assembly/decisions", params={"limit": 50}).json()
    assert first["total"] == 166
    assert first["next"] == "/api/assembly/decisions?limit=50&offset=50"


def test_the_decision_history_of_a_resolution(http: httpx.Client) -> None:
    res = http.get("/api/resolutions/2").json()
    assert res["adopted"]["date"] == "2024-10-23"
    assert (res["adopted"]["meeting"], res["adopted"]["batch"], res["adopted"]["kind"]) == (3, "B14", "MOD")
    assert res["adopted"]["batch_document"] == "C-104"
    new = http.get("/api/resolutions/104").json()
    assert (new["adopted"]["kind"], new["adopted"]["provisional_name"]) == ("ADD", "COM4/1")
    assert http.get("/api/resolutions/47").json()["adopted"] is None  # not revised at WTSA-24


def test_entity_pages_of_the_record(http: httpx.Client) -> None:
    turtle = http.get(
        "/id/assembly/WTSA-24/plenary/3/item/15.12/decision/1", headers={"Accept": "text/turtle"}
    )
    assert turtle.status_code == 200
    assert "itut:TextApproval" in turtle.text
    assert "<https://w3id.org/itut-kb/id/resolution/2>" in turtle.text
    page = http.get("/id/assembly/WTSA-24/plenary/3", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "第三次全体会议" in page.text
