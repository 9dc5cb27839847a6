"""`itut-kb owner`, `owner --batch`, `lead` and `show study-group … responsibilities`: the agreed JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from itut_kb.checks import Report
from itut_kb.cli import main
from itut_kb.config import Settings
from itut_kb.services import Services
from liveserver import HANG_S

pytestmark = pytest.mark.kb
Run = Callable[..., tuple[int, Any, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], services: Services) -> Callable[..., tuple[int, Any, str]]:
    """`itut-kb …` in this process over the session's services: (exit status, output, stderr); the output
    parsed when the command has --json."""

    def run(*argv: str) -> tuple[int, Any, str]:
        code = main(list(argv), services=services)
        out, err = capsys.readouterr()
        if "--json" in argv:
            return code, json.loads(out) if out.strip() else None, err
        return code, out, err

    return run


def test_owner_json_contract(run: Run) -> None:
    code, answer, _ = run("owner", "G.711", "--json")
    assert code == 0
    assert set(answer) == {"recommendation", "owners", "joint", "conflict", "basis"}
    assert {k: answer[k] for k in ("recommendation", "owners", "joint", "conflict")} == {
        "recommendation": "G.711", "owners": ["SG21"], "joint": False, "conflict": False,
    }  # fmt: skip
    (basis,) = answer["basis"]
    assert basis["group"] == "SG21"
    assert basis["text_zh"].startswith("ITU-T G.160系列")
    assert basis["provenance"]["source_lines"] == [2929, 2930]


def test_joint_and_conflict(run: Run) -> None:
    _, d267, _ = run("owner", "D.267", "--json")
    assert (d267["owners"], d267["joint"], d267["conflict"]) == (["SG17", "SG3"], True, False)
    _, y1501, _ = run("owner", "Y.1501", "--json")
    assert (y1501["owners"], y1501["joint"], y1501["conflict"]) == (["SG12", "SG15"], False, True)
    assert sorted(b["group"] for b in y1501["basis"]) == ["SG12", "SG15"]


def test_no_owner_is_an_empty_list(run: Run) -> None:
    code, answer, _ = run("owner", "B.1", "--json")
    assert code == 0
    assert (answer["owners"], answer["basis"]) == ([], [])


@pytest.mark.parametrize("identifier", ["G.abc", "W.1", "", "G.0711", "G.Sup39", "X.85/", "X.85/X.85"])
def test_malformed_identifier_exits_2_with_one_line(run: Run, identifier: str) -> None:
    code, out, err = run("owner", identifier, "--json")
    assert code == 2
    assert out is None
    assert err.startswith("itut-kb: ")
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("identifier", "recommendation", "owners"),
    [
        ("D.000", "D.000", ["SG3"]),  # in force; the D series is SG3's
        ("T.0", "T.0", ["SG21"]),  # in force; the T series is SG21's
        ("Q.933bis", "Q.933bis", ["SG13"]),  # Annex C names it: "ITU-T Q.933之二"
        ("Q.933之二", "Q.933bis", ["SG13"]),
        ("V.27ter", "V.27ter", ["SG21"]),  # the V series, not one of SG2's or SG15's
        ("G.8275.1", "G.8275.1", ["SG15"]),
        ("Q.1912.5", "Q.1912.5", ["SG11"]),
        ("ITU-T F.748.0", "F.748.0", ["SG20"]),  # Annex C: F.748.0 – F.748.5
    ],
)
def test_every_number_form(run: Run, identifier: str, recommendation: str, owners: list[str]) -> None:
    code, answer, _ = run("owner", identifier, "--json")
    assert code == 0
    assert (answer["recommendation"], answer["owners"]) == (recommendation, owners)
    assert "numbers" not in answer


def test_dual_number_is_answered_for_each_number_and_combined(run: Run) -> None:
    code, answer, _ = run("owner", "X.85/Y.1321", "--json")
    assert code == 0
    assert set(answer) == {"recommendation", "owners", "joint", "conflict", "basis", "numbers"}
    assert (answer["recommendation"], answer["owners"], answer["conflict"]) == (
        "X.85/Y.1321",
        ["SG15"],
        False,
    )
    assert [(n["recommendation"], n["owners"]) for n in answer["numbers"]] == [
        ("X.85", ["SG15"]), ("Y.1321", ["SG15"]),
    ]  # fmt: skip
    assert {b["dual_number"] for b in answer["basis"]} == {"X.85/Y.1321"}
    # three numbers, one of them a conflict in Annex C: the combined answer says so
    _, triple, _ = run("owner", "ITU-T G.820/I.351/Y.1501", "--json")
    assert [n["recommendation"] for n in triple["numbers"]] == ["G.820", "I.351", "Y.1501"]
    assert (triple["owners"], triple["conflict"]) == (["SG12", "SG15"], True)


def test_text_line_of_a_dual_number(run: Run) -> None:
    code, out, _ = run("owner", "X.85/Y.1321")
    assert (code, out) == (0, "X.85/Y.1321\tSG15\n")


def test_batch(run: Run, tmp_path: Path) -> None:
    batch = tmp_path / "numbers.txt"
    batch.write_text("G.711\n\nX.292\nQ.115.1\nS.1\n# a comment\nT.0\nX.85/Y.1321\n", encoding="utf-8")
    code, answers, _ = run("owner", "--batch", str(batch), "--json")
    assert code == 0
    assert [(a["recommendation"], a["owners"]) for a in answers] == [
        ("G.711", ["SG21"]), ("X.292", ["SG17"]), ("Q.115.1", ["SG21"]), ("S.1", ["SG2"]), ("T.0", ["SG21"]),
        ("X.85/Y.1321", ["SG15"]),
    ]  # fmt: skip


def test_batch_with_malformed_lines_answers_the_others_and_exits_3(run: Run, tmp_path: Path) -> None:
    batch = tmp_path / "numbers.txt"
    batch.write_text("G.711\nG.abc\nD.000\nW.1\nX.85/Y.1321\n", encoding="utf-8")
    code, answers, err = run("owner", "--batch", str(batch), "--json")
    assert code == 6
    assert err == ""
    assert [a["recommendation"] for a in answers] == ["G.711", "G.abc", "D.000", "W.1", "X.85/Y.1321"]
    for bad in (answers[1], answers[3]):  # an error object in the place of each malformed line
        assert set(bad) == {"recommendation", "error"}
        assert "is not a Recommendation number" in bad["error"]
    assert [answers[i]["owners"] for i in (0, 2, 4)] == [["SG21"], ["SG3"], ["SG15"]]
    code, text, _ = run("owner", "--batch", str(batch))
    assert code == 6
    assert text.splitlines()[1].startswith("G.abc\terror: 'G.abc' is not a Recommendation number")
    assert text.splitlines()[2] == "D.000\tSG3"


def test_unreadable_batch_exits_2(run: Run, tmp_path: Path) -> None:
    code, out, err = run("owner", "--batch", str(tmp_path / "missing.txt"), "--json")
    assert (code, out) == (2, None)
    assert err.startswith("itut-kb: cannot read")


def test_help_says_what_the_exit_status_of_a_batch_means(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["owner", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "exit status: 0 every number answered" in help_text
    assert "6 (--batch) some lines are not Recommendation numbers" in help_text


def test_batch_into_a_closed_pipe_stops_quietly(tiny_settings: Settings, tmp_path: Path) -> None:
    """`itut-kb owner --batch … | head`: the reader goes away; no BrokenPipeError traceback (a real pipe,
    so a real process, over the tiny KB: its start is cheap)."""
    batch = tmp_path / "numbers.txt"
    batch.write_text("G.711\nX.85/Y.1321\n" * 5_000, encoding="utf-8")  # far more than a pipe holds
    exe = Path(sys.executable).with_name("itut-kb")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "itut_kb.cli"]
    env = {**os.environ, "ITUT_KB_ROOT": str(tiny_settings.root)}
    process = subprocess.Popen(
        [*command, "owner", "--batch", str(batch), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    assert process.stdout.readline().strip() == b"["  # like `head -1`
    process.stdout.close()
    err = process.stderr.read().decode()
    assert process.wait(timeout=HANG_S) == 141, err
    assert "Traceback" not in err
    assert "BrokenPipeError" not in err


def test_lead_roles_by_topic(run: Run) -> None:
    code, roles, _ = run("lead", "安全", "--json")
    assert code == 0
    assert [(r["group"], r["text_zh"]) for r in roles] == [("SG17", "有关安全的领导研究组")]
    _, every, _ = run("lead", "领导研究组", "--json")
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


def test_show_study_group_has_its_responsibilities(run: Run) -> None:
    _, sg15, _ = run("show", "study-group", "SG15", "--json")
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
def test_check_reports_the_conflict_as_a_warning(check_report: Report) -> None:
    report = check_report
    conflicts = [f for f in report.findings if f.check == "ownership-conflict"]
    assert [f.severity for f in conflicts] == ["Warning"]
    assert "Y.1501" in conflicts[0].message
    assert report.ok
