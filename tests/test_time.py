"""Days, states and streaks in the configured timezone: midnight, DST changes, leap days, pauses, pace.

Commits come from real git repositories (dated with GIT_AUTHOR_DATE), "today" from SOURCE_DATE_EPOCH,
and every expectation is a local calendar date, worked out by hand in the comments.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import git as conftest_git

from generator.build_schedule import day_date, week_dates
from generator.build_site import build_site
from generator.load_history import RepoSource, load_history
from generator.model import Commit, Entry, Node, Roadmap
from generator.pipeline import load_site
from generator.settings import Settings, today_in

D = dt.date
UTC = ZoneInfo("UTC")
PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
TOKYO = ZoneInfo("Asia/Tokyo")


# Real git repositories.


def git(repo: Path, *args: str, when: str = "2026-01-05T12:00:00+00:00") -> str:
    """Run git in `repo` with a fixed identity and date, ignoring the machine's git config."""
    return conftest_git(repo, *args, date=when, author="Ada", email="ada@example.com").strip()


def repo_with(path: Path, *dates: str) -> Path:
    """A repository with one empty commit per ISO date, the commit's subject being its date."""
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    for when in dates:
        git(path, "commit", "-q", "--allow-empty", "-m", when, when=when)
    return path


def history(tmp_path: Path, tz: ZoneInfo, *dates: str) -> dict[str, Commit]:
    """The commits made at `dates`, read back in `tz`, by the ISO date they were made at."""
    repo = repo_with(tmp_path / "repo", *dates)
    commits, warnings = load_history([RepoSource(repo, "journal")], tz)
    assert warnings == []
    return {c.subject: c for c in commits}


# Literal roadmaps and entries.


def daily(start: D, days: int, roadmap_id: str = "demo", rest=(), pauses=()) -> Roadmap:
    return Roadmap(
        roadmap_id,
        roadmap_id.capitalize(),
        f"roadmaps/{roadmap_id}.yaml",
        start=start,
        rest_days=frozenset(rest),
        pauses=list(pauses),
        children=[Node("day", f"Topic {n}", n) for n in range(1, days + 1)],
    )


def weekly(start: D, weeks: int, pauses=()) -> Roadmap:
    return Roadmap(
        "weekly",
        "Weekly",
        "roadmaps/weekly.yaml",
        start=start,
        pauses=list(pauses),
        children=[Node("week", f"Week {n}", n) for n in range(1, weeks + 1)],
    )


def entry(date: D, status: str = "done", **fields) -> Entry:
    stem = f"{date.isoformat()}-{status}"
    return Entry(f"journal/{stem}.md", stem, date, "Body.", status=status, **fields)


def logged(first: D, last: D) -> list[Entry]:
    """One done entry per date from `first` to `last`."""
    return [entry(first + dt.timedelta(days=n)) for n in range((last - first).days + 1)]


def set_epoch(monkeypatch: pytest.MonkeyPatch, moment: dt.datetime) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))


# Midnight: 23:59 and 00:01 local are two local days, whatever the UTC date.


@pytest.mark.parametrize(
    "tz, before, after, utc_dates",
    [
        # Paris in January is UTC+1: both commits are on 14 Jan in UTC.
        (PARIS, "2026-01-14T23:59:00+01:00", "2026-01-15T00:01:00+01:00", ["2026-01-14"] * 2),
        # New York in January is UTC-5: both commits are on 15 Jan in UTC.
        (NEW_YORK, "2026-01-14T23:59:00-05:00", "2026-01-15T00:01:00-05:00", ["2026-01-15"] * 2),
    ],
)
def test_midnight_commits_land_on_two_local_days(tmp_path, tz, before, after, utc_dates):
    commits = history(tmp_path, tz, before, after)
    assert [commits[before].date, commits[after].date] == [D(2026, 1, 14), D(2026, 1, 15)]
    assert (commits[before].when.hour, commits[before].when.minute) == (23, 59)
    assert (commits[after].when.hour, commits[after].when.minute) == (0, 1)
    in_utc = history(tmp_path / "utc", UTC, before, after)
    assert [in_utc[before].date.isoformat(), in_utc[after].date.isoformat()] == utc_dates
    # On the calendar too: the 23:59 commit counts for the 14th, the 00:01 one for the 15th.
    site = build_site([], [], list(commits.values()), D(2026, 1, 20))
    assert [c.subject for c in site.calendar[D(2026, 1, 14)].commits] == [before]
    assert [c.subject for c in site.calendar[D(2026, 1, 15)].commits] == [after]


