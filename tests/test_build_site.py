"""build_site is pure: roadmaps, entries and commits as literals in, a Site out."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.build_schedule import day_date, plan_units
from generator.build_site import build_site, entry_title
from generator.errors import RoadlogError
from generator.model import ChecklistItem, Commit, Entry, Node, Roadmap
from generator.render_pages import (
    combined_state,
    last_twelve_months,
    summary,
)

D = dt.date
WEEKDAYS = frozenset({5, 6})
START = D(2026, 1, 1)  # a Thursday


# --- helpers -----------------------------------------------------------------------------


def day(number: int, last: int | None = None, title: str | None = None, **kw) -> Node:
    """A day node, or a range of days when `last` is given."""
    return Node(
        kind="day", title=title or f"Topic {number}", number=number, last=last or number, **kw
    )


def days(first: int, last: int) -> list[Node]:
    """One day node per number from `first` to `last`."""
    return [day(n) for n in range(first, last + 1)]


def week(number: int, *children: Node, title: str | None = None) -> Node:
    """A week node, with or without days."""
    return Node(
        kind="week", title=title or f"Week {number}", number=number, children=list(children)
    )


def month(number: int, *children: Node) -> Node:
    """A month node."""
    return Node(kind="month", title=f"Month {number}", number=number, children=list(children))


def roadmap(
    id: str = "r",
    start: dt.date | None = START,
    children: list[Node] | None = None,
    rest_days: frozenset[int] = frozenset(),
) -> Roadmap:
    """A roadmap; days 1-10 from 2026-01-01 (a Thursday), daily, unless told otherwise."""
    return Roadmap(
        id=id,
        title=id.title(),
        path=f"roadmaps/{id}.yaml",
        start=start,
        rest_days=rest_days,
        children=days(1, 10) if children is None else children,
    )


def entry(stem: str, date: dt.date, folder: str = "journal", **kw) -> Entry:
    """An entry at `folder/stem.md`."""
    kw.setdefault("body", "")
    return Entry(path=f"{folder}/{stem}.md", stem=stem, date=date, **kw)


def commit(when: dt.datetime, sha: str = "abc1234", subject: str = "Work") -> Commit:
    """A commit in the site's own repo."""
    return Commit(repo="site", sha=sha, when=when, author="Ada", subject=subject)


def naive_day_date(start: dt.date, rest_days: frozenset[int], number: int) -> dt.date:
    """Walk the calendar one date at a time counting scheduled days."""
    date, count = start, 0
    while True:
        if date.weekday() not in rest_days:
            count += 1
            if count == number:
                return date
        date += dt.timedelta(days=1)


def units_by_number(site, roadmap_id: str = "r") -> dict[int, object]:
    """The units of a roadmap view keyed by number (day units only)."""
    view = next(v for v in site.roadmaps if v.roadmap.id == roadmap_id)
    return {u.number: u for u in view.units if u.kind == "day"}


def view_of(site, roadmap_id: str = "r"):
    """The RoadmapView of `roadmap_id`."""
    return next(v for v in site.roadmaps if v.roadmap.id == roadmap_id)


# --- day_date ------------------------------------------------------------------------------


def test_day_date_daily():
    r = roadmap(start=D(2026, 1, 1))
    assert day_date(r, 1) == D(2026, 1, 1)
    assert day_date(r, 2) == D(2026, 1, 2)
    assert day_date(r, 31) == D(2026, 1, 31)
    assert day_date(r, 32) == D(2026, 2, 1)
    assert day_date(r, 365) == D(2026, 12, 31)


def test_day_date_weekdays_starting_on_a_saturday():
    r = roadmap(start=D(2026, 1, 3), rest_days=WEEKDAYS)  # a Saturday
    assert D(2026, 1, 3).weekday() == 5
    assert day_date(r, 1) == D(2026, 1, 5)  # Monday
    assert day_date(r, 5) == D(2026, 1, 9)  # Friday
    assert day_date(r, 6) == D(2026, 1, 12)  # next Monday
    assert day_date(r, 10) == D(2026, 1, 16)
    assert day_date(r, 11) == D(2026, 1, 19)


def test_day_date_custom_rest_days():
    # Rest on Wednesdays and Sundays, starting on a Monday.
    r = roadmap(start=D(2026, 1, 5), rest_days=frozenset({2, 6}))
    got = [day_date(r, n) for n in range(1, 7)]
    assert got == [
        D(2026, 1, 5),  # Mon
        D(2026, 1, 6),  # Tue
        D(2026, 1, 8),  # Thu
        D(2026, 1, 9),  # Fri
        D(2026, 1, 10),  # Sat
        D(2026, 1, 12),  # Mon
    ]


