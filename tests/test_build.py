"""End-to-end: build the fixture project and check the real site/ it produces."""

from __future__ import annotations

import gzip
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import (
    BOLD_TITLE,
    CANARY,
    PUBLISHED,
    REPO_URL,
    SITE_URL,
    SOURCE_DATE_EPOCH,
    XSS_SUBJECT,
    build,
    commit_shas,
    make_project,
    write,
)

ATOM = "{http://www.w3.org/2005/Atom}"
STATES = {"done", "partial", "skipped", "missed", "planned", "rest", "none"}
TOPICS = {"networking", "linux", "security"}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project, built once for every test of this module that only reads site/."""
    root = make_project(tmp_path_factory.mktemp("learner"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        assert build(root) == 0
    return root


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    return project / "site"


def url_of(path: str) -> str:
    """The absolute URL of a site path such as `/journal/`."""
    return urljoin(SITE_URL, path.lstrip("/"))


def file_of(site: Path, path: str) -> Path:
    """The built file serving the site path `path`."""
    relative = path.lstrip("/")
    return site / (relative + "index.html" if relative.endswith("/") or not relative else relative)


def soup_of(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup(file_of(site, path).read_text(encoding="utf-8"), "html.parser")


def content_of(site: Path, path: str):
    """The page's own content (the article), without the theme around it."""
    article = soup_of(site, path).select_one("article.md-content__inner")
    assert article is not None, path
    return article


def href_to(page: str, href: str) -> str:
    """`href` found on the site path `page`, made absolute."""
    return urljoin(url_of(page), href)


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def page_path(site: Path, file: Path) -> str:
    """The site path of a built HTML file (`/journal/x/` for journal/x/index.html)."""
    relative = file.relative_to(site).as_posix()
    return "/" + relative.removesuffix("index.html")


# ---- pages -------------------------------------------------------------------------------------


def test_every_contract_page_exists(site: Path):
    paths = ["/", "/journal/", "/calendar/", "/roadmaps/", "/roadmaps/demo/", "/topics/"]
    paths += ["/journal/2026/", "/calendar/2026/"]
    paths += [f"/journal/{stem}/" for stem in PUBLISHED]
    paths += [f"/topics/{slug}/" for slug in sorted(TOPICS)]
    paths += ["/feed.xml"]
    missing = [p for p in paths if not file_of(site, p).is_file()]
    assert missing == []
    assert not (site / "journal" / "page").exists(), "7 entries fit on one journal page"
    journal_pages = {p.name for p in (site / "journal").iterdir() if p.is_dir()}
    assert journal_pages == {*PUBLISHED, "2026"}  # the entries and the year page


def test_other_contract_feeds_exist(site: Path):
    """The contract lists RSS 2.0, JSON Feed 1.1 and an Atom feed per topic beside /feed.xml."""
    rss = feedparser.parse((site / "rss.xml").read_bytes())
    assert rss.bozo == 0
    assert rss.version == "rss20"
    atom_ids = {e.id for e in feedparser.parse((site / "feed.xml").read_bytes()).entries}
    assert {e.id for e in rss.entries} == atom_ids
    feed_json = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    assert feed_json["version"] == "https://jsonfeed.org/version/1.1"
    assert {item["id"] for item in feed_json["items"]} == atom_ids
    topic = feedparser.parse((site / "topics" / "networking" / "feed.xml").read_bytes())
    assert topic.bozo == 0
    assert [e.link for e in topic.entries] == [url_of("/journal/2026-03-02-bits/")]


