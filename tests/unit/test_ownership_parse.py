"""Res. 2 Annex C read as scopes: every entry, against a reading written by hand from the source text.

Notation of the expected readings (one string per scope, in source order):
``=G.801`` a single number (``=D.103 @D.103/E.231``: one number of a dual-numbered Recommendation);
``G.710..G.729`` a range (its last number's sub-numbers included); ``X.700..X.799 series`` a numbered
series (``Q.115..Q.115 series``: Q.115 and its sub-numbers); ``E*`` a whole letter; ``S* maintenance``;
then `` -[…]`` exceptions, `` ~[…]`` "except those for which … is responsible", `` +[…]`` joint, `` ?`` an
exception kept as text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from itut_kb import numbering
from itut_kb.errors import InvalidParameterError
from itut_kb.extract import annex_c, mandates
from itut_kb.extract.annex_c import AnnexCReadingError, Correction, Scope, read_entry
from itut_kb.extract.model import AnnexCEntry, Span
from itut_kb.extract.proceedings import load_proceedings
from itut_kb.extract.source import MAIN_FILE

ROOT = Path(__file__).resolve().parents[2]

READINGS: dict[tuple[str, int], list[str]] = {
    ("SG2", 1): ["E* ~[SG3, SG12, SG17, SG21]"],
    ("SG2", 2): ["F* ~[SG13, SG17, SG21]"],
    ("SG2", 3): ["G.850..G.859 series"],
    ("SG2", 4): [
        "I.220..I.229 series", "I.230..I.239 series", "I.240..I.249 series", "I.250..I.259 series",
        "I.750..I.759 series",
    ],
    ("SG2", 5): ["M*"],
    ("SG2", 6): ["O.220..O.229 series"],
    ("SG2", 7): ["=Q.513", "Q.800..Q.849", "Q.940..Q.949 series"],
    ("SG2", 8): ["S* maintenance"],
    ("SG2", 9): ["=V.51 @V.51/M.729", "=M.729 @V.51/M.729"],
    ("SG2", 10): ["X.160..X.169 series", "X.170..X.179 series", "X.700..X.799 series"],
    ("SG2", 11): ["Z.300..Z.399 series"],
    ("SG3", 1): ["D*"],
    ("SG3", 2): ["=D.103 @D.103/E.231", "=E.231 @D.103/E.231"],
    ("SG3", 3): ["=D.104 @D.104/E.232", "=E.232 @D.104/E.232"],
    ("SG3", 4): ["=D.1140 @D.1140/X.1261", "=X.1261 @D.1140/X.1261"],
    ("SG5", 1): ["K*"],
    ("SG5", 2): ["L.1..L.9", "L.18..L.24", "=L.32", "=L.33", "=L.71", "=L.75", "=L.76", "L.1000..L.1999 series"],
    ("SG11", 1): ["Q* ~[SG2, SG13, SG15, SG20, SG21]"],
    ("SG11", 2): ["U* maintenance"],
    ("SG11", 3): ["X.290..X.299 series -[=X.292]", "X.600..X.609"],
    ("SG11", 4): ["Z.500..Z.599 series"],
    ("SG12", 1): ["E.420..E.479", "E.800..E.859"],
    ("SG12", 2): ["G.100..G.199 series -[G.160..G.169 series, G.180..G.189 series]"],
    ("SG12", 3): ["G.1000..G.1999 series"],
    ("SG12", 4): [
        "I.350..I.359 series", "=G.820 @G.820/I.351/Y.1501", "=I.351 @G.820/I.351/Y.1501",
        "=Y.1501 @G.820/I.351/Y.1501", "=I.371", "=I.378", "=I.381",
    ],
    ("SG12", 5): ["J.140..J.149 series", "J.240..J.249 series", "J.340..J.349 series"],
    ("SG12", 6): ["P*"],
    ("SG12", 7): [
        "Y.1220..Y.1229 series", "Y.1530..Y.1539 series", "Y.1540..Y.1549 series", "Y.1550..Y.1559 series",
        "Y.1560..Y.1569 series",
    ],
    ("SG13", 1): ["F.600..F.699 series"],
    ("SG13", 2): ["=G.801", "=G.802", "G.860..G.869 series"],
    ("SG13", 3): ["I* ~[SG2, SG12, SG15] ?"],
    ("SG13", 4): ["=Q.933", "=Q.933bis", "Q.1000..Q.1099 series", "Q.1700..Q.1799 series"],
    ("SG13", 5): ["X.1..X.25", "X.28..X.49", "X.60..X.84", "X.90..X.159", "X.180..X.199", "=X.272", "X.300..X.399 series"],
    ("SG13", 6): ["Y* ~[SG12, SG15, SG20, SG21]"],
    ("SG15", 1): ["G* ~[SG2, SG12, SG13, SG21]"],
    ("SG15", 2): ["=I.326", "=I.414", "I.430..I.439 series", "I.600..I.699 series", "I.700..I.799 series -[I.750..I.759 series]"],
    ("SG15", 3): ["=J.185", "=J.186", "=J.190", "=J.192"],
    ("SG15", 4): ["L* ~[SG5]"],
    ("SG15", 5): ["O* ~[SG2]", "=O.41 @O.41/P.53", "=P.53 @O.41/P.53"],
    ("SG15", 6): ["=Q.49 @Q.49/O.22", "=O.22 @Q.49/O.22", "Q.500..Q.599 series -[=Q.513]"],
    ("SG15", 7): ["R* maintenance"],
    ("SG15", 8): [
        "X.50..X.59 series", "=X.85 @X.85/Y.1321", "=Y.1321 @X.85/Y.1321", "=X.86 @X.86/Y.1323",
        "=Y.1323 @X.86/Y.1323", "=X.87 @X.87/Y.1324", "=Y.1324 @X.87/Y.1324",
    ],
    ("SG15", 9): ["=V.38", "=V.55 @V.55/O.71", "=O.71 @V.55/O.71", "=V.300"],
    ("SG15", 10): ["Y.1300..Y.1309", "Y.1320..Y.1399", "=Y.1501", "Y.1700..Y.1799 series"],
    ("SG17", 1): ["=D.267 +[SG3]"],
    ("SG17", 2): ["=E.104 +[SG2]", "=E.115 +[SG2]", "=E.409 +[SG2]"],
    ("SG17", 3): ["F.400..F.499 series", "F.500..F.549"],
    ("SG17", 4): ["X* ~[SG2, SG3, SG11, SG13, SG15, SG21]"],
    ("SG17", 5): ["Z* -[Z.300..Z.399 series, Z.500..Z.599 series]"],
    ("SG20", 1): ["=F.744", "F.747.1..F.747.8", "F.748.0..F.748.5", "=F.771"],
    ("SG20", 2): ["=H.621", "=H.623", "=H.641", "=H.642.1", "=H.642.2", "=H.642.3"],
    ("SG20", 3): ["=L.1600", "=L.1601", "=L.1602", "=L.1603"],
    ("SG20", 4): ["=Q.3052"],
    ("SG20", 5): [
        "Y.4000..Y.4999 series", "=Y.2016", "=Y.2026", "Y.2060..Y.2070", "Y.2074..Y.2078", "=Y.2213",
        "=Y.2221", "=Y.2238", "=Y.2281", "=Y.2291",
    ],
    ("SG21", 1): ["E.120..E.139 -[=E.129]", "=E.161", "E.180..E.189 series", "E.330..E.339 series", "E.340..E.349 series"],
    ("SG21", 2): ["F.700..F.799 series ~[SG20]", "F.900..F.999 series"],
    ("SG21", 3): [
        "G.160..G.169 series", "G.710..G.729 -[=G.712]", "G.760..G.769 series", "=G.769 @G.769/Y.1242",
        "=Y.1242 @G.769/Y.1242", "=G.776.1", "=G.799.1 @G.799.1/Y.1451.1", "=Y.1451.1 @G.799.1/Y.1451.1",
        "=G.799.2", "=G.799.3",
    ],
    ("SG21", 4): ["H* ~[SG20]"],
    ("SG21", 5): ["J* ~[SG12, SG15]"],
    ("SG21", 6): ["N*"],
    ("SG21", 7): ["T*"],
    ("SG21", 8): ["Q.50..Q.59 series", "Q.115..Q.115 series"],
    ("SG21", 9): ["V* ~[SG2, SG15]"],
    ("SG21", 10): ["=X.26 @X.26/V.10", "=V.10 @X.26/V.10", "=X.27 @X.27/V.11", "=V.11 @X.27/V.11"],
    ("TSAG", 1): ["A*"],
}  # fmt: skip


def _number(key: str) -> str:
    """A key back to the number: "G.00984.00003~" -> "G.984.3"."""
    letter, _, rest = key.rstrip("~").partition(".")
    return (
        letter
        + "."
        + ".".join(str(int(p)) if p.isdigit() else re.sub(r"^0+(?=\d)", "", p) for p in rest.split("."))
    )


def render(scope: Scope) -> str:
    if scope.kind in {"letter", "maintenance"}:
        text = f"{scope.letter}*" + (" maintenance" if scope.kind == "maintenance" else "")
    elif scope.kind == "single":
        text = f"={_number(scope.low)}" + (f" @{scope.dual}" if scope.dual else "")
    else:
        text = f"{_number(scope.low)}..{_number(scope.high)}" + (" series" if scope.kind == "series" else "")
    if scope.exceptions:
        text += " -[" + ", ".join(render(e) for e in scope.exceptions) + "]"
    if scope.except_groups:
        text += " ~[" + ", ".join(scope.except_groups) + "]"
    if scope.joint_with:
        text += " +[" + ", ".join(scope.joint_with) + "]"
    if scope.unresolved_exception_zh:
        text += " ?"
    return text


@pytest.fixture(scope="module")
def readings() -> list[annex_c.EntryReading]:
    src = load_proceedings(ROOT / "data" / "source" / MAIN_FILE)
    entries, notes = mandates.parse_annex_c(src)
    corrections = annex_c.load_corrections(ROOT / "data" / "curated" / "annex_c_corrections.tsv")
    return annex_c.read_annex_c(entries, notes, corrections)


def test_every_entry_reads_as_written_by_hand(readings: list[annex_c.EntryReading]) -> None:
    got = {(r.entry.group, r.entry.ordinal): [render(s) for s in r.scopes] for r in readings}
    assert set(got) == set(READINGS)
    for key, expected in READINGS.items():
        assert got[key] == expected, key


def test_kinds_and_specificity(readings: list[annex_c.EntryReading]) -> None:
    scopes = [s for r in readings for s in r.scopes]
    assert {s.kind: s.specificity for s in scopes} == {
        "single": 4, "range": 3, "series": 2, "letter": 1, "maintenance": 1,
    }  # fmt: skip
    assert sorted(s.letter for s in scopes if s.kind == "maintenance") == ["R", "S", "U"]


def test_numbered_series_extent_from_trailing_zeros() -> None:
    def extent(text: str) -> tuple[str, str]:
        (scope,) = read_entry(text)
        return _number(scope.low), _number(scope.high)

    assert extent("ITU-T X.700系列") == ("X.700", "X.799")
    assert extent("ITU-T G.1000系列") == ("G.1000", "G.1999")
    assert extent("ITU-T I.350系列") == ("I.350", "I.359")
    assert extent("ITU-T X.50系列") == ("X.50", "X.59")
    assert extent("ITU-T Q.10xx系列") == ("Q.1000", "Q.1099")
    assert extent("ITU-T Q.115系列") == ("Q.115", "Q.115")
    (q115,) = read_entry("ITU-T Q.115系列")
    assert q115.covers(numbering.key("Q.115.1"))
    assert not q115.covers(numbering.key("Q.116"))


def test_single_number_excludes_its_sub_numbers_and_a_range_ends_after_them() -> None:
    (single,) = read_entry("ITU-T G.801")
    assert single.covers(numbering.key("G.801"))
    assert not single.covers(numbering.key("G.801.1"))
    (rng,) = read_entry("ITU-T F.747.1 – ITU-T F.747.8")
    assert [rng.covers(numbering.key(n)) for n in ("F.747", "F.747.1", "F.747.8", "F.747.8.1", "F.747.9")] == [
        False, True, True, True, False,
    ]  # fmt: skip
    (zero,) = read_entry("ITU-T F.748.0 – ITU-T F.748.5")
    assert not zero.covers(numbering.key("F.748"))
    assert zero.covers(numbering.key("F.748.0"))


def test_series_after_a_list_spreads_only_over_series_heads() -> None:
    kinds = [s.kind for s in read_entry("ITU-T G.801、ITU-T G.802、ITU-T G.860系列")]
    assert kinds == ["single", "single", "series"]
    kinds = [s.kind for s in read_entry("ITU-T J.140、ITU-T J.240和ITU-T J.340各系列")]
    assert kinds == ["series"] * 3
    with pytest.raises(AnnexCReadingError):
        read_entry("ITU-T G.801、ITU-T G.802各系列")


def test_joint_parenthesis_applies_to_its_whole_clause() -> None:
    scopes = read_entry("ITU-T E.104、ITU-T E.115、ITU-T E.409（与ITU-T第2研究组共同负责）")
    assert [s.joint_with for s in scopes] == [("SG2",)] * 3


def test_unreadable_text_stops_the_build() -> None:
    for text in ("ITU-T G.711附近", "G.712除外", "ITU-T G.729（ITU-T G.712除外）", "ITU-T X.700系列、"):
        with pytest.raises(AnnexCReadingError):
            read_entry(text)


def test_the_note_goes_with_the_entry_it_follows(readings: list[annex_c.EntryReading]) -> None:
    with_notes = [(r.entry.group, r.entry.ordinal, [n.text_zh for n in r.notes]) for r in readings if r.notes]
    assert with_notes == [("SG20", 5, ["注 – 由其它ITU-T研究组转入的建议书在Y.4000系列中含有双编号。"])]


def test_curated_correction_keeps_the_printed_text(readings: list[annex_c.EntryReading]) -> None:
    corrected = [r for r in readings if r.printed_text]
    assert [(r.entry.group, r.entry.ordinal) for r in corrected] == [("SG21", 3)]
    (reading,) = corrected
    assert "ITU T G.710、ITU-T G.729（ITU-T G.712除外）" in reading.printed_text
    assert "ITU-T G.710 – ITU-T G.729（ITU-T G.712除外）" in reading.entry.text_zh
    assert reading.editorial_note
    assert "G.710 to G.729, except G.712" in reading.editorial_note


def test_a_correction_that_no_longer_matches_stops_the_build() -> None:
    entry = AnnexCEntry("SG21", 3, "ITU-T G.160系列", Span("x.txt", 1, 1))
    stale = Correction("SG21", 3, "ITU T G.710、ITU-T G.729", "ITU-T G.710 – ITU-T G.729", "why")
    with pytest.raises(AnnexCReadingError, match="exactly once"):
        annex_c.apply_corrections([entry], [stale])
    with pytest.raises(AnnexCReadingError, match="do not exist"):
        annex_c.apply_corrections([], [stale])


@pytest.mark.parametrize(
    ("identifier", "key", "text"),
    [
        ("G.711", "G.00711", "G.711"),
        ("G.984.3", "G.00984.00003", "G.984.3"),
        ("G.8275.1", "G.08275.00001", "G.8275.1"),
        ("ITU-T Q.933之二", "Q.00933bis", "Q.933bis"),
        (" x.509 ", "X.00509", "X.509"),
        ("F.748.0", "F.00748.00000", "F.748.0"),
    ],
)
def test_identifier_key(identifier: str, key: str, text: str) -> None:
    number = numbering.parse(identifier)
    assert (number.key, number.text) == (key, text)


def test_keys_sort_in_number_order() -> None:
    numbers = ["G.1", "G.711", "G.711.1", "G.712", "G.984", "G.984.3", "G.984.10", "G.1000", "G.8275.1"]
    assert sorted(numbers, key=numbering.key) == numbers


@pytest.mark.parametrize(
    "identifier", ["", "  ", "G.abc", "W.1", "G.", "G711", "G.0711", "G.711.", "G.123456"]
)
def test_malformed_identifier(identifier: str) -> None:
    with pytest.raises(InvalidParameterError):
        numbering.parse(identifier)
