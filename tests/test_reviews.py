"""Weekly and monthly reviews: periods, review pages, reflections, review days and the digest feed.

Pure tests compute periods from literals. Real-site tests build the fixture project (conftest.py:
today is 2026-03-10 in Tokyo, a Tuesday of ISO week 11) as it is, and a copy with reflections (a
week's, as journal/reviews/2026-W10.md; February's, through `review:` in a dated entry; a draft
one), a roadmap of one week whose last day is a review day, and the fixture's draft entry.

| period   | dates                | in the fixture                                   |
| -------- | -------------------- | ------------------------------------------------ |
| 2026-W09 | 23 Feb – 1 Mar       | warmup (27 Feb), the first commit (1 Mar)        |
| 2026-W10 | 2 – 8 Mar            | demo days 1-7, five entries, the 23:50 commit    |
| 2026-W11 | 9 – 15 Mar (current) | demo days 8-12, records and the 00:10 commit     |
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import (
    CANARY,
    SITE_URL,
    SOURCE_DATE_EPOCH,
    TOKYO,
    build,
    check_golden,
    make_project,
    write,
)

from generator.build_periods import following, month_of, parse_period, week_of
from generator.build_reviews import group_reviews, review_period
from generator.build_site import build_site
from generator.cli import main
from generator.errors import RoadlogError
from generator.model import Commit, Entry, Node, Period, Roadmap
from generator.render_feeds import render_digest, render_feeds
from generator.render_pages import make_env, plan_pages, render_page
from generator.render_reviews import reflection_markdown, review_counts
from generator.settings import Settings

D = dt.date
HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden" / "reviews-feed.xml"


# ---- periods --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "key"),
    [
        (D(2026, 12, 31), "2026-W53"),  # a Thursday: 2026 has 53 weeks
        (D(2027, 1, 3), "2026-W53"),  # the Sunday after is still in 2026's last week
        (D(2027, 1, 4), "2027-W01"),
        (D(2024, 12, 30), "2025-W01"),  # a Monday of December in the next ISO year
        (D(2021, 1, 3), "2020-W53"),  # a Sunday of January in the previous one
        (D(2026, 3, 8), "2026-W10"),
        (D(2026, 3, 9), "2026-W11"),
    ],
)
def test_iso_weeks_across_years(date, key):
    week = week_of(date)
    assert week.key == key
    assert week.first.weekday() == 0 and week.last.weekday() == 6
    assert week.first <= date <= week.last
    assert parse_period(key) == week


def test_week_and_month_names_and_spans():
    last = week_of(D(2026, 12, 31))
    assert (last.title, last.span) == ("Week 53, 2026", "28 December 2026 – 3 January 2027")
    assert week_of(D(2026, 3, 1)).span == "23 February – 1 March 2026"
    assert week_of(D(2026, 3, 2)).span == "2–8 March 2026"
    assert following(last).key == "2027-W01"
    february = month_of(D(2028, 2, 14))
    assert (february.key, february.title, february.span) == (
        "2028-02",
        "February 2028",
        "1–29 February 2028",
    )
    assert month_of(D(2026, 2, 1)).last == D(2026, 2, 28)
    assert following(month_of(D(2026, 12, 5))) == month_of(D(2027, 1, 1))
    assert parse_period("2026-11") == Period(D(2026, 11, 1), "month")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2026-48", "is not a month: months run from 01 to 12 (write week 48 as 2026-W48)"),
        ("2026-11-01", "is not a period: write a week as 2026-W48 or a month as 2026-11"),
        ("2026-W54", "is not a week of 2026: its weeks run from W01 to W53"),
        ("2027-W53", "is not a week of 2027: its weeks run from W01 to W52"),
        ("2026-W00", "is not a week of 2026: its weeks run from W01 to W53"),
        ("2026-13", "is not a month: months run from 01 to 12 (write week 13 as 2026-W13)"),
        ("2026-00", "is not a month: months run from 01 to 12"),
        ("2026-54", "is not a month: months run from 01 to 12"),
        ("2026-w48", "is not a period: write a week as 2026-W48 or a month as 2026-11"),
        ("1969-12", "is out of range: use a year from 1970 to 2100"),
    ],
)
def test_parse_period_says_why_a_period_does_not_exist(text, reason):
    with pytest.raises(ValueError) as raised:
        parse_period(text)
    assert str(raised.value) == reason


# ---- the pure stage -------------------------------------------------------------------------


MONDAY = D(2026, 3, 2)


def demo_roadmap(start: D | None = MONDAY, *children: Node) -> Roadmap:
    """Days 1-7 from `start`, the seventh a review day, unless `children` are given."""
    days = [Node("day", f"Topic {n}", number=n) for n in range(1, 7)]
    days.append(Node("day", "Review Day: write a blog post", number=7))
    return Roadmap(
        "r",
        "Roadmap <R>",
        "roadmaps/r.yaml",
        start=start,
        children=list(children) or [Node("week", "Week 1", number=1, children=days)],
    )


def entry(stem: str, date: D, **kw) -> Entry:
    return Entry(f"journal/{stem}.md", stem, date, kw.pop("body", "Notes."), **kw)


def tokyo(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=TOKYO)


def commit(when: dt.datetime, repo: str = "journal", counts: bool = True) -> Commit:
    return Commit(repo, f"{when:%d%H%M}", when, "Ada", "work", counts=counts)


def test_a_commit_at_2350_on_sunday_belongs_to_that_week():
    # Both are Tokyo times: 23:50 on Sunday 8 March is 14:50 UTC, 00:10 on the 9th is 15:10 UTC
    # on the 8th; the calendar is keyed by local dates, so the weeks are the learner's.
    commits = [
        commit(tokyo(2026, 3, 8, 23, 50)),
        commit(dt.datetime(2026, 3, 8, 15, 10, tzinfo=dt.UTC).astimezone(TOKYO)),
        commit(tokyo(2026, 3, 4, 9, 0), repo="other"),
        commit(tokyo(2026, 3, 4, 10, 0), repo="other"),
    ]
    site = build_site([demo_roadmap()], [], commits, D(2026, 3, 10))
    assert site.reviews["2026-W10"].commits == [("other", 2), ("journal", 1)]
    assert site.reviews["2026-W11"].commits == [("journal", 1)]
    assert site.reviews["2026-03"].commit_count == 4


def test_only_the_periods_from_the_first_day_to_today_have_a_review():
    entries = [entry("2026-02-27-a", D(2026, 2, 27)), entry("2026-03-10-b", D(2026, 3, 10))]
    site = build_site([demo_roadmap()], entries, [], D(2026, 3, 10))
    assert list(site.reviews) == ["2026-02", "2026-W09", "2026-03", "2026-W10", "2026-W11"]
    current = site.reviews["2026-W11"]
    assert (current.finished, current.next, current.after.key) == (False, None, "2026-W12")
    assert site.reviews["2026-W10"].finished
    assert site.reviews["2026-W10"].month.key == "2026-03"
    assert site.reviews["2026-03"].weeks == [week_of(D(2026, 3, 2)), week_of(D(2026, 3, 9))]
    groups = group_reviews(list(site.reviews.values()))
    assert [(m.key, r.period.key, [w.period.key for w in ws]) for m, r, ws in groups] == [
        ("2026-03", "2026-03", ["2026-W11", "2026-W10"]),
        ("2026-02", "2026-02", ["2026-W09"]),
    ]
    # Nothing planned or logged yet: no review at all.
    assert build_site([demo_roadmap(D(2026, 4, 6))], [], [], D(2026, 3, 10)).reviews == {}


def test_a_pause_makes_no_empty_pages():
    entries = [entry("2025-11-03-a", D(2025, 11, 3)), entry("2026-01-07-b", D(2026, 1, 7))]
    site = build_site([], entries, [], D(2026, 3, 10))
    assert list(site.reviews) == ["2025-11", "2025-W45", "2026-01", "2026-W02"]
    assert (site.reviews["2026-W02"].previous.key, site.reviews["2025-W45"].next.key) == (
        "2025-W45",
        "2026-W02",
    )
    assert site.reviews["2026-01"].previous.key == "2025-11"
    # A reflection makes a page for its period, even one with nothing else in it.
    entries.append(entry("2026-01-10-c", D(2026, 1, 10), review="2025-12"))
    site = build_site([], entries, [], D(2026, 3, 10))
    assert site.reviews["2025-12"].reflection.stem == "2026-01-10-c"
    assert site.reviews["2025-12"].entries == []


def test_states_hours_topics_streak_and_next_week():
    entries = [
        entry("2026-03-02-a", D(2026, 3, 2), hours=1.5, tags=["dns"]),
        entry("2026-03-03-b", D(2026, 3, 3), hours=1, status="partial"),
        entry("2026-03-04-c", D(2026, 3, 4), status="skipped"),
        entry("2026-03-07-d", D(2026, 3, 7), hours=2),
        entry("2026-03-08-e", D(2026, 3, 8), hours=0.5, tags=["tcp"]),
        entry("2026-03-06-draft", D(2026, 3, 6), hours=9, tags=["secret"], draft=True),
    ]
    roadmap = demo_roadmap(
        D(2026, 3, 2),
        Node("day", "Topic 1", number=1),
        Node("day", "Topic 2", number=2),
        Node("day", "Topic 3", number=3),
        Node("day", "Topic 4", number=4),
        Node("day", "Topic 5-6", number=5, last=6),
        Node("day", "Topic 7", number=7),
        Node("day", "Topic 8", number=8),
        Node("day", "Topic 9", number=9),
    )
    site = build_site([roadmap], entries, [], D(2026, 3, 9))
    week = site.reviews["2026-W10"]
    part = week.roadmaps[0]
    assert [(u.label, u.state) for u in part.units] == [
        ("Day 1", "done"),
        ("Day 2", "partial"),
        ("Day 3", "skipped"),
        ("Day 4", "missed"),
        ("Day 5", "missed"),
        ("Day 6", "done"),
        ("Day 7", "done"),
    ]
    assert (part.hours, week.hours) == (5.0, 5.0)
    assert [e.stem for e in week.entries] == [e.stem for e in entries[:5]]
    assert [t.slug for t in week.topics] == ["dns", "tcp"]
    assert week.streak == 2  # the 7th and the 8th; the 4th was skipped
    assert [(v.roadmap.id, [u.label for u in us]) for v, us in week.upcoming] == [
        ("r", ["Day 8", "Day 9"])
    ]
    assert review_counts(week) == (
        "3 of 7 planned done · 1 partial · 1 skipped · 2 missed · 5 entries · 5 hours · "
        "0 commits · a 2-day streak"
    )
    # Today (the 9th) is not logged yet: the current week's streak is the one that lives on.
    assert site.reviews["2026-W11"].streak == 2


def test_a_draft_reflection_and_a_draft_entry_count_for_nothing():
    entries = [
        entry("2026-03-02-a", D(2026, 3, 2), hours=1),
        entry("2026-W10", D(2026, 3, 8), review="2026-W10", draft=True, title=CANARY),
        entry("2026-03-05-draft", D(2026, 3, 5), hours=3, draft=True),
    ]
    site = build_site([demo_roadmap()], entries, [], D(2026, 3, 10))
    week = site.reviews["2026-W10"]
    assert (week.reflection, [e.stem for e in week.entries], week.hours) == (
        None,
        ["2026-03-02-a"],
        1,
    )
    assert week.progress.done == 1
    # `roadlog serve --drafts` shows them, as it shows every draft.
    preview = build_site([demo_roadmap()], entries, [], D(2026, 3, 10), include_drafts=True)
    assert preview.reviews["2026-W10"].reflection.title == CANARY


def test_two_reflections_on_one_period_name_both():
    entries = [
        entry("2026-W10", D(2026, 3, 8), review="2026-W10", lines={"review": 3}),
        entry("2026-03-08-week", D(2026, 3, 8), review="2026-W10", lines={"review": 4}),
    ]
    entries[0].path = "journal/reviews/2026-W10.md"
    with pytest.raises(RoadlogError) as raised:
        build_site([demo_roadmap()], entries, [], D(2026, 3, 10))
    assert [str(p) for p in raised.value.problems] == [
        "journal/reviews/2026-W10.md:3: review: two reflections on 2026-W10, "
        "journal/2026-03-08-week.md and journal/reviews/2026-W10.md; keep one "
        "(a period has one reflection)"
    ]


def test_a_review_day_reviews_its_week_or_month():
    def period_of_day(roadmap: Roadmap, number: int) -> str | None:
        site = build_site([roadmap], [], [], D(2026, 12, 31))
        node = next(n for n in roadmap.walk() if n.kind == "day" and n.number == number)
        found = site.review_links.get(id(node))
        return found.key if found else None

    # A roadmap week from Wednesday 4 March to Tuesday 10 March: its review day (a Tuesday of
    # ISO week 11) reviews ISO week 10, which holds five of its seven days.
    assert period_of_day(demo_roadmap(D(2026, 3, 4)), 7) == "2026-W10"
    assert period_of_day(demo_roadmap(D(2026, 3, 2)), 7) == "2026-W10"
    # A day under a month reviews the calendar month holding most of the roadmap month.
    month = Node(
        "month",
        "Month 1",
        number=1,
        children=[Node("day", f"Topic {n}", number=n) for n in range(1, 30)]
        + [Node("day", "Network Review & Synthesis", number=30)],
    )
    assert period_of_day(demo_roadmap(D(2026, 3, 15), month), 30) == "2026-03"  # 17 of 30 days
    # Outside weeks and months: the ISO week of its date.
    alone = [Node("day", "Topic", number=1), Node("day", "Peer-review", number=2)]
    assert period_of_day(demo_roadmap(D(2026, 3, 8), *alone), 2) == "2026-W11"
    # `review:` decides over the title.
    marked = [
        Node("day", "Retro", number=1, review=True),
        Node("day", "Code review of a script", number=2, review=False),
        Node("day", "Reviewing notes", number=3),
    ]
    assert [period_of_day(demo_roadmap(D(2026, 3, 2), *marked), n) for n in (1, 2, 3)] == [
        "2026-W10",
        None,
        None,
    ]
    # A review day of a future period links nowhere: its review page does not exist yet.
    second = [Node("day", f"Topic {n}", number=n) for n in range(8, 14)]
    second.append(Node("day", "Review", number=14))
    two_weeks = demo_roadmap(MONDAY, Node("week", "Week 2", number=2, children=second))
    two_weeks.children.insert(0, demo_roadmap().children[0])
    site = build_site([two_weeks], [], [], D(2026, 3, 5))
    assert [(n.number, p.key) for n in two_weeks.walk() if (p := site.review_links.get(id(n)))] == [
        (7, "2026-W10")
    ]


def test_review_period_without_dates_is_none():
    roadmap = demo_roadmap(None)
    site = build_site([roadmap], [], [], D(2026, 3, 10))
    view = site.roadmaps[0]
    day = next(n for n in roadmap.walk() if n.number == 7 and n.kind == "day")
    assert review_period(day, view, None) is None


def test_a_reflection_keeps_its_links_on_the_review_page():
    body = (
        "# Looking back\n"
        "See [bits](2026-03-02-bits.md), [records](../2026-03-09-records/#dns) and "
        '![a diagram](../assets/d.png "d"), [out](https://example.org/a.md), [top](/x/), '
        "[here](#looking-back).\n"
        "`[code](x.md)` stays.\n"
        "\n"
        "```markdown\n"
        "[fenced](x.md)\n"
        "# not a heading\n"
        "```\n"
        "[ref]: notes.md\n"
        "## What went well\n"
        "~~~\n"
        "[never closed](y.md)"
    )
    moved = reflection_markdown(entry("2026-W10", D(2026, 3, 8), body=body))
    assert moved == (
        "## Looking back\n"
        "See [bits](../journal/2026-03-02-bits.md), "
        "[records](../../journal/2026-03-09-records/#dns) and "
        '![a diagram](../assets/d.png "d"), [out](https://example.org/a.md), [top](/x/), '
        "[here](#looking-back).\n"
        "`[code](x.md)` stays.\n"
        "\n"
        "```markdown\n"
        "[fenced](x.md)\n"
        "# not a heading\n"
        "```\n"
        "[ref]: ../journal/notes.md\n"
        "### What went well\n"
        "~~~\n"
        "[never closed](y.md)\n"
        "~~~"
    )


# ---- the digest feed from literals ----------------------------------------------------------


def digest_site():
    """Three weeks of a roadmap; today is Monday 16 March, so weeks 10 and 11 are over."""
    entries = [
        entry("2026-03-02-a", D(2026, 3, 2), title="First <day> & more", hours=1),
        entry("2026-03-09-b", D(2026, 3, 9), title="Second", body="Second day, see it."),
        entry("2026-W11", D(2026, 3, 15), review="2026-W11", title="A calm week"),
        entry("2026-03-16-c", D(2026, 3, 16), title="Today"),
        entry(f"2026-03-10-{CANARY}", D(2026, 3, 10), title=CANARY, draft=True),
    ]
    entries[0].updated = dt.datetime(2026, 3, 12, 9, 30, tzinfo=dt.UTC)
    commits = [commit(tokyo(2026, 3, 8, 23, 50), repo="<b>repo</b>")]
    site = build_site([demo_roadmap()], entries, commits, D(2026, 3, 16))
    settings = Settings(
        root=HERE,
        site_name="Golden & Journal",
        site_url="https://learner.github.io/journal-site/",
        timezone="Asia/Tokyo",
        author="Ada Learner",
    )
    return site, settings


def test_golden_digest(request: pytest.FixtureRequest):
    check_golden(GOLDEN, render_digest(*digest_site()), request)


def test_the_digest_has_one_item_per_finished_week_with_stable_ids():
    site, settings = digest_site()
    data = render_digest(site, settings)
    assert data == render_digest(*digest_site())
    feed = feedparser.parse(data)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Golden & Journal: weekly reviews"
    assert [(e.id, e.title) for e in feed.entries] == [
        (
            "tag:learner.github.io,2026:journal-site/reviews/2026-W11",
            "Week 11, 2026: 9–15 March 2026",
        ),
        (
            "tag:learner.github.io,2026:journal-site/reviews/2026-W10",
            "Week 10, 2026: 2–8 March 2026",
        ),
    ]
    week10, week11 = feed.entries[1], feed.entries[0]
    assert week10.link == "https://learner.github.io/journal-site/reviews/2026-W10/"
    assert week10.published == "2026-03-09T00:00:00+09:00"  # when the week was over, in Tokyo
    assert week10.updated == "2026-03-12T18:30:00+09:00"  # its entry was edited later
    assert week10.summary == (
        "1 of 7 planned done · 6 missed · 1 entry · 1 hour · 1 commit · no streak"
    )
    content = BeautifulSoup(week10.content[0].value, "html.parser")
    assert [(a.get_text(), a["href"]) for a in content.select("a")] == [
        ("First <day> & more", "https://learner.github.io/journal-site/journal/2026-03-02-a/"),
        ("The whole review", "https://learner.github.io/journal-site/reviews/2026-W10/"),
    ]
    reflection = BeautifulSoup(week11.content[0].value, "html.parser").select("p")[1]
    assert reflection.get_text() == "Reflection: A calm week"
    assert CANARY.encode() not in data
    # Retitling or rewording never changes an id; a smaller feed_limit keeps the newest.
    settings.feed_limit = 1
    assert [e.id for e in feedparser.parse(render_digest(site, settings)).entries] == [
        "tag:learner.github.io,2026:journal-site/reviews/2026-W11"
    ]
    assert render_feeds(site, settings, {})["reviews/feed.xml"] == render_digest(site, settings)


# ---- real sites -----------------------------------------------------------------------------

WEEKLY_ROADMAP = """\
id: weekly
title: Eight Weeks
start: '2026-02-16'
children:
  - week: 1
    title: Basics
    children:
      - {day: 1, title: Setup}
      - {day: 2, title: Shell}
      - {day: 3, title: Retro, review: true}
      - {day: 4, title: Files}
      - {day: 5, title: "Code review of a friend's script", review: false}
      - {day: 6, title: Scripts}
      - {day: 7, title: "Review Day: write blog post or review week"}