DESCRIPTIONS = {
    "/": "Learning in public: 7 journal entries, 6 days logged, 1 roadmap.",
    "/calendar/": "Planned versus done, day by day, over the last twelve months: study days,"
    " journal entries and commits.",
    "/calendar/2026/": "Planned versus done, day by day, in 2026: study days, journal entries"
    " and commits.",
    "/journal/": "7 journal entries, newest first.",
    "/journal/2026/": "7 journal entries in 2026, month by month.",
    "/journal/2026-03-08-dns/": "Worked late on DNS.",
    "/roadmaps/": "The roadmaps followed in this journal and how far each has come: 1 roadmap.",
    "/roadmaps/demo/": "The plan of Demo Roadmap and its progress, step by step.",
    "/topics/": "The same subject across every roadmap and the journal: 3 topics.",
    "/topics/networking/": "networking: 0 planned, 0 done, 1 journal entry.",
    "/about/": "I learn in public.",  # the learner's page without one: its first paragraph
}


def test_every_page_has_its_own_description(site: Path):
    """Search engines and link previews show a page by its description (Lighthouse: SEO)."""
    found = {}
    for file in html_pages(site):
        tags = soup_of(site, page_path(site, file)).select('head meta[name="description"]')
        found[page_path(site, file)] = [tag["content"] for tag in tags]
    assert {path: found[path] for path in DESCRIPTIONS} == {
        path: [text] for path, text in DESCRIPTIONS.items()
    }
    # The 404 page has none: the fixture's mkdocs.yml has no site_description.
    assert [path for path, texts in found.items() if len(texts) != 1] == ["/404.html"]


def test_dashboard_shows_streak_progress_and_today(site: Path):
    page = content_of(site, "/")
    stats = {
        stat.select_one("span").get_text(strip=True): stat.select_one("strong").get_text(strip=True)
        for stat in page.select(".rl-stat")
    }
    # The draft on 03-07 would make the current streak 3, the days logged 7 and the hours 10.0;
    # the skipped entry of 03-06 is not a logged day.
    assert stats == {
        "day streak": "2",
        "longest streak": "3",
        "days logged": "6",
        "hours": "7.0",
        "commits": "4",
    }
    progress = page.select_one(".rl-roadmap-progress")
    assert "4 of 12 done · 33%" in progress.get_text(" ", strip=True)
    assert progress.select_one('[role="progressbar"]')["aria-valuenow"] == "33"
    assert href_to("/", progress.select_one("a")["href"]) == url_of("/roadmaps/demo/")
    assert "Tue 10 Mar 2026" in page.get_text()
    today = page.select(".rl-plan-list li")
    assert len(today) == 1
    assert today[0]["data-state"] == "planned"
    assert "Day 9" in today[0].get_text() and "TCP Handshake" in today[0].get_text()
    latest = [href_to("/", a["href"]) for a in page.select("article.rl-card :is(h2, h3) a")]
    assert latest == [url_of(f"/journal/{stem}/") for stem in reversed(PUBLISHED)][:5]


def test_journal_index_is_newest_first(site: Path):
    page = content_of(site, "/journal/")
    links = [href_to("/journal/", a["href"]) for a in page.select("article.rl-card :is(h2, h3) a")]
    assert links == [url_of(f"/journal/{stem}/") for stem in reversed(PUBLISHED)]
    titles = [a.get_text() for a in page.select("article.rl-card :is(h2, h3) a")]
    assert titles[3] == BOLD_TITLE
    assert page.select("a[rel=next], a[rel=prev]") == []


def test_journal_pagination(fixture_site: Path):
    for day in range(1, 7):
        write(fixture_site, f"journal/extra/2026-01-0{day}-extra.md", f"Extra entry {day}.\n")
    assert build(fixture_site) == 0
    site = fixture_site / "site"
    stems = [f"2026-01-0{day}-extra" for day in range(1, 7)] + PUBLISHED
    newest = [url_of(f"/journal/{stem}/") for stem in reversed(stems)]

    first = content_of(site, "/journal/")
    assert [
        href_to("/journal/", a["href"]) for a in first.select("article.rl-card :is(h2, h3) a")
    ] == (newest[:10])
    assert first.select("a[rel=prev]") == []
    assert [href_to("/journal/", a["href"]) for a in first.select("a[rel=next]")] == [
        url_of("/journal/page/2/")
    ]

    second = content_of(site, "/journal/page/2/")
    cards = [
        href_to("/journal/page/2/", a["href"])
        for a in second.select("article.rl-card :is(h2, h3) a")
    ]
    assert cards == newest[10:]
    assert second.select("a[rel=next]") == []
    assert [href_to("/journal/page/2/", a["href"]) for a in second.select("a[rel=prev]")] == [
        url_of("/journal/")
    ]
    assert not (site / "journal" / "page" / "3").exists()


