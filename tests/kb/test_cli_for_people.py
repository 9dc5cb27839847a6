"""The command line for people (issue 14): readable text by default and ``--format``, the API's id forms,
distinct exit codes, ``--version``, lazy imports, no BrokenPipeError, progress on standard error."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from itut_kb import cli
from itut_kb.cli import main
from itut_kb.commands.progress import Progress
from itut_kb.config import Settings

pytestmark = pytest.mark.kb
ROOT = Path(__file__).resolve().parents[2]


def out(capsys: pytest.CaptureFixture[str], settings: Settings, *argv: str) -> str:
    assert main(list(argv), settings=settings) == 0
    return capsys.readouterr().out


def test_show_prints_readable_text(capsys: pytest.CaptureFixture[str], settings: Settings) -> None:
    text = out(capsys, settings, "show", "resolution", "2")
    assert "title_zh: 国际电联电信标准化部门研究组的责任与职权" in text
    assert "revised_at_wtsa24: yes" in text
    assert "{" not in text  # no JSON
    assert json.loads(out(capsys, settings, "show", "resolution", "2", "--format", "json"))["number"] == 2


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (("show", "question", "1-17"), "id: 1/17"),
        (("show", "question", "1/17"), "id: 1/17"),
        (("show", "study-group", "sg17"), "id: SG17"),
        (("show", "group", "tsag"), "id: TSAG"),
        (("show", "recommendation", "X.509"), "number: X.509"),
    ],
)
def test_id_forms_the_api_accepts(
    capsys: pytest.CaptureFixture[str], settings: Settings, argv: tuple[str, ...], expected: str
) -> None:
    assert expected in out(capsys, settings, *argv).splitlines()


def test_list_formats(capsys: pytest.CaptureFixture[str], settings: Settings) -> None:
    table = out(capsys, settings, "list", "questions", "--study-group", "SG17")
    assert table.splitlines()[0].split()[:2] == ["id", "iri"]
    assert "(12 rows)" in table
    rows = list(csv.DictReader(io.StringIO(out(capsys, settings, "list", "questions", "--format", "csv"))))
    assert len(rows) == 122
    assert rows[0]["id"] == "1/2"
    assert len(json.loads(out(capsys, settings, "list", "resolutions", "--json"))) == 65


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("itut-kb ")


def test_exit_codes_are_documented() -> None:
    help_text = cli.parser().format_help()
    for code in (cli.OK, cli.NEGATIVE, cli.MALFORMED, cli.NOT_FOUND, cli.REFUSED, cli.FAILED):
        assert f"\n  {code}  " in help_text
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "| 3 | not found" in readme


def test_help_imports_no_heavy_library() -> None:
    probe = (
        "import sys; from itut_kb.cli import parser; parser().format_help(); "
        "print(sorted(m for m in ('rdflib', 'pyoxigraph', 'pyshacl', 'fastapi', 'pydantic', 'uvicorn') "
        "if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"


def test_no_broken_pipe_error() -> None:
    """`itut-kb list questions | head -1`: the reader goes away; no traceback on standard error."""
    command = [sys.executable, "-c", "import sys; from itut_kb.cli import main; sys.exit(main())"]
    with subprocess.Popen(
        [*command, "list", "questions", "--format", "csv"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    ) as writer:
        assert writer.stdout is not None
        writer.stdout.readline()
        writer.stdout.close()  # as `head -1` does
        _, err = writer.communicate(timeout=120)
    assert b"BrokenPipeError" not in err
    assert b"Traceback" not in err
    assert writer.returncode == 0


def test_choices_match_the_modules() -> None:
    """The options' choices are written out (for a fast --help); they must match the real vocabularies."""
    from itut_kb.commands import changes, validate
    from itut_kb.living.tokens import ROLES
    from itut_kb.submissions import KINDS, InputFormat

    assert validate.KINDS == KINDS
    assert tuple(f.value for f in InputFormat) == validate.INPUT_FORMATS
    assert changes.ROLES == ROLES


def test_progress_lines_when_not_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress(3, stream)
    progress("SHACL shapes")
    progress("query a")
    progress.finish()
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("itut-kb: [1/3]")
    assert lines[0].endswith("SHACL shapes")
    assert lines[1].startswith("itut-kb: [2/3]")


def test_progress_bar_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    progress = Progress(2, stream)
    progress("one")
    progress("two")
    progress.finish()
    assert "\r" in stream.getvalue()
    assert "[" + "#" * 24 + "]" in stream.getvalue()


@pytest.mark.slow
def test_check_reports_progress(capsys: pytest.CaptureFixture[str], settings: Settings) -> None:
    code = main(["check"], settings=settings)
    captured = capsys.readouterr()
    assert code == 0
    assert "itut-kb: [1/" in captured.err
    assert "SHACL shapes" in captured.err
    assert "0 violations" in captured.out
