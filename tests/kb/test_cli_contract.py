"""The foundation's CLI contract: stats, show and list print the agreed JSON; a malformed id exits 2, an
unknown one 3, each with one line."""

from __future__ import annotations

import json
from typing import Any

import pytest

from itut_kb.cli import main
from itut_kb.services import Services

pytestmark = pytest.mark.kb


def run(capsys: pytest.CaptureFixture[str], services: Services, *argv: str) -> tuple[int, Any]:
    code = main(list(argv), services=services)
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else None


def test_stats_keys(capsys: pytest.CaptureFixture[str], services: Services) -> None:
    code, stats = run(capsys, services, "stats", "--json")
    assert code == 0
    assert set(stats) >= {
        "resolutions", "opinions", "abrogated_resolutions", "actions", "study_groups", "lead_roles",
        "annex_c_entries", "questions", "posts", "a_series_recommendations", "a_series_supplements",
        "clauses", "triples",
    }  # fmt: skip
    assert all(isinstance(v, int) for v in stats.values())


def test_show_resolution_2(capsys: pytest.CaptureFixture[str], services: Services) -> None:
    code, res = run(capsys, services, "show", "resolution", "2", "--json")
    assert code == 0
    assert res["number"] == 2
    assert res["title_zh"] == "国际电联电信标准化部门研究组的责任与职权"
    assert res["revised_at_wtsa24"] is True
    assert res["history"][0] == {"year": 1993, "city_zh": "赫尔辛基", "note_zh": None}
    assert res["history"][-1]["year"] == 2024
    assert res["history"][-1]["city_zh"] == "新德里"
    assert {
        "year": 2009,
        "city_zh": None,
        "note_zh": "TSAG于2009年4月30日同意对ITU-T第5研究组的职权进行修改。",
    } in res["history"]
    assert res["source_lines"][0] == 1610


@pytest.mark.parametrize(("number", "status"), [("101", "new"), ("2", "revised"), ("1", "unchanged")])
def test_show_resolution_says_what_wtsa24_did(
    capsys: pytest.CaptureFixture[str], services: Services, number: str, status: str
) -> None:
    _code, res = run(capsys, services, "show", "resolution", number, "--json")
    assert res["wtsa24_status"] == status
    assert res["revised_at_wtsa24"] is (status == "revised")


@pytest.mark.parametrize(("status", "count"), [("new", 8), ("revised", 44), ("unchanged", 13)])
def test_list_resolutions_by_status(
    capsys: pytest.CaptureFixture[str], services: Services, status: str, count: int
) -> None:
    code, items = run(capsys, services, "list", "resolutions", "--status", status, "--json")
    assert code == 0
    assert len(items) == count
    assert {r["wtsa24_status"] for r in items} == {status}


def test_status_is_for_resolutions_only(capsys: pytest.CaptureFixture[str], services: Services) -> None:
    assert main(["list", "questions", "--status", "new"], services=services) == 2
    assert capsys.readouterr().err.startswith("itut-kb: ")


def test_show_resolution_1_has_its_footnoted_history(
    capsys: pytest.CaptureFixture[str], services: Services
) -> None:
    _code, res = run(capsys, services, "show", "resolution", "1", "--json")
    years = [h["year"] for h in res["history"]]
    assert years[0] == 1956
    assert years[-1] == 2022
    assert years == sorted(years)
    assert {"year": 1960, "city_zh": "新德里", "note_zh": None} in res["history"]
    assert res["revised_at_wtsa24"] is False


def test_show_question(capsys: pytest.CaptureFixture[str], services: Services) -> None:
    code, q = run(capsys, services, "show", "question", "1/17", "--json")
    assert code == 0
    assert {k: q[k] for k in ("id", "provisional_id", "study_group")} == {
        "id": "1/17",
        "provisional_id": "A/17",
        "study_group": "SG17",
    }
    assert q["title_zh"].startswith("安全标准化")


def test_show_study_group(capsys: pytest.CaptureFixture[str], services: Services) -> None:
    code, sg = run(capsys, services, "show", "study-group", "SG17", "--json")
    assert code == 0
    assert sg["id"] == "SG17"
    assert sg["title_zh"] == "安全"
    assert "有关身份管理的领导研究组" in sg["lead_roles"]
    assert "1/17" in sg["questions"]
    assert len(sg["questions"]) == 12
    assert sg["chair"]["name"]
    assert sg["chair"]["member_state_zh"]
    assert all(set(v) >= {"name", "member_state_zh"} for v in sg["vice_chairs"])


@pytest.mark.parametrize(
    ("kind", "count", "key"),
    [
        ("questions", 122, "id"),
        ("resolutions", 65, "number"),
        ("study-groups", 10, "id"),
        ("actions", 15, "number"),
    ],
)
def test_list(
    capsys: pytest.CaptureFixture[str], services: Services, kind: str, count: int, key: str
) -> None:
    code, items = run(capsys, services, "list", kind, "--json")
    assert code == 0
    assert len(items) == count
    assert len({item[key] for item in items}) == count


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (("show", "question", "1-17x"), 2),
        (("show", "resolution", "two"), 2),
        (("show", "resolution", "999"), 3),
        (("show", "study-group", "SG99"), 3),
        (("show", "question", "99/17"), 3),
    ],
)
def test_bad_identifiers_exit_with_one_line(
    capsys: pytest.CaptureFixture[str], services: Services, argv: tuple[str, ...], code: int
) -> None:
    assert main([*argv, "--json"], services=services) == code
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1
    assert captured.err.startswith("itut-kb: ")
