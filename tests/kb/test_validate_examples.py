"""The example submissions (examples/submissions/) on the real KB with the real ownership service, through the
CLI contract: exit 0 when it conforms (warnings allowed), 1 when it violates, 2 when it cannot be read."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, SH

from itut_kb.cli import main
from itut_kb.config import Settings
from itut_kb.services import Services
from itut_kb.submissions import format_of_path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "submissions"
pytestmark = pytest.mark.kb
EXPECTED = {  # file: (violations, warnings, infos)
    "valid/draft-recommendation.json": (0, 0, 0),
    "valid/draft-numbering-tap.ttl": (0, 0, 0),
    "valid/draft-policy-aap-warning.json": (0, 1, 0),
    "valid/proposed-question.jsonld": (0, 0, 0),
    "valid/contribution.json": (0, 0, 0),
    "valid/contribution-untranslated.json": (0, 0, 1),
    "valid/kb-change-new-question.ttl": (0, 0, 0),
    "invalid/draft-wrong-group.json": (2, 1, 0),
    "invalid/draft-incomplete.json": (6, 0, 0),
    "invalid/draft-unknown-references.ttl": (5, 0, 0),
    "invalid/proposed-question-incomplete.json": (4, 2, 0),
    "invalid/contribution-late.json": (1, 0, 0),
    "invalid/contribution-wrong-question.json": (3, 0, 0),
    "invalid/kb-change-bad-question.ttl": (3, 0, 0),
}
UNREADABLE = {
    "broken.ttl": "Parser error at line 5",
    "broken.json": "line 4, column 3: Expecting ',' delimiter",
    "remote-context.jsonld": "remote @context 'https://example.org/some-context.jsonld' is not fetched",
    "no-submission.json": "no submission found",
}


@functools.cache
def _services(settings: Settings) -> Services:
    """One set of services for every CLI run here: validating a submission changes nothing in them."""
    return Services(settings)


def _run(capsys: pytest.CaptureFixture[str], settings: Settings, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv), services=_services(settings))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_every_example_is_listed() -> None:
    found = {str(p.relative_to(EXAMPLES)) for p in EXAMPLES.glob("*valid/*")}
    assert found == set(EXPECTED)
    assert {p.name for p in (EXAMPLES / "unreadable").iterdir()} == set(UNREADABLE)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example(capsys: pytest.CaptureFixture[str], settings: Settings, name: str) -> None:
    kind = ["--kind", "kb-change"] if "kb-change" in name else []
    code, out, _err = _run(capsys, settings, "validate", str(EXAMPLES / name), *kind, "--json")
    report = json.loads(out)
    counts = report["counts"]
    assert (counts["violations"], counts["warnings"], counts["infos"]) == EXPECTED[name], out
    assert report["conforms"] is name.startswith("valid/")
    assert code == (0 if name.startswith("valid/") else 1)
    for result in report["results"]:
        assert result["severity"] in {"Violation", "Warning", "Info"}
        assert result["message_zh"]
        assert result["message_en"]
        if "kb-change" not in name:
            assert result["source"]
            assert result["hint"]


@pytest.mark.parametrize("name", sorted(UNREADABLE))
def test_unreadable_example_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], settings: Settings, name: str
) -> None:
    code, out, err = _run(capsys, settings, "validate", str(EXAMPLES / "unreadable" / name), "--json")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert UNREADABLE[name] in err


def test_annex_c_violation_names_the_responsible_group(
    capsys: pytest.CaptureFixture[str], settings: Settings
) -> None:
    _code, out, _err = _run(
        capsys, settings, "validate", str(EXAMPLES / "invalid/draft-wrong-group.json"), "--json"
    )
    (annex_c,) = [r for r in json.loads(out)["results"] if r["source"] == "Res. 2 Annex C"]
    assert annex_c["message_en"].startswith("Under Res. 2 Annex C, SG17 is responsible for X.1280, not SG15")
    assert "SG17" in annex_c["message_zh"]


def test_turtle_report(capsys: pytest.CaptureFixture[str], settings: Settings) -> None:
    code, out, _err = _run(
        capsys, settings, "validate", str(EXAMPLES / "invalid/contribution-late.json"), "--turtle"
    )
    assert code == 1
    graph = Graph().parse(data=out, format="turtle")
    (report,) = graph.subjects(RDF.type, SH.ValidationReport)
    assert len(list(graph.objects(report, SH.result))) == 1


def test_kb_change_touching_a_group_checks_the_group(
    capsys: pytest.CaptureFixture[str], settings: Settings, tmp_path: Path
) -> None:
    second_chair = tmp_path / "second-chair.ttl"
    second_chair.write_text(
        """@prefix itut: <https://w3id.org/itut-kb/ontology#> . @prefix org: <http://www.w3.org/ns/org#> .
        @prefix prov: <http://www.w3.org/ns/prov#> .
        <https://w3id.org/itut-kb/id/group/SG17/chair-2> a itut:ChairPost ; org:postIn <https://w3id.org/itut-kb/id/group/SG17> ;
            itut:vacant true ; prov:wasDerivedFrom <https://w3id.org/itut-kb/id/source/000_03ba4204751c90f1.txt> ;
            itut:firstLine 1 ; itut:lastLine 1 .""",
        encoding="utf-8",
    )
    code, out, _err = _run(capsys, settings, "validate", str(second_chair), "--kind", "kb-change", "--json")
    assert code == 1
    (result,) = json.loads(out)["results"]
    assert result["focus"] == "https://w3id.org/itut-kb/id/group/SG17"
    assert result["message_en"] == "A study group has exactly one chair."


def test_kb_change_keeps_nothing(settings: Settings) -> None:
    services = Services(settings)
    before = len(services.kb)
    path = EXAMPLES / "valid/kb-change-new-question.ttl"
    report = services.validation.validate(path.read_bytes(), format_of_path(path), "kb-change")
    assert report.conforms
    assert len(services.kb) == before