@pytest.mark.parametrize(
    ("start", "rest_days"),
    [
        (D(2026, 1, 1), frozenset()),
        (D(2026, 1, 3), WEEKDAYS),  # starts on a rest day
        (D(2026, 1, 5), WEEKDAYS),
        (D(2026, 1, 7), frozenset({2, 4})),  # starts on a rest day (Wednesday)
        (D(2026, 1, 4), frozenset({6})),  # starts on a Sunday rest day
        (D(2027, 12, 30), frozenset({0, 1, 2, 3, 4, 5})),  # one day a week, across a year
        (D(2028, 2, 27), frozenset({1, 3})),  # across Feb 29 of a leap year
    ],
)
def test_day_date_matches_a_day_by_day_walk(start, rest_days):
    r = roadmap(start=start, rest_days=rest_days)
    for number in range(1, 401):
        assert day_date(r, number) == naive_day_date(start, rest_days, number), number


def test_day_date_never_lands_on_a_rest_day():
    r = roadmap(start=D(2026, 3, 1), rest_days=frozenset({0, 3, 6}))
    for number in range(1, 401):
        assert day_date(r, number).weekday() not in r.rest_days


# --- plan_units ----------------------------------------------------------------------------


def test_plan_units_one_unit_per_day():
    units = plan_units(roadmap(children=days(1, 3)))
    assert [(u.roadmap, u.kind, u.number) for u in units] == [
        ("r", "day", 1),
        ("r", "day", 2),
        ("r", "day", 3),
    ]
    assert [u.dates for u in units] == [[D(2026, 1, 1)], [D(2026, 1, 2)], [D(2026, 1, 3)]]
    assert [u.label for u in units] == ["Day 1", "Day 2", "Day 3"]
    assert all(u.state == "planned" for u in units)


def test_plan_units_range_makes_one_unit_per_day_sharing_the_node():
    node = day(8, 9, title="Sockets")
    units = plan_units(roadmap(children=[*days(1, 7), node, day(10)]))
    eight, nine = (u for u in units if u.number in (8, 9))
    assert eight.node is node and nine.node is node
    assert eight.dates == [D(2026, 1, 8)]
    assert nine.dates == [D(2026, 1, 9)]
    assert [u.number for u in units] == list(range(1, 11))
    assert node.label == "Days 8-9"


def test_plan_units_range_on_a_weekdays_schedule():
    r = roadmap(start=D(2026, 1, 5), rest_days=WEEKDAYS, children=[*days(1, 4), day(5, 6)])
    units = plan_units(r)
    assert [u.dates for u in units][-2:] == [[D(2026, 1, 9)], [D(2026, 1, 12)]]


def test_plan_units_week_without_days_is_a_week_unit_of_seven_dates():
    r = roadmap(start=D(2026, 1, 5), children=[week(1), week(2), week(3)])
    units = plan_units(r)
    assert [(u.kind, u.number) for u in units] == [("week", 1), ("week", 2), ("week", 3)]
    second = units[1]
    assert second.label == "Week 2"
    assert second.dates == [D(2026, 1, 12) + dt.timedelta(days=i) for i in range(7)]
    assert units[2].dates[0] == D(2026, 1, 5) + dt.timedelta(days=14)
    assert units[2].dates[-1] == D(2026, 1, 25)


def test_plan_units_week_with_days_gives_only_day_units():
    r = roadmap(children=[week(1, *days(1, 7)), week(2)])
    units = plan_units(r)
    assert [(u.kind, u.number) for u in units] == [("day", n) for n in range(1, 8)] + [("week", 2)]


def test_plan_units_nested_in_phases_and_months():
    phase = Node(kind="phase", title="Basics", number=1, children=[month(1, week(1, *days(1, 3)))])
    units = plan_units(roadmap(children=[phase]))
    assert [u.number for u in units] == [1, 2, 3]


def test_plan_units_undated_roadmap_has_no_dates():
    r = roadmap(start=None, children=[*days(1, 2), day(3, 4), week(5)])
    units = plan_units(r)
    assert [(u.kind, u.number) for u in units] == [
        ("day", 1),
        ("day", 2),
        ("day", 3),
        ("day", 4),
        ("week", 5),
    ]
    assert all(u.dates == [] for u in units)


def test_undated_roadmap_units_stay_planned_and_link_by_day():
    r = roadmap(start=None, children=days(1, 3))
    site = build_site([r], [entry("a", D(2026, 5, 1), roadmap="r", day=2)], [], D(2027, 1, 1))
    units = units_by_number(site)
    assert units[1].state == "planned"
    assert units[2].state == "done"
    assert site.entry_units["a"] == [units[2]]


# --- linking -------------------------------------------------------------------------------


def test_link_explicit_roadmap_and_day():
    e = entry("late", D(2026, 1, 6), roadmap="r", day=3)
    site = build_site([roadmap()], [e], [], D(2026, 1, 6))
    units = units_by_number(site)
    assert site.entry_units["late"] == [units[3]]
    assert [x.stem for x in units[3].entries] == ["late"]
    assert units[6].entries == []