"""
WEEK_REFLECTION = """\
---
title: A week of <packets>
---
Half the plan, and [the bits](2026-03-02-bits.md) made sense; [records](../2026-03-09-records/)
came after midnight.

## What went well

Escaping.
"""
FEBRUARY_REFLECTION = """\
---
title: February, looking back
review: 2026-02
hours: 0.5
---
A short month: the journal only started.
"""
DRAFT_REFLECTION = f"""\
---
title: {CANARY} week
draft: true
---
The {CANARY} reflection must never be published.
"""


def url_of(path: str) -> str:
    return urljoin(SITE_URL, path.lstrip("/"))


def href_to(page: str, href: str) -> str:
    """`href` found on the site path `page`, made absolute."""
    return urljoin(url_of(page), href)


def content_of(site: Path, path: str):
    """The page's own content (the article), without the theme around it."""
    html = (site / path.strip("/") / "index.html").read_text(encoding="utf-8")
    article = BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")
    assert article is not None, path
    return article


def lines_of(article) -> list[str]:
    """The article's text as a reader meets it: one line per heading, paragraph, list item and
    older/newer link, without the permalinks' ¶."""
    for link in article.select("a.headerlink"):
        link.decompose()
    blocks = article.select("h1, h2, h3, p, li, nav.rl-prevnext a")
    return [" ".join(block.get_text().split()) for block in blocks]


