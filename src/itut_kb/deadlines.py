"""Date arithmetic for procedural rules: calendar days, working days, weeks, months and years.

The only Python the rules engine needs beyond its queries. Working days are Monday to Friday (ITU
holidays are not known to the KB). Months and years keep the day of the month, and a day that does not
exist in the target month becomes that month's last day (31 March minus one month is 28 or 29 February).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from enum import Enum


class TimeUnit(Enum):
    """The time units of the ontology (itut:CalendarDays …), by their local names."""

    CALENDAR_DAYS = "CalendarDays"
    WORKING_DAYS = "WorkingDays"
    WEEKS = "Weeks"
    MONTHS = "Months"
    YEARS = "Years"

    @classmethod
    def of(cls, local_name: str) -> TimeUnit | None:
        """The time unit with this local name; None for the other units (percent, count)."""
        return next((unit for unit in cls if unit.value == local_name), None)


def add_working_days(day: date, count: int) -> date:
    """``count`` working days after ``day`` (before it when negative), not counting ``day`` itself."""
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    while remaining:
        day += timedelta(days=step)
        if day.weekday() < 5:
            remaining -= 1
    return day


def add_months(day: date, count: int) -> date:
    """``count`` calendar months after ``day`` (before it when negative), clamped to the month's end."""
    index = day.year * 12 + (day.month - 1) + count
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def shift(day: date, quantity: int, unit: TimeUnit, before: bool) -> date:
    """The day ``quantity`` ``unit`` before or after ``day``."""
    signed = -quantity if before else quantity
    if unit is TimeUnit.CALENDAR_DAYS:
        return day + timedelta(days=signed)
    if unit is TimeUnit.WEEKS:
        return day + timedelta(weeks=signed)
    if unit is TimeUnit.WORKING_DAYS:
        return add_working_days(day, signed)
    if unit is TimeUnit.MONTHS:
        return add_months(day, signed)
    return add_months(day, 12 * signed)


def parse_day(text: str) -> date:
    """A date written YYYY-MM-DD, strictly (no week dates, no times); ValueError otherwise."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise ValueError(f"{text!r} is not a date written YYYY-MM-DD")
    return date.fromisoformat(text)
