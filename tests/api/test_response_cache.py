"""The response cache (issue 12): ETag, If-None-Match and 304, Cache-Control, keys by route, parameters,
Accept and body; writes, errors and health never kept. (Changes making the next answer differ: in
test_changes_api.py, on the writable server.)"""

from __future__ import annotations

import httpx
import pytest

from liveserver import Live

OWNER = "/api/recommendations/E.164/owner"
ASK = "ASK { ?s <https://w3id.org/itut-kb/ontology#groupId> ?id }"


def _answers(live: Live) -> dict[str, int]:
    status: dict[str, int] = live.app.state.answers.status()
    return status


@pytest.mark.parametrize(
    "path",
    [OWNER, "/api/resolutions/2", "/api/queries/questions-of-group?group=SG17", "/id/group/SG17"],
)
def test_a_read_has_an_etag_and_a_matching_if_none_match_is_a_304(http: httpx.Client, path: str) -> None:
    first = http.get(path)
    assert first.status_code == 200
    etag = first.headers["etag"]
    assert etag.startswith('W/"')
    assert first.headers["cache-control"] == "public, no-cache"
    again = http.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    assert again.headers["x-kb-state"] == first.headers["x-kb-state"]
    assert again.headers["cache-control"] == "public, no-cache"
    other = http.get(path, headers={"If-None-Match": 'W/"something-else"'})
    assert other.status_code == 200
    assert other.content == first.content


def test_a_kept_answer_is_the_answer_and_is_served_from_the_cache(live: Live, http: httpx.Client) -> None:
    path = "/api/questions/2-17"
    first = http.get(path)
    before = _answers(live)
    second = http.get(path)
    after = _answers(live)
    assert after["hits"] == before["hits"] + 1
    assert after["misses"] == before["misses"]
    assert second.json() == first.json()
    assert second.headers["etag"] == first.headers["etag"]
    assert second.headers["x-kb-version"] == first.headers["x-kb-version"]


def test_accept_parameters_and_body_are_part_of_the_key(live: Live, http: httpx.Client) -> None:
    json_answer = http.get(
        "/sparql", params={"query": ASK}, headers={"Accept": "application/sparql-results+json"}
    )
    csv_answer = http.get("/sparql", params={"query": ASK}, headers={"Accept": "text/csv"})
    assert json_answer.headers["content-type"].startswith("application/sparql-results+json")
    assert csv_answer.headers["content-type"].startswith("text/csv")
    assert json_answer.headers["etag"] != csv_answer.headers["etag"]
    sg2, sg3 = http.get("/api/study-groups/SG2"), http.get("/api/study-groups/SG3")
    assert sg2.json()["id"] == "SG2"
    assert sg3.json()["id"] == "SG3"
    assert sg2.headers["etag"] != sg3.headers["etag"]
    posted = [
        http.post("/sparql", content=text.encode(), headers={"Content-Type": "application/sparql-query"})
        for text in (ASK, ASK, "ASK { ?s ?p 'no such literal' }")
    ]
    assert [p.json()["boolean"] for p in posted] == [True, True, False]
    assert posted[0].headers["etag"] == posted[1].headers["etag"] != posted[2].headers["etag"]
    form = http.post("/sparql", data={"query": ASK}, headers={"Accept": "application/sparql-results+json"})
    assert form.json()["boolean"] is True


def test_a_pinned_state_may_be_kept_by_http_caches(http: httpx.Client) -> None:
    pinned = http.get(OWNER, params={"version": "0", "as_of": "2025-01-01"})
    assert pinned.status_code == 200
    assert pinned.headers["cache-control"] == "public, max-age=86400"
    current = http.get(OWNER)
    assert current.headers["etag"] != pinned.headers["etag"]  # another key: never mixed with the current


def test_errors_writes_and_health_are_not_kept(live: Live, http: httpx.Client) -> None:
    for _ in range(2):
        missing = http.get("/api/resolutions/999")
        assert missing.status_code == 404
        assert "etag" not in missing.headers
        bad = http.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p"})
        assert bad.status_code == 400
        assert "etag" not in bad.headers
        health = http.get("/api/health")
        assert "etag" not in health.headers
    refused = http.post("/api/changes", json={}, headers={"Authorization": "Bearer x"})
    assert refused.status_code in {401, 403}
    assert "etag" not in refused.headers
    assert all(not key[1].startswith(b"POST\0/api") for key in live.app.state.answers.entries)
    assert health.json()["cache"]["max_bytes"] > 0
