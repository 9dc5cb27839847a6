"""Nodes the record mentions many times — documents, Member States, regional organizations — written once.

Each registry notes every mention with its span; a node's provenance is its first mention (lowest
line). A Member State the other parts already describe (the management list) is linked, not
described again; its other printed names become skos:altLabel.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS

from itut_kb import namespaces as ns
from itut_kb.extract.member_states import MemberStateCodes, add_codes, codes_for
from itut_kb.extract.model import Span
from itut_kb.extract.record.model import DocRef
from itut_kb.extract.record.names import StateNames
from itut_kb.extract.record.officers import Organization
from itut_kb.extract.writer import GraphWriter
from itut_kb.namespaces import ITUT

WTSA = ns.iri("assembly", "WTSA-24")


def record_iri(*segments: str | int) -> URIRef:
    """``id/assembly/WTSA-24/<segment>/…``."""
    return ns.iri("assembly", "WTSA-24", *(str(s) for s in segments))


def _earlier(span: Span, known: Span | None) -> bool:
    return known is None or (span.start, span.end) < (known.start, known.end)


class Documents:
    def __init__(self) -> None:
        self._spans: dict[DocRef, Span] = {}
        self._titles: dict[DocRef, tuple[str, str | None]] = {}

    def mention(self, ref: DocRef, span: Span) -> URIRef:
        for doc in (ref, ref.base):
            if doc is not None and _earlier(span, self._spans.get(doc)):
                self._spans[doc] = span
        return record_iri("document", ref.key)

    def mention_all(self, refs: Iterable[DocRef], span: Span) -> list[URIRef]:
        return [self.mention(ref, span) for ref in refs]

    def title(self, ref: DocRef, title: str, group: str | None, span: Span) -> None:
        self.mention(ref, span)
        self._titles[ref] = (title, group)

    def write(self, out: GraphWriter) -> None:
        for ref, span in sorted(self._spans.items(), key=lambda pair: pair[0].key):
            node = record_iri("document", ref.key)
            out.entity(node, ITUT.AssemblyDocument, span)
            out.value(node, RDFS.label, ref.label)
            out.value(node, SKOS.notation, ref.key)
            out.value(node, ITUT.documentSeries, ref.series)
            out.value(node, ITUT.documentNumber, ref.number)
            out.value(node, ITUT.revisionNumber, ref.revision)
            out.value(node, ITUT.addendumNumber, ref.addendum)
            if ref.base is not None:
                out.link(node, ITUT.revisionOf, record_iri("document", ref.base.key))
            if ref in self._titles:
                title, group = self._titles[ref]
                out.zh(node, DCTERMS.title, title)
                out.zh(node, ITUT.listedUnder, group)


class States:
    def __init__(
        self, names: StateNames, described: frozenset[URIRef], codes: Mapping[str, MemberStateCodes]
    ) -> None:
        self.names = names
        self.described = described
        self.codes = codes  # data/curated/member_states.tsv
        self._spans: dict[str, Span] = {}
        self._printed: dict[str, set[str]] = {}

    def mention(self, printed: str, span: Span) -> URIRef:
        name = self.names(printed)
        if _earlier(span, self._spans.get(name)):
            self._spans[name] = span
        if printed != name:
            self._printed.setdefault(name, set()).add(printed)
        return ns.iri("member-state", name)

    def write(self, out: GraphWriter) -> None:
        new = [name for name in self._spans if ns.iri("member-state", name) not in self.described]
        codes = codes_for(self.codes, new)
        for name, span in sorted(self._spans.items()):
            node = ns.iri("member-state", name)
            if name in codes:
                out.entity(node, ITUT.MemberState, span)
                out.zh(node, RDFS.label, name)
                add_codes(out, node, codes[name])
            for printed in sorted(self._printed.get(name, ())):
                out.zh(node, SKOS.altLabel, printed)


class Organizations:
    """The regional organizations (data/curated/regional_organizations.tsv), written where mentioned."""

    def __init__(self, organizations: Iterable[Organization]) -> None:
        self.known = {o.abbr: o for o in organizations}
        self.by_name = {o.name_zh: o.abbr for o in self.known.values()}
        self._spans: dict[str, Span] = {}

    def mention(self, abbr: str, span: Span) -> URIRef:
        if abbr not in self.known:
            raise KeyError(f"unknown regional organization {abbr!r}")
        if _earlier(span, self._spans.get(abbr)):
            self._spans[abbr] = span
        return ns.iri("org", abbr)

    def write(self, out: GraphWriter) -> None:
        for abbr, span in sorted(self._spans.items()):
            org = self.known[abbr]
            node = ns.iri("org", abbr)
            out.entity(node, ITUT.RegionalOrganization, span)
            out.value(node, RDFS.label, abbr)
            out.value(node, SKOS.notation, abbr)
            out.zh(node, RDFS.label, org.name_zh)
            out.en(node, RDFS.label, org.label_en)
            out.value(node, SKOS.editorialNote, org.why)
