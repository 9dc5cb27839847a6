"""Who owns what: real Recommendation numbers of every series letter, with the owners read from Res. 2 Annex C
by hand (data/source/000_03ba4204751c90f1.txt lines 2789-2947), not from the code's output.

The same table is answered three ways: by the service behind `itut-kb owner`, by the named query's SPARQL text
with the numbers as VALUES (one query for the whole table), and over the HTTP SPARQL endpoint.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from itut_kb import numbering
from itut_kb.catalog import Catalog
from itut_kb.ownership import Ownership
from itut_kb.services import Services
from itut_kb.store import KnowledgeBase

pytestmark = pytest.mark.kb

J, C = "joint", "conflict"

# (number, owners in order, flags); the reason, where it is not the plain reading of one line, follows.
TABLE: list[tuple[str, list[str], set[str]]] = [
    # A: TSAG; B has no responsible group
    ("A.1", ["TSAG"], set()), ("A.2", ["TSAG"], set()), ("A.7", ["TSAG"], set()), ("A.8", ["TSAG"], set()),
    ("A.13", ["TSAG"], set()), ("A.25", ["TSAG"], set()),
    ("B.1", [], set()),
    # D: SG3, D.267 with SG17 first (SG17's line says jointly with SG3)
    ("D.1", ["SG3"], set()), ("D.50", ["SG3"], set()), ("D.52", ["SG3"], set()), ("D.98", ["SG3"], set()),
    ("D.103", ["SG3"], set()), ("D.104", ["SG3"], set()), ("D.261", ["SG3"], set()), ("D.271", ["SG3"], set()),
    ("D.1140", ["SG3"], set()), ("D.267", ["SG17", "SG3"], {J}),
    # E: SG2 except SG3's duals, SG12's ranges, SG21's lines; E.104/E.115/E.409 SG17 jointly with SG2
    ("E.101", ["SG2"], set()), ("E.118", ["SG2"], set()), ("E.164", ["SG2"], set()), ("E.212", ["SG2"], set()),
    ("E.156", ["SG2"], set()), ("E.350", ["SG2"], set()),
    ("E.104", ["SG17", "SG2"], {J}), ("E.115", ["SG17", "SG2"], {J}), ("E.409", ["SG17", "SG2"], {J}),
    ("E.120", ["SG21"], set()), ("E.123", ["SG21"], set()), ("E.139", ["SG21"], set()),
    ("E.129", ["SG2"], set()),  # excepted from SG21's E.120-E.139: back to the E series
    ("E.140", ["SG2"], set()), ("E.161", ["SG21"], set()), ("E.180", ["SG21"], set()), ("E.182", ["SG21"], set()),
    ("E.330", ["SG21"], set()), ("E.340", ["SG21"], set()),
    ("E.231", ["SG3"], set()), ("E.232", ["SG3"], set()),  # D.103/E.231, D.104/E.232
    ("E.420", ["SG12"], set()), ("E.450", ["SG12"], set()), ("E.479", ["SG12"], set()), ("E.480", ["SG2"], set()),
    ("E.800", ["SG12"], set()), ("E.804", ["SG12"], set()), ("E.859", ["SG12"], set()), ("E.860", ["SG2"], set()),
    # F
    ("F.1", ["SG2"], set()), ("F.100", ["SG2"], set()), ("F.400", ["SG17"], set()), ("F.500", ["SG17"], set()),
    ("F.549", ["SG17"], set()), ("F.550", ["SG2"], set()), ("F.600", ["SG13"], set()), ("F.700", ["SG21"], set()),
    ("F.703", ["SG21"], set()), ("F.744", ["SG20"], set()), ("F.747", ["SG21"], set()),
    ("F.747.1", ["SG20"], set()), ("F.747.8", ["SG20"], set()),
    ("F.747.9", ["SG21"], set()),  # past SG20's F.747.1-F.747.8: SG21's F.700 series
    ("F.748", ["SG21"], set()), ("F.748.0", ["SG20"], set()), ("F.748.5", ["SG20"], set()),
    ("F.748.6", ["SG21"], set()), ("F.771", ["SG20"], set()), ("F.780.1", ["SG21"], set()),
    ("F.900", ["SG21"], set()), ("F.921", ["SG21"], set()),
    # G
    ("G.100", ["SG12"], set()), ("G.107", ["SG12"], set()), ("G.114", ["SG12"], set()), ("G.199", ["SG12"], set()),
    ("G.160", ["SG21"], set()), ("G.161", ["SG21"], set()), ("G.168", ["SG21"], set()),
    ("G.180", ["SG15"], set()),  # excepted from SG12's G.100 series, nobody else's: the G series
    ("G.200", ["SG15"], set()), ("G.652", ["SG15"], set()),
    ("G.710", ["SG21"], set()), ("G.711", ["SG21"], set()), ("G.711.1", ["SG21"], set()),
    ("G.712", ["SG15"], set()),  # excepted from SG21's G.710-G.729 (curated range)
    ("G.722", ["SG21"], set()), ("G.729", ["SG21"], set()), ("G.729.1", ["SG21"], set()),
    ("G.730", ["SG15"], set()), ("G.760", ["SG21"], set()), ("G.764", ["SG21"], set()), ("G.769", ["SG21"], set()),
    ("G.776", ["SG15"], set()), ("G.776.1", ["SG21"], set()), ("G.799", ["SG15"], set()),
    ("G.799.1", ["SG21"], set()), ("G.799.2", ["SG21"], set()), ("G.799.3", ["SG21"], set()),
    ("G.801", ["SG13"], set()), ("G.802", ["SG13"], set()), ("G.803", ["SG15"], set()),
    ("G.820", ["SG12"], set()),  # G.820/I.351/Y.1501, named in SG12's I.350 series line
    ("G.850", ["SG2"], set()), ("G.859", ["SG2"], set()), ("G.860", ["SG13"], set()), ("G.869", ["SG13"], set()),
    ("G.870", ["SG15"], set()), ("G.984.3", ["SG15"], set()), ("G.993.2", ["SG15"], set()),
    ("G.1000", ["SG12"], set()), ("G.1010", ["SG12"], set()), ("G.1050", ["SG12"], set()),
    ("G.8265.1", ["SG15"], set()), ("G.8275.1", ["SG15"], set()), ("G.9700", ["SG15"], set()),
    ("G.9960", ["SG15"], set()),
    # H
    ("H.248.1", ["SG21"], set()), ("H.264", ["SG21"], set()), ("H.323", ["SG21"], set()), ("H.870", ["SG21"], set()),
    ("H.621", ["SG20"], set()), ("H.623", ["SG20"], set()), ("H.641", ["SG20"], set()),
    ("H.642", ["SG21"], set()), ("H.642.1", ["SG20"], set()), ("H.642.2", ["SG20"], set()),
    ("H.642.3", ["SG20"], set()), ("H.642.4", ["SG21"], set()),
    # I
    ("I.112", ["SG13"], set()), ("I.210", ["SG13"], set()), ("I.310", ["SG13"], set()), ("I.220", ["SG2"], set()),
    ("I.231", ["SG2"], set()), ("I.250", ["SG2"], set()), ("I.350", ["SG12"], set()), ("I.351", ["SG12"], set()),
    ("I.356", ["SG12"], set()), ("I.371", ["SG12"], set()), ("I.378", ["SG12"], set()), ("I.381", ["SG12"], set()),
    ("I.326", ["SG15"], set()), ("I.414", ["SG15"], set()), ("I.430", ["SG15"], set()),
    ("I.432.1", ["SG15"], set()), ("I.610", ["SG15"], set()), ("I.700", ["SG15"], set()), ("I.732", ["SG15"], set()),
    ("I.750", ["SG2"], set()), ("I.751", ["SG2"], set()),  # I.750 series: excepted from SG15's I.700 series
    # J
    ("J.83", ["SG21"], set()), ("J.112", ["SG21"], set()), ("J.140", ["SG12"], set()), ("J.144", ["SG12"], set()),
    ("J.185", ["SG15"], set()), ("J.186", ["SG15"], set()), ("J.190", ["SG15"], set()), ("J.191", ["SG21"], set()),
    ("J.192", ["SG15"], set()), ("J.240", ["SG12"], set()), ("J.247", ["SG12"], set()), ("J.341", ["SG12"], set()),
    # K, L
    ("K.20", ["SG5"], set()), ("K.21", ["SG5"], set()), ("K.44", ["SG5"], set()),
    ("L.1", ["SG5"], set()), ("L.9", ["SG5"], set()), ("L.10", ["SG15"], set()), ("L.18", ["SG5"], set()),
    ("L.24", ["SG5"], set()), ("L.25", ["SG15"], set()), ("L.32", ["SG5"], set()), ("L.34", ["SG15"], set()),
    ("L.71", ["SG5"], set()), ("L.75", ["SG5"], set()), ("L.76", ["SG5"], set()), ("L.100", ["SG15"], set()),
    ("L.1000", ["SG5"], set()), ("L.1410", ["SG5"], set()), ("L.1600", ["SG20"], set()),
    ("L.1603", ["SG20"], set()), ("L.1604", ["SG5"], set()),
    # M, N, O, P
    ("M.729", ["SG2"], set()), ("M.1400", ["SG2"], set()), ("M.3000", ["SG2"], set()), ("M.3400", ["SG2"], set()),
    ("N.1", ["SG21"], set()),
    ("O.22", ["SG15"], set()), ("O.41", ["SG15"], set()), ("O.71", ["SG15"], set()), ("O.150", ["SG15"], set()),
    ("O.211", ["SG15"], set()), ("O.220", ["SG2"], set()),
    ("P.53", ["SG15"], set()),  # O.41/P.53, in SG15's O series line
    ("P.800", ["SG12"], set()), ("P.862", ["SG12"], set()), ("P.1203", ["SG12"], set()),
    # Q
    ("Q.49", ["SG15"], set()), ("Q.50", ["SG21"], set()), ("Q.50.1", ["SG21"], set()), ("Q.55", ["SG21"], set()),
    ("Q.115", ["SG21"], set()), ("Q.115.1", ["SG21"], set()), ("Q.116", ["SG11"], set()),
    ("Q.500", ["SG15"], set()), ("Q.513", ["SG2"], set()), ("Q.551", ["SG15"], set()),
    ("Q.800", ["SG2"], set()), ("Q.821", ["SG2"], set()), ("Q.849", ["SG2"], set()), ("Q.850", ["SG11"], set()),
    ("Q.931", ["SG11"], set()), ("Q.933", ["SG13"], set()), ("Q.933bis", ["SG13"], set()),
    ("Q.940", ["SG2"], set()), ("Q.941", ["SG2"], set()), ("Q.1000", ["SG13"], set()),
    ("Q.1099", ["SG13"], set()), ("Q.1100", ["SG11"], set()), ("Q.1700", ["SG13"], set()),
    ("Q.1741", ["SG13"], set()), ("Q.1912", ["SG11"], set()), ("Q.3050", ["SG11"], set()),
    ("Q.3052", ["SG20"], set()),
    # R, S, T, U: maintenance (R, S, U) and SG21's T series
    ("R.20", ["SG15"], set()), ("S.1", ["SG2"], set()), ("T.4", ["SG21"], set()), ("T.30", ["SG21"], set()),
    ("T.81", ["SG21"], set()), ("T.800", ["SG21"], set()), ("U.1", ["SG11"], set()),
    # V
    ("V.10", ["SG21"], set()), ("V.11", ["SG21"], set()), ("V.24", ["SG21"], set()), ("V.38", ["SG15"], set()),
    ("V.51", ["SG2"], set()), ("V.55", ["SG15"], set()), ("V.92", ["SG21"], set()), ("V.150.1", ["SG21"], set()),
    ("V.300", ["SG15"], set()),
    # X
    ("X.1", ["SG13"], set()), ("X.25", ["SG13"], set()), ("X.26", ["SG21"], set()), ("X.27", ["SG21"], set()),
    ("X.28", ["SG13"], set()), ("X.49", ["SG13"], set()), ("X.50", ["SG15"], set()), ("X.60", ["SG13"], set()),
    ("X.84", ["SG13"], set()), ("X.85", ["SG15"], set()), ("X.86", ["SG15"], set()), ("X.87", ["SG15"], set()),
    ("X.121", ["SG13"], set()), ("X.160", ["SG2"], set()), ("X.170", ["SG2"], set()), ("X.180", ["SG13"], set()),
    ("X.200", ["SG17"], set()), ("X.272", ["SG13"], set()), ("X.290", ["SG11"], set()),
    ("X.292", ["SG17"], set()),  # excepted from SG11's X.290 series: the X series
    ("X.296", ["SG11"], set()), ("X.300", ["SG13"], set()), ("X.400", ["SG17"], set()), ("X.509", ["SG17"], set()),
    ("X.600", ["SG11"], set()), ("X.609", ["SG11"], set()), ("X.610", ["SG17"], set()), ("X.660", ["SG17"], set()),
    ("X.700", ["SG2"], set()), ("X.733", ["SG2"], set()), ("X.799", ["SG2"], set()), ("X.800", ["SG17"], set()),
    ("X.805", ["SG17"], set()), ("X.1035", ["SG17"], set()), ("X.1261", ["SG3"], set()), ("X.1500", ["SG17"], set()),
    # Y
    ("Y.101", ["SG13"], set()), ("Y.1221", ["SG12"], set()), ("Y.1242", ["SG21"], set()),
    ("Y.1300", ["SG15"], set()), ("Y.1309", ["SG15"], set()), ("Y.1310", ["SG13"], set()),
    ("Y.1321", ["SG15"], set()), ("Y.1331", ["SG15"], set()), ("Y.1451", ["SG13"], set()),
    ("Y.1451.1", ["SG21"], set()),
    ("Y.1501", ["SG12", "SG15"], {C}),  # SG12's G.820/I.351/Y.1501 and SG15's Y.1501, neither jointly
    ("Y.1530", ["SG12"], set()), ("Y.1540", ["SG12"], set()), ("Y.1541", ["SG12"], set()),
    ("Y.1564", ["SG12"], set()), ("Y.1570", ["SG13"], set()), ("Y.1711", ["SG15"], set()),
    ("Y.1731", ["SG15"], set()), ("Y.2001", ["SG13"], set()), ("Y.2012", ["SG13"], set()),
    ("Y.2016", ["SG20"], set()), ("Y.2060", ["SG20"], set()), ("Y.2066", ["SG20"], set()),
    ("Y.2071", ["SG13"], set()), ("Y.2078", ["SG20"], set()), ("Y.2291", ["SG20"], set()),
    ("Y.3001", ["SG13"], set()), ("Y.3172", ["SG13"], set()), ("Y.4000", ["SG20"], set()),
    ("Y.4455", ["SG20"], set()),
    # Z
    ("Z.100", ["SG17"], set()), ("Z.120", ["SG17"], set()), ("Z.300", ["SG2"], set()), ("Z.361", ["SG2"], set()),
    ("Z.500", ["SG11"], set()),
]  # fmt: skip


@pytest.fixture(scope="module")
def catalog(services: Services) -> Catalog:
    return services.catalog


@pytest.fixture(scope="module")
def ownership(services: Services) -> Ownership:
    return services.ownership


def test_the_table_is_large_and_covers_every_letter_of_annex_c() -> None:
    assert len(TABLE) >= 150
    assert len({number for number, _, _ in TABLE}) == len(TABLE)
    letters = {number[0] for number, _, _ in TABLE}
    assert letters >= set("ADEFGHIJKLMNOPQRSTUVXYZ")


@pytest.mark.parametrize(("number", "owners", "flags"), TABLE, ids=[row[0] for row in TABLE])
def test_owner(ownership: Ownership, number: str, owners: list[str], flags: set[str]) -> None:
    answer = ownership.owner(number)
    assert answer["recommendation"] == number
    assert answer["owners"] == owners
    assert answer["joint"] == (J in flags)
    assert answer["conflict"] == (C in flags)
    assert len(answer["basis"]) >= (1 if owners else 0)
    for basis in answer["basis"]:
        assert basis["group"] in owners
        assert basis["text_zh"].startswith("ITU")
        assert basis["provenance"]["source_file"] == "000_03ba4204751c90f1.txt"
        assert 2789 <= basis["provenance"]["source_lines"][0] <= 2947


def test_basis_of_a_corrected_entry_keeps_the_printed_text(ownership: Ownership) -> None:
    (basis,) = ownership.owner("G.711")["basis"]
    assert (basis["group"], basis["kind"], basis["scope"]) == ("SG21", "range", "G.710 – G.729")
    assert "ITU T G.710、ITU-T G.729" in basis["provenance"]["printed_text_zh"]
    assert "G.710 to G.729" in basis["provenance"]["editorial_note"]


def test_batch_answers_in_order_and_reports_malformed_lines(ownership: Ownership) -> None:
    answers = ownership.owners(["G.711", "G.abc", "ITU-T G.711", "B.1"])
    assert [a.get("owners") for a in answers] == [["SG21"], None, ["SG21"], []]
    assert answers[1]["recommendation"] == "G.abc"
    assert "error" in answers[1]


def _values_query(text: str, numbers: list[str]) -> str:
    """The named query as a SPARQL user writes it: the numbers as VALUES right after WHERE's opening brace."""
    code = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    rows = " ".join(f'("{numbering.key(n)}" "{numbering.parse(n).letter}")' for n in numbers)
    head, brace, rest = code.partition("WHERE {")
    assert brace, "the owner query has a WHERE clause"
    return f"{head}{brace}\n  VALUES (?key ?letter) {{ {rows} }}{rest}"