def build_ok(root: Path) -> Path:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        assert build(root) == 0
    return root / "site"


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project as it is, built once."""
    return build_ok(make_project(tmp_path_factory.mktemp("reviews-plain")))


def make_reflective(root: Path) -> Path:
    make_project(root)
    write(root, "roadmaps/weekly.yaml", WEEKLY_ROADMAP)
    write(root, "journal/reviews/2026-W10.md", WEEK_REFLECTION)
    write(root, "journal/2026-02/2026-02-28-february.md", FEBRUARY_REFLECTION)
    write(root, "journal/reviews/2026-W09.md", DRAFT_REFLECTION)
    return root


@pytest.fixture(scope="module")
def reflective(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project with reflections, a draft reflection and a review day, built once."""
    return build_ok(make_reflective(tmp_path_factory.mktemp("reviews-reflective")))


def test_week_page_text(plain: Path):
    assert lines_of(content_of(plain, "reviews/2026-W10/")) == [
        "Week 10, 2026 2–8 March 2026",
        "3 of 7 planned done · 1 partial · 1 skipped · 2 missed · 5 entries · 5.5 hours · "
        "2 commits · a 1-day streak",
        "All reviews · March 2026",
        "The plan",
        "Demo Roadmap",
        "3 of 7 done · 5.5 h",
        "done Mon 02 Mar Day 1: Bits & Bytes",
        "partial Tue 03 Mar Day 2: Packets & Frames",
        "done Wed 04 Mar Day 3: IP Addressing",
        "missed Thu 05 Mar Day 4: Subnetting",
        "skipped Fri 06 Mar Day 5: Routing",
        "missed Sat 07 Mar Day 6: NAT",
        "done Sun 08 Mar Day 7: DNS Fundamentals",
        "Entries",
        "Mon 02 Mar Bits & Bytes · 1.5 h — Followed the bits from my laptop to the server, see "
        "the about page.",
        "Tue 03 Mar Packets, halfway · 1 h · partial — Only got through half of the packet "
        "chapter.",
        "Wed 04 Mar <b>&</b> escaping · 2 h — Escaping matters: the title of this entry is "
        "markup-looking text.",
        "Fri 06 Mar Sick day · skipped — No study today.",
        "Sun 08 Mar DNS by night · 1 h — Worked late on DNS.",
        "Topics",
        "linux networking security",
        "Commits",
        # The 23:50 commit of Sunday 8 March (Tokyo) is this week's; the 00:10 one is next week's.
        f"{plain.parent.name}: 2",
        "Next week",
        "9–15 March 2026",
        "Demo Roadmap: Day 8 DNS Records · Day 9 TCP Handshake · Day 10 UDP · Days 11-12 "
        "Mini-project: a resolver",
        "← Week 9, 2026",
        "Week 11, 2026 →",
    ]
    page = content_of(plain, "reviews/2026-W10/")
    assert [(a.get_text(), href_to("/reviews/2026-W10/", a["href"])) for a in page.select("li a")][
        :2
    ] == [
        ("Day 1", url_of("/roadmaps/demo/#day-1")),
        ("Day 2", url_of("/roadmaps/demo/#day-2")),
    ]
    assert [href_to("/reviews/2026-W10/", a["href"]) for a in page.select("a[rel]")] == [
        url_of("/reviews/2026-W09/"),
        url_of("/reviews/2026-W11/"),
    ]


