"""Drafts never leak: canaries planted in drafts are found nowhere in site/, and nothing counts them.

The project is the fixture of conftest.py (which already holds one draft, on 2026-03-07) plus drafts
placed where a leak would be most visible:

| draft | date       | where a leak would show                                              |
| ----- | ---------- | -------------------------------------------------------------------- |
| early | 2026-03-01 | between two published entries (warm-up 02-27, bits 03-02): prev/next |
| day4  | 2026-03-05 | `roadmap: demo` + `day: 4`: would turn the missed day 4 done         |
| crlf  | 2026-03-09 | CRLF line endings and a BOM, same day as a published entry           |
| today | 2026-03-10 | the newest entry: first in feeds and on the dashboard; day 9 (today) |

Every draft carries its own canary in its file name, title, tags (one tag only drafts use, and the
`networking` tag a published entry shares) and body. A second build of the same project with the
draft files deleted (same git history, same folder name) is the reference for every count.
"""

from __future__ import annotations

import difflib
import gzip
import json
import re
import shutil
import uuid
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import (
    CANARY,
    PUBLISHED,
    SITE_URL,
    SOURCE_DATE_EPOCH,
    assert_refused,
    build,
    git,
    make_project,
)

# Fixed (not random), so pytest-xdist workers collect the same tests; unique all the same.
TOKEN = uuid.uuid5(uuid.NAMESPACE_URL, "roadlog/tests/test_privacy").hex[:12]


def canary(draft: str, field: str) -> str:
    """A unique, lowercase canary string for one field of one draft."""
    return f"canary-{TOKEN}-{draft}-{field}"


# draft name -> (file path relative to the project, extra front matter lines, date shown)
DRAFTS = {
    "early": ("journal/2026-03/2026-03-01-{file}.md", ["hours: 5"], "2026-03-01"),
    "day4": (
        "journal/later/2026-03-05-{file}.md",
        ["roadmap: demo", "day: 4", "hours: 2"],
        "2026-03-05",
    ),
    "crlf": ("journal/2026-03/2026-03-09-zz-{file}.md", ["hours: 4"], "2026-03-09"),
    "today": (
        "journal/2026-03/2026-03-10-{file}.md",
        ["roadmap: demo", "day: 9", "hours: 3"],
        "2026-03-10",
    ),
}
# The draft of conftest.py (2026-03-07) carries CANARY in its name, title, tag and body.
ALL_CANARIES = [canary(d, f) for d in DRAFTS for f in ("file", "title", "tag", "body")] + [CANARY]


def draft_text(name: str, extra: list[str]) -> str:
    lines = [
        "---",
        f"title: {canary(name, 'title')} secret title",
        f"tags: [{canary(name, 'tag')}, networking]",
        *extra,
        "draft: true",
        "---",
        f"# {canary(name, 'title')} heading",
        "",
        f"The body {canary(name, 'body')} must never be published.",
        "",
        f"![image](img/{canary(name, 'body')}.png) and [a link](https://example.org/{canary(name, 'body')})",
        "",
    ]
    return "\n".join(lines)


def draft_files() -> dict[str, bytes]:
    """Every added draft file (relative path -> bytes); the `crlf` one has a BOM and CRLF endings."""
    files = {}
    for name, (pattern, extra, _) in DRAFTS.items():
        text = draft_text(name, extra)
        data = text.encode()
        if name == "crlf":
            data = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()
        files[pattern.format(file=canary(name, "file"))] = data
    return files


def draft_stems() -> list[str]:
    return [Path(p).stem for p in draft_files()] + [f"2026-03-07-{CANARY}"]


def add_drafts(root: Path) -> Path:
    """The fixture project plus the drafts above, committed (drafts live in public repos too)."""
    make_project(root)
    for relative, data in draft_files().items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Add notes", date="2026-02-20T10:00:00+09:00")
    return root


