"""The pure merge: roadmaps + entries + commits + today -> Site. No disk, no git, no MkDocs."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import replace

from .build_calendar import build_calendar, streaks
from .build_periods import check_reflections
from .build_progress import build_view
from .build_reviews import build_reviews
from .build_schedule import plan_units
from .build_topics import build_topics
from .check_draft_links import check_draft_links
from .check_untouched import hide_marker, is_untouched
from .check_urls import check_entry_urls
from .errors import Collector
from .load_entries import check_urls
from .model import Commit, Entry, Roadmap, Site, TopicDef, Unit
from .render_entry import template_lines


def build_site(
    roadmaps: list[Roadmap],
    entries: list[Entry],
    commits: list[Commit],
    today: dt.date,
    include_drafts: bool = False,
    vocabulary: list[TopicDef] = (),
) -> Site:
    """Link entries to planned days, compute states, calendar, streaks, progress and topics."""
    problems = Collector()
    # Copies, so resolving titles below never touches the caller's entries.
    candidates = sorted(
        (replace(e) for e in entries if include_drafts or not e.draft),
        key=lambda e: (e.date, e.stem),
    )
    check_urls(entries, problems)
    if not include_drafts:  # a preview with drafts builds their pages: the links work
        check_draft_links(entries, problems)
    check_entry_urls(entries, list(vocabulary), problems)
    # Held-back entries too: the day one of them is published must not be the day a build fails.
    check_reflections(candidates, problems)
    units = {r.id: plan_units(r) for r in roadmaps}
    linked = _link_entries(candidates, roadmaps, units, problems)
    # Left out as drafts are: no page, link, feed item, count or credit (see hold_back).
    published = [e for e in candidates if not hold_back(e, linked[e.stem], today, problems)]
    entry_units = {e.stem: linked[e.stem] for e in published}
    for entry in published:
        entry.body = hide_marker(entry.body)
        for unit in entry_units[entry.stem]:
            unit.entries.append(entry)
    problems.raise_errors()
    for entry in published:
        entry.title = entry_title(entry, entry_units[entry.stem])
    for roadmap_units in units.values():
        for unit in roadmap_units:
            unit.state = unit_state(unit, today)
    views = [build_view(r, units[r.id], today) for r in roadmaps]
    calendar = build_calendar(roadmaps, units, published, commits, today)
    current, longest = streaks(calendar, today)
    topics, tag_slugs = build_topics(list(vocabulary), views, published, entry_units)
    site = Site(
        today=today,
        roadmaps=views,
        entries=published,
        calendar=calendar,
        commits=commits,
        entry_units=entry_units,
        topics=topics,
        tag_slugs=tag_slugs,
        vocabulary=list(vocabulary),
        current_streak=current,
        longest_streak=longest,
        hours=sum(e.hours or 0 for e in published),
        days_logged=len({e.date for e in published if e.status != "skipped"}),
    )
    site.reviews, site.review_links = build_reviews(site, problems)
    site.warnings = problems.warnings
    return site


def hold_back(entry: Entry, units: list[Unit], today: dt.date, problems: Collector) -> bool:
    """True, after a warning, for an entry the site must not show yet: still the template that
    `roadlog new` wrote, or dated after today.

    Neither is a day done: an empty template would count as a day logged and show as the latest
    entry, and a future date would be the top of the journal and of the feeds before it came. A
    future entry is published by the builds from its day on, as Hugo and Jekyll do by default.
    """
    held = entry.date > today
    if held:
        why = ""
        if (
            entry.review
            and "date" not in entry.lines
            and not entry.stem.startswith(str(entry.date))
        ):
            # A reflection without a date of its own is dated the last day of its period.
            why = f" (the last day of {entry.review}; add `date:` to publish it sooner)"
        problems.warn(
            entry.path,
            entry.lines.get("date", 1),
            f"the date {entry.date} is after today ({today}), so the entry is not published "
            f"yet; builds from that day on publish it{why}",
        )
    if is_untouched(entry.body, template_lines(units)):
        problems.warn(
            entry.path,
            entry.body_line,
            "the entry is still the template `roadlog new` wrote, so it is not published; "
            "write in it or delete the file",
        )
        held = True
    return held


def entry_title(entry: Entry, units: list[Unit]) -> str:
    """The front-matter title, else the planned day's title, else the first heading, else the file name."""
    return entry.title or (units[0].node.title if units else None) or entry.heading or entry.stem


def unit_state(unit: Unit, today: dt.date) -> str:
    """done / partial / skipped from its entries, else missed when its dates are past, else planned."""
    statuses = {e.status for e in unit.entries}
    for status in ("done", "partial", "skipped"):
        if status in statuses:
            return status
    if unit.dates and unit.dates[-1] < today:
        return "missed"
    return "planned"


def _link_entries(
    entries: list[Entry], roadmaps: list[Roadmap], units: dict[str, list[Unit]], problems: Collector
) -> dict[str, list[Unit]]:
    by_id = {r.id: r for r in roadmaps}
    # Indexes, so that linking stays linear in the number of entries.
    by_date: dict[dt.date, list[Unit]] = {}
    by_number: dict[tuple[str, str, int], list[Unit]] = {}
    for roadmap_units in units.values():
        for unit in roadmap_units:
            for date in unit.dates:
                by_date.setdefault(date, []).append(unit)
            by_number.setdefault((unit.roadmap, unit.kind, unit.number), []).append(unit)
    return {
        entry.stem: _units_of(entry, by_id, units, by_date, by_number, problems)
        for entry in entries
    }


def _units_of(
    entry: Entry,
    by_id: dict[str, Roadmap],
    units: dict[str, list[Unit]],
    by_date: dict[dt.date, list[Unit]],
    by_number: dict[tuple[str, str, int], list[Unit]],
    problems: Collector,
) -> list[Unit]:
    if entry.roadmap is None:
        on_date = list(by_date.get(entry.date, []))
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
        match = list(by_number.get((entry.roadmap, kind, number), []))
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
    on_date = [u for u in by_date.get(entry.date, []) if u.roadmap == entry.roadmap]
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