def test_month_page_text(plain: Path):
    assert lines_of(content_of(plain, "reviews/2026-03/")) == [
        "March 2026 1–31 March 2026",
        "4 of 12 planned done · 1 partial · 1 skipped · 2 missed · 4 to do · 6 entries · "
        "6.5 hours · 4 commits · a 2-day streak · this month is not over yet",
        "All reviews · Week 10, 2026 · Week 11, 2026",
        "The plan",
        "Demo Roadmap",
        "4 of 12 done · 6.5 h",
        "done Day 1, Day 3, Day 7, Day 8",
        "partial Day 2",
        "skipped Day 5",
        "missed Day 4, Day 6",
        "planned Day 9, Day 10, Day 11, Day 12",
        "Entries",
        "Mon 02 Mar Bits & Bytes · 1.5 h — Followed the bits from my laptop to the server, see "
        "the about page.",
        "Tue 03 Mar Packets, halfway · 1 h · partial — Only got through half of the packet "
        "chapter.",
        "Wed 04 Mar <b>&</b> escaping · 2 h — Escaping matters: the title of this entry is "
        "markup-looking text.",
        "Fri 06 Mar Sick day · skipped — No study today.",
        "Sun 08 Mar DNS by night · 1 h — Worked late on DNS.",
        "Mon 09 Mar Records after midnight · 1 h — Started right after midnight.",
        "Topics",
        "linux networking security",
        "Commits",
        f"{plain.parent.name}: 4",
        "Next month",
        "1–30 April 2026",
        "Nothing planned.",
        "← February 2026",
    ]


