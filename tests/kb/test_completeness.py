"""The real KB against the source's own structure: counts and identities read independently of the parsers.

Each test reads the proceedings with a deliberately simple pattern (not the parsers' logic) and checks
that the KB holds exactly what the source shows.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from itut_kb.extract.citations import recommendation_numbers
from itut_kb.lookup import Lookup, value
from itut_kb.services import Services
from itut_kb.store import KnowledgeBase

ROOT = Path(__file__).resolve().parents[2]
SOURCE = (ROOT / "data" / "source" / "000_03ba4204751c90f1.txt").read_text(encoding="utf-8").split("\n")
STUDY_GROUPS = ["SG2", "SG3", "SG5", "SG11", "SG12", "SG13", "SG15", "SG17", "SG20", "SG21"]
PREFIXES = """PREFIX itut: <https://w3id.org/itut-kb/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
pytestmark = pytest.mark.kb


@pytest.fixture(scope="module")
def lookup(services: Services) -> Lookup:
    return services.lookup


def values(kb: KnowledgeBase, query: str) -> list[object]:
    return [value(next(iter(row.values()))) for row in kb.select(PREFIXES + query)]


def line_of(pattern: str, start: int = 0) -> int:
    """0-based index of the first source line matching ``pattern`` at or after ``start``."""
    regex = re.compile(pattern)
    return next(i for i in range(start, len(SOURCE)) if regex.search(SOURCE[i]))


def test_contract_counts(lookup: Lookup) -> None:
    stats = lookup.stats()
    assert {k: stats[k] for k in stats if k not in {"clauses", "triples"}} == {
        "resolutions": 65,
        "opinions": 1,
        "abrogated_resolutions": 1,
        "actions": 15,
        "study_groups": 10,
        "lead_roles": 49,
        "annex_c_entries": 65,
        "questions": 122,
        "posts": 147,
        "a_series_recommendations": 13,
        "a_series_supplements": 5,
        "footnotes": 97,
        "figures": 19,
        "tables": 9,
    }
    assert stats["clauses"] > 3000
    assert stats["triples"] > 40000


def test_resolutions_are_the_headings_of_part_one(kb: KnowledgeBase) -> None:
    end = line_of(r"^\s*WTSA-24废止的决议")
    heading = re.compile(r"^\s*第(\d+)号决议（\d{4}年?，[^）]+）\s*\d?\s*$")
    in_source = sorted({int(m.group(1)) for line in SOURCE[:end] if (m := heading.match(line))})
    in_kb = sorted(values(kb, "SELECT ?n WHERE { ?r a itut:ResolutionInForce ; itut:resolutionNumber ?n }"))
    assert in_kb == in_source
    assert len(in_kb) == 65


def test_revised_at_wtsa24_follows_the_heading(kb: KnowledgeBase) -> None:
    """True only where the heading says WTSA-24 revised it: a Resolution it adopted first is new, not revised."""
    rows = kb.select(
        PREFIXES + "SELECT ?h ?r WHERE { ?x a itut:Resolution ; itut:heading ?h ; itut:revisedAtWTSA24 ?r }"
    )
    for row in rows:
        assert value(row["r"]) == ("2024年，新德里，修订版" in value(row["h"])), value(row["h"])


def test_questions_are_the_rows_of_part_five(kb: KnowledgeBase) -> None:
    start, end = line_of(r"^\s*1\s+第2研究组\s*$"), line_of(r"^第六部分")
    row = re.compile(r"^\s*(?:[A-Z]/\d+|\d+/\d+|Q\.\w+/C)\s+(\d+/\d+)\s")
    in_source = sorted(m.group(1) for line in SOURCE[start:end] if (m := row.match(line)))
    assert sorted(values(kb, "SELECT ?n WHERE { ?q a itut:Question ; itut:number ?n }")) == in_source
    assert len(in_source) == 122


def test_posts_are_the_rows_of_the_management_list(kb: KnowledgeBase) -> None:
    start = line_of(r"国际电联电信标准化研究组以及词汇标准化委员会正副主席")
    end = line_of(r"^\s*1\s+第2研究组\s*$", start)
    rows = [line.strip() for line in SOURCE[start:end] if re.match(r"^\s*(TSAG|SG\d+|SCV) [^–]", line)]
    duplicates = len(rows) - len(set(rows))
    assert duplicates == 1  # the TSAG chair row is printed twice
    assert len(values(kb, "SELECT ?p WHERE { ?p a/rdfs:subClassOf* itut:Post }")) == len(rows) - duplicates


def test_lead_roles_are_the_roles_of_annex_a_part_2(kb: KnowledgeBase) -> None:
    start, end = line_of(r"第2部分 – 具体研究领域的ITU-T领导研究组"), line_of(r"^\s*附件B\s*$")
    role_ends = [line for line in SOURCE[start + 1 : end] if line.strip().endswith("领导研究组")]
    assert len(role_ends) == 49  # every role, wrapped or not, ends its last line with 领导研究组
    assert len(values(kb, "SELECT ?r WHERE { ?r a itut:LeadRole }")) == 49


def test_every_study_group_is_complete(lookup: Lookup) -> None:
    assert [g["id"] for g in lookup.study_groups()] == STUDY_GROUPS
    for group in lookup.study_groups():
        assert group["title_zh"], group["id"]
        assert group["lead_roles"], group["id"]
        assert group["questions"], group["id"]
        assert group["chair"], group["id"]
        assert group["chair"]["name"], group["id"]
        assert group["vice_chairs"], group["id"]
        assert all(q.endswith("/" + group["id"][2:]) for q in group["questions"])


