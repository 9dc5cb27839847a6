"""Submissions as RDF: the kinds, the input formats, and parsing with one-line errors that say where.

Three formats: Turtle, JSON-LD, and plain JSON, which is read as JSON-LD with the published context
``ontology/context.jsonld`` (its name is :data:`CONTEXT_IRI`; it is never fetched: a document that names it
gets the local copy, and any other remote ``@context`` is refused, so that parsing never goes to the
network). In plain JSON, ``"kind"`` is the submission kind; ``--kind`` (or ``?kind=``) fills it in where a
top-level object lacks it.
"""

from __future__ import annotations

import json
import logging
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from itut_kb.errors import InputError, InvalidParameterError, UnsupportedMediaTypeError
from itut_kb.namespaces import ID, ITUT
from itut_kb.terms import to_rdflib

CONTEXT_IRI = "https://w3id.org/itut-kb/context.jsonld"
SUBMISSION_KINDS: dict[str, URIRef] = {
    "draft-recommendation": ITUT.DraftRecommendation,
    "proposed-question": ITUT.ProposedQuestion,
    "contribution": ITUT.Contribution,
}
KB_CHANGE = "kb-change"
KINDS = (*SUBMISSION_KINDS, KB_CHANGE)
_QUESTION_PATH = re.compile(r"^question/(\d{1,2})/(\d{1,2})$")
# What rdflib's JSON-LD processor raises on a document it cannot expand (it has no error class of its own;
# each of these has been seen on malformed input).
_JSONLD_ERRORS = (ValueError, TypeError, KeyError, AttributeError, IndexError, NameError, RecursionError)


class InputFormat(Enum):
    TURTLE = "turtle"
    JSON_LD = "json-ld"
    JSON = "json"


MEDIA_TYPES: dict[str, InputFormat] = {
    "text/turtle": InputFormat.TURTLE,
    "application/x-turtle": InputFormat.TURTLE,
    "application/ld+json": InputFormat.JSON_LD,
    "application/json": InputFormat.JSON,
}
SUFFIXES: dict[str, InputFormat] = {
    ".ttl": InputFormat.TURTLE,
    ".jsonld": InputFormat.JSON_LD,
    ".json": InputFormat.JSON,
}


def format_of_media_type(content_type: str | None) -> InputFormat:
    """The input format of a Content-Type header; UnsupportedMediaTypeError (415) for any other."""
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    if media_type not in MEDIA_TYPES:
        raise UnsupportedMediaTypeError(
            f"cannot validate {media_type or 'a body without Content-Type'}; send {', '.join(MEDIA_TYPES)}"
        )
    return MEDIA_TYPES[media_type]


def format_of_path(path: Path) -> InputFormat:
    try:
        return SUFFIXES[path.suffix.lower()]
    except KeyError:
        raise InputError(
            f"{path}: cannot tell the format from the name; use .ttl, .jsonld or .json"
        ) from None


def check_kind(kind: str | None) -> str | None:
    if kind is not None and kind not in KINDS:
        raise InvalidParameterError(f"unknown kind {kind!r}; kinds: {', '.join(KINDS)}")
    return kind


def load_context(path: Path) -> dict[str, Any]:
    context: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["@context"]
    return context


@contextmanager
def quiet_literals() -> Iterator[None]:
    """rdflib logs a traceback (or warns) for every ill-typed literal, a bad date or boolean; the shapes
    report those, so the noise is silenced while parsing."""
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            warnings.simplefilter(
                "ignore", DeprecationWarning
            )  # rdflib's JSON-LD parser uses ConjunctiveGraph
            yield
    finally:
        logger.setLevel(level)


