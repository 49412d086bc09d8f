"""UK civil time (Europe/London) without a time-zone database.

Pyodide ships no tz database, and ``zoneinfo`` would need the ``tzdata``
package, so the two UK rules are written out: since 1996 British Summer Time
runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
Sunday of October.  "Within 24 hours" means 24 elapsed hours, so deadlines
are computed in UTC and shown in local time.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta


def _last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1) if month < 12 else date(year, 12, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def _bst_bounds_utc(year: int) -> tuple[datetime, datetime]:
    start = datetime.combine(_last_sunday(year, 3), datetime.min.time()) + timedelta(hours=1)
    end = datetime.combine(_last_sunday(year, 10), datetime.min.time()) + timedelta(hours=1)
    return start, end


def utc_offset_of_utc(moment_utc: datetime) -> timedelta:
    """Offset of UK local time from UTC at a (naive) UTC moment."""
    start, end = _bst_bounds_utc(moment_utc.year)
    return timedelta(hours=1) if start <= moment_utc < end else timedelta(0)


def local_to_utc(local: datetime) -> datetime:
    """Convert a naive UK local time to naive UTC.

    A local time in the hour skipped in spring is read as GMT; one in the
    hour repeated in autumn is read as its first (BST) occurrence, the
    earlier instant, so a deadline is never later than the guidance allows.
    """
    for offset in (timedelta(hours=1), timedelta(0)):
        candidate = local - offset
        if utc_offset_of_utc(candidate) == offset:
            return candidate
    return local


def utc_to_local(moment_utc: datetime) -> datetime:
    """Convert a naive UTC moment to naive UK local time."""
    return moment_utc + utc_offset_of_utc(moment_utc)


def add_elapsed_hours(local: datetime, hours: int) -> datetime:
    """UK local time *hours* elapsed hours after *local*."""
    return utc_to_local(local_to_utc(local) + timedelta(hours=hours))
