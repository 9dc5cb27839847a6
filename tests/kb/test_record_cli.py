"""The CLI over the Assembly's record: `show meeting`, `list meetings`, `query decisions-on`, `show resolution`."""

from __future__ import annotations

import json
from typing import Any

import pytest

from itut_kb.cli import main
from itut_kb.config import Settings

pytestmark = pytest.mark.kb


def run(capsys: pytest.CaptureFixture[str], settings: Settings, *argv: str) -> tuple[int, Any]:
    code = main(list(argv), settings=settings)
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else None


def test_show_meeting_3(capsys: pytest.CaptureFixture[str], settings: Settings) -> None:
    code, meeting = run(capsys, settings, "show", "meeting", "3", "--json")
    assert code == 0
    assert (meeting["number"], meeting["date"], meeting["report_document"]) == (
        3,
        "2024-10-23",
        "C-73 (Rev.1)",
    )
    assert [i["number"] for i in meeting["items"]][:3] == ["13", "14", "15"]
    kinds = {d["kind"] for d in meeting["decisions"]}
    assert kinds == {"document-approval", "text-approval", "question-approval", "action-approval"}


def test_show_meeting_errors(capsys: pytest.CaptureFixture[str], settings: Settings) -> None:
    assert main(["show", "meeting", "9"], settings=settings) == 3  # not found (itut_kb.cli exit codes)
    assert "no plenary meeting 9" in capsys.readouterr().err
    assert main(["show", "meeting", "three"], settings=settings) == 2


def test_list_meetings(capsys: pytest.CaptureFixture[str], settings: Settings) -> None:
    code, meetings = run(capsys, settings, "list", "meetings", "--json")
    assert code == 0
    assert len(meetings) == 17


def test_query_decisions_on(capsys: pytest.CaptureFixture[str], settings: Settings) -> None:
    code, table = run(
        capsys, settings, "query", "decisions-on", "--param", "resolution=2", "--format", "json"
    )
    assert code == 0
    rows = table["rows"] if isinstance(table, dict) else table
    approval = next(r for r in rows if r["kind"] == "approval")
    assert (approval["date"], approval["meeting"], approval["batch"], approval["mark"]) == (
        "2024-10-23",
        3,
        "B14",
        "MOD",
    )


def test_show_resolution_has_its_decision_history(
    capsys: pytest.CaptureFixture[str], settings: Settings
) -> None:
    code, res = run(capsys, settings, "show", "resolution", "108", "--json")
    assert code == 0
    assert res["adopted"]["kind"] == "ADD"
    assert res["adopted"]["batch"] == "B15"
    assert {d["body"] for d in res["decisions"]} == {"COM3", "plenary"}