def test_link_day_of_a_range_links_only_that_day():
    r = roadmap(children=[*days(1, 7), day(8, 9), day(10)])
    site = build_site([r], [entry("a", D(2026, 1, 9), roadmap="r", day=9)], [], D(2026, 1, 9))
    units = units_by_number(site)
    assert site.entry_units["a"] == [units[9]]
    assert units[8].state == "missed"
    assert units[9].state == "done"


def test_link_roadmap_and_week_of_week_units():
    r = roadmap(start=D(2026, 1, 5), children=[week(1), week(2), week(3)])
    site = build_site([r], [entry("a", D(2026, 1, 30), roadmap="r", week=2)], [], D(2026, 2, 1))
    view = view_of(site)
    assert [(u.number, u.state) for u in view.units] == [
        (1, "missed"),
        (2, "done"),
        (3, "missed"),
    ]
    assert site.entry_units["a"] == [view.units[1]]


def test_link_roadmap_and_week_of_a_roadmap_with_days():
    # Week 2 of a daily roadmap starting 2026-01-01 is days 8-14.
    r = roadmap(children=days(1, 20))
    site = build_site([r], [entry("a", D(2026, 1, 20), roadmap="r", week=2)], [], D(2026, 1, 20))
    assert [u.number for u in site.entry_units["a"]] == list(range(8, 15))


def test_link_roadmap_without_day_uses_the_date():
    e = entry("a", D(2026, 1, 3), roadmap="r")
    site = build_site([roadmap()], [e], [], D(2026, 1, 3))
    units = units_by_number(site)
    assert site.entry_units["a"] == [units[3]]
    assert units[3].state == "done"
    assert site.warnings == []


def test_link_roadmap_without_day_on_a_week_unit():
    r = roadmap(start=D(2026, 1, 5), children=[week(1), week(2)])
    site = build_site([r], [entry("a", D(2026, 1, 14), roadmap="r")], [], D(2026, 1, 14))
    assert [(u.kind, u.number) for u in site.entry_units["a"]] == [("week", 2)]


def test_entry_without_roadmap_credits_the_single_roadmap_planned_that_date():
    a = roadmap("a")
    b = roadmap("b", start=D(2026, 2, 1))
    site = build_site([a, b], [entry("x", D(2026, 1, 2))], [], D(2026, 1, 2))
    assert [(u.roadmap, u.number) for u in site.entry_units["x"]] == [("a", 2)]
    assert units_by_number(site, "a")[2].state == "done"
    assert all(u.entries == [] for u in view_of(site, "b").units)


def test_entry_without_roadmap_credits_nothing_when_two_roadmaps_plan_that_date():
    a = roadmap("a")
    b = roadmap("b")
    site = build_site([a, b], [entry("x", D(2026, 1, 2))], [], D(2026, 1, 3))
    assert site.entry_units["x"] == []
    assert units_by_number(site, "a")[2].state == "missed"
    assert units_by_number(site, "b")[2].state == "missed"
    # The entry still shows on the calendar.
    assert site.calendar[D(2026, 1, 2)].entries[0].stem == "x"


def test_entry_without_roadmap_on_an_unplanned_date_credits_nothing():
    site = build_site([roadmap()], [entry("x", D(2025, 12, 1))], [], D(2026, 1, 1))
    assert site.entry_units["x"] == []
    assert site.warnings == []


def test_unknown_roadmap_is_an_error_with_a_suggestion():
    roadmaps = [roadmap("backend-365"), roadmap("frontend-90")]
    e = entry("x", D(2026, 1, 1), roadmap="backend-356", lines={"roadmap": 3})
    with pytest.raises(RoadlogError) as error:
        build_site(roadmaps, [e], [], D(2026, 1, 1))
    assert str(error.value) == (
        "journal/x.md:3: unknown roadmap 'backend-356' (did you mean 'backend-365'?)"
    )


def test_unknown_roadmap_without_a_close_match_lists_the_known_ones():
    roadmaps = [roadmap("backend-365"), roadmap("frontend-90")]
    e = entry("x", D(2026, 1, 1), roadmap="zzz")
    with pytest.raises(RoadlogError) as error:
        build_site(roadmaps, [e], [], D(2026, 1, 1))
    assert str(error.value) == (
        "journal/x.md:1: unknown roadmap 'zzz' (known: backend-365, frontend-90)"
    )


def test_day_out_of_range_is_an_error():
    e = entry("x", D(2026, 1, 1), roadmap="r", day=12, lines={"day": 4})
    with pytest.raises(RoadlogError) as error:
        build_site([roadmap()], [e], [], D(2026, 1, 1))
    assert str(error.value) == "journal/x.md:4: day 12 is not in roadmap 'r' (days 1-10)"


