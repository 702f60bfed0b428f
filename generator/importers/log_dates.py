"""Read the dates of a log's days: dateutil for the many spellings, a year for dates written without
one (rolling over at New Year), day-first or month-first decided by the log's other dates."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from dateutil.parser import ParserError, parse

if TYPE_CHECKING:
    from .log import LogResult

NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})\b")
DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTH_NAMES = (
    "January February March April May June July August September October November December"
)
# `Tue`, `Tues`, `Thur`, `Thurs`, `Tuesday`…
WEEKDAYS = {name.lower()[:n]: i for i, name in enumerate(DAY_NAMES) for n in (3, 4, 5, len(name))}
# Two defaults in different leap years: a field the text lacks shows up as a difference.
DEFAULTS = dt.datetime(2000, 1, 1), dt.datetime(2004, 12, 28)


@dataclass
class Day:
    """A day of the log: its number, heading line, the text after `Day N`, and its lines."""

    number: int
    line: int
    heading: str  # the text after `Day N`
    lines: list[tuple[str, bool]]  # (text, inside a code block?)


class _Date(NamedTuple):
    text: str  # the words that were read as the date
    year: int | None
    month: int
    day: int
    rest: str  # the heading's words after the date: the day's own title
    real: bool = True  # False for February 30


def day_first(days: list[Day], result: LogResult) -> bool | None:
    """Whether `03/04/2021` means 3 April in this log, as its unambiguous numeric dates tell."""
    numeric = [(day, m) for day in days for m in NUMERIC_DATE.finditer(day.heading)]
    if any(int(m.group(1)) > 12 for _, m in numeric):
        return True
    if any(int(m.group(2)) > 12 for _, m in numeric):
        return False
    ambiguous = [(day, m) for day, m in numeric if 1 <= int(m[1]) != int(m[2]) >= 1]
    if ambiguous:
        day, m = ambiguous[0]
        result.warnings.append(
            (
                day.line,
                f"read {m[0]!r} as {MONTH_NAMES.split()[int(m[1]) - 1]} {int(m[2])} (month first): "
                "no date in the log tells whether the day or the month comes first",
            )
        )
    return None


class Dates:
    """Reads the date of each day; a missing year is the hint's, moved on at New Year."""

    def __init__(self, year_hint: int | None, dayfirst: bool | None):
        self.year = year_hint
        self.dayfirst = dayfirst
        self.last: dt.date | None = None  # the previous date that took the hinted year

    def resolve(self, day: Day, text: str, result: LogResult) -> tuple[dt.date, str] | None:
        """(date, the heading's words after it), or None after reporting why there is no date."""
        found = _read_date(text, self.dayfirst) if text else None
        message = None
        if not text:
            message = f"Day {day.number} has no date; skipped"
        elif found is None:
            message = f"Day {day.number}: cannot read a date in {text!r}; skipped"
        elif not found.real:
            message = f"Day {day.number}: {found.text!r} is not a real date; skipped"
        elif found.year is None and self.year is None:
            message = f"Day {day.number} has no year; give --year YYYY"
        if message:
            result.problems.append((day.line, message))
            return None
        year = found.year
        if year is None:
            near = dt.date(self.year, found.month, min(found.day, 28))
            if self.last and near < self.last - dt.timedelta(days=183):
                self.year += 1  # December, then January: the log went on into the next year
            year = self.year
        try:
            date = dt.date(year, found.month, found.day)
        except ValueError:
            result.problems.append(
                (
                    day.line,
                    f"Day {day.number}: {found.text!r} is not a real date in {year}; skipped",
                )
            )
            return None
        if found.year is None:
            self.last = date
        _check_weekday(day, found.text, date, result)
        return date, found.rest


def _read_date(text: str, dayfirst: bool | None) -> _Date | None:
    """The longest leading words of `text` that make a date with a day and a month, or None."""
    words = text.split()
    for end in range(len(words), 0, -1):
        candidate = " ".join(words[:end]).rstrip(" ,;:-–—|(")
        if not candidate:
            continue
        try:
            first, second = (
                parse(candidate, default=d, dayfirst=dayfirst, fuzzy=False) for d in DEFAULTS
            )
        except ParserError as exc:
            if "out of range" in str(exc) or "must be in" in str(exc):
                return _Date(candidate, None, 0, 0, "", real=False)
            continue
        except (OverflowError, ValueError):
            continue
        if (first.month, first.day) != (second.month, second.day):
            continue  # a month or a day is missing: not the date of a day
        rest = " ".join(words[end:]).strip(" ,;:-–—|")
        if rest.startswith("(") and rest.endswith(")"):
            rest = rest[1:-1].strip()
        year = first.year if first.year == second.year else None
        return _Date(candidate, year, first.month, first.day, rest)
    return None


def _check_weekday(day: Day, text: str, date: dt.date, result: LogResult) -> None:
    named = [WEEKDAYS[word] for word in re.findall(r"[a-z]+", text.lower()) if word in WEEKDAYS]
    if named and named[0] != date.weekday():
        result.warnings.append(
            (
                day.line,
                f"Day {day.number}: {_long(date)} was a {DAY_NAMES[date.weekday()]}, "
                f"not a {DAY_NAMES[named[0]]}; check the date (or --year)",
            )
        )


def _long(date: dt.date) -> str:
    """`March 2, 2021`, whatever the locale."""
    return f"{MONTH_NAMES.split()[date.month - 1]} {date.day}, {date.year}"