def test_the_index_lists_months_and_weeks_newest_first(plain: Path):
    page = content_of(plain, "reviews/")
    sections = page.select("section.rl-month")
    assert [s.h2.get_text() for s in sections] == ["March 2026", "February 2026"]
    assert [
        (a.get_text(), href_to("/reviews/", a["href"]))
        for a in sections[0].select(".rl-review-list > li > a")
    ] == [
        ("Week 11, 2026", url_of("/reviews/2026-W11/")),
        ("Week 10, 2026", url_of("/reviews/2026-W10/")),
    ]
    # Week 9 (23 February – 1 March) is February's: its Thursday is.
    assert sections[1].select_one(".rl-review-list li").get_text(" ", strip=True) == (
        "Week 9, 2026 23 February – 1 March 2026 · 1 entry · 0.5 hours · 1 commit · no streak"
    )
    years = page.select("nav.rl-years a")
    assert [(a.get_text(), href_to("/reviews/", a["href"])) for a in years] == [
        ("2026", url_of("/reviews/2026/"))
    ]
    year = content_of(plain, "reviews/2026/")
    assert year.h1.get_text(" ", strip=True) == "Reviews 2026"
    assert [s.h2.get_text() for s in year.select("section.rl-month")] == [
        "March 2026",
        "February 2026",
    ]
    # Only today's and earlier periods: no page for next week or next month.
    built = sorted(p.name for p in (plain / "reviews").iterdir())
    assert built == [
        "2026",
        "2026-02",
        "2026-03",
        "2026-W09",
        "2026-W10",
        "2026-W11",
        "feed.xml",
        "index.html",
    ]