def test_week_out_of_range_is_an_error():
    r = roadmap(start=D(2026, 1, 5), children=[week(1), week(2), week(3)])
    e = entry("x", D(2026, 1, 5), roadmap="r", week=9, lines={"week": 5})
    with pytest.raises(RoadlogError) as error:
        build_site([r], [e], [], D(2026, 1, 5))
    assert str(error.value) == "journal/x.md:5: week 9 is not in roadmap 'r' (weeks 1-3)"


def test_every_linking_error_is_reported_at_once():
    entries = [
        entry("a", D(2026, 1, 1), roadmap="nope"),
        entry("b", D(2026, 1, 2), roadmap="r", day=99),
    ]
    with pytest.raises(RoadlogError) as error:
        build_site([roadmap()], entries, [], D(2026, 1, 2))
    assert [p.path for p in error.value.problems] == ["journal/a.md", "journal/b.md"]


def test_entry_on_a_non_planned_day_of_its_roadmap_warns():
    r = roadmap(start=D(2026, 1, 5), rest_days=WEEKDAYS)
    e = entry("sat", D(2026, 1, 10), roadmap="r", lines={"roadmap": 2})  # a Saturday
    site = build_site([r], [e], [], D(2026, 1, 12))
    assert site.entry_units["sat"] == []
    assert len(site.warnings) == 1
    warning = site.warnings[0]
    assert (warning.path, warning.line, warning.warning) == ("journal/sat.md", 2, True)
    assert "2026-01-10" in warning.message
    assert "'r'" in warning.message
    assert str(warning).startswith("journal/sat.md:2: warning: ")


def test_entry_before_the_start_of_its_roadmap_warns():
    site = build_site([roadmap()], [entry("x", D(2025, 12, 31), roadmap="r")], [], D(2026, 1, 1))
    assert site.entry_units["x"] == []
    assert [w.path for w in site.warnings] == ["journal/x.md"]


# --- states --------------------------------------------------------------------------------


def test_unit_states_from_entries_and_today():
    entries = [
        entry("d1", D(2026, 1, 1), roadmap="r"),
        entry("d2", D(2026, 1, 2), roadmap="r", status="partial"),
        entry("d3", D(2026, 1, 3), roadmap="r", status="skipped"),
    ]
    site = build_site([roadmap(children=days(1, 6))], entries, [], D(2026, 1, 5))
    states = {n: u.state for n, u in units_by_number(site).items()}
    assert states == {
        1: "done",
        2: "partial",
        3: "skipped",
        4: "missed",  # past, no entry
        5: "planned",  # today
        6: "planned",  # future
    }


def test_today_with_an_entry_is_done():
    site = build_site([roadmap()], [entry("x", D(2026, 1, 5))], [], D(2026, 1, 5))
    assert units_by_number(site)[5].state == "done"
    assert view_of(site).today_units == [units_by_number(site)[5]]


def test_week_unit_is_planned_until_its_last_date_has_passed():
    r = roadmap(start=D(2026, 1, 5), children=[week(1), week(2)])
    site = build_site([r], [], [], D(2026, 1, 11))  # the last day of week 1
    assert [u.state for u in view_of(site).units] == ["planned", "planned"]
    site = build_site([r], [], [], D(2026, 1, 12))
    assert [u.state for u in view_of(site).units] == ["missed", "planned"]


def test_day_done_later_makes_the_unit_done():
    late = entry("late", D(2026, 1, 3), roadmap="r", day=1)
    site = build_site([roadmap()], [late], [], D(2026, 1, 4))
    units = units_by_number(site)
    assert units[1].state == "done"
    assert [e.stem for e in units[1].entries] == ["late"]
    assert units[3].state == "missed"
    assert site.calendar[D(2026, 1, 1)].state == "done"
    assert site.calendar[D(2026, 1, 1)].entries == []
    assert site.calendar[D(2026, 1, 3)].state == "done"
    assert [e.stem for e in site.calendar[D(2026, 1, 3)].entries] == ["late"]


def test_best_status_wins_when_a_unit_has_several_entries():
    entries = [
        entry("a", D(2026, 1, 1), roadmap="r", day=1, status="skipped"),
        entry("b", D(2026, 1, 2), roadmap="r", day=1, status="partial"),
    ]
    site = build_site([roadmap()], entries, [], D(2026, 1, 3))
    assert units_by_number(site)[1].state == "partial"


