"""How numbers and dates read to a person, the same on the site, in feeds and in the terminal."""

from __future__ import annotations

import datetime as dt


def plural(count: float, word: str) -> str:
    """`1 day`, `2 days`, `1.5 hours`."""
    number = f"{count:.2f}".rstrip("0").rstrip(".")
    return f"{number} {word}{'' if count == 1 else 's'}"


def count_of(number: int, one: str, many: str) -> str:
    """`number` with the word that goes with it: `1 entry`, `3 entries`."""
    return f"{number} {one if number == 1 else many}"


def long_date(date: dt.date) -> str:
    """`Mon 23 Nov 2026`."""
    return date.strftime("%a %d %b %Y")
