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

import argparse
import datetime as dt
import re
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import yaml
from dateutil.parser import ParserError, parse

from ..read_input import read_input
from ..write_files import create_file

DEFAULT_TAG = "100daysofcode"
DAY = re.compile(
    r"^[ \t]{0,3}(?:(?P<hashes>#{1,6})|(?P<bold>\*\*|__))[ \t]*(?:\*\*|__)?[ \t]*"
    r"day[ \t]*(?P<number>\d+)\b(?P<rest>.*)$",
    re.I,
)
# In a bold line, `Day N` must be followed by a separator or the closing `**`, not by a sentence.
BOLD_DAY_END = re.compile(r"^\s*(?:\*\*|__|[:.\-–—|]|/\s*\d+|of\s+\d+)")
HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+\S")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
RULE = re.compile(r"^[ \t]{0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
LABELS = {
    "progress": r"(?:today[’']?s[ \t]+)?progress",
    "thoughts": r"thoughts?",
    "links": r"links?(?:\(s\))?(?:[ \t]+to[ \t]+(?:my[ \t]+)?work)?",
    "date": r"date",
}
FIELD = re.compile(
    r"^[ \t]*(?:[-*+][ \t]+)?(?P<hashes>#{1,6}[ \t]*)?(?P<open>\*{1,3}|_{1,2})?[ \t]*"
    rf"(?P<label>{'|'.join(f'(?P<{kind}>{rx})' for kind, rx in LABELS.items())})(?!\w)"
    r"[ \t]*(?P<colon>:)?[ \t]*(?(open)(?P=open))[ \t]*(?P<colon2>:)?[ \t]*(?P<rest>.*)$",
    re.I,
)
OTHER_LABEL = re.compile(r"^[ \t]*(\*\*|__)[^*_\n]{1,40}?(?::[ \t]*\1|\1[ \t]*:)")
MD_LINK = r"!?\[[^\]]*\]\([^)\s]+(?:[ \t]+\"[^\"]*\")?\)"
LINK = re.compile(rf"{MD_LINK}|<https?://[^>\s]+>|https?://[^\s<>]+[^\s<>.,;:!?)\]'\"]")
LINK_SEPARATORS = re.compile(r"^(?:[\s,;.|&/·•-]|and\b)*$", re.I)
LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+")
NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})\b")
DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTH_NAMES = (
    "January February March April May June July August September October November December"
)
# `Tue`, `Tues`, `Thur`, `Thurs`, `Tuesday`…
WEEKDAYS = {name.lower()[:n]: i for i, name in enumerate(DAY_NAMES) for n in (3, 4, 5, len(name))}
TITLE_WORDS = 8
# Words a cut title should not end on: "Finished the course and…".
DANGLING = {"a", "an", "and", "at", "but", "for", "in", "of", "on", "or", "the", "to", "with"}
# A paragraph that can give a title: not a heading, quote, list, table, HTML, code or label.
PLAIN_START = re.compile(r"^[ \t]{0,3}(?![#>|<`~*_\-+]|\d+[.)]\s)\S")
# Two defaults in different leap years: a field the text lacks shows up as a difference.
DEFAULTS = dt.datetime(2000, 1, 1), dt.datetime(2004, 12, 28)


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


@dataclass
class _Day:
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


class _Segment(NamedTuple):
    kind: str  # progress, thoughts, links, date or other
    content: str  # markdown; for a date, its line as written
    date: str = ""  # for a date, the date text


def split_log(
    text: str, year_hint: int | None = None, tags: Sequence[str] = (DEFAULT_TAG,)
) -> LogResult:
    """Split a 100 Days of Code log into entries; `year_hint` is the year of dates written without one."""
    result = LogResult()
    lines = _strip_comments(text.removeprefix("\ufeff").replace("\r\n", "\n").split("\n"), result)
    days = _find_days(lines, result)
    result.days = len(days)
    dates = _Dates(year_hint, _day_first(days, result))
    numbers: dict[int, int] = {}
    dated: dict[dt.date, _Day] = {}
    for day in days:
        segments = _segments(day.lines)
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
        title = _title(day.number, note if day.heading else "", segments)
        front = {"date": date.isoformat(), "title": title, "tags": list(tags)}
        result.entries.append(LogEntry(day.number, date, title, front, _body(segments), day.line))
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