def test_calendar_day_states():
    r = roadmap(start=D(2026, 1, 5), rest_days=WEEKDAYS, children=days(1, 10))  # Jan 5-16
    entries = [
        entry("mon", D(2026, 1, 5)),
        entry("tue", D(2026, 1, 6), status="partial"),
        entry("wed", D(2026, 1, 7), status="skipped"),
        entry("sun", D(2026, 1, 11), status="partial"),  # an entry on a rest day
    ]
    commits = [
        commit(dt.datetime(2025, 12, 20, 10, 0, tzinfo=dt.UTC)),  # commit only
        commit(dt.datetime(2026, 1, 10, 9, 0, tzinfo=dt.UTC)),  # on a rest day
    ]
    site = build_site([r], entries, commits, D(2026, 1, 13))
    cal = site.calendar
    assert cal[D(2026, 1, 5)].state == "done"
    assert cal[D(2026, 1, 6)].state == "partial"
    assert cal[D(2026, 1, 7)].state == "skipped"
    assert cal[D(2026, 1, 8)].state == "missed"
    assert cal[D(2026, 1, 9)].state == "missed"
    assert cal[D(2026, 1, 10)].state == "rest"
    assert cal[D(2026, 1, 10)].rest is True
    assert len(cal[D(2026, 1, 10)].commits) == 1
    assert cal[D(2026, 1, 11)].state == "partial"  # entries first
    assert cal[D(2026, 1, 12)].state == "missed"
    assert cal[D(2026, 1, 13)].state == "planned"  # today
    assert cal[D(2026, 1, 16)].state == "planned"
    assert cal[D(2025, 12, 20)].state == "none"
    assert [c.sha for c in cal[D(2025, 12, 20)].commits] == ["abc1234"]
    assert list(cal) == sorted(cal)
    assert all(
        c.state in {"done", "partial", "skipped", "missed", "planned", "rest", "none"}
        for c in cal.values()
    )


def test_calendar_best_entry_status_wins_on_a_day():
    entries = [
        entry("a", D(2026, 1, 2), status="skipped"),
        entry("b", D(2026, 1, 2), status="done"),
        entry("c", D(2026, 1, 2), status="partial"),
    ]
    site = build_site([], entries, [], D(2026, 1, 3))
    assert site.calendar[D(2026, 1, 2)].state == "done"


def test_calendar_uses_the_local_date_of_a_commit():
    tz = dt.timezone(dt.timedelta(hours=-5))
    late = commit(dt.datetime(2026, 1, 5, 23, 30, tzinfo=tz))
    site = build_site([], [], [late], D(2026, 1, 6))
    assert list(site.calendar) == [D(2026, 1, 5)]
    assert site.commits == [late]


def test_calendar_day_hours():
    entries = [entry("a", D(2026, 1, 2), hours=1.5), entry("b", D(2026, 1, 2), hours=2)]
    site = build_site([], entries, [], D(2026, 1, 3))
    assert site.calendar[D(2026, 1, 2)].hours == 3.5


# --- drafts --------------------------------------------------------------------------------


def _draft_inputs():
    entries = [
        entry("pub", D(2026, 1, 1), tags=["go"], hours=1),
        entry("draft", D(2026, 1, 2), tags=["secret", "go"], hours=5, draft=True),
    ]
    return [roadmap()], entries


def test_drafts_are_excluded_by_default():
    roadmaps, entries = _draft_inputs()
    site = build_site(roadmaps, entries, [], D(2026, 1, 2))
    assert [e.stem for e in site.entries] == ["pub"]
    assert [e.stem for e in site.newest_first()] == ["pub"]
    assert "secret" not in site.topics
    assert [e.stem for e in site.topics["go"].entries] == ["pub"]
    assert "draft" not in site.entry_units
    assert site.calendar[D(2026, 1, 2)].entries == []
    assert site.calendar[D(2026, 1, 2)].state == "planned"
    assert units_by_number(site)[2].entries == []
    assert units_by_number(site)[2].state == "planned"
    assert site.current_streak == 1
    assert site.longest_streak == 1
    assert site.hours == 1
    assert view_of(site).progress.done == 1


def test_a_draft_never_credits_a_past_day():
    roadmaps, entries = _draft_inputs()
    site = build_site(roadmaps, entries, [], D(2026, 1, 3))
    assert units_by_number(site)[2].state == "missed"
    assert site.calendar[D(2026, 1, 2)].state == "missed"


def test_drafts_are_included_on_request():
    roadmaps, entries = _draft_inputs()
    site = build_site(roadmaps, entries, [], D(2026, 1, 2), include_drafts=True)
    assert [e.stem for e in site.entries] == ["pub", "draft"]
    assert [e.stem for e in site.topics["secret"].entries] == ["draft"]
    assert [e.stem for e in site.topics["go"].entries] == ["draft", "pub"]
    assert [u.number for u in site.entry_units["draft"]] == [2]
    assert site.calendar[D(2026, 1, 2)].state == "done"
    assert units_by_number(site)[2].state == "done"
    assert site.current_streak == 2
    assert site.hours == 6
    assert view_of(site).progress.done == 2


# --- streaks -------------------------------------------------------------------------------


def _streaks(dates, today, status=None):
    status = status or {}
    entries = [entry(d.isoformat(), d, status=status.get(d, "done")) for d in dates]
    site = build_site([], entries, [], today)
    return site.current_streak, site.longest_streak


