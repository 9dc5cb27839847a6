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
    assert "more_time_requested is not set" in rules["res1-9.6.1"]["applies_because"]
    assert rules["res1-9.6.1"]["applies_because"].endswith("not deferred to the WTSA (Res. 1 9.2.2)")


def test_tap_approval_with_more_time_counts_from_the_objection_period(engine: RulesEngine) -> None:
    rules = _apply(engine, "tap-approval-more-time")
    assert "res1-9.6.1" not in rules
    assert rules["res1-9.5.5"]["date"] == "2025-07-25"
    assert rules["res1-9.6.1-more-time"]["date"] == "2025-08-22"
    assert rules["res1-9.6.1-more-time"]["counted_from"] == {"from": "rule res1-9.5.5", "date": "2025-07-25"}
    assert rules["res1-9.3.9"]["date_needs"] == "approval_date"


def test_aap_approval(engine: RulesEngine) -> None:
    rules = _apply(engine, "aap-approval")
    assert list(rules) == [
        "a8-3.7", "a8-4.1", "a8-4.4.2-resolution", "a8-4.4.3", "a8-4.4.4", "a8-4.5", "a8-4.5.2", "a8-4.6",
        "a8-5.4", "a8-6.1", "a8-6.2",
    ]  # fmt: skip
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
        SELECT ?id (MIN(?k) AS ?kind) (GROUP_CONCAT(DISTINCT ?k) AS ?kinds)
               (GROUP_CONCAT(DISTINCT ?r) AS ?required) (GROUP_CONCAT(DISTINCT ?x) AS ?excluded)
        WHERE { ?rule itut:ruleId ?id ; itut:appliesTo/skos:notation ?k .
                OPTIONAL { ?rule itut:requiresFlag/skos:notation ?r } OPTIONAL { ?rule itut:excludesFlag/skos:notation ?x } }
        GROUP BY ?id ORDER BY ?id"""
    for row in engine.kb.select(query):
        yield {k: v.value for k, v in row.items()}


def _branches(engine: RulesEngine) -> dict[str, list[tuple[set[str], set[str]]]]:
    """For each rule on branches: each branch's (required, excluded) conditions."""
    query = """
        PREFIX itut: <https://w3id.org/itut-kb/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?id ?branch (GROUP_CONCAT(DISTINCT ?r) AS ?required) (GROUP_CONCAT(DISTINCT ?x) AS ?excluded)
        WHERE { ?rule itut:ruleId ?id ; itut:onBranch ?branch .
                OPTIONAL { ?branch itut:requiresFlag/skos:notation ?r } OPTIONAL { ?branch itut:excludesFlag/skos:notation ?x } }
        GROUP BY ?id ?branch ORDER BY ?id ?branch"""
    out: dict[str, list[tuple[set[str], set[str]]]] = {}
    for row in engine.kb.select(query):
        v = {k: t.value for k, t in row.items()}
        out.setdefault(v["id"], []).append(
            (set(v.get("required", "").split()), set(v.get("excluded", "").split()))
        )
    return out


def _all_dates(engine: RulesEngine) -> dict[str, str]:
    return {n: "2026-03-02" for n, f in engine.fields.items() if f.role == "event"}


def _ids(engine: RulesEngine, case: dict[str, Any]) -> set[str]:
    return {r["id"] for r in engine.apply(case)["rules"]}


def _on_a_branch(on: list[tuple[set[str], set[str]]], case: dict[str, Any]) -> bool:
    flags = {k for k, v in case.items() if v is True}
    return any(needed <= flags and not barred & flags for needed, barred in on)


