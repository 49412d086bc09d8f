"""Due dates (checker/_deadlines.py, checker/_uktime.py) per SPEC section 6."""

from datetime import date, datetime

import pytest

from checker._deadlines import BankHolidays, add_months, due
from checker.errors import DeadlineError

HOLIDAYS = BankHolidays(2026, 2027, frozenset({
    date(2026, 12, 25), date(2026, 12, 28),   # Christmas Day; Boxing Day substitute (26th is a Saturday)
    date(2027, 1, 1),
}), "test calendar")


def test_24_hours_includes_weekends():
    assert due(datetime(2026, 11, 20, 16, 0), 24, "hours", HOLIDAYS).value == "2026-11-21T16:00"


def test_24_hours_across_the_autumn_clock_change_are_real_hours():
    # BST ends at 02:00 on Sunday 25 October 2026: 24 elapsed hours end at 15:00 GMT.
    assert due(datetime(2026, 10, 24, 16, 0), 24, "hours", HOLIDAYS).value == "2026-10-25T15:00"


def test_24_hours_across_the_spring_clock_change_are_real_hours():
    # BST starts at 01:00 GMT on Sunday 29 March 2026.
    assert due(datetime(2026, 3, 28, 12, 0), 24, "hours", HOLIDAYS).value == "2026-03-29T13:00"


def test_working_days_start_counting_the_day_after_awareness():
    # Monday 23 November 2026 + 5 working days = Monday 30 November.
    result = due(datetime(2026, 11, 23, 9, 30), 5, "working_days", HOLIDAYS)
    assert (result.value, result.note) == ("2026-11-30", None)


def test_working_days_skip_christmas_bank_holidays():
    # Thursday 24 December 2026: 25th and 28th are holidays, 26th-27th a weekend.
    assert due(date(2026, 12, 24), 2, "working_days", HOLIDAYS).value == "2026-12-30"


def test_awareness_on_a_weekend_counts_the_next_working_day_as_day_one():
    result = due(date(2026, 11, 21), 1, "working_days", HOLIDAYS)  # a Saturday
    assert result.value == "2026-11-23"
    assert "not a working day" in result.note


def test_a_day_outside_the_compiled_years_is_an_error_not_a_guess():
    with pytest.raises(DeadlineError, match="outside 2026–2027"):
        due(date(2027, 12, 30), 5, "working_days", HOLIDAYS)


@pytest.mark.parametrize("start, months, expected", [
    (date(2026, 8, 31), 1, date(2026, 9, 30)),
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2026, 11, 15), 6, date(2027, 5, 15)),
])
def test_months_clamp_to_the_last_day(start, months, expected):
    assert add_months(start, months) == expected


def test_calendar_days():
    assert due(date(2026, 12, 20), 15, "calendar_days", HOLIDAYS).value == "2027-01-04"
