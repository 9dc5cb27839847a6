"""The wheel ships the resources outside src/ (ontology, queries, generated KB) and finds them installed."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        # hatchling from the test extras: no isolated build environment to create and fill for each run
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        timeout=300,
        capture_output=True,
    )
    return next(out.glob("itut_kb-*.whl"))


def test_wheel_lists_every_resource(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder, inside in (("ontology", "ontology"), ("queries", "queries"), ("data/kb", "data/kb")):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file():
                rel = path.relative_to(ROOT / folder).as_posix()
                assert f"itut_kb/_resources/{inside}/{rel}" in names, rel
    assert "itut_kb/cli.py" in names
    templates = ROOT / "src" / "itut_kb" / "api" / "templates"
    for path in templates.iterdir():  # the site's templates, UI text, scripts and style (issue 14)
        assert f"itut_kb/api/templates/{path.name}" in names, path.name
    assert "itut_kb/pages/documents.py" in names
    assert not any(n.startswith(("tests/", "data/source/", "bench/")) for n in names)


def test_installed_package_finds_its_resources(wheel: Path, tmp_path: Path) -> None:
    zipfile.ZipFile(wheel).extractall(tmp_path)
    probe = "from itut_kb.config import Settings; s = Settings(); print(s.root.name, (s.kb_dir / 'questions.ttl').is_file())"
    out = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(tmp_path)!r}); {probe}"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert out.stdout.split() == ["_resources", "True"]
