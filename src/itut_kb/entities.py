"""Linked data: the description of one entity of the KB, for its HTML page and its RDF serializations.

Every instance IRI is ``https://w3id.org/itut-kb/id/<path>``; the server answers for ``/id/<path>``.
Facts come from the named queries ``entity`` (what the entity states, with the graph each statement is
in) and ``entity-links`` (what points at it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import unquote

import pyoxigraph as ox

from itut_kb.catalog import Catalog
from itut_kb.errors import InvalidParameterError, NotFoundError
from itut_kb.namespaces import ID, PREFIXES, key
from itut_kb.store import GRAPH_BASE, KnowledgeBase, Term

ID_BASE = str(ID)
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DCTERMS_TITLE = "http://purl.org/dc/terms/title"
ITUT = "https://w3id.org/itut-kb/ontology#"
NAMING = ("roleLabel", "holderName", "sourceClause", "number", "clauseKey")  # names, for want of a label
PROVENANCE = {
    "http://www.w3.org/ns/prov#wasDerivedFrom": "source",
    "https://w3id.org/itut-kb/ontology#firstLine": "first_line",
    "https://w3id.org/itut-kb/ontology#lastLine": "last_line",
    "https://w3id.org/itut-kb/ontology#sourceClause": "source_clause",
}


@dataclass(frozen=True)
class Fact:
    """One statement: a property and a value (an IRI or a literal), with labels for both."""

    property: str
    property_label: str
    value: Term
    value_label: str | None = None
    graph: str | None = None


@dataclass
class Entity:
    iri: str
    facts: list[Fact] = field(default_factory=list)  # what the entity states
    links: list[Fact] = field(default_factory=list)  # who points at it: value = the subject

    def values(self, prop: str) -> list[Term]:
        return [f.value for f in self.facts if f.property == prop]

    @property
    def label(self) -> str:
        labels = [v for v in self.values(RDFS_LABEL) if isinstance(v, ox.Literal)]
        for lang in ("zh", "en", ""):
            for lab in labels:
                if (lab.language or "") == lang:
                    return lab.value
        texts = {p: [v.value for v in self.values(ITUT + p) if isinstance(v, ox.Literal)] for p in NAMING}
        titles = [v.value for v in self.values(DCTERMS_TITLE) if isinstance(v, ox.Literal)]
        if titles:
            return titles[0]
        if texts["roleLabel"]:
            return " ".join(texts["roleLabel"][:1] + texts["holderName"][:1])
        for prop in ("sourceClause", "number", "clauseKey"):
            if texts[prop]:
                return texts[prop][0]
        return self.iri.removeprefix(ID_BASE)

    @property
    def english_label(self) -> str | None:
        for lab in self.values(RDFS_LABEL):
            if isinstance(lab, ox.Literal) and lab.language == "en":
                return lab.value
        return None

    @property
    def graphs(self) -> list[str]:
        return sorted({f.graph for f in self.facts if f.graph})

    @property
    def provenance(self) -> dict[str, str]:
        out = {}
        for fact in self.facts:
            name = PROVENANCE.get(fact.property)
            if name:
                text = (
                    fact.value.value
                    if isinstance(fact.value, (ox.Literal, ox.NamedNode))
                    else str(fact.value)
                )
                out[name] = (fact.value_label or text) if name == "source" else text
        return out

    def triples(self) -> list[ox.Triple]:
        """The description as RDF: its own statements, then the statements pointing at it."""
        node = ox.NamedNode(self.iri)
        out = [ox.Triple(node, ox.NamedNode(f.property), f.value) for f in self.facts]
        out += [
            ox.Triple(f.value, ox.NamedNode(f.property), node)  # type: ignore[arg-type]
            for f in self.links
        ]
        return list(dict.fromkeys(out))


def local_name(iri: str) -> str:
    """A short readable name of a property IRI: its prefixed form (itut:holderName)."""
    for prefix, base in PREFIXES.items():
        if iri.startswith(base) and prefix != "id":
            return f"{prefix}:{iri[len(base) :]}"
    return iri


def iri_of(path: str) -> str:
    """The IRI of the local path ``path`` (after ``/id/``), each segment normalised as the KB mints them."""
    segments = path.strip("/").split("/")
    if not path.strip("/") or any(s in {"", ".", ".."} for s in segments):
        raise InvalidParameterError(f"not an entity path: {path!r}")
    return ID_BASE + "/".join(key(unquote(s)) for s in segments)


def local_path(iri: str) -> str | None:
    """``/id/…`` for an IRI of the KB, None for any other IRI."""
    return "/id/" + iri[len(ID_BASE) :] if iri.startswith(ID_BASE) else None


class Entities:
    """Entity descriptions over one KB."""

    def __init__(self, kb: KnowledgeBase, catalog: Catalog) -> None:
        self.kb = kb
        self.catalog = catalog

    def describe(self, iri: str) -> Entity:
        entity = Entity(iri)
        for row in self.catalog.run(self.kb, "entity", entity=iri):
            entity.facts.append(self._fact(row, "value", "valueLabel"))
        for row in self.catalog.run(self.kb, "entity-links", entity=iri):
            entity.links.append(self._fact(row, "subject", "subjectLabel"))
        if not entity.facts and not entity.links:
            raise NotFoundError(f"the KB says nothing about {iri}")
        return entity

    @staticmethod
    def _fact(row: dict[str, Term], value: str, label: str) -> Fact:
        prop = str(row["property"].value)  # type: ignore[union-attr]
        prop_label = row.get("propertyLabel")
        value_label = row.get(label)
        graph = row.get("graph")
        return Fact(
            property=prop,
            property_label=prop_label.value if isinstance(prop_label, ox.Literal) else local_name(prop),
            value=row[value],
            value_label=value_label.value if isinstance(value_label, ox.Literal) else None,
            graph=graph.value.removeprefix(GRAPH_BASE) if isinstance(graph, ox.NamedNode) else None,
        )
