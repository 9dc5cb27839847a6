"""The edges the text leaves open, and the reading each rule states (itut:edgeReading) and the engine takes:
a day missing from the target month (31 May minus three months, two years after 29 February), working days,
the boundary day between two rules. Every rule counted in months, years or working days is exercised."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

import pytest

from itut_kb.config import Settings
from itut_kb.rules import RulesEngine
from itut_kb.services import Services

pytestmark = pytest.mark.kb
BEFORE = "before"


@pytest.fixture(scope="module")
def engine(settings: Settings) -> RulesEngine:
    return Services(settings).rules


def _timed_rules(engine: RulesEngine) -> list[dict[str, str]]:
    """Every rule in months, years or working days, with its kind, flags, anchor, unit and direction."""
    query = """
        PREFIX itut: <https://w3id.org/itut-kb/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?id (MIN(?k) AS ?kind) (GROUP_CONCAT(DISTINCT ?r) AS ?required) (SAMPLE(?a) AS ?anchor)
               (SAMPLE(?u) AS ?unit) (SAMPLE(?q) AS ?quantity) (SAMPLE(?d) AS ?direction) (SAMPLE(?e) AS ?edge)
        WHERE { ?rule itut:ruleId ?id ; itut:appliesTo/skos:notation ?k ; itut:unit ?unit ; itut:quantity ?q ;
                      itut:direction ?dir ; itut:anchor/skos:notation ?a .
                FILTER(?unit IN (itut:Months, itut:Years, itut:WorkingDays))
                BIND(STRAFTER(STR(?unit), "#") AS ?u) BIND(LCASE(STRAFTER(STR(?dir), "#")) AS ?d)
                OPTIONAL { ?rule itut:edgeReading ?e }
                OPTIONAL { ?rule itut:requiresFlag/skos:notation ?r } }
        GROUP BY ?id ORDER BY ?id"""
    return [{k: v.value for k, v in row.items()} for row in engine.kb.select(query)]


BRANCH_FLAGS = """
    PREFIX itut: <https://w3id.org/itut-kb/ontology#>
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    SELECT ?id (SAMPLE(?b) AS ?branch) WHERE { ?rule itut:ruleId ?id ; itut:onBranch ?b } GROUP BY ?id"""
FLAGS_OF = """
    PREFIX itut: <https://w3id.org/itut-kb/ontology#>
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    SELECT ?branch ?flag WHERE { ?branch itut:requiresFlag/skos:notation ?flag }"""


def _case(engine: RulesEngine, rule: dict[str, str], anchor: date) -> dict[str, Any]:
    """A case of the rule's kind and conditions, on one of its branches, with the anchor date."""
    branch = {r["id"].value: r["branch"].value for r in engine.kb.select(BRANCH_FLAGS)}.get(rule["id"])
    flags = set(rule.get("required", "").split())
    flags |= {r["flag"].value for r in engine.kb.select(FLAGS_OF) if r["branch"].value == branch}
    return {"kind": rule["kind"], rule["anchor"]: anchor.isoformat(), **dict.fromkeys(flags, True)}


def _date_of(engine: RulesEngine, rule: dict[str, str], anchor: date) -> str:
    answer = {r["id"]: r for r in engine.apply(_case(engine, rule, anchor))["rules"]}
    return str(answer[rule["id"]]["date"])


def test_every_rule_in_months_years_or_working_days_states_its_reading(engine: RulesEngine) -> None:
    rules = _timed_rules(engine)
    assert len(rules) >= 20
    for rule in rules:
        assert len(rule.get("edge", "")) > 40, f"{rule['id']} has no itut:edgeReading"
        case = _case(engine, rule, date(2025, 6, 16))
        shown = {r["id"]: r for r in engine.apply(case)["rules"]}[rule["id"]]
        assert shown["edge_reading"] == rule["edge"]


def _missing_day_anchor(months: int, before: bool) -> tuple[date, date]:
    """The first anchor from 2024 whose day does not exist in the target month, and the month's last day."""
    day = date(2024, 1, 1)
    while True:
        index = day.year * 12 + day.month - 1 + (-months if before else months)
        year, month = divmod(index, 12)
        last = calendar.monthrange(year, month + 1)[1]
        if day.day > last:
            return day, date(year, month + 1, last)
        day += timedelta(days=1)