def _run(first: dt.date, count: int) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range(count)]


def test_current_streak_counts_today():
    assert _streaks(_run(D(2026, 1, 1), 3), D(2026, 1, 3)) == (3, 3)


def test_current_streak_lives_on_from_yesterday_when_today_has_no_entry_yet():
    assert _streaks(_run(D(2026, 1, 1), 3), D(2026, 1, 4)) == (3, 3)


def test_current_streak_is_zero_after_a_missed_day():
    assert _streaks(_run(D(2026, 1, 1), 3), D(2026, 1, 5)) == (0, 3)


def test_no_entries_no_streak():
    assert _streaks([], D(2026, 1, 5)) == (0, 0)


def test_streak_broken_by_a_gap():
    dates = [D(2026, 1, 1), D(2026, 1, 2), D(2026, 1, 4), D(2026, 1, 5)]
    assert _streaks(dates, D(2026, 1, 5)) == (2, 2)


def test_longest_streak_is_the_longest_run():
    dates = _run(D(2026, 1, 1), 5) + _run(D(2026, 1, 10), 2)
    assert _streaks(dates, D(2026, 1, 11)) == (2, 5)


def test_partial_counts_skipped_does_not():
    dates = _run(D(2026, 1, 1), 4)
    status = {D(2026, 1, 2): "partial", D(2026, 1, 3): "skipped"}
    assert _streaks(dates, D(2026, 1, 4), status) == (1, 2)


def test_two_entries_on_one_day_count_once():
    entries = [entry("a", D(2026, 1, 1)), entry("b", D(2026, 1, 1)), entry("c", D(2026, 1, 2))]
    site = build_site([], entries, [], D(2026, 1, 2))
    assert (site.current_streak, site.longest_streak) == (2, 2)


def test_commits_alone_do_not_make_a_streak():
    commits = [commit(dt.datetime(2026, 1, 2, 12, tzinfo=dt.UTC))]
    site = build_site([], [entry("a", D(2026, 1, 1))], commits, D(2026, 1, 2))
    assert (site.current_streak, site.longest_streak) == (1, 1)


def test_streak_across_a_month_and_year_boundary():
    dates = _run(D(2025, 12, 29), 6)  # Dec 29 .. Jan 3
    assert _streaks(dates, D(2026, 1, 3)) == (6, 6)
    assert _streaks(dates, D(2026, 1, 4)) == (6, 6)


def test_streak_across_feb_29_of_a_leap_year():
    dates = [D(2028, 2, 27), D(2028, 2, 28), D(2028, 2, 29), D(2028, 3, 1)]
    assert _streaks(dates, D(2028, 3, 1)) == (4, 4)
    # Without Feb 29 the run is broken.
    assert _streaks([D(2028, 2, 28), D(2028, 3, 1)], D(2028, 3, 1)) == (1, 1)


def test_streak_across_the_end_of_february_in_a_common_year():
    dates = [D(2027, 2, 27), D(2027, 2, 28), D(2027, 3, 1)]
    assert _streaks(dates, D(2027, 3, 2)) == (3, 3)


# --- progress ------------------------------------------------------------------------------


def test_progress_counts_and_percent():
    entries = [
        entry("a", D(2026, 1, 1), roadmap="r"),
        entry("b", D(2026, 1, 2), roadmap="r", status="partial"),
        entry("c", D(2026, 1, 3), roadmap="r", status="skipped"),
        entry("d", D(2026, 1, 4), roadmap="r"),
    ]
    site = build_site([roadmap(children=days(1, 8))], entries, [], D(2026, 1, 6))
    p = view_of(site).progress
    assert (p.total, p.done, p.partial, p.skipped, p.missed, p.planned) == (8, 2, 1, 1, 1, 3)
    assert p.percent == 25


def test_progress_percent_rounds():
    site = build_site(
        [roadmap(children=days(1, 3))], [entry("a", D(2026, 1, 1))], [], D(2026, 1, 1)
    )
    assert view_of(site).progress.percent == 33


def test_progress_per_roadmap():
    a = roadmap("a", children=days(1, 2))
    b = roadmap("b", start=D(2026, 2, 1), children=days(1, 4))
    entries = [entry("x", D(2026, 1, 1), roadmap="a"), entry("y", D(2026, 1, 2), roadmap="a")]
    site = build_site([a, b], entries, [], D(2026, 1, 2))
    assert (view_of(site, "a").progress.done, view_of(site, "a").progress.percent) == (2, 100)
    assert (view_of(site, "b").progress.total, view_of(site, "b").progress.percent) == (4, 0)


