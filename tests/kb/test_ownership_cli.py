"""`itut-kb owner`, `owner --batch`, `lead` and `show study-group … responsibilities`: the agreed JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from itut_kb.checks import run_checks
from itut_kb.cli import main
from itut_kb.config import Settings

pytestmark = pytest.mark.kb


def run(capsys: pytest.CaptureFixture[str], settings: Settings, *argv: str) -> tuple[int, Any, str]:
    code = main(list(argv), settings=settings)
    captured = capsys.readouterr()
    return code, json.loads(captured.out) if captured.out.strip() else None, captured.err


def test_owner_json_contract(capsys: pytest.CaptureFixture[str], settings: Settings) -> None:
    code, answer, _ = run(capsys, settings, "owner", "G.711", "--json")
    assert code == 0
    assert set(answer) == {"recommendation", "owners", "joint", "conflict", "basis"}
    assert {k: answer[k] for k in ("recommendation", "owners", "joint", "conflict")} == {
        "recommendation": "G.711", "owners": ["SG21"], "joint": False, "conflict": False,
    }  # fmt: skip
    (basis,) = answer["basis"]
    assert basis["group"] == "SG21"
    assert basis["text_zh"].startswith("ITU-T G.160系列")
    assert basis["provenance"]["source_lines"] == [2929, 2930]


def test_joint_and_conflict(capsys: pytest.CaptureFixture[str], settings: Settings) -> None:
    _, d267, _ = run(capsys, settings, "owner", "D.267", "--json")
    assert (d267["owners"], d267["joint"], d267["conflict"]) == (["SG17", "SG3"], True, False)
    _, y1501, _ = run(capsys, settings, "owner", "Y.1501", "--json")
    assert (y1501["owners"], y1501["joint"], y1501["conflict"]) == (["SG12", "SG15"], False, True)
    assert sorted(b["group"] for b in y1501["basis"]) == ["SG12", "SG15"]


def test_no_owner_is_an_empty_list(capsys: pytest.CaptureFixture[str], settings: Settings) -> None:
    code, answer, _ = run(capsys, settings, "owner", "B.1", "--json")
    assert code == 0
    assert (answer["owners"], answer["basis"]) == ([], [])


@pytest.mark.parametrize("identifier", ["G.abc", "W.1", ""])
def test_malformed_identifier_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], settings: Settings, identifier: str
) -> None:
    code, out, err = run(capsys, settings, "owner", identifier, "--json")
    assert code == 2
    assert out is None
    assert err.startswith("itut-kb: ")
    assert err.count("\n") == 1


def test_batch(capsys: pytest.CaptureFixture[str], settings: Settings, tmp_path: Path) -> None:
    batch = tmp_path / "numbers.txt"
    batch.write_text("G.711\n\nX.292\nQ.115.1\nS.1\n", encoding="utf-8")
    code, answers, _ = run(capsys, settings, "owner", "--batch", str(batch), "--json")
    assert code == 0
    assert [(a["recommendation"], a["owners"]) for a in answers] == [
        ("G.711", ["SG21"]), ("X.292", ["SG17"]), ("Q.115.1", ["SG21"]), ("S.1", ["SG2"]),
    ]  # fmt: skip
    batch.write_text("G.711\nG.abc\n", encoding="utf-8")
    code, answers, _ = run(capsys, settings, "owner", "--batch", str(batch), "--json")
    assert code == 2
    assert answers[1] == {"recommendation": "G.abc", "error": answers[1]["error"]}


def test_lead_roles_by_topic(capsys: pytest.CaptureFixture[str], settings: Settings) -> None:
    code, roles, _ = run(capsys, settings, "lead", "安全", "--json")
    assert code == 0
    assert [(r["group"], r["text_zh"]) for r in roles] == [("SG17", "有关安全的领导研究组")]
    _, every, _ = run(capsys, settings, "lead", "领导研究组", "--json")
    assert len(every) == 49
    assert {r["group"] for r in every} == {
        "SG2",
        "SG3",
        "SG5",
        "SG11",
        "SG12",
        "SG13",
        "SG15",
        "SG17",
        "SG20",
        "SG21",
    }


def test_show_study_group_has_its_responsibilities(
    capsys: pytest.CaptureFixture[str], settings: Settings
) -> None:
    _, sg15, _ = run(capsys, settings, "show", "study-group", "SG15", "--json")
    entries = sg15["responsibilities"]
    assert [e["ordinal"] for e in entries] == list(range(1, 11))
    kinds = [[s["kind"] for s in e["scopes"]] for e in entries]
    assert kinds[0] == ["letter"]
    assert kinds[6] == ["maintenance"]
    assert entries[0]["scopes"][0]["except_groups"] == ["SG2", "SG12", "SG13", "SG21"]
    i700 = entries[1]["scopes"][4]
    assert (i700["label"], [e["label"] for e in i700["except"]]) == (
        "I.700 series (I.700 – I.799)", ["I.750 series (I.750 – I.759)"],
    )  # fmt: skip


@pytest.mark.slow
def test_check_reports_the_conflict_as_a_warning(settings: Settings) -> None:
    report = run_checks(settings)
    conflicts = [f for f in report.findings if f.check == "ownership-conflict"]
    assert [f.severity for f in conflicts] == ["Warning"]
    assert "Y.1501" in conflicts[0].message
    assert report.ok
