"""The source text, by lines: where a page's "lines 1610–2947" link goes (data/source/, in a checkout).

The proceedings are kept verbatim under data/source/; the installed package does not ship them, so there the
page is a 404 that says so.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from itut_kb.errors import InvalidParameterError, NotFoundError
from itut_kb.pages import JSON, Page

FILE_NAME = re.compile(r"^\d{3}_[0-9a-f]{16}\.txt$")
MAX_LINES = 2000  # lines shown at once
CONTEXT = 3  # lines shown around the marked range


@cache
def _lines(path: Path) -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8").splitlines())


def source(root: Path, file: str, first: int | None, last: int | None) -> Page:
    if not FILE_NAME.match(file):
        raise InvalidParameterError(f"not a source text of the proceedings: {file!r}")
    path = root / "data" / "source" / file
    if not path.is_file():
        raise NotFoundError(
            f"the source text {file} is not here (it is kept in a checkout, under data/source/)"
        )
    lines = _lines(path)
    first = first or 1
    last = last or first
    if not 1 <= first <= last <= len(lines):
        raise InvalidParameterError(f"lines run from 1 to {len(lines)}; got {first}–{last}")
    shown_first = max(1, first - CONTEXT)
    shown_last = min(len(lines), last + CONTEXT, shown_first + MAX_LINES - 1)
    data: JSON = {
        "file": file,
        "first": shown_first,
        "last": shown_last,
        "marked": [first, last],
        "count": len(lines),
        "lines": [[n, lines[n - 1]] for n in range(shown_first, shown_last + 1)],
    }
    return Page("source", f"{file} {first}–{last}", data)
