"""build_stats: the numbers the charts draw, from Sites built from literals, so each is known exactly.

Weeks are ISO weeks of the learner's dates: a commit's week is that of its local day, across the
DST changes and a year boundary inside ISO week 53 (2026 has one).
"""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

from generator.build_site import build_site
from generator.build_stats import (
    BurnupPoint,
    build_burnup,
    build_stats,
    count_months,
    count_weeks,
    rank_topics,
)
from generator.load_topics import normalize
from generator.model import ChecklistItem, Commit, Entry, Node, Roadmap, TopicDef

D = dt.date
UTC = ZoneInfo("UTC")
PARIS = ZoneInfo("Europe/Paris")


def daily(roadmap_id: str, start: D, titles: list[str], **fields) -> Roadmap:
    """A daily roadmap: day N is titled titles[N-1]."""
    return Roadmap(
        roadmap_id,
        roadmap_id.capitalize(),
        f"roadmaps/{roadmap_id}.yaml",
        start=start,
        children=[Node("day", title, n) for n, title in enumerate(titles, start=1)],
        **fields,
    )


def entry(date: D, name: str = "", status: str = "done", **fields) -> Entry:
    stem = f"{date.isoformat()}{'-' + name if name else ''}"
    return Entry(f"journal/{stem}.md", stem, date, "Body.", status=status, **fields)


def commit(utc: dt.datetime, number: int, counts: bool = True) -> Commit:
    """A commit made at `utc`, dated as load_history dates it: in the learner's zone (Paris)."""
    when = utc.replace(tzinfo=UTC).astimezone(PARIS)
    return Commit("code", f"{number:040x}", when, "Ada", f"Commit {number}", counts=counts)


# Weeks: hours and commits per ISO week in the learner's time zone.


def year_end_site():
    """Today Wed 6 Jan 2027 (2027-W01); 2026 has 53 ISO weeks."""
    entries = [
        entry(D(2026, 3, 29), hours=1),  # Sun, W13
        entry(D(2026, 3, 30), hours=0.25),  # Mon, W14
        entry(D(2026, 12, 31), hours=2),  # Thu, 2026-W53
        entry(D(2027, 1, 3), hours=1.5),  # Sun, 2026-W53 though 2027
        entry(D(2027, 1, 4), hours=0.5),  # Mon, 2027-W01
        entry(D(2027, 1, 5), "draft", hours=9, draft=True),  # never counted
        entry(D(2027, 1, 7), "future", hours=7),  # after today: held back, not counted
    ]
    commits = [
        # Summer time began at 01:00 UTC on Sun 29 Mar 2026: Paris is UTC+2 from then on.
        commit(dt.datetime(2026, 3, 29, 21, 30), 1),  # 23:30 Sun in Paris: W13
        commit(dt.datetime(2026, 3, 29, 22, 30), 2),  # 00:30 Mon in Paris (23:30 at UTC+1): W14
        # Winter time again from 01:00 UTC on Sun 25 Oct: UTC+1.
        commit(dt.datetime(2026, 10, 25, 22, 30), 3),  # 23:30 Sun in Paris (00:30 at UTC+2): W43
        commit(dt.datetime(2026, 12, 31, 23, 30), 4),  # 00:30 Fri 1 Jan 2027 in Paris: 2026-W53
        commit(dt.datetime(2027, 1, 3, 23, 30), 5),  # 00:30 Mon 4 Jan in Paris: 2027-W01
        commit(dt.datetime(2027, 1, 4, 12, 0), 6, counts=False),  # someone else's: not counted
    ]
    return build_site([], entries, commits, D(2027, 1, 6))


def test_fifty_two_iso_weeks_ending_with_todays():
    weeks = count_weeks(year_end_site())
    assert len(weeks) == 52
    assert (weeks[0].label, weeks[0].monday) == ("2026-W03", D(2026, 1, 12))
    assert [w.label for w in weeks[-3:]] == ["2026-W52", "2026-W53", "2027-W01"]
    assert weeks[-2].monday == D(2026, 12, 28)
    assert [w.monday.weekday() for w in weeks] == [0] * 52
    assert all((b.monday - a.monday).days == 7 for a, b in itertools.pairwise(weeks))


def test_hours_and_commits_per_week_in_the_learners_time_zone():
    weeks = {w.label: (w.hours, w.commits) for w in count_weeks(year_end_site())}
    assert {label: value for label, value in weeks.items() if value != (0, 0)} == {
        "2026-W13": (1.0, 1),
        "2026-W14": (0.25, 1),
        "2026-W43": (0.0, 1),
        "2026-W53": (3.5, 1),
        "2027-W01": (0.5, 1),  # the draft's 9 hours, the future entry's 7 and the other
    }  # author's commit are not there


