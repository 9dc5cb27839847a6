"""The proceedings text as numbered lines, with the PDF-extraction noise told apart.

Every parser reads the source through :class:`Source`, so line numbers (1-based, as in
``sed -n`` or an editor) are the same everywhere and provenance is exact.

Noise recognised here, and only here:
- blank lines (the PDF text has a blank line after most text lines);
- running headers ("WTSA-24会议录 – 第一部分 – 第1号决议") and bare page numbers;
- link targets the PDF extraction put between a running header and the page number: a bare URL with no
  space in it ("https://www.itu.int/en/ITU-T/ipr/", line 1308), the target of a link printed on the page;
- the single leading space on the first line of a page (stripped by :meth:`Source.text`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from itut_kb.extract.model import Figure, Footnote

MAIN_FILE = "000_03ba4204751c90f1.txt"
RES7_FILE = "001_8a0909b103baecc5.txt"

_RUNNING_HEADER = re.compile(r"^\s*WTSA-24会议录\s*–")
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
_LINK_TARGET = re.compile(r"^\s*https?://\S+\s*$")
_ASCII_WORD_END = re.compile(r"[A-Za-z0-9.)\]]$")
_ASCII_WORD_START = re.compile(r"^[A-Za-z0-9(\[]")


@dataclass(frozen=True)
class Line:
    """One content line: its 1-based number and its text without page-start space or line end."""

    number: int
    text: str


class Source:
    """One source file, addressable by 1-based line number.

    An *edited* source (:meth:`edited`) reads differently where the PDF put footnotes (their lines blank,
    their markers cut out of the text); :meth:`printed` still gives every line as printed.
    """

    def __init__(
        self,
        name: str,
        raw_lines: list[str],
        printed: list[str] | None = None,
        footnotes: tuple[Footnote, ...] = (),
        figures: tuple[Figure, ...] = (),
    ) -> None:
        self.name = name
        self._raw = raw_lines
        self._printed = printed if printed is not None else raw_lines
        self.footnotes = footnotes
        self.figures = figures
        self._link_targets = _link_targets(self._printed)

    @classmethod
    def load(cls, path: Path) -> Source:
        lines = path.read_text(encoding="utf-8").split("\n")
        if lines and lines[-1] == "":
            lines.pop()  # the file's final line end does not open another line
        return cls(path.name, lines)

    def __len__(self) -> int:
        return len(self._raw)

    def raw(self, number: int) -> str:
        """The line as read (without its line end): as in the file, unless the source was edited."""
        return self._raw[number - 1]

    def printed(self, number: int) -> str:
        """The line exactly as in the file, footnote markers and all."""
        return self._printed[number - 1]

    def edited(
        self, raw_lines: list[str], footnotes: tuple[Footnote, ...] = (), figures: tuple[Figure, ...] = ()
    ) -> Source:
        """The same file read with other line texts (same line count), footnotes or figures taken out."""
        if len(raw_lines) != len(self._raw):
            raise ValueError("an edited source keeps every line")
        return Source(self.name, raw_lines, self._printed, self.footnotes + footnotes, self.figures + figures)

    def footnotes_in(self, start: int, end: int) -> list[Footnote]:
        """The footnotes taken out of lines ``start``..``end``, by number."""
        return [f for f in self.footnotes if start <= f.span.start <= end]

    def figures_in(self, start: int, end: int) -> list[Figure]:
        """The figures and tables taken out of lines ``start``..``end``, in source order."""
        return [f for f in self.figures if start <= f.span.start <= end]

    def text(self, number: int) -> str:
        """The line with surrounding white space removed."""
        return self._raw[number - 1].strip()

    def is_noise(self, number: int) -> bool:
        """Blank line, running header or bare page number."""
        raw = self._raw[number - 1]
        return (
            not raw.strip()
            or bool(_RUNNING_HEADER.match(raw))
            or bool(_PAGE_NUMBER.match(raw))
            or number in self._link_targets
        )

    def lines(self, start: int = 1, end: int | None = None) -> Iterator[Line]:
        """Content lines from ``start`` to ``end`` inclusive (1-based), noise left out."""
        last = len(self._raw) if end is None else min(end, len(self._raw))
        for number in range(max(start, 1), last + 1):
            if not self.is_noise(number):
                yield Line(number, self.text(number))

    def find(self, pattern: str | re.Pattern[str], start: int = 1, end: int | None = None) -> Line | None:
        """The first content line in the range whose text matches ``pattern`` (re.search)."""
        regex = re.compile(pattern) if isinstance(pattern, str) else pattern
        for line in self.lines(start, end):
            if regex.search(line.text):
                return line
        return None

    def require(
        self, pattern: str | re.Pattern[str], what: str, start: int = 1, end: int | None = None
    ) -> Line:
        """Like :meth:`find`, but a missing landmark is an error that names it."""
        line = self.find(pattern, start, end)
        if line is None:
            after = f" after line {start}" if start > 1 else ""
            raise SourceStructureError(f"{self.name}: {what} was not found{after}")
        return line


def _link_targets(lines: list[str]) -> frozenset[int]:
    """1-based numbers of the bare URLs right below a running header (blank lines between allowed)."""
    found: set[int] = set()
    for i, line in enumerate(lines):
        if _RUNNING_HEADER.match(line):
            j = i + 1
            while j < len(lines) and (not lines[j].strip() or _LINK_TARGET.match(lines[j])):
                if lines[j].strip():
                    found.add(j + 1)
                j += 1
    return frozenset(found)


class SourceStructureError(ValueError):
    """The source lacks a landmark a parser relies on (a section title, a heading)."""


def join_wrapped(parts: list[str]) -> str:
    """Join the pieces of one wrapped sentence or table cell.

    Chinese text wraps with no space; two Latin words or numbers that met at a wrap
    ("ITU-T" / "X.180") get one space back.
    """
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if out and _ASCII_WORD_END.search(out) and _ASCII_WORD_START.match(part):
            out += " " + part
        else:
            out += part
    return out
