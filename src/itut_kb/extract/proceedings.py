"""The proceedings as every parser reads them: the source file with its footnotes, figures and tables out.

:func:`load_proceedings` finds the documents (Resolutions, Opinion 1, the A-series Recommendations and
Supplements), reads each document's footnotes (module footnotes), then its figures and tables (module
figures), and returns the source with their lines blank and the footnote markers cut out; footnotes and
figures ride along (``Source.footnotes``, ``Source.figures``) and every line stays where it was, so
provenance is unchanged. ``Source.printed`` gives the text as printed.
"""

from __future__ import annotations

from pathlib import Path

from itut_kb.extract import aseries, resolutions
from itut_kb.extract.figures import find_figures, without_figures
from itut_kb.extract.footnotes import find_footnotes, without_footnotes
from itut_kb.extract.model import Figure, Footnote
from itut_kb.extract.source import Source


def load_proceedings(path: Path) -> Source:
    """The source file at ``path``, footnotes taken out."""
    src = Source.load(path)
    spans = document_spans(src)
    notes: list[Footnote] = []
    for start, end in spans:
        notes += find_footnotes(src, start, end)
    src = without_footnotes(src, notes)
    figures: list[Figure] = []
    for start, end in spans:
        figures += find_figures(src, start, end)
    return without_figures(src, figures)


def document_spans(src: Source) -> list[tuple[int, int]]:
    """(first, last line) of every document with clauses, in source order."""
    return sorted(resolutions.document_spans(src) + aseries.document_spans(src))
