"""A change's provenance as PROV-O, in the graph ``graph/changes`` of every state that includes it.

::

    id:change/{id} a itut:Change , prov:Activity ;
        itut:changeId "…" ; itut:version 3 ; itut:changeKind "question-approved" ;
        itut:effective "2025-09-05"^^xsd:date ; prov:endedAtTime "…"^^xsd:dateTime ;
        prov:wasAssociatedWith id:agent/{token name} ;
        itut:authorityBody id:group/SG17 ; itut:authorityDocument "SG17-R12" ; itut:decisionDate "…"^^xsd:date ;
        itut:reverts id:change/{other} .                       # a revert only
    graph:change/{id} a prov:Entity ; prov:wasGeneratedBy id:change/{id} ; prov:generatedAtTime "…" .

The facts a change added are in its own named graph (``graph/change/{id}``), so that ``GRAPH ?g`` tells
which change stated a fact; the entities it created also carry ``prov:wasGeneratedBy`` (its CONSTRUCT).
"""

from __future__ import annotations

import pyoxigraph as ox

from itut_kb import namespaces as ns
from itut_kb.living.changelog import ChangeRecord
from itut_kb.store import graph_name

_XSD = "http://www.w3.org/2001/XMLSchema#"
_PROV = "http://www.w3.org/ns/prov#"
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
CHANGES_GRAPH = graph_name("changes")


def change_iri(change_id: str) -> ox.NamedNode:
    return ox.NamedNode(str(ns.iri("change", change_id)))


def change_graph(change_id: str) -> ox.NamedNode:
    """The named graph of the facts a change added."""
    return graph_name("change/" + ns.key(change_id))


def agent_iri(name: str) -> ox.NamedNode:
    return ox.NamedNode(str(ns.iri("agent", name)))


def _itut(local: str) -> ox.NamedNode:
    return ox.NamedNode(str(ns.ITUT) + local)


def _prov(local: str) -> ox.NamedNode:
    return ox.NamedNode(_PROV + local)


def _typed(value: str, datatype: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(_XSD + datatype))


def quads(record: ChangeRecord) -> list[ox.Quad]:
    """The PROV-O description of ``record``."""
    change = change_iri(record.id)
    graph = change_graph(record.id)
    agent = agent_iri(record.agent)
    recorded = _typed(record.recorded_at.replace("Z", "+00:00"), "dateTime")
    authority = record.authority
    triples: list[tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]] = [
        (change, _RDF_TYPE, _itut("Change")),
        (change, _RDF_TYPE, _prov("Activity")),
        (change, _itut("changeId"), ox.Literal(record.id)),
        (change, _itut("version"), _typed(str(record.version), "integer")),
        (change, _itut("changeKind"), ox.Literal(record.kind)),
        (change, _itut("effective"), _typed(record.effective.isoformat(), "date")),
        (change, _prov("endedAtTime"), recorded),
        (change, _prov("wasAssociatedWith"), agent),
        (agent, _RDF_TYPE, _prov("Agent")),
        (agent, _RDFS_LABEL, ox.Literal(record.agent)),
        (graph, _RDF_TYPE, _prov("Entity")),
        (graph, _prov("wasGeneratedBy"), change),
        (graph, _prov("generatedAtTime"), recorded),
    ]
    if authority.get("body"):
        triples.append((change, _itut("authorityBody"), ox.NamedNode(str(ns.group(authority["body"])))))
    if authority.get("document"):
        triples.append((change, _itut("authorityDocument"), ox.Literal(authority["document"])))
    if authority.get("date"):
        triples.append((change, _itut("decisionDate"), _typed(authority["date"], "date")))
    if record.reverts:
        triples.append((change, _itut("reverts"), change_iri(record.reverts)))
    return [ox.Quad(s, p, o, CHANGES_GRAPH) for s, p, o in triples]
