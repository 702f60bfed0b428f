"""Feeds: Atom, RSS, JSON Feed and the topic feeds of real builds, checked against their standards.

Two builds of the fixture project are shared by the module: the project as it is (site_url
https://learner.example/journal/), and a copy published under a GitHub project-pages sub-path
(https://learner.github.io/journal-site/) with `feed_limit: 6`, an entry with relative links and an
image that was never committed, and an entry edited then moved to another folder in later commits.
Golden files (`make golden` rewrites them) pin the exact output of `render_feeds` on a Site built
from literals.

feedparser 6.0 (the newest release) does not read JSON Feed, so feed.json is checked with `json`
and the JSON Feed 1.1 schema in tests/schemas/ instead.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import (
    BOLD_TITLE,
    CANARY,
    PUBLISHED,
    SITE_URL,
    SOURCE_DATE_EPOCH,
    TOKYO,
    build,
    check_golden,
    git,
    make_project,
    write,
)
from jsonschema import Draft202012Validator, FormatChecker

from generator.build_site import build_site
from generator.load_history import RepoSource, file_dates, load_history
from generator.model import Entry
from generator.render_feeds import render_feeds
from generator.settings import Settings

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
SCHEMA = json.loads((HERE / "schemas" / "jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
MAIN_FEEDS = ("feed.xml", "rss.xml", "feed.json")
MIME = {
    "feed.xml": "application/atom+xml",
    "rss.xml": "application/rss+xml",
    "feed.json": "application/feed+json",
}
# RFC 3339 `date-time`: a full date, a full time, and a mandatory offset.
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
# Attributes of HTML content that hold a URL.
URL_ATTRIBUTES = ("href", "src", "poster", "cite", "action", "data")

SUB_URL = "https://learner.github.io/journal-site/"
SUB_LIMIT = 6
OLD_DNS = "journal/2026-03/2026-03-08-dns.md"
MOVED_DNS = "journal/networking/2026-03-08-dns.md"
# The edit is 17:15 on 03-09 in Tokyo, the move 11:40 on 03-10 in Tokyo (before "today" at noon);
# both are written at other offsets so the feeds must convert them to the configured timezone.
EDIT_DATE = "2026-03-09T08:15:00+00:00"
MOVE_DATE = "2026-03-09T21:40:00-05:00"
MOVED_AT = dt.datetime(2026, 3, 10, 11, 40, tzinfo=TOKYO)
FIRST_COMMIT_AT = dt.datetime(2026, 3, 1, 10, 0, tzinfo=TOKYO)
LINKS_STEM = "2026-03-10-links"
LINKS_ENTRY = """\
    ---
    title: Links and pictures
    tags: [networking]
    ---
    Back to [the calendar](../../calendar/), [day one](../2026-03-02-bits/) and [me](../about.md).

    ![diagram](../../assets/diagram.png)
    """
RETITLED = "Name resolution, retitled"


@dataclass
class Build:
    """A built project: where it is, its site_url, and the entries its main feeds must carry."""

    root: Path
    site_url: str
    stems: list[str]  # newest first, at most feed_limit
    limit: int
    topics: dict[str, list[str]]  # topic slug -> its entries' stems, newest first

    @property
    def site(self) -> Path:
        return self.root / "site"

    def url(self, path: str) -> str:
        """The absolute URL of a site path such as `/journal/`."""
        return self.site_url + path.lstrip("/")

    def entry_id(self, stem: str) -> str:
        """The contract's id: tag:<host>,<year of the entry>:<site path><file stem>."""
        parts = urlsplit(self.site_url)
        return f"tag:{parts.hostname},{stem[:4]}:{parts.path.lstrip('/')}{stem}"

    def feeds(self) -> list[str]:
        """Every feed file of the site, the three main ones first."""
        topics = sorted(
            p.relative_to(self.site).as_posix() for p in self.site.glob("topics/*/feed.xml")
        )
        return [*MAIN_FEEDS, *topics]

    def read(self, path: str) -> bytes:
        return (self.site / path).read_bytes()


