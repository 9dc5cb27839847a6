"""Every entity IRI dereferences: /id/<path> answers HTML, Turtle, JSON-LD … by content negotiation."""

from __future__ import annotations

import httpx
import pyoxigraph as ox
import pytest

ID = "https://w3id.org/itut-kb/id/"
SG17 = ID + "group/SG17"


def triples(response: httpx.Response) -> set[ox.Triple]:
    fmt = ox.RdfFormat.from_media_type(response.headers["content-type"].split(";")[0])
    assert fmt is not None
    return {q.triple for q in ox.parse(response.content, format=fmt)}


def test_browser_gets_a_readable_page(http: httpx.Client) -> None:
    response = http.get("/id/group/SG17", headers={"accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "<title>第17研究组 · 安全 · itut-kb</title>" in page
    assert "Study Group 17" in page  # the English label
    assert 'href="/id/group/SG17/chair"' in page  # a link to a related entity, served locally
    assert 'href="/id/question/1-17"' in page  # its Questions
    assert 'href="/source/000_03ba4204751c90f1.txt?from=1893&amp;to=1895#L1893"' in page  # its source lines


def test_other_entities_get_their_facts(http: httpx.Client) -> None:
    response = http.get("/id/group/SG17/lead-role/1", headers={"accept": "text/html"})
    assert response.status_code == 200
    page = response.text
    assert "有关安全的领导研究组" in page
    assert 'href="/id/group/SG17"' in page  # a link to a related entity, served locally
    assert "data/kb/mandates.ttl" in page  # provenance: the KB file


@pytest.mark.parametrize(
    "accept", ["text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml", "*/*"]
)
def test_rdf_descriptions(http: httpx.Client, accept: str) -> None:
    response = http.get("/id/group/SG17", headers={"accept": accept})
    assert response.status_code == 200
    described = triples(response)
    node = ox.NamedNode(SG17)
    assert (
        ox.Triple(node, ox.NamedNode("https://w3id.org/itut-kb/ontology#groupId"), ox.Literal("SG17"))
        in described
    )
    assert any(t.object == node for t in described)  # statements pointing at it are included
    assert "accept" in response.headers["vary"].lower()


def test_turtle_is_the_default(http: httpx.Client) -> None:
    assert (
        http.get("/id/group/SG17", headers={"accept": "*/*"})
        .headers["content-type"]
        .startswith("text/turtle")
    )


@pytest.mark.parametrize("path", ["/id/member-state/%E4%B8%AD%E5%9B%BD", "/id/member-state/中国"])
def test_percent_encoded_iris(http: httpx.Client, path: str) -> None:
    response = http.get(path, headers={"accept": "text/turtle"})
    assert response.status_code == 200
    assert ox.NamedNode(ID + "member-state/%E4%B8%AD%E5%9B%BD") in {t.subject for t in triples(response)}


def test_format_parameter_for_links(http: httpx.Client) -> None:
    response = http.get("/id/resolution/2", params={"format": "jsonld"}, headers={"accept": "text/html"})
    assert response.headers["content-type"].startswith("application/ld+json")
    assert http.get("/id/resolution/2", params={"format": "pdf"}).status_code == 422


def test_unknown_entity_is_404(http: httpx.Client) -> None:
    assert http.get("/id/resolution/9999").status_code == 404
    assert http.get("/id/").status_code in {404, 422}


def test_no_acceptable_format_is_406(http: httpx.Client) -> None:
    assert http.get("/id/group/SG17", headers={"accept": "image/png"}).status_code == 406


def test_query_page(http: httpx.Client) -> None:
    page = http.get("/query")
    assert page.status_code == 200
    assert "<textarea" in page.text
    assert "PREFIX" not in page.text or "itut" in page.text
    assert '"itut": "https://w3id.org/itut-kb/ontology#"' in page.text  # known prefixes
    assert "questions-per-group" in page.text  # example queries
    assert "http://" not in page.text.replace("http://www.w3.org", "").replace("http://purl.org", "")
    script = http.get("/static/query.js")
    assert script.status_code == 200
    assert 'fetch("/sparql"' in script.text
    assert http.get("/static/style.css").status_code == 200