def test_week_ticks_mark_each_months_first_week():
    weeks = count_weeks(year_end_site())
    ticks = {w.label: w.tick for w in weeks if w.tick}
    assert ticks["2026-W53"] == "2027"  # the week of 1 Jan 2027 shows the year
    assert ticks["2026-W14"] == "Apr"  # Mon 30 Mar - Sun 5 Apr holds 1 Apr
    assert list(ticks.values()).count("Apr") == 1
    assert len(ticks) == 12


def test_hours_are_rounded_sums():
    entries = [entry(D(2026, 6, 1), "a", hours=0.1), entry(D(2026, 6, 2), "b", hours=0.2)]
    site = build_site([], entries, [], D(2026, 6, 3))
    assert count_weeks(site)[-1].hours == 0.3  # not 0.30000000000000004


# Months: entries per month, from the first entry's month to today's.


def test_entries_per_month_from_the_first_entry_to_today():
    months = count_months(year_end_site())
    assert [(m.label, m.entries) for m in months] == [
        ("2026-03", 2),
        ("2026-04", 0),
        ("2026-05", 0),
        ("2026-06", 0),
        ("2026-07", 0),
        ("2026-08", 0),
        ("2026-09", 0),
        ("2026-10", 0),
        ("2026-11", 0),
        ("2026-12", 1),
        ("2027-01", 2),  # not the draft, not the entry dated after today
    ]
    assert [m.tick for m in months][-2:] == ["Dec", "2027"]


def test_entries_per_month_stop_at_twenty_four_months():
    entries = [entry(D(2020, 5, 4), "old"), entry(D(2026, 6, 2), "new")]
    months = count_months(build_site([], entries, [], D(2026, 6, 3)))
    assert len(months) == 24
    assert (months[0].label, months[-1].label) == ("2024-07", "2026-06")
    assert sum(m.entries for m in months) == 1


def test_no_entries_no_months():
    assert count_months(build_site([], [], [], D(2026, 6, 3))) == []


# Burn-ups.


def burnup_site():
    """Ten days from Mon 2 Mar 2026; today Fri 6 Mar.

    Day 1 done; day 2 partial; day 3 done on its date; day 4 missed; day 5 done a day early (an
    entry dated 5 Mar with `day: 5`); day 8's checklist is all ticked, with no entry: done today.
    """
    titles = [f"Topic {n}" for n in range(1, 11)]
    plan = daily("demo", D(2026, 3, 2), titles)
    plan.children[7].checklist = [ChecklistItem("Read", done=True)]
    entries = [
        entry(D(2026, 3, 2)),
        entry(D(2026, 3, 3), status="partial"),
        entry(D(2026, 3, 4)),
        entry(D(2026, 3, 5), "early", roadmap="demo", day=5),
        entry(D(2026, 3, 6), "draft", roadmap="demo", day=6, draft=True),  # never counted
    ]
    return build_site([plan], entries, [], D(2026, 3, 6))


def test_burnup_points_planned_and_done():
    burnup = build_burnup(burnup_site().roadmaps[0], D(2026, 3, 6))
    assert (burnup.roadmap, burnup.unit, burnup.total) == ("demo", "day", 10)
    assert burnup.points == tuple(
        BurnupPoint(D(2026, 3, day), planned, done)
        for day, planned, done in [
            (2, 1, 1),
            (3, 2, 1),
            (4, 3, 2),
            (5, 4, 3),  # day 5, worked on the 5th
            (6, 5, 4),  # day 8, ticked off: done today
            (7, 6, 4),
            (8, 7, 4),
            (9, 8, 4),
            (10, 9, 4),
            (11, 10, 4),
        ]
    )
    assert burnup.done == 4
    assert burnup.at(D(2026, 3, 1)) == (0, 0)
    assert burnup.at(D(2026, 3, 4)) == (3, 2)
    assert burnup.at(D(2027, 1, 1)) == (10, 4)


def test_burnup_finish_dates():
    burnup = build_burnup(burnup_site().roadmaps[0], D(2026, 3, 6))
    assert (burnup.first, burnup.today) == (D(2026, 3, 2), D(2026, 3, 6))
    assert burnup.planned_finish == D(2026, 3, 11)
    # 6 days left at 4 done in 5 days: ceil(6 × 5 / 4) = 8 days after today.
    assert burnup.projected_finish == D(2026, 3, 14)
    assert (burnup.started, burnup.finished) == (True, False)