def test_entry_page_shows_body_plan_commits_and_neighbours(project: Path, site: Path):
    path = "/journal/2026-03-08-dns/"
    page = content_of(site, path)
    assert page.select_one("h1").get_text(strip=True) == "DNS by night"
    assert "Worked late on DNS." in page.get_text()

    plan = page.select_one(".rl-plan")
    assert "Day 7" in plan.select_one("h2").get_text()
    assert "Question of day 7?" in plan.select_one(".rl-question").get_text()
    assert "concept-7a, concept-7b" in plan.get_text()
    assert [li.get_text(strip=True) for li in plan.select(".rl-tasks li")] == [
        "Task 7.1",
        "Task 7.2",
    ]
    resources = [(a.get_text(strip=True), a["href"]) for a in plan.select(".rl-resources a")]
    assert resources == [("Resource 7", "https://docs.example/day-7")]
    day_link = page.select_one(".rl-meta a")
    assert href_to(path, day_link["href"]) == url_of("/roadmaps/demo/#day-7")

    # 23:50 in Tokyo on 03-08, written with a +12:00 offset (03-09 for its author): it is 03-08 here.
    sha = commit_shas(project)["Late-night DNS notes"]
    commits = page.select(".rl-commits li")
    assert len(commits) == 1
    assert commits[0].select_one("a")["href"] == f"{REPO_URL}/commit/{sha}"
    assert "Late-night DNS notes" in commits[0].get_text()
    assert commits[0].select_one("time")["datetime"] == "2026-03-08T23:50:00+09:00"

    # Older and newer published entries; the draft of 03-07 is not a neighbour.
    prev, nxt = page.select_one("a[rel=prev]"), page.select_one("a[rel=next]")
    assert href_to(path, prev["href"]) == url_of("/journal/2026-03-06-skipped/")
    assert href_to(path, nxt["href"]) == url_of("/journal/2026-03-09-records/")


def test_commits_belong_to_their_local_day(project: Path, site: Path):
    """00:10 in Tokyo is the previous day in UTC; it still belongs to the Tokyo date 03-09."""
    shas = commit_shas(project)
    records = content_of(site, "/journal/2026-03-09-records/")
    links = [a["href"] for a in records.select(".rl-commits li a")]
    assert links == [f"{REPO_URL}/commit/{shas['Just after midnight']}"]
    assert records.select_one(".rl-commits time")["datetime"] == "2026-03-09T00:10:00+09:00"
    assert records.select_one("a[rel=next]") is None
    assert content_of(site, "/journal/2026-03-02-bits/").select(".rl-commits li") == []
    first = content_of(site, "/journal/2026-02-27-warmup/")
    assert first.select_one("a[rel=prev]") is None


def test_entry_titles_fall_back_to_plan_then_heading(site: Path):
    bits = content_of(site, "/journal/2026-03-02-bits/")
    assert bits.select_one("h1").get_text(strip=True) == "Bits & Bytes"
    tags = {href_to("/journal/2026-03-02-bits/", a["href"]) for a in bits.select("a.rl-tag")}
    assert tags == {url_of("/topics/networking/"), url_of("/topics/linux/")}
    about = bits.find("a", string="the about page")
    assert href_to("/journal/2026-03-02-bits/", about["href"]) == url_of("/about/")

    warmup = content_of(site, "/journal/2026-02-27-warmup/")
    assert warmup.select_one("h1").get_text(strip=True) == "Warm-up notes"
    # The body's own `# Heading` is rendered as a heading, not left as markdown.
    headings = [h.get_text(strip=True).rstrip("¶") for h in warmup.find_all(["h1", "h2"])]
    assert headings.count("Warm-up notes") >= 1
    assert "# Warm-up notes" not in warmup.get_text()
    assert warmup.select(".rl-plan") == []


