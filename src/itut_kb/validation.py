"""Validation of submitted data against the rules, before it goes out.

A submission (a draft Recommendation, a proposed Question, a contribution) is validated against the
submission shapes (``ontology/shapes/submissions/``) plus only the KB context it needs: for each KB node it
mentions (a group, a Question), one named CONSTRUCT (``queries/validation/node-context.rq``) on the store,
and the ontology's class hierarchy. The validator adds what the shapes compare with and the submitter does
not give: the Annex C owners of a draft's number (the ownership service) and the deadlines of a meeting
(the rules engine: A.1 3.1.9, 3.2.1). A change to the KB itself (``kb-change``) is validated against every
KB shape (``ontology/shapes/*.ttl``), merged with the description of every KB node it touches
(``node-description.rq``), with those nodes as the focus; nothing is ever kept.

The report (:mod:`itut_kb.validation_report`) is JSON, results grouped by focus node, or pySHACL's standard
``sh:ValidationReport`` in Turtle.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pyshacl
from pyshacl.graph_abstraction import OxigraphDataGraph
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from itut_kb import namespaces as ns
from itut_kb.catalog import Catalog
from itut_kb.config import Settings
from itut_kb.deadlines import parse_day
from itut_kb.errors import InputError, ItutKbError
from itut_kb.namespaces import ID, ITUT
from itut_kb.rules import RulesEngine
from itut_kb.store import KnowledgeBase
from itut_kb.submissions import (
    KB_CHANGE,
    SUBMISSION_KINDS,
    InputFormat,
    check_kind,
    load_context,
    parse,
    quiet_literals,
    rdflib_term,
)
from itut_kb.validation_report import ValidationReport, findings, with_prefixes

JSON = dict[str, Any]
OwnerLookup = Callable[[str], Mapping[str, Any]]
_NUMBER = re.compile(r"^[A-Z]\.[0-9]+(\.[0-9]+)*(bis|ter)?$")
# Bounds on one request, so that a body within the size limit cannot keep a worker busy for minutes.
MAX_SUBMISSIONS = 100
MAX_CHANGED_NODES = 500
# The deadlines the validator adds: (class of the submission, property added, rule that gives it).
DEADLINES = (
    (ITUT.Contribution, ITUT.submissionDeadline, "a1-3.1.9"),
    (ITUT.Contribution, ITUT.translationDeadline, "a1-3.2.1"),
    (ITUT.ProposedQuestion, ITUT.submissionDeadline, "res1-7.1.3"),
)


class Schema:
    """What validation reads besides the KB, parsed once: the context, the shapes and the ontology."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def warm(self) -> None:
        """Parse the context, shapes and ontology now (server start-up) rather than on the first request."""
        _ = self.context, self.submission_shapes, self.kb_shapes, self.ontology, self.catalog
        _ = self.inverse_paths, self.class_hierarchy

    @cached_property
    def catalog(self) -> Catalog:
        """The context queries (queries/validation/*.rq)."""
        return Catalog.load(self.settings.queries_dir / "validation")

    @cached_property
    def context(self) -> dict[str, Any]:
        return load_context(self.settings.ontology_dir / "context.jsonld")

    @cached_property
    def submission_shapes(self) -> Graph:
        return _load(sorted((self.settings.shapes_dir / "submissions").glob("*.ttl")))

    @cached_property
    def kb_shapes(self) -> Graph:
        return _load(sorted(self.settings.shapes_dir.glob("*.ttl")))

    @cached_property
    def ontology(self) -> Graph:
        return _load([self.settings.ontology_dir / "itut.ttl"])

    @cached_property
    def inverse_paths(self) -> list[URIRef]:
        """The properties the KB shapes follow backwards: a change's context needs those statements too."""
        return sorted({o for o in self.kb_shapes.objects(None, SH.inversePath) if isinstance(o, URIRef)})

    @cached_property
    def class_hierarchy(self) -> list[tuple[Node, Node, Node]]:
        return list(self.ontology.triples((None, RDFS.subClassOf, None)))


