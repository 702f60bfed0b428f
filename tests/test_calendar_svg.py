"""The SVG calendar: byte-for-byte golden files (`make golden` rewrites them) and structural facts.

Each case is a Site built from literals, so the cells' states are known: the golden files catch any
change of the markup, the structural tests say what must hold whatever the markup looks like.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import check_golden

from generator.build_site import build_site
from generator.model import STATES, CalendarDay, Commit, Entry, Node, Roadmap
from generator.render_calendar import render_calendar
from generator.render_pages import make_env
from generator.settings import Settings

GOLDEN = Path(__file__).resolve().parent / "golden"
SVG = "{http://www.w3.org/2000/svg}"
UTC = ZoneInfo("UTC")
ROOT = "../"
D = dt.date


def plan(roadmap_id: str, start: D, days: int, rest=(), pauses=()) -> Roadmap:
    """A daily roadmap of `days` days named `Topic N`, resting on weekdays `rest` (0 = Monday)."""
    return Roadmap(
        roadmap_id,
        roadmap_id.capitalize(),
        f"roadmaps/{roadmap_id}.yaml",
        start=start,
        rest_days=frozenset(rest),
        pauses=list(pauses),
        children=[Node("day", f"Topic {n}", n) for n in range(1, days + 1)],
    )


def entry(date: D, status: str = "done", hours: float | None = None, **fields) -> Entry:
    stem = f"{date.isoformat()}-{status}"
    return Entry(f"journal/{stem}.md", stem, date, "Body.", status=status, hours=hours, **fields)


def commits(when: dt.datetime, count: int) -> list[Commit]:
    return [
        Commit("journal", f"{n:040x}", when + dt.timedelta(minutes=n), "Ada", f"Commit {n}")
        for n in range(count)
    ]


@dataclass
class Case:
    """A calendar to render: its days and the range shown."""

    days: dict[D, CalendarDay]
    first: D
    last: D
    label: str = "Learning calendar"
    today: D | None = None


def year_case() -> Case:
    """2026, a plan from Mon 2 Mar resting on Sundays; today Fri 20 Mar: every state once at least."""
    demo = plan("demo", D(2026, 3, 2), 24, rest=[6])
    entries = [
        entry(D(2026, 1, 15), hours=0.5),  # outside the plan: done, no unit
        entry(D(2026, 3, 2), hours=2),
        entry(D(2026, 3, 3), "partial", hours=1),
        entry(D(2026, 3, 4), "skipped"),
        # 3-5 missed; 3-6 done with commits; 3-8 a Sunday (rest)
        entry(D(2026, 3, 6), hours=4.5),
        entry(D(2026, 3, 9), hours=1, title="A <b>bold</b> & titled day"),
        entry(D(2026, 3, 19), hours=3),  # the last entry: the mid-month case shows it
    ]
    history = commits(dt.datetime(2026, 3, 6, 20, tzinfo=UTC), 3)
    history += commits(dt.datetime(2026, 2, 10, 9, tzinfo=UTC), 2)  # activity on a plain day
    site = build_site([demo], entries, history, D(2026, 3, 20))
    return Case(site.calendar, D(2026, 1, 1), D(2026, 12, 31), today=site.today)


def weekdays_case() -> Case:
    """Fifteen weekdays from Mon 1 Jun 2026, weekends rest; today Wed 10 Jun."""
    weekdays = plan("weekdays", D(2026, 6, 1), 15, rest=[5, 6])
    entries = [entry(D(2026, 6, 1), hours=1), entry(D(2026, 6, 3), "partial")]
    site = build_site([weekdays], entries, [], D(2026, 6, 10))
    return Case(site.calendar, D(2026, 6, 1), D(2026, 6, 30), "Weekdays calendar", site.today)


def paused_case() -> Case:
    """Twenty days from Tue 1 Sep 2026, paused 8-12 Sep (days 8-20 move five days later)."""
    paused = plan("paused", D(2026, 9, 1), 20, pauses=[(D(2026, 9, 8), D(2026, 9, 12))])
    entries = [entry(D(2026, 9, day), hours=1) for day in range(1, 8)]
    entries.append(entry(D(2026, 9, 10)))  # written during the pause: done, still paused
    site = build_site([paused], entries, [], D(2026, 9, 20))
    return Case(site.calendar, D(2026, 9, 1), D(2026, 10, 31), "Paused calendar", site.today)


def leap_case() -> Case:
    """February 2028 (a leap year): a plan from Fri 25 Feb over 28 Feb, 29 Feb and 1 Mar."""
    leap = plan("leap", D(2028, 2, 25), 10)
    entries = [entry(D(2028, 2, 28), hours=1), entry(D(2028, 2, 29), hours=2)]
    site = build_site([leap], entries, [], D(2028, 3, 2))
    # Today (2 Mar) is after the range: no cell is outlined.
    return Case(site.calendar, D(2028, 2, 1), D(2028, 2, 29), today=site.today)


def mid_month_case() -> Case:
    """The year case from Wed 18 Mar to Sun 10 May: the March label would overlap April's."""
    year = year_case()
    return Case(year.days, D(2026, 3, 18), D(2026, 5, 10), today=year.today)