def build_ok(root: Path) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        assert build(root) == 0


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


ROOT_TOPICS = {
    "linux": ["2026-03-02-bits"],
    "networking": ["2026-03-02-bits"],
    "security": ["2026-03-04-escaping"],
}


@pytest.fixture(scope="module")
def root_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fixture project as it is."""
    root = make_project(tmp_path_factory.mktemp("feeds-root"))
    build_ok(root)
    return Build(root, SITE_URL, list(reversed(PUBLISHED)), 20, ROOT_TOPICS)


def make_subpath_project(root: Path) -> Path:
    """The fixture project under a sub-path, with relative links, an edit and a move in git."""
    make_project(root)
    edit(root / "mkdocs.yml", f"site_url: {SITE_URL}", f"site_url: {SUB_URL}")
    edit(
        root / "mkdocs.yml",
        "author: Ada Learner\n",
        f"author: Ada Learner\n      feed_limit: {SUB_LIMIT}\n",
    )
    edit(root / OLD_DNS, "Worked late on DNS.", "Worked late on DNS, then revisited the resolver.")
    git(root, "add", OLD_DNS)
    git(root, "commit", "-q", "-m", "Revisit the DNS notes", date=EDIT_DATE)
    (root / MOVED_DNS).parent.mkdir(parents=True)
    git(root, "mv", OLD_DNS, MOVED_DNS)
    git(root, "commit", "-q", "-m", "File the DNS notes under networking", date=MOVE_DATE)
    # Never committed: its `updated` falls back to its date.
    write(root, f"journal/2026-03/{LINKS_STEM}.md", LINKS_ENTRY)
    (root / "docs" / "assets").mkdir(parents=True)
    (root / "docs" / "assets" / "diagram.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return root


@pytest.fixture(scope="module")
def subpath_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The copy published at a GitHub project-pages sub-path."""
    root = make_subpath_project(tmp_path_factory.mktemp("feeds-subpath"))
    build_ok(root)
    stems = [LINKS_STEM, *reversed(PUBLISHED)][:SUB_LIMIT]
    topics = {**ROOT_TOPICS, "networking": [LINKS_STEM, "2026-03-02-bits"]}
    return Build(root, SUB_URL, stems, SUB_LIMIT, topics)