def test_every_rule_applies_when_it_should_and_not_otherwise(engine: RulesEngine) -> None:
    rules = list(_rules(engine))
    assert len(rules) >= 90
    branches = _branches(engine)
    assert {"a8-4.6", "res1-9.3.3"} <= set(branches)
    kinds = sorted(n for n, f in engine.fields.items() if f.role == "kind")
    for rule in rules:
        rid = rule["id"]
        required, excluded = set(rule.get("required", "").split()), set(rule.get("excluded", "").split())
        on = branches.get(rid, [])
        flags = required | (on[0][0] if on else set())  # the rule's conditions, on its first branch
        case: dict[str, Any] = {"kind": rule["kind"], **_all_dates(engine), **dict.fromkeys(flags, True)}
        applied = {r["id"]: r for r in engine.apply(case)["rules"]}
        assert rid in applied, f"{rid} does not apply to its own case {case}"
        if "unit" in applied[rid] and applied[rid]["unit"] not in ("percent", "count"):
            assert "date" in applied[rid], f"{rid} has no date with every date given"
        for flag in required:  # without a condition it requires, it does not apply
            assert rid not in _ids(engine, {**case, flag: False})
        for flag in excluded:  # with a condition it excludes, it does not apply
            assert rid not in _ids(engine, {**case, flag: True})
        for needed, barred in on:  # off a branch, it applies only if the case is on another
            changes = [(f, False) for f in needed - required] + [(f, True) for f in barred - required]
            for flag, value in changes:
                off = {**case, flag: value}
                assert _on_a_branch(on, off) or rid not in _ids(engine, off), (rid, flag)
        if on:  # on none of its branches, it does not apply
            nowhere = case | {f: True for _, b in on for f in b - required}
            nowhere |= {f: False for n, _ in on for f in n - required}
            assert not _on_a_branch(on, nowhere), rid
            assert rid not in _ids(engine, nowhere), rid
        other = next(k for k in kinds if k not in rule["kinds"].split())
        assert rid not in _ids(engine, {**case, "kind": other})


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


# ---------------------------------------------------------------------- branches and outcomes
MEETING_STEPS = {"a8-4.6", "a8-5.4", "a8-6.2"}
DECISION = {"a8-5.4", "a8-6.2"}  # the AAP decision at the meeting and its notification


@pytest.mark.parametrize(("flags", "outcomes", "meeting"), [
    ({"comments_received": False}, ["deemed-approved"], False),  # A.8 4.4.1
    ({"comments_received": True}, ["approval-at-meeting"], True),  # 4.4.2 a
    ({"comments_received": True, "additional_review": True},  # 4.4.2 b, 4.4.4 b, 4.5.1
     ["comment-resolution", "additional-review", "deemed-approved"], False),
    ({"comments_received": True, "additional_review": True, "review_comments_received": True},  # 4.5.2
     ["comment-resolution", "additional-review", "approval-at-meeting"], True),
    ({"comments_received": True, "policy_claimed_at_meeting": True},  # 5.2: the decision is not taken by AAP
     ["approval-at-meeting", "to-tap-or-new-last-call"], False),
    ({"comments_received": True, "not_approved": True}, ["approval-at-meeting", "back-to-group"], True),  # 5.8
    ({"policy_or_regulatory": True}, ["to-tap"], False),  # 1.1: not AAP at all
])  # fmt: skip
def test_aap_flow_branches_on_the_case_s_conditions(
    engine: RulesEngine, flags: dict[str, bool], outcomes: list[str], meeting: bool
) -> None:
    case = {"kind": "aap-approval", "announcement_date": "2025-03-03", "meeting_date": "2025-06-16", **flags}
    answer = engine.apply(case)
    assert [o["outcome"] for o in answer["outcomes"]] == outcomes
    ids = {r["id"] for r in answer["rules"]}
    assert ids & DECISION == (DECISION if meeting else set())
    assert ("a8-4.6" in ids) is (meeting or bool(flags.get("policy_claimed_at_meeting")))
    assert ("a8-4.5" in ids) is bool(flags.get("additional_review"))
    if flags.get("policy_or_regulatory"):
        assert ids == {"a8-1.1"}


def test_aap_without_comments_lists_no_review_and_no_meeting(engine: RulesEngine) -> None:
    answer = engine.apply(json.loads((CASES / "aap-approval-no-comments.json").read_text(encoding="utf-8")))
    assert [r["id"] for r in answer["rules"]] == ["a8-3.7", "a8-4.1", "a8-4.4.1", "a8-6.1"]
    assert answer["outcomes"] == [{
        "outcome": "deemed-approved", "label_en": "deemed approved", "label_zh": "视为已获批准", "rules": ["a8-4.4.1"],
    }]  # fmt: skip
    assert "unused_fields" not in answer


def test_aap_additional_review_without_comments_is_deemed_approved(engine: RulesEngine) -> None:
    rules = _apply(engine, "aap-approval-review-no-comments")
    assert rules["a8-4.5"]["date"] == "2025-05-19"
    assert rules["a8-4.5.1"]["outcome"] == "deemed-approved"
    assert not set(rules) & (MEETING_STEPS | {"a8-4.5.2"})