def test_a_unit_is_done_on_its_first_done_entry():
    plan = daily("demo", D(2026, 3, 2), ["A", "B"])
    entries = [
        entry(D(2026, 3, 2), status="partial"),
        entry(D(2026, 3, 4), "again", roadmap="demo", day=1),  # day 1 finished two days later
    ]
    burnup = build_burnup(build_site([plan], entries, [], D(2026, 3, 5)).roadmaps[0], D(2026, 3, 5))
    assert [(p.date, p.planned, p.done) for p in burnup.points] == [
        (D(2026, 3, 2), 1, 0),
        (D(2026, 3, 3), 2, 0),
        (D(2026, 3, 4), 2, 1),
    ]


def test_week_roadmap_burnup_counts_weeks_by_their_last_day():
    plan = Roadmap(
        "weeks",
        "Weeks",
        "roadmaps/weeks.yaml",
        start=D(2026, 3, 2),
        children=[Node("week", f"Week {n}", n) for n in range(1, 5)],
    )
    entries = [entry(D(2026, 3, 4), roadmap="weeks", week=1)]
    burnup = build_burnup(
        build_site([plan], entries, [], D(2026, 3, 18)).roadmaps[0], D(2026, 3, 18)
    )
    assert (burnup.unit, burnup.total) == ("week", 4)
    assert [(p.date, p.planned, p.done) for p in burnup.points] == [
        (D(2026, 3, 4), 0, 1),
        (D(2026, 3, 8), 1, 1),
        (D(2026, 3, 15), 2, 1),
        (D(2026, 3, 22), 3, 1),
        (D(2026, 3, 29), 4, 1),
    ]
    assert burnup.planned_finish == D(2026, 3, 29)
    assert burnup.projected_finish == D(2026, 3, 18) + dt.timedelta(days=3 * 17)


def test_a_checklist_roadmap_has_no_burnup():
    plan = Roadmap(
        "list",
        "List",
        "roadmaps/list.yaml",
        children=[Node("section", "Things", checklist=[ChecklistItem("One", done=True)])],
    )
    site = build_site([plan], [], [], D(2026, 3, 6))
    assert build_burnup(site.roadmaps[0], site.today) is None
    assert build_stats(site).burnups == ()


# Topics most worked on.


def topic(slug: str, name: str) -> TopicDef:
    return TopicDef(slug, name, None, (normalize(name),))


def test_topics_by_entries_then_done_then_name():
    plan = daily("net", D(2026, 3, 2), ["DNS records", "TCP handshake", "TCP windows"])
    entries = [
        entry(D(2026, 3, 2)),  # day 1: DNS, done
        entry(D(2026, 3, 3)),  # day 2: TCP, done
        entry(D(2026, 3, 4)),  # day 3: TCP, done
        entry(D(2026, 2, 1), "dns", tags=["dns"]),  # outside the plan: DNS, no unit
        entry(D(2026, 2, 2), "git-1", tags=["git"]),
        entry(D(2026, 2, 3), "git-2", tags=["git", "Zsh"]),
        entry(D(2026, 2, 4), "alpha", tags=["alpha"]),
        entry(D(2026, 2, 5), "draft", tags=["zsh", "alpha"], draft=True),
    ]
    vocabulary = [topic("dns", "DNS"), topic("tcp", "TCP")]
    site = build_site([plan], entries, [], D(2026, 3, 6), vocabulary=vocabulary)
    assert [(t.slug, t.name, t.entries, t.done) for t in rank_topics(site)] == [
        ("tcp", "TCP", 2, 2),
        ("dns", "DNS", 2, 1),
        ("git", "git", 2, 0),
        ("alpha", "alpha", 1, 0),
        ("zsh", "Zsh", 1, 0),
    ]


def test_at_most_ten_topics_and_none_without_work():
    plan = daily("net", D(2026, 3, 2), ["DNS records"])  # planned, never done: not "worked on"
    entries = [
        entry(D(2026, 1, n), f"t{n}", tags=[f"topic-{n:02d}"] * 1 + (["busy"] if n < 4 else []))
        for n in range(1, 13)
    ]
    site = build_site([plan], entries, [], D(2026, 3, 6), vocabulary=[topic("dns", "DNS")])
    ranked = rank_topics(site)
    assert [t.slug for t in ranked] == ["busy"] + [f"topic-{n:02d}" for n in range(1, 10)]
    assert ranked[0].entries == 3


def test_build_stats_is_deterministic():
    assert build_stats(burnup_site()) == build_stats(burnup_site())
    stats = build_stats(year_end_site())
    assert stats.today == D(2027, 1, 6)
    assert len(stats.weeks) == 52 and len(stats.months) == 11