def test_midnight_commit_given_in_another_offset(tmp_path):
    # 00:01 in Paris on 15 Jan, written by a machine set to UTC-8 (15:01 on the 14th there).
    when = "2026-01-14T15:01:00-08:00"
    assert history(tmp_path, PARIS, when)[when].date == D(2026, 1, 15)


# DST changes: the local day of a commit is right on the day the clocks change, in the skipped hour
# and in both passes of the repeated hour.


def local(commit: Commit) -> tuple[str, str, int]:
    """(local date and time, UTC offset, fold) of a commit."""
    offset = commit.when.utcoffset()
    hours = int(offset.total_seconds() // 3600)
    return commit.when.strftime("%Y-%m-%d %H:%M"), f"{hours:+03d}:00", commit.when.fold


@pytest.mark.parametrize(
    "tz, when, expected",
    [
        # Paris, Sun 29 Mar 2026: 02:00 CET becomes 03:00 CEST (02:00-02:59 does not exist).
        (PARIS, "2026-03-28T23:30:00+00:00", ("2026-03-29 00:30", "+01:00", 0)),
        (PARIS, "2026-03-29T00:59:00+00:00", ("2026-03-29 01:59", "+01:00", 0)),
        (PARIS, "2026-03-29T01:00:00+00:00", ("2026-03-29 03:00", "+02:00", 0)),
        (PARIS, "2026-03-29T21:59:00+00:00", ("2026-03-29 23:59", "+02:00", 0)),
        (PARIS, "2026-03-29T22:01:00+00:00", ("2026-03-30 00:01", "+02:00", 0)),
        # Paris, Sun 25 Oct 2026: 03:00 CEST becomes 02:00 CET (02:00-02:59 happens twice).
        (PARIS, "2026-10-24T21:59:00+00:00", ("2026-10-24 23:59", "+02:00", 0)),
        (PARIS, "2026-10-24T22:01:00+00:00", ("2026-10-25 00:01", "+02:00", 0)),
        (PARIS, "2026-10-25T00:30:00+00:00", ("2026-10-25 02:30", "+02:00", 0)),
        (PARIS, "2026-10-25T01:30:00+00:00", ("2026-10-25 02:30", "+01:00", 1)),
        (PARIS, "2026-10-25T22:59:00+00:00", ("2026-10-25 23:59", "+01:00", 0)),
        (PARIS, "2026-10-25T23:01:00+00:00", ("2026-10-26 00:01", "+01:00", 0)),
        # New York, Sun 8 Mar 2026: 02:00 EST becomes 03:00 EDT.
        (NEW_YORK, "2026-03-08T05:01:00+00:00", ("2026-03-08 00:01", "-05:00", 0)),
        (NEW_YORK, "2026-03-08T06:59:00+00:00", ("2026-03-08 01:59", "-05:00", 0)),
        (NEW_YORK, "2026-03-08T07:00:00+00:00", ("2026-03-08 03:00", "-04:00", 0)),
        (NEW_YORK, "2026-03-09T03:59:00+00:00", ("2026-03-08 23:59", "-04:00", 0)),
        (NEW_YORK, "2026-03-09T04:01:00+00:00", ("2026-03-09 00:01", "-04:00", 0)),
        # New York, Sun 1 Nov 2026: 02:00 EDT becomes 01:00 EST (01:00-01:59 happens twice).
        (NEW_YORK, "2026-11-01T03:59:00+00:00", ("2026-10-31 23:59", "-04:00", 0)),
        (NEW_YORK, "2026-11-01T04:01:00+00:00", ("2026-11-01 00:01", "-04:00", 0)),
        (NEW_YORK, "2026-11-01T05:30:00+00:00", ("2026-11-01 01:30", "-04:00", 0)),
        (NEW_YORK, "2026-11-01T06:30:00+00:00", ("2026-11-01 01:30", "-05:00", 1)),
        (NEW_YORK, "2026-11-02T04:59:00+00:00", ("2026-11-01 23:59", "-05:00", 0)),
        (NEW_YORK, "2026-11-02T05:01:00+00:00", ("2026-11-02 00:01", "-05:00", 0)),
    ],
)
def test_commits_on_dst_change_days(tmp_path, tz, when, expected):
    commit = history(tmp_path, tz, when)[when]
    assert local(commit) == expected
    assert commit.date.isoformat() == expected[0][:10]


def test_both_passes_of_the_repeated_hour_count_for_one_day(tmp_path):
    first, second = "2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00"
    commits = history(tmp_path, NEW_YORK, first, second)
    site = build_site([], [], list(commits.values()), D(2026, 11, 2))
    assert sorted(c.subject for c in site.calendar[D(2026, 11, 1)].commits) == [first, second]
    assert commits[second].when.timestamp() - commits[first].when.timestamp() == 3600


def test_commits_in_the_repeated_hour_are_oldest_first(tmp_path):
    # 01:45 EDT happens 30 minutes before 01:15 EST, though its wall-clock time is later.
    earlier, later = "2026-11-01T01:45:00-04:00", "2026-11-01T01:15:00-05:00"
    repo = repo_with(tmp_path / "repo", earlier, later)
    commits, _ = load_history([RepoSource(repo, "journal")], NEW_YORK)
    assert [c.subject for c in commits] == [earlier, later]


@pytest.mark.parametrize(
    "tz, start",
    [
        (PARIS, D(2026, 3, 28)),
        (PARIS, D(2026, 10, 24)),
        (NEW_YORK, D(2026, 3, 7)),
        (NEW_YORK, D(2026, 10, 31)),
    ],
)
def test_daily_plan_across_a_dst_change(tmp_path, tz, start):
    """Day 2 falls on the change day and day 3 one calendar day later: 23 or 25 hours do not matter."""
    roadmap = daily(start, 5)
    assert [day_date(roadmap, n) for n in (1, 2, 3)] == [
        start,
        start + dt.timedelta(days=1),
        start + dt.timedelta(days=2),
    ]
    # A commit at 23:30 local on the change day counts for day 2, one at 00:30 the next for day 3.
    change = start + dt.timedelta(days=1)
    late = dt.datetime.combine(change, dt.time(23, 30), tz).isoformat()
    early = dt.datetime.combine(change + dt.timedelta(days=1), dt.time(0, 30), tz).isoformat()
    commits = history(tmp_path, tz, late, early)
    site = build_site([roadmap], [], list(commits.values()), start + dt.timedelta(days=10))
    day2, day3 = site.calendar[change], site.calendar[change + dt.timedelta(days=1)]
    assert ([u.number for u in day2.units], [c.subject for c in day2.commits]) == ([2], [late])
    assert ([u.number for u in day3.units], [c.subject for c in day3.commits]) == ([3], [early])


# "Today" from SOURCE_DATE_EPOCH, in the configured timezone.

# 23:30 UTC on Tue 10 Mar 2026: 08:30 on the 11th in Tokyo, 16:30 on the 10th in Los Angeles (PDT).
LATE_EVENING_UTC = dt.datetime(2026, 3, 10, 23, 30, tzinfo=UTC)


def test_today_from_source_date_epoch(monkeypatch):
    set_epoch(monkeypatch, LATE_EVENING_UTC)
    assert today_in(TOKYO) == D(2026, 3, 11)
    assert today_in(UTC) == D(2026, 3, 10)
    assert today_in(LOS_ANGELES) == D(2026, 3, 10)
    assert today_in(PARIS) == D(2026, 3, 11)  # 00:30 on the 11th


@pytest.mark.parametrize(
    "tz, today, state, current",
    [
        # Tokyo is already on the 11th: day 10 (the 10th) is missed and the streak is broken.
        (TOKYO, D(2026, 3, 11), "missed", 0),
        # Los Angeles is still on the 10th: day 10 is planned, the streak lives on from yesterday.
        (LOS_ANGELES, D(2026, 3, 10), "planned", 9),
    ],
)
def test_today_decides_planned_missed_and_the_streak(monkeypatch, tz, today, state, current):
    set_epoch(monkeypatch, LATE_EVENING_UTC)
    assert today_in(tz) == today
    # Days 1-9 (1 to 9 Mar) done, nothing yet for day 10 (10 Mar).
    site = build_site(
        [daily(D(2026, 3, 1), 20)], logged(D(2026, 3, 1), D(2026, 3, 9)), [], today_in(tz)
    )
    assert site.calendar[D(2026, 3, 10)].state == state
    assert site.roadmaps[0].units[9].state == state
    assert (site.current_streak, site.longest_streak) == (current, 9)
    assert site.calendar[D(2026, 3, 11)].state == "planned"


def test_the_pipeline_uses_the_configured_timezone(tmp_path, monkeypatch):
    """load_site end to end in Los Angeles: a late commit, "today", streak and pace are all local."""
    write = lambda relative, text: (  # noqa: E731
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True),
        (tmp_path / relative).write_text(textwrap.dedent(text), encoding="utf-8"),
    )
    days = "".join(f"  - day: {n}\n    title: Topic {n}\n" for n in range(1, 11))
    write("roadmaps/demo.yaml", f"id: demo\ntitle: Demo\nstart: '2026-03-01'\nchildren:\n{days}")
    for day in range(1, 6):
        write(f"journal/2026-03-0{day}-day.md", "---\nhours: 1\n---\nNotes.\n")
    # 22:30 in Los Angeles on 5 Mar, already 6 Mar in UTC.
    repo_with(tmp_path, "2026-03-06T06:30:00+00:00")
    # "Today": 22:30 on Fri 6 Mar in Los Angeles = 06:30 on Sat 7 Mar in UTC.
    set_epoch(monkeypatch, dt.datetime(2026, 3, 7, 6, 30, tzinfo=UTC))
    settings = Settings(
        tmp_path,
        "Demo",
        "https://x.example/",
        timezone="America/Los_Angeles",
        repos=[RepoSource(tmp_path, "journal")],
    )
    site, warnings = load_site(settings)
    assert warnings == []
    assert site.today == D(2026, 3, 6)
    assert [c.date for c in site.commits] == [D(2026, 3, 5)]
    assert (site.current_streak, site.longest_streak, site.days_logged) == (5, 5, 5)
    assert site.calendar[D(2026, 3, 6)].state == "planned"
    pace = site.roadmaps[0].pace
    # 5 done of 5 due (1-5 Mar); 5 done in 6 days, so 5 remaining take 6 more days.
    assert (pace.due, pace.delta, pace.projected_finish) == (5, 0, D(2026, 3, 12))


