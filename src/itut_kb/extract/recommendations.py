"""Recommendation and series nodes: one per number cited anywhere in the proceedings or printed in Part III.

Only a number a text cites as a Recommendation gets a node (see :mod:`itut_kb.extract.citing`): the bounds
of a range and the heads of a series ("ITU-T Y.1320 – ITU-T Y.1399", "ITU-T X.800系列") do not. The owner of
any number, with or without a node, is answered from the Annex C scopes (queries/lookup/owner.rq).

A Recommendation's provenance is its own text where the proceedings print it (A-series), otherwise the
first place (file, then line) that cites it.
"""

from __future__ import annotations

import re

from rdflib import URIRef
from rdflib.namespace import RDFS, SKOS

from itut_kb import namespaces as ns
from itut_kb import numbering
from itut_kb.extract.model import Span
from itut_kb.extract.writer import GraphWriter
from itut_kb.namespaces import ITUT

_NUMBER = re.compile(r"^(?P<letter>[A-Z])\.(?P<digits>\d+(?:\.\d+)*)(?P<bis>bis)?$")


def sort_key(number: str) -> tuple[str, tuple[int, ...], str]:
    """G.711 < G.711.1 < G.712 < G.1000: letter, then number by number."""
    match = _NUMBER.match(number)
    if not match:
        raise ValueError(f"not a Recommendation number: {number!r}")
    digits = tuple(int(d) for d in match.group("digits").split("."))
    return match.group("letter"), digits, match.group("bis") or ""


class RecommendationIndex:
    """Collects Recommendation numbers while the other parts are written, then writes them once."""

    def __init__(self) -> None:
        self._spans: dict[str, Span] = {}
        self._printed: set[str] = set()

    def cited(self, number: str, span: Span) -> URIRef:
        """Note a citation of ``number`` at ``span``; the node's IRI."""
        sort_key(number)  # reject anything that is not a number
        if number not in self._printed:
            known = self._spans.get(number)
            if known is None or (span.file, span.start) < (known.file, known.start):
                self._spans[number] = span
        return ns.recommendation(number)

    def with_text(self, number: str, span: Span) -> URIRef:
        """``number`` is printed in the proceedings at ``span``: that is its provenance."""
        self._spans[number] = span
        self._printed.add(number)
        return ns.recommendation(number)

    def printed(self) -> set[str]:
        """The numbers the proceedings print (Part III)."""
        return set(self._printed)

    def series(self, letter: str) -> URIRef:
        return ns.iri("series", letter)

    def numbers(self) -> list[str]:
        return sorted(self._spans, key=sort_key)

    def write(self, out: GraphWriter) -> None:
        letters: dict[str, Span] = {}
        for number in self.numbers():
            span = self._spans[number]
            node = ns.recommendation(number)
            out.entity(node, ITUT.Recommendation, span)
            out.value(node, ITUT.number, number)
            out.value(node, SKOS.notation, number)
            out.value(node, ITUT.sortKey, numbering.key(number))
            out.en(node, RDFS.label, f"Recommendation ITU-T {number}")
            letter = number[0]
            out.link(node, ITUT.inSeries, self.series(letter))
            if letter not in letters or (span.file, span.start) < (
                letters[letter].file,
                letters[letter].start,
            ):
                letters[letter] = span
        for letter, span in sorted(letters.items()):
            node = self.series(letter)
            out.entity(node, ITUT.RecommendationSeries, span)
            out.value(node, ITUT.seriesLetter, letter)
            out.value(node, SKOS.notation, letter)
            out.zh(node, RDFS.label, f"ITU-T {letter}系列建议书")
            out.en(node, RDFS.label, f"ITU-T {letter}-series Recommendations")
