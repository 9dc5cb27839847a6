"""POST /api/validate and POST /api/rules over HTTP (FastAPI's TestClient on the real KB): the report by
Content-Type and Accept, and every bad input answered with its status (413, 415, 400, 422, 406), never 500."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph
from rdflib.namespace import RDF, SH

from itut_kb.api.app import create_app
from itut_kb.config import Settings

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
LIMIT = 20_000
pytestmark = pytest.mark.kb


@pytest.fixture(scope="module")
def client() -> TestClient:
    # No `with`: the app's lifespan (SPARQL worker processes) is not needed for these routes.
    return TestClient(create_app(Settings(root=ROOT, max_body_bytes=LIMIT)), raise_server_exceptions=False)


def test_json_report(client: TestClient) -> None:
    body = (EXAMPLES / "submissions/invalid/draft-wrong-group.json").read_bytes()
    response = client.post("/api/validate", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 200
    report = response.json()
    assert report["conforms"] is False
    assert report["counts"] == {"violations": 2, "warnings": 1, "infos": 0}
    assert {"focus", "severity", "path", "message_zh", "message_en", "source", "hint"} <= set(
        report["results"][0]
    )


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("valid/draft-numbering-tap.ttl", "text/turtle"),
        ("valid/proposed-question.jsonld", "application/ld+json"),
        ("valid/contribution.json", "application/json; charset=utf-8"),
    ],
)
def test_each_format_by_content_type(client: TestClient, name: str, content_type: str) -> None:
    body = (EXAMPLES / "submissions" / name).read_bytes()
    response = client.post("/api/validate", content=body, headers={"content-type": content_type})
    assert response.status_code == 200
    assert response.json()["conforms"] is True


def test_turtle_report_on_request(client: TestClient) -> None:
    body = (EXAMPLES / "submissions/invalid/contribution-late.json").read_bytes()
    response = client.post(
        "/api/validate", content=body, headers={"content-type": "application/json", "accept": "text/turtle"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=response.text, format="turtle")
    assert len(list(graph.subjects(RDF.type, SH.ValidationReport))) == 1


def test_kind_parameter(client: TestClient) -> None:
    body = (EXAMPLES / "submissions/valid/kb-change-new-question.ttl").read_bytes()
    response = client.post(
        "/api/validate?kind=kb-change", content=body, headers={"content-type": "text/turtle"}
    )
    assert response.status_code == 200
    assert response.json()["kind"] == "kb-change"


@pytest.mark.parametrize(
    ("body", "content_type", "query", "status", "message"),
    [
        (b"x" * (LIMIT + 1), "application/json", "", 413, "larger than"),
        (b"{}", "text/plain", "", 415, "cannot validate text/plain"),
        (b"{}", "", "", 415, "without Content-Type"),
        (b'{"kind": "contribution",', "application/json", "", 400, "line 1, column 25"),
        (b"<a> <b> <c>", "text/turtle", "", 400, "Parser error at line 1"),
        (b"\xff\xfe", "application/json", "", 400, "not UTF-8"),
        (b'"text"', "application/json", "", 400, "a submission is a JSON object"),
        (b'{"@context": "http://example.org/c"}', "application/ld+json", "", 400, "is not fetched"),
        (
            b'{"@context": {"@import": "http://example.org/c"}}',
            "application/ld+json",
            "",
            400,
            "is not fetched",
        ),
        (b'{"kind": "draft"}', "application/json", "", 400, "no submission found"),
        (b"[" * 3000 + b"]" * 3000, "application/json", "", 400, "nested too deeply"),
        (b"_:a <http://b> _:c .", "text/turtle", "?kind=kb-change", 400, "no blank nodes"),
        (b"{}", "application/json", "?kind=recipe", 422, "unknown kind 'recipe'"),
        (
            json.dumps([{"kind": "contribution", "title": str(i)} for i in range(101)]).encode(),
            "application/json",
            "",
            400,
            "send at most 100",
        ),
    ],
)
def test_bad_validation_requests(
    client: TestClient, body: bytes, content_type: str, query: str, status: int, message: str
) -> None:
    headers = {"content-type": content_type} if content_type else {}
    response = client.post(f"/api/validate{query}", content=body, headers=headers)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["status"] == status
    assert message in error["message"]


def test_not_acceptable(client: TestClient) -> None:
    response = client.post(
        "/api/validate", content=b"{}", headers={"content-type": "application/json", "accept": "image/png"}
    )
    assert response.status_code == 406


NASTY = [
    b"", b"[]", b"{}", b"null", b"123", b'{"@context": 5}', b'{"@context": {"@vocab": 5}}', b'{"kind": 5}',
    b'{"kind": "contribution", "study_group": {"a": 1}}', b'{"@graph": 1}', b'{"@id": "::", "kind": "contribution"}',
    b'{"kind": "contribution", "meeting_date": 5, "submission_date": {"@value": "x"}}',
    b'{"kind": "contribution", "questions": [1, null, true]}', b'{"kind": ["contribution", "draft-recommendation"]}',
    b'{"kind": "contribution", "@reverse": {"x": 1}}', b'{"kind": "contribution", "questions": {"@list": ["1/17"]}}',
    b'{"kind": "contribution", "title": {"@value": "x", "@language": "not a tag"}}',
    b'{"kind": "draft-recommendation", "number": ["G.1", "G.2"], "study_group": ["SG15", "SG2"]}',
]  # fmt: skip


@pytest.mark.parametrize("body", NASTY)
@pytest.mark.parametrize("content_type", ["application/json", "application/ld+json"])
def test_never_500(
    client: TestClient, body: bytes, content_type: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="itut_kb.api"):
        for query in ("", "?kind=contribution", "?kind=kb-change"):
            response = client.post(
                f"/api/validate{query}", content=body, headers={"content-type": content_type}
            )
            assert response.status_code in (200, 400, 422), (body, query, response.text)
    assert not caplog.records


# ---------------------------------------------------------------------- /api/rules
def test_rules(client: TestClient) -> None:
    case = json.loads((EXAMPLES / "cases/aap-approval.json").read_text(encoding="utf-8"))
    response = client.post("/api/rules", json=case)
    assert response.status_code == 200
    rules = {r["id"]: r for r in response.json()["rules"]}
    assert rules["a8-4.1"]["date"] == "2025-03-31"
    assert {"id", "clause", "source", "text_zh", "applies_because"} <= set(rules["a8-5.4"])
    assert [o["outcome"] for o in response.json()["outcomes"]] == [
        "comment-resolution", "additional-review", "approval-at-meeting",
    ]  # fmt: skip
    deemed = client.post("/api/rules", json={**case, "review_comments_received": False}).json()
    assert [o["outcome"] for o in deemed["outcomes"]][-1] == "deemed-approved"
    assert "a8-5.4" not in {r["id"] for r in deemed["rules"]}


@pytest.mark.parametrize(
    ("body", "content_type", "status", "message"),
    [
        (b"x" * (LIMIT + 1), "application/json", 413, "larger than"),
        (b"kind=tap-approval", "application/x-www-form-urlencoded", 415, "application/json"),
        (b'{"kind":', "application/json", 400, "line 1, column 9"),
        (b"\xff", "application/json", 400, "not UTF-8"),
        (b'{"kind": "tap"}', "application/json", 422, "unknown kind 'tap'"),
        (
            b'{"kind": "tap-approval", "meeting": "2025-06-16"}',
            "application/json",
            422,
            "unknown field 'meeting'",
        ),
        (b'{"kind": "tap-approval", "meeting_date": "2025-02-30"}', "application/json", 422, "YYYY-MM-DD"),
        (b'{"kind": "tap-approval", "more_time_requested": 1}', "application/json", 422, "true or false"),
        (b"[1]", "application/json", 422, "a case is a JSON object"),
    ],
)
def test_bad_cases(client: TestClient, body: bytes, content_type: str, status: int, message: str) -> None:
    response = client.post("/api/rules", content=body, headers={"content-type": content_type})
    assert response.status_code == status, response.text
    assert message in response.json()["error"]["message"]


def test_vocabulary_and_context(client: TestClient) -> None:
    vocabulary = client.get("/api/rules/vocabulary").json()
    assert "tap-approval" in vocabulary["kinds"]
    assert "meeting_date" in vocabulary["dates"]
    assert "policy_or_regulatory" in vocabulary["conditions"]
    context = client.get("/api/validate/context.jsonld")
    assert context.headers["content-type"] == "application/ld+json"
    assert context.json()["@context"]["study_group"]["@id"] == "itut:forGroup"
