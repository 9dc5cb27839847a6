"""Citations as RDF links: collected while the parts of the proceedings are written, linked at the end.

A text's citations are found by the rules of :mod:`itut_kb.extract.citations`. Two of them need more than
the text itself, which is why the links are made only once every text has been seen (:meth:`link_all`):

- a **bare** number ("E.164国家代码") is a citation only when the proceedings cite that number as a
  Recommendation somewhere with its marks ("ITU-T E.164", "E.164建议书"), or print it (Part III);
- Res. 2 **Annex C** (its entries, and the clause of Resolution 2 that holds the whole annex) is read by the
  Annex C reader (:mod:`itut_kb.extract.annex_c`): there a text cites only the Recommendations the reader
  names one by one (single scopes, dual numbers, single exceptions: "ITU-T D.267", "（ITU-T X.292除外）"),
  never the bounds of its ranges or the heads of its series ("ITU-T Y.1320 – ITU-T Y.1399",
  "ITU-T Y.1220、…和ITU-T Y.1560系列", which the reader takes as five series).

A Recommendation node is minted (:class:`~itut_kb.extract.recommendations.RecommendationIndex`) only for a
number some text cites, or for an A-series Recommendation the proceedings print.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rdflib import URIRef

from itut_kb import namespaces as ns
from itut_kb.extract.annex_c import EntryReading
from itut_kb.extract.citations import bare_numbers, recommendation_numbers, resolution_numbers
from itut_kb.extract.model import Span
from itut_kb.extract.recommendations import RecommendationIndex
from itut_kb.extract.writer import GraphWriter
from itut_kb.namespaces import ITUT


@dataclass(frozen=True)
class _Text:
    out: GraphWriter
    subject: URIRef
    text: str
    span: Span


def annex_c_named(reading: EntryReading) -> tuple[str, ...]:
    """The Recommendations an Annex C entry names one by one: single scopes and single exceptions."""
    named: list[str] = []
    for scope in reading.scopes:
        for one in (scope, *scope.exceptions):
            if one.kind == "single" and one.label not in named:
                named.append(one.label)
    return tuple(named)


class CitationContext:
    """What citation finding needs to know (the WTSA Resolutions and assemblies of the proceedings, the
    Annex C readings), and the texts to link."""

    def __init__(self, wtsa_numbers: Iterable[int], assemblies: Iterable[tuple[int, str]]) -> None:
        self.wtsa_numbers = frozenset(wtsa_numbers)
        self.assemblies = frozenset(assemblies)
        self._annex_c: list[tuple[Span, tuple[str, ...]]] = []
        self._texts: list[_Text] = []
        self._recs: RecommendationIndex | None = None

    def read_annex_c(self, readings: Iterable[EntryReading]) -> None:
        """The Annex C entries as the Annex C reader reads them: texts there cite what it names."""
        self._annex_c += [(r.entry.span, annex_c_named(r)) for r in readings]

    def citer(self, out: GraphWriter, recs: RecommendationIndex) -> Callable[[URIRef, str, Span], None]:
        """:meth:`cite` into ``out`` with ``recs``, as a function of the subject, its text and its lines."""
        return lambda subject, text, span: self.cite(out, subject, text, span, recs)

    def cite(
        self, out: GraphWriter, subject: URIRef, text: str, span: Span, recs: RecommendationIndex
    ) -> None:
        """Note that ``subject``'s ``text`` (at ``span``) is to be linked to what it cites (see
        :meth:`link_all`)."""
        if self._recs is not None and self._recs is not recs:
            raise ValueError("one RecommendationIndex for all citations")
        self._recs = recs
        self._texts.append(_Text(out, subject, text, span))

    def link_all(self) -> tuple[int, int]:
        """Link every noted text to the WTSA Resolutions and Recommendations it cites; (resolution links,
        Recommendation links) made."""
        recs = self._recs
        if recs is None:
            return 0, 0
        cited = [self._recommendations(t) for t in self._texts]
        known = {n for marked, _bare in cited for n in marked} | recs.printed()
        res_links = rec_links = 0
        for t, (marked, bare) in zip(self._texts, cited, strict=True):
            for res in resolution_numbers(t.text, self.wtsa_numbers, self.assemblies):
                t.out.link(t.subject, ITUT.citesResolution, ns.resolution(res))
                res_links += 1
            for rec in [*marked, *(n for n in bare if n in known and n not in marked)]:
                t.out.link(t.subject, ITUT.citesRecommendation, recs.cited(rec, t.span))
                rec_links += 1
        return res_links, rec_links

    def _recommendations(self, t: _Text) -> tuple[list[str], list[str]]:
        """(marked, bare) numbers of a text; in Annex C, what the Annex C reader names, and nothing bare."""
        inside = [named for where, named in self._annex_c if _within(where, t.span)]
        if inside:
            return [n for named in inside for n in named], []
        if any(_overlap(where, t.span) for where, _named in self._annex_c):
            raise ValueError(f"{t.subject}: lines {t.span.start}-{t.span.end} cut through an Annex C entry")
        return recommendation_numbers(t.text), bare_numbers(t.text)


def _within(inner: Span, outer: Span) -> bool:
    return inner.file == outer.file and outer.start <= inner.start and inner.end <= outer.end


def _overlap(a: Span, b: Span) -> bool:
    return a.file == b.file and a.start <= b.end and b.start <= a.end