class Validator:
    """Submissions and KB changes, validated against the shapes and the KB context they need."""

    def __init__(
        self,
        schema: Schema,
        kb: KnowledgeBase,
        rules: RulesEngine,
        owner: OwnerLookup | None = None,
    ) -> None:
        self.schema = schema
        self.settings = schema.settings
        self.kb = kb
        self.catalog = schema.catalog
        self.rules = rules
        self.owner = owner

    def warm(self) -> None:
        self.schema.warm()

    # ------------------------------------------------------------------ entry point
    def validate(
        self, data: bytes, fmt: InputFormat, kind: str | None = None, name: str = "input"
    ) -> ValidationReport:
        """The report on ``data``; InputError when it cannot be read, InvalidParameterError for a bad kind."""
        with quiet_literals():
            return self._validate(data, fmt, check_kind(kind), name)

    def _validate(self, data: bytes, fmt: InputFormat, kind: str | None, name: str) -> ValidationReport:
        graph = _PreparedQueries()
        graph += parse(data, fmt, self.schema.context, name, kind)
        if kind == KB_CHANGE:
            return self._validate_change(graph)
        found = self._submission_kind(graph, kind, name)
        count = sum(1 for cls in SUBMISSION_KINDS.values() for _ in graph.subjects(RDF.type, cls))
        if count > MAX_SUBMISSIONS:
            raise InputError(f"{name}: {count} submissions; send at most {MAX_SUBMISSIONS} at a time")
        notes = self._enrich(graph)
        for node in _mentioned(graph):
            self._add_context(graph, "node-context", node)
        graph += self.schema.class_hierarchy
        return self._run(found, graph, self.schema.submission_shapes, None, notes)

    def _submission_kind(self, graph: Graph, kind: str | None, name: str) -> str:
        present = [k for k, cls in SUBMISSION_KINDS.items() if (None, RDF.type, cls) in graph]
        if kind is not None and kind not in present:
            raise InputError(f"{name}: no {kind} in the input (a node of type {SUBMISSION_KINDS[kind].n3()})")
        if not present:
            types = sorted({o.n3(with_prefixes(graph)) for o in graph.objects(None, RDF.type)}) or ["none"]
            raise InputError(
                f"{name}: no submission found (types: {', '.join(types)}); a submission's kind is one of "
                f"{', '.join(SUBMISSION_KINDS)}, and kb-change validates a change to the KB"
            )
        return kind or ",".join(present)

    # ------------------------------------------------------------------ what the validator adds
    def _enrich(self, graph: Graph) -> list[str]:
        notes = []
        for cls, prop, rule_id in DEADLINES:
            for node in graph.subjects(RDF.type, cls):
                meeting = _day(graph.value(node, ITUT.meetingDate))
                if meeting is not None:
                    limit = self.rules.limit(rule_id, meeting)
                    graph.add((node, prop, Literal(limit.isoformat(), datatype=XSD.date)))
        for node in graph.subjects(RDF.type, ITUT.DraftRecommendation):
            number = graph.value(node, ITUT.number)
            if not isinstance(number, Literal) or not _NUMBER.match(str(number)):
                continue
            if self.owner is None:
                notes.append(f"Res. 2 Annex C was not checked for {number}: no ownership service")
                continue
            try:
                answer = self.owner(str(number))
            except ItutKbError as exc:
                notes.append(f"Res. 2 Annex C was not checked for {number}: {exc.message}")
                continue
            for group_id in answer.get("owners", []):
                graph.add((node, ITUT.annexCOwner, ns.group(group_id)))
            basis = (
                "; ".join(f"{b['group']}: {b['scope']}" for b in answer.get("basis", []))
                or "no Annex C entry"
            )
            graph.add((node, ITUT.annexCBasis, Literal(basis)))
        return notes

    def _add_context(self, graph: Graph, query: str, node: URIRef, **params: str) -> None:
        named = self.catalog.get(query)
        for t in self.kb.construct(named.text, named.bindings({"node": str(node), **params})):
            graph.add((rdflib_term(t.subject), rdflib_term(t.predicate), rdflib_term(t.object)))

    # ------------------------------------------------------------------ KB changes
    def _validate_change(self, change: Graph) -> ValidationReport:
        if any(isinstance(term, BNode) for triple in change for term in triple):
            raise InputError("a change to the KB names every node with an IRI: the KB holds no blank nodes")
        focus = sorted(_mentioned(change, subjects=True))
        if len(focus) > MAX_CHANGED_NODES:
            raise InputError(
                f"the change touches {len(focus)} KB nodes; send at most {MAX_CHANGED_NODES} at a time"
            )
        graph = change
        for node in focus:
            self._add_context(graph, "node-description", node)
            for prop in self.schema.inverse_paths:
                self._add_context(graph, "node-incoming", node, property=str(prop))
        graph += self.schema.ontology
        return self._run(KB_CHANGE, graph, self.schema.kb_shapes, focus, [])

    # ------------------------------------------------------------------ pySHACL and the report
    def _run(
        self, kind: str, data: Graph, shapes: Graph, focus: list[URIRef] | None, notes: list[str]
    ) -> ValidationReport:
        if focus is not None:
            # Only the focus nodes are validated: the shapes that target them are made to target exactly
            # them (sh:targetNode), the other targets dropped. (pySHACL's focus_nodes option also filters the
            # value nodes of nested shapes, so that sh:qualifiedValueShape and sh:node misjudge them; its
            # use_shapes option leaves the shapes named by sh:node unloaded.)
            shapes = retargeted(shapes, data, focus)
        report = run_shacl(data, shapes)
        return ValidationReport(
            kind, findings(report, shapes, data, SUBMISSION_KINDS.values()), report, notes
        )


