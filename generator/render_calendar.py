"""Render a year-style heatmap of CalendarDays as a self-contained, accessible SVG."""

from __future__ import annotations

import datetime as dt

import jinja2

from .model import CalendarDay
from .words import long_date

CELL, GAP, LEFT, TOP = 11, 3, 30, 18
WEEKDAY_LABELS = {0: "Mon", 2: "Wed", 4: "Fri"}


def render_calendar(
    env: jinja2.Environment,
    days: dict[dt.date, CalendarDay],
    first: dt.date,
    last: dt.date,
    root: str,
    label: str = "Learning calendar",
    today: dt.date | None = None,
) -> str:
    """SVG of every date from `first` to `last`, one column per week (Monday first); `today` outlined.

    A week's cells share one `<g>` moved to its column and differ only in `y`: cells with fewer
    distinct attributes are styled far faster by the browser (a year has hundreds of them).
    """
    monday = first - dt.timedelta(days=first.weekday())
    weeks: list[dict] = []
    months = []
    date = first
    while date <= last:
        x = LEFT + (date - monday).days // 7 * (CELL + GAP)
        if not weeks or weeks[-1]["x"] != x:
            weeks.append({"x": x, "cells": []})
        cell = days.get(date, CalendarDay(date))
        if date.day == 1 or date == first:
            months.append({"x": x, "label": date.strftime("%b")})
        weeks[-1]["cells"].append(
            {
                "y": TOP + date.weekday() * (CELL + GAP),
                "day": cell,
                "level": activity_level(cell),
                "href": _href(cell, root),
                "tooltip": tooltip(cell),
                "today": date == today,
            }
        )
        date += dt.timedelta(days=1)
    width = calendar_width(first, last)
    # Drop a month label that would overlap the next one (a range starting late in a month).
    months = [
        m
        for i, m in enumerate(months)
        if i + 1 == len(months) or months[i + 1]["x"] - m["x"] >= 3 * (CELL + GAP)
    ]
    return env.get_template("calendar.svg.j2").render(
        weeks=weeks,
        months=months,
        cell=CELL,
        gap=GAP,
        left=LEFT,
        top=TOP,
        width=width,
        height=TOP + 7 * (CELL + GAP),
        weekdays=WEEKDAY_LABELS,
        label=f"{label} from {first.isoformat()} to {last.isoformat()}",
    )


def calendar_width(first: dt.date, last: dt.date) -> int:
    """The width of the SVG of the dates from `first` to `last`: one column per week."""
    weeks = (last - first + dt.timedelta(days=first.weekday())).days // 7 + 1
    return max(LEFT + weeks * (CELL + GAP), 360)


def year_share(first: dt.date, last: dt.date) -> float:
    """The width of a calendar from `first` to `last` as a percentage of its whole year's, so
    that part of a year shows its days as large as a whole year beside it does."""
    whole = calendar_width(dt.date(first.year, 1, 1), dt.date(first.year, 12, 31))
    return round(100 * min(1, calendar_width(first, last) / whole), 1)


def activity_level(cell: CalendarDay) -> int:
    """0-4 intensity from hours, entries and commits."""
    score = cell.hours + len(cell.entries) + len(cell.commits) / 3
    return 0 if score == 0 else 1 if score < 1.5 else 2 if score < 3 else 3 if score < 5 else 4


def tooltip(cell: CalendarDay) -> str:
    """The cell's hover text: date, state, planned topics, entries, hours, commits."""
    lines = [
        f"{long_date(cell.date)}: {'paused' if cell.paused and cell.state == 'rest' else cell.state}"
    ]
    lines += [f"{u.roadmap} {u.label}: {u.node.title}" for u in cell.units]
    lines += [f"Entry: {e.title or e.heading or e.stem}" for e in cell.entries]
    if cell.hours:
        lines.append(f"{cell.hours:g} h")
    if cell.commits:
        lines.append(f"{len(cell.commits)} commit{'s' if len(cell.commits) != 1 else ''}")
    return "\n".join(lines)


def _href(cell: CalendarDay, root: str) -> str | None:
    return f"{root}journal/{cell.entries[0].stem}/" if cell.entries else None
