"""What the gate adds to a change before the shapes read it: what the submitter does not give and the shapes
compare with, computed by the services the KB already has.

- the change: ``itut:latestEffective``, today plus the configured horizon;
- ``recommendation-approved``: the number's sort key and series letter (:mod:`itut_kb.numbering`), and
  its Annex C owners in the KB as it stands on the effective date (the ownership service), or
  ``itut:numberProblem`` when the number cannot be read;
- ``responsibility-amended``: the line read into scopes by the build's own reader, or ``itut:lineProblem``;
- ``kb-change``: the Turtle texts parsed, or ``itut:turtleProblem``.

The readings are kept (:class:`Readings`) for the effects: the gate never parses a text twice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from itut_kb import namespaces as ns
from itut_kb import numbering
from itut_kb.errors import ItutKbError
from itut_kb.extract.annex_c import AnnexCReadingError, Scope, read_entry
from itut_kb.living.documents import ChangeDocument
from itut_kb.namespaces import ITUT

OwnerLookup = Callable[[str], Mapping[str, Any]]


@dataclass
class Readings:
    """Texts of a change read once: Annex C lines (scopes) and raw Turtle (triples to add and remove)."""

    scopes: dict[URIRef, tuple[Scope, ...]] = field(default_factory=dict)
    adds: dict[URIRef, list[ox.Triple]] = field(default_factory=dict)
    removes: dict[URIRef, list[ox.Triple]] = field(default_factory=dict)


def enrich(doc: ChangeDocument, owner: OwnerLookup, today: date, ahead_days: int) -> tuple[Graph, Readings]:
    """The statements the gate adds to ``doc`` (kept apart from it), and what it read."""
    extra = Graph()
    readings = Readings()
    latest = today + timedelta(days=ahead_days)
    extra.add((doc.node, ITUT.latestEffective, Literal(latest.isoformat(), datatype=XSD.date)))
    for event, kind in zip(doc.events, doc.kinds, strict=True):
        if kind == "recommendation-approved":
            _recommendation(doc.graph, extra, event, owner)
        elif kind == "responsibility-amended":
            _annex_c_line(doc.graph, extra, event, readings)
        elif kind == "kb-change":
            _turtle(doc.graph, extra, event, readings)
    return extra, readings


def _recommendation(graph: Graph, extra: Graph, event: URIRef, owner: OwnerLookup) -> None:
    text = graph.value(event, ITUT.number)
    if text is None:
        return
    try:
        number = numbering.parse(str(text))
    except ItutKbError as exc:
        extra.add((event, ITUT.numberProblem, Literal(exc.message)))
        return
    extra.add((event, ITUT.sortKey, Literal(number.key)))
    extra.add((event, ITUT.seriesLetter, Literal(number.letter)))
    answer = owner(number.text)
    for group_id in answer.get("owners", []):
        extra.add((event, ITUT.annexCOwner, ns.group(group_id)))
    basis = "; ".join(f"{b['group']}: {b['scope']}" for b in answer.get("basis", [])) or "no Annex C entry"
    extra.add((event, ITUT.annexCBasis, Literal(basis)))


def _annex_c_line(graph: Graph, extra: Graph, event: URIRef, readings: Readings) -> None:
    text = graph.value(event, ITUT.entryText)
    group = graph.value(event, ITUT.forGroup)
    if text is None:
        return
    try:
        readings.scopes[event] = read_entry(str(text), str(group).rsplit("/", 1)[-1])
    except AnnexCReadingError as exc:
        extra.add((event, ITUT.lineProblem, Literal(str(exc))))


def _turtle(graph: Graph, extra: Graph, event: URIRef, readings: Readings) -> None:
    for prop, into in ((ITUT.addsTurtle, readings.adds), (ITUT.removesTurtle, readings.removes)):
        text = graph.value(event, prop)
        if text is None:
            continue
        try:
            triples = [
                ox.Triple(q.subject, q.predicate, q.object)
                for q in ox.parse(str(text).encode("utf-8"), format=ox.RdfFormat.TURTLE)
            ]
        except SyntaxError as exc:
            extra.add((event, ITUT.turtleProblem, Literal(f"{prop.rsplit('#', 1)[-1]}: {exc}")))
            continue
        if any(isinstance(t, ox.BlankNode) for triple in triples for t in (triple.subject, triple.object)):
            extra.add(
                (event, ITUT.turtleProblem, Literal("blank nodes: the KB names every node with an IRI"))
            )
            continue
        into[event] = triples
