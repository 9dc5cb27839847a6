"""Res. 2 Annex C read as scopes, as RDF (data/kb/responsibilities.ttl).

Each entry ``id/group/SG21/annex-c/3`` links its scopes ``…/annex-c/3/scope/{n}`` (``itut:scope``); a
scope's exceptions are scopes of their own, ``…/scope/{n}/except/{m}`` (``itut:except``). Every scope
has the provenance of its entry. A curated correction leaves the printed text on the entry
(``itut:printedText``) with the reason (``skos:editorialNote``); the entry's ``itut:text`` (in
mandates.ttl) is the corrected reading.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rdflib import URIRef
from rdflib.namespace import RDFS, SKOS

from itut_kb import namespaces as ns
from itut_kb.extract.annex_c import EntryReading, Scope
from itut_kb.extract.groups_rdf import RES2
from itut_kb.extract.model import AnnexCNote
from itut_kb.extract.writer import GraphWriter
from itut_kb.namespaces import ITUT

CLAUSE = f"{RES2} Annex C"


def entry_iri(group: str, ordinal: int) -> URIRef:
    return ns.iri("group", group, "annex-c", str(ordinal))


def add_reading(out: GraphWriter, reading: EntryReading, note_iris: dict[AnnexCNote, URIRef]) -> None:
    entry = reading.entry
    node = entry_iri(entry.group, entry.ordinal)
    out.zh(node, ITUT.printedText, reading.printed_text)
    out.en(node, SKOS.editorialNote, reading.editorial_note)
    for note in reading.notes:
        out.link(note_iris[note], ITUT.noteOn, node)
    add_scopes(
        out, node, reading.scopes, lambda n: out.entity(n, ITUT.ResponsibilityScope, entry.span, CLAUSE)
    )


def add_scopes(
    out: GraphWriter, node: URIRef, scopes: Iterable[Scope], entity: Callable[[URIRef], object]
) -> None:
    """The scopes of the Annex C line ``node``, each typed and given provenance by ``entity``."""
    for n, scope in enumerate(scopes, start=1):
        scope_node = URIRef(f"{node}/scope/{n}")
        out.link(node, ITUT.scope, scope_node)
        entity(scope_node)
        _scope(out, scope_node, scope, n)
        for m, exception in enumerate(scope.exceptions, start=1):
            except_node = URIRef(f"{scope_node}/except/{m}")
            out.link(scope_node, ITUT["except"], except_node)
            entity(except_node)
            _scope(out, except_node, exception, m)
        for group in scope.except_groups:
            out.link(scope_node, ITUT.exceptResponsibilityOf, ns.group(group))
        out.zh(scope_node, ITUT.unresolvedException, scope.unresolved_exception_zh)
        for group in scope.joint_with:
            out.link(scope_node, ITUT.jointWith, ns.group(group))


def _scope(out: GraphWriter, node: URIRef, scope: Scope, ordinal: int) -> None:
    out.value(node, ITUT.ordinal, ordinal)
    out.value(node, ITUT.scopeKind, scope.kind)
    out.value(node, ITUT.specificity, scope.specificity)
    out.value(node, ITUT.scopeLetter, scope.letter)
    out.value(node, ITUT.lowKey, scope.low)
    out.value(node, ITUT.highKey, scope.high)
    out.value(node, ITUT.dualNumber, scope.dual)
    out.en(node, RDFS.label, scope.label)