@pytest.mark.parametrize(("flags", "present", "absent"), [
    ({"urgent": True}, {"res1-7.1.8", "res1-7.2.5", "res1-7.3.4", "res1-7.3.5"}, {"res1-7.3.3", "res1-7.1.8-policy"}),
    ({"urgent": True, "policy_or_regulatory": True},
     {"res1-7.1.8-policy", "res1-7.3.2.1", "res1-7.3.2.2", "res1-7.3.2.3", "res1-7.3.5"},
     {"res1-7.1.8", "res1-7.2.5", "res1-7.3.4", "res1-7.3.3"}),
    ({}, {"res1-7.3.3", "res1-7.3.5"}, {"res1-7.1.8", "res1-7.2.5", "res1-7.3.4", "res1-7.3.2.1"}),
])  # fmt: skip
def test_urgent_questions(
    engine: RulesEngine, flags: dict[str, bool], present: set[str], absent: set[str]
) -> None:
    ids = _ids(engine, {"kind": "question-approval", "request_date": "2025-07-01", **flags})
    assert present <= ids
    assert not absent & ids


def test_urgent_question_example(engine: RulesEngine) -> None:
    rules = _apply(engine, "question-approval-urgent")
    assert rules["res1-7.3.4"]["outcome"] == "approved-at-meeting"
    assert rules["res1-7.2.5"]["outcome"] == "no-tsag-review"


@pytest.mark.parametrize(("flag", "rule"), [
    ("administrative_for_itut", "res1-9.2.2-a"),
    ("for_wtsa_to_settle", "res1-9.2.2-b"),
    ("no_agreement_in_group", "res1-9.2.2-c"),
])  # fmt: skip
def test_tap_deferred_to_the_wtsa_has_no_meeting_steps(engine: RulesEngine, flag: str, rule: str) -> None:
    case = {
        "kind": "tap-approval",
        "announcement_date": "2025-03-10",
        "meeting_date": "2025-06-16",
        flag: True,
    }
    answer = engine.apply(case)
    assert [o["outcome"] for o in answer["outcomes"]] == ["for-wtsa"]
    assert [r["id"] for r in answer["rules"]] == [rule, "res1-9.3.9"]
    assert answer["unused_fields"] == ["announcement_date", "meeting_date"]


def test_tap_deferred_example(engine: RulesEngine) -> None:
    rules = _apply(engine, "tap-approval-deferred")
    assert list(rules) == ["res1-9.2.2-c", "res1-9.3.9"]


def test_tap_objection_after_more_time_returns_the_text(engine: RulesEngine) -> None:
    case = json.loads((CASES / "tap-approval-more-time.json").read_text(encoding="utf-8"))
    rules = {r["id"]: r for r in engine.apply({**case, "not_approved": True})["rules"]}
    assert rules["res1-9.5.5.2"]["outcome"] == "back-to-group"
    assert rules["res1-9.6.1-more-time"]["date"] == "2025-08-22"  # the notification still follows
    assert "res1-9.5.5.2" not in _ids(engine, case)


@pytest.mark.parametrize(("flags", "rule", "outcome"), [
    ({}, "res1-8.3.1", "choice-open"),
    ({"consented": True}, "res1-8.3.4-consented", "choice-open"),
    ({"determined": True}, "res1-8.3.4-determined", "choice-fixed"),
    ({"consented": True, "determined": True}, "res1-8.3.4-determined", "choice-fixed"),
])  # fmt: skip
def test_when_the_choice_of_procedure_may_change(
    engine: RulesEngine, flags: dict[str, bool], rule: str, outcome: str
) -> None:
    answer = engine.apply({"kind": "draft-recommendation", **flags})
    choice = [r for r in answer["rules"] if r["id"].startswith("res1-8.3")]
    assert [(r["id"], r["outcome"]) for r in choice] == [(rule, outcome)]


def test_draft_determined_example(engine: RulesEngine) -> None:
    rules = _apply(engine, "draft-determined")
    assert rules["res1-8.3.4-determined"]["outcome"] == "choice-fixed"
    assert rules["a8-1.1"]["procedure"] == "TAP"
    assert not {"a1-2.3.3.6", "a1-1.4.7", "res1-8.3.1"} & set(rules)


