"""The ownership routes with FastAPI's TestClient: the same JSON as the CLI, errors in the API envelope."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from itut_kb.api.app import create_app
from itut_kb.services import Services

pytestmark = pytest.mark.kb


@pytest.fixture(scope="module")
def client(services: Services) -> TestClient:
    # No `with`: the app's lifespan (SPARQL worker processes) is not needed for these routes.
    return TestClient(create_app(services=services))


def test_owner(client: TestClient) -> None:
    response = client.get("/api/recommendations/G.984.3/owner")
    assert response.status_code == 200
    body = response.json()
    assert (body["recommendation"], body["owners"], body["joint"], body["conflict"]) == (
        "G.984.3",
        ["SG15"],
        False,
        False,
    )
    assert body["basis"][0]["scope"] == "G series"


def test_owner_conflict_and_none(client: TestClient) -> None:
    assert client.get("/api/recommendations/Y.1501/owner").json()["conflict"] is True
    assert client.get("/api/recommendations/B.1/owner").json()["owners"] == []


@pytest.mark.parametrize("rec_id", ["G.abc", "W.1", "G.0711", "G.Sup39", "X.85/", "%20"])
def test_malformed_owner_is_422_in_the_envelope(client: TestClient, rec_id: str) -> None:
    response = client.get(f"/api/recommendations/{rec_id}/owner")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_parameter"


@pytest.mark.parametrize(
    ("path", "recommendation", "owners"),
    [
        ("D.000", "D.000", ["SG3"]),
        ("T.0", "T.0", ["SG21"]),
        ("Q.933%E4%B9%8B%E4%BA%8C", "Q.933bis", ["SG13"]),  # Q.933之二
        ("V.27ter", "V.27ter", ["SG21"]),
        ("Q.1912.5", "Q.1912.5", ["SG11"]),
        ("X.85/Y.1321", "X.85/Y.1321", ["SG15"]),  # a dual number keeps its slash …
        ("X.85%2FY.1321", "X.85/Y.1321", ["SG15"]),  # … or sends it encoded
    ],
)
def test_every_number_form(client: TestClient, path: str, recommendation: str, owners: list[str]) -> None:
    response = client.get(f"/api/recommendations/{path}/owner")
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["recommendation"], body["owners"]) == (recommendation, owners)
    assert ("numbers" in body) == ("/" in recommendation)


def test_a_recommendation_lookup_reads_every_number_form(client: TestClient) -> None:
    """The named queries' ``recommendation`` parameter reads the same forms (Q.933之二 is Q.933bis)."""
    assert client.get("/api/recommendations/Q.933%E4%B9%8B%E4%BA%8C").status_code == 200
    assert client.get("/api/recommendations/T.0").status_code == 404  # a number, not cited in the KB
    assert client.get("/api/recommendations/G.0711").status_code == 422


def test_responsibilities(client: TestClient) -> None:
    entries = client.get("/api/study-groups/SG17/responsibilities").json()
    assert entries[0]["scopes"][0]["joint_with"] == ["SG3"]
    assert client.get("/api/study-groups/SCV/responsibilities").json() == []
    assert client.get("/api/study-groups/SG99/responsibilities").status_code == 404
    assert client.get("/api/study-groups/xyz/responsibilities").status_code == 422


def test_lead(client: TestClient) -> None:
    roles = client.get("/api/lead", params={"topic": "身份管理"}).json()
    assert [(r["group"], r["text_zh"]) for r in roles] == [
        ("SG2", "有关身份管理的运营方面的领导研究组"), ("SG17", "有关身份管理的领导研究组"),
    ]  # fmt: skip
    assert client.get("/api/lead", params={"topic": ""}).status_code == 422
