"""The pages of a Recommendation (any valid number, cited or not), a Question, a Member State, and the generic
page of any other entity (its facts, who points at it, its provenance).

Named queries: ``recommendation``, ``citations-of-recommendation`` (through Lookup), ``owner`` (through
Ownership), ``question``, ``group-of-question``, ``questions-of-group``, ``posts-of-state``, ``entity``,
``entity-links``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

import pyoxigraph as ox

from itut_kb.entities import Entity, Fact, local_name
from itut_kb.errors import NotFoundError
from itut_kb.pages import JSON, Page, path_of, require
from itut_kb.pages.documents import document_data

if TYPE_CHECKING:
    from itut_kb.services import KbView

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
MAX_LINKS = 300  # incoming links shown on a page (a source text has thousands)


def recommendation(view: KbView, iri: str, number: str) -> Page:
    """Any valid number: the responsible group(s) with their Annex C basis (the answer of `owner`), where the
    proceedings cite it, and, for an A-series Recommendation printed in Part III, its text."""
    owner = view.ownership.owner(unquote(number))  # 422 for a number that is not a Recommendation number
    number = owner["recommendation"]
    try:
        known: JSON | None = view.lookup.recommendation(number)
    except NotFoundError:
        known = None
    data: JSON = {
        "iri": iri,
        "number": number,
        "in_kb": known is not None,
        "title_zh": known.get("title_zh") if known else None,
        "owner": owner,
        "cited_by": known["cited_by"] if known else [],
        "source": {"file": known["source_file"], "lines": known["source_lines"]}
        if known and known.get("source_lines")
        else None,
        "document": None,
    }
    if known is not None:
        try:
            doc = document_data(view, iri)
        except NotFoundError:
            doc = None
        if doc is not None and doc["blocks"]:
            data["document"] = doc
    title = f"ITU-T {number}"
    return Page("recommendation", title, data, subtitle=data["title_zh"], iri=iri)


def question(view: KbView, iri: str) -> Page:
    number = path_of(iri).split("/")[1].replace("-", "/")
    data: JSON = view.lookup.question(number)
    group = data["study_group"]
    data["group"] = require(view.lookup.rows("group-of-question", id=number), f"group of Question {number}")
    data["siblings"] = [
        {"id": q["num"], "iri": q["q"], "title_zh": q["title"]}
        for q in view.lookup.rows("questions-of-group", group=group)
    ]
    data["referred_by"] = [_fact(f) for f in view.entities.describe(iri).links[:MAX_LINKS]]
    return Page("question", f"{number} {data['title_zh']}", data, subtitle=data.get("title_en"), iri=iri)


def member_state(view: KbView, iri: str) -> Page:
    name = unquote(path_of(iri).split("/")[1])
    described = view.entities.describe(iri)  # 404 for a state the KB does not know
    posts = view.lookup.rows("posts-of-state", state=name)
    data: JSON = {
        "iri": iri,
        "name_zh": described.label,
        "name_en": described.english_label,
        "posts": [
            {
                "iri": p["post"],
                "group": p["groupId"],
                "group_iri": p["group"],
                "role": p["role"],
                "name": p["holder"],
            }
            for p in posts
        ],
        "facts": [_fact(f) for f in described.facts if f.property != RDF_TYPE],
    }
    return Page("member_state", described.label, data, subtitle=described.english_label, iri=iri)


def generic(view: KbView, iri: str) -> Page:
    described = view.entities.describe(iri)
    return Page("entity", described.label, entity_data(described), subtitle=described.english_label, iri=iri)


def entity_data(described: Entity) -> JSON:
    kinds = [_fact(f) for f in described.facts if f.property == RDF_TYPE]
    return {
        "iri": described.iri,
        "kinds": kinds,
        "facts": [_fact(f) for f in described.facts if f.property != RDF_TYPE],
        "referred_by": [_fact(f) for f in described.links[:MAX_LINKS]],
        "more_links": max(0, len(described.links) - MAX_LINKS),
        "graphs": described.graphs,
        "provenance": described.provenance,
    }


def _fact(fact: Fact) -> JSON:
    term = fact.value
    value: Any
    if isinstance(term, ox.NamedNode):
        value = {"iri": term.value, "label": fact.value_label or local_name(term.value)}
    elif isinstance(term, ox.Literal):
        value = {"text": term.value}
        if term.language:
            value["lang"] = term.language
        elif not term.datatype.value.endswith("#string"):
            value["datatype"] = local_name(term.datatype.value)
    else:
        value = {"text": str(term)}
    return {
        "property": fact.property,
        "property_label": fact.property_label,
        "value": value,
        "graph": fact.graph,
    }
