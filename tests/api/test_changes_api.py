"""The living KB over HTTP, against a live server with an on-disk store: tokens, the write path and every way
it refuses, the change log, reverts, and time travel on every kind of read (lookups, named queries, entity
pages, /sparql, its worker processes)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from itut_kb.config import Settings
from itut_kb.living.changelog import ChangeLog
from itut_kb.living.tokens import Tokens
from liveserver import MAX_ROWS, ROOT, Live, start_server

AUTHORITY = {"body": "SG17", "document": "SG17-R12", "date": "2025-09-05"}
TSAG = {"body": "TSAG", "document": "TSAG-R5"}
QUESTION = {
    "kind": "question-approved",
    "effective": "2025-09-05",
    "authority": AUTHORITY,
    "data": {
        "study_group": "SG17",
        "id": "16/17",
        "title_zh": "新的安全课题",
        "title_en": "A new security Question",
    },
}
TITLE = (
    "PREFIX dcterms: <http://purl.org/dc/terms/> "
    "SELECT ?t WHERE { <https://w3id.org/itut-kb/id/question/16-17> dcterms:title ?t FILTER(LANG(?t) = 'zh') }"
)


@pytest.fixture(scope="module")
def tokens(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    store = tmp_path_factory.mktemp("store")
    log = ChangeLog(store)
    made = Tokens(log)
    out: dict[str, Any] = {"store": store}
    for name, role in (("alice", "editor"), ("bob", "editor"), ("root", "admin")):
        out[name] = made.create(name, role)
    out["gone"] = made.create("gone", "editor")
    made.revoke("gone")
    log.close()
    return out


@pytest.fixture(scope="module")
def writable(tokens: dict[str, Any]) -> Iterator[Live]:
    settings = Settings(
        root=ROOT,
        store_dir=tokens["store"],
        query_timeout_s=3.0,
        max_result_rows=MAX_ROWS,
        sparql_workers=2,
        max_change_bytes=20_000,
    )
    with start_server(settings) as server:
        yield server


@pytest.fixture(scope="module")
def client(writable: Live) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=writable.url, timeout=60) as c:
        yield c


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _post(client: httpx.Client, doc: Any, token: str | None, **headers: str) -> httpx.Response:
    sent = {"Content-Type": "application/json", **headers, **(_auth(token) if token else {})}
    body = doc if isinstance(doc, bytes) else json.dumps(doc, ensure_ascii=False).encode("utf-8")
    return client.post("/api/changes", content=body, headers=sent)


def _error(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert body["error"]["status"] == status
    assert body["error"]["code"] == code, body
    return body


# ---------------------------------------------------------------------------------------------- the write path
def test_the_issue_example_time_travels(client: httpx.Client, tokens: dict[str, Any]) -> None:
    assert client.get("/api/questions/16-17").status_code == 404
    response = _post(client, {**QUESTION, "id": "sg17-q16"}, tokens["alice"])
    assert response.status_code == 201, response.text
    body = response.json()
    assert set(body) == {"id", "version", "kind", "effective", "recorded_at", "by"}
    assert (body["id"], body["kind"], body["effective"], body["by"]) == (
        "sg17-q16",
        "question-approved",
        "2025-09-05",
        "alice",
    )
    assert response.headers["location"] == "/api/changes/sg17-q16"
    assert response.headers["etag"] == f'"{body["version"]}"'
    now = client.get("/api/questions/16-17")
    assert now.status_code == 200
    assert now.json()["created_by_change"] == "sg17-q16"
    assert now.headers["x-kb-version"] == str(body["version"])
    assert client.get("/api/questions/16-17", params={"as_of": "2025-01-01"}).status_code == 404
    assert client.get("/api/questions/16-17", params={"version": "0"}).status_code == 404
    assert client.get("/api/questions/16-17", params={"version": str(body["version"])}).status_code == 200


def test_every_read_takes_as_of(client: httpx.Client, tokens: dict[str, Any]) -> None:
    _post(client, {**QUESTION, "id": "q17", "data": {**QUESTION["data"], "id": "17/17"}}, tokens["alice"])
    old = {"as_of": "2025-01-01"}
    rows = client.get("/api/queries/questions-of-group", params={"group": "SG17"}).json()["rows"]
    assert "17/17" in {r["num"] for r in rows}
    rows = client.get("/api/queries/questions-of-group", params={"group": "SG17", **old}).json()["rows"]
    assert "17/17" not in {r["num"] for r in rows}
    assert client.get("/id/question/17-17", headers={"Accept": "text/turtle"}).status_code == 200
    assert client.get("/id/question/17-17", params=old, headers={"Accept": "text/turtle"}).status_code == 404
    assert "17/17" in client.get("/api/study-groups/SG17").json()["questions"]
    assert "17/17" not in client.get("/api/study-groups/SG17", params=old).json()["questions"]
    assert client.get("/api/questions/17-17", params={"as_of": "2024-01-01"}).status_code == 422
    assert client.get("/api/questions/17-17", params={"as_of": "yesterday"}).status_code == 422
    assert client.get("/api/questions/17-17", params={"version": "999"}).status_code == 404


def test_sparql_workers_see_each_version_and_a_killed_worker_comes_back_current(
    client: httpx.Client, writable: Live, tokens: dict[str, Any]
) -> None:
    def title(**params: str) -> list[str]:
        response = client.get("/sparql", params={"query": TITLE, **params}, headers={"Accept": "text/csv"})
        assert response.status_code == 200, response.text
        return response.text.splitlines()[1:]

    if not title():  # (when this test runs alone)
        _post(client, {**QUESTION, "id": "sparql-q16"}, tokens["bob"])
    assert title() == ["新的安全课题"]
    assert title(as_of="2025-01-01") == []
    assert title(version="0") == []
    pool = writable.app.state.services.sparql
    restarts = pool.restarts
    cartesian = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    assert client.get("/sparql", params={"query": cartesian}).status_code == 503
    assert pool.restarts == restarts + 1
    assert title() == ["新的安全课题"]  # the replacement worker answers on the current version
    bad = client.get("/sparql", params={"query": TITLE, "as_of": "not-a-day"})
    assert bad.status_code == 400


def test_a_kept_answer_is_never_served_after_a_change(client: httpx.Client, tokens: dict[str, Any]) -> None:
    """The response cache is keyed by the state: a change accepted makes the next answer differ (another
    ETag, a 200 to the old one's If-None-Match), and the answers of earlier states stay as they were."""
    old = {"as_of": "2025-01-01"}
    group = client.get("/api/study-groups/SG17")
    pinned = client.get("/api/study-groups/SG17", params=old)
    query = {"query": TITLE.replace("16-17", "20-17")}
    sparql = client.get("/sparql", params=query, headers={"Accept": "text/csv"})
    assert client.get("/api/study-groups/SG17").headers["etag"] == group.headers["etag"]  # kept
    assert "20/17" not in group.json()["questions"]
    response = _post(
        client, {**QUESTION, "id": "cache-q20", "data": {**QUESTION["data"], "id": "20/17"}}, tokens["alice"]
    )
    assert response.status_code == 201, response.text
    after = client.get("/api/study-groups/SG17", headers={"If-None-Match": group.headers["etag"]})
    assert after.status_code == 200
    assert "20/17" in after.json()["questions"]
    assert after.headers["etag"] != group.headers["etag"]
    assert after.headers["x-kb-version"] == str(response.json()["version"])
    still = client.get("/api/study-groups/SG17", params=old)
    assert still.json() == pinned.json()
    assert "20/17" not in still.json()["questions"]
    assert client.get("/sparql", params=query, headers={"Accept": "text/csv"}).text != sparql.text
    assert client.get("/sparql", params={**query, **old}, headers={"Accept": "text/csv"}).text == sparql.text


def test_the_change_log_and_one_change(client: httpx.Client, tokens: dict[str, Any]) -> None:
    _post(client, {**QUESTION, "id": "log-q18", "data": {**QUESTION["data"], "id": "18/17"}}, tokens["alice"])
    listing = client.get("/api/changes").json()
    versions = [c["version"] for c in listing["items"]]
    assert versions == list(range(1, len(versions) + 1))
    since = client.get("/api/changes", params={"since": versions[-1] - 1}).json()["items"]
    assert [c["version"] for c in since] == [versions[-1]]
    detail = client.get("/api/changes/log-q18").json()
    assert detail["by"] == "alice"
    assert detail["authority"] == AUTHORITY
    assert detail["document"]["body"]["data"]["id"] == "18/17"
    assert any("question/18-17" in line for line in detail["added"])
    assert detail["removed"] == []
    assert any("QuestionApproved" in line for line in detail["event"])
    _error(client.get("/api/changes/no-such-change"), 404, "not_found")


def test_a_revert_over_http(client: httpx.Client, tokens: dict[str, Any]) -> None:
    _post(client, {**QUESTION, "id": "rev-q19", "data": {**QUESTION["data"], "id": "19/17"}}, tokens["alice"])
    _error(client.post("/api/changes/rev-q19/revert", headers=_auth(tokens["bob"])), 403, "forbidden")
    _error(client.post("/api/changes/rev-q19/revert"), 401, "unauthorized")
    response = client.post(
        "/api/changes/rev-q19/revert", headers=_auth(tokens["alice"]), json={"note": "recorded twice"}
    )
    assert response.status_code == 201, response.text
    assert client.get("/api/questions/19-17").status_code == 404
    assert client.get("/api/changes/rev-q19").json()["reverted_by"] == response.json()["id"]
    _error(client.post("/api/changes/rev-q19/revert", headers=_auth(tokens["root"])), 409, "conflict")
    _error(client.post("/api/changes/nothing/revert", headers=_auth(tokens["root"])), 404, "not_found")
    bad = client.post(
        "/api/changes/rev-q19/revert",
        headers={**_auth(tokens["root"]), "Content-Type": "text/plain"},
        content=b"x",
    )
    _error(bad, 415, "unsupported_media_type")


# ---------------------------------------------------------------------------------------------- refusals
def test_writes_need_a_valid_token(client: httpx.Client, tokens: dict[str, Any]) -> None:
    head = client.get("/api/health").json()["version"]
    _error(_post(client, QUESTION, None), 401, "unauthorized")
    _error(_post(client, QUESTION, "itkb_not-a-token"), 401, "unauthorized")
    _error(_post(client, QUESTION, tokens["gone"]), 401, "unauthorized")
    basic = client.post("/api/changes", content=b"{}", headers={"Authorization": "Basic eDp5"})
    _error(basic, 401, "unauthorized")
    raw = {
        "kind": "kb-change",
        "effective": "2025-09-05",
        "authority": TSAG,
        "data": {
            "add": '<https://w3id.org/itut-kb/id/group/SG17> <http://www.w3.org/2000/01/rdf-schema#comment> "x" .'
        },
    }
    _error(_post(client, raw, tokens["alice"]), 403, "forbidden")
    assert client.get("/api/health").json()["version"] == head


def test_bad_changes_get_a_clear_4xx_and_leave_nothing(client: httpx.Client, tokens: dict[str, Any]) -> None:
    token = tokens["alice"]
    head = client.get("/api/health").json()["version"]
    rejected = _error(
        _post(client, {**QUESTION, "data": {**QUESTION["data"], "id": "1/17"}}, token), 422, "change_rejected"
    )
    assert rejected["conforms"] is False
    assert rejected["counts"]["violations"] >= 1
    assert any("exists already" in r["message_en"] and r["message_zh"] for r in rejected["results"])
    _error(_post(client, b"{not json", token), 400, "bad_input")
    _error(_post(client, {"kind": "question-adopted", "data": {}}, token), 400, "bad_input")
    _error(_post(client, b"x" * 30_000, token), 413, "payload_too_large")
    _error(_post(client, QUESTION, token, **{"Content-Type": "text/plain"}), 415, "unsupported_media_type")
    far = {**QUESTION, "effective": "2035-01-01", "data": {**QUESTION["data"], "id": "20/17"}}
    assert "too far ahead" in json.dumps(_error(_post(client, far, token), 422, "change_rejected"))
    _error(_post(client, {**QUESTION, "effective": "2025-13-01"}, token), 422, "change_rejected")
    _error(
        _post(client, {**QUESTION, "data": {**QUESTION["data"], "study_group": "SG99"}}, token),
        422,
        "change_rejected",
    )
    assert client.get("/api/health").json()["version"] == head


def test_a_replayed_id_and_a_stale_if_match(client: httpx.Client, tokens: dict[str, Any]) -> None:
    doc = {**QUESTION, "id": "once", "data": {**QUESTION["data"], "id": "21/17"}}
    assert _post(client, doc, tokens["alice"]).status_code == 201
    _error(_post(client, doc, tokens["alice"]), 409, "conflict")
    head = client.get("/api/health").json()["version"]
    doc = {**QUESTION, "data": {**QUESTION["data"], "id": "22/17"}}
    _error(_post(client, doc, tokens["alice"], **{"If-Match": str(head - 1)}), 412, "precondition_failed")
    _error(_post(client, doc, tokens["alice"], **{"If-Match": "latest"}), 422, "invalid_parameter")
    created = _post(client, doc, tokens["alice"], **{"If-Match": f'"{head}"'})
    assert created.status_code == 201
    assert created.json()["version"] == head + 1


def test_turtle_and_json_ld_changes(client: httpx.Client, tokens: dict[str, Any]) -> None:
    turtle = b"""@prefix itut: <https://w3id.org/itut-kb/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
[] a itut:Change ; itut:changeId "ttl-q23" ; itut:effective "2025-09-05"^^xsd:date ;
   itut:authority [ itut:authorityBody <https://w3id.org/itut-kb/id/group/SG17> ; itut:authorityDocument "SG17-R12" ] ;
   itut:event ( [ a itut:QuestionApproved ; itut:forGroup <https://w3id.org/itut-kb/id/group/SG17> ;
                  itut:number "23/17" ; dcterms:title "\xe8\xaf\xbe\xe9\xa2\x98"@zh ] ) ."""
    response = _post(client, turtle, tokens["alice"], **{"Content-Type": "text/turtle"})
    assert response.status_code == 201, response.text
    jsonld = {
        "@context": "https://w3id.org/itut-kb/context.jsonld",
        "kind": "change",
        "id": "jsonld-q24",
        "effective": "2025-09-05",
        "authority": AUTHORITY,
        "events": [
            {"kind": "question-approved", "study_group": "SG17", "id": "24/17", "title_zh": "另一课题"}
        ],
    }
    response = _post(client, jsonld, tokens["alice"], **{"Content-Type": "application/ld+json"})
    assert response.status_code == 201, response.text
    assert client.get("/api/questions/24-17").json()["title_zh"] == "另一课题"
    remote = {**jsonld, "@context": "https://example.org/evil.jsonld", "id": "x"}
    _error(
        _post(client, remote, tokens["alice"], **{"Content-Type": "application/ld+json"}), 400, "bad_input"
    )


def test_a_read_only_server_accepts_no_change(http: httpx.Client) -> None:
    _error(
        http.post(
            "/api/changes",
            content=b"{}",
            headers={"Content-Type": "application/json", "Authorization": "Bearer x"},
        ),
        403,
        "read_only",
    )
    assert http.get("/api/changes").json()["items"] == []


def test_openapi_documents_the_write_path(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    post = spec["paths"]["/api/changes"]["post"]
    assert {"201", "401", "403", "409", "412", "413", "415", "422"} <= set(post["responses"])
    params = {p["name"] for p in spec["paths"]["/api/questions/{question_id}"]["get"]["parameters"]}
    assert {"as_of", "version"} <= params
    assert Path(ROOT / "docs" / "changes.md").is_file()
