"""Date arithmetic of the rules engine: calendar days, working days, weeks, months (clamped), years."""

from __future__ import annotations

from datetime import date

import pytest

from itut_kb.deadlines import TimeUnit, add_months, add_working_days, parse_day, shift


@pytest.mark.parametrize(
    ("start", "quantity", "unit", "before", "expected"),
    [
        (date(2025, 9, 1), 12, TimeUnit.CALENDAR_DAYS, True, date(2025, 8, 20)),  # A.1 3.1.9
        (date(2025, 3, 1), 1, TimeUnit.CALENDAR_DAYS, True, date(2025, 2, 28)),
        (date(2024, 3, 1), 1, TimeUnit.CALENDAR_DAYS, True, date(2024, 2, 29)),  # leap year
        (date(2025, 6, 27), 4, TimeUnit.WEEKS, False, date(2025, 7, 25)),  # Res. 1 9.6.1
        (date(2025, 6, 16), 3, TimeUnit.WEEKS, True, date(2025, 5, 26)),  # A.8 4.6
        (date(2025, 6, 16), 3, TimeUnit.MONTHS, True, date(2025, 3, 16)),  # Res. 1 9.3.3
        (date(2025, 5, 31), 3, TimeUnit.MONTHS, True, date(2025, 2, 28)),  # clamped to February's end
        (date(2024, 5, 31), 3, TimeUnit.MONTHS, True, date(2024, 2, 29)),
        (date(2025, 1, 31), 1, TimeUnit.MONTHS, False, date(2025, 2, 28)),
        (date(2025, 12, 15), 2, TimeUnit.MONTHS, False, date(2026, 2, 15)),  # across the year
        (date(2025, 1, 15), 2, TimeUnit.MONTHS, True, date(2024, 11, 15)),
        (date(2024, 2, 29), 2, TimeUnit.YEARS, False, date(2026, 2, 28)),  # Res. 1 9.3.9 from a 29 February
        (date(2025, 6, 27), 2, TimeUnit.YEARS, False, date(2027, 6, 27)),
    ],
)
def test_shift(start: date, quantity: int, unit: TimeUnit, before: bool, expected: date) -> None:
    assert shift(start, quantity, unit, before=before) == expected


def test_seven_working_days_before_a_monday_meeting_skip_two_weekends() -> None:
    # Res. 1 9.4.1: the consultation ends seven working days before the meeting (Monday 16 June 2025)
    assert shift(date(2025, 6, 16), 7, TimeUnit.WORKING_DAYS, before=True) == date(2025, 6, 5)


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (date(2025, 6, 6), 3, date(2025, 6, 11)),  # Friday + 3 working days: Wednesday (A.1 3.2.4)
        (date(2025, 6, 7), 3, date(2025, 6, 11)),  # from a Saturday: Mon, Tue, Wed
        (date(2025, 6, 9), 1, date(2025, 6, 10)),
        (date(2025, 6, 9), -1, date(2025, 6, 6)),  # Monday - 1: the Friday before
        (date(2025, 6, 11), 0, date(2025, 6, 11)),
        (date(2025, 6, 2), 10, date(2025, 6, 16)),  # two whole weeks
    ],
)
def test_add_working_days(start: date, count: int, expected: date) -> None:
    assert add_working_days(start, count) == expected


def test_add_months_keeps_the_day_when_it_exists() -> None:
    assert add_months(date(2025, 3, 16), -1) == date(2025, 2, 16)
    assert add_months(date(2025, 3, 31), -1) == date(2025, 2, 28)
    assert add_months(date(2025, 3, 31), 1) == date(2025, 4, 30)


@pytest.mark.parametrize(
    "text", ["2025-6-1", "20250601", "2025-02-30", "2025-13-01", "2025-06-01T00:00", "", "tomorrow"]
)
def test_parse_day_is_strict(text: str) -> None:
    with pytest.raises(ValueError):  # noqa: PT011
        parse_day(text)


def test_parse_day() -> None:
    assert parse_day("2024-02-29") == date(2024, 2, 29)


def test_time_units_are_the_ontology_local_names() -> None:
    assert TimeUnit.of("WorkingDays") is TimeUnit.WORKING_DAYS
    assert TimeUnit.of("Percent") is None
    assert TimeUnit.of("Count") is None
