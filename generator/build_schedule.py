"""When each planned day falls: start date, schedule (rest weekdays) and pauses."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

from .model import Roadmap, Unit

ONE_DAY = dt.timedelta(days=1)


def is_paused(roadmap: Roadmap, date: dt.date) -> bool:
    """True on a date inside one of the roadmap's pauses."""
    return any(first <= date <= last for first, last in roadmap.pauses)


def is_off(roadmap: Roadmap, date: dt.date) -> bool:
    """True on a rest weekday or a paused date: no day of the plan falls there."""
    return date.weekday() in roadmap.rest_days or is_paused(roadmap, date)


def scheduled_dates(roadmap: Roadmap) -> Iterator[dt.date]:
    """Day 1's date, day 2's, … (every date from `start` that is not a rest day or paused)."""
    date = roadmap.start
    while True:
        if not is_off(roadmap, date):
            yield date
        date += ONE_DAY


def day_date(roadmap: Roadmap, number: int) -> dt.date:
    """The date of day `number`: the number-th scheduled date from `start`."""
    return next(itertools.islice(scheduled_dates(roadmap), number - 1, None))


def week_dates(roadmap: Roadmap, number: int) -> list[dt.date]:
    """Week N: the 7 dates from start + 7·(N−1), shifted by any pause before or inside it."""
    active = (d for d in _dates_from(roadmap.start) if not is_paused(roadmap, d))
    return list(itertools.islice(active, 7 * (number - 1), 7 * number))


def plan_units(roadmap: Roadmap) -> list[Unit]:
    """Every planned day (one per day of a range) and every week without days, with its dates."""
    nodes = list(roadmap.walk())
    last_day = max((n.last for n in nodes if n.kind == "day"), default=0)
    # One pass over the schedule for all days: day N is dates[N-1].
    dates = list(itertools.islice(scheduled_dates(roadmap), last_day)) if roadmap.start else []
    units: list[Unit] = []
    for node in nodes:
        if node.kind == "day":
            for number in range(node.number, node.last + 1):
                units.append(Unit(roadmap.id, node, "day", number, dates[number - 1 : number]))
        elif node.kind == "week" and not any(n.kind == "day" for n in node.walk()):
            for number in range(node.number, node.last + 1):
                week = week_dates(roadmap, number) if roadmap.start else []
                units.append(Unit(roadmap.id, node, "week", number, week))
    return units


def _dates_from(date: dt.date) -> Iterator[dt.date]:
    while True:
        yield date
        date += ONE_DAY
