"""Due dates for obligations (SPEC section 6).

* ``hours``: elapsed hours from the start moment, weekends included, in UK
  local time (so a deadline across a clock change is still 24 real hours).
* ``working_days``: day 0 is the start day; due at the end of the Nth day
  after it that is neither a weekend nor an England-and-Wales bank holiday.
  A start on a non-working day still counts the next working day as day 1
  (the earlier, cautious reading) and the result says so.
* ``calendar_days`` and ``months``: calendar arithmetic; a month lacking the
  start day ends on its last day (31 August + 1 month = 30 September).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ._uktime import add_elapsed_hours
from .errors import DeadlineError

UNITS = ("hours", "working_days", "calendar_days", "months")


@dataclass(frozen=True)
class BankHolidays:
    """The bank holidays compiled into the bundle, and the years they cover."""

    first_year: int
    last_year: int
    dates: frozenset[date]
    source: str

    def is_working_day(self, day: date) -> bool:
        if not self.first_year <= day.year <= self.last_year:
            raise DeadlineError(
                f"{day.isoformat()} is outside {self.first_year}–{self.last_year}, the years for "
                f"which bank holidays are known ({self.source}); no due date is guessed"
            )
        return day.weekday() < 5 and day not in self.dates


@dataclass(frozen=True)
class Due:
    """A computed deadline: ISO text for the JSON and an optional note."""

    value: str
    note: str | None = None


def add_months(day: date, months: int) -> date:
    """*day* plus *months* calendar months, clamped to the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due(start: date | datetime, amount: int, unit: str, holidays: BankHolidays) -> Due:
    """Return when something started at *start* is due, *amount* *unit* later."""
    if unit == "hours":
        moment = start if isinstance(start, datetime) else datetime.combine(start, datetime.min.time())
        return Due(add_elapsed_hours(moment, amount).strftime("%Y-%m-%dT%H:%M"))
    day = start.date() if isinstance(start, datetime) else start
    if unit == "calendar_days":
        return Due((day + timedelta(days=amount)).isoformat())
    if unit == "months":
        return Due(add_months(day, amount).isoformat())
    if unit == "working_days":
        note = None
        if not holidays.is_working_day(day):
            note = (f"{day:%A} {day.day} {day:%B %Y} is not a working day; the next working day "
                    "is counted as day 1, the earlier of the two readings")
        counted, current = 0, day
        while counted < amount:
            current += timedelta(days=1)
            if holidays.is_working_day(current):
                counted += 1
        return Due(current.isoformat(), note)
    raise DeadlineError(f"unknown time unit {unit!r}; expected one of {', '.join(UNITS)}")