# Leap days and the new year.


@pytest.mark.parametrize(
    "first, last, today, current, longest",
    [
        (D(2028, 2, 27), D(2028, 3, 1), D(2028, 3, 1), 4, 4),  # 27, 28, 29 Feb, 1 Mar
        (D(2028, 2, 27), D(2028, 3, 1), D(2028, 3, 2), 4, 4),  # alive until the end of 2 Mar
        (D(2028, 2, 27), D(2028, 3, 1), D(2028, 3, 3), 0, 4),
        (D(2028, 2, 29), D(2028, 2, 29), D(2028, 3, 1), 1, 1),
        (D(2027, 2, 27), D(2027, 3, 1), D(2027, 3, 1), 3, 3),  # no 29 Feb in 2027
        (D(2026, 12, 30), D(2027, 1, 2), D(2027, 1, 2), 4, 4),  # over the new year
        (D(2026, 12, 31), D(2027, 1, 1), D(2027, 1, 2), 2, 2),
    ],
)
def test_streaks_over_leap_days_and_new_year(first, last, today, current, longest):
    site = build_site([], logged(first, last), [], today)
    assert (site.current_streak, site.longest_streak) == (current, longest)
    assert site.days_logged == (last - first).days + 1


def test_a_gap_on_29_february_breaks_the_streak():
    entries = logged(D(2028, 2, 26), D(2028, 2, 28)) + logged(D(2028, 3, 1), D(2028, 3, 2))
    site = build_site([], entries, [], D(2028, 3, 2))
    assert (site.current_streak, site.longest_streak) == (2, 3)