@pytest.mark.parametrize(("received", "translatable", "untranslatable"), [
    ("2025-07-01", "met", "missed"),  # exactly two months before: still translated (3.2.1)
    ("2025-07-02", "missed", "met"),  # within the two months (3.2.3)
    ("2025-08-20", "missed", "met"),  # the 12-day deadline itself
])  # fmt: skip
def test_translation_window(
    engine: RulesEngine, received: str, translatable: str, untranslatable: str
) -> None:
    rules = {
        r["id"]: r
        for r in engine.apply(
            {"kind": "contribution", "meeting_date": "2025-09-01", "submission_date": received}
        )["rules"]
    }
    assert rules["a1-3.2.1"]["status"] == translatable
    assert rules["a1-3.2.3"]["status"] == untranslatable
    assert rules["a1-3.2.3"]["date"] == "2025-07-01"
    assert rules["a1-3.2.3"]["date_is"] == "after"


def test_original_language_needs_no_translation(engine: RulesEngine) -> None:
    rules = _apply(engine, "contribution-original-language")
    assert rules["a1-3.2.2"]["outcome"] == "no-translation-needed"
    assert not {"a1-3.2.1", "a1-3.2.3"} & set(rules)
    assert rules["a1-3.2.5"]["status"] == "met"


def test_report_of_a_recent_meeting(engine: RulesEngine) -> None:
    rules = _apply(engine, "temporary-document-recent-report")
    assert rules["a1-3.3.3-21-days"]["date"] == "2025-08-11"  # meetings from 11 August on are recent
    assert rules["a1-3.3.3-21-days"]["date_is"] == "earliest"
    assert rules["a1-3.3.3-two-days"]["date"] == "2025-09-01"  # two days before the discussion on 3 September
    assert not {"a1-3.3.3-seven-days", "a1-3.3.3-three-working-days"} & set(rules)
    ordinary = _ids(engine, {"kind": "temporary-document", "meeting_date": "2025-09-01"})
    assert {"a1-3.3.3-seven-days", "a1-3.3.3-three-working-days"} <= ordinary
    assert not {"a1-3.3.3-21-days", "a1-3.3.3-two-days"} & ordinary


@pytest.mark.parametrize(("case", "rule", "outcome", "gone"), [
    ({"kind": "study-group-meeting", "insufficient_contributions": True}, "a1-1.3.3", "meeting-not-held", set()),
    ({"kind": "study-group-meeting", "question_without_contributions": True}, "a1-1.4.3-agenda", "not-on-agenda", set()),
    ({"kind": "rapporteur-meeting", "within_group_meeting": True}, "a1-2.3.3.13-within", "group-meeting-rules",
     {"a1-2.3.3.10", "a1-2.3.3.11", "a1-2.3.3.13"}),
    ({"kind": "contribution", "original_language_agreed": True}, "a1-3.2.2", "no-translation-needed",
     {"a1-3.2.1", "a1-3.2.3"}),
])  # fmt: skip
def test_a1_conditions_and_their_outcomes(
    engine: RulesEngine, case: dict[str, Any], rule: str, outcome: str, gone: set[str]
) -> None:
    rules = {r["id"]: r for r in engine.apply(case)["rules"]}
    assert rules[rule]["outcome"] == outcome
    assert not gone & set(rules)
    without = {k: v for k, v in case.items() if v is not True}
    assert rule not in _ids(engine, without)
    assert gone <= _ids(engine, without)


def test_wtsa_dates(engine: RulesEngine) -> None:
    rules = _apply(engine, "wtsa-preparation")
    assert rules["res1-2.4.1"]["date"] == "2028-09-08"  # 35 calendar days before 13 October 2028
    assert (
        _apply(engine, "wtsa-follow-up")["res1-5.13"]["date"] == "2025-01-15"
    )  # two months after 15 November


def test_jca(engine: RulesEngine) -> None:
    proposal = {
        r["id"]: r for r in engine.apply({"kind": "jca-proposal", "meeting_date": "2025-06-16"})["rules"]
    }
    assert proposal["a1-5.2"]["date"] == "2025-05-19"
    meeting = {
        r["id"]: r for r in engine.apply({"kind": "jca-meeting", "meeting_date": "2025-06-16"})["rules"]
    }
    assert meeting["a1-5.5"]["date"] == "2025-05-19"
