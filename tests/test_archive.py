"""A journal of several years: year pages, numbered pages, and a calendar that stays one year long."""

from __future__ import annotations

import datetime as dt
import random
import re
import sys
from dataclasses import replace
from pathlib import Path
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from conftest import (
    PUBLISHED,
    SITE_URL,
    SOURCE_DATE_EPOCH,
    build,
    make_project,
    run_cli,
    write,
)
from test_serve import Preview

from generator.build_archive import calendar_parts, calendar_span, page_numbers
from generator.build_site import build_site
from generator.load_roadmaps import load_roadmaps
from generator.load_topics import load_topics
from generator.model import CalendarDay, Commit, Entry
from generator.render_pages import make_env, plan_pages, render_page
from generator.settings import DEFAULT_TOPICS, Settings

ROOT = Path(__file__).resolve().parents[1]
PARIS = ZoneInfo("Europe/Paris")

# One entry a week, every Monday from 2023-01-02 to 2026-02-23, all tagged `networking`; with the
# fixture's seven published entries (2026-02-27 to 2026-03-09) the journal spans four years.
FIRST_WEEK, LAST_WEEK = dt.date(2023, 1, 2), dt.date(2026, 2, 23)
WEEKS = [
    FIRST_WEEK + dt.timedelta(days=7 * n) for n in range((LAST_WEEK - FIRST_WEEK).days // 7 + 1)
]
YEARS = {2026: 15, 2025: 52, 2024: 53, 2023: 52}  # 8 Mondays of 2026 + the fixture's 7
PAGES = 18  # 172 entries, ten a page


def url_of(path: str) -> str:
    """The absolute URL of a site path such as `/journal/`."""
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


def week_stem(date: dt.date) -> str:
    return f"{date.isoformat()}-week"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project with three more years of weekly entries, built once."""
    root = make_project(tmp_path_factory.mktemp("years"))
    for number, date in enumerate(WEEKS, start=1):
        write(
            root,
            f"journal/weeks/{week_stem(date)}.md",
            f"---\ntitle: Week {number}\ntags: [networking]\nhours: 2\n---\nWeek {number}.\n",
        )
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        assert build(root) == 0
    return root / "site"


def test_the_weeks_make_the_years_and_pages_the_tests_expect():
    assert len(WEEKS) + len(PUBLISHED) == sum(YEARS.values()) == 172
    assert {year: sum(d.year == year for d in WEEKS) for year in YEARS} == {
        2026: 8,
        2025: 52,
        2024: 53,
        2023: 52,
    }


# ---- the journal index: years and numbered pages ----------------------------------------------


def year_list(page) -> list[tuple[str, str, str]]:
    """(year, its entry count, the URL it links to) of a page's journal year list."""
    nav = page.select_one('nav.rl-years[aria-label="Journal years"]')
    return [
        (li.a.get_text(), li.select_one(".rl-count").get_text(), li.a["href"])
        for li in nav.select("li")
    ]


def test_the_journal_index_lists_every_year_with_its_entries(site: Path):
    page = content_of(site, "/journal/")
    assert [(year, count) for year, count, _ in year_list(page)] == [
        ("2026", "15 entries"),
        ("2025", "52 entries"),
        ("2024", "53 entries"),
        ("2023", "52 entries"),
    ]
    assert [href_to("/journal/", href) for _, _, href in year_list(page)] == [
        url_of(f"/journal/{year}/") for year in YEARS
    ]
    # The same list on every numbered page.
    assert [y for y, _, _ in year_list(content_of(site, "/journal/page/9/"))] == [
        "2026",
        "2025",
        "2024",
        "2023",
    ]


def pager(site: Path, path: str) -> list[tuple[str, str | None, str | None]]:
    """(text, target page path, aria-current) of each item of a journal page's pager."""
    nav = content_of(site, path).select_one("nav.rl-pager")
    assert nav["aria-label"] == "Journal pages"
    items = []
    for li in nav.select("li"):
        link = li.a
        target = href_to(path, link["href"]).removeprefix(url_of("/")) if link else None
        items.append((li.get_text(), target, link.get("aria-current") if link else None))
    return items


def test_the_first_page_links_the_next_and_last_pages(site: Path):
    assert pager(site, "/journal/") == [
        ("1", "journal/", "page"),
        ("2", "journal/page/2/", None),
        ("3", "journal/page/3/", None),
        ("…", None, None),
        ("18", "journal/page/18/", None),
        ("Next ›", "journal/page/2/", None),
        ("Last »", "journal/page/18/", None),
    ]


def test_a_middle_page_links_first_previous_neighbours_next_and_last(site: Path):
    assert pager(site, "/journal/page/9/") == [
        ("« First", "journal/", None),
        ("‹ Previous", "journal/page/8/", None),
        ("1", "journal/", None),
        ("…", None, None),
        *[(str(n), f"journal/page/{n}/", None) for n in (7, 8)],
        ("9", "journal/page/9/", "page"),
        *[(str(n), f"journal/page/{n}/", None) for n in (10, 11)],
        ("…", None, None),
        ("18", "journal/page/18/", None),
        ("Next ›", "journal/page/10/", None),
        ("Last »", "journal/page/18/", None),
    ]
    page = content_of(site, "/journal/page/9/")
    assert page.select_one("h1").get_text(" ", strip=True) == "Journal page 9 of 18"
    assert [a["rel"] for a in page.select("nav.rl-pager a[rel]")] == [["prev"], ["next"]]
    # The page numbers name themselves for screen readers; the ellipsis and arrows are hidden.
    labels = [a.get("aria-label") for a in page.select("nav.rl-pager a")]
    assert labels[2:5] == ["Page 1", "Page 7", "Page 8"] and "Page 9 of 18" in labels
    assert all(gap["aria-hidden"] == "true" for gap in page.select("nav.rl-pager .rl-gap"))


def test_the_last_page_links_first_and_previous_only(site: Path):
    assert pager(site, "/journal/page/18/") == [
        ("« First", "journal/", None),
        ("‹ Previous", "journal/page/17/", None),
        ("1", "journal/", None),
        ("…", None, None),
        ("16", "journal/page/16/", None),
        ("17", "journal/page/17/", None),
        ("18", "journal/page/18/", "page"),
    ]
    cards = content_of(site, "/journal/page/18/").select("article.rl-card :is(h2, h3) a")
    # 172 entries: the last page holds the two oldest.
    assert [a.get_text() for a in cards] == ["Week 2", "Week 1"]
    assert not (site / "journal" / "page" / "19").exists()


@pytest.mark.parametrize(
    ("number", "pages", "shown"),
    [
        (1, 1, [1]),
        (1, 2, [1, 2]),
        (1, 7, [1, 2, 3, None, 7]),
        (4, 7, [1, 2, 3, 4, 5, 6, 7]),  # a gap of one page shows the page, not "…"
        (5, 10, [1, 2, 3, 4, 5, 6, 7, None, 10]),
        (6, 365, [1, None, 4, 5, 6, 7, 8, None, 365]),
        (365, 365, [1, None, 363, 364, 365]),
    ],
)
def test_page_numbers_keep_the_ends_and_the_neighbours(number, pages, shown):
    assert page_numbers(number, pages) == shown


# ---- the journal's year pages -----------------------------------------------------------------


def test_a_year_page_lists_that_years_entries_by_month(site: Path):
    path = "/journal/2024/"
    page = content_of(site, path)
    assert page.select_one("h1").get_text(" ", strip=True) == "Journal 2024"
    assert page.select_one(".rl-meta").get_text(" ", strip=True) == (
        "53 entries in 2024 · 106.0 hours · the calendar of 2024 · the newest entries"
    )
    links = [href_to(path, a["href"]) for a in page.select(".rl-meta a")]
    assert links == [url_of("/calendar/2024/"), url_of("/journal/")]
    months = page.select("nav.rl-filter a")
    assert page.select_one("nav.rl-filter")["aria-label"] == "Months of 2024"
    assert [a.get_text(" ", strip=True) for a in months][:3] == [
        "December (5)",
        "November (4)",
        "October (4)",
    ]
    sections = page.select("section.rl-month")
    assert [s["id"] for s in sections] == [f"2024-{m:02d}" for m in range(12, 0, -1)]
    assert [a["href"] for a in months] == [f"#{s['id']}" for s in sections]
    assert sections[0].h2.get_text(" ", strip=True) == "December 2024 5 entries"
    dates = [t["datetime"] for t in page.select(".rl-entry-list time")]
    expected = [d.isoformat() for d in reversed(WEEKS) if d.year == 2024]
    assert dates == expected and len(dates) == 53
    first = page.select_one(".rl-entry-list li")
    assert first.get_text(" ", strip=True) == "Mon 30 Dec 2024 Week 105 2 h"
    assert href_to(path, first.a["href"]) == url_of("/journal/2024-12-30-week/")
    current = page.select('nav.rl-years a[aria-current="page"]')
    assert [a.get_text() for a in current] == ["2024"]


def test_the_current_year_page_holds_the_fixture_entries_too(site: Path):
    page = content_of(site, "/journal/2026/")
    stems = [a["href"].split("/")[-2] for a in page.select(".rl-entry-list a")]
    assert stems == list(reversed(PUBLISHED)) + [week_stem(d) for d in reversed(WEEKS[-8:])]
    assert [s.h2.get_text(" ", strip=True) for s in page.select("section.rl-month")] == [
        "March 2026 6 entries",
        "February 2026 5 entries",
        "January 2026 4 entries",
    ]


# ---- the calendar ----------------------------------------------------------------------------


def dates_of(page, selector: str = "#all svg rect[data-date]") -> list[str]:
    return [cell["data-date"] for cell in page.select(selector)]


def test_the_calendar_page_holds_the_last_twelve_months_and_the_rest_of_this_year(site: Path):
    page = content_of(site, "/calendar/")
    # Today is 2026-03-10: from April 2025 to the end of 2026, newest year first.
    assert [h.get_text() for h in page.select("#all h3")] == ["2026", "2025"]
    dates = sorted(dates_of(page))
    assert (dates[0], dates[-1]) == ("2025-04-01", "2026-12-31")
    assert len(dates) == len(set(dates)) == 275 + 365
    rows = [tr["data-date"] for tr in page.select(".rl-table-view tr[data-date]")]
    assert rows[0] == "2025-04-07" and rows[-1] == "2026-03-13"  # the demo's days 11-12
    assert all(row >= "2025-04-01" for row in rows)
    assert page.select_one("#all").find(string=re.compile("2024")) is None
    # The demo roadmap's own calendar: only 2026, where its days are.
    assert [h.get_text() for h in page.select("#roadmap-demo h3")] == ["2026"]
    assert href_to("/calendar/", page.select_one("#roadmap-demo h3 a")["href"]) == url_of(
        "/calendar/2026/#roadmap-demo"
    )


def test_the_calendar_page_links_every_year(site: Path):
    page = content_of(site, "/calendar/")
    intro = page.select_one("p:not(.rl-meta)")
    assert intro.get_text() == (
        "The last twelve months and the rest of this year; every year has a page of its own:"
    )
    nav = page.select_one("nav.rl-years")
    assert nav["aria-label"] == "Calendar years"
    assert [(a.get_text(), href_to("/calendar/", a["href"])) for a in nav.select("a")] == [
        (str(year), url_of(f"/calendar/{year}/")) for year in YEARS
    ]
    assert nav.select("[aria-current]") == []
    headings = [href_to("/calendar/", a["href"]) for a in page.select("#all h3 a")]
    assert headings == [url_of("/calendar/2026/"), url_of("/calendar/2025/")]


def test_a_calendar_year_page_holds_that_year(site: Path):
    path = "/calendar/2024/"
    page = content_of(site, path)
    assert page.select_one("h1").get_text() == "Calendar 2024"
    assert page.select_one(".rl-meta").get_text(" ", strip=True) == (
        "Planned versus done, day by day, in 2024: 53 entries · 106.0 hours · 0 commits · "
        "the journal of 2024 ."
    )
    assert href_to(path, page.select_one(".rl-meta a")["href"]) == url_of("/journal/2024/")
    dates = dates_of(page)
    assert (dates[0], dates[-1], len(dates)) == ("2024-01-01", "2024-12-31", 366)
    rows = {tr["data-date"]: tr["data-state"] for tr in page.select(".rl-table-view tr[data-date]")}
    assert rows == {d.isoformat(): "done" for d in WEEKS if d.year == 2024}
    assert [a.get_text() for a in page.select('nav.rl-years a[aria-current="page"]')] == ["2024"]
    # No demo roadmap day in 2024: no panel for it, and the heading of the year is not a link.
    assert [a.get_text() for a in page.select("nav.rl-filter a")] == ["All roadmaps"]
    assert page.select("#roadmap-demo") == [] and page.select("#all h3 a") == []


def test_the_calendar_page_of_this_year_keeps_the_roadmap_panels(site: Path):
    page = content_of(site, "/calendar/2026/")
    assert [a.get_text() for a in page.select("nav.rl-filter a")] == [
        "All roadmaps",
        "Demo Roadmap",
    ]
    states = {c["data-date"]: c["data-state"] for c in page.select("#roadmap-demo rect[data-date]")}
    assert (states["2026-03-02"], states["2026-03-05"], states["2026-03-10"]) == (
        "done",
        "missed",
        "planned",
    )


def test_a_roadmap_with_no_day_on_the_calendar_page_points_to_its_years(fixture_site: Path):
    # Two years later, the demo roadmap's days (March 2026) are off /calendar/.
    later = str(int(SOURCE_DATE_EPOCH) + 700 * 86400)  # 2028-02-08
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", later)
        assert build(fixture_site) == 0
    site = fixture_site / "site"
    page = content_of(site, "/calendar/")
    panel = page.select_one("#roadmap-demo")
    assert panel.select("svg, table") == []
    note = panel.select("p")[-1]
    assert note.get_text() == (
        "No day of this roadmap from March 2027 to December 2028: see its calendar of 2026."
    )
    assert href_to("/calendar/", note.a["href"]) == url_of("/calendar/2026/#roadmap-demo")
    # Nothing happened in 2027 either: the combined calendar shows this year alone.
    assert [h.get_text() for h in page.select("#all h3")] == ["2028"]
    assert [a.get_text() for a in page.select("nav.rl-years a")] == ["2028", "2027", "2026"]


@pytest.mark.parametrize(
    ("today", "span"),
    [
        (dt.date(2026, 3, 10), (dt.date(2025, 4, 1), dt.date(2026, 12, 31))),
        (dt.date(2026, 12, 31), (dt.date(2026, 1, 1), dt.date(2026, 12, 31))),
        (dt.date(2027, 1, 1), (dt.date(2026, 2, 1), dt.date(2027, 12, 31))),
    ],
)
def test_the_calendar_span_is_the_last_twelve_months_and_the_rest_of_the_year(today, span):
    assert calendar_span(today) == span


def test_calendar_parts_are_the_years_with_days_clipped_to_the_span():
    days = {d: CalendarDay(d) for d in (dt.date(2024, 5, 1), dt.date(2025, 6, 1))}
    first, last = dt.date(2024, 4, 1), dt.date(2026, 12, 31)
    assert calendar_parts(days, first, last) == [
        (2025, dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        (2024, dt.date(2024, 4, 1), dt.date(2024, 12, 31)),
    ]
    assert calendar_parts(days, first, last, keep=2026)[0] == (
        2026,
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
    )
    assert calendar_parts({}, first, last) == []


# ---- topics ----------------------------------------------------------------------------------


def test_a_long_topic_lists_its_newest_entries_and_links_its_years(site: Path):
    path = "/topics/networking/"
    page = content_of(site, path)
    links = [a["href"].split("/")[-2] for a in page.select(".rl-topic-entries a")]
    # 165 weeks and the fixture's `bits`, newest first: the page lists thirty.
    newest = ["2026-03-02-bits"] + [week_stem(d) for d in reversed(WEEKS)]
    assert links == newest[:30]
    assert "166 entries" in page.select_one(".rl-meta").get_text()
    more = page.select_one("nav.rl-years").find_previous_sibling("p")
    assert (
        more.get_text() == "The newest 30 of 166 entries. Every entry on this topic, year by year:"
    )
    years = [
        (li.a.get_text(), li.select_one(".rl-count").get_text(), href_to(path, li.a["href"]))
        for li in page.select("nav.rl-years li")
    ]
    assert years == [
        ("2026", "9 entries", url_of("/topics/networking/2026/")),
        ("2025", "52 entries", url_of("/topics/networking/2025/")),
        ("2024", "53 entries", url_of("/topics/networking/2024/")),
        ("2023", "52 entries", url_of("/topics/networking/2023/")),
    ]


def test_a_topic_year_page_lists_every_entry_of_that_year(site: Path):
    path = "/topics/networking/2023/"
    page = content_of(site, path)
    assert page.select_one("h1").get_text(" ", strip=True) == "networking 2023"
    assert page.select_one(".rl-meta").get_text(" ", strip=True) == (
        "52 entries on this topic in 2023 · the topic page"
    )
    assert href_to(path, page.select_one(".rl-meta a")["href"]) == url_of("/topics/networking/")
    dates = [t["datetime"] for t in page.select(".rl-topic-entries time")]
    assert dates == [d.isoformat() for d in reversed(WEEKS) if d.year == 2023]
    assert [a.get_text() for a in page.select('nav.rl-years a[aria-current="page"]')] == ["2023"]


def test_a_short_topic_has_no_year_pages(site: Path):
    page = content_of(site, "/topics/linux/")
    assert page.select("nav.rl-years") == []
    assert not (site / "topics" / "linux" / "2026").exists()


# ---- names and clashes -----------------------------------------------------------------------

CLASHES = {
    "docs/calendar/2026.md": "/calendar/2026/, the calendar of 2026",
    "docs/journal/2026/index.md": "/journal/2026/, the journal of 2026",
}


def test_a_docs_file_where_a_year_page_goes_is_refused(fixture_site: Path):
    for path in CLASHES:
        write(fixture_site, path, "Mine.\n")
    check = run_cli("check", cwd=fixture_site)
    assert check.returncode == 1
    assert check.stdout.splitlines() == [
        f"{path}:1: this file clashes with {what}, which Roadlog generates; rename or move the file"
        for path, what in CLASHES.items()
    ] + ["2 error(s)"]


# ---- ten years -------------------------------------------------------------------------------

MAX_PAGE = 400 * 1024  # the largest HTML file a ten-year journal may have
THEME = 48 * 1024  # what mkdocs-material puts around a page's own HTML: about 12 KiB, measured


def ten_year_site():
    """bench.py's learner, made in memory: the shipped roadmaps (backend-365 followed day by day in
    the first year), 3,650 daily entries with three tags each, and 20,000 commits."""
    sys.path.insert(0, str(ROOT / "tests" / "bench"))
    import bench

    rng = random.Random(7)
    roadmaps = [
        replace(r, start=bench.START) if r.id == "backend-365" else r
        for r in load_roadmaps(ROOT / "roadmaps", ROOT)
    ]
    entries = []
    for number in range(3650):
        date = bench.START + dt.timedelta(days=number)
        first_year = number < 365
        entries.append(
            Entry(
                path=f"journal/{date.year}/{date.isoformat()}-day-{number + 1}.md",
                stem=f"{date.isoformat()}-day-{number + 1}",
                date=date,
                body=" ".join(rng.choice(bench.WORDS) for _ in range(120)).capitalize() + ".\n",
                tags=rng.sample(bench.TAGS, 3),
                hours=rng.choice([0.5, 1, 1.5, 2]),
                roadmap="backend-365" if first_year else None,
                day=number + 1 if first_year else None,
            )
        )
    start = dt.datetime.combine(bench.START, dt.time(), dt.UTC).timestamp()
    commits = [
        Commit(
            repo=rng.choice(["journal", "code"]),
            sha=f"{number:040x}",
            when=dt.datetime.fromtimestamp(start + rng.randrange(3650 * 86400), PARIS),
            author="Learner",
            subject=f"{rng.choice(['Add', 'Fix', 'Test'])} {rng.choice(bench.TAGS)} step {number}",
        )
        for number in range(20000)
    ]
    today = bench.START + dt.timedelta(days=3650)
    vocabulary = load_topics(DEFAULT_TOPICS, ROOT)
    return build_site(roadmaps, entries, commits, today, vocabulary=vocabulary)


def test_no_page_of_a_ten_year_journal_outgrows_the_bound(tmp_path: Path):
    site = ten_year_site()
    settings = Settings(root=tmp_path, site_name="Ten years", site_url="https://learner.example/")
    env = make_env(settings)
    sizes = {
        uri: len(render_page(env, site, settings, template, uri, context).encode())
        for template, uri, context in plan_pages(site, settings)
        if template != "entry.md.j2"  # one entry and its day: no journal makes it grow
    }
    largest = max(sizes, key=sizes.get)
    assert sizes[largest] + THEME <= MAX_PAGE, (largest, sizes[largest])
    # Every year has its pages, and the journal index its numbered pages.
    assert {"journal/2017.md", "journal/2026.md", "calendar/2017.md", "journal/page/365.md"} <= set(
        sizes
    )


# ---- roadlog serve ---------------------------------------------------------------------------


@pytest.fixture
def preview(fixture_site: Path, tmp_path_factory: pytest.TempPathFactory):
    """`roadlog serve` of the fixture project, stopped at teardown whatever happens."""
    server = Preview(fixture_site, (), tmp_path_factory.mktemp("serve-logs"))
    try:
        server.start()
        yield server
    finally:
        server.stop()


def test_serve_adds_and_removes_the_year_pages_as_entries_come_and_go(
    fixture_site: Path, preview: Preview
):
    assert preview.get("journal/2025/")[0] == 404
    entry = write(
        fixture_site, "journal/2025-06-02-june.md", "---\ntitle: June notes\n---\nJune.\n"
    )
    page = preview.wait_for("journal/2025/", lambda s, t: s == 200, "the new year page")
    assert "June notes" in page
    years = BeautifulSoup(preview.get("journal/")[1], "html.parser").select("nav.rl-years a")
    assert [a.get_text() for a in years] == ["2026", "2025"]
    assert preview.get("calendar/2025/")[0] == 200
    assert "2025-06-02" in preview.get("calendar/2025/")[1]
    entry.unlink()
    preview.wait_for("journal/2025/", lambda s, t: s == 404, "the year page gone")
    assert preview.get("calendar/2025/")[0] == 404
    years = BeautifulSoup(preview.get("journal/")[1], "html.parser").select("nav.rl-years a")
    assert [a.get_text() for a in years] == ["2026"]
