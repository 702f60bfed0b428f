"""The pure merge: roadmaps + entries + commits + today -> Site. No disk, no git, no MkDocs."""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from dataclasses import replace

from .errors import Collector
from .model import CalendarDay, Commit, Entry, Node, Progress, Roadmap, RoadmapView, Site, Unit

# The order in which entry statuses win when one date has several entries.
RANK = {"done": 0, "partial": 1, "skipped": 2, "missed": 3, "planned": 4, "rest": 5, "none": 6}
RESERVED_STEMS = {"index", "page"}


def build_site(
    roadmaps: list[Roadmap],
    entries: list[Entry],
    commits: list[Commit],
    today: dt.date,
    include_drafts: bool = False,
) -> Site:
    """Link entries to planned days, compute states, calendar, streaks and progress."""
    problems = Collector()
    # Copies, so resolving titles below never touches the caller's entries.
    published = sorted(
        (replace(e) for e in entries if include_drafts or not e.draft),
        key=lambda e: (e.date, e.stem),
    )
    _check_urls(entries, problems)
    units = {r.id: plan_units(r) for r in roadmaps}
    entry_units = _link_entries(published, roadmaps, units, problems)
    problems.raise_errors()
    for entry in published:
        entry.title = entry_title(entry, entry_units[entry.stem])
    for roadmap_units in units.values():
        for unit in roadmap_units:
            unit.state = unit_state(unit, today)
    views = [_view(r, units[r.id], today) for r in roadmaps]
    calendar = build_calendar(roadmaps, units, published, commits, today)
    current, longest = streaks(calendar, today)
    tags = group_tags(published)
    return Site(
        today=today,
        roadmaps=views,
        entries=published,
        calendar=calendar,
        commits=commits,
        entry_units=entry_units,
        tags=tags,
        current_streak=current,
        longest_streak=longest,
        hours=sum(e.hours or 0 for e in published),
        warnings=problems.warnings,
    )


def group_tags(entries: list[Entry]) -> dict[str, list[Entry]]:
    """Entries per tag, newest first; `Redis` and `redis` are one tag, named as first written."""
    names: dict[str, str] = {}
    groups: dict[str, list[Entry]] = defaultdict(list)
    for entry in reversed(entries):
        for tag in entry.tags:
            key = tag.casefold()
            names.setdefault(key, tag)
            if entry not in groups[key]:
                groups[key].append(entry)
    return {names[key]: groups[key] for key in sorted(groups)}


def entry_title(entry: Entry, units: list[Unit]) -> str:
    """The front-matter title, else the planned day's title, else the first heading, else the file name."""
    return entry.title or (units[0].node.title if units else None) or entry.heading or entry.stem


def plan_units(roadmap: Roadmap) -> list[Unit]:
    """Every planned day (one per day of a range) and every week without days, with its dates."""
    units: list[Unit] = []
    for node in roadmap.walk():
        if node.kind == "day":
            for number in range(node.number, node.last + 1):
                dates = [day_date(roadmap, number)] if roadmap.start else []
                units.append(Unit(roadmap.id, node, "day", number, dates))
        elif node.kind == "week" and not any(n.kind == "day" for n in node.walk()):
            for number in range(node.number, node.last + 1):
                dates = []
                if roadmap.start:
                    first = roadmap.start + dt.timedelta(weeks=number - 1)
                    dates = [first + dt.timedelta(days=i) for i in range(7)]
                units.append(Unit(roadmap.id, node, "week", number, dates))
    return units


def day_date(roadmap: Roadmap, number: int) -> dt.date:
    """The date of day `number`: the number-th scheduled (non-rest) date from `start`."""
    date = roadmap.start
    if not roadmap.rest_days:
        return date + dt.timedelta(days=number - 1)
    # Whole weeks first, then walk the remainder: O(1) for any number.
    per_week = 7 - len(roadmap.rest_days)
    while date.weekday() in roadmap.rest_days:
        date += dt.timedelta(days=1)
    weeks, remainder = divmod(number - 1, per_week)
    date += dt.timedelta(weeks=weeks)
    while remainder:
        date += dt.timedelta(days=1)
        if date.weekday() not in roadmap.rest_days:
            remainder -= 1
    return date


def unit_state(unit: Unit, today: dt.date) -> str:
    """done / partial / skipped from its entries, else missed when its dates are past, else planned."""
    statuses = {e.status for e in unit.entries}
    for status in ("done", "partial", "skipped"):
        if status in statuses:
            return status
    if unit.dates and unit.dates[-1] < today:
        return "missed"
    return "planned"


def _check_urls(entries: list[Entry], problems: Collector) -> None:
    seen: dict[str, Entry] = {}
    for entry in sorted(entries, key=lambda e: e.path):
        if entry.stem in RESERVED_STEMS:
            problems.error(
                entry.path, 1, f"the file name {entry.stem!r} is reserved; rename the file"
            )
        elif entry.stem in seen:
            problems.error(
                entry.path,
                1,
                f"two entries would have the URL /journal/{entry.stem}/ (also {seen[entry.stem].path})",
            )
        seen.setdefault(entry.stem, entry)


def _link_entries(
    entries: list[Entry], roadmaps: list[Roadmap], units: dict[str, list[Unit]], problems: Collector
) -> dict[str, list[Unit]]:
    by_id = {r.id: r for r in roadmaps}
    linked: dict[str, list[Unit]] = {}
    for entry in entries:
        found = _units_of(entry, by_id, units, problems)
        for unit in found:
            unit.entries.append(entry)
        linked[entry.stem] = found
    return linked


