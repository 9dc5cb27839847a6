"""Real SPARQL clients against the live endpoint: SPARQLWrapper and rdflib's SPARQLStore."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore

from liveserver import Live

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")

ITUT = "https://w3id.org/itut-kb/ontology#"
SG17 = "https://w3id.org/itut-kb/id/group/SG17"
GROUPS = f"SELECT ?id WHERE {{ ?g a <{ITUT}StudyGroup> ; <{ITUT}groupId> ?id }} ORDER BY ?id"


@pytest.mark.parametrize("return_format", ["json", "xml", "csv", "tsv"])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select(live: Live, return_format: str, method: str) -> None:
    client = SPARQLWrapper.SPARQLWrapper(live.sparql)
    client.setQuery(GROUPS)
    client.setReturnFormat(return_format)
    client.setMethod(method)
    result = client.query()
    assert result.response.status == 200
    if return_format == "json":
        ids = [b["id"]["value"] for b in result.convert()["results"]["bindings"]]
        assert ids[:3] == ["SG11", "SG12", "SG13"]
        assert len(ids) == 10
    elif return_format == "xml":
        assert len(result.convert().getElementsByTagName("result")) == 10
    else:
        assert "SG17" in result.convert().decode("utf-8")


def test_sparqlwrapper_ask_and_construct(live: Live) -> None:
    client = SPARQLWrapper.SPARQLWrapper(live.sparql)
    client.setQuery(f"ASK {{ <{SG17}> ?p ?o }}")
    client.setReturnFormat("json")
    assert client.query().convert()["boolean"] is True
    client.setQuery(f"CONSTRUCT {{ <{SG17}> ?p ?o }} WHERE {{ <{SG17}> ?p ?o }}")
    client.setReturnFormat("turtle")
    graph = Graph().parse(data=client.query().convert(), format="turtle")
    assert (URIRef(SG17), URIRef(ITUT + "groupId"), Literal("SG17")) in graph


def test_sparqlwrapper_sees_errors_as_errors(live: Live) -> None:
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    client = SPARQLWrapper.SPARQLWrapper(live.sparql)
    client.setQuery("SELECT ?x WHERE {")
    with pytest.raises(QueryBadFormed):
        client.query()


def test_sparqlwrapper_update_is_refused(live: Live) -> None:
    from urllib.error import HTTPError

    client = SPARQLWrapper.SPARQLWrapper(live.sparql)
    client.setMethod("POST")
    client.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises((HTTPError, SPARQLWrapper.SPARQLExceptions.SPARQLWrapperException)):
        client.query()


@pytest.mark.parametrize("method", ["GET", "POST", "POST_FORM"])
def test_rdflib_sparqlstore(live: Live, method: str) -> None:
    store = SPARQLStore(live.sparql, method=method, returnFormat="xml")
    graph = Graph(store)
    ids = [str(row[0]) for row in graph.query(GROUPS)]
    assert ids[:2] == ["SG11", "SG12"]
    assert len(ids) == 10
    assert (URIRef(SG17), URIRef(ITUT + "groupId"), Literal("SG17")) in graph
    titles = list(graph.objects(URIRef(SG17), URIRef("http://purl.org/dc/terms/title")))
    assert Literal("安全", lang="zh") in titles


def test_rdflib_sparqlstore_json_results(live: Live) -> None:
    graph = Graph(SPARQLStore(live.sparql, returnFormat="json"))
    [(count,)] = list(graph.query(f"SELECT (COUNT(?q) AS ?n) WHERE {{ ?q a <{ITUT}Question> }}"))
    assert int(count) > 100