def _find_days(lines: list, result: LogResult) -> list[_Day]:
    """Group the lines into days; warn about sections that end a day without being one."""
    days: list[_Day] = []
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
            current = _Day(int(match.group("number")), number, _heading_text(match), [])
            days.append(current)
            continue
        heading = None if code else HEADING.match(line)
        if current and heading and len(heading.group(1)) <= level and not _label(line):
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


def _day_first(days: list[_Day], result: LogResult) -> bool | None:
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


class _Dates:
    """Reads the date of each day; a missing year is the hint's, moved on at New Year."""

    def __init__(self, year_hint: int | None, dayfirst: bool | None):
        self.year = year_hint
        self.dayfirst = dayfirst
        self.last: dt.date | None = None  # the previous date that took the hinted year

    def resolve(self, day: _Day, text: str, result: LogResult) -> tuple[dt.date, str] | None:
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


def _check_weekday(day: _Day, text: str, date: dt.date, result: LogResult) -> None:
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


def _label(line: str) -> str | None:
    """The kind of field a `**Thoughts:**`-style line starts, if it is one."""
    match = FIELD.match(line)
    if not match or not (match.group("open") or match.group("hashes") or match.group("colon")):
        return None  # a plain `Progress was slow` is a sentence, not a label
    return next(kind for kind in LABELS if match.group(kind))


def _segments(lines: list[tuple[str, bool]]) -> list[_Segment]:
    """Cut a day at its labels; the text before the first label and unknown labels are `other`."""
    # (kind, the text after the label, the lines below it)
    cuts: list[tuple[str, str, list[str]]] = [("other", "", [])]
    lines = list(lines)
    while lines and (not lines[-1][0].strip() or RULE.match(lines[-1][0])) and not lines[-1][1]:
        lines.pop()  # the `---` between days
    for text, code in lines:
        kind = None if code else _label(text)
        if kind == "date":  # one line: the date, kept as it was written unless it dates the day
            cuts += [("date", FIELD.match(text).group("rest").strip(), [text]), ("other", "", [])]
        elif kind:
            cuts.append((kind, FIELD.match(text).group("rest").strip(), []))
        elif not code and OTHER_LABEL.match(text):
            cuts.append(("other", "", [text]))
        else:
            cuts[-1][2].append(text)
    out = []
    for kind, first, body in cuts:
        if kind == "date":
            out.append(_Segment(kind, body[0], first))
            continue
        if kind != "other":
            # Lines under a label are often indented to line up with it: that is not code.
            body = ([first] if first else []) + textwrap.dedent("\n".join(body)).split("\n")
        if content := "\n".join(_trim(body)):
            out.append(_Segment(kind, content))
    return out


def _trim(lines: list[str]) -> list[str]:
    """Drop blank lines and `---` rules at both ends."""
    start, end = 0, len(lines)
    while start < end and (not lines[start].strip() or RULE.match(lines[start])):
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


def _field(segments: list[_Segment], kind: str) -> str:
    return "\n\n".join(s.content for s in segments if s.kind == kind)


def _body(segments: list[_Segment]) -> str:
    """The progress, `## Thoughts`, `## Link to work`, then everything else in the log's order."""
    parts = [_field(segments, "progress")]
    if thoughts := _field(segments, "thoughts"):
        parts.append(f"## Thoughts\n\n{thoughts}")
    if links := _field(segments, "links"):
        parts.append(f"## Link to work\n\n{_link_list(links)}")
    parts += [s.content for s in segments if s.kind in ("other", "date")]
    text = "\n\n".join(part for part in parts if part)
    return f"{text}\n" if text else ""


def _link_list(text: str) -> str:
    """Links as a list: a line of only links gives an item per link, a line with a link one item."""
    lines = text.split("\n")
    if LIST_ITEM.match(lines[0]) or any(FENCE.match(line) for line in lines):
        return text
    out: list[str] = []
    for line in lines:
        links = LINK.findall(line)
        item = bool(links)
        if out and out[-1] and out[-1].startswith("- ") != item and line.strip():
            out.append("")  # a list and a paragraph need a blank line between them
        if not links:
            out.append(line)
        elif LINK_SEPARATORS.match(LINK.sub(" ", line)):
            out += [f"- {_autolink(link)}" for link in links]
        else:
            out.append(f"- {LINK.sub(lambda m: _autolink(m.group(0)), line.strip())}")
    return "\n".join(out)