# ---------------------------------------------------------------------- helpers
class _PreparedQueries(Graph):
    """A data graph that parses each SPARQL text once: pySHACL sends the same SHACL-SPARQL constraint text
    for every focus node, and rdflib's parser (20 ms a query) would otherwise dominate a validation."""

    def query(self, query_object: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


@lru_cache(maxsize=256)
def _prepared(text: str) -> Query:
    return prepareQuery(text)


def _load(paths: Iterable[Path]) -> Graph:
    graph = Graph()
    for path in paths:
        graph.parse(path, format="turtle")
    return graph


def _day(term: Node | None) -> date | None:
    if not isinstance(term, Literal) or term.datatype != XSD.date:
        return None
    try:
        return parse_day(str(term))
    except ValueError:
        return None


def _mentioned(graph: Graph, subjects: bool = False) -> set[URIRef]:
    """The KB nodes (IRIs under id/) the graph mentions as objects (and as subjects, if asked)."""
    nodes = set(graph.objects()) | (set(graph.subjects()) if subjects else set())
    return {n for n in nodes if isinstance(n, URIRef) and n.startswith(str(ID))}


class _StoreGraph(OxigraphDataGraph):
    """pySHACL's view of a pyoxigraph store, always true: pySHACL tests the data graph's truth value for every
    result it builds, and the store's would count every quad each time (see TRAPS.md)."""

    def __bool__(self) -> bool:
        return True


def run_shacl(data: Graph | ox.Store, shapes: Graph, **options: Any) -> Graph:
    """pySHACL's report of ``data`` (an rdflib graph, or a pyoxigraph store read in place) against ``shapes``."""
    source: Any = _StoreGraph(data) if isinstance(data, ox.Store) else data
    _conforms, report, _text = pyshacl.validate(
        source, shacl_graph=shapes, inference="none", allow_warnings=True, allow_infos=True, **options
    )
    assert isinstance(report, Graph)
    return report


def retargeted(shapes: Graph, data: Graph, focus: list[URIRef]) -> Graph:
    """A copy of ``shapes`` whose class targets are replaced by the focus nodes of those classes."""
    types = {
        node: {c for t in data.objects(node, RDF.type) for c in data.transitive_objects(t, RDFS.subClassOf)}
        for node in focus
    }
    out = Graph()
    out += shapes
    for shape, target in list(shapes.subject_objects(SH.targetClass)):
        out.remove((shape, SH.targetClass, target))
        for node in focus:
            if target in types[node]:
                out.add((shape, SH.targetNode, node))
    return out
