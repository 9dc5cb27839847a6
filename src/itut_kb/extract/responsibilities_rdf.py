"""Res. 2 Annex C read as scopes, as RDF (data/kb/responsibilities.ttl).

Each entry ``id/group/SG21/annex-c/3`` links its scopes ``…/annex-c/3/scope/{n}`` (``itut:scope``); a
scope's exceptions are scopes of their own, ``…/scope/{n}/except/{m}`` (``itut:except``). Every scope
has the provenance of its entry. A curated correction leaves the printed text on the entry
(``itut:printedText``) with the reason (``skos:editorialNote``); the entry's ``itut:text`` (in
mandates.ttl) is the corrected reading.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import RDFS, SKOS

from itut_kb import namespaces as ns
from itut_kb.extract.annex_c import EntryReading, Scope
from itut_kb.extract.groups_rdf import RES2
from itut_kb.extract.model import AnnexCNote, Span
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
    for n, scope in enumerate(reading.scopes, start=1):
        scope_node = ns.iri("group", entry.group, "annex-c", str(entry.ordinal), "scope", str(n))
        out.link(node, ITUT.scope, scope_node)
        _scope(out, scope_node, scope, n, entry.span)
        for m, exception in enumerate(scope.exceptions, start=1):
            except_node = ns.iri(
                "group", entry.group, "annex-c", str(entry.ordinal), "scope", str(n), "except", str(m)
            )
            out.link(scope_node, ITUT["except"], except_node)
            _scope(out, except_node, exception, m, entry.span)
        for group in scope.except_groups:
            out.link(scope_node, ITUT.exceptResponsibilityOf, ns.group(group))
        out.zh(scope_node, ITUT.unresolvedException, scope.unresolved_exception_zh)
        for group in scope.joint_with:
            out.link(scope_node, ITUT.jointWith, ns.group(group))


def _scope(out: GraphWriter, node: URIRef, scope: Scope, ordinal: int, span: Span) -> None:
    out.entity(node, ITUT.ResponsibilityScope, span, CLAUSE)
    out.value(node, ITUT.ordinal, ordinal)
    out.value(node, ITUT.scopeKind, scope.kind)
    out.value(node, ITUT.specificity, scope.specificity)
    out.value(node, ITUT.scopeLetter, scope.letter)
    out.value(node, ITUT.lowKey, scope.low)
    out.value(node, ITUT.highKey, scope.high)
    out.value(node, ITUT.dualNumber, scope.dual)
    out.en(node, RDFS.label, scope.label)