def parse(
    data: bytes, fmt: InputFormat, context: dict[str, Any], name: str, kind: str | None = None
) -> Graph:
    """The input as a graph; InputError (400) with a one-line message saying where it broke."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 (byte {exc.start})") from None
    graph = Graph()
    with quiet_literals():
        if fmt is InputFormat.TURTLE:
            try:  # pyoxigraph's parser: exact positions in its errors, and fast
                for quad in ox.parse(data, format=ox.RdfFormat.TURTLE):
                    graph.add(
                        (rdflib_term(quad.subject), rdflib_term(quad.predicate), rdflib_term(quad.object))
                    )
            except SyntaxError as exc:
                raise InputError(f"{name}: {exc}") from None
        else:
            doc = _json(text, name)
            own_context = _has_context(doc)
            if fmt is InputFormat.JSON and kind in SUBMISSION_KINDS:
                doc = _with_kind(doc, kind)
            doc = _local_contexts(doc, context, name)
            try:
                graph.parse(data=json.dumps(doc), format="json-ld", context=None if own_context else context)
            except _JSONLD_ERRORS as exc:
                raise InputError(f"{name}: not valid JSON-LD: {exc}") from None
    if not len(graph):
        hint = (
            f" (does its @context define its keys? {CONTEXT_IRI} does)"
            if fmt is not InputFormat.TURTLE
            else ""
        )
        raise InputError(f"{name}: no statements in the input{hint}")
    return _normalise(graph)


def rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node:
    """A pyoxigraph term of a submission as rdflib's; an RDF-star triple as a term is refused."""
    try:
        return to_rdflib(term)
    except TypeError:
        raise InputError("RDF-star triples as terms are not accepted") from None


def _json(text: str, name: str) -> Any:
    doc = read_json(text, name)
    if not isinstance(doc, dict | list):
        raise InputError(
            f"{name}: a submission is a JSON object (or an array of objects), not {type(doc).__name__}"
        )
    return doc


def read_json(text: str, name: str) -> Any:
    """JSON, with a one-line error saying where it broke."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}: line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise InputError(f"{name}: nested too deeply") from None


def _has_context(doc: Any) -> bool:
    return isinstance(doc, dict) and "@context" in doc


def _with_kind(doc: Any, kind: str) -> Any:
    """Plain JSON: give every top-level object without a kind the kind asked for."""
    if isinstance(doc, dict) and "@graph" not in doc:
        return doc if "kind" in doc or "@type" in doc else {**doc, "kind": kind}
    if isinstance(doc, list):
        return [_with_kind(item, kind) for item in doc]
    return doc


def _local_contexts(node: Any, context: dict[str, Any], name: str) -> Any:
    """Replace the published context's name by the local context; refuse any other remote context."""
    if isinstance(node, list):
        return [_local_contexts(item, context, name) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, val in node.items():
        if key == "@context":
            out[key] = _context_value(val, context, name)
        else:
            out[key] = _local_contexts(val, context, name)
    return out


def _context_value(val: Any, context: dict[str, Any], name: str) -> Any:
    if isinstance(val, list):
        return [_context_value(item, context, name) for item in val]
    if isinstance(val, str):
        if val == CONTEXT_IRI:
            return context
        raise InputError(
            f"{name}: remote @context {val!r} is not fetched; use {CONTEXT_IRI} or inline the context"
        )
    if isinstance(val, dict):
        if "@import" in val:
            raise InputError(f"{name}: @import in a context is not fetched; inline the context")
        return {
            k: _context_value(v, context, name) if k == "@context" else _local_contexts(v, context, name)
            for k, v in val.items()
        }
    return val


def _normalise(graph: Graph) -> Graph:
    """Question IRIs written with the printed number (question/1/17) become the KB's (question/1-17)."""
    renamed = {}
    for node in set(graph.subjects()) | set(graph.objects()):
        if isinstance(node, URIRef) and node.startswith(str(ID)):
            match = _QUESTION_PATH.match(node[len(str(ID)) :])
            if match:
                renamed[node] = ID[f"question/{match.group(1)}-{match.group(2)}"]
    for old, new in renamed.items():
        for s, p, o in list(graph.triples((old, None, None))):
            graph.remove((s, p, o))
            graph.add((new, p, o))
        for s, p, o in list(graph.triples((None, None, old))):
            graph.remove((s, p, o))
            graph.add((s, p, new))
    return graph