@pytest.fixture(scope="module")
def retitled_build(root_build: Build, tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A copy of the fixture project where one entry got a new title and another its first one."""
    root = tmp_path_factory.mktemp("feeds-retitled") / "project"
    shutil.copytree(root_build.root, root, ignore=shutil.ignore_patterns("site"))
    edit(root / OLD_DNS, "title: DNS by night", f"title: {RETITLED}")
    edit(root / "journal/2026-03/2026-03-02-bits.md", "tags:", "title: Bits, my own title\ntags:")
    build_ok(root)
    return Build(root, SITE_URL, root_build.stems, root_build.limit, ROOT_TOPICS)


@pytest.fixture(scope="module", params=["root_build", "subpath_build"])
def built(request: pytest.FixtureRequest) -> Build:
    """Each of the two builds in turn."""
    return request.getfixturevalue(request.param)


# ---- reading feeds ------------------------------------------------------------------------------


def atom_entries(raw: bytes) -> list[ET.Element]:
    return ET.fromstring(raw).findall(f"{ATOM}entry")


def rss_items(raw: bytes) -> list[ET.Element]:
    return ET.fromstring(raw).findall("channel/item")


def json_feed(build: Build) -> dict:
    return json.loads(build.read("feed.json").decode("utf-8"))


def atom_link(element: ET.Element, rel: str) -> list[str]:
    """The hrefs of `element`'s links of relation `rel` (RFC 4287: no rel means alternate)."""
    return [
        link.get("href")
        for link in element.findall(f"{ATOM}link")
        if link.get("rel", "alternate") == rel
    ]


def parse_time(text: str) -> dt.datetime:
    """An RFC 3339 date-time with its offset."""
    assert RFC3339.match(text), text
    moment = dt.datetime.fromisoformat(text)
    assert moment.utcoffset() is not None, text
    return moment


def items_by_id(build: Build) -> dict[str, dict[str, dict]]:
    """feed name -> id -> {title, url, content, summary, published, updated, tags}."""
    feeds: dict[str, dict[str, dict]] = {"feed.xml": {}, "rss.xml": {}, "feed.json": {}}
    for entry in atom_entries(build.read("feed.xml")):
        feeds["feed.xml"][entry.findtext(f"{ATOM}id")] = {
            "title": entry.findtext(f"{ATOM}title"),
            "url": atom_link(entry, "alternate")[0],
            "content": entry.findtext(f"{ATOM}content"),
            "summary": entry.findtext(f"{ATOM}summary"),
            "published": parse_time(entry.findtext(f"{ATOM}published")),
            "updated": parse_time(entry.findtext(f"{ATOM}updated")),
            "tags": [c.get("term") for c in entry.findall(f"{ATOM}category")],
        }
    for item in rss_items(build.read("rss.xml")):
        feeds["rss.xml"][item.findtext("guid")] = {
            "title": item.findtext("title"),
            "url": item.findtext("link"),
            "content": item.findtext(CONTENT_ENCODED),
            "summary": item.findtext("description"),
            "published": email.utils.parsedate_to_datetime(item.findtext("pubDate")),
            "tags": [c.text for c in item.findall("category")],
        }
    for item in json_feed(build)["items"]:
        feeds["feed.json"][item["id"]] = {
            "title": item.get("title"),
            "url": item.get("url"),
            "content": item.get("content_html"),
            "summary": item.get("summary"),
            "published": parse_time(item["date_published"]),
            "updated": parse_time(item["date_modified"]),
            "tags": item.get("tags", []),
        }
    return feeds


def html_contents(build: Build, path: str) -> list[str]:
    """Every HTML fragment a feed carries (content and summaries), unescaped from XML or JSON."""
    if path.endswith(".json"):
        items = json_feed(build)["items"]
        return [i.get(k, "") for i in items for k in ("content_html", "summary")]
    root = ET.fromstring(build.read(path))
    fragments = [
        e.text or ""
        for e in root.iter()
        if e.tag in (f"{ATOM}content", f"{ATOM}summary", CONTENT_ENCODED, "description")
    ]
    return fragments


def feed_urls(build: Build, path: str) -> list[str]:
    """Every URL a feed holds: links, ids that are URLs, links and sources in its HTML."""
    urls: list[str] = []
    if path.endswith(".json"):
        feed = json_feed(build)
        keys = ("home_page_url", "feed_url", "next_url", "icon", "favicon", "url", "external_url")
        keys += ("image", "banner_image", "avatar")

        def walk(value):
            if isinstance(value, dict):
                for key, inner in value.items():
                    if key in keys and isinstance(inner, str):
                        urls.append(inner)
                    walk(inner)
            elif isinstance(value, list):
                for inner in value:
                    walk(inner)

        walk(feed)
    else:
        for element in ET.fromstring(build.read(path)).iter():
            urls += [element.get(a) for a in ("href", "src", "uri") if element.get(a)]
            name = element.tag.rsplit("}", 1)[-1]
            if name in ("link", "docs", "comments") and (element.text or "").strip():
                urls.append(element.text.strip())
            if name in ("id", "guid") and not (element.text or "").startswith("tag:"):
                urls.append(element.text.strip())
    for html in html_contents(build, path):
        for tag in BeautifulSoup(html, "html.parser").find_all(True):
            urls += [tag[a] for a in URL_ATTRIBUTES if tag.get(a)]
            if tag.get("srcset"):
                urls += [part.split()[0] for part in tag["srcset"].split(",") if part.strip()]
    return urls


# ---- every feed parses --------------------------------------------------------------------------


def test_every_feed_parses_cleanly(built: Build):
    paths = built.feeds()
    assert {p for p in paths if p.startswith("topics/")} == {
        f"topics/{slug}/feed.xml" for slug in built.topics
    }
    for path in paths:
        if path.endswith(".json"):
            continue  # feedparser 6.0 reads no JSON Feed: test_json_feed_matches_the_schema
        parsed = feedparser.parse(built.read(path))
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        assert parsed.version == ("rss20" if path == "rss.xml" else "atom10"), path
        assert parsed.entries, path
    assert json_feed(built)["version"] == "https://jsonfeed.org/version/1.1"


def test_main_feeds_carry_the_same_items_newest_first(built: Build):
    expected = [built.entry_id(stem) for stem in built.stems]
    assert len(expected) <= built.limit
    atom = [e.findtext(f"{ATOM}id") for e in atom_entries(built.read("feed.xml"))]
    rss = [item.findtext("guid") for item in rss_items(built.read("rss.xml"))]
    jsn = [item["id"] for item in json_feed(built)["items"]]
    assert atom == expected
    assert rss == expected
    assert jsn == expected
    assert [e.id for e in feedparser.parse(built.read("feed.xml")).entries] == expected
    assert [e.id for e in feedparser.parse(built.read("rss.xml")).entries] == expected
    # RSS guids are ids, not links to follow.
    guids = [item.find("guid") for item in rss_items(built.read("rss.xml"))]
    assert {guid.get("isPermaLink") for guid in guids} == {"false"}


def test_topic_feeds_carry_their_entries_newest_first(built: Build):
    for slug, stems in built.topics.items():
        raw = built.read(f"topics/{slug}/feed.xml")
        assert [e.findtext(f"{ATOM}id") for e in atom_entries(raw)] == [
            built.entry_id(s) for s in stems
        ], slug


def test_no_feed_knows_the_draft(built: Build):
    canary = CANARY.lower().encode()
    assert not any(canary in p.lower().encode() for p in built.feeds())
    for path in built.feeds():
        assert canary not in built.read(path).lower(), path


def test_the_three_feeds_agree_on_every_item(built: Build):
    feeds = items_by_id(built)
    atom, rss, jsn = feeds["feed.xml"], feeds["rss.xml"], feeds["feed.json"]
    for entry_id, item in atom.items():
        stem = entry_id.rsplit("/", 1)[-1].rsplit(":", 1)[-1]
        assert item["url"] == built.url(f"/journal/{stem}/")
        assert item["content"] and item["content"].strip(), entry_id
        for other in (rss[entry_id], jsn[entry_id]):
            for key in ("title", "url", "content", "summary", "published", "tags"):
                assert other[key] == item[key], (entry_id, key)
        assert jsn[entry_id]["updated"] == item["updated"], entry_id


def test_tags_are_categories_and_summaries_are_first_paragraphs(built: Build):
    feeds = items_by_id(built)
    escaping = built.entry_id("2026-03-04-escaping")
    for name, items in feeds.items():
        assert items[escaping]["tags"] == ["security"], name
        summary = "Escaping matters: the title of this entry is markup-looking text."
        assert items[escaping]["summary"] == summary, name
        assert items[built.entry_id("2026-03-09-records")]["tags"] == [], name


def test_every_feed_names_the_author(built: Build):
    """The issue asks for an author in the feeds: Atom's atom:author, RSS's author or dc:creator."""
    for path in built.feeds():
        if path.endswith(".json"):
            feed = json_feed(built)
            for item in feed["items"]:
                names = [a.get("name") for a in item.get("authors", feed.get("authors", []))]
                assert names == ["Ada Learner"], item["id"]
            continue
        parsed = feedparser.parse(built.read(path))
        for entry in parsed.entries:
            assert entry.get("author", parsed.feed.get("author")) == "Ada Learner", (path, entry.id)


# ---- RFC 4287 -----------------------------------------------------------------------------------


def only(element: ET.Element, name: str) -> ET.Element:
    found = element.findall(f"{ATOM}{name}")
    assert len(found) == 1, (name, len(found))
    return found[0]


def check_atom(raw: bytes, self_url: str, site_url: str) -> None:
    """The RFC 4287 rules that matter to readers, on one Atom document."""
    feed = ET.fromstring(raw)
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert (only(feed, name).text or "").strip(), name
    assert atom_link(feed, "self") == [self_url]
    assert len(atom_link(feed, "alternate")) == 1
    assert atom_link(feed, "alternate")[0].startswith(site_url)
    feed_updated = parse_time(only(feed, "updated").text)
    feed_has_author = feed.find(f"{ATOM}author/{ATOM}name") is not None
    ids, updated = [], []
    for entry in feed.findall(f"{ATOM}entry"):
        entry_id = only(entry, "id").text
        ids.append(entry_id)
        assert re.match(r"^(tag:|https?://)", entry_id), entry_id
        title = only(entry, "title")
        assert title.get("type", "text") == "text" and (title.text or "").strip(), entry_id
        moment = parse_time(only(entry, "updated").text)
        updated.append(moment)
        published = entry.findall(f"{ATOM}published")
        assert len(published) == 1, entry_id
        assert parse_time(published[0].text) <= moment, entry_id
        assert feed_has_author or entry.find(f"{ATOM}author/{ATOM}name") is not None, entry_id
        alternates = atom_link(entry, "alternate")
        assert len(alternates) == 1, entry_id
        assert alternates[0].startswith(site_url) and alternates[0] != site_url, entry_id
    assert len(set(ids)) == len(ids)
    assert feed_updated == max(updated)


def test_atom_feeds_follow_rfc_4287(built: Build):
    for path in built.feeds():
        if path.endswith("feed.xml"):
            check_atom(built.read(path), built.url(path), built.site_url)


def test_rss_channel_links_itself_and_the_site(built: Build):
    channel = ET.fromstring(built.read("rss.xml")).find("channel")
    assert channel.findtext("link") == built.site_url
    assert atom_link(channel, "self") == [built.url("rss.xml")]


def test_json_feed_links_itself_and_the_site(built: Build):
    feed = json_feed(built)
    assert feed["home_page_url"] == built.site_url
    assert feed["feed_url"] == built.url("feed.json")


def test_ids_survive_retitling(root_build: Build, retitled_build: Build):
    before, after = items_by_id(root_build), items_by_id(retitled_build)
    dns = root_build.entry_id("2026-03-08-dns")
    bits = root_build.entry_id("2026-03-02-bits")
    for name in MAIN_FEEDS:
        assert list(after[name]) == list(before[name]), name
        assert (before[name][dns]["title"], after[name][dns]["title"]) == ("DNS by night", RETITLED)
        assert after[name][bits]["title"] == "Bits, my own title", name
    for slug in ROOT_TOPICS:
        path = f"topics/{slug}/feed.xml"
        ids = [
            [e.findtext(f"{ATOM}id") for e in atom_entries(b.read(path))]
            for b in (root_build, retitled_build)
        ]
        assert ids[0] == ids[1], slug


# ---- absolute URLs ------------------------------------------------------------------------------


def test_every_url_in_every_feed_is_absolute_and_under_site_url(built: Build):
    host = urlsplit(built.site_url).hostname
    for path in built.feeds():
        urls = feed_urls(built, path)
        assert urls, path
        for url in urls:
            parts = urlsplit(url)
            assert parts.scheme, (path, url)
            if parts.scheme in ("http", "https") and parts.hostname == host:
                assert url.startswith(built.site_url), (path, url)


def test_relative_links_and_images_come_out_absolute(subpath_build: Build):
    build = subpath_build
    links = build.entry_id(LINKS_STEM)
    expected_links = {
        "the calendar": build.url("/calendar/"),
        "day one": build.url("/journal/2026-03-02-bits/"),
        "me": build.url("/about/"),
    }
    contents = {name: items[links]["content"] for name, items in items_by_id(build).items()}
    networking = atom_entries(build.read("topics/networking/feed.xml"))
    contents["topics/networking/feed.xml"] = next(
        e.findtext(f"{ATOM}content") for e in networking if e.findtext(f"{ATOM}id") == links
    )
    for name, html in contents.items():
        soup = BeautifulSoup(html, "html.parser")
        assert {a.get_text(): a["href"] for a in soup.find_all("a")} == expected_links, name
        assert [img["src"] for img in soup.find_all("img")] == [build.url("/assets/diagram.png")]
    # feedparser, given bytes and no base URL to resolve against, sees the same absolute links.
    for name in ("feed.xml", "rss.xml"):
        entry = next(e for e in feedparser.parse(build.read(name)).entries if e.id == links)
        soup = BeautifulSoup(entry.content[0].value, "html.parser")
        assert soup.find("a", string="the calendar")["href"] == build.url("/calendar/"), name


# ---- dates from git -----------------------------------------------------------------------------


def test_updated_comes_from_git_following_moves(subpath_build: Build):
    build = subpath_build
    feeds = items_by_id(build)
    dns = build.entry_id("2026-03-08-dns")  # the URL and id stay the file stem after the move
    midnight = dt.datetime(2026, 3, 8, tzinfo=TOKYO)
    for name in ("feed.xml", "feed.json"):
        item = feeds[name][dns]
        assert item["url"] == build.url("/journal/2026-03-08-dns/")
        assert item["updated"] == MOVED_AT, name
        assert item["updated"].utcoffset() == dt.timedelta(hours=9), name
        assert item["published"] == midnight, name
        assert item["published"].utcoffset() == dt.timedelta(hours=9), name
    assert feeds["rss.xml"][dns]["published"] == midnight
    atom = ET.fromstring(build.read("feed.xml"))
    entry = next(e for e in atom_entries(build.read("feed.xml")) if e.findtext(f"{ATOM}id") == dns)
    assert entry.findtext(f"{ATOM}updated") == "2026-03-10T11:40:00+09:00"
    assert entry.findtext(f"{ATOM}published") == "2026-03-08T00:00:00+09:00"
    item = next(i for i in json_feed(build)["items"] if i["id"] == dns)
    assert (item["date_published"], item["date_modified"]) == (
        "2026-03-08T00:00:00+09:00",
        "2026-03-10T11:40:00+09:00",
    )
    # The newest change is the move, newer than any entry's date: it dates the whole feed.
    assert atom.findtext(f"{ATOM}updated") == "2026-03-10T11:40:00+09:00"


def test_file_history_follows_the_move_back_to_the_first_commit(subpath_build: Build):
    root = subpath_build.root
    commits, _ = load_history([RepoSource(root, "journal")], TOKYO, tracked=root / "journal")
    dates = file_dates(commits)
    assert dates[os.path.realpath(root / MOVED_DNS)] == (FIRST_COMMIT_AT, MOVED_AT)
    assert os.path.realpath(root / OLD_DNS) not in dates
    assert os.path.realpath(root / "journal/2026-03" / f"{LINKS_STEM}.md") not in dates


def test_updated_is_the_newest_commit_else_the_date(built: Build):
    """`updated` is the file's newest commit (the first is 03-01 10:00) if after the date."""
    for name, items in items_by_id(built).items():
        if name == "rss.xml":
            continue  # RSS 2.0 has no updated date
        for stem in built.stems:
            item = items[built.entry_id(stem)]
            midnight = dt.datetime.combine(dt.date.fromisoformat(stem[:10]), dt.time(), TOKYO)
            if stem == LINKS_STEM:
                expected = midnight  # never committed
            elif stem == "2026-03-08-dns" and built.site_url == SUB_URL:
                expected = MOVED_AT
            else:
                expected = max(midnight, FIRST_COMMIT_AT)
            assert item["published"] == midnight, (name, stem)
            assert item["updated"] == expected, (name, stem)
            assert item["updated"].utcoffset() == dt.timedelta(hours=9), (name, stem)


# ---- escaping -----------------------------------------------------------------------------------


def test_titles_are_text_in_every_feed(built: Build):
    escaping = built.entry_id("2026-03-04-escaping")
    for path in ("feed.xml", "rss.xml", "topics/security/feed.xml"):
        raw = built.read(path)
        assert b"&lt;b&gt;&amp;&lt;/b&gt; escaping" in raw, path
        assert b"<b>" not in raw, path
        parsed = feedparser.parse(raw)
        assert next(e for e in parsed.entries if e.id == escaping).title == BOLD_TITLE, path
    entry = next(
        e for e in atom_entries(built.read("feed.xml")) if e.findtext(f"{ATOM}id") == escaping
    )
    title = only(entry, "title")
    assert (title.text, len(title), title.get("type", "text")) == (BOLD_TITLE, 0, "text")
    item = next(i for i in json_feed(built)["items"] if i["id"] == escaping)
    assert item["title"] == BOLD_TITLE


def test_no_script_from_git_or_front_matter_reaches_a_feed(built: Build):
    for path in built.feeds():
        raw = built.read(path).lower()
        assert b"<script" not in raw, path
        assert b"alert(1)" not in raw, path
        for html in html_contents(built, path):
            soup = BeautifulSoup(html, "html.parser")
            assert soup.find_all(["script", "b"]) == [], (path, html)


# ---- JSON Feed 1.1 schema -----------------------------------------------------------------------


def format_checker() -> FormatChecker:
    """date-time (RFC 3339, through fromisoformat) and uri checks without extra packages."""
    checker = FormatChecker(formats=())

    @checker.checks("date-time", raises=(ValueError, AssertionError))
    def is_datetime(value) -> bool:
        return not isinstance(value, str) or parse_time(value) is not None

    @checker.checks("uri", raises=ValueError)
    def is_uri(value) -> bool:
        if not isinstance(value, str):
            return True
        parts = urlsplit(value)
        return bool(parts.scheme) and (bool(parts.netloc) or parts.scheme in ("mailto", "tag"))

    return checker


def validator() -> Draft202012Validator:
    Draft202012Validator.check_schema(SCHEMA)
    return Draft202012Validator(SCHEMA, format_checker=format_checker())


def test_json_feed_matches_the_schema(built: Build):
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in validator().iter_errors(json_feed(built))
    ]
    assert errors == []


