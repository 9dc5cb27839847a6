"""The site for people over HTTP (issue 14): pages that read like the documents, groups, Recommendations for
any valid number, lists, the tools, every page also as JSON (and CSV for lists), HTML error pages for
browsers, two languages, time travel on pages, and nothing loaded from the internet."""

from __future__ import annotations

import csv
import io
import re

import httpx
import pytest

BROWSER = {"accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
ID = "https://w3id.org/itut-kb/id/"
PAGES = [
    "/",
    "/search?q=%E8%B4%A3%E4%BB%BB%E4%B8%8E%E8%81%8C%E6%9D%83",
    "/resolutions",
    "/study-groups",
    "/questions",
    "/member-states",
    "/actions",
    "/deadlines",
    "/validate",
    "/query",
    "/id/resolution/2",
    "/id/resolution/1",
    "/id/opinion/1",
    "/id/action/13",
    "/id/supplement/A-Sup.2",
    "/id/recommendation/A.8",
    "/id/recommendation/G.711",
    "/id/group/SG17",
    "/id/group/TSAG",
    "/id/group/SG17/chair",
    "/id/question/1-17",
    "/id/member-state/%E4%B8%AD%E5%9B%BD",
    "/source/000_03ba4204751c90f1.txt?from=1610&to=1620",
]
LISTS = ["/resolutions", "/study-groups", "/questions", "/member-states", "/actions"]


def url(path: str, **params: str) -> httpx.URL:
    """``path`` (which may have a query string) with more parameters."""
    return httpx.URL(path).copy_merge_params(params)


def html(http: httpx.Client, path: str, **params: str) -> str:
    response = http.get(url(path, **params), headers=BROWSER)
    assert response.status_code == 200, (path, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    return response.text


@pytest.mark.parametrize("path", PAGES)
def test_every_page_loads_nothing_from_the_internet(http: httpx.Client, path: str) -> None:
    page = html(http, path)
    for attribute in re.findall(r'(?:src|href)="([^"]*)"', page):
        assert not attribute.startswith(("http:", "https:", "//")), attribute
    assert "<title>" in page
    assert 'id="lang-switch"' in page


@pytest.mark.parametrize("path", [p for p in PAGES if p not in {"/validate", "/query"}])
def test_every_page_as_json(http: httpx.Client, path: str) -> None:
    by_link = http.get(url(path, format="json"), headers=BROWSER)
    assert by_link.status_code == 200
    assert by_link.headers["content-type"].startswith("application/json")
    by_accept = http.get(path, headers={"accept": "application/json"})
    assert by_accept.json() == by_link.json()
    assert "title" in by_link.json()


@pytest.mark.parametrize("path", LISTS)
def test_lists_as_csv(http: httpx.Client, path: str) -> None:
    by_link = http.get(path, params={"format": "csv"})
    assert by_link.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(by_link.text)))
    assert rows
    assert all(r["iri"].startswith(ID) for r in rows)
    assert http.get(path, headers={"accept": "text/csv"}).text == by_link.text
    assert len(rows) == len(http.get(path, params={"format": "json"}).json()["rows"])


