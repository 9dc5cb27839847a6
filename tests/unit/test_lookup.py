"""The lookup service and named queries over the tiny fixture KB."""

from __future__ import annotations

import pytest

from itut_kb.catalog import Catalog
from itut_kb.config import Settings
from itut_kb.errors import InvalidParameterError, NotFoundError
from itut_kb.lookup import Lookup
from itut_kb.store import KnowledgeBase


@pytest.fixture(scope="module")
def lookup(tiny_settings: Settings) -> Lookup:
    return Lookup(KnowledgeBase.load(tiny_settings), Catalog.load(tiny_settings.queries_dir / "lookup"))


def test_resolution(lookup: Lookup) -> None:
    res = lookup.resolution("2")
    assert res["number"] == 2
    assert res["title_zh"] == "国际电联电信标准化部门研究组的责任与职权"
    assert res["revised_at_wtsa24"] is True
    assert res["history"] == [
        {"year": 1993, "city_zh": "赫尔辛基", "note_zh": None},
        {"year": 2024, "city_zh": "新德里", "note_zh": None},
    ]
    assert res["source_lines"] == [50, 90]
    assert res["source_file"] == "tiny.txt"


def test_question(lookup: Lookup) -> None:
    assert lookup.question("1/17") == {
        "id": "1/17",
        "iri": "https://w3id.org/itut-kb/id/question/1-17",
        "provisional_id": "A/17",
        "study_group": "SG17",
        "title_zh": "安全标准化战略和协调",
        "source_lines": [70, 70],
    }


def test_study_group(lookup: Lookup) -> None:
    sg = lookup.study_group("SG17")
    assert sg["title_zh"] == "安全"
    assert sg["lead_roles"] == ["有关安全的领导研究组", "有关身份管理的领导研究组"]
    assert sg["questions"] == ["1/17", "2/17"]
    assert sg["chair"] == {
        "name": "A B",
        "honorific_zh": "先生",
        "printed_name": "A B先生",
        "member_state_zh": "美国",
        "member_state_alpha2": "US",
        "member_state_alpha3": "USA",
        "member_state_en": "United States",
        "post_zh": "主席",
    }
    vacancy = dict.fromkeys(sg["chair"], None) | {"post_zh": "副主席"}
    assert sg["vice_chairs"] == [vacancy]


def test_lists_are_ordered(lookup: Lookup) -> None:
    assert [q["id"] for q in lookup.questions()] == ["1/2", "1/17", "2/17"]
    assert [g["id"] for g in lookup.study_groups()] == ["SG2", "SG17"]
    assert [r["number"] for r in lookup.resolutions()] == [2]
    assert [a["number"] for a in lookup.actions()] == [1]


def test_stats_counts(lookup: Lookup) -> None:
    stats = lookup.stats()
    assert stats["study_groups"] == 2
    assert stats["questions"] == 3
    assert stats["posts"] == 4
    assert stats["lead_roles"] == 3
    assert stats["annex_c_entries"] == 3
    assert stats["resolutions"] == 1
    assert stats["clauses"] == 1
    assert stats["opinions"] == 0
    assert stats["triples"] > 100


def test_unknown_entities_are_not_found(lookup: Lookup) -> None:
    with pytest.raises(NotFoundError):
        lookup.resolution("99")
    with pytest.raises(NotFoundError):
        lookup.study_group("SG99")


@pytest.mark.parametrize(
    ("name", "params"),
    [("question", {"id": "1-17x"}), ("group", {"group": "G17"}), ("resolution", {"number": "two"})],
)
def test_malformed_parameters_are_rejected(lookup: Lookup, name: str, params: dict[str, str]) -> None:
    with pytest.raises(InvalidParameterError):
        lookup.rows(name, **params)


def test_parameters_are_bound_not_spliced(lookup: Lookup) -> None:
    with pytest.raises(InvalidParameterError):
        lookup.rows("group", group='SG17" } UNION { ?s ?p ?o')


def test_optional_parameters_filter_in_the_query(lookup: Lookup) -> None:
    assert [q["id"] for q in lookup.questions(study_group="SG2")] == ["1/2"]
    assert [q["id"] for q in lookup.questions(study_group="SG17")] == ["1/17", "2/17"]
    assert [r["number"] for r in lookup.resolutions(revised=True)] == [2]
    assert lookup.resolutions(revised=False) == []
    with pytest.raises(InvalidParameterError):
        lookup.questions(study_group="G17")
