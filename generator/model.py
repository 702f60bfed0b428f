"""Plain dataclasses passed between loaders, build_site and renderers."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

STATES = ("done", "partial", "skipped", "missed", "planned", "rest", "none")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Resource:
    """A link a roadmap node points to."""

    title: str
    url: str
    note: str | None = None


@dataclass
class ChecklistItem:
    """A tickable item of a checklist section."""

    title: str
    done: bool = False
    items: list[ChecklistItem] = field(default_factory=list)
    line: int = 1


@dataclass
class Node:
    """One node of a roadmap tree: a phase, month, week, day (or day range) or section."""

    kind: str
    title: str
    number: int | None = None
    last: int | None = None
    question: str | None = None
    objective: str | None = None
    prerequisites: str | None = None
    concepts: list[str] = field(default_factory=list)
    project: str | None = None
    practice: str | None = None
    tasks: list[str] = field(default_factory=list)
    breakdown: list[str] = field(default_factory=list)
    exercise: str | None = None
    resources: list[Resource] = field(default_factory=list)
    deliverables: list[str] = field(default_factory=list)
    why: str | None = None
    if_behind: str | None = None
    notes: str | None = None
    topics: list[str] = field(default_factory=list)
    checklist: list[ChecklistItem] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    line: int = 1
    review: bool | None = None  # `review:` in the roadmap: None lets the title decide

    def __post_init__(self) -> None:
        if self.last is None:
            self.last = self.number  # a single day/week/month is a range of one

    @property
    def label(self) -> str:
        """`Day 3`, `Days 8-9`, `Week 2`, `Months 11-12`, `Phase 1`, or '' for a section."""
        if self.kind == "section" or self.number is None:
            return ""
        if self.last != self.number:
            return f"{self.kind.capitalize()}s {self.number}-{self.last}"
        return f"{self.kind.capitalize()} {self.number}"

    @property
    def anchor(self) -> str:
        """The HTML id of this node on its roadmap page."""
        if self.number is not None:
            return f"{self.kind}-{self.number}"
        return f"section-{self.line}"

    def checklist_items(self):
        """Every checklist item of this node, nested items included."""
        stack = list(reversed(self.checklist))
        while stack:
            item = stack.pop()
            yield item
            stack.extend(reversed(item.items))

    def walk(self):
        """This node and every node below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Roadmap:
    """A study plan: a tree of nodes with an optional start date and schedule."""

    id: str
    title: str
    path: str
    description: str | None = None
    start: dt.date | None = None
    rest_days: frozenset[int] = frozenset()
    pauses: list[tuple[dt.date, dt.date]] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)

    def walk(self):
        """Every node of the roadmap, depth first."""
        for child in self.children:
            yield from child.walk()


@dataclass
class Entry:
    """One journal entry: front matter plus markdown body."""

    path: str
    stem: str
    date: dt.date
    body: str
    title: str | None = None
    heading: str | None = None
    roadmap: str | None = None
    day: int | None = None
    week: int | None = None
    tags: list[str] = field(default_factory=list)
    hours: float | None = None
    status: str = "done"
    draft: bool = False
    review: str | None = None  # the period (`2026-W48`, `2026-11`) the entry reflects on
    extra: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    body_line: int = 1  # the file's line where the body starts: body problems count from it
    created: dt.datetime | None = None
    updated: dt.datetime | None = None


@dataclass(frozen=True)
class Commit:
    """One git commit, with its time in the configured timezone."""

    repo: str
    sha: str
    when: dt.datetime
    author: str
    subject: str
    files: tuple[str, ...] = ()
    url: str | None = None
    renames: tuple[tuple[str, str], ...] = ()
    root: str = ""
    body: str = ""  # never shown, but scanned for credentials: the repository is public
    email: str = ""  # never shown: only matched against the `authors` whose commits count
    counts: bool = True  # the learner's work (authors, paths, since): shown and counted

    @property
    def date(self) -> dt.date:
        """The local calendar day of the commit."""
        return self.when.date()


@dataclass(frozen=True)
class TopicDef:
    """One topic of the vocabulary: its normalised names and aliases, and its patterns."""

    slug: str
    name: str
    group: str | None = None
    terms: tuple[str, ...] = ()
    patterns: tuple[re.Pattern, ...] = ()


@dataclass
class Topic:
    """A topic as the site shows it: what the roadmaps plan on it and what the journal says."""

    slug: str
    name: str
    group: str | None = None
    nodes: dict[str, list[Node]] = field(default_factory=dict)
    items: dict[str, list[ChecklistItem]] = field(default_factory=dict)
    units: list[Unit] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)

    @property
    def planned(self) -> int:
        """Planned days (or weeks) on this topic."""
        return len(self.units)

    @property
    def entry_count(self) -> int:
        """Journal entries on this topic."""
        return len(self.entries)

    @property
    def done(self) -> int:
        """Of those, the ones done."""
        return sum(unit.state == "done" for unit in self.units)


@dataclass
class Unit:
    """One planned unit of a dated roadmap: a day (one day of a range), or a week without days."""

    roadmap: str
    node: Node
    kind: str
    number: int
    dates: list[dt.date]
    entries: list[Entry] = field(default_factory=list)
    state: str = "planned"

    @property
    def label(self) -> str:
        """`Day 12` or `Week 3`."""
        return f"{self.kind.capitalize()} {self.number}"