def test_a_skipped_day_does_not_count_for_the_streak():
    entries = [
        entry(D(2028, 2, 28)),
        entry(D(2028, 2, 29), "skipped"),
        entry(D(2028, 3, 1), "partial"),
    ]
    site = build_site([], entries, [], D(2028, 3, 1))
    assert (site.current_streak, site.longest_streak, site.days_logged) == (1, 1, 2)


def test_plans_over_29_february():
    roadmap = daily(D(2028, 2, 27), 4)
    assert [day_date(roadmap, n) for n in range(1, 5)] == [
        D(2028, 2, 27),
        D(2028, 2, 28),
        D(2028, 2, 29),
        D(2028, 3, 1),
    ]
    assert day_date(daily(D(2027, 2, 27), 4), 3) == D(2027, 3, 1)
    assert week_dates(weekly(D(2028, 2, 26), 2), 1) == [
        D(2028, 2, 26) + dt.timedelta(days=n) for n in range(7)
    ]
    assert week_dates(weekly(D(2028, 2, 26), 2), 1)[-1] == D(2028, 3, 3)
    assert week_dates(weekly(D(2027, 12, 27), 2), 1)[-1] == D(2028, 1, 2)


def test_plans_over_the_new_year():
    roadmap = daily(D(2026, 12, 30), 5, rest=[4])  # rests on Fridays: 1 Jan 2027 is a Friday
    site = build_site([roadmap], logged(D(2026, 12, 30), D(2026, 12, 31)), [], D(2027, 1, 4))
    assert [u.dates for u in site.roadmaps[0].units] == [
        [D(2026, 12, 30)],
        [D(2026, 12, 31)],
        [D(2027, 1, 2)],
        [D(2027, 1, 3)],
        [D(2027, 1, 4)],
    ]
    assert site.calendar[D(2027, 1, 1)].state == "rest"
    assert [u.state for u in site.roadmaps[0].units] == [
        "done",
        "done",
        "missed",
        "missed",
        "planned",
    ]


