"""Named queries over HTTP: /api/queries lists them, /api/queries/{name} runs one with typed parameters."""

from __future__ import annotations

import csv
import io

import httpx
import pytest


def test_list(http: httpx.Client) -> None:
    queries = {q["name"]: q for q in http.get("/api/queries").json()}
    assert "questions-of-group" in queries
    q = queries["clauses-instructing"]
    assert q["params"] == [
        {"name": "number", "type": "resolution", "default": None},
        {"name": "addressee", "type": "actor", "default": None},
    ]
    assert q["example_url"] == "/api/queries/clauses-instructing?number=52&addressee=SG17"


def test_every_example_url_answers(http: httpx.Client) -> None:
    for q in http.get("/api/queries").json():
        if q["example"] or all(p["default"] is not None for p in q["params"]):
            response = http.get(q["example_url"])
            assert response.status_code == 200, (q["name"], response.text)
            assert response.json()["columns"] == q["columns"]


def test_run(http: httpx.Client) -> None:
    body = http.get("/api/queries/questions-of-group", params={"group": "SG17"}).json()
    assert body["query"] == "questions-of-group"
    assert body["params"] == {"group": "SG17"}
    assert body["count"] == len(body["rows"]) >= 10
    assert body["rows"][0]["num"] == "1/17"
    assert body["truncated"] is False


def test_csv(http: httpx.Client) -> None:
    response = http.get(
        "/api/queries/posts-of-state", params={"state": "中国"}, headers={"accept": "text/csv"}
    )
    assert response.headers["content-type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(response.text)))
    assert table[0] == [
        "state", "memberState", "stateZh", "alpha2", "alpha3", "stateEn",
        "post", "group", "groupId", "role", "holder", "honorific", "printed",
    ]  # fmt: skip
    assert len(table) > 5
    assert {tuple(row[3:5]) for row in table[1:]} == {("CN", "CHN")}


def test_posts_of_state_by_iso_code(http: httpx.Client) -> None:
    by_name = http.get("/api/queries/posts-of-state", params={"state": "英国"}).json()["rows"]
    by_code = http.get("/api/queries/posts-of-state", params={"state": "GB"}).json()["rows"]
    assert [r["post"] for r in by_code] == [r["post"] for r in by_name]
    assert "Arnaud TADDEI" in [r["holder"] for r in by_code]
    assert http.get("/api/queries/posts-of-state", params={"state": "G B"}).status_code == 422


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/queries/questions-of-group?group=G17", 422),  # wrong type
        ("/api/queries/questions-of-group", 422),  # missing
        ("/api/queries/questions-of-group?group=SG17&colour=red", 422),  # unknown
        ("/api/queries/questions-of-group?group=SG17&group=SG2", 422),  # twice
        ("/api/queries/clauses-instructing?number=two&addressee=SG17", 422),
        ("/api/queries/resolutions-mentioning?term=", 422),
        ('/api/queries/group?group=SG17" } UNION { ?s ?p ?o', 422),  # never spliced
        ("/api/queries/no-such-query", 404),
    ],
)
def test_errors(http: httpx.Client, url: str, status: int) -> None:
    response = http.get(url)
    assert response.status_code == status
    assert response.json()["error"]["status"] == status
