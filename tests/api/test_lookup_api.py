"""The lookup API (plain JSON) over the live server, and one error envelope for every /api route."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest


def envelope(response: httpx.Response) -> dict[str, object]:
    assert response.headers["content-type"].startswith("application/json"), response.text
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"status", "code", "message"}
    assert error["status"] == response.status_code
    assert isinstance(error["message"], str)
    assert error["message"]
    return error


def bad_requests(path: str, operation: dict[str, Any]) -> list[tuple[str, str]]:
    """(method, URL) pairs that must fail on one documented operation: a wrong method, a malformed id,
    a bad page size, a missing required parameter."""
    filled = re.sub(r"\{[^}]+\}", "x", path)
    out = [("PATCH", filled)]
    params = {p["name"]: p for p in operation.get("parameters", [])}
    if any(p["in"] == "path" for p in params.values()):
        out.append(("GET", re.sub(r"\{[^}]+\}", "no%20such%20thing!", path)))
    if "limit" in params:
        out.append(("GET", filled + "?limit=0"))
    if any(p["in"] == "query" and p.get("required") for p in params.values()):
        out.append(("GET", filled))
    return out


def test_every_api_route_answers_errors_in_the_envelope(http: httpx.Client) -> None:
    """Every operation the OpenAPI document lists under /api (other features' routes included)."""
    paths = http.get("/openapi.json").json()["paths"]
    operations = [
        (path, op) for path, item in paths.items() if path.startswith("/api") for op in item.values()
    ]
    assert len(operations) >= 12
    checked = 0
    for path, operation in operations:
        for method, url in bad_requests(path, operation):
            response = http.request(method, url)
            assert 400 <= response.status_code < 500, (method, url, response.status_code)
            envelope(response)
            checked += 1
    assert checked > len(operations) + 10  # a wrong method for each, and a malformed value for most


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/resolutions/two", 422, "invalid_parameter"),
        ("/api/resolutions/999", 404, "not_found"),
        ("/api/resolutions?status=old", 422, "invalid_parameter"),
        ("/api/study-groups/G17", 422, "invalid_parameter"),
        ("/api/study-groups/SG99", 404, "not_found"),
        ("/api/questions/1-99", 404, "not_found"),
        ("/api/questions/abc", 422, "invalid_parameter"),
        ("/api/recommendations/X509", 422, "invalid_parameter"),
        ("/api/recommendations/Z.999", 404, "not_found"),
        ("/api/search", 422, "invalid_parameter"),
        ("/api/search?q=", 422, "invalid_parameter"),
        ("/api/actions?offset=-1", 422, "invalid_parameter"),
        ("/api/questions?limit=5000", 422, "invalid_parameter"),
        ("/api/no-such-route", 404, "http_error"),
    ],
)
def test_error_cases(http: httpx.Client, url: str, status: int, code: str) -> None:
    response = http.get(url)
    assert response.status_code == status
    assert envelope(response)["code"] == code


def test_health(http: httpx.Client) -> None:
    body = http.get("/api/health").json()
    assert body["status"] == "ok"
    assert body["triples"] > 50_000
    assert body["sparql"]["workers"] == 2


def test_resolutions_paginate(http: httpx.Client) -> None:
    first = http.get("/api/resolutions", params={"limit": 10}).json()
    assert first["total"] >= 60
    assert [r["number"] for r in first["items"]][:2] == [1, 2]
    assert len(first["items"]) == 10
    assert first["next"] == "/api/resolutions?limit=10&offset=10"
    second = http.get(first["next"]).json()
    assert second["offset"] == 10
    assert second["items"][0]["number"] > first["items"][-1]["number"]
    last = http.get("/api/resolutions", params={"limit": 10, "offset": first["total"] - 1}).json()
    assert len(last["items"]) == 1
    assert last["next"] is None


def test_resolutions_filter_revised(http: httpx.Client) -> None:
    revised = http.get("/api/resolutions", params={"revised": "true", "limit": 1000}).json()
    assert revised["items"]
    assert all(r["revised_at_wtsa24"] for r in revised["items"])
    assert 2 in [r["number"] for r in revised["items"]]


@pytest.mark.parametrize(("status", "count"), [("new", 8), ("revised", 44), ("unchanged", 13)])
def test_resolutions_filter_status(http: httpx.Client, status: str, count: int) -> None:
    page = http.get("/api/resolutions", params={"status": status, "limit": 1000}).json()
    assert page["total"] == count
    assert all(r["wtsa24_status"] == status for r in page["items"])
    assert all(r["revised_at_wtsa24"] == (status == "revised") for r in page["items"])


def test_revised_filter_leaves_out_the_new_resolutions(http: httpx.Client) -> None:
    revised = http.get("/api/resolutions", params={"revised": "true", "limit": 1000}).json()
    assert 101 not in [r["number"] for r in revised["items"]]
    assert revised["total"] == 44


def test_one_resolution(http: httpx.Client) -> None:
    res = http.get("/api/resolutions/2").json()
    assert res["title_zh"] == "国际电联电信标准化部门研究组的责任与职权"
    assert res["history"][-1]["year"] == 2024


def test_study_groups(http: httpx.Client) -> None:
    page = http.get("/api/study-groups").json()
    assert page["total"] == 10
    sg17 = http.get("/api/study-groups/SG17").json()
    assert sg17["title_zh"] == "安全"
    assert "1/17" in sg17["questions"]
    assert sg17["chair"]["member_state_zh"]


@pytest.mark.parametrize("question_id", ["1-17", "1%2F17"])
def test_question_ids(http: httpx.Client, question_id: str) -> None:
    body = http.get(f"/api/questions/{question_id}").json()
    assert body["id"] == "1/17"
    assert body["study_group"] == "SG17"


def test_questions_of_one_group(http: httpx.Client) -> None:
    page = http.get("/api/questions", params={"study_group": "SG17", "limit": 1000}).json()
    assert page["total"] >= 10
    assert {q["study_group"] for q in page["items"]} == {"SG17"}


def test_recommendation(http: httpx.Client) -> None:
    body = http.get("/api/recommendations/X.509").json()
    assert body["series"] == "X"
    assert any(c["document_label_zh"] == "第65号决议" for c in body["cited_by"])


def test_actions(http: httpx.Client) -> None:
    page = http.get("/api/actions").json()
    assert page["total"] == 15
    assert page["items"][0]["number"] == 1


def test_search(http: httpx.Client) -> None:
    page = http.get("/api/search", params={"q": "安全", "limit": 5}).json()
    assert page["total"] > 5
    kinds = [i["kind"] for i in page["items"]]
    assert kinds[0] == "resolution"
    english = http.get("/api/search", params={"q": "study group 17"}).json()
    assert "https://w3id.org/itut-kb/id/group/SG17" in [i["iri"] for i in english["items"]]


def test_openapi_documents_the_lookup_routes(http: httpx.Client) -> None:
    paths = http.get("/openapi.json").json()["paths"]
    for path in (
        "/api/resolutions",
        "/api/resolutions/{number}",
        "/api/study-groups",
        "/api/questions",
        "/api/questions/{question_id}",
        "/api/recommendations/{rec_id}",
        "/api/actions",
        "/api/search",
        "/api/health",
        "/api/queries/{name}",
        "/sparql",
    ):
        assert path in paths, path
    assert "422" in paths["/api/resolutions/{number}"]["get"]["responses"]