def _owners_from_rows(rows: list[dict[str, Any]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for row in rows:
        groups = out.setdefault(row["key"], set())
        groups.add(row["groupId"])
        if row.get("jointId"):
            groups.add(row["jointId"])
    return out


def _expected() -> dict[str, set[str]]:
    return {numbering.key(number): set(owners) for number, owners, _ in TABLE if owners}


def test_named_query_as_sparql_text_answers_the_whole_table(kb: KnowledgeBase, catalog: Catalog) -> None:
    query = _values_query(catalog.get("owner").text, [number for number, _, _ in TABLE])
    rows = [{k: v.value for k, v in row.items()} for row in kb.select(query)]
    assert _owners_from_rows(rows) == _expected()


def test_sparql_endpoint_answers_the_whole_table(http: httpx.Client, catalog: Catalog) -> None:
    query = _values_query(catalog.get("owner").text, [number for number, _, _ in TABLE])
    response = http.post(
        "/sparql",
        content=query.encode("utf-8"),
        headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
    )
    assert response.status_code == 200, response.text
    rows = [{k: v["value"] for k, v in b.items()} for b in response.json()["results"]["bindings"]]
    assert _owners_from_rows(rows) == _expected()


def test_service_and_sparql_agree_on_the_order_of_owners(ownership: Ownership) -> None:
    """The primary group first: the SPARQL rows say which group's entry it is (groupId) and who shares it."""
    assert ownership.owner("D.267")["owners"] == ["SG17", "SG3"]
    assert ownership.owner("E.409")["owners"] == ["SG17", "SG2"]
