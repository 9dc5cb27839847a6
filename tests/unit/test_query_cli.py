"""`itut-kb query`: any named query from the command line, as JSON, CSV or a table."""

from __future__ import annotations

import csv
import io
import json

import pytest

from itut_kb.cli import main
from itut_kb.config import Settings


def test_json(capsys: pytest.CaptureFixture[str], tiny_settings: Settings) -> None:
    assert (
        main(["query", "questions-of-group", "--param", "group=SG17", "--format", "json"], tiny_settings) == 0
    )
    body = json.loads(capsys.readouterr().out)
    assert [r["num"] for r in body["rows"]] == ["1/17", "2/17"]
    assert body["columns"][:2] == ["group", "q"]


def test_csv(capsys: pytest.CaptureFixture[str], tiny_settings: Settings) -> None:
    assert main(["query", "questions-of-group", "-p", "group=SG17", "-f", "csv"], tiny_settings) == 0
    table = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert table[0] == ["group", "q", "num", "provisional", "title"]
    assert len(table) == 3


def test_table(capsys: pytest.CaptureFixture[str], tiny_settings: Settings) -> None:
    assert main(["query", "questions-of-group", "-p", "group=SG17"], tiny_settings) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["group", "q", "num", "provisional", "title"]
    assert out[2].startswith("id:group/SG17")
    assert out[-1] == "(2 rows)"


def test_list(capsys: pytest.CaptureFixture[str], tiny_settings: Settings) -> None:
    assert main(["query", "--list"], tiny_settings) == 0
    assert "questions-of-group(group:group)" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ["query", "questions-of-group", "-p", "group=G17"],
        ["query", "questions-of-group"],
        ["query", "questions-of-group", "-p", "group"],
    ],
)
def test_errors(capsys: pytest.CaptureFixture[str], tiny_settings: Settings, argv: list[str]) -> None:
    assert main(argv, tiny_settings) == 2
    assert capsys.readouterr().err.startswith("itut-kb: ")


def test_unknown_query_is_not_found(capsys: pytest.CaptureFixture[str], tiny_settings: Settings) -> None:
    assert main(["query", "no-such-query"], tiny_settings) == 3
    assert capsys.readouterr().err.startswith("itut-kb: ")