def test_node_progress_of_a_month():
    m1 = month(1, week(1, *days(1, 4)))
    m2 = month(2, *days(5, 8))
    entries = [
        entry("a", D(2026, 1, 1), roadmap="r"),
        entry("b", D(2026, 1, 2), roadmap="r", status="partial"),
        entry("c", D(2026, 1, 4), roadmap="r", day=5),  # a day ahead, written today
    ]
    site = build_site([roadmap(children=[m1, m2])], entries, [], D(2026, 1, 4))
    view = view_of(site)
    p1 = view.node_progress[id(m1)]
    assert (p1.total, p1.done, p1.partial, p1.missed, p1.planned) == (4, 1, 1, 1, 1)
    assert p1.percent == 25
    p2 = view.node_progress[id(m2)]
    assert (p2.total, p2.done, p2.planned) == (4, 1, 3)
    assert [u.number for u in view.node_units[id(m1)]] == [1, 2, 3, 4]
    assert view.node_progress[id(m1.children[0])].total == 4


def test_checklist_roadmap_progress_counts_nested_items():
    sections = [
        Node(
            kind="section",
            title="Networking",
            checklist=[
                ChecklistItem("TCP", done=True),
                ChecklistItem(
                    "UDP",
                    items=[ChecklistItem("DNS", done=True), ChecklistItem("QUIC")],
                ),
            ],
        ),
        Node(
            kind="section",
            title="Databases",
            children=[
                Node(kind="section", title="SQL", checklist=[ChecklistItem("Joins", done=True)])
            ],
            checklist=[ChecklistItem("Indexes")],
        ),
    ]
    site = build_site([roadmap("c", start=None, children=sections)], [], [], D(2026, 1, 1))
    view = view_of(site, "c")
    assert view.units == []
    p = view.progress
    assert (p.total, p.done, p.planned) == (6, 3, 3)
    assert p.percent == 50


def test_empty_roadmap_progress_is_zero():
    site = build_site([roadmap("e", children=[])], [], [], D(2026, 1, 1))
    assert view_of(site, "e").progress.total == 0
    assert view_of(site, "e").progress.percent == 0


# --- URLs ----------------------------------------------------------------------------------


def test_duplicate_stems_in_two_folders_are_an_error():
    entries = [
        entry("notes", D(2026, 1, 1), folder="journal/2026/b"),
        entry("notes", D(2026, 1, 2), folder="journal/2026/a"),
    ]
    with pytest.raises(RoadlogError) as error:
        build_site([], entries, [], D(2026, 1, 2))
    assert str(error.value) == (
        "journal/2026/b/notes.md:1: two entries would have the URL /journal/notes/ "
        "(also journal/2026/a/notes.md)"
    )


@pytest.mark.parametrize("stem", ["index", "page"])
def test_reserved_stems_are_an_error(stem):
    with pytest.raises(RoadlogError) as error:
        build_site([], [entry(stem, D(2026, 1, 1))], [], D(2026, 1, 1))
    assert str(error.value) == (
        f"journal/{stem}.md:1: the file name '{stem}' is reserved; rename the file"
    )


def test_url_and_link_errors_are_reported_together():
    entries = [
        entry("index", D(2026, 1, 1)),
        entry("x", D(2026, 1, 2), roadmap="nope"),
    ]
    with pytest.raises(RoadlogError) as error:
        build_site([roadmap()], entries, [], D(2026, 1, 2))
    assert [p.path for p in error.value.problems] == ["journal/index.md", "journal/x.md"]


# --- tags, hours, order --------------------------------------------------------------------


def test_tags_grouped_newest_first_and_sorted_by_name():
    entries = [
        entry("e2", D(2026, 1, 2), tags=["networking"]),
        entry("e1", D(2026, 1, 1), tags=["mtu", "networking"]),
        entry("e3", D(2026, 1, 3), tags=["Go"]),
    ]
    site = build_site([], entries, [], D(2026, 1, 3))
    # Tags the vocabulary does not know are topics of their own, A–Z by name.
    assert [t.name for t in site.topics.values()] == ["Go", "mtu", "networking"]
    assert [e.stem for e in site.topics["networking"].entries] == ["e2", "e1"]
    assert [e.stem for e in site.topics["mtu"].entries] == ["e1"]


def test_tags_differing_only_in_case_share_one_topic_page():
    # /topics/<slug>/ is one page per topic: two groups with the same slug would overwrite each other.
    entries = [
        entry("a", D(2026, 1, 1), tags=["Networking"]),
        entry("b", D(2026, 1, 2), tags=["networking"]),
    ]
    site = build_site([], entries, [], D(2026, 1, 2))
    assert list(site.topics) == ["networking"]
    assert sorted(e.stem for e in site.topics["networking"].entries) == ["a", "b"]


def test_site_hours():
    entries = [
        entry("a", D(2026, 1, 1), hours=1.5),
        entry("b", D(2026, 1, 2)),
        entry("c", D(2026, 1, 3), hours=2),
    ]
    site = build_site([], entries, [], D(2026, 1, 3))
    assert site.hours == 3.5


