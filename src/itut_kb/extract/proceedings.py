"""The proceedings as every parser reads them: the source file with its footnotes taken out.

:func:`load_proceedings` finds the documents (Resolutions, Opinion 1, the A-series Recommendations and
Supplements), reads each document's footnotes (module footnotes) and returns the source with footnote
lines blank and markers cut out; the footnotes ride along (``Source.footnotes``) and every line stays
where it was, so provenance is unchanged. ``Source.printed`` gives the text as printed.
"""

from __future__ import annotations

from pathlib import Path

from itut_kb.extract import aseries, resolutions
from itut_kb.extract.footnotes import find_footnotes, without_footnotes
from itut_kb.extract.model import Footnote
from itut_kb.extract.source import Source


def load_proceedings(path: Path) -> Source:
    """The source file at ``path``, footnotes taken out."""
    src = Source.load(path)
    notes: list[Footnote] = []
    for start, end in document_spans(src):
        notes += find_footnotes(src, start, end)
    return without_footnotes(src, notes)


def document_spans(src: Source) -> list[tuple[int, int]]:
    """(first, last line) of every document with clauses, in source order."""
    return sorted(resolutions.document_spans(src) + aseries.document_spans(src))
