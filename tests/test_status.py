"""`roadlog status`: the exact text of today's plan, streaks and progress, as the learner sees it."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import write
from rich.console import Console

from generator.build_site import build_site
from generator.cli import main
from generator.model import ChecklistItem, Commit, Entry, Node, Pace, Roadmap
from generator.render_status import pace_text, render_status
from generator.settings import Settings
from generator.words import plural

PARIS = ZoneInfo("Europe/Paris")
TODAY = dt.date(2026, 11, 23)  # a Monday: day 8 of the daily plan, week 4 of the weekly one


def day(number: int, title: str, question: str | None = None, last: int | None = None) -> Node:
    return Node("day", title, number, last=last, question=question)


def roadmaps() -> list[Roadmap]:
    """A daily plan from Mon 16 Nov, a six-week plan from Mon 2 Nov and an undated checklist."""
    daily = Roadmap(
        "backend",
        "Backend 365",
        "roadmaps/backend.yaml",
        start=dt.date(2026, 11, 16),
        children=[
            Node(
                "phase",
                "Foundations",
                1,
                children=[
                    *(day(n, f"Topic {n}") for n in range(1, 8)),
                    day(8, "DNS Fundamentals", "How does a name become an address?"),
                    day(9, "DNS Records"),
                    day(10, "Mini-project", last=11),
                ],
            )
        ],
    )
    weekly = Roadmap(
        "node",
        "Node in 6 weeks",
        "roadmaps/node.yaml",
        start=dt.date(2026, 11, 2),
        children=[Node("week", f"Week topic {n}", n) for n in range(1, 7)],
    )
    checklist = Roadmap(
        "reading",
        "Reading list",
        "roadmaps/reading.yaml",
        children=[
            Node(
                "section",
                "Books",
                checklist=[
                    ChecklistItem("SICP", True),
                    ChecklistItem("TAOCP"),
                    ChecklistItem("DDIA"),
                ],
            )
        ],
    )
    return [daily, weekly, checklist]


def entry(date: dt.date, stem: str, **fields) -> Entry:
    return Entry(f"journal/{stem}.md", stem, date, "Body.", **fields)


def entries() -> list[Entry]:
    """Days 1-6 done (Mon 16 to Sat 21 Nov, day 7 missed), weeks 1-4 done (week 4 today)."""
    daily = [
        entry(
            dt.date(2026, 11, 15 + n),
            f"2026-11-{15 + n}-day-{n}",
            roadmap="backend",
            day=n,
            hours=1.5,
        )
        for n in range(1, 7)
    ]
    weekly = [
        entry(dt.date(2026, 11, 3), "2026-11-03-week-1", roadmap="node", week=1),
        entry(dt.date(2026, 11, 10), "2026-11-10-week-2", roadmap="node", week=2),
        entry(dt.date(2026, 11, 22), "2026-11-22-week-3", roadmap="node", week=3, hours=2),
        entry(TODAY, "2026-11-23-week-4", roadmap="node", week=4, hours=0.25),
    ]
    return daily + weekly


COMMITS = [
    Commit("journal", "a" * 40, dt.datetime(2026, 11, 16, 9, 0, tzinfo=PARIS), "Ada", "First"),
    Commit("journal", "b" * 40, dt.datetime(2026, 11, 22, 23, 59, tzinfo=PARIS), "Ada", "Late"),
]


def settings(tmp_path: Path) -> Settings:
    return Settings(tmp_path, "Demo", "https://x.example/", timezone="Europe/Paris")


def as_text(renderable) -> str:
    """What `roadlog status` prints when stdout is not a terminal."""
    out = io.StringIO()
    Console(file=out, width=100, force_terminal=False, color_system=None).print(renderable)
    return out.getvalue()


# Day 7 (Sun 22 Nov) was missed: 6 done of 7 due. 6 done in the 8 days since Mon 16 Nov: 5 days
# remaining at 0.75 a day take 7 days. The weekly plan: 4 done of 3 due (weeks 1-3 ended), 4 done
# in 22 days, so 2 weeks remaining take 11 days.
EXPECTED = """\
Today, Mon 23 Nov 2026 (Europe/Paris)
Streak: 8 days (longest 8 days) · 10 days logged · 11.25 hours · 2 commits

Backend 365
  Day 8: DNS Fundamentals
    How does a name become an address?

Node in 6 weeks
  Week 4: Week topic 4 (done)

Roadmap          Progress          Done        Pace
Backend 365      █████████░░░░░░░  6/11 (55%)  1 day behind schedule
                                               projected finish Mon 30 Nov 2026
Node in 6 weeks  ███████████░░░░░  4/6 (67%)   1 week ahead of schedule
                                               projected finish Fri 04 Dec 2026