# Pauses shift later days; paused dates are rest days marked paused.

PAUSE = (D(2026, 5, 4), D(2026, 5, 6))  # Mon 4 to Wed 6 May 2026


def test_a_pause_shifts_later_days():
    roadmap = daily(D(2026, 5, 1), 6, pauses=[PAUSE])
    assert [day_date(roadmap, n) for n in range(1, 7)] == [
        D(2026, 5, 1),
        D(2026, 5, 2),
        D(2026, 5, 3),
        D(2026, 5, 7),
        D(2026, 5, 8),
        D(2026, 5, 9),
    ]


def test_two_pauses_and_rest_days_add_up():
    # Weekdays from Fri 1 May, paused 4-6 May and 12 May: days 1-6 are 1, 7, 8, 11, 13, 14 May.
    roadmap = daily(D(2026, 5, 1), 6, rest=[5, 6], pauses=[PAUSE, (D(2026, 5, 12), D(2026, 5, 12))])
    assert [day_date(roadmap, n).day for n in range(1, 7)] == [1, 7, 8, 11, 13, 14]


def test_paused_dates_are_rest_and_paused_on_the_calendar():
    roadmap = daily(D(2026, 5, 1), 6, rest=[6], pauses=[PAUSE])  # rests on Sundays too
    site = build_site([roadmap], logged(D(2026, 5, 1), D(2026, 5, 2)), [], D(2026, 5, 9))
    for calendar in (site.calendar, site.roadmaps[0].calendar):
        cells = {d.day: (c.state, c.rest, c.paused) for d, c in calendar.items()}
        assert cells == {
            1: ("done", False, False),
            2: ("done", False, False),
            3: ("rest", True, False),  # a Sunday: rest, not paused
            4: ("rest", True, True),
            5: ("rest", True, True),
            6: ("rest", True, True),
            7: ("missed", False, False),  # day 3, moved from 3 May past the Sunday and the pause
            8: ("missed", False, False),
            9: ("planned", False, False),  # today
            10: ("rest", True, False),
            11: ("planned", False, False),  # day 6, the last
        }
    pace = site.roadmaps[0].pace
    # Paused days are never due: 2 done of 4 due (1, 2, 7, 8 May).
    assert (pace.due, pace.delta, pace.planned_finish) == (4, -2, D(2026, 5, 11))


