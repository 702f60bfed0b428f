"""Calendars: what each date holds (plans, entries, commits, rest) and its state; streaks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .build_schedule import ONE_DAY, is_off, is_paused
from .model import CalendarDay, Commit, Entry, Roadmap, Unit

# The order in which entry statuses win when one date has several entries.
RANK = {"done": 0, "partial": 1, "skipped": 2, "missed": 3, "planned": 4, "rest": 5, "none": 6}


def build_calendar(
    roadmaps: list[Roadmap],
    units: dict[str, list[Unit]],
    entries: list[Entry],
    commits: list[Commit],
    today: dt.date,
) -> dict[dt.date, CalendarDay]:
    """The combined calendar: one CalendarDay per date with a plan, entry, commit or rest day."""
    days: dict[dt.date, CalendarDay] = {}
    for roadmap in roadmaps:
        _add_plan(days, roadmap, units[roadmap.id])
    for entry in entries:
        _day(days, entry.date).entries.append(entry)
    for commit in commits:
        _day(days, commit.date).commits.append(commit)
    return _finish(days, today)


def build_roadmap_calendar(
    roadmap: Roadmap, units: list[Unit], today: dt.date
) -> dict[dt.date, CalendarDay]:
    """One roadmap's calendar: its plan and the entries linked to it (commits belong to no roadmap)."""
    days: dict[dt.date, CalendarDay] = {}
    _add_plan(days, roadmap, units)
    seen: set[str] = set()
    for unit in units:
        for entry in unit.entries:
            if entry.stem not in seen:
                seen.add(entry.stem)
                _day(days, entry.date).entries.append(entry)
    return _finish(days, today)


def _add_plan(days: dict[dt.date, CalendarDay], roadmap: Roadmap, units: list[Unit]) -> None:
    dated = [d for u in units for d in u.dates]
    if dated:
        # From `start`: a pause that begins on day 1's planned date is shown too.
        date, last = min([*dated, roadmap.start] if roadmap.start else dated), max(dated)
        while date <= last:
            if is_off(roadmap, date):
                cell = _day(days, date)
                cell.rest = True
                cell.paused = cell.paused or is_paused(roadmap, date)
            date += ONE_DAY
    for unit in units:
        for date in unit.dates:
            _day(days, date).units.append(unit)


def _day(days: dict[dt.date, CalendarDay], date: dt.date) -> CalendarDay:
    return days.setdefault(date, CalendarDay(date))


def _finish(days: dict[dt.date, CalendarDay], today: dt.date) -> dict[dt.date, CalendarDay]:
    for cell in days.values():
        cell.state = day_state(cell, today)
    return dict(sorted(days.items()))


def day_state(cell: CalendarDay, today: dt.date) -> str:
    """The state of one calendar date, from its entries first, then its planned units."""
    if cell.entries:
        return min((e.status for e in cell.entries), key=RANK.__getitem__)
    if cell.units:
        states = {u.state for u in cell.units}
        if states <= {"done", "partial", "skipped"}:
            return min(states, key=RANK.__getitem__)
        return "missed" if "missed" in states else "planned"
    return "rest" if cell.rest else "none"


def streak_runs(logged: Iterable[dt.date]) -> dict[dt.date, int]:
    """For each logged date, the run of consecutive logged days that ends on it."""
    runs: dict[dt.date, int] = {}
    for date in sorted(set(logged)):
        runs[date] = runs.get(date - ONE_DAY, 0) + 1
    return runs


def streak_on(runs: dict[dt.date, int], date: dt.date) -> int:
    """The streak as it stands on `date`: a day not logged yet does not end it until the next."""
    return runs.get(date) or runs.get(date - ONE_DAY, 0)


def logged_days(calendar: dict[dt.date, CalendarDay]) -> list[dt.date]:
    """The days with a done or partial entry."""
    return [d for d, c in calendar.items() if any(e.status != "skipped" for e in c.entries)]


def streaks(calendar: dict[dt.date, CalendarDay], today: dt.date) -> tuple[int, int]:
    """(current, longest) runs of consecutive days with a done or partial entry."""
    runs = streak_runs(logged_days(calendar))
    # Today still counts as "in progress": the streak lives on until tomorrow.
    return streak_on(runs, today), max(runs.values(), default=0)