Reading list     █████░░░░░░░░░░░  1/3 (33%)   checklist
"""


def test_status_text(tmp_path: Path):
    site = build_site(roadmaps(), entries(), COMMITS, TODAY)
    assert as_text(render_status(site, settings(tmp_path))) == EXPECTED


def test_status_before_any_plan_starts(tmp_path: Path):
    site = build_site(roadmaps(), [], [], dt.date(2026, 11, 1))
    assert as_text(render_status(site, settings(tmp_path))) == (
        "Today, Sun 01 Nov 2026 (Europe/Paris)\n"
        "Streak: 0 days (longest 0 days) · 0 days logged · 0 hours · 0 commits\n"
        "\n"
        "Nothing planned today.\n"
        "\n"
        "Roadmap          Progress          Done       Pace\n"
        "Backend 365      ░░░░░░░░░░░░░░░░  0/11 (0%)  not started yet\n"
        "                                              planned finish Thu 26 Nov 2026\n"
        "Node in 6 weeks  ░░░░░░░░░░░░░░░░  0/6 (0%)   not started yet\n"
        "                                              planned finish Sun 13 Dec 2026\n"
        "Reading list     █████░░░░░░░░░░░  1/3 (33%)  checklist\n"
    )


def test_status_is_pure_and_has_no_control_codes(tmp_path: Path, capsys):
    site = build_site(roadmaps(), entries(), COMMITS, TODAY)
    text = as_text(render_status(site, settings(tmp_path)))
    assert capsys.readouterr() == ("", "")
    assert "\x1b" not in text
    assert all(line == line.rstrip() for line in text.splitlines())


def test_status_in_a_terminal_has_colours(tmp_path: Path):
    site = build_site(roadmaps(), entries(), COMMITS, TODAY)
    out = io.StringIO()
    Console(file=out, width=100, force_terminal=True, color_system="standard").print(
        render_status(site, settings(tmp_path))
    )
    assert "\x1b[" in out.getvalue()


def pace(**fields) -> Pace:
    base = dict(
        unit="day",
        due=5,
        delta=0,
        started=True,
        finished=False,
        planned_finish=dt.date(2027, 11, 15),
        projected_finish=None,
    )
    return Pace(**{**base, **fields})


@pytest.mark.parametrize(
    "fields, text",
    [
        ({"delta": -1}, "1 day behind schedule · planned finish Mon 15 Nov 2027"),
        ({"delta": -2}, "2 days behind schedule · planned finish Mon 15 Nov 2027"),
        ({"delta": 3}, "3 days ahead of schedule · planned finish Mon 15 Nov 2027"),
        ({"delta": 1, "unit": "week"}, "1 week ahead of schedule · planned finish Mon 15 Nov 2027"),
        ({"delta": -4, "unit": "week"}, "4 weeks behind schedule · planned finish Mon 15 Nov 2027"),
        ({}, "on schedule · planned finish Mon 15 Nov 2027"),
        ({"started": False, "due": 0}, "not started yet · planned finish Mon 15 Nov 2027"),
        ({"finished": True, "delta": 2}, "finished"),
        (
            {"delta": -1, "projected_finish": dt.date(2028, 3, 16)},
            "1 day behind schedule · projected finish Thu 16 Mar 2028",
        ),
    ],
)
def test_pace_text(fields, text):
    assert pace_text(pace(**fields)) == text


@pytest.mark.parametrize(
    "count, word, text",
    [
        (0, "day", "0 days"),
        (1, "day", "1 day"),
        (1.0, "hour", "1 hour"),
        (2.5, "hour", "2.5 hours"),
    ],
)
def test_plural(count, word, text):
    assert plural(count, word) == text


FIXTURE_STATUS = """\
Today, Tue 10 Mar 2026 (Asia/Tokyo)
Streak: 2 days (longest 3 days) · 6 days logged · 7 hours · 4 commits

Demo Roadmap
  Day 9: TCP Handshake
    Question of day 9?

Roadmap       Progress          Done        Pace
Demo Roadmap  █████░░░░░░░░░░░  4/12 (33%)  4 days behind schedule
                                            projected finish Sat 28 Mar 2026
"""


def test_status_command(fixture_site: Path, capsys):
    # Days 1, 3, 7 and 8 done of 8 due; 8 days remaining at 4 per 9 days take 18 days.
    assert main(["-f", str(fixture_site / "mkdocs.yml"), "status"]) == 0
    out, err = capsys.readouterr()
    assert out == FIXTURE_STATUS
    assert err == ""


def test_status_on_a_broken_journal(fixture_site: Path, capsys):
    write(
        fixture_site,
        "journal/broken.md",
        """\
        ---
        title: Bad date
        date: 2026-02-30
        status: finished
        ---
        Body.
        """,
    )
    assert main(["-f", str(fixture_site / "mkdocs.yml"), "status"]) == 1
    out, _ = capsys.readouterr()
    assert out.splitlines() == [
        "journal/broken.md:3: date: '2026-02-30' is not a real date",
        "journal/broken.md:4: status: 'finished' is not one of ['done', 'partial', 'skipped']",
        "2 error(s)",
    ]


def test_status_prints_warnings_on_stderr(fixture_site: Path, capsys):
    write(fixture_site, "journal/2026-03-10-typo.md", "---\ntilte: Typo\n---\nBody.\n")
    assert main(["-f", str(fixture_site / "mkdocs.yml"), "status"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("Today, Tue 10 Mar 2026 (Asia/Tokyo)\n")
    assert err.startswith("journal/2026-03-10-typo.md:2: warning: ")