def test_a_pause_from_the_start_is_shown_as_paused():
    roadmap = daily(D(2026, 5, 4), 3, pauses=[PAUSE])  # paused from day 1: day 1 moves to 7 May
    site = build_site([roadmap], [], [], D(2026, 5, 1))
    assert [u.dates for u in site.roadmaps[0].units] == [
        [D(2026, 5, 7)],
        [D(2026, 5, 8)],
        [D(2026, 5, 9)],
    ]
    for day in (4, 5, 6):
        cell = site.calendar.get(D(2026, 5, day))
        assert cell is not None and (cell.state, cell.paused) == ("rest", True), day


def test_entries_logged_before_a_restart_stay_on_their_days():
    """A restart: days 1-2 done, 3-5 May missed, then a pause from 3 May to the day before 8 May."""
    before = daily(D(2026, 5, 1), 6)
    after = daily(D(2026, 5, 1), 6, pauses=[(D(2026, 5, 3), D(2026, 5, 7))])
    entries = [entry(D(2026, 5, 1), roadmap="demo"), entry(D(2026, 5, 2), roadmap="demo")]
    today = D(2026, 5, 8)
    missed = build_site([before], entries, [], today).roadmaps[0]
    restarted = build_site([after], entries, [], today).roadmaps[0]
    assert [u.state for u in missed.units] == [
        "done",
        "done",
        "missed",
        "missed",
        "missed",
        "missed",
    ]
    assert [u.state for u in restarted.units] == [
        "done",
        "done",
        "planned",
        "planned",
        "planned",
        "planned",
    ]
    assert restarted.units[2].dates == [D(2026, 5, 8)]
    assert (missed.pace.delta, restarted.pace.delta) == (-4, 0)


def test_a_pause_shifts_a_week_based_plan():
    roadmap = weekly(D(2026, 5, 1), 2, pauses=[PAUSE])
    assert week_dates(roadmap, 1) == [D(2026, 5, d) for d in (1, 2, 3, 7, 8, 9, 10)]
    assert week_dates(roadmap, 2) == [D(2026, 5, d) for d in range(11, 18)]
    site = build_site(
        [roadmap], [entry(D(2026, 5, 5), roadmap="weekly", week=1)], [], D(2026, 5, 12)
    )
    assert site.calendar[D(2026, 5, 5)].paused
    assert [u.state for u in site.roadmaps[0].units] == ["done", "planned"]


# Pace: units due by today, ahead or behind, projected finish.

START = D(2026, 3, 1)
TODAY = D(2026, 3, 6)  # days 1-5 (1 to 5 Mar) are due