# ---- calendar and roadmap ----------------------------------------------------------------------

CALENDAR = {
    "2026-02-20": "none",
    "2026-02-27": "done",
    "2026-03-02": "done",
    "2026-03-03": "partial",
    "2026-03-04": "done",
    "2026-03-05": "missed",
    "2026-03-06": "skipped",
    "2026-03-07": "missed",  # only the draft: a draft never credits a day
    "2026-03-08": "done",
    "2026-03-10": "planned",  # today
    "2026-03-12": "planned",  # the first day of the range 11-12
    "2026-03-14": "none",
}
LINKED = {
    "2026-02-27": "2026-02-27-warmup",
    "2026-03-02": "2026-03-02-bits",
    "2026-03-03": "2026-03-03-packets",
    "2026-03-04": "2026-03-04-escaping",
    "2026-03-06": "2026-03-06-skipped",
    "2026-03-08": "2026-03-08-dns",
}


@pytest.mark.parametrize("path", ["/calendar/", "/"])
def test_calendar_cells_carry_date_state_and_tooltip(site: Path, path: str):
    page = content_of(site, path)
    # On /calendar/ the combined calendar is the #all panel; the other panels are per roadmap.
    cells = page.select(("#all " if path == "/calendar/" else "") + "svg rect[data-date]")
    assert cells
    for cell in cells:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", cell["data-date"])
        assert cell["data-state"] in STATES
    by_date: dict[str, list] = {}
    for cell in cells:
        by_date.setdefault(cell["data-date"], []).append(cell)
    for date, state in CALENDAR.items():
        assert date in by_date, date
        for cell in by_date[date]:
            assert cell["data-state"] == state, date
            tooltip = cell.find("title")
            assert tooltip is not None, date
            assert state in tooltip.get_text(), date
            parent = cell.parent
            if date in LINKED:
                assert parent.name == "a", date
                assert href_to(path, parent["href"]) == url_of(f"/journal/{LINKED[date]}/")
            else:
                assert parent.name != "a", date


def test_roadmap_calendar_panel_holds_only_that_roadmap(site: Path):
    page = content_of(site, "/calendar/")
    panel = page.select_one("#roadmap-demo")
    states = {c["data-date"]: c["data-state"] for c in panel.select("svg rect[data-date]")}
    # The warm-up entry of 02-27 belongs to no roadmap: on demo's own calendar that day is empty.
    assert states["2026-02-27"] == "none"
    assert {
        d: states[d] for d in ("2026-03-02", "2026-03-03", "2026-03-05", "2026-03-06", "2026-03-10")
    } == {
        "2026-03-02": "done",
        "2026-03-03": "partial",
        "2026-03-05": "missed",
        "2026-03-06": "skipped",
        "2026-03-10": "planned",
    }
    links = [a.get_text(strip=True) for a in page.select("nav.rl-filter a")]
    assert links == ["All roadmaps", "Demo Roadmap"]
    # One table view for every panel: each planned day names its roadmap and that day's state.
    assert panel.select(".rl-table-view") == []
    rows = {tr["data-date"]: tr for tr in page.select(".rl-table-view tr[data-date]")}
    assert [td.get_text() for td in rows["2026-03-05"].select("td")[1:3]] == [
        "missed",
        "demo Day 4: Subnetting (missed)",
    ]
    assert rows["2026-02-27"].select("td")[2].get_text() == ""  # the warm-up: no roadmap's day


def test_calendar_tooltip_describes_the_day(site: Path):
    cell = content_of(site, "/calendar/").select_one('#all rect[data-date="2026-03-04"]')
    tooltip = cell.find("title").get_text()
    assert "Wed 04 Mar 2026" in tooltip
    assert "Day 3" in tooltip and "IP Addressing" in tooltip
    assert f"Entry: {BOLD_TITLE}" in tooltip
    assert "1 commit" in tooltip
    assert cell.find("b") is None


