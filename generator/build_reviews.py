"""Weekly and monthly reviews: every period's plans, work and reflection, computed in one pass.

Pure: it reads the Site that build_site made (its calendar is keyed by local dates, so weeks and
months are the learner's) and returns the reviews; no disk, no git, no MkDocs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from .build_calendar import logged_days, streak_on, streak_runs
from .build_periods import following, month_of, parse_period, period_of, week_of
from .build_progress import count_progress
from .errors import Collector
from .model import Entry, Node, Period, Review, RoadmapReview, RoadmapView, Site, Topic, Unit

REVIEW_WORD = re.compile(r"\breview\b", re.IGNORECASE)
THURSDAY = dt.timedelta(days=3)  # from a Monday: the day that says which month a week is in


def is_review_node(node: Node) -> bool:
    """True for a review day: `review: true` in the roadmap, else "Review" as a word of its title."""
    return node.review if node.review is not None else bool(REVIEW_WORD.search(node.title))


@dataclass
class _Bucket:
    """What the calendar holds in one period, gathered date by date."""

    units: dict[int, Unit] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)
    commits: Counter = field(default_factory=Counter)


def build_reviews(site: Site, problems: Collector) -> tuple[dict[str, Review], dict[int, Period]]:
    """The review of every week and month from the first planned or logged day to today's that
    holds a plan, an entry, a commit or a reflection, by key (oldest first), and the period each
    review day links to; warnings for reflections on periods without a page.

    A pause of a year makes no fifty-two empty pages: the previous and next links skip them.
    """
    if not site.calendar:
        return {}, {}
    buckets: dict[Period, _Bucket] = {}
    for date, cell in site.calendar.items():
        units = {id(unit): unit for unit in cell.units}
        repos = Counter(commit.repo for commit in cell.commits)
        for period in (week_of(date), month_of(date)):
            bucket = buckets.get(period) or buckets.setdefault(period, _Bucket())
            bucket.units.update(units)
            bucket.entries += cell.entries
            bucket.commits.update(repos)
    first = min(site.calendar)
    reflections = {e.review: e for e in site.entries if e.review}
    wanted = {parse_period(key) for key in reflections} | {
        period
        for period, bucket in buckets.items()
        if bucket.units or bucket.entries or bucket.commits
    }
    periods = sorted(p for p in wanted if period_of(p.kind, first) <= p and p.first <= site.today)
    shown = set(periods)
    runs = streak_runs(logged_days(site.calendar))
    entry_topics, unit_topics = _topic_index(site.topics)
    views = {view.roadmap.id: view for view in site.roadmaps}
    links, days = _review_days(site.roadmaps, shown)
    reviews: dict[str, Review] = {}
    for period in periods:
        after = following(period)
        end = min(period.last, site.today)
        review = _review(
            period, buckets.get(period, _Bucket()), views, site, entry_topics, unit_topics
        )
        review.upcoming = _upcoming(buckets.get(after, _Bucket()), views)
        # A finished period's streak is the one its last day ended; the current one's, today's.
        review.streak = streak_on(runs, end) if end == site.today else runs.get(end, 0)
        review.review_days = days.get(period, [])
        review.reflection = reflections.get(period.key)
        review.after = after
        review.finished = period.last < site.today
        reviews[period.key] = review
    for kind in ("week", "month"):
        same = [reviews[p.key] for p in periods if p.kind == kind]
        for older, newer in pairwise(same):
            older.next, newer.previous = newer.period, older.period
    for review in reviews.values():
        if review.period.kind == "week":
            month = month_of(review.period.first + THURSDAY)
            review.month = month if month in shown else None
            if review.month:
                reviews[month.key].weeks.append(review.period)
    _warn_unshown(reflections, reviews, first, site.today, problems)
    return reviews, links


def _review(period, bucket, views, site, entry_topics, unit_topics) -> Review:
    units = sorted(bucket.units.values(), key=lambda u: (u.dates[0], u.roadmap, u.number))
    by_roadmap: dict[str, list[Unit]] = {}
    for unit in units:
        by_roadmap.setdefault(unit.roadmap, []).append(unit)
    hours: Counter = Counter()
    for entry in bucket.entries:
        for roadmap in dict.fromkeys(u.roadmap for u in site.entry_units.get(entry.stem, [])):
            hours[roadmap] += entry.hours or 0
            by_roadmap.setdefault(roadmap, [])
    roadmaps = [
        RoadmapReview(
            view, by_roadmap[view.roadmap.id], count_progress(by_roadmap[view.roadmap.id])
        )
        for view in views.values()
        if view.roadmap.id in by_roadmap
    ]
    for part in roadmaps:
        part.hours = float(hours[part.view.roadmap.id])
    topics: dict[str, Topic] = {}
    for entry in bucket.entries:
        topics.update((t.slug, t) for t in entry_topics.get(entry.stem, []))
    for unit in units:
        topics.update((t.slug, t) for t in unit_topics.get(id(unit), []))
    return Review(
        period=period,
        roadmaps=roadmaps,
        progress=count_progress(units),
        entries=bucket.entries,
        hours=float(sum(e.hours or 0 for e in bucket.entries)),
        commits=sorted(bucket.commits.items(), key=lambda item: (-item[1], item[0])),
        topics=sorted(topics.values(), key=lambda t: (t.name.casefold(), t.slug)),
        streak=0,
        upcoming=[],
    )


def _upcoming(
    bucket: _Bucket, views: dict[str, RoadmapView]
) -> list[tuple[RoadmapView, list[Node]]]:
    """What the next period plans: its days (a range once) and weeks, by roadmap in site order."""
    by_roadmap: dict[str, dict[int, Node]] = {}
    for unit in sorted(bucket.units.values(), key=lambda u: (u.dates[0], u.number)):
        by_roadmap.setdefault(unit.roadmap, {}).setdefault(id(unit.node), unit.node)
    return [
        (view, list(by_roadmap[key].values())) for key, view in views.items() if key in by_roadmap
    ]


def _topic_index(topics: dict[str, Topic]) -> tuple[dict[str, list[Topic]], dict[int, list[Topic]]]:
    """The topics of each entry (by stem) and of each planned unit (by id), from the topic pages."""
    by_entry: dict[str, list[Topic]] = {}
    by_unit: dict[int, list[Topic]] = {}
    for topic in topics.values():
        for entry in topic.entries:
            by_entry.setdefault(entry.stem, []).append(topic)
        for unit in topic.units:
            by_unit.setdefault(id(unit), []).append(topic)
    return by_entry, by_unit


def review_period(node: Node, view: RoadmapView, ancestor: Node | None) -> Period | None:
    """The period a review day reviews: its week's or its month's, else the ISO week of its date.

    A day under a roadmap week (or month) reviews that week (month): of the calendar periods, the
    one that holds most of its dates, the later on a tie. A roadmap week that starts on a Wednesday
    is reviewed on the ISO week page of its first five days.
    """
    units = view.node_units.get(id(ancestor if ancestor else node), [])
    dates = [date for unit in units for date in unit.dates]
    if not dates:
        return None
    kind = "month" if ancestor is not None and ancestor.kind == "month" else "week"
    counts = Counter(period_of(kind, date) for date in dates)
    return max(counts, key=lambda period: (counts[period], period.first))


def _review_days(
    views: list[RoadmapView], shown: set[Period]
) -> tuple[dict[int, Period], dict[Period, list[tuple[RoadmapView, Node, str]]]]:
    links: dict[int, Period] = {}
    days: dict[Period, list[tuple[RoadmapView, Node, str]]] = {}
    for view in views:
        for node, ancestor in _walk_with_scope(view.roadmap.children, None):
            own = [u for u in view.node_units.get(id(node), []) if u.node is node]
            if not own or not is_review_node(node):
                continue  # a review day is a planned unit: a day, or a week without days
            period = review_period(node, view, ancestor)
            if period in shown:
                links[id(node)] = period
                days.setdefault(period, []).append((view, node, _combined([u.state for u in own])))
    return links, days


def _walk_with_scope(nodes: list[Node], scope: Node | None):
    """(node, its nearest week or month: itself for a week) of every node, depth first."""
    for node in nodes:
        here = node if node.kind in ("week", "month") else scope
        yield node, here
        yield from _walk_with_scope(node.children, here)


def _combined(states: list[str]) -> str:
    unique = set(states)
    if len(unique) == 1:
        return unique.pop()
    if unique & {"done", "partial"}:
        return "partial"
    return "missed" if "missed" in unique else "planned"


def _warn_unshown(reflections, reviews, first: dt.date, today: dt.date, problems: Collector):
    for key, entry in sorted(reflections.items(), key=lambda item: item[1].path):
        if key in reviews:
            continue
        period = parse_period(key)
        line = entry.lines.get("review", 1)
        if period.first > today:
            problems.warn(
                entry.path,
                line,
                f"review: {key} has not begun yet, so it has no review page; builds from "
                f"{period.first} on make it, led by this reflection",
            )
        else:
            problems.warn(
                entry.path,
                line,
                f"review: {key} is before the first planned or logged day ({first}), so it has "
                "no review page; the entry is published as any other",
            )


def group_reviews(reviews: list[Review]) -> list[tuple[Period, Review | None, list[Review]]]:
    """(month, its review, its weeks' reviews) newest first; a week belongs to the month of its
    Thursday, as ISO weeks belong to years."""
    months: dict[Period, tuple[Review | None, list[Review]]] = {}
    for review in reviews:
        period = review.period
        if period.kind == "month":
            months[period] = (review, months.get(period, (None, []))[1])
        else:
            month = month_of(period.first + THURSDAY)
            months.setdefault(month, (None, []))[1].append(review)
    return [
        (month, review, sorted(weeks, key=lambda r: r.period.first, reverse=True))
        for month, (review, weeks) in sorted(months.items(), reverse=True)
    ]