@dataclass
class CalendarDay:
    """What happened on one date, across every roadmap."""

    date: dt.date
    state: str = "none"
    rest: bool = False
    paused: bool = False
    units: list[Unit] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    commits: list[Commit] = field(default_factory=list)

    @property
    def hours(self) -> float:
        """Hours logged in the day's entries."""
        return sum(e.hours or 0 for e in self.entries)


@dataclass
class Progress:
    """Counts of a roadmap's (or a node's) units by state."""

    total: int = 0
    done: int = 0
    partial: int = 0
    skipped: int = 0
    missed: int = 0
    planned: int = 0

    @property
    def percent(self) -> int:
        """Whole percent of the units that are done."""
        return round(100 * self.done / self.total) if self.total else 0


@dataclass
class Pace:
    """A dated roadmap's pace: units due by today, ahead (+) or behind (−), finish dates."""

    unit: str
    due: int
    delta: int
    started: bool
    finished: bool
    planned_finish: dt.date
    projected_finish: dt.date | None


@dataclass
class RoadmapView:
    """A roadmap with its units, states and progress."""

    roadmap: Roadmap
    units: list[Unit]
    progress: Progress
    node_progress: dict[int, Progress]
    node_units: dict[int, list[Unit]]
    today_units: list[Unit]
    calendar: dict[dt.date, CalendarDay] = field(default_factory=dict)
    pace: Pace | None = None


@dataclass
class Site:
    """Everything the renderers need, computed by build_site from the loaded inputs."""

    today: dt.date
    roadmaps: list[RoadmapView]
    entries: list[Entry]
    calendar: dict[dt.date, CalendarDay]
    commits: list[Commit]
    entry_units: dict[str, list[Unit]]
    topics: dict[str, Topic]
    tag_slugs: dict[str, str]
    current_streak: int
    longest_streak: int
    hours: float
    days_logged: int = 0
    vocabulary: list[TopicDef] = field(default_factory=list)
    warnings: list = field(default_factory=list)
    reviews: dict[str, Review] = field(default_factory=dict)  # by period key, oldest first
    review_links: dict[int, Period] = field(default_factory=dict)  # id(review day node) -> period

    def newest_first(self) -> list[Entry]:
        """Published entries, newest first."""
        return list(reversed(self.entries))


# English month names, whatever the locale of the machine.
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True, order=True)
class Period:
    """An ISO week (Monday to Sunday) or a calendar month, in the learner's timezone."""

    first: dt.date
    kind: str  # "week" or "month"

    @property
    def last(self) -> dt.date:
        """The period's last day: a Sunday, or the last day of the month."""
        if self.kind == "week":
            return self.first + dt.timedelta(days=6)
        return (self.first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(
            days=1
        )

    @property
    def key(self) -> str:
        """`2026-W48` or `2026-11`: the period's name in URLs and in `review:`."""
        if self.kind == "week":
            year, week, _ = self.first.isocalendar()
            return f"{year}-W{week:02d}"
        return f"{self.first.year}-{self.first.month:02d}"

    @property
    def title(self) -> str:
        """`Week 48, 2026` or `November 2026`."""
        if self.kind == "week":
            year, week, _ = self.first.isocalendar()
            return f"Week {week}, {year}"
        return f"{MONTH_NAMES[self.first.month - 1]} {self.first.year}"

    @property
    def span(self) -> str:
        """Its dates: `23–29 November 2026`, `30 November – 6 December 2026`, across years in full."""
        first, last = self.first, self.last
        end = f"{last.day} {MONTH_NAMES[last.month - 1]} {last.year}"
        if first.year != last.year:
            return f"{first.day} {MONTH_NAMES[first.month - 1]} {first.year} – {end}"
        if first.month != last.month:
            return f"{first.day} {MONTH_NAMES[first.month - 1]} – {end}"
        return f"{first.day}–{end}"


@dataclass
class RoadmapReview:
    """One roadmap in a period: its units planned then, their progress and the hours logged on it."""

    view: RoadmapView
    units: list[Unit]
    progress: Progress
    hours: float = 0.0


@dataclass
class Review:
    """What one period holds: plans and states, entries, hours, commits, topics, streak, what is next."""

    period: Period
    roadmaps: list[RoadmapReview]
    progress: Progress
    entries: list[Entry]
    hours: float
    commits: list[tuple[str, int]]  # (repository, commits that count), most first
    topics: list[Topic]
    streak: int  # the streak at the end of the period (today for the current one)
    upcoming: list[tuple[RoadmapView, list[Node]]]  # what the next period plans, by roadmap
    review_days: list[tuple[RoadmapView, Node, str]] = field(default_factory=list)
    reflection: Entry | None = None
    after: Period | None = None  # the next period, whose plan `upcoming` shows
    previous: Period | None = None  # the neighbouring periods that have a page
    next: Period | None = None
    month: Period | None = None  # a week's month (the month of its Thursday), when it has a page
    weeks: list[Period] = field(default_factory=list)  # a month's weeks that have a page
    finished: bool = False  # the period is over in the learner's timezone

    @property
    def commit_count(self) -> int:
        """Commits of the period, in every repository."""
        return sum(count for _, count in self.commits)
