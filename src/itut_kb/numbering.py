"""ITU-T Recommendation numbers: parsing an identifier, and the sortable key that makes coverage comparable.

A number is a series letter, a dot and a number of up to five digits, possibly with sub-numbers and a
"bis" or "ter": G.711, G.984.3, G.8275.1, Q.1912.5, Q.933bis (printed "Q.933之二" in the Chinese text),
V.27ter ("之三"). ITU-T uses every letter but W. Numbers are written without leading zeros (G.0711 is
refused), except numbers made of zeros only: T.0, and D.000, which is kept as ITU-T writes it, a
Recommendation of its own and not D.0 (:attr:`RecNumber.zeros`).

A dual-numbered Recommendation carries one number in each of two (or three) series, written with a slash:
X.85/Y.1321, G.820/I.351/Y.1501; :func:`parse_numbers` reads those. Supplements ("G.Sup39", "A系列建议书增补2")
and annexes are not Recommendations: they are refused with a message that says so.

The **key** writes each number part on five digits: G.984.3 -> ``G.00984.00003``, Q.933bis ->
``Q.00933bis``. Keys compare as plain strings in the order of the numbers, part by part (G.711 < G.711.1 <
G.712 < G.1000), so that "does this assignment cover this number?" is a string comparison, in SPARQL as in
Python. A part written with more than one zero adds ``-`` and the extra zeros: D.000 -> ``D.00000-00``,
after D.0 (``D.00000``) and before D.0.1 (``D.00000.00001``), so that it stays distinct from D.0 and
still falls in every range that covers zero. A scope that covers a number together with everything below it (its
sub-numbers, its "bis") ends at the number's key followed by ``~`` (:data:`BELOW`), which sorts after every
character a key uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from itut_kb.errors import InvalidParameterError

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVXYZ"  # every ITU-T series letter (there is no W series)
WIDTH = 5
BELOW = "~"  # after a key: "and everything that extends it" (sub-numbers, bis)
SUFFIXES = {"bis": "bis", "ter": "ter", "之二": "bis", "之三": "ter"}  # bis < ter, as strings too
MAX_DUAL = 3  # G.820/I.351/Y.1501 is the longest in Annex C

_PART = r"(?:0{1,5}|[1-9]\d{0,4})"  # no leading zero, except in a number of zeros only (D.000, T.0)
_IDENTIFIER = re.compile(
    rf"^(?:ITU[- ]?T\s*)?(?P<letter>[A-Za-z])\s*\.\s*(?P<main>{_PART})(?P<subs>(?:\.{_PART})*)"
    r"\s*(?P<suffix>bis|ter|之二|之三)?$",
    re.IGNORECASE,
)
_SUPPLEMENT = re.compile(r"(?i)\bsup(?:pl(?:ement)?)?\b\.?\s*\d|\.sup\d|增补")
_ANNEX = re.compile(r"(?i)\b(?:annex|appendix|amd|amendment|corr(?:igendum)?)\b|附件|附录|修正")
_FORMS = "e.g. G.711, T.0, D.000, G.8275.1, Q.933bis or V.27ter"


@dataclass(frozen=True, order=True)
class RecNumber:
    """A parsed Recommendation number."""

    letter: str
    parts: tuple[int, ...]
    suffix: str = ""  # "", "bis" or "ter"
    zeros: tuple[int, ...] = ()  # zeros written before each part beyond its value (D.000: (2,)); () when none

    def _key_part(self, i: int) -> str:
        zeros = self.zeros[i] if self.zeros else 0
        return f"{self.parts[i]:0{WIDTH}d}" + (f"-{'0' * zeros}" if zeros else "")

    @property
    def bis(self) -> bool:
        """The number carries a "bis" or "ter"."""
        return bool(self.suffix)

    @property
    def text(self) -> str:
        """The canonical form, as ITU-T writes it: "G.984.3", "Q.933bis", "D.000"."""
        zeros = self.zeros or (0,) * len(self.parts)
        digits = ".".join("0" * z + str(p) for p, z in zip(self.parts, zeros, strict=True))
        return f"{self.letter}.{digits}{self.suffix}"

    @property
    def key(self) -> str:
        """The sortable key: "G.00984.00003", "D.00000-00"."""
        digits = ".".join(self._key_part(i) for i in range(len(self.parts)))
        return f"{self.letter}.{digits}{self.suffix}"

    def __str__(self) -> str:
        return self.text


def parse(identifier: str) -> RecNumber:
    """``identifier`` as a number; "ITU-T G.711", "g.711", "Q.933之二", "D.000" are accepted.

    Raises :class:`InvalidParameterError` (HTTP 422, CLI exit 2) for anything else, a dual number included
    (see :func:`parse_numbers`).
    """
    text = identifier.strip()
    if not text:
        raise InvalidParameterError("an empty identifier is not a Recommendation number")
    if "/" in text or "／" in text:
        raise InvalidParameterError(
            f"{identifier!r} is a dual number: give one of its numbers here, e.g. "
            f"{re.split('[/／]', text)[0].strip() or 'X.85'}"
        )
    match = _IDENTIFIER.match(text)
    if not match:
        raise InvalidParameterError(f"{identifier!r} is not a Recommendation number: {_why(text)}")
    letter = match.group("letter").upper()
    if letter not in LETTERS:
        raise InvalidParameterError(
            f"{identifier!r} is not a Recommendation number: ITU-T has no {letter} series"
        )
    written = [match.group("main"), *match.group("subs").split(".")[1:]]
    zeros = tuple(len(w) - len(w.lstrip("0") or "0") for w in written)
    suffix = SUFFIXES[(match.group("suffix") or "").lower()] if match.group("suffix") else ""
    return RecNumber(letter, tuple(int(w) for w in written), suffix, zeros if any(zeros) else ())


def parse_numbers(identifier: str) -> tuple[RecNumber, ...]:
    """The number(s) of ``identifier``: one, or each number of a dual number ("X.85/Y.1321")."""
    pieces = [p.strip() for p in re.split("[/／]", identifier)]
    if len(pieces) == 1:
        return (parse(identifier),)
    if len(pieces) > MAX_DUAL or not all(pieces):
        raise InvalidParameterError(
            f"{identifier!r} is not a Recommendation number: a dual number is two or three numbers "
            "joined by '/', e.g. X.85/Y.1321"
        )
    numbers = tuple(parse(p) for p in pieces)
    if len({n.key for n in numbers}) < len(numbers):
        raise InvalidParameterError(f"{identifier!r} names the same number twice")
    return numbers


def _why(text: str) -> str:
    if _SUPPLEMENT.search(text):
        return "it names a Supplement, and Res. 2 Annex C assigns Recommendations, not Supplements"
    if _ANNEX.search(text):
        return "give the Recommendation's own number, without its annex, appendix or amendment"
    return f"expected a series letter, a dot and a number, {_FORMS}"


def key(identifier: str) -> str:
    """The sortable key of ``identifier``."""
    return parse(identifier).key


def letter_key(letter: str) -> tuple[str, str]:
    """The (low, high) keys of every number of a series letter."""
    return f"{letter}.", f"{letter}.{BELOW}"
