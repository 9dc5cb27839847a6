"""The rules engine on the real KB: the example cases give the rules and dates the text says, and every rule
applies exactly when its kind and conditions say (a fixture that passes and one that fails, per rule)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from itut_kb.cli import main
from itut_kb.config import Settings
from itut_kb.errors import InvalidParameterError
from itut_kb.rules import RulesEngine
from itut_kb.services import Services

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "examples" / "cases"
pytestmark = pytest.mark.kb


@pytest.fixture(scope="module")
def engine(settings: Settings) -> RulesEngine:
    return Services(settings).rules


def _apply(engine: RulesEngine, name: str) -> dict[str, dict[str, Any]]:
    case = json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))
    return {rule["id"]: rule for rule in engine.apply(case)["rules"]}


def test_tap_approval(engine: RulesEngine) -> None:
    rules = _apply(engine, "tap-approval")
    assert list(rules) == [
        "res1-9.3.3", "res1-9.3.5", "res1-9.3.9", "res1-9.4.1", "res1-9.4.5", "res1-9.4.6", "res1-9.6.1",
    ]  # fmt: skip
    dates = {k: r.get("date") for k, r in rules.items()}
    assert dates["res1-9.3.3"] == "2025-03-16"  # three months before the meeting of 16 June
    assert dates["res1-9.3.5"] == "2025-05-16"  # one month before
    assert dates["res1-9.4.1"] == "2025-06-05"  # seven working days before (two weekends)
    assert dates["res1-9.6.1"] == "2025-07-25"  # four weeks after the meeting ends (27 June)
    assert dates["res1-9.3.9"] == "2027-06-27"  # about two years of stability after approval
    assert rules["res1-9.4.5"]["quantity"] == 70
    assert rules["res1-9.4.5"]["unit"] == "percent"
    assert rules["res1-9.3.3"]["status"] == "met"  # announced on 10 March
    assert rules["res1-9.3.3"]["source"] == "Res. 1 9.3.3"
    assert rules["res1-9.3.3"]["clause"] == "https://w3id.org/itut-kb/id/resolution/1/clause/9.3.3"
    assert "三个月" in rules["res1-9.3.3"]["text_zh"]
    assert rules["res1-9.6.1"]["applies_because"].endswith("more_time_requested is not set")


def test_tap_approval_with_more_time_counts_from_the_objection_period(engine: RulesEngine) -> None:
    rules = _apply(engine, "tap-approval-more-time")
    assert "res1-9.6.1" not in rules
    assert rules["res1-9.5.5"]["date"] == "2025-07-25"
    assert rules["res1-9.6.1-more-time"]["date"] == "2025-08-22"
    assert rules["res1-9.6.1-more-time"]["counted_from"] == {"from": "rule res1-9.5.5", "date": "2025-07-25"}
    assert rules["res1-9.3.9"]["date_needs"] == "approval_date"


def test_aap_approval(engine: RulesEngine) -> None:
    rules = _apply(engine, "aap-approval")
    assert list(rules) == ["a8-3.7", "a8-4.1", "a8-4.4.3", "a8-4.5", "a8-4.6", "a8-5.4", "a8-6.2"]
    dates = {k: r.get("date") for k, r in rules.items()}
    assert dates["a8-4.1"] == "2025-03-31"  # last call: four weeks from 3 March
    assert dates["a8-4.4.3"] == "2025-04-14"  # comments compiled two weeks after the last call
    assert dates["a8-4.5"] == "2025-05-19"  # additional review: three weeks
    assert dates["a8-4.6"] == "2025-05-26"  # intention announced three weeks before the meeting
    assert dates["a8-6.2"] == "2025-07-11"  # notification within two weeks after the meeting


@pytest.mark.parametrize(("case", "status", "consequence"), [
    ("contribution-on-time", "met", "accepted for the meeting"),
    ("contribution-late", "missed", "held over to the next meeting"),
])  # fmt: skip
def test_contribution_accepted_or_held_over(
    engine: RulesEngine, case: str, status: str, consequence: str
) -> None:
    rule = _apply(engine, case)["a1-3.2.5"]
    assert rule["date"] == "2025-08-20"  # 12 calendar days before 1 September: the last day still accepted
    assert rule["status"] == status
    assert rule["consequence_en"].startswith(consequence)


@pytest.mark.parametrize(("case", "rule", "procedure"), [
    ("draft-with-policy", "res1-8.1.1-tap", "TAP"),
    ("draft-without-policy", "res1-8.1.1-aap", "AAP"),
])  # fmt: skip
def test_approval_procedure_of_a_draft(engine: RulesEngine, case: str, rule: str, procedure: str) -> None:
    rules = _apply(engine, case)
    assert rules[rule]["procedure"] == procedure
    assert rules[rule]["modality"] == "normally"
    assert not [r for r in rules.values() if r.get("procedure") not in (None, procedure)]


def test_every_example_case_gives_rules(engine: RulesEngine) -> None:
    for path in sorted(CASES.glob("*.json")):
        assert _apply(engine, path.stem), path.name


# ---------------------------------------------------------------------- every rule, both ways
def _rules(engine: RulesEngine) -> Iterator[dict[str, Any]]:
    query = """
        PREFIX itut: <https://w3id.org/itut-kb/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?id (SAMPLE(?k) AS ?kind) (GROUP_CONCAT(DISTINCT ?r) AS ?required) (GROUP_CONCAT(DISTINCT ?x) AS ?excluded)
        WHERE { ?rule itut:ruleId ?id ; itut:appliesTo/skos:notation ?k .
                OPTIONAL { ?rule itut:requiresFlag/skos:notation ?r } OPTIONAL { ?rule itut:excludesFlag/skos:notation ?x } }
        GROUP BY ?id ORDER BY ?id"""
    for row in engine.kb.select(query):
        yield {k: v.value for k, v in row.items()}


def _all_dates(engine: RulesEngine) -> dict[str, str]:
    return {n: "2026-03-02" for n, f in engine.fields.items() if f.role == "event"}


def test_every_rule_applies_when_it_should_and_not_otherwise(engine: RulesEngine) -> None:
    rules = list(_rules(engine))
    assert len(rules) >= 30
    kinds = sorted(n for n, f in engine.fields.items() if f.role == "kind")
    for rule in rules:
        required, excluded = rule.get("required", "").split(), rule.get("excluded", "").split()
        case: dict[str, Any] = {"kind": rule["kind"], **_all_dates(engine), **dict.fromkeys(required, True)}
        applied = {r["id"]: r for r in engine.apply(case)["rules"]}
        assert rule["id"] in applied, f"{rule['id']} does not apply to its own case {case}"
        if "unit" in applied[rule["id"]] and applied[rule["id"]]["unit"] not in ("percent", "count"):
            assert "date" in applied[rule["id"]], f"{rule['id']} has no date with every date given"
        for flag in required:  # without a condition it requires, it does not apply
            assert rule["id"] not in {r["id"] for r in engine.apply({**case, flag: False})["rules"]}
        for flag in excluded:  # with a condition it excludes, it does not apply
            assert rule["id"] not in {r["id"] for r in engine.apply({**case, flag: True})["rules"]}
        other = next(k for k in kinds if k != rule["kind"])
        assert rule["id"] not in {r["id"] for r in engine.apply({**case, "kind": other})["rules"]}


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ([], "a case is a JSON object"),
        ({"kind": "tap"}, "unknown kind 'tap'"),
        ({}, "unknown kind None"),
        ({"kind": "tap-approval", "meeting": "2025-06-16"}, "unknown field 'meeting'"),
        ({"kind": "tap-approval", "meeting_date": "16/06/2025"}, "must be a date written YYYY-MM-DD"),
        ({"kind": "tap-approval", "meeting_date": "2025-02-30"}, "must be a date written YYYY-MM-DD"),
        ({"kind": "tap-approval", "more_time_requested": "yes"}, "must be true or false"),
    ],
)
def test_bad_cases_are_named(engine: RulesEngine, case: Any, message: str) -> None:
    with pytest.raises(InvalidParameterError, match=message):
        engine.apply(case)


def test_cli_rules(capsys: pytest.CaptureFixture[str], settings: Settings, tmp_path: Path) -> None:
    assert main(["rules", str(CASES / "tap-approval.json"), "--json"], settings=settings) == 0
    answer = json.loads(capsys.readouterr().out)
    assert {"id", "clause", "source", "text_zh", "applies_because", "date"} <= set(answer["rules"][0])
    bad = tmp_path / "bad.json"
    bad.write_text('{"kind": "tap-approval",\n "meeting_date": }', encoding="utf-8")
    assert main(["rules", str(bad)], settings=settings) == 2
    assert capsys.readouterr().err.strip() == f"itut-kb: {bad}: line 2, column 18: Expecting value"
    assert main(["rules", "--vocabulary"], settings=settings) == 0
    assert "tap-approval" in json.loads(capsys.readouterr().out)["kinds"]