def test_tsag_and_scv_have_their_posts_and_scv_its_vacancies(lookup: Lookup) -> None:
    tsag, scv = lookup.study_group("TSAG"), lookup.study_group("SCV")
    assert tsag["chair"]["name"] == "Abdurahman AL HASSAN"
    assert tsag["chair"]["honorific_zh"] == "先生"
    assert tsag["chair"]["member_state_zh"] == "沙特阿拉伯"
    assert len(tsag["vice_chairs"]) == 10
    assert [v["name"] for v in scv["vice_chairs"]].count(None) == 2
    assert scv["chair"]["post_zh"] == "主席（法文）"


def test_annex_c_has_every_group_heading_and_tsag(kb: KnowledgeBase) -> None:
    groups = values(kb, "SELECT DISTINCT ?id WHERE { ?g itut:responsibility ?a ; itut:groupId ?id }")
    assert sorted(groups) == sorted([*STUDY_GROUPS, "TSAG"])


def test_a_series_documents_are_the_headings_of_part_three(kb: KnowledgeBase) -> None:
    recs = sorted(m.group(1) for line in SOURCE if (m := re.match(r"^\s*ITU-T (A\.\d+)建议书\s*$", line)))
    sups = sorted(
        m.group(1) for line in SOURCE if (m := re.match(r"^\s*ITU-T A系列建议书增补(\d+)\s*$", line))
    )
    kb_recs = values(
        kb, "SELECT ?n WHERE { ?c itut:clauseOf ?r . ?r a itut:Recommendation ; itut:number ?n } GROUP BY ?n"
    )
    kb_sups = values(kb, "SELECT ?n WHERE { ?s a itut:Supplement ; itut:number ?n }")
    assert sorted(kb_recs) == recs
    assert len(recs) == 13
    assert sorted(kb_sups) == [f"A-Sup.{n}" for n in sups]
    assert len(sups) == 5


def test_actions_are_numbered_one_to_fifteen(lookup: Lookup) -> None:
    assert [a["number"] for a in lookup.actions()] == list(range(1, 16))


def test_every_resolution_in_force_has_an_operative_block(kb: KnowledgeBase) -> None:
    missing = values(
        kb,
        """SELECT ?n WHERE { ?r a itut:ResolutionInForce ; itut:resolutionNumber ?n .
             FILTER NOT EXISTS { ?c itut:clauseOf ?r ; itut:block ?b
               FILTER(STRSTARTS(?b, "resolves") || STRSTARTS(?b, "instructs") || STRSTARTS(?b, "invites")
                      || STRSTARTS(?b, "requests") || STRSTARTS(?b, "encourages") || STRSTARTS(?b, "calls")) } }""",
    )
    assert missing == []


def test_resolution_1_procedural_clauses_are_there(kb: KnowledgeBase) -> None:
    keys = set(
        values(
            kb,
            "SELECT ?k WHERE { ?c itut:clauseOf <https://w3id.org/itut-kb/id/resolution/1> ; itut:clauseKey ?k }",
        )
    )
    for key in (
        "section-9",
        "7.1.5之二",
        "8.1.1",
        "9.3.3",
        "9.3.5",
        "9.3.9",
        "9.4.1",
        "9.4.5",
        "9.6.1",
        "considering-a",
    ):
        assert key in keys, key


def test_instructs_study_group_17_has_its_addressee(kb: KnowledgeBase) -> None:
    headings = values(
        kb,
        """SELECT DISTINCT ?h WHERE { ?c itut:addressee <https://w3id.org/itut-kb/id/group/SG17> ;
             itut:block ?b ; itut:blockHeading ?h FILTER(STRSTARTS(?b, "instructs")) }""",
    )
    assert "责成国际电联电信标准化部门第17研究组" in headings
    assert not any("第20和21研究组" in h for h in headings)  # SG17 is a collaborator there, not addressed


def test_recommendations_cited_in_the_operative_parts_are_nodes(kb: KnowledgeBase) -> None:
    """Every number the citation rule finds on a single line of Parts I-III is a Recommendation node (but
    in Res. 2 Annex C, read by the Annex C reader: tests/kb/test_citation_links.py)."""
    end = line_of(r"国际电联电信标准化研究组以及词汇标准化委员会正副主席")
    annex_c = range(line_of(r"^附件C$"), line_of(r"^TSAG$", line_of(r"^附件C$")))
    cited = {
        n for i, line in enumerate(SOURCE[:end]) if i not in annex_c for n in recommendation_numbers(line)
    }
    in_kb = set(values(kb, "SELECT ?n WHERE { ?r a itut:Recommendation ; itut:number ?n }"))
    assert len(cited) > 50
    assert cited - in_kb == set()


def test_every_entity_has_provenance(kb: KnowledgeBase) -> None:
    missing = values(
        kb,
        """SELECT ?s WHERE { ?s a ?c . FILTER(STRSTARTS(STR(?s), "https://w3id.org/itut-kb/id/"))
             FILTER(?c != itut:SourceText)
             FILTER NOT EXISTS { ?s <http://www.w3.org/ns/prov#wasDerivedFrom> ?f ; itut:firstLine ?a ; itut:lastLine ?b } }""",
    )
    assert missing == []
