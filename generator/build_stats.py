"""The numbers behind the charts: burn-ups, hours and commits per ISO week, entries, topics.

Pure: a Site in, frozen dataclasses out. A Site holds published entries only, so no draft (nor an
entry held back) is ever counted here.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from dataclasses import dataclass

from .model import RoadmapView, Site, Unit

WEEKS = 52  # ISO weeks on the weekly charts, ending with today's
MONTHS = 24  # months on the monthly chart, ending with today's
TOP_TOPICS = 10


@dataclass(frozen=True)
class BurnupPoint:
    """Cumulative units planned and done by the end of `date`."""

    date: dt.date
    planned: int
    done: int


@dataclass(frozen=True)
class Burnup:
    """A dated roadmap's burn-up: cumulative units planned vs done, today and the finish dates.

    A unit is planned by its last date (a day's date, a week's Sunday-most date). It is done, once
    its state is "done", on the date of its first entry with status done; a unit done by ticking its
    checklist, without such an entry, counts on its last planned date, or today if that is later.
    `points` has one point per date on which either count changes, in date order.
    """

    roadmap: str
    title: str
    unit: str
    total: int
    first: dt.date
    today: dt.date
    planned_finish: dt.date
    projected_finish: dt.date | None
    started: bool
    finished: bool
    points: tuple[BurnupPoint, ...]

    def at(self, date: dt.date) -> tuple[int, int]:
        """(planned, done) by the end of `date`."""
        index = bisect.bisect_right([p.date for p in self.points], date)
        if index == 0:
            return 0, 0
        point = self.points[index - 1]
        return point.planned, point.done

    @property
    def done(self) -> int:
        """Units done by today."""
        return self.at(self.today)[1]


@dataclass(frozen=True)
class WeekStat:
    """One ISO week: hours logged in its entries and the learner's commits in it."""

    monday: dt.date
    hours: float
    commits: int

    @property
    def label(self) -> str:
        """`2026-W48`."""
        year, week, _ = self.monday.isocalendar()
        return f"{year}-W{week:02d}"

    @property
    def tick(self) -> str:
        """An axis label for the week that holds a month's 1st: `Mar`, or the year for January."""
        sunday = self.monday + dt.timedelta(days=6)
        if sunday.day > 7:
            return ""
        return str(sunday.year) if sunday.month == 1 else sunday.strftime("%b")


@dataclass(frozen=True)
class MonthStat:
    """One calendar month and the journal entries dated in it."""

    first: dt.date
    entries: int

    @property
    def label(self) -> str:
        """`2026-03`."""
        return f"{self.first.year}-{self.first.month:02d}"

    @property
    def tick(self) -> str:
        """An axis label: `Mar`, or the year for January."""
        return str(self.first.year) if self.first.month == 1 else self.first.strftime("%b")


@dataclass(frozen=True)
class TopicStat:
    """A topic with the entries on it and the planned units on it that are done."""

    slug: str
    name: str
    entries: int
    done: int


@dataclass(frozen=True)
class Stats:
    """Everything the /stats/ page charts."""

    today: dt.date
    weeks: tuple[WeekStat, ...]
    months: tuple[MonthStat, ...]
    topics: tuple[TopicStat, ...]
    burnups: tuple[Burnup, ...]


def build_stats(site: Site) -> Stats:
    """The weekly, monthly, topic and burn-up numbers of the site, as of site.today."""
    return Stats(
        today=site.today,
        weeks=tuple(count_weeks(site)),
        months=tuple(count_months(site)),
        topics=tuple(rank_topics(site)),
        burnups=tuple(b for view in site.roadmaps if (b := build_burnup(view, site.today))),
    )


def build_burnup(view: RoadmapView, today: dt.date) -> Burnup | None:
    """The burn-up of a dated roadmap; None for a roadmap without dates (a checklist)."""
    pace = view.pace
    if pace is None:
        return None
    dated = [u for u in view.units if u.dates]
    planned = Counter(u.dates[-1] for u in dated)
    done = Counter(done_date(u, today) for u in view.units if u.state == "done")
    points, planned_sum, done_sum = [], 0, 0
    for date in sorted(planned.keys() | done.keys()):
        planned_sum += planned[date]
        done_sum += done[date]
        points.append(BurnupPoint(date, planned_sum, done_sum))
    return Burnup(
        roadmap=view.roadmap.id,
        title=view.roadmap.title,
        unit=pace.unit,
        total=len(view.units),
        first=min(u.dates[0] for u in dated),
        today=today,
        planned_finish=pace.planned_finish,
        projected_finish=pace.projected_finish,
        started=pace.started,
        finished=pace.finished,
        points=tuple(points),
    )


def done_date(unit: Unit, today: dt.date) -> dt.date:
    """When a done unit was done: its first done entry's date, else its last date (or today)."""
    dates = [e.date for e in unit.entries if e.status == "done"]
    if dates:
        return min(dates)
    return min(unit.dates[-1], today) if unit.dates else today


def count_weeks(site: Site, weeks: int = WEEKS) -> list[WeekStat]:
    """Hours and counted commits per ISO week, the last `weeks` weeks up to today's, oldest first.

    Dates are the learner's: the calendar is keyed by local dates, and a commit's day is its local
    day. Only commits that count (the learner's, under the configured paths) are counted.
    """
    this_monday = site.today - dt.timedelta(days=site.today.weekday())
    stats = []
    for back in range(weeks - 1, -1, -1):
        monday = this_monday - dt.timedelta(weeks=back)
        days = [site.calendar.get(monday + dt.timedelta(days=n)) for n in range(7)]
        days = [day for day in days if day is not None]
        stats.append(
            WeekStat(
                monday=monday,
                # Rounded: a sum of floats such as 0.1 + 0.2 must not print as 0.30000000000000004.
                hours=round(sum(day.hours for day in days), 2),
                commits=sum(commit.counts for day in days for commit in day.commits),
            )
        )
    return stats


def count_months(site: Site, months: int = MONTHS) -> list[MonthStat]:
    """Entries per month from the first entry's month (or `months` months back) to today's."""
    if not site.entries:
        return []
    counts = Counter((e.date.year, e.date.month) for e in site.entries)
    first = min(site.entries, key=lambda e: e.date).date
    start = max(_month_index(first), _month_index(site.today) - months + 1)
    return [
        MonthStat(dt.date(index // 12, index % 12 + 1, 1), counts[(index // 12, index % 12 + 1)])
        for index in range(start, _month_index(site.today) + 1)
    ]


def rank_topics(site: Site, top: int = TOP_TOPICS) -> list[TopicStat]:
    """The topics most worked on: most entries, then most planned units done, then A–Z."""
    stats = [
        TopicStat(topic.slug, topic.name, topic.entry_count, topic.done)
        for topic in site.topics.values()
        if topic.entry_count or topic.done
    ]
    stats.sort(key=lambda t: (-t.entries, -t.done, t.name.casefold(), t.slug))
    return stats[:top]


def _month_index(date: dt.date) -> int:
    return date.year * 12 + date.month - 1