@pytest.mark.parametrize(
    "start, done_days, due, delta, started, finished, projected",
    [
        # 3 done of 5 due: 2 behind; 3 done in 6 days, 7 remaining take 14 days.
        (START, range(1, 4), 5, -2, True, False, D(2026, 3, 20)),
        # 6 done (today's too) of 5 due: 1 ahead; 1 a day, 4 remaining take 4 days.
        (START, range(1, 7), 5, 1, True, False, D(2026, 3, 10)),
        # 5 of 5: on schedule; 5 done in 6 days, 5 remaining take 6 days.
        (START, range(1, 6), 5, 0, True, False, D(2026, 3, 12)),
        # Starts on 10 Mar: nothing due, no projection.
        (D(2026, 3, 10), [], 0, 0, False, False, None),
        # Started, nothing done: no projection yet.
        (START, [], 5, -5, True, False, None),
        # All 10 done (an entry dated after today would not count): finished, no projection.
        (D(2026, 2, 20), range(1, 11), 10, 0, True, True, None),
    ],
)
def test_pace(start, done_days, due, delta, started, finished, projected):
    roadmap = daily(start, 10)
    entries = [entry(start + dt.timedelta(days=n - 1), roadmap="demo", day=n) for n in done_days]
    pace = build_site([roadmap], entries, [], TODAY).roadmaps[0].pace
    assert (pace.unit, pace.due, pace.delta) == ("day", due, delta)
    assert (pace.started, pace.finished) == (started, finished)
    assert pace.projected_finish == projected
    assert pace.planned_finish == start + dt.timedelta(days=9)


def test_projected_finish_has_no_rounding_error():
    # 7 done in the 10 days from 1 to 10 Mar, 21 remaining: exactly 30 more days (21 / (7 / 10) is
    # 30.000000000000004 in floating point, which must not round up to 31).
    roadmap = daily(START, 28)
    entries = [entry(START + dt.timedelta(days=n - 1), roadmap="demo", day=n) for n in range(1, 8)]
    pace = build_site([roadmap], entries, [], D(2026, 3, 10)).roadmaps[0].pace
    assert pace.projected_finish == D(2026, 4, 9)


def test_pace_of_a_week_based_plan():
    # Weeks of 7 days from Sun 1 Mar; today Sun 22 Mar: weeks 1-3 (to 21 Mar) are due, weeks 1-2
    # are done: 1 week behind.
    roadmap = weekly(START, 6)
    entries = [
        entry(D(2026, 3, 2), roadmap="weekly", week=1),
        entry(D(2026, 3, 9), roadmap="weekly", week=2),
    ]
    pace = build_site([roadmap], entries, [], D(2026, 3, 22)).roadmaps[0].pace
    assert (pace.unit, pace.due, pace.delta) == ("week", 3, -1)
    # 2 weeks done in 22 days: 4 remaining take 44 days.
    assert pace.projected_finish == D(2026, 5, 5)
    assert pace.planned_finish == D(2026, 4, 11)


def test_pace_in_a_timezone_ahead_of_utc(monkeypatch):
    """At 23:30 UTC on 5 Mar it is already the 6th in Tokyo: day 5 is due there, not in UTC."""
    set_epoch(monkeypatch, dt.datetime(2026, 3, 5, 23, 30, tzinfo=UTC))
    roadmap = daily(START, 10)
    entries = [entry(START + dt.timedelta(days=n), roadmap="demo", day=n + 1) for n in range(4)]
    in_tokyo = build_site([roadmap], entries, [], today_in(TOKYO)).roadmaps[0].pace
    in_utc = build_site([roadmap], entries, [], today_in(UTC)).roadmaps[0].pace
    assert (in_tokyo.due, in_tokyo.delta, in_tokyo.projected_finish) == (5, -1, D(2026, 3, 15))
    assert (in_utc.due, in_utc.delta, in_utc.projected_finish) == (4, 0, D(2026, 3, 13))
