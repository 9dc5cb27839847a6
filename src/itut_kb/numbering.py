"""ITU-T Recommendation numbers: parsing an identifier, and the sortable key that makes coverage comparable.

A number is a series letter, a dot and a number, possibly with sub-numbers and a "bis": G.711, G.984.3,
G.8275.1, Q.933bis (printed "Q.933之二" in the Chinese text). ITU-T uses every letter but W.

The **key** writes each number part on five digits: G.984.3 -> ``G.00984.00003``, Q.933bis ->
``Q.00933bis``. Keys compare as plain strings in the order of the numbers, part by part (G.711 < G.711.1 <
G.712 < G.1000), so that "does this assignment cover this number?" is a string comparison, in SPARQL as in
Python. A scope that covers a number together with everything below it (its sub-numbers, its "bis") ends
at the number's key followed by ``~`` (:data:`BELOW`), which sorts after every character a key uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from itut_kb.errors import InvalidParameterError

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVXYZ"  # every ITU-T series letter (there is no W series)
WIDTH = 5
BELOW = "~"  # after a key: "and everything that extends it" (sub-numbers, bis)

_IDENTIFIER = re.compile(
    r"^(?:ITU[- ]?T\s*)?(?P<letter>[A-Za-z])\.(?P<main>[1-9]\d{0,4})(?P<subs>(?:\.(?:0|[1-9]\d{0,4}))*)"
    r"\s*(?P<bis>bis|之二)?$"
)


@dataclass(frozen=True, order=True)
class RecNumber:
    """A parsed Recommendation number."""

    letter: str
    parts: tuple[int, ...]
    bis: bool = False

    @property
    def text(self) -> str:
        """The canonical form: "G.984.3", "Q.933bis"."""
        return f"{self.letter}.{'.'.join(str(p) for p in self.parts)}{'bis' if self.bis else ''}"

    @property
    def key(self) -> str:
        """The sortable key: "G.00984.00003"."""
        return f"{self.letter}.{'.'.join(f'{p:0{WIDTH}d}' for p in self.parts)}{'bis' if self.bis else ''}"

    def __str__(self) -> str:
        return self.text


def parse(identifier: str) -> RecNumber:
    """``identifier`` as a number; "ITU-T G.711", "g.711", "Q.933之二" are accepted.

    Raises :class:`InvalidParameterError` (HTTP 422, CLI exit 2) for anything else.
    """
    text = identifier.strip()
    if not text:
        raise InvalidParameterError("an empty identifier is not a Recommendation number")
    match = _IDENTIFIER.match(text)
    if not match:
        raise InvalidParameterError(
            f"{identifier!r} is not a Recommendation number: expected a series letter, a dot and a number, "
            "e.g. G.711, G.8275.1 or Q.933bis"
        )
    letter = match.group("letter").upper()
    if letter not in LETTERS:
        raise InvalidParameterError(
            f"{identifier!r} is not a Recommendation number: ITU-T has no {letter} series"
        )
    subs = tuple(int(p) for p in match.group("subs").split(".")[1:])
    return RecNumber(letter, (int(match.group("main")), *subs), bool(match.group("bis")))


def key(identifier: str) -> str:
    """The sortable key of ``identifier``."""
    return parse(identifier).key


def letter_key(letter: str) -> tuple[str, str]:
    """The (low, high) keys of every number of a series letter."""
    return f"{letter}.", f"{letter}.{BELOW}"