def test_calendar_page_covers_the_whole_year(site: Path):
    cells = content_of(site, "/calendar/").select("#all svg rect[data-date]")
    dates = [cell["data-date"] for cell in cells]
    assert dates[0] == "2026-01-01" and dates[-1] == "2026-12-31"
    assert len(dates) == len(set(dates)) == 365


ROADMAP_DAYS = {
    "day-1": "done",
    "day-2": "partial",
    "day-3": "done",
    "day-4": "missed",
    "day-5": "skipped",
    "day-6": "missed",
    "day-7": "done",
    "day-8": "done",
    "day-9": "planned",
    "day-10": "planned",
    "day-11": "planned",
}


def test_roadmap_page_has_day_items_with_states(site: Path):
    page = content_of(site, "/roadmaps/demo/")
    states = {item["id"]: item["data-state"] for item in page.select('[id^="day-"]')}
    assert states == ROADMAP_DAYS
    day1 = page.select_one("#day-1")
    assert "Bits & Bytes" in day1.get_text()
    links = [href_to("/roadmaps/demo/", a["href"]) for a in day1.select("a")]
    assert url_of("/journal/2026-03-02-bits/") in links
    assert "Days 11-12" in page.select_one("#day-11").get_text()
    assert "4 of 12 done (33%)" in page.get_text(" ", strip=True)
    # The draft of 03-07 gives day 6 no link.
    assert page.select_one("#day-6").select("a.rl-entry-link") == []

    index = content_of(site, "/roadmaps/")
    assert href_to("/roadmaps/", index.select_one("h2 a")["href"]) == url_of("/roadmaps/demo/")


def test_topic_pages_gather_published_entries(site: Path):
    index = content_of(site, "/topics/")
    topics = {a.get_text(strip=True) for a in index.select("#a-z .rl-topic-table a")}
    assert topics == TOPICS
    networking = content_of(site, "/topics/networking/")
    links = [
        href_to("/topics/networking/", a["href"]) for a in networking.select(".rl-topic-entries a")
    ]
    assert links == [url_of("/journal/2026-03-02-bits/")]
    assert "1 entry" in networking.get_text()


# ---- feed --------------------------------------------------------------------------------------


def test_feed_is_valid_atom_with_absolute_urls_and_stable_ids(site: Path):
    raw = (site / "feed.xml").read_bytes()
    feed = feedparser.parse(raw)
    assert feed.bozo == 0
    assert feed.version == "atom10"
    assert len(feed.entries) == len(PUBLISHED)
    assert [e.id for e in feed.entries] == [
        f"tag:learner.example,2026:journal/{stem}" for stem in reversed(PUBLISHED)
    ]
    assert [e.link for e in feed.entries] == [
        url_of(f"/journal/{stem}/") for stem in reversed(PUBLISHED)
    ]
    # Every URL in the feed is absolute: links, and links inside the entries' HTML.
    for element in ET.fromstring(raw).iter(f"{ATOM}link"):
        assert element.get("href").startswith(SITE_URL), element.get("href")
    for entry in feed.entries:
        assert entry.content[0].value.strip(), entry.id
        html = BeautifulSoup(entry.content[0].value, "html.parser")
        for tag in html.find_all(["a", "img"]):
            url = tag.get("href") or tag.get("src")
            assert re.match(r"https?://", url), (entry.id, url)
    bits = next(e for e in feed.entries if e.id.endswith("2026-03-02-bits"))
    about = BeautifulSoup(bits.content[0].value, "html.parser").find("a", string="the about page")
    assert about["href"] == url_of("/about/")
    assert {t.term for t in bits.tags} == {"networking", "linux"}


