"""Periods: ISO weeks (Monday to Sunday) and calendar months, their keys, and reflections on them."""

from __future__ import annotations

import datetime as dt
import re

from .errors import Collector
from .model import Entry, Period

WEEK_KEY = re.compile(r"(\d{4})-W(\d{2})")
MONTH_KEY = re.compile(r"(\d{4})-(\d{2})")
# As for entry dates (load_entries): the years a calendar can show.
FIRST_YEAR, LAST_YEAR = 1970, 2100


def week_of(date: dt.date) -> Period:
    """The ISO week (Monday to Sunday) that holds `date`."""
    return Period(date - dt.timedelta(days=date.weekday()), "week")


def month_of(date: dt.date) -> Period:
    """The calendar month that holds `date`."""
    return Period(date.replace(day=1), "month")


def period_of(kind: str, date: dt.date) -> Period:
    """The week or the month (`kind`) that holds `date`."""
    return week_of(date) if kind == "week" else month_of(date)


def following(period: Period) -> Period:
    """The period right after `period`, of the same kind."""
    return period_of(period.kind, period.last + dt.timedelta(days=1))


def parse_period(text: str) -> Period:
    """`2026-W48` or `2026-11` as a Period; ValueError with the reason when it names none."""
    week, month = WEEK_KEY.fullmatch(text), MONTH_KEY.fullmatch(text)
    if not (week or month):
        raise ValueError("is not a period: write a week as 2026-W48 or a month as 2026-11")
    year, number = map(int, (week or month).groups())
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"is out of range: use a year from {FIRST_YEAR} to {LAST_YEAR}")
    weeks = dt.date(year, 12, 28).isocalendar()[1]  # 28 December is always in the last ISO week
    if month:
        if not 1 <= number <= 12:
            hint = f" (write week {number} as {year}-W{number:02d})" if 1 <= number <= weeks else ""
            raise ValueError(f"is not a month: months run from 01 to 12{hint}")
        return Period(dt.date(year, number, 1), "month")
    if not 1 <= number <= weeks:
        raise ValueError(f"is not a week of {year}: its weeks run from W01 to W{weeks}")
    return Period(dt.date.fromisocalendar(year, number, 1), "week")


def check_reflections(entries: list[Entry], problems: Collector) -> dict[str, Entry]:
    """The reflection of each period among `entries` (by period key); an error for a second one."""
    found: dict[str, Entry] = {}
    for entry in sorted((e for e in entries if e.review), key=lambda e: e.path):
        other = found.setdefault(entry.review, entry)
        if other is not entry:
            problems.error(
                entry.path,
                entry.lines.get("review", 1),
                f"review: two reflections on {entry.review}, {other.path} and {entry.path}; "
                "keep one (a period has one reflection)",
            )
    return found