VALID = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "T",
    "items": [{"id": "1", "content_text": "x", "date_published": "2026-03-01T00:00:00+09:00"}],
}


@pytest.mark.parametrize(
    "change",
    [
        {"version": "https://jsonfeed.org/version/1"},
        {"title": None},
        {"items": [{"id": "1"}]},
        {"items": [{"content_html": "<p>x</p>"}]},
        {"items": [{"id": "1", "content_text": "x", "date_published": "2026-03-01"}]},
        {"items": [{"id": "1", "content_text": "x", "date_modified": "2026-03-01T00:00:00"}]},
        {"items": [{"id": "1", "content_text": "x", "url": "journal/x/"}]},
        {"items": [{"id": "1", "content_text": "x", "tags": [1]}]},
        {"items": [{"id": "1", "content_text": "x", "date_modifed": "2026-03-01T00:00:00Z"}]},
        {
            "items": [
                {"id": "1", "content_text": "x", "attachments": [{"url": "https://a.example/"}]}
            ]
        },
        {"authors": [{}]},
        {"feed_url": "feed.json"},
    ],
)
def test_the_schema_refuses_invalid_feeds(change: dict):
    assert list(validator().iter_errors(VALID)) == []
    feed = {key: value for key, value in {**VALID, **change}.items() if value is not None}
    assert list(validator().iter_errors(feed)) != [], change