CASES = {
    "year": year_case,
    "weekdays": weekdays_case,
    "paused": paused_case,
    "leap-february": leap_case,
    "mid-month": mid_month_case,
}


def render(case: Case, tmp_path: Path) -> str:
    settings = Settings(root=tmp_path, site_name="Demo", site_url="https://x.example/")
    env = make_env(settings)
    return render_calendar(env, case.days, case.first, case.last, ROOT, case.label, case.today)


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name, tmp_path, request):
    check_golden(GOLDEN / f"{name}.svg", render(CASES[name](), tmp_path).encode("utf-8"), request)


# Structural facts, true of every case whatever the markup.


def parse(case: Case, tmp_path: Path) -> ET.Element:
    return ET.fromstring(render(case, tmp_path))


def cells(svg: ET.Element) -> list[ET.Element]:
    return [r for r in svg.iter(f"{SVG}rect") if r.get("data-date")]


def dates_between(first: D, last: D) -> list[str]:
    return [(first + dt.timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]


@pytest.mark.parametrize("name", sorted(CASES))
def test_one_cell_per_date_in_order(name, tmp_path):
    case = CASES[name]()
    svg = parse(case, tmp_path)
    assert [c.get("data-date") for c in cells(svg)] == dates_between(case.first, case.last)


@pytest.mark.parametrize("name", sorted(CASES))
def test_seven_weekday_rows(name, tmp_path):
    case = CASES[name]()
    rows: dict[str, set[int]] = {}
    for cell in cells(parse(case, tmp_path)):
        weekday = D.fromisoformat(cell.get("data-date")).weekday()
        rows.setdefault(cell.get("y"), set()).add(weekday)
    assert len(rows) == 7
    assert all(len(weekdays) == 1 for weekdays in rows.values())  # one weekday per row
    ys = sorted(rows, key=float)
    assert [rows[y].pop() for y in ys] == list(range(7))  # Monday on top


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_cell_has_a_state_and_a_title(name, tmp_path):
    case = CASES[name]()
    for cell in cells(parse(case, tmp_path)):
        date = D.fromisoformat(cell.get("data-date"))
        expected = case.days[date].state if date in case.days else "none"
        assert cell.get("data-state") == expected, date
        assert f"rl-{expected}" in cell.get("class").split()
        title = cell.find(f"{SVG}title")
        assert title is not None and title.text.startswith(date.strftime("%a %d %b %Y")), date


def test_legend_of_all_seven_states(tmp_path):
    """The legend beside every calendar (a macro of the page templates): one swatch per state."""
    env = make_env(Settings(root=tmp_path, site_name="Demo", site_url="https://x.example/"))
    html = env.from_string('{% from "_macros.j2" import legend %}{{ legend() }}').render()
    legend = ET.fromstring(html)
    items = legend.findall("li")
    assert ["".join(li.itertext()).strip() for li in items] == list(STATES)
    assert [li.find(".//rect").get("class") for li in items] == [f"rl-cell rl-{s}" for s in STATES]


@pytest.mark.parametrize("name", sorted(CASES))
def test_today_is_outlined(name, tmp_path):
    case = CASES[name]()
    outlined = [
        c.get("data-date") for c in cells(parse(case, tmp_path)) if "rl-today" in c.get("class")
    ]
    in_range = case.today and case.first <= case.today <= case.last
    assert outlined == ([case.today.isoformat()] if in_range else [])


@pytest.mark.parametrize("name", sorted(CASES))
def test_cells_with_an_entry_link_to_it(name, tmp_path):
    case = CASES[name]()
    svg = parse(case, tmp_path)
    linked = {}
    for link in svg.iter(f"{SVG}a"):
        [rect] = link.findall(f"{SVG}rect")
        linked[rect.get("data-date")] = link.get("href")
    expected = {
        date.isoformat(): f"{ROOT}journal/{day.entries[0].stem}/"
        for date, day in case.days.items()
        if day.entries and case.first <= date <= case.last
    }
    assert expected  # every case has entries in range
    assert linked == expected


@pytest.mark.parametrize(
    "name, months",
    [
        (
            "year",
            ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
        ),
        ("weekdays", ["Jun"]),
        ("paused", ["Sep", "Oct"]),
        ("leap-february", ["Feb"]),
        # 18 Mar is two weeks before 1 Apr: its label would overlap April's, so it is dropped.
        ("mid-month", ["Apr", "May"]),
    ],
)
def test_month_labels(name, months, tmp_path):
    svg = parse(CASES[name](), tmp_path)
    assert [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "rl-month"] == months


def states(case: Case, tmp_path: Path) -> dict[str, str]:
    return {c.get("data-date"): c.get("data-state") for c in cells(parse(case, tmp_path))}


def test_year_has_every_state(tmp_path):
    found = states(year_case(), tmp_path)
    assert set(found.values()) == set(STATES)
    assert {d: found[d] for d in sorted(found) if "2026-03-01" <= d <= "2026-03-10"} == {
        "2026-03-01": "none",
        "2026-03-02": "done",
        "2026-03-03": "partial",
        "2026-03-04": "skipped",
        "2026-03-05": "missed",
        "2026-03-06": "done",
        "2026-03-07": "missed",
        "2026-03-08": "rest",
        "2026-03-09": "done",
        "2026-03-10": "missed",
    }
    assert found["2026-03-20"] == "planned"  # today
    assert found["2026-03-28"] == "planned"  # day 24, the last
    assert found["2026-03-29"] == "none"  # a Sunday after the plan: not a rest day


def test_tooltip_and_activity(tmp_path):
    svg = parse(year_case(), tmp_path)
    by_date = {c.get("data-date"): c for c in cells(svg)}
    assert by_date["2026-03-06"].find(f"{SVG}title").text == (
        "Fri 06 Mar 2026: done\ndemo Day 5: Topic 5\nEntry: Topic 5\n4.5 h\n3 commits"
    )
    # Escaped in the markup, the entry's title reads as written.
    assert by_date["2026-03-09"].find(f"{SVG}title").text == (
        "Mon 09 Mar 2026: done\ndemo Day 7: Topic 7\nEntry: A <b>bold</b> & titled day\n1 h"
    )
    assert by_date["2026-02-10"].get("data-state") == "none"
    assert by_date["2026-02-10"].get("data-level") == "1"  # two commits, no plan
    assert by_date["2026-03-06"].get("data-level") == "4"
    assert by_date["2026-03-05"].get("data-level") == "0"


def test_weekends_rest_on_a_weekdays_schedule(tmp_path):
    found = states(weekdays_case(), tmp_path)
    assert [found[f"2026-06-{d:02}"] for d in range(1, 22)] == [
        *["done", "missed", "partial", "missed", "missed", "rest", "rest"],
        *["missed", "missed", "planned", "planned", "planned", "rest", "rest"],
        *["planned"] * 5,  # day 15 is Fri 19 Jun
        *["none", "none"],  # after the plan
    ]


def test_paused_dates_are_rest_and_named_paused(tmp_path):
    case = paused_case()
    found = states(case, tmp_path)
    svg = parse(case, tmp_path)
    titles = {c.get("data-date"): c.find(f"{SVG}title").text for c in cells(svg)}
    for day in (8, 9, 11, 12):
        date = f"2026-09-{day:02}"
        assert found[date] == "rest"
        assert titles[date] == f"{D(2026, 9, day).strftime('%a %d %b %Y')}: paused"
        assert case.days[D(2026, 9, day)].paused
    assert found["2026-09-10"] == "done"  # an entry written during the pause still shows
    assert found["2026-09-13"] == "missed"  # day 8, moved from 8 Sep
    assert found["2026-09-25"] == "planned"  # day 20, moved from 20 Sep
    assert found["2026-09-26"] == "none"


def test_an_entry_during_a_pause_shows_its_state_in_the_tooltip(tmp_path):
    svg = parse(paused_case(), tmp_path)
    [cell] = [c for c in cells(svg) if c.get("data-date") == "2026-09-10"]
    assert cell.get("data-state") == "done"
    assert cell.find(f"{SVG}title").text == "Thu 10 Sep 2026: done\nEntry: 2026-09-10-done"


def test_paused_dates_on_the_roadmap_calendar(tmp_path):
    paused = plan("paused", D(2026, 9, 1), 20, pauses=[(D(2026, 9, 8), D(2026, 9, 12))])
    site = build_site([paused], [], [], D(2026, 9, 20))
    calendar = site.roadmaps[0].calendar
    assert [d.day for d, c in calendar.items() if c.paused] == [8, 9, 10, 11, 12]
    assert {calendar[D(2026, 9, d)].state for d in range(8, 13)} == {"rest"}


def test_leap_february(tmp_path):
    found = states(leap_case(), tmp_path)
    assert len(found) == 29
    assert (found["2028-02-27"], found["2028-02-28"], found["2028-02-29"]) == (
        "missed",
        "done",
        "done",
    )
