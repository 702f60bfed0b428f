"""The ways through a long journal: entries by year and month, numbered pages, calendar spans."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .model import CalendarDay, Entry

# Page numbers shown on each side of the current one; the first and the last are always shown.
WINDOW = 2


def group_by_year(entries: Iterable[Entry]) -> dict[int, list[Entry]]:
    """Entries by year, in the order given (newest first in, newest year first out)."""
    years: dict[int, list[Entry]] = {}
    for entry in entries:
        years.setdefault(entry.date.year, []).append(entry)
    return years


def group_by_month(entries: Iterable[Entry]) -> list[tuple[dt.date, list[Entry]]]:
    """(first day of the month, its entries) in the order given."""
    months: dict[dt.date, list[Entry]] = {}
    for entry in entries:
        months.setdefault(entry.date.replace(day=1), []).append(entry)
    return list(months.items())


def page_numbers(number: int, pages: int) -> list[int | None]:
    """The page numbers a pager shows around page `number`: None where a run is left out.

    The first and last pages, and WINDOW pages on each side of the current one; a gap of a
    single page shows that page rather than an ellipsis that would hide only one number.
    """
    shown = {1, pages, *range(number - WINDOW, number + WINDOW + 1)}
    numbers: list[int | None] = []
    previous = 0
    for page in sorted(p for p in shown if 1 <= p <= pages):
        if page - previous == 2:
            numbers.append(page - 1)
        elif page - previous > 2:
            numbers.append(None)
        numbers.append(page)
        previous = page
    return numbers


def last_twelve_months(today: dt.date) -> tuple[dt.date, dt.date]:
    """From the first day of the month eleven months ago to the end of this month."""
    year, month = divmod(today.year * 12 + today.month - 1 - 11, 12)
    next_month = (today.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return dt.date(year, month + 1, 1), next_month - dt.timedelta(days=1)


def calendar_span(today: dt.date) -> tuple[dt.date, dt.date]:
    """What /calendar/ shows: the last twelve months and the rest of this year."""
    return last_twelve_months(today)[0], dt.date(today.year, 12, 31)


def calendar_parts(
    days: dict[dt.date, CalendarDay], first: dt.date, last: dt.date, keep: int | None = None
) -> list[tuple[int, dt.date, dt.date]]:
    """(year, first, last) for each calendar year of [first, last], newest first, clipped to it,
    that holds a day of `days`; the year `keep` is there even when it holds none."""
    dates = [date for date in days if first <= date <= last]
    years = {date.year for date in dates} | ({keep} if keep else set())
    return [
        (year, max(first, dt.date(year, 1, 1)), min(last, dt.date(year, 12, 31)))
        for year in sorted(years, reverse=True)
        if first.year <= year <= last.year
    ]


def slice_calendar(
    days: dict[dt.date, CalendarDay], first: dt.date, last: dt.date
) -> dict[dt.date, CalendarDay]:
    """The days of a calendar from `first` to `last`, in date order."""
    return {date: cell for date, cell in days.items() if first <= date <= last}
