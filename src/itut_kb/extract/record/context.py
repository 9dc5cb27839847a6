"""What the writer of the record needs from the rest of the KB: texts, posts, actions, Questions, states.

Read from the records the other parsers return and from the graphs already built (the posts, so that
their IRIs are exactly those the management list was written with).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import ORG, RDF

from itut_kb import namespaces as ns
from itut_kb.extract.model import Action
from itut_kb.extract.record.model import TextRef
from itut_kb.extract.record.names import ProvisionalName, StateNames
from itut_kb.extract.writer import GraphWriter
from itut_kb.namespaces import ITUT


@dataclass(frozen=True)
class PartIVPost:
    iri: URIRef
    group: str
    holder: str | None
    state: str | None


@dataclass
class Context:
    actions: Sequence[Action]
    questions: Mapping[str, Sequence[str]]  # group -> final numbers
    posts: Sequence[PartIVPost]
    typed: frozenset[URIRef]  # every subject the other parts type
    states: StateNames
    provisional: Mapping[str, ProvisionalName]
    study_groups: frozenset[URIRef]  # the study groups of 2025-2028
    curated: Path

    def text_iri(self, ref: TextRef) -> URIRef:
        """The KB's node of a text the record names; a provisional name through its resolution."""
        if ref.kind == "recommendation":
            return ns.recommendation(ref.designation)
        if ref.provisional:
            from itut_kb.extract.record.names import core

            return ns.resolution(self.provisional[core(ref.designation)].resolution)
        return ns.resolution(int(ref.designation))


def part_iv_posts(graph: Graph) -> list[PartIVPost]:
    """The posts of the management list as written: IRI, group id, holder and Member State (zh)."""
    out = []
    for post in sorted({URIRef(str(p)) for p in graph.subjects(ORG.postIn, None)}):
        group = graph.value(post, ORG.postIn)
        holder = graph.value(post, ITUT.holderName)
        state = graph.value(post, ITUT.memberState)
        out.append(
            PartIVPost(
                post,
                str(group).rsplit("/", 1)[-1],
                str(holder) if holder is not None else None,
                _state_name(state) if state is not None else None,
            )
        )
    return out


def subjects_of(parts: Mapping[str, GraphWriter], cls: URIRef) -> frozenset[URIRef]:
    return frozenset(
        URIRef(str(s)) for writer in parts.values() for s in writer.graph.subjects(RDF.type, cls)
    )


def typed_subjects(parts: Mapping[str, GraphWriter]) -> frozenset[URIRef]:
    return frozenset(
        URIRef(str(s)) for writer in parts.values() for s in writer.graph.subjects(RDF.type, None)
    )


def questions_by_group(graph: Graph) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for question, group in graph.subject_objects(ITUT.questionOf):
        number = graph.value(question, ITUT.number)
        out.setdefault(str(group).rsplit("/", 1)[-1], []).append(str(number))
    return {g: sorted(qs) for g, qs in out.items()}


def _state_name(iri: object) -> str:
    from urllib.parse import unquote

    return unquote(str(iri).rsplit("/", 1)[-1])
