"""Every form of Recommendation number ITU-T uses is read, keyed and kept apart; garbage is refused."""

from __future__ import annotations

import pytest

from itut_kb import numbering
from itut_kb.errors import InvalidParameterError


@pytest.mark.parametrize(
    ("identifier", "text", "key"),
    [
        ("T.0", "T.0", "T.00000"),  # zero is a number
        ("D.000", "D.000", "D.00000-00"),  # written with three zeros: its own Recommendation
        ("D.0", "D.0", "D.00000"),
        ("Q.933bis", "Q.933bis", "Q.00933bis"),
        ("Q.933 BIS", "Q.933bis", "Q.00933bis"),
        ("Q.933之二", "Q.933bis", "Q.00933bis"),
        ("V.27ter", "V.27ter", "V.00027ter"),
        ("V.27之三", "V.27ter", "V.00027ter"),
        ("G.8275.1", "G.8275.1", "G.08275.00001"),
        ("Q.1912.5", "Q.1912.5", "Q.01912.00005"),
        ("ITU-T H.642.3", "H.642.3", "H.00642.00003"),
        ("ITU T g.711", "G.711", "G.00711"),
    ],
)
def test_number_forms(identifier: str, text: str, key: str) -> None:
    number = numbering.parse(identifier)
    assert (number.text, number.key) == (text, key)
    assert numbering.parse(number.text) == number  # the canonical text reads back the same


def test_keys_keep_numbers_apart_and_in_order() -> None:
    numbers = ["D.0", "D.000", "D.0.1", "D.0bis", "D.0ter", "D.1", "D.99", "D.100", "D.1140"]
    keys = [numbering.key(n) for n in numbers]
    assert len(set(keys)) == len(keys)
    assert sorted(numbers, key=numbering.key) == numbers


def test_a_number_of_zeros_falls_in_every_range_that_covers_zero() -> None:
    """A scope's keys run from its first number to its last followed by BELOW (its sub-numbers, bis …)."""
    low, high = numbering.key("D.0"), numbering.key("D.9") + numbering.BELOW
    assert low < numbering.key("D.000") < high
    assert numbering.letter_key("D")[0] < numbering.key("D.000") < numbering.letter_key("D")[1]
    assert numbering.key("D.0") + numbering.BELOW > numbering.key("D.000")


@pytest.mark.parametrize(
    ("identifier", "texts"),
    [
        ("X.85/Y.1321", ["X.85", "Y.1321"]),
        ("ITU-T O.41/ITU-T P.53", ["O.41", "P.53"]),
        ("G.820/I.351/Y.1501", ["G.820", "I.351", "Y.1501"]),
        ("G.799.1 / Y.1451.1", ["G.799.1", "Y.1451.1"]),
        ("G.711", ["G.711"]),
    ],
)
def test_dual_numbers(identifier: str, texts: list[str]) -> None:
    assert [n.text for n in numbering.parse_numbers(identifier)] == texts


@pytest.mark.parametrize(
    ("identifier", "words"),
    [
        ("", "empty"),
        ("G.abc", "expected a series letter"),
        ("W.1", "no W series"),
        ("G.0711", "expected a series letter"),  # no leading zero before a non-zero number
        ("G.123456", "expected a series letter"),
        ("G.711.", "expected a series letter"),
        ("G.Sup39", "Supplement"),
        ("Q Suppl. 62", "Supplement"),
        ("ITU-T A系列建议书增补2", "Supplement"),
        ("G.709 Annex A", "annex"),
        ("X.85/", "two or three numbers"),
        ("A.1/B.2/C.3/D.4", "two or three numbers"),
        ("G.711/G.711", "same number twice"),
        ("X.85/W.1", "no W series"),
    ],
)
def test_refused(identifier: str, words: str) -> None:
    with pytest.raises(InvalidParameterError, match=words):
        numbering.parse_numbers(identifier)


def test_one_number_only_where_one_is_expected() -> None:
    with pytest.raises(InvalidParameterError, match="dual number"):
        numbering.parse("X.85/Y.1321")
