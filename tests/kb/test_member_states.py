"""Member States: the curated table of ISO 3166-1 codes and English names, against the library and the source.

``data/curated/member_states.tsv`` has one row per Member State of the management list. A row whose
``source`` is ``iso-codes zh_CN …`` is a sourced mapping: the Chinese name as printed is exactly the zh_CN
translation (shipped with pycountry, from Debian's iso-codes) of one country's ISO 3166-1 name (or official
name). The ITU's Chinese names that match no translation are ``curated`` rows that say why. The build reads
the table only (offline, deterministic); this module checks it against pycountry and, with
``ITUT_KB_REGEN_CURATED=1``, rewrites its sourced rows (keeping the curated ones).
"""

from __future__ import annotations

import csv
import gettext
import os
import re
from pathlib import Path

import pycountry
import pytest
from rdflib import Graph
from rdflib.namespace import RDF, RDFS

from itut_kb.catalog import Catalog
from itut_kb.config import Settings
from itut_kb.extract.member_states import COLUMNS, load_member_states
from itut_kb.lookup import Lookup
from itut_kb.namespaces import ITUT
from itut_kb.store import KnowledgeBase

pytestmark = pytest.mark.kb

ROOT = Path(__file__).resolve().parents[2]
TABLE = ROOT / "data" / "curated" / "member_states.tsv"
SOURCE = (ROOT / "data" / "source" / "000_03ba4204751c90f1.txt").read_text(encoding="utf-8")
HEADER = (
    "# ISO 3166-1 codes and English short names of the Member States the proceedings name (Part IV, Part VI), one row\n"
    "# per state. source 'iso-codes zh_CN name' (or 'official name'): the Chinese name as printed is exactly the\n"
    "# zh_CN translation of that ISO 3166-1 name in Debian's iso-codes as shipped by pycountry {version};\n"
    "# codes and English short name (ISO 3166-1 'name') from the same entry. source 'curated': the ITU's Chinese\n"
    "# name matches no translation; the note says why the row is that country. Rechecked (and the sourced rows\n"
    "# rewritten with ITUT_KB_REGEN_CURATED=1) by tests/kb/test_member_states.py; the build reads this file only.\n"
)
ZH = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])


def derive(name_zh: str) -> dict[str, str] | None:
    """The sourced row for ``name_zh``: the one country whose name (or official name) translates to it."""
    for attribute, label in (("name", "name"), ("official_name", "official name")):
        hits = [
            c
            for c in pycountry.countries
            if getattr(c, attribute, None) and ZH.gettext(getattr(c, attribute)) == name_zh
        ]
        if len(hits) == 1:
            c = hits[0]
            return {"name_zh": name_zh, "alpha2": c.alpha_2, "alpha3": c.alpha_3, "name_en": c.name,
                    "source": f"iso-codes zh_CN {label}", "note": ""}  # fmt: skip
    return None


def states_of_management_list() -> set[str]:
    """The member-state cell of every filled row of the management list: the token before the post."""
    start = SOURCE.index("国际电联电信标准化研究组以及词汇标准化委员会正副主席\n")
    section = SOURCE[start : SOURCE.index("课题号", start)]
    cells = re.findall(r"([\u4e00-\u9fff]+)\s+副?主席(?:（[^）]+）)?\s*$", section, re.M)
    return set(cells) - {"空缺"}  # a vacancy names no state


def states_of_record() -> set[str]:
    """The Member States the Assembly's record (Part VI) names besides them, as the build wrote them."""
    graph = Graph().parse(ROOT / "data" / "kb" / "assembly-record.ttl")
    return {
        str(label)
        for node in graph.subjects(RDF.type, ITUT.MemberState)
        for label in graph.objects(node, RDFS.label)
        if getattr(label, "language", None) == "zh"
    }


def states_in_source() -> list[str]:
    return sorted(states_of_management_list() | states_of_record())


def read_rows() -> list[dict[str, str]]:
    with TABLE.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def expected_rows() -> list[dict[str, str]]:
    """The table as it should be: a sourced row for each state the library finds, the curated row otherwise."""
    curated = {r["name_zh"]: r for r in read_rows() if r["source"] == "curated"} if TABLE.exists() else {}
    rows = []
    for name in states_in_source():
        row = derive(name) or curated.get(name)
        assert row is not None, f"{name}: no translation matches; add a curated row saying why"
        rows.append(row)
    return rows


