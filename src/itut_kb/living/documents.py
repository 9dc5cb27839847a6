"""Change documents: plain JSON, JSON-LD or Turtle, read into one RDF description of the change.

Plain JSON is the common form::

    {"id": "sg17-q15", "kind": "question-approved", "effective": "2025-09-05",
     "authority": {"body": "SG17", "document": "SG17-R12", "date": "2025-09-05"},
     "data": {"study_group": "SG17", "id": "15/17", "title_zh": "…"}}

or, for several events applied in order (a vacated + appointed pair), ``"events": [{"kind": …, "data": …},
…]`` instead of ``kind`` and ``data``. It is read as JSON-LD with the published context
(``ontology/context.jsonld``): the envelope becomes an ``itut:Change`` node and each event a node typed by
its kind (``itut:QuestionApproved`` …), in an ``itut:event`` list. JSON-LD and Turtle documents state that
graph themselves (see docs/changes.md). The nodes are then named after the change's id
(``id/change/{id}``, ``…/event/{k}``, ``…/authority``) and the list is replaced by ``itut:eventIndex``, so that
the description has no blank node and can be stored, compared and replayed.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from itut_kb import namespaces as ns
from itut_kb.errors import InputError
from itut_kb.namespaces import ITUT
from itut_kb.submissions import CONTEXT_IRI, InputFormat, parse, read_json

ENVELOPE_KEYS = ("id", "kind", "effective", "authority", "data", "events", "note")
EVENT_KEYS = ("kind", "data")


@dataclass(frozen=True)
class ChangeDocument:
    """A change as submitted, read into RDF and named."""

    id: str
    kinds: tuple[str, ...]
    effective: date | None  # None when missing or malformed: the shapes report it
    authority: dict[str, Any]
    graph: Graph  # the change, its authority and its events, under id/change/{id}
    node: URIRef
    events: tuple[URIRef, ...]  # in order
    source: dict[str, Any]  # the document as given: {"format": …, "body": …}

    @property
    def kind(self) -> str:
        return "+".join(self.kinds)


def new_id() -> str:
    return "c-" + secrets.token_hex(6)


def read(data: bytes, fmt: InputFormat, context: dict[str, Any], kinds: dict[str, URIRef]) -> ChangeDocument:
    """The change in ``data``; InputError (400) when it cannot be read as one change."""
    name = "change"
    if fmt is InputFormat.JSON:
        try:
            doc = read_json(data.decode("utf-8"), name)
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: not UTF-8 (byte {exc.start})") from None
        source: dict[str, Any] = {"format": "json", "body": doc}
        data = json.dumps(_as_jsonld(doc, kinds), ensure_ascii=False).encode("utf-8")
        fmt = InputFormat.JSON_LD
    else:
        source = {"format": fmt.value, "body": data.decode("utf-8", errors="replace")}
    graph = parse(data, fmt, context, name)
    return _named(graph, source, kinds)


def _as_jsonld(doc: Any, kinds: dict[str, URIRef]) -> dict[str, Any]:
    """Plain JSON as JSON-LD: the context named, the events flattened out of their ``data``."""
    if not isinstance(doc, dict):
        raise InputError("a change is a JSON object")
    unknown = sorted(set(doc) - set(ENVELOPE_KEYS))
    if unknown:
        raise InputError(
            f"a change has no field {', '.join(map(repr, unknown))}; its fields: {', '.join(ENVELOPE_KEYS)}"
        )
    if "events" in doc:
        if "data" in doc or doc.get("kind") not in (None, "change"):
            raise InputError("a change gives either kind and data, or events, not both")
        events = doc["events"]
        if not isinstance(events, list) or not events:
            raise InputError("events is a non-empty list of {kind, data} objects")
    else:
        events = [{"kind": doc.get("kind"), "data": doc.get("data")}]
    out: dict[str, Any] = {
        "@context": CONTEXT_IRI,
        "kind": "change",
        "events": [_event(e, kinds) for e in events],
    }
    for key in ("id", "effective", "authority", "note"):
        if key in doc:
            out[key] = doc[key]
    return out


def _event(event: Any, kinds: dict[str, URIRef]) -> dict[str, Any]:
    if not isinstance(event, dict) or set(event) - set(EVENT_KEYS):
        raise InputError("an event is an object with kind and data")
    kind = event.get("kind")
    if kind not in kinds:
        raise InputError(f"unknown kind of change {kind!r}; the kinds: {', '.join(sorted(kinds))}")
    data = event.get("data")
    if not isinstance(data, dict):
        raise InputError(f"a {kind} change has its fields in a data object")
    if "kind" in data or any(k.startswith("@") for k in data):
        raise InputError("the data of an event names no kind and no JSON-LD keyword")
    return {**data, "kind": kind}


def _named(graph: Graph, source: dict[str, Any], kinds: dict[str, URIRef]) -> ChangeDocument:
    changes = list(graph.subjects(RDF.type, ITUT.Change))
    if len(changes) != 1:
        raise InputError(f"the document holds {len(changes)} changes (nodes of type itut:Change); send one")
    old = changes[0]
    given_id = graph.value(old, ITUT.changeId)
    change_id = str(given_id) if isinstance(given_id, Literal) else new_id()
    events = _events(graph, old)
    by_class: dict[Node, str] = {cls: kind for kind, cls in kinds.items()}
    event_kinds = tuple(
        next((by_class[c] for c in graph.objects(e, RDF.type) if c in by_class), "unknown") for e in events
    )
    change = ns.iri("change", change_id)
    renames: dict[Node, URIRef] = {old: change}
    for k, event in enumerate(events, start=1):
        renames[event] = URIRef(f"{change}/event/{k}")
    authority = graph.value(old, ITUT.authority)
    if authority is not None:
        renames[authority] = URIRef(f"{change}/authority")
    named = Graph()
    for s, p, o in graph:
        if p in (RDF.first, RDF.rest) or (p == ITUT.event):
            continue
        named.add((renames.get(s, s), p, renames.get(o, o)))
    for k, event in enumerate(events, start=1):
        named.add((change, ITUT.event, renames[event]))
        named.add((renames[event], ITUT.eventIndex, Literal(k)))
    if given_id is None:
        named.add((change, ITUT.changeId, Literal(change_id)))
    blank = sorted({str(t) for triple in named for t in triple if isinstance(t, BNode)})
    if blank:
        raise InputError(
            "a change's values are literals or IRIs: nested objects are only allowed for authority"
        )
    return ChangeDocument(
        id=change_id,
        kinds=event_kinds,
        effective=_date(named.value(change, ITUT.effective)),
        authority=_authority(named, renames.get(authority) if authority is not None else None),
        graph=named,
        node=change,
        events=tuple(renames[e] for e in events),
        source=source,
    )


def _events(graph: Graph, change: Node) -> list[Node]:
    """The change's events, in order: an RDF list (JSON-LD, Turtle ``( … )``) or plain values."""
    out: list[Node] = []
    for value in graph.objects(change, ITUT.event):
        if (value, RDF.first, None) in graph or value == RDF.nil:
            out += list(Collection(graph, value))
        else:
            out.append(value)
    return out


def _date(term: Node | None) -> date | None:
    if isinstance(term, Literal) and term.datatype == XSD.date:
        try:
            return date.fromisoformat(str(term))
        except ValueError:
            return None
    return None


def _authority(graph: Graph, node: URIRef | None) -> dict[str, Any]:
    if node is None:
        return {}
    body = graph.value(node, ITUT.authorityBody)
    out: dict[str, Any] = {}
    if isinstance(body, URIRef):
        out["body"] = body.rsplit("/", 1)[-1]
    for key, prop in (("document", ITUT.authorityDocument), ("date", ITUT.decisionDate)):
        value = graph.value(node, prop)
        if value is not None:
            out[key] = str(value)
    return out