def test_review_pages_are_left_out_of_search(plain: Path):
    for path in ("reviews/", "reviews/2026/", "reviews/2026-W10/", "reviews/2026-03/"):
        html = (plain / path / "index.html").read_text(encoding="utf-8")
        assert "data-pagefind-body" not in html, path
    assert "data-pagefind-body" in (plain / "journal/2026-03-02-bits/index.html").read_text()


def test_the_site_digest_has_only_finished_weeks(plain: Path):
    feed = feedparser.parse((plain / "reviews" / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert [e.id for e in feed.entries] == [
        "tag:learner.example,2026:journal/reviews/2026-W10",
        "tag:learner.example,2026:journal/reviews/2026-W09",
    ]
    links = [
        a["href"]
        for e in feed.entries
        for a in BeautifulSoup(e.content[0].value, "html.parser").select("a")
    ]
    assert links and all(link.startswith(SITE_URL) for link in links)
    assert url_of("/journal/2026-03-08-dns/") in links


def test_a_reflection_leads_its_review_page(reflective: Path):
    page = content_of(reflective, "reviews/2026-W10/")
    lines = lines_of(page)
    assert lines[3:7] == [
        "Reflection",
        "A week of <packets> · Sun 08 Mar 2026",
        "Half the plan, and the bits made sense; records came after midnight.",
        "What went well",
    ]
    intro = page.select_one("h2#reflection").find_next_sibling("p")
    assert href_to("/reviews/2026-W10/", intro.a["href"]) == url_of("/journal/2026-W10/")
    body = intro.find_next_sibling("p")
    assert body.get_text(" ", strip=True) == (
        "Half the plan, and the bits made sense; records came after midnight."
    )
    assert [href_to("/reviews/2026-W10/", a["href"]) for a in body.select("a")] == [
        url_of("/journal/2026-03-02-bits/"),
        url_of("/journal/2026-03-09-records/"),
    ]
    assert page.select_one("h3#what-went-well").get_text() == "What went well"
    # It is an entry like any other, dated its period's last day, and links back.
    entry = content_of(reflective, "journal/2026-W10/")
    back = entry.select_one("header p.rl-meta:last-of-type")
    assert back.get_text(" ", strip=True) == "A reflection on Week 10, 2026 , which it leads."
    assert href_to("/journal/2026-W10/", back.a["href"]) == url_of("/reviews/2026-W10/")
    assert entry.select_one("header time")["datetime"] == "2026-03-08"


def test_a_month_reflection_from_front_matter(reflective: Path):
    page = content_of(reflective, "reviews/2026-02/")
    assert lines_of(page)[3:6] == [
        "Reflection",
        "February, looking back · Sat 28 Feb 2026",
        "A short month: the journal only started.",
    ]
    assert lines_of(page)[1] == (
        "0 of 7 planned done · 7 missed · 2 entries · 1 hour · 0 commits · a 2-day streak"
    )
    index = content_of(reflective, "reviews/")
    february = index.select_one('section[id="2026-02"] p.rl-meta')
    assert february.get_text(" ", strip=True).endswith("· reflection")


def test_review_days_link_both_ways(reflective: Path):
    roadmap = content_of(reflective, "roadmaps/weekly/")
    linked = {
        li["id"]: href_to("/roadmaps/weekly/", li.select_one("a.rl-review-link")["href"])
        for li in roadmap.select("li.rl-day")
        if li.select_one("a.rl-review-link")
    }
    assert linked == {"day-3": url_of("/reviews/2026-W08/"), "day-7": url_of("/reviews/2026-W08/")}
    assert roadmap.select_one("#day-7 a.rl-review-link").get_text() == "Review of Week 8, 2026"
    page = content_of(reflective, "reviews/2026-W08/")
    days = page.select_one("p.rl-review-days")
    assert " ".join(days.get_text().split()) == (
        "Review days: Eight Weeks, Day 3: Retro (missed); "
        "Eight Weeks, Day 7: Review Day: write blog post or review week (missed)"
    )
    assert [href_to("/reviews/2026-W08/", a["href"]) for a in days.select("a")] == [
        url_of("/roadmaps/weekly/#day-3"),
        url_of("/roadmaps/weekly/#day-7"),
    ]
    # The demo roadmap has no review day: none of its days links to a review.
    assert not content_of(reflective, "roadmaps/demo/").select("a.rl-review-link")


def test_drafts_never_reach_the_reviews(reflective: Path):
    for path in sorted((reflective / "reviews").rglob("*")):
        if path.is_file():
            assert CANARY.lower() not in path.read_text(encoding="utf-8").lower(), path
    week = content_of(reflective, "reviews/2026-W09/")
    assert "Reflection" not in [h.get_text() for h in week.select("h2")]
    # The fixture's draft (7 March, 3 hours) counts for nothing; the reflection of week 10 does.
    assert lines_of(content_of(reflective, "reviews/2026-W10/"))[1] == (
        "3 of 7 planned done · 1 partial · 1 skipped · 2 missed · 6 entries · 5.5 hours · "
        "2 commits · a 1-day streak"
    )
    assert not (reflective / "journal" / "2026-W09").exists()
    feed = feedparser.parse((reflective / "reviews" / "feed.xml").read_bytes())
    assert not feed.bozo
    assert [e.id.rsplit("/", 1)[1] for e in feed.entries] == ["2026-W10", "2026-W09", "2026-W08"]
    assert "Reflection" not in feed.entries[1].content[0].value


def test_builds_are_byte_identical(reflective: Path, tmp_path: Path):
    # The same folder name: it names the repository in the commits table.
    again = build_ok(make_reflective(tmp_path / reflective.parent.name))
    for path in sorted((reflective / "reviews").rglob("*")):
        if path.is_file():
            twin = again / path.relative_to(reflective)
            assert path.read_bytes() == twin.read_bytes(), path


# ---- check: bad reflections -----------------------------------------------------------------

BAD = {
    "journal/2026-03-01-typo.md": "---\nreview: 2026-W\n---\nText.\n",
    "journal/2026-03-01-week54.md": "---\ntitle: A\nreview: 2026-W54\n---\nText.\n",
    "journal/2026-03-01-month13.md": "---\nreview: 2026-13\n---\nText.\n",
    "journal/2026-03-01-held.md": "---\nreview: true\n---\nText.\n",
    "journal/2026-03-01-number.md": "---\nreview: 48\n---\nText.\n",
    "journal/reviews/2026-W60.md": "---\ntitle: B\n---\nText.\n",
    "journal/reviews/2026-W08.md": "---\nreview: 2026-W07\n---\nText.\n",
    "journal/reviews/2026-W09.md": "---\ntitle: First\n---\nText.\n",
    "journal/2026-03-01-second.md": "---\ntitle: Second\nreview: 2026-W09\n---\nText.\n",
    "journal/2026-W11.md": "---\ntitle: Lost\n---\nText.\n",
}
BAD_LINES = [
    "journal/2026-03-01-held.md:2: review: True is not a period: `review:` names the week "
    "(2026-W48) or month (2026-11) an entry reflects on; only `draft: true` keeps an entry "
    "unpublished",
    "journal/2026-03-01-month13.md:2: review: '2026-13' is not a month: months run from 01 to 12 "
    "(write week 13 as 2026-W13)",
    "journal/2026-03-01-number.md:2: review: expected text, got 48",
    "journal/2026-03-01-typo.md:2: review: '2026-W' is not a period: write a week as 2026-W48 or "
    "a month as 2026-11",
    "journal/2026-03-01-week54.md:3: review: '2026-W54' is not a week of 2026: its weeks run "
    "from W01 to W53",
    "journal/2026-W11.md:1: no date: add `date: YYYY-MM-DD` to the front matter or start the "
    "file name with it; a reflection named after its period goes in a `reviews` folder "
    "(journal/reviews/2026-W11.md)",
    "journal/reviews/2026-W08.md:2: review: '2026-W07' does not match the file name, which "
    "names 2026-W08; remove `review:` or rename the file",
    "journal/reviews/2026-W09.md:1: review: two reflections on 2026-W09, "
    "journal/2026-03-01-second.md and journal/reviews/2026-W09.md; keep one "
    "(a period has one reflection)",
    "journal/reviews/2026-W60.md:1: the file name '2026-W60' is not a week of 2026: its weeks "
    "run from W01 to W53",
]


def test_check_reports_every_bad_review_at_its_line(fixture_site: Path, capsys):
    for relative, text in BAD.items():
        write(fixture_site, relative, text)
    assert main(["-f", str(fixture_site / "mkdocs.yml"), "check"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [*BAD_LINES, "9 error(s)"], out + err
    assert build(fixture_site) == 1
    out, err = capsys.readouterr()
    assert BAD_LINES[0] in err.splitlines() and "Traceback" not in out + err
    assert not (fixture_site / "site").exists()


def test_a_reflection_on_a_period_without_a_page_is_a_warning(fixture_site: Path, capsys):
    write(fixture_site, "journal/2026-03-09-ahead.md", "---\nreview: 2026-W13\n---\nPlans.\n")
    write(fixture_site, "journal/2026-03-09-old.md", "---\nreview: 2025-12\n---\nOld.\n")
    assert main(["-f", str(fixture_site / "mkdocs.yml"), "check"]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines()[:2] == [
        "journal/2026-03-09-ahead.md:2: warning: review: 2026-W13 has not begun yet, so it has "
        "no review page; builds from 2026-03-23 on make it, led by this reflection",
        "journal/2026-03-09-old.md:2: warning: review: 2025-12 is before the first planned or "
        "logged day (2026-02-27), so it has no review page; the entry is published as any other",
    ]


def test_a_docs_page_cannot_take_a_review_url(fixture_site: Path, capsys):
    write(fixture_site, "docs/reviews/2026-W10.md", "# Mine\n")
    write(fixture_site, "docs/reviews/feed.xml", "<feed/>\n")
    assert main(["-f", str(fixture_site / "mkdocs.yml"), "check"]) == 1
    out, _ = capsys.readouterr()
    assert out.splitlines() == [
        "docs/reviews/2026-W10.md:1: this file clashes with /reviews/2026-W10/, the review of "
        "Week 10, 2026, which Roadlog generates; rename or move the file",
        "docs/reviews/feed.xml:1: this file clashes with /reviews/feed.xml, the weekly digest "
        "feed, which Roadlog generates; rename or move the file",
        "2 error(s)",
    ]


def test_the_schemas_know_the_new_keys():
    from generator.check_draft_keys import looks_like_draft
    from generator.check_schema import load_schema

    assert "review" in load_schema("entry")["properties"]
    node = load_schema("roadmap")["$defs"]["node"]["properties"]
    assert node["review"]["type"] == "boolean"
    assert not looks_like_draft("review")


def test_a_misspelled_review_key_gets_a_hint(fixture_site: Path, capsys):
    write(fixture_site, "journal/2026-03-09-typo.md", "---\nreveiw: 2026-W10\n---\nText.\n")
    assert main(["-f", str(fixture_site / "mkdocs.yml"), "check"]) == 0
    out, _ = capsys.readouterr()
    assert (
        "journal/2026-03-09-typo.md:2: warning: unknown key 'reveiw' (did you mean 'review'?)"
        in out.splitlines()
    )


def test_weeks_are_the_learners_in_any_timezone(tmp_path: Path):
    # In Paris, the 23:50 Tokyo commit of Sunday 8 March is 15:50 that Sunday and the 00:10 one
    # of Monday 9 March is 16:10 on Sunday 8 March: both fall in week 10 there.
    root = make_project(tmp_path / "paris")
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text.replace("Asia/Tokyo", "Europe/Paris"), encoding="utf-8")
    lines = lines_of(content_of(build_ok(root), "reviews/2026-W10/"))
    assert lines[lines.index("Commits") + 1] == "paris: 3"


def test_review_pages_escape_every_text():
    site, settings = digest_site()
    site.roadmaps[0].roadmap.title = "Roadmap <R> & co"
    env = make_env(settings)
    pages = {uri: (template, context) for template, uri, context in plan_pages(site, settings)}
    template, context = pages["reviews/2026-W10.md"]
    text = render_page(env, site, settings, template, "reviews/2026-W10.md", context)
    assert "<b>repo</b>" not in text and "&lt;b&gt;repo&lt;/b&gt;: 1" in text
    assert "Roadmap &lt;R&gt; &amp; co</a>" in text
    assert "First &lt;day&gt; &amp; more</a>" in text
    assert CANARY not in text


def test_an_index_after_a_long_pause_points_to_the_years():
    site = build_site([], [entry("2024-05-06-a", D(2024, 5, 6))], [], D(2026, 3, 10))
    settings = digest_site()[1]
    plan = {uri: (template, context) for template, uri, context in plan_pages(site, settings)}
    assert [uri for uri in plan if uri.startswith("reviews/")] == [
        "reviews/index.md",
        "reviews/2024.md",
        "reviews/2024-05.md",
        "reviews/2024-W19.md",
    ]
    template, context = plan["reviews/index.md"]
    text = render_page(make_env(settings), site, settings, template, "reviews/index.md", context)
    assert '<li><a href="../reviews/2024/">2024</a></li>' in text
    assert (
        "<p>Nothing planned or logged in the last twelve months: every year's reviews are on its "
        "page.</p>" in text
    )


def test_a_reflection_on_the_current_week_waits_for_its_last_day(fixture_site: Path, capsys):
    write(fixture_site, "journal/reviews/2026-W11.md", "---\ntitle: So far\n---\nGood.\n")
    assert main(["-f", str(fixture_site / "mkdocs.yml"), "check"]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines()[0] == (
        "journal/reviews/2026-W11.md:1: warning: the date 2026-03-15 is after today (2026-03-10), "
        "so the entry is not published yet; builds from that day on publish it (the last day of "
        "2026-W11; add `date:` to publish it sooner)"
    )
