"""Holders' names: clean in the KB, the honorific apart, the printed form kept, against the management list.

The rows are read here with their own simple rules: a row starts with its group id; a line that does not
(and is no heading or column header) continues the row above; the last two cells are the member state and
the post; what is left is the holder as printed.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from itut_kb.catalog import Catalog
from itut_kb.config import Settings
from itut_kb.extract.management import HONORIFICS
from itut_kb.lookup import Lookup, value
from itut_kb.store import KnowledgeBase

pytestmark = pytest.mark.kb

SOURCE = (Path(__file__).resolve().parents[2] / "data" / "source" / "000_03ba4204751c90f1.txt").read_text(
    encoding="utf-8"
)
QUERY = """PREFIX itut: <https://w3id.org/itut-kb/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
SELECT ?groupId ?name ?honorific ?printed WHERE {
  ?post org:postIn/itut:groupId ?groupId ; itut:holderName ?name .
  OPTIONAL { ?post itut:honorific ?honorific } OPTIONAL { ?post itut:printedName ?printed }
}"""


def printed_holders() -> list[tuple[str, str]]:
    """(group, holder as printed) of every filled row, duplicates included, wrapped pieces joined by a space."""
    start = SOURCE.index("国际电联电信标准化研究组以及词汇标准化委员会正副主席\n")
    lines = [line.strip() for line in SOURCE[start : SOURCE.index("课题号", start)].split("\n")[1:]]
    rows: list[list[str]] = []
    for line in filter(None, lines):
        if re.search(r"\s–\s", line) or line in {"词汇标准化委员会", "组 名单 成员国 职位"}:
            continue  # a table heading or the column header
        if re.match(r"^(TSAG|SG\d+|SCV)\s", line):
            rows.append([line])
        elif rows:
            rows[-1].append(line)
    out = []
    for row in rows:
        group, *cells = " ".join(row).split()
        if cells[0] != "空缺":
            out.append((group, " ".join(cells[:-2])))
    return out


def honorific_of(holder: str) -> str:
    """A Chinese name ("魏亮 先生") is followed by its honorific after a space; a Latin one has the
    honorific glued to it, the Chinese characters ending the cell (a wrap may split them: "先 生")."""
    if re.match(r"[\u4e00-\u9fff]", holder):
        return holder.rsplit(maxsplit=1)[-1]
    compact = re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", holder)
    return re.search(r"[\u4e00-\u9fff]+$", compact).group(0)  # type: ignore[union-attr]


def kb_rows(kb: KnowledgeBase) -> list[dict[str, str]]:
    return [{k: value(v) for k, v in row.items()} for row in kb.select(QUERY)]


@pytest.fixture(scope="module")
def kb(settings: Settings) -> KnowledgeBase:
    return KnowledgeBase.load(settings)


def test_the_list_uses_two_honorifics_and_every_holder_has_one() -> None:
    found = Counter(honorific_of(h) for _g, h in printed_holders())
    assert set(found) == set(HONORIFICS)
    assert found == {"先生": 111, "女士": 35}  # the TSAG chair row printed twice counts twice here


def test_no_name_in_the_kb_ends_with_an_honorific(kb: KnowledgeBase) -> None:
    rows = kb_rows(kb)
    assert len(rows) == 145  # 147 posts, 2 vacancies
    assert [r["name"] for r in rows if r["name"].rstrip().endswith(HONORIFICS)] == []
    assert all(r["name"] == r["name"].strip() and r["name"] for r in rows)


def test_every_printed_row_is_the_name_and_its_honorific(kb: KnowledgeBase) -> None:
    """Each printed holder (one per distinct row) is a KB holder's name and honorific, with or without a
    space (or a line break) between them."""
    in_kb = Counter((r["groupId"], re.sub(r"\s+", "", r["name"] + r["honorific"])) for r in kb_rows(kb))
    printed = Counter((g, re.sub(r"\s+", "", h)) for g, h in set(printed_holders()))
    assert in_kb == printed


def test_the_printed_form_is_kept_in_provenance(kb: KnowledgeBase) -> None:
    for row in kb_rows(kb):
        assert row["printed"] in {row["name"] + row["honorific"], f"{row['name']} {row['honorific']}"}, row


@pytest.mark.parametrize(
    ("group", "name", "honorific", "printed"),
    [
        ("SG17", "Arnaud TADDEI", "先生", "Arnaud TADDEI先生"),
        ("SG21", "罗忠（Noah）", "先生", "罗忠（Noah） 先生"),
        ("TSAG", "Abdurahman AL HASSAN", "先生", "Abdurahman AL HASSAN先生"),
    ],
)
def test_show_study_group_gives_name_honorific_and_printed_form(
    settings: Settings, group: str, name: str, honorific: str, printed: str
) -> None:
    lookup = Lookup(KnowledgeBase.load(settings), Catalog.load(settings.queries_dir / "lookup"))
    chair = lookup.study_group(group)["chair"]
    assert (chair["name"], chair["honorific_zh"], chair["printed_name"]) == (name, honorific, printed)


def test_vice_chairs_with_chinese_names_are_printed_with_a_space(kb: KnowledgeBase) -> None:
    chinese = [r for r in kb_rows(kb) if re.fullmatch(r"[\u4e00-\u9fff]+", r["name"])]
    assert {r["name"] for r in chinese} >= {"魏亮", "邓桓", "程莹"}
    assert all(r["printed"] == f"{r['name']} {r['honorific']}" for r in chinese)
