"""Split a "100 Days of Code" log (one markdown file, a `### Day N: date` block per day) into entries.

The rules, for logs written by hand:
- A day starts at a `#` heading or a `**bold**` line that begins with `Day N` (`###Day 2:`, `## Day 12 -
  3 March 2021`, `### Day 7: Mar 9 2021 ###`, `**Day 8:** 2021-03-10`); the rest of the line is its date,
  read with dateutil, and whatever follows the date is the day's own title (`… - Flexbox Froggy`). A day
  ends at the next day, or at a heading that is not a day and outranks or equals the day's heading.
- HTML comments (the template's examples) are ignored, code blocks are copied as they are, and `---` rules
  around a day, the log's title and the intro before Day 1 are not part of any day.
- `**Today's Progress**`, `**Thoughts**` and `**Link(s) to work**` (bold placement and spelling vary) each
  run until the next such label; the entry's body is the progress, `## Thoughts`, `## Link to work` (as a
  list) and then the rest of the block in its order.
- The title is `Day N: <the day's own title>`, else `Day N: <the first clause of the progress (or of a
  day's plain text), at most eight words>`, else `Day N`.
- A date without a year takes `year_hint`, and the next year once the dates go back by more than half a
  year (December, then January); `03/04/2021` is day first if another date of the log says so (`28/02`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .log_body import FENCE, body_of, label_of, segments_of, title_of
from .log_dates import Dates, Day, day_first

DEFAULT_TAG = "100daysofcode"
DAY = re.compile(
    r"^[ \t]{0,3}(?:(?P<hashes>#{1,6})|(?P<bold>\*\*|__))[ \t]*(?:\*\*|__)?[ \t]*"
    r"day[ \t]*(?P<number>\d+)\b(?P<rest>.*)$",
    re.I,
)
# In a bold line, `Day N` must be followed by a separator or the closing `**`, not by a sentence.
BOLD_DAY_END = re.compile(r"^\s*(?:\*\*|__|[:.\-–—|]|/\s*\d+|of\s+\d+)")
HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+\S")


@dataclass(frozen=True)
class LogEntry:
    """One day of the log as a journal entry."""

    day: int
    date: dt.date
    title: str
    front_matter: dict
    body: str
    line: int  # of the day's heading in the log

    @property
    def path(self) -> Path:
        """Where the entry goes, relative to the journal folder: `YYYY/YYYY-MM-DD-day-N.md`."""
        return Path(str(self.date.year), f"{self.date.isoformat()}-day-{self.day}.md")

    def file_text(self) -> str:
        """The entry file: YAML front matter, then the markdown body."""
        front = yaml.safe_dump(
            self.front_matter,
            sort_keys=False,
            allow_unicode=True,
            default_flow_style=None,
            width=1000,
        )
        return f"---\n{front}---\n{self.body}"


@dataclass
class LogResult:
    """What `split_log` found: the entries, and problems as (line, message)."""

    entries: list[LogEntry] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)  # errors: days left out
    warnings: list[tuple[int, str]] = field(default_factory=list)  # imported, but worth a look
    days: int = 0  # day headings found
    undated: int = 0  # days left out for want of a real date
    repeated: int = 0  # days left out because the same day and date came earlier


def split_log(
    text: str, year_hint: int | None = None, tags: Sequence[str] = (DEFAULT_TAG,)
) -> LogResult:
    """Split a 100 Days of Code log into entries; `year_hint` is the year of dates written without one."""
    result = LogResult()
    lines = _strip_comments(text.removeprefix("\ufeff").replace("\r\n", "\n").split("\n"), result)
    days = _find_days(lines, result)
    result.days = len(days)
    dates = Dates(year_hint, day_first(days, result))
    numbers: dict[int, int] = {}
    dated: dict[dt.date, Day] = {}
    for day in days:
        segments = segments_of(day.lines)
        given = [s.date for s in segments if s.kind == "date"][:1]
        found = dates.resolve(day, day.heading or " ".join(given), result)
        first = dated.get(found[0]) if found else None
        if first and first.number == day.number:
            result.problems.append(
                (day.line, f"Day {day.number} ({found[0]}) repeats line {first.line}; skipped")
            )
            result.repeated += 1
            continue
        if day.number in numbers:
            result.warnings.append(
                (day.line, f"Day {day.number} again (first at line {numbers[day.number]})")
            )
        numbers.setdefault(day.number, day.line)
        if found is None:
            result.undated += 1
            continue
        date, note = found
        if first:
            result.warnings.append(
                (day.line, f"Day {day.number} has the same date as Day {first.number} ({date})")
            )
        dated.setdefault(date, day)
        if not day.heading:  # the date came from a `Date:` line, which is not text of the day
            segments = [s for s in segments if s.kind != "date"]
        title = title_of(day.number, note if day.heading else "", segments)
        front = {"date": date.isoformat(), "title": title, "tags": list(tags)}
        result.entries.append(LogEntry(day.number, date, title, front, body_of(segments), day.line))
    result.problems.sort()
    result.warnings.sort()
    return result


def _strip_comments(lines: list[str], result: LogResult) -> list[tuple[int, str, bool] | None]:
    """Each line as (number, text without HTML comments, in code?); None for a line of only comment."""
    out: list[tuple[int, str, bool] | None] = []
    fence, opened, fenced = "", 0, 0
    for number, line in enumerate(lines, 1):
        touched = bool(opened)
        if opened:
            end = line.find("-->")
            if end < 0:
                out.append(None)
                continue
            line, opened = line[end + 3 :], 0
        marker = FENCE.match(line)
        if fence or marker:
            if not fence:
                fence, fenced = marker.group(1), number
            elif marker and marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence):
                fence = "close"
            out.append((number, line.rstrip(), True))
            fence = "" if fence == "close" else fence
            continue
        while (start := line.find("<!--")) >= 0:
            end, touched = line.find("-->", start + 4), True
            if end < 0:
                line, opened = line[:start], number
                break
            line = line[:start] + line[end + 3 :]
        out.append(None if touched and not line.strip() else (number, line.rstrip(), False))
    if opened:
        result.warnings.append(
            (opened, "this comment ('<!--') never closes ('-->'): the rest of the log was ignored")
        )
    if fence:
        result.warnings.append(
            (
                fenced,
                f"this code block ({fence}) never closes: the rest of the log was read as code",
            )
        )
    return out


def _find_days(lines: list, result: LogResult) -> list[Day]:
    """Group the lines into days; warn about sections that end a day without being one."""
    days: list[Day] = []
    current, level = None, 0
    for item in lines:
        if item is None:
            continue
        number, line, code = item
        match = None if code else DAY.match(line)
        if match and match.group("bold") and not BOLD_DAY_END.match(match.group("rest")):
            match = None
        if match:
            level = len(match.group("hashes") or "#######")  # a bold line ranks below headings
            current = Day(int(match.group("number")), number, _heading_text(match), [])
            days.append(current)
            continue
        heading = None if code else HEADING.match(line)
        if current and heading and len(heading.group(1)) <= level and not label_of(line):
            result.warnings.append(
                (
                    number,
                    f"{line.strip()!r} is not a day: it and the lines below it were not imported",
                )
            )
            current = None
        if current:
            current.lines.append((line, code))
    return days


def _heading_text(match: re.Match) -> str:
    """The date (and title) part of a day heading, without bold marks, separators or closing `#`s."""
    rest = match.group("rest").replace("**", "").replace("__", "")
    if match.group("hashes"):
        rest = re.sub(r"(?:\s+#+|#{2,})\s*$", "", rest)
    rest = re.sub(r"^\s*(?:/\s*\d+|of\s+\d+)?\s*[:.\-–—|,]?\s*", "", rest, flags=re.I)
    return rest.strip()