def test_the_table_is_what_the_library_and_the_curated_rows_give() -> None:
    """With ITUT_KB_REGEN_CURATED=1 the sourced rows are rewritten first (the curated ones are kept)."""
    expected = expected_rows()
    if os.environ.get("ITUT_KB_REGEN_CURATED") == "1":
        with TABLE.open("w", encoding="utf-8", newline="") as handle:
            handle.write("\t".join(COLUMNS) + "\n" + HEADER.format(version=pycountry.__version__))
            for row in expected:
                handle.write("\t".join(row[c] for c in COLUMNS) + "\n")
    assert read_rows() == expected


def test_the_table_has_one_row_for_each_state_the_proceedings_name() -> None:
    names = [r["name_zh"] for r in read_rows()]
    assert names == sorted(set(names))
    assert names == states_in_source()
    assert len(states_of_management_list()) == 41
    assert states_of_management_list() < set(names)


def test_sourced_rows_are_what_pycountry_gives() -> None:
    for row in read_rows():
        if row["source"] != "curated":
            assert derive(row["name_zh"]) == row, row


def test_curated_rows_match_no_translation_and_name_a_real_country() -> None:
    curated = [r for r in read_rows() if r["source"] == "curated"]
    assert curated
    for row in curated:
        assert derive(row["name_zh"]) is None, (
            f"{row['name_zh']} is found by the library: make it a sourced row"
        )
        country = pycountry.countries.get(alpha_2=row["alpha2"])
        assert country is not None
        assert (country.alpha_3, country.name) == (row["alpha3"], row["name_en"])
        assert len(row["note"]) > 30, "a curated row says why"


def test_every_source_value_is_known() -> None:
    assert {r["source"] for r in read_rows()} <= {
        "iso-codes zh_CN name",
        "iso-codes zh_CN official name",
        "curated",
    }


def test_the_build_reads_the_same_table() -> None:
    table = load_member_states(TABLE)
    assert {name: (s.alpha2, s.alpha3, s.name_en) for name, s in table.items()} == {
        r["name_zh"]: (r["alpha2"], r["alpha3"], r["name_en"]) for r in read_rows()
    }


@pytest.fixture(scope="module")
def lookup(settings: Settings) -> Lookup:
    return Lookup(KnowledgeBase.load(settings), Catalog.load(settings.queries_dir / "lookup"))


def test_every_member_state_of_the_kb_has_its_codes_and_english_name(lookup: Lookup) -> None:
    rows = {r["name"]: r for r in lookup.rows("member-states-posts")}
    assert set(rows) == states_of_management_list()  # the states whose nationals hold posts
    table = {r["name_zh"]: r for r in read_rows()}
    for name, kb in rows.items():
        assert (kb["alpha2"], kb["alpha3"], kb["nameEn"]) == (
            table[name]["alpha2"],
            table[name]["alpha3"],
            table[name]["name_en"],
        )
    described = lookup.kb.select(
        "PREFIX itut: <https://w3id.org/itut-kb/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT ?zh ?a2 ?a3 ?en WHERE { ?s a itut:MemberState ; rdfs:label ?zh , ?en ; "
        "itut:iso3166Alpha2 ?a2 ; itut:iso3166Alpha3 ?a3 . FILTER(LANG(?zh) = 'zh' && LANG(?en) = 'en') }"
    )
    assert {(r["zh"].value, r["a2"].value, r["a3"].value, r["en"].value) for r in described} == {
        (r["name_zh"], r["alpha2"], r["alpha3"], r["name_en"]) for r in table.values()
    }


@pytest.mark.parametrize("key", ["中国", "CN", "CHN", "cn"])
def test_posts_of_state_by_chinese_name_or_iso_code(lookup: Lookup, key: str) -> None:
    rows = lookup.rows("posts-of-state", state=key)
    assert len(rows) == 11
    assert {(r["stateZh"], r["alpha2"], r["alpha3"]) for r in rows} == {("中国", "CN", "CHN")}