def test_entries_oldest_first_and_newest_first():
    entries = [
        entry("b", D(2026, 1, 2)),
        entry("c", D(2026, 1, 3)),
        entry("a", D(2026, 1, 1)),
        entry("a2", D(2026, 1, 1)),
    ]
    site = build_site([], entries, [], D(2026, 1, 3))
    assert [e.stem for e in site.entries] == ["a", "a2", "b", "c"]
    assert [e.stem for e in site.newest_first()] == ["c", "b", "a2", "a"]
    assert site.today == D(2026, 1, 3)


def test_build_site_does_not_reorder_its_inputs():
    entries = [entry("b", D(2026, 1, 2)), entry("a", D(2026, 1, 1))]
    build_site([], entries, [], D(2026, 1, 3))
    assert [e.stem for e in entries] == ["b", "a"]


# --- render helpers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("states", "expected"),
    [
        ([], "none"),
        (["done"], "done"),
        (["done", "done"], "done"),
        (["missed"], "missed"),
        (["done", "missed"], "partial"),
        (["partial", "planned"], "partial"),
        (["skipped", "done"], "partial"),
        (["missed", "planned"], "missed"),
        (["skipped", "missed"], "missed"),
        (["skipped", "planned"], "planned"),
    ],
)
def test_combined_state(states, expected):
    assert combined_state(states) == expected
    assert combined_state(iter(states)) == expected


def _summary(body: str, length: int = 220) -> str:
    return summary(entry("x", D(2026, 1, 1), body=body), length)


def test_summary_skips_headings_and_code():
    body = "# Day 1\n\n```python\nprint('hi')\n```\n\nToday I learned about MTU.\n\nMore."
    assert _summary(body) == "Today I learned about MTU."


def test_summary_skips_a_code_block_with_a_blank_line_inside():
    body = "# Day 1\n\n```python\nx = 1\n\ny = 2\n```\n\nToday I learned about MTU."
    assert _summary(body) == "Today I learned about MTU."


def test_summary_strips_link_and_image_markup():
    body = "Read [the RFC](https://example.com/rfc791) and ![a diagram](img.png) *twice*."
    assert _summary(body) == "Read the RFC and a diagram twice."


def test_summary_joins_lines_of_a_paragraph():
    assert _summary("One line\nand   another.\n") == "One line and another."


def test_summary_paragraph_starting_with_bold_text():
    assert _summary("**Goal:** learn TCP.") == "Goal: learn TCP."


def test_summary_keeps_underscores_inside_identifiers():
    assert _summary("Set `SO_REUSEADDR` on the socket.") == "Set SO_REUSEADDR on the socket."


def test_summary_truncates_at_a_word_with_an_ellipsis():
    text = " ".join(["word"] * 100)
    got = _summary(text, 50)
    assert got.endswith("…")
    assert len(got) <= 50
    assert got[:-1] == " ".join(["word"] * 9)


def test_summary_short_text_is_not_truncated():
    text = "x" * 220
    assert _summary(text) == text


def test_summary_of_an_empty_or_heading_only_body():
    assert _summary("") == ""
    assert _summary("# Only a heading\n\n## Another") == ""


def test_entry_titles_are_resolved_with_fallbacks():
    r = roadmap(children=[day(1, title="Bits & bytes"), *days(2, 3)])
    entries = [
        entry("titled", D(2026, 1, 1), title="My title", heading="H"),
        entry("planned", D(2026, 1, 1), heading="H", roadmap="r", day=1),
        entry("heading", D(2025, 1, 1), heading="A heading"),
        entry("bare", D(2025, 1, 2)),
    ]
    site = build_site([r], entries, [], D(2026, 1, 1))
    assert {e.stem: e.title for e in site.entries} == {
        "titled": "My title",
        "planned": "Bits & bytes",
        "heading": "A heading",
        "bare": "bare",
    }
    assert {e.stem: entry_title(e, site.entry_units[e.stem]) for e in site.entries} == {
        "titled": "My title",
        "planned": "Bits & bytes",
        "heading": "A heading",
        "bare": "bare",
    }
    # The caller's entries are left untouched.
    assert [e.title for e in entries] == ["My title", None, None, None]


@pytest.mark.parametrize(
    ("today", "first", "last"),
    [
        (D(2026, 11, 23), D(2025, 12, 1), D(2026, 11, 30)),
        (D(2026, 1, 31), D(2025, 2, 1), D(2026, 1, 31)),
        (D(2026, 12, 15), D(2026, 1, 1), D(2026, 12, 31)),
        (D(2028, 2, 10), D(2027, 3, 1), D(2028, 2, 29)),
        (D(2027, 2, 28), D(2026, 3, 1), D(2027, 2, 28)),
        (D(2026, 12, 31), D(2026, 1, 1), D(2026, 12, 31)),
    ],
)
def test_last_twelve_months(today, first, last):
    assert last_twelve_months(today) == (first, last)