# ---- autodiscovery and subscribe links ----------------------------------------------------------


def page_url(build: Build, file: Path) -> str:
    return build.url("/" + file.relative_to(build.site).as_posix().removesuffix("index.html"))


def test_every_page_autodiscovers_the_three_feeds(built: Build):
    pages = sorted(built.site.rglob("*.html"))
    assert len(pages) >= 15
    for file in pages:
        head = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").head
        for feed, mime in MIME.items():
            links = head.select(f'link[rel="alternate"][type="{mime}"]')
            assert len(links) == 1, (file, mime)
            assert urljoin(page_url(built, file), links[0]["href"]) == built.url(feed), file
            assert (built.site / feed).is_file()


def test_pages_show_subscribe_links(built: Build):
    home = BeautifulSoup((built.site / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = home.select_one("article.md-content__inner")
    shown = {
        urljoin(built.site_url, a["href"]) for a in article.find_all("a") if a.get_text(strip=True)
    }
    assert {built.url(feed) for feed in MAIN_FEEDS} <= shown
    for slug in built.topics:
        path = f"topics/{slug}/index.html"
        page = BeautifulSoup((built.site / path).read_text(encoding="utf-8"), "html.parser")
        article = page.select_one("article.md-content__inner")
        hrefs = {
            urljoin(built.url(f"/topics/{slug}/"), a["href"])
            for a in article.find_all("a")
            if a.get_text(strip=True)
        }
        assert built.url(f"/topics/{slug}/feed.xml") in hrefs, slug


def test_missing_site_url_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture):
    root = make_project(tmp_path)
    config = root / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    config.write_text("".join(line for line in lines if not line.startswith("site_url")))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        assert build(root) == 1
    out, err = capsys.readouterr()
    assert "site_url" in err and "mkdocs.yml" in err
    assert "Traceback" not in out + err
    assert not (root / "site").exists()


# ---- golden files -------------------------------------------------------------------------------


def golden_feeds() -> dict[str, bytes]:
    """render_feeds on a Site from literals: fixed dates, one entry edited later, one draft."""
    day = dt.date
    entries = [
        Entry(
            "journal/2026-03-01-first.md",
            "2026-03-01-first",
            day(2026, 3, 1),
            "First steps, see [the next day](../2026-03-02-second/).\n\nMore.",
            title="First <day> & more",
            tags=["networking", "linux"],
            updated=dt.datetime(2026, 3, 5, 9, 30, tzinfo=dt.UTC),
        ),
        Entry(
            "journal/2026-03/2026-03-02-second.md",
            "2026-03-02-second",
            day(2026, 3, 2),
            "Second day.",
            title="Second",
        ),
        Entry(
            f"journal/2026-03-03-{CANARY}.md",
            f"2026-03-03-{CANARY}",
            day(2026, 3, 3),
            f"{CANARY} body.",
            title=f"{CANARY} draft",
            draft=True,
        ),
    ]
    site = build_site([], entries, [], day(2026, 3, 10))
    settings = Settings(
        root=HERE,
        site_name="Golden Journal",
        site_url=SUB_URL,
        timezone="Asia/Tokyo",
        author="Ada Learner",
    )
    contents = {
        "2026-03-01-first": (
            '<p>First steps, see <a href="../2026-03-02-second/">the next day</a>.</p>\n'
            '<p>More. <img alt="d" src="../../assets/d.png"></p>'
        ),
        "2026-03-02-second": "<p>Second day.</p>",
    }
    return render_feeds(site, settings, contents)


@pytest.mark.parametrize("name", MAIN_FEEDS)
def test_golden(name: str, request: pytest.FixtureRequest):
    check_golden(GOLDEN / name, golden_feeds()[name], request)


def test_golden_feeds_are_reproducible_and_absolute():
    feeds = golden_feeds()
    assert feeds == golden_feeds()
    assert sorted(feeds) == sorted(
        [*MAIN_FEEDS, "reviews/feed.xml", "topics/linux/feed.xml", "topics/networking/feed.xml"]
    )
    for name, data in feeds.items():
        assert CANARY.lower().encode() not in data.lower(), name
    first = next(
        i for i in json.loads(feeds["feed.json"])["items"] if i["title"] == "First <day> & more"
    )
    assert first["id"] == "tag:learner.github.io,2026:journal-site/2026-03-01-first"
    assert first["date_modified"] == "2026-03-05T18:30:00+09:00"
    assert first["date_published"] == "2026-03-01T00:00:00+09:00"
    soup = BeautifulSoup(first["content_html"], "html.parser")
    assert soup.find("a")["href"] == SUB_URL + "journal/2026-03-02-second/"
    assert soup.find("img")["src"] == SUB_URL + "assets/d.png"