def _autolink(link: str) -> str:
    """A bare URL as `<url>`, which every markdown makes a link."""
    return f"<{link}>" if link.startswith("http") else link


def _title(number: int, note: str, segments: list[_Segment]) -> str:
    """`Day N: ` and the heading's own title, else the start of the progress or of a plain text."""
    summary = _plain(note) if note else _summary(_field(segments, "progress"))
    other = [s.content for s in segments if s.kind == "other"]
    if not summary and other and PLAIN_START.match(other[0]):
        summary = _summary(other[0])  # a day written without labels
    return f"Day {number}: {summary}" if summary else f"Day {number}"


def _summary(progress: str) -> str:
    """The first clause of the progress, at most TITLE_WORDS words, as a title."""
    paragraph = " ".join(progress.split("\n\n", 1)[0].split())
    paragraph = re.sub(r"^(?:#+|[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s*)?", "", paragraph)
    clause = re.split(r"(?<=[.!?;:,])\s|\s[-–—]\s|\s\(", _plain(paragraph), maxsplit=1)[0]
    words = clause.split()
    kept = words[:TITLE_WORDS]
    if len(words) > TITLE_WORDS:
        while len(kept) > 1 and kept[-1].lower() in DANGLING:
            kept.pop()
        kept[-1] += "…"
    text = " ".join(kept).rstrip(".,;:!?")
    if words and re.fullmatch(r"[a-z][a-z'’]*", words[0]):
        text = text[0].upper() + text[1:]
    return text


def _plain(text: str) -> str:
    """Markdown reduced to its words: links to their text, no emphasis or code marks."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    return " ".join(re.sub(r"\*+|`+|(?<!\w)_+|_+(?!\w)", "", text).split())


def add_import_log_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of `roadlog import-log` to `parser` and set its `run` to run_import_log."""
    parser.add_argument(
        "log", metavar="LOG.md", help="the log: one markdown file, a `### Day N: date` per day"
    )
    parser.add_argument(
        "--year",
        type=_year,
        metavar="YYYY",
        help="the year of dates written without one (`June 27, Monday`)",
    )
    parser.add_argument(
        "-o", "--output", metavar="DIR", default="journal", help="where to write (default: journal)"
    )
    parser.add_argument(
        "--tag",
        action="append",
        type=_tag,
        metavar="TAG",
        help=f"tag the entries TAG instead of {DEFAULT_TAG}; repeat for several",
    )
    parser.set_defaults(run=run_import_log)


def _year(text: str) -> int:
    if not re.fullmatch(r"\d{4}", text) or not 1000 <= int(text) <= 9000:
        raise argparse.ArgumentTypeError(f"{text!r} is not a year (YYYY)")
    return int(text)


def _tag(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("a tag cannot be empty")
    return text.strip()


def run_import_log(args) -> int:
    """Write a journal entry per day of the log, never over a file; exit 1 if a day was left out."""
    source = Path(args.log)
    text = read_input(source)
    if text is None:
        return 1
    result = split_log(text, args.year, args.tag or [DEFAULT_TAG])
    messages = [(line, "warning", message) for line, message in result.warnings]
    messages += [(line, "error", message) for line, message in result.problems]
    if not result.days:
        _print_messages(source, messages)
        print(
            f"error: {source}: no days found (headings like `### Day 1: March 2, 2021`)",
            file=sys.stderr,
        )
        return 1
    folder = Path(args.output)
    written = skipped = 0
    for entry in result.entries:
        target = folder / entry.path
        try:
            create_file(target, entry.file_text())
            written += 1
        except FileExistsError:
            messages.append((entry.line, "error", f"{target.as_posix()} already exists; skipped"))
            skipped += 1
        except OSError as exc:
            message = f"cannot write {target.as_posix()}: {exc.strerror or exc}"
            messages.append((entry.line, "error", message))
            skipped += 1
    _print_messages(source, messages)
    skipped += result.repeated
    print(
        f"Wrote {written} entr{'y' if written == 1 else 'ies'} to {folder.as_posix().rstrip('/')}/ "
        f"({skipped} skipped, {result.undated} undated)"
    )
    return 1 if skipped or result.undated else 0


def _print_messages(source: Path, messages: list[tuple[int, str, str]]) -> None:
    for line, level, message in sorted(messages, key=lambda m: m[0]):
        print(f"{source}:{line}: {level}: {message}")