def without_drafts(project: Path, root: Path) -> Path:
    """A copy of `project` (same git history, same folder name) whose draft files are deleted."""
    shutil.copytree(project, root, symlinks=True, ignore=shutil.ignore_patterns("site"))
    for file in (root / "journal").rglob("*.md"):
        if re.search(rb"^draft: true\r?$", file.read_bytes(), re.M):
            file.unlink()
    return root


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(project with drafts, the same without its draft files), both built."""
    with_drafts = add_drafts(tmp_path_factory.mktemp("with") / "learner")
    reference = without_drafts(with_drafts, tmp_path_factory.mktemp("without") / "learner")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        assert build(with_drafts) == 0
        assert build(reference) == 0
    return with_drafts, reference


@pytest.fixture(scope="module")
def site(projects) -> Path:
    return projects[0] / "site"


@pytest.fixture(scope="module")
def reference_site(projects) -> Path:
    return projects[1] / "site"


# ---- helpers -----------------------------------------------------------------------------------


def read_all(site: Path) -> dict[str, bytes]:
    """Every file under site/ by relative path, read as bytes, `.gz` files decompressed."""
    files = {}
    for file in sorted(site.rglob("*")):
        if file.is_file():
            data = file.read_bytes()
            # Pagefind's index and fragments are gzip files too: a canary is looked for inside.
            packed = file.suffix in (".gz", ".pf_fragment", ".pf_index", ".pf_meta")
            files[file.relative_to(site).as_posix()] = gzip.decompress(data) if packed else data
    return files


def url_of(path: str) -> str:
    return urljoin(SITE_URL, path.lstrip("/"))


def file_of(site: Path, path: str) -> Path:
    relative = path.lstrip("/")
    return site / (relative + "index.html" if relative.endswith("/") or not relative else relative)


def content_of(site: Path, path: str):
    soup = BeautifulSoup(file_of(site, path).read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.md-content__inner")
    assert article is not None, path
    return article


def href_to(page: str, href: str) -> str:
    return urljoin(url_of(page), href)


def stats_of(site: Path) -> dict[str, str]:
    page = content_of(site, "/")
    return {
        s.select_one("span").get_text(strip=True): s.select_one("strong").get_text(strip=True)
        for s in page.select(".rl-stat")
    }


def entry_links(
    site: Path, path: str, selector: str = "article.rl-card :is(h2, h3) a"
) -> list[str]:
    return [href_to(path, a["href"]) for a in content_of(site, path).select(selector)]


# ---- the canary --------------------------------------------------------------------------------


def test_the_drafts_are_real_drafts_of_the_project(projects):
    """Not vacuous: the loader reads every planted file, and each is a draft with its canaries."""
    from generator.errors import Collector
    from generator.load_entries import load_entry

    project = projects[0]
    for relative in draft_files():
        entry = load_entry(project / relative, relative, Collector())
        assert entry is not None and entry.draft is True, relative
        assert any(TOKEN in tag for tag in entry.tags), relative
        assert "networking" in entry.tags


@pytest.mark.parametrize("needle", ALL_CANARIES)
def test_canary_is_nowhere_in_site(site: Path, needle: str):
    files = read_all(site)
    for required in ("pagefind/pagefind-entry.json", "sitemap.xml", "sitemap.xml.gz", "feed.xml"):
        assert required in files
    assert any(name.startswith("topics/") and name.endswith("/feed.xml") for name in files)
    lowered = needle.lower().encode()
    assert [name for name in files if lowered in name.lower().encode()] == []
    leaks = {}
    for name, data in files.items():
        at = data.lower().find(lowered)
        if at >= 0:
            leaks[name] = data[max(0, at - 80) : at + 80]
    assert leaks == {}


def test_site_is_identical_to_a_build_without_the_drafts(site: Path, reference_site: Path):
    """The strongest form of "no trace": every byte of site/ is what it would be without drafts."""
    ours, reference = read_all(site), read_all(reference_site)
    assert sorted(ours) == sorted(reference)
    differing = [name for name in ours if ours[name] != reference[name]]
    detail = ""
    if differing:
        name = differing[0]
        diff = difflib.unified_diff(
            reference[name].decode("utf-8", "replace").splitlines(),
            ours[name].decode("utf-8", "replace").splitlines(),
            "without drafts",
            "with drafts",
            lineterm="",
            n=1,
        )
        detail = "\n".join(list(diff)[:40])
    assert differing == [], detail


# ---- pages, topics, counts ---------------------------------------------------------------------


def test_no_page_for_any_draft(site: Path):
    journal = {p.name for p in (site / "journal").iterdir() if p.is_dir()}
    assert journal == {*PUBLISHED, "2026"}  # the entries and the year page
    for stem in draft_stems():
        assert not (site / "journal" / stem).exists()
    # Search finds every published entry, on its own page (a year page lists entries: not indexed).
    found = {
        json.loads(data.removeprefix(b"pagefind_dcd"))["url"]
        for name, data in read_all(site).items()
        if name.endswith(".pf_fragment")
    }
    assert {url for url in found if url.startswith("/journal/")} == {
        f"/journal/{stem}/" for stem in PUBLISHED
    }
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>([^<]*)</loc>", sitemap))
    journal_urls = {u for u in listed if re.fullmatch(re.escape(SITE_URL) + r"journal/[^/]+/", u)}
    assert journal_urls == {url_of(f"/journal/{stem}/") for stem in [*PUBLISHED, "2026"]}


def test_no_topic_page_or_feed_for_a_draft_only_tag(site: Path):
    topics = {p.name for p in (site / "topics").iterdir() if p.is_dir()}
    assert topics == {"networking", "linux", "security"}
    for name in DRAFTS:
        assert not (site / "topics" / canary(name, "tag")).exists()


def test_shared_topic_counts_only_published_entries(site: Path):
    index = content_of(site, "/topics/")
    rows = index.select(".rl-topic-table tbody tr")
    assert rows
    for row in rows:
        cells = [td.get_text(strip=True) for td in row.select("td")]
        if cells[0] == "networking":
            assert cells[3] == "1", cells  # the entries column: bits only
    networking = content_of(site, "/topics/networking/")
    # Every link to a journal entry on the page (cards or a list, whatever the template uses).
    linked = {
        href_to("/topics/networking/", a["href"]) for a in networking.find_all("a", href=True)
    }
    assert {u for u in linked if u.startswith(url_of("/journal/"))} == {
        url_of("/journal/2026-03-02-bits/")
    }
    assert "1 entry" in networking.get_text()
    feed = feedparser.parse((site / "topics" / "networking" / "feed.xml").read_bytes())
    assert feed.bozo == 0
    assert [e.link for e in feed.entries] == [url_of("/journal/2026-03-02-bits/")]


CELLS = {  # date -> (state, the published entry it links to or None)
    "2026-03-01": ("none", None),  # the `early` draft only (and a commit)
    "2026-03-05": ("missed", None),  # the `day4` draft only
    "2026-03-07": ("missed", None),  # conftest's draft only
    "2026-03-09": ("done", "2026-03-09-records"),  # records and the `crlf` draft
    "2026-03-10": ("planned", None),  # today: the `today` draft only
}


@pytest.mark.parametrize(
    "path, scope", [("/calendar/", "#all "), ("/calendar/", "#roadmap-demo "), ("/", "")]
)
def test_calendar_gives_drafts_no_link_and_no_credit(site: Path, path: str, scope: str):
    page = content_of(site, path)
    expected = dict(CELLS)
    if scope == "#roadmap-demo ":
        expected["2026-03-01"] = ("none", None)  # not a day of demo either way
    cells = {c["data-date"]: c for c in page.select(scope + "svg rect[data-date]")}
    for date, (state, linked) in expected.items():
        cell = cells[date]
        assert cell["data-state"] == state, date
        if linked:
            assert cell.parent.name == "a", date
            assert href_to(path, cell.parent["href"]) == url_of(f"/journal/{linked}/"), date
        else:
            assert cell.parent.name != "a", date
        assert "secret" not in cell.find("title").get_text(), date
    published = {url_of(f"/journal/{stem}/") for stem in PUBLISHED}
    # /calendar/ has one table view, of every roadmap, below its panels.
    rows = {tr["data-date"]: tr for tr in page.select(".rl-table-view tr[data-date]")}
    assert bool(rows) == (path == "/calendar/")
    for date, (state, _linked) in CELLS.items():
        if date in rows:
            assert rows[date]["data-state"] == state, date
            assert {href_to(path, a["href"]) for a in rows[date].select("a")} <= published, date


def test_dashboard_streak_and_counts_ignore_drafts(site: Path, reference_site: Path):
    stats = stats_of(site)
    assert stats == stats_of(reference_site)
    # With the drafts, the streak would be 3 (03-08, 03-09, today), the days logged 9, the hours 21.0.
    assert {k: stats[k] for k in ("day streak", "longest streak", "days logged", "hours")} == {
        "day streak": "2",
        "longest streak": "3",
        "days logged": "6",
        "hours": "7.0",
    }
    calendar = content_of(site, "/calendar/").select_one(".rl-meta").get_text(" ", strip=True)
    reference = (
        content_of(reference_site, "/calendar/").select_one(".rl-meta").get_text(" ", strip=True)
    )
    assert calendar == reference
    today = content_of(site, "/").select(".rl-plan-list li")
    assert [li["data-state"] for li in today] == ["planned"]


def test_latest_entries_journal_index_and_pagination_count_only_published(site: Path):
    newest = [url_of(f"/journal/{stem}/") for stem in reversed(PUBLISHED)]
    assert entry_links(site, "/") == newest[:5]
    assert entry_links(site, "/journal/") == newest
    # 7 published + 5 drafts would need a second page of 10.
    assert not (site / "journal" / "page").exists()
    assert content_of(site, "/journal/").select("nav.rl-pager, a[rel=next], a[rel=prev]") == []


NEIGHBOURS = {  # published entry -> (older, newer), skipping every draft
    "2026-02-27-warmup": (None, "2026-03-02-bits"),  # the `early` draft (03-01) is between
    "2026-03-02-bits": ("2026-02-27-warmup", "2026-03-03-packets"),
    "2026-03-04-escaping": ("2026-03-03-packets", "2026-03-06-skipped"),  # `day4` (03-05)
    "2026-03-06-skipped": ("2026-03-04-escaping", "2026-03-08-dns"),  # conftest's (03-07)
    "2026-03-09-records": ("2026-03-08-dns", None),  # `crlf` (03-09) and `today` (03-10)
}


@pytest.mark.parametrize("stem", NEIGHBOURS)
def test_prev_next_skip_drafts(site: Path, stem: str):
    path = f"/journal/{stem}/"
    page = content_of(site, path)
    older, newer = NEIGHBOURS[stem]
    prev, nxt = page.select_one("a[rel=prev]"), page.select_one("a[rel=next]")
    assert (href_to(path, prev["href"]) if prev else None) == (
        url_of(f"/journal/{older}/") if older else None
    )
    assert (href_to(path, nxt["href"]) if nxt else None) == (
        url_of(f"/journal/{newer}/") if newer else None
    )


def test_roadmap_days_of_drafts_have_no_link_and_no_credit(site: Path):
    page = content_of(site, "/roadmaps/demo/")
    states = {item["id"]: item["data-state"] for item in page.select('[id^="day-"]')}
    assert (states["day-4"], states["day-6"], states["day-9"]) == ("missed", "missed", "planned")
    for day in ("day-4", "day-6", "day-9"):
        assert page.select_one(f"#{day}").select("a.rl-entry-link") == [], day
    assert "4 of 12 done (33%)" in page.get_text(" ", strip=True)
    progress = content_of(site, "/").select_one(".rl-roadmap-progress").get_text(" ", strip=True)
    assert "4 of 12 done · 33%" in progress


def test_feeds_carry_only_published_entries(site: Path):
    ids = [f"tag:learner.example,2026:journal/{stem}" for stem in reversed(PUBLISHED)]
    for name in ("feed.xml", "rss.xml"):
        feed = feedparser.parse((site / name).read_bytes())
        assert feed.bozo == 0, name
        assert [e.id for e in feed.entries] == ids, name
    items = json.loads((site / "feed.json").read_text(encoding="utf-8"))["items"]
    assert [item["id"] for item in items] == ids
    for feed_file in (site / "topics").glob("*/feed.xml"):
        for entry in feedparser.parse(feed_file.read_bytes()).entries:
            assert entry.id in ids, (feed_file, entry.id)


# ---- `draft` must be a real boolean ------------------------------------------------------------

NOT_BOOLEANS = ['"true"', "'True'", '"yes"', '"false"', "1", "0", "null", "", "[true]"]


@pytest.mark.parametrize("value", NOT_BOOLEANS)
def test_draft_that_is_not_a_boolean_is_an_error(fixture_site: Path, capsys, value: str):
    from generator.cli import main

    needle = canary("typed", "title")
    relative = "journal/2026-03/2026-03-11-typed.md"
    (fixture_site / relative).write_text(
        f"---\ntitle: {needle}\nhours: 1\ndraft: {value}\n---\nThe body {needle}.\n",
        encoding="utf-8",
    )
    config = str(fixture_site / "mkdocs.yml")
    assert main(["-f", config, "check"]) == 1
    out, err = capsys.readouterr()
    assert re.search(rf"^{re.escape(relative)}:4: .*draft", out + err, re.M), out + err
    assert "Traceback" not in out + err
    assert build(fixture_site) == 1
    out, err = capsys.readouterr()
    assert re.search(rf"^{re.escape(relative)}:4: .*draft", out + err, re.M), out + err
    assert "Traceback" not in out + err
    assert not (fixture_site / "site").exists()


@pytest.mark.parametrize("value", ["yes", "True", "TRUE", "on"])
def test_yaml_spellings_of_true_never_publish(fixture_site: Path, value: str):
    """YAML 1.1 reads these as true: the entry is a draft (an error would also be acceptable)."""
    needle = canary("spelled", "body")
    (fixture_site / "journal" / f"2026-03-11-{needle}.md").write_text(
        f"---\ndraft: {value}\n---\n# {needle}\n\nThe body {needle}.\n", encoding="utf-8"
    )
    if build(fixture_site) == 0:
        files = read_all(fixture_site / "site")
        assert [n for n, data in files.items() if needle.encode() in data or needle in n] == []


@pytest.mark.parametrize(
    "prefix",
    ["\n", "  \n", "\ufeff\n"],
    ids=["blank-first-line", "spaces-first-line", "bom-then-blank-line"],
)
def test_front_matter_after_a_blank_first_line_never_publishes_a_draft(
    fixture_site: Path, capsys, prefix: str
):
    """`draft: true` in a front matter block the reader does not see must not publish the entry.

    Either the file is an error (`path:line: message`) or it is treated as a draft; publishing the
    body, with `draft: true` shown as text, is a leak.
    """
    needle = canary("blank", "body")
    (fixture_site / "journal" / "2026-03-11-blank.md").write_text(
        f"{prefix}---\ntitle: Secret\ndraft: true\n---\nThe body {needle}.\n", encoding="utf-8"
    )
    if build(fixture_site) == 0:
        files = read_all(fixture_site / "site")
        leaked = sorted(n for n, data in files.items() if needle.encode() in data)
        assert leaked == [], f"published a draft whose front matter follows a blank line: {leaked}"
    else:
        out, err = capsys.readouterr()
        assert "journal/2026-03-11-blank.md:" in out + err


# ---- front matter the reader cannot see, `draft` misspelled, links to drafts -------------------


@pytest.mark.parametrize(
    "prefix, shown",
    [
        ("\ufeff\ufeff", "U+FEFF BYTE ORDER MARK"),  # the reader drops one BOM, not two
        ("\u200b", "U+200B ZERO WIDTH SPACE"),
        ("\u00a0", "U+00A0 NO-BREAK SPACE"),
        ("\u2060", "U+2060 WORD JOINER"),
        ("\u200f", "U+200F RIGHT-TO-LEFT MARK"),
    ],
)
def test_an_invisible_character_before_the_front_matter_never_publishes_a_draft(
    fixture_site: Path, capsys, prefix: str, shown: str
):
    """Read as the body, the block would publish the entry with `draft: true` shown as text."""
    needle = canary("invisible", "body")
    (fixture_site / "journal" / "2026-03-11-invisible.md").write_text(
        f"{prefix}---\ntitle: Secret\ndraft: true\n---\nThe body {needle}.\n", encoding="utf-8"
    )
    assert_refused(
        fixture_site,
        capsys,
        f"journal/2026-03-11-invisible.md:1: the first line has an invisible character ({shown}) "
        "before '---': delete it so the front matter is read",
    )


@pytest.mark.parametrize(
    "key, hint",
    [
        ("Draft", ""),
        ("DRAFT", ""),
        ("drafts", ""),
        ("draf", ""),
        ("is_draft", ""),
        ("dr\u0430ft", " its 'а' is U+0430 CYRILLIC SMALL LETTER A"),
        ("\uff44\uff52\uff41\uff46\uff54", " its 'ｄ' is U+FF44 FULLWIDTH LATIN SMALL LETTER D"),
    ],
)
def test_a_near_miss_of_draft_never_publishes(fixture_site: Path, capsys, key: str, hint: str):
    needle = canary("near-miss", "body")
    (fixture_site / "journal" / "2026-03-11-near-miss.md").write_text(
        f"---\ntitle: Secret\n{key}: true\n---\nThe body {needle}.\n", encoding="utf-8"
    )
    assert_refused(
        fixture_site,
        capsys,
        f"journal/2026-03-11-near-miss.md:3: unknown key {key!r} (did you mean 'draft'?{hint}): "
        "only `draft: true` keeps an entry unpublished; fix the key, or rename it if it is not "
        "about drafts",
    )


def test_a_link_to_a_draft_is_a_warning_at_its_line(fixture_site: Path, capsys):
    from generator.cli import main

    draft = f"2026-03-07-{CANARY}"
    (fixture_site / "journal" / "2026-03-10-links.md").write_text(
        f"---\ntitle: Links\n---\nSee [the plan]({SITE_URL}journal/{draft}/).\n\n"
        f'<a href="../{draft}/">again</a>\n',
        encoding="utf-8",
    )
    warning = (
        "journal/2026-03-10-links.md:{}: warning: links to journal/2026-03/"
        f"{draft}.md, a draft: the link will be broken and shows the draft's name"
    )
    expected = [warning.format(4), warning.format(6)]
    assert main(["-f", str(fixture_site / "mkdocs.yml"), "check"]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines()[:-1] == expected
    assert build(fixture_site) == 0
    _, err = capsys.readouterr()
    assert err.splitlines() == expected
    assert build(fixture_site, "--strict") == 1  # --strict makes the warning stop the build