def test_feed_escapes_titles(site: Path):
    raw = (site / "feed.xml").read_bytes()
    entry = next(
        e
        for e in ET.fromstring(raw).iter(f"{ATOM}entry")
        if e.findtext(f"{ATOM}title") and "escaping" in e.findtext(f"{ATOM}title")
    )
    title = entry.find(f"{ATOM}title")
    assert title.text == BOLD_TITLE
    assert len(title) == 0
    assert title.get("type", "text") == "text"
    parsed = next(e for e in feedparser.parse(raw).entries if e.id.endswith("escaping"))
    assert parsed.title == BOLD_TITLE


# ---- guarantees --------------------------------------------------------------------------------


def test_markup_from_git_and_front_matter_is_text(site: Path):
    path = "/journal/2026-03-04-escaping/"
    soup = soup_of(site, path)
    page = content_of(site, path)
    heading = page.select_one("h1")
    assert heading.get_text() == BOLD_TITLE
    assert heading.find("b") is None
    commit = next(li for li in page.select(".rl-commits li") if "alert" in li.get_text())
    assert XSS_SUBJECT in commit.get_text()
    assert commit.find("script") is None
    assert [s for s in soup.find_all("script") if "alert(1)" in s.get_text()] == []
    assert [b for b in soup.find_all("b") if b.get_text() == "&"] == []
    # The same text, unescaped, appears in no page at all (titles, cards, tooltips, nav).
    for file in html_pages(site):
        text = file.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in text, file
        assert "<b>&</b>" not in text, file


def read_all(site: Path) -> dict[str, bytes]:
    """Every file under site/, .gz files decompressed."""
    files = {}
    for file in sorted(site.rglob("*")):
        if file.is_file():
            data = file.read_bytes()
            # Pagefind's index and fragments are gzip files too: a canary is looked for inside.
            packed = file.suffix in (".gz", ".pf_fragment", ".pf_index", ".pf_meta")
            files[file.relative_to(site).as_posix()] = gzip.decompress(data) if packed else data
    return files


def test_drafts_leave_no_trace(site: Path):
    files = read_all(site)
    assert "pagefind/pagefind-entry.json" in files
    assert "sitemap.xml" in files and "sitemap.xml.gz" in files
    canary = CANARY.lower().encode()
    assert [name for name in files if canary in name.lower().encode()] == []
    assert [name for name, data in files.items() if canary in data.lower()] == []
    # ... and the check is not vacuous: published entries are in the search index and sitemap.
    titles = {
        json.loads(data.removeprefix(b"pagefind_dcd"))["meta"]["title"]
        for name, data in files.items()
        if name.endswith(".pf_fragment")
    }
    assert "DNS by night" in titles
    sitemap = files["sitemap.xml"].decode()
    for stem in PUBLISHED:
        assert url_of(f"/journal/{stem}/") in sitemap


def test_atom_autodiscovery_in_every_page(site: Path):
    pages = html_pages(site)
    assert len(pages) >= 15
    for file in pages:
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        links = soup.head.select('link[rel="alternate"][type="application/atom+xml"]')
        assert len(links) == 1, file
        assert href_to(page_path(site, file), links[0]["href"]) == url_of("/feed.xml"), file


def test_no_google_fonts(site: Path):
    for file in html_pages(site):
        text = file.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text, file
        assert "fonts.gstatic.com" not in text, file


def test_same_inputs_build_byte_identical_site(fixture_site: Path):
    assert build(fixture_site) == 0
    first = read_all(fixture_site / "site")
    assert build(fixture_site) == 0
    assert read_all(fixture_site / "site") == first


def test_missing_site_url_fails_with_a_clear_message(fixture_site: Path, capsys):
    config = fixture_site / "mkdocs.yml"
    config.write_text(
        "".join(
            line
            for line in config.read_text().splitlines(keepends=True)
            if not line.startswith("site_url")
        )
    )
    assert build(fixture_site) == 1
    out, err = capsys.readouterr()
    assert "site_url" in err
    assert "Traceback" not in out + err
    assert not (fixture_site / "site").exists()
    assert list(fixture_site.glob(".site-*")) == []