def _units_of(
    entry: Entry, by_id: dict[str, Roadmap], units: dict[str, list[Unit]], problems: Collector
) -> list[Unit]:
    if entry.roadmap is None:
        on_date = [u for us in units.values() for u in us if entry.date in u.dates]
        # Without `roadmap:`, an entry credits a day only when exactly one roadmap plans that date.
        return on_date if len({u.roadmap for u in on_date}) == 1 else []
    if entry.roadmap not in by_id:
        close = difflib.get_close_matches(entry.roadmap, list(by_id), n=1)
        hint = (
            f" (did you mean {close[0]!r}?)"
            if close
            else f" (known: {', '.join(sorted(by_id)) or 'none'})"
        )
        problems.error(
            entry.path, entry.lines.get("roadmap", 1), f"unknown roadmap {entry.roadmap!r}{hint}"
        )
        return []
    mine = units[entry.roadmap]
    for kind, number in (("day", entry.day), ("week", entry.week)):
        if number is None:
            continue
        match = [u for u in mine if u.kind == kind and u.number == number]
        if not match and kind == "week":
            match = [
                u for u in mine if u.kind == "day" and _week_of(u, by_id[entry.roadmap]) == number
            ]
        if not match:
            numbers = [u.number for u in mine if u.kind == kind]
            span = f"{kind}s {min(numbers)}-{max(numbers)}" if numbers else f"no {kind}s"
            problems.error(
                entry.path,
                entry.lines.get(kind, 1),
                f"{kind} {number} is not in roadmap {entry.roadmap!r} ({span})",
            )
        return match
    on_date = [u for u in mine if entry.date in u.dates]
    if not on_date:
        problems.warn(
            entry.path,
            entry.lines.get("roadmap", 1),
            f"{entry.date} is not a planned day of roadmap {entry.roadmap!r}; add `day:` to link it",
        )
    return on_date


def _week_of(unit: Unit, roadmap: Roadmap) -> int | None:
    if not unit.dates or not roadmap.start:
        return None
    return (unit.dates[0] - roadmap.start).days // 7 + 1


def _view(roadmap: Roadmap, units: list[Unit], today: dt.date) -> RoadmapView:
    by_node: dict[int, list[Unit]] = defaultdict(list)
    for unit in units:
        by_node[id(unit.node)].append(unit)
    node_units: dict[int, list[Unit]] = {}
    node_progress: dict[int, Progress] = {}
    for top in roadmap.children:
        _collect(top, by_node, node_units, node_progress)
    return RoadmapView(
        roadmap=roadmap,
        units=units,
        progress=count_progress(units, roadmap),
        node_progress=node_progress,
        node_units=node_units,
        today_units=[u for u in units if today in u.dates],
    )


def _collect(node: Node, by_node, node_units, node_progress) -> list[Unit]:
    mine = list(by_node.get(id(node), []))
    for child in node.children:
        mine += _collect(child, by_node, node_units, node_progress)
    node_units[id(node)] = mine
    node_progress[id(node)] = count_progress(mine)
    return mine


def count_progress(units: list[Unit], roadmap: Roadmap | None = None) -> Progress:
    """Count units by state; a roadmap without units counts its checklist items instead."""
    progress = Progress()
    if not units and roadmap is not None:
        items = [i for n in roadmap.walk() for i in n.checklist_items()]
        progress.total = len(items)
        progress.done = sum(i.done for i in items)
        progress.planned = progress.total - progress.done
        return progress
    progress.total = len(units)
    for unit in units:
        setattr(progress, unit.state, getattr(progress, unit.state) + 1)
    return progress


def build_calendar(
    roadmaps: list[Roadmap],
    units: dict[str, list[Unit]],
    entries: list[Entry],
    commits: list[Commit],
    today: dt.date,
) -> dict[dt.date, CalendarDay]:
    """One CalendarDay per date that has a plan, an entry, a commit or a rest day, in date order."""
    days: dict[dt.date, CalendarDay] = {}

    def day(date: dt.date) -> CalendarDay:
        return days.setdefault(date, CalendarDay(date))

    for roadmap in roadmaps:
        roadmap_units = units[roadmap.id]
        dated = [d for u in roadmap_units for d in u.dates]
        if roadmap.rest_days and dated:
            span = (max(dated) - min(dated)).days + 1
            for offset in range(span):
                date = min(dated) + dt.timedelta(days=offset)
                if date.weekday() in roadmap.rest_days:
                    day(date).rest = True
        for unit in roadmap_units:
            for date in unit.dates:
                day(date).units.append(unit)
    for entry in entries:
        day(entry.date).entries.append(entry)
    for commit in commits:
        day(commit.date).commits.append(commit)
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


def streaks(calendar: dict[dt.date, CalendarDay], today: dt.date) -> tuple[int, int]:
    """(current, longest) runs of consecutive days with a done or partial entry."""
    logged = sorted(d for d, c in calendar.items() if any(e.status != "skipped" for e in c.entries))
    longest = run = 0
    previous = None
    for date in logged:
        run = run + 1 if previous and (date - previous).days == 1 else 1
        longest = max(longest, run)
        previous = date
    current = 0
    # Today still counts as "in progress": the streak lives on until tomorrow.
    date = today if today in logged else today - dt.timedelta(days=1)
    logged_set = set(logged)
    while date in logged_set:
        current += 1
        date -= dt.timedelta(days=1)
    return current, longest