def test_a_day_missing_from_the_target_month_becomes_its_last_day(engine: RulesEngine) -> None:
    checked = 0
    for rule in _timed_rules(engine):
        if rule["unit"] == "WorkingDays":
            continue
        months = int(rule["quantity"]) * (12 if rule["unit"] == "Years" else 1)
        anchor, expected = _missing_day_anchor(months, rule["direction"] == BEFORE)
        assert _date_of(engine, rule, anchor) == expected.isoformat(), (rule["id"], anchor)
        assert "last day" in rule["edge"] or "28 February" in rule["edge"], rule["id"]
        checked += 1
    assert checked >= 17


@pytest.mark.parametrize(("rule_id", "anchor", "expected"), [
    ("res1-9.3.9", date(2024, 2, 29), "2026-02-28"),  # two years after 29 February
    ("a8-3.7", date(2024, 2, 29), "2026-02-28"),
    ("a1-1.1.4", date(2028, 2, 29), "2027-02-28"),  # one year before 29 February
    ("res1-9.3.3", date(2025, 5, 31), "2025-02-28"),  # three months before 31 May
    ("res1-9.3.3", date(2024, 5, 31), "2024-02-29"),
    ("res1-5.13", date(2024, 12, 31), "2025-02-28"),  # two months after 31 December
    ("res1-5.13", date(2023, 12, 31), "2024-02-29"),
    ("res1-7.3.2.2", date(2025, 12, 31), "2026-02-28"),
    ("a1-3.2.1", date(2025, 4, 30), "2025-02-28"),
])  # fmt: skip
def test_month_and_year_edges(engine: RulesEngine, rule_id: str, anchor: date, expected: str) -> None:
    rule = next(r for r in _timed_rules(engine) if r["id"] == rule_id)
    assert _date_of(engine, rule, anchor) == expected


def _working_days(start: date, count: int, before: bool) -> date:
    step = timedelta(days=-1 if before else 1)
    day = start
    while count:
        day += step
        count -= day.weekday() < 5
    return day


@pytest.mark.parametrize("anchor", [date(2025, 6, 16), date(2025, 6, 18), date(2025, 6, 6), date(2025, 6, 7)])
def test_working_days_skip_weekends_and_not_the_anchor(engine: RulesEngine, anchor: date) -> None:
    rules = [r for r in _timed_rules(engine) if r["unit"] == "WorkingDays"]
    assert {"res1-9.4.1", "a1-3.2.4", "a1-3.3.3-three-working-days"} <= {r["id"] for r in rules}
    for rule in rules:
        result = date.fromisoformat(_date_of(engine, rule, anchor))
        assert result == _working_days(anchor, int(rule["quantity"]), rule["direction"] == BEFORE)
        assert result.weekday() < 5
        assert "Monday to Friday" in rule["edge"]


def test_the_documented_working_day_examples(engine: RulesEngine) -> None:
    rules = {r["id"]: r for r in _timed_rules(engine)}
    assert _date_of(engine, rules["res1-9.4.1"], date(2025, 6, 16)) == "2025-06-05"  # Monday: Thursday 5 June
    assert _date_of(engine, rules["a1-3.2.4"], date(2025, 6, 7)) == "2025-06-11"  # Saturday: Wednesday


@pytest.mark.parametrize(("received", "on_time"), [("2025-08-20", "met"), ("2025-08-21", "missed")])
def test_the_deadline_day_itself_is_in_time(engine: RulesEngine, received: str, on_time: str) -> None:
    case = {"kind": "contribution", "meeting_date": "2025-09-01", "submission_date": received}
    rules = {r["id"]: r for r in engine.apply(case)["rules"]}
    assert rules["a1-3.1.9"]["status"] == rules["a1-3.2.5"]["status"] == on_time


@pytest.mark.parametrize(
    ("meeting", "earliest"), [("2025-09-01", "2025-08-11"), ("2025-03-01", "2025-02-08")]
)
def test_21_days_are_inclusive(engine: RulesEngine, meeting: str, earliest: str) -> None:
    case = {"kind": "temporary-document", "meeting_date": meeting, "recent_meeting_report": True}
    rule = {r["id"]: r for r in engine.apply(case)["rules"]}["a1-3.3.3-21-days"]
    assert (rule["date"], rule["date_is"]) == (earliest, "earliest")
    assert "inclusive" in rule["edge_reading"]