def test_linked_data_stays(http: httpx.Client) -> None:
    turtle = http.get("/id/resolution/2", headers={"accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert "itut:revisedAtWTSA24" in turtle.text
    assert (
        http.get("/id/resolution/2", params={"format": "jsonld"})
        .headers["content-type"]
        .startswith("application/ld+json")
    )


def test_resolution_reads_like_the_document(http: httpx.Client) -> None:
    page = html(http, "/id/resolution/2")
    assert "国际电联电信标准化部门研究组的责任与职权" in page
    assert "2000年，蒙特利尔" in page  # the history as year and city, not IRIs
    # the blocks in the order of the text, not of their IRIs
    order = [page.index(f'class="block-heading">{h}<') for h in ("认识到", "考虑到", "注意到", "做出决议")]
    assert order == sorted(order)
    assert page.index('id="considering-b"') < page.index('id="considering-c"')
    assert 'href="/id/resolution/22"' in page  # a cited Resolution, linked
    assert "status-revised" in page
    data = http.get("/id/resolution/2", params={"format": "json"}).json()
    assert data["wtsa24"]["status"] == "revised"
    assert [h["year"] for h in data["history"]][:3] == [1993, 1996, 2000]


def test_clauses_link_their_addressees(http: httpx.Client) -> None:
    data = http.get("/id/resolution/52", params={"format": "json"}).json()
    clauses = [c for b in data["blocks"] for c in b["clauses"]]
    instructing = next(c for c in clauses if c["key"] == "instructs-1.1")
    assert {a["iri"] for a in instructing["addressees"]} == {ID + "group/SG17"}
    page = html(http, "/id/resolution/52")
    assert 'href="/id/group/SG17"' in page


def test_group_page(http: httpx.Client) -> None:
    data = http.get("/id/group/SG17", params={"format": "json"}).json()
    assert data["chair"]["name"].startswith("Arnaud TADDEI")
    assert data["chair"]["member_state_zh"] == "英国"
    assert {"id": "1/17", "provisional_id": "A/17"}.items() <= data["questions"][0].items()
    assert data["general_area"]["title_zh"] == "安全"
    assert any(
        s["label"] == "X series" or s["kind"] == "letter"
        for e in data["responsibilities"]
        for s in e["scopes"]
    )
    by_document = {d["label"]: d for d in data["instructions"]}
    assert "第52号决议" in by_document
    page = html(http, "/id/group/SG17")
    assert "Arnaud TADDEI" in page
    assert "安全标准化策略、孵化和协调" in page  # a Question's title next to its number


def test_recommendation_page_for_any_valid_number(http: httpx.Client) -> None:
    data = http.get("/id/recommendation/G.711", params={"format": "json"}).json()
    assert data["owner"]["owners"] == ["SG21"]
    assert data["owner"]["basis"][0]["scope"] == "G.710 – G.729"
    page = html(http, "/id/recommendation/G.711")
    assert 'href="/id/group/SG21"' in page
    turtle = http.get("/id/recommendation/G.711", headers={"accept": "text/turtle"})
    assert turtle.status_code == 200
    assert "responsibleGroup" in turtle.text
    joint = http.get("/id/recommendation/D.267", params={"format": "json"}).json()["owner"]
    assert joint["joint"] is True
    conflict = html(http, "/id/recommendation/Y.1501")
    assert "owner-answer" in conflict


def test_owner_form_without_javascript(http: httpx.Client) -> None:
    response = http.get("/owner", params={"number": "G.711"}, headers=BROWSER, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/id/recommendation/G.711"


def test_question_post_and_member_state(http: httpx.Client) -> None:
    question = http.get("/id/question/1-17", params={"format": "json"}).json()
    assert question["group"]["groupId"] == "SG17"
    post = http.get("/id/group/SG17/chair", params={"format": "json"}).json()
    assert post["member_state"]["label_zh"] == "英国"
    state = http.get("/id/member-state/中国", params={"format": "json"}).json()
    assert any(p["group"] == "SG17" for p in state["posts"])


def test_search_finds_by_title_and_group_id(http: httpx.Client) -> None:
    found = http.get("/search", params={"q": "责任与职权", "format": "json"}).json()
    assert found["rows"][0]["iri"] == ID + "resolution/2"
    by_id = http.get("/search", params={"q": "SG17", "format": "json"}).json()
    assert by_id["rows"][0]["iri"] == ID + "group/SG17"
    api = http.get("/api/search", params={"q": "sg17"}).json()
    assert api["items"][0]["iri"] == ID + "group/SG17"


def test_resolutions_by_status(http: httpx.Client) -> None:
    revised = http.get("/resolutions", params={"status": "revised", "format": "json"}).json()
    everything = http.get("/resolutions", params={"format": "json"}).json()
    assert 0 < len(revised["rows"]) < len(everything["rows"])
    assert all(r["revised_at_wtsa24"] for r in revised["rows"])
    assert http.get("/resolutions", params={"status": "old"}, headers=BROWSER).status_code == 422


def test_deadline_calculator_gives_the_dates_of_a_tap_case(http: httpx.Client) -> None:
    params = {"kind": "tap-approval", "meeting_date": "2025-06-16", "announcement_date": "2025-03-10"}
    data = http.get("/deadlines", params={**params, "format": "json"}).json()
    dates = {r["id"]: r["date"] for r in data["rows"]}
    assert dates["res1-9.3.3"] == "2025-03-16"
    assert dates["res1-9.3.5"] == "2025-05-16"
    page = html(http, "/deadlines", **params)
    assert "2025-03-16" in page
    assert 'href="/id/resolution/1/clause/9.3.3"' in page


def test_html_errors_for_browsers_json_for_programs(http: httpx.Client) -> None:
    page = http.get("/id/resolution/9999", headers=BROWSER)
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert 'id="error-home"' in page.text
    assert http.get("/id/recommendation/W.1", headers=BROWSER).status_code == 422
    plain = http.get("/id/resolution/9999")
    assert plain.status_code == 404
    assert plain.headers["content-type"].startswith("text/plain")
    api = http.get("/api/questions/99-17", headers=BROWSER)
    assert api.json()["error"]["code"] == "not_found"


def test_language_switch(http: httpx.Client) -> None:
    english = http.get("/", params={"lang": "en"}, headers=BROWSER)
    assert "Who is responsible for a Recommendation?" in english.text
    assert english.cookies.get("lang") == "en"
    chinese = http.get("/", params={"lang": "zh"}, headers=BROWSER)
    assert "哪个组负责某项建议书？" in chinese.text
    http.cookies.clear()
    by_header = http.get("/", headers={**BROWSER, "accept-language": "en-GB,en;q=0.9"})
    assert "Who is responsible" in by_header.text


def test_links_keep_the_state_of_the_kb(http: httpx.Client) -> None:
    page = html(http, "/id/group/SG17", as_of="2025-01-01")
    assert 'href="/id/question/1-17?as_of=2025-01-01"' in page
    assert "state-banner" in page
    data = http.get("/id/group/SG17", params={"version": "0", "format": "json"})
    assert data.headers["x-kb-version"] == "0"


def test_openapi_pages_are_served_locally(http: httpx.Client) -> None:
    for path in ("/docs", "/redoc"):
        page = http.get(path).text
        assets = re.findall(r'(?:src|href)="([^"]+)"', page)
        assert assets
        assert all(a.startswith("/") for a in assets), assets
        for asset in assets:
            assert http.get(asset).status_code == 200, asset
    assert "fonts.googleapis" not in http.get("/redoc").text


def test_source_lines(http: httpx.Client) -> None:
    page = html(http, "/source/000_03ba4204751c90f1.txt", **{"from": "1610", "to": "1612"})
    assert 'id="L1610"' in page
    assert http.get("/source/secret.txt", headers=BROWSER).status_code == 422
