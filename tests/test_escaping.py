"""Markup from git and front matter is text everywhere; the author's own markdown body keeps its HTML.

The project is the fixture of conftest.py with markup in every text that does not come from the
author's body: the title, tags and extra keys of the 2026-03-08 entry, commit subjects and author
names, the day titles of the demo roadmap, a second roadmap with every field filled with markup,
and a topic vocabulary. After one build, every HTML page is parsed and searched for elements the
payloads could have created; the payloads must be found, as text, where they are shown.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import SITE_URL, SOURCE_DATE_EPOCH, build, make_project, roadmap_yaml, write

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
# `&amp;` and `&lt;b&gt;` typed by the learner are text too: they must be shown as typed.
AMP = "Tom & Jerry &amp; &lt;b&gt;"
# Closing tags that would end an HTML <title>, an inline <svg> or an XML CDATA section early.
BREAKOUT = "</title></svg>]]><b>bold</b>"
TEMPLATE = "{{ 7*7 }}{% raw %}"
JS_LINK = "[md](javascript:alert(1))"
TITLE = f"{SCRIPT} {IMG} {AMP} {BREAKOUT} {TEMPLATE} {JS_LINK}"
TAGS = [SCRIPT, IMG, "Tom & Jerry &amp; co", "x</title><b>bold</b>"]
DAY_TITLE = f"Bits {SCRIPT} {IMG} & co"
# Text an author types in the body as text (a code span, escaped entities): the summary keeps it text.
BODY = f"""\
Body `{SCRIPT}` and &lt;img src=x onerror=alert(1)&gt; text.

Press <kbd>Ctrl</kbd> then <kbd>C</kbd>.

<details><summary>More</summary>

Hidden *details* here.

</details>
"""
SUMMARY = "Body <script>alert(1)</script> and <img src=x onerror=alert(1)> text."
SUBJECTS = [SCRIPT, IMG, "Fix & improve &amp; &lt;b&gt;", JS_LINK, f"All: {TITLE}"]
AUTHOR = f"Eve {IMG} & {SCRIPT}"
ENTRY = "/journal/2026-03-08-dns/"
SITE_PATH = urlsplit(SITE_URL).path  # "/journal/": the 404 page links from the site's root path


def q(text: str) -> str:
    """A YAML double-quoted scalar holding `text` exactly (JSON strings are YAML)."""
    return json.dumps(text)


def x_roadmap() -> str:
    """roadmaps/x.yaml: every text field of a node holds markup."""
    return f"""\
id: x
title: {q("Road " + TITLE)}
start: '2026-02-02'
description: {q("Desc " + TITLE)}
children:
  - week: 1
    title: {q("Week " + TITLE)}
    question: {q("Q " + TITLE)}
    objective: {q("Obj " + TITLE)}
    concepts: [{q("C " + TITLE)}]
    project: {q("P " + TITLE)}
    practice: {q("Pr " + TITLE)}
    tasks: [{q("T " + TITLE)}]
    resources:
      - title: {q("R " + TITLE)}
        url: https://docs.example/r
        note: {q("N " + TITLE)}
      - title: Script URL
        url: "javascript:alert(1)"
    deliverables: [{q("D " + TITLE)}]
    notes: {q("Notes " + TITLE)}
    topics: [{q(SCRIPT + " topic")}]
    checklist:
      - title: {q("Item " + TITLE)}
        items:
          - title: {q("Sub " + TITLE)}
            done: true
"""


def git_as(root: Path, author: str, subject: str, date: str) -> None:
    """An empty commit by `author` (git itself drops `<` and `>` from names)."""
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": "eve@example.org",
        "GIT_COMMITTER_NAME": author,
        "GIT_COMMITTER_EMAIL": "eve@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    subprocess.run(
        ["git", "commit", "-q", "--allow-empty", "-m", subject], cwd=root, env=env, check=True
    )


def make_hostile_project(root: Path) -> Path:
    make_project(root)
    write(
        root,
        "roadmaps/demo.yaml",
        roadmap_yaml().replace("title: 'Bits & Bytes'", f"title: {q(DAY_TITLE)}"),
    )
    write(root, "roadmaps/x.yaml", x_roadmap())
    write(
        root,
        "roadmaps/topics.yaml",
        f"topics:\n  - name: {q(SCRIPT + ' topic')}\n    slug: xss-topic\n    group: {q(IMG)}\n",
    )
    front = [
        "---",
        f"title: {q(TITLE)}",
        f"tags: [{', '.join(q(t) for t in TAGS)}]",
        "roadmap: x",
        "week: 1",
        "hours: 1",
        f"mood: {q(TITLE)}",
        f"description: {q(TITLE)}",
        "---",
    ]
    (root / "journal/2026-03/2026-03-08-dns.md").write_text(
        "\n".join(front) + "\n" + BODY, encoding="utf-8"
    )
    # mkdocs.yml's plain-text settings, and a learner's own pages: with a description, with none.
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(f"site_description: {q(TITLE)}\nsite_author: {q(AUTHOR)}\n")
    write(root, "docs/own.md", f"---\ntitle: {q(TITLE)}\ndescription: {q(TITLE)}\n---\n\nMine.\n")
    write(root, "docs/bare.md", "# Bare\n")
    for subject in SUBJECTS:
        git_as(root, AUTHOR, subject, "2026-03-08T12:00:00+09:00")
    return root


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_hostile_project(tmp_path_factory.mktemp("hostile"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        assert build(root) == 0
    return root


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    return project / "site"


@pytest.fixture(scope="module")
def theme_scripts(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The inline scripts the theme writes for a project without any payload (normalised)."""
    root = make_project(tmp_path_factory.mktemp("plain"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        assert build(root) == 0
    found = set()
    for file in (root / "site").rglob("*.html"):
        for script in soup_of_file(file).find_all("script"):
            if not script.get("src"):
                found.add(normalized(script))
    assert found, "the theme writes inline scripts: the baseline cannot be empty"
    return found


@pytest.fixture(scope="module")
def author_name(project: Path) -> str:
    """The author name as git stores it: git drops `<` and `>` from names."""
    out = subprocess.run(
        ["git", "log", "-1", "--format=%aN"],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


# ---- helpers -----------------------------------------------------------------------------------


def soup_of_file(file: Path) -> BeautifulSoup:
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def file_of(site: Path, path: str) -> Path:
    relative = path.lstrip("/")
    return site / (relative + "index.html" if relative.endswith("/") or not relative else relative)


def soup_of(site: Path, path: str) -> BeautifulSoup:
    return soup_of_file(file_of(site, path))


def content_of(site: Path, path: str):
    article = soup_of(site, path).select_one("article.md-content__inner")
    assert article is not None, path
    return article


def url_of(path: str) -> str:
    return urljoin(SITE_URL, path.lstrip("/"))


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# Every quoted path to the site root: `".."`, `"../.."`, `"."`, `"/journal/"`, `"../assets/…"`.
ROOT_PATH = re.compile(r'"(?:\.\.?|' + re.escape(SITE_PATH.rstrip("/")) + r")(?:/\.\.)*/?")


def normalized(script) -> str:
    """An inline script's text with its page's relative path to the site root replaced."""
    return ROOT_PATH.sub('"ROOT/', script.get_text())


def foreign_scripts(site: Path, file: Path, soup: BeautifulSoup, theme: set[str]) -> list[str]:
    """Scripts the theme did not write.

    The criterion: a `<script src>` is the theme's when its src resolves to a file that exists under
    site/assets/ (the theme's bundle, Roadlog's roadlog.js) and it has no inline text; an inline
    script is the theme's when its text, with the page's relative path to the root normalised, is
    one the theme writes for a payload-free build of the same project with the same Material
    version (its `__md_scope` bootstrap, palette and tab scripts, and the `__config` JSON). Any other
    script element (or a script whose text mentions a payload) was injected.
    """
    foreign = []
    for script in soup.find_all("script"):
        src = script.get("src")
        if src:
            # The 404 page links from the site's root path (/journal/...), other pages relatively.
            relative = src.split("?")[0]
            if relative.startswith(SITE_PATH):
                target = (site / relative.removeprefix(SITE_PATH)).resolve()
            else:
                target = (file.parent / relative).resolve()
            assets = (site / "assets").resolve()
            if not (target.is_file() and assets in target.parents and not script.get_text()):
                foreign.append(str(script))
        elif normalized(script) not in theme or "alert(" in script.get_text():
            foreign.append(str(script)[:200])
    return foreign


def injected(soup: BeautifulSoup) -> list[str]:
    """Elements and attributes the payloads would create if they were markup."""
    found = []
    for element in soup.find_all(True):
        handlers = [name for name in element.attrs if name.lower().startswith("on")]
        if handlers:
            found.append(f"<{element.name} {handlers}>")
    found += [str(img) for img in soup.select('img[src="x"]')]
    found += [str(b) for b in soup.find_all("b") if b.get_text() == "bold"]
    return found


# ---- every HTML page ---------------------------------------------------------------------------


def test_payloads_create_no_element_in_any_page(site: Path, theme_scripts: set[str]):
    pages = html_pages(site)
    assert len(pages) >= 20
    problems = {}
    for file in pages:
        soup = soup_of_file(file)
        found = foreign_scripts(site, file, soup, theme_scripts) + injected(soup)
        if found:
            problems[file.relative_to(site).as_posix()] = found
    assert problems == {}


def test_payloads_never_appear_raw_in_any_page(site: Path):
    """The source of no page holds a payload unescaped (a parser-independent check)."""
    raw = ["<script>alert", "<img src=x", "</title></svg>", "<b>bold</b>"]
    found = {}
    for file in html_pages(site):
        text = file.read_text(encoding="utf-8")
        hits = [r for r in raw if r in text]
        if hits:
            found[file.relative_to(site).as_posix()] = hits
    assert found == {}


def test_no_javascript_urls_anywhere(site: Path):
    """A `javascript:` URL runs script when clicked: no link may carry one.

    Front matter and git text are never links at all; roadmap markdown (tasks, notes, checklist
    items, description) and resource URLs may link, but only to http(s), relative or mailto URLs.
    """
    found = {}
    for file in html_pages(site):
        for element in soup_of_file(file).find_all(True):
            for name in ("href", "src", "action", "formaction", "xlink:href"):
                value = element.get(name)
                if value and re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith("javascript:"):
                    found.setdefault(file.relative_to(site).as_posix(), []).append(
                        f"{str(element)[:120]}"
                    )
    assert found == {}


# ---- the payloads are shown as text ------------------------------------------------------------


def test_entry_title_tags_and_meta_are_text(site: Path):
    soup = soup_of(site, ENTRY)
    page = content_of(site, ENTRY)
    heading = page.select_one("h1")
    assert heading.get_text() == TITLE
    assert heading.find(True) is None  # no element inside: not even a link from `[md](...)`
    assert [a.get_text() for a in page.select("a.rl-tag")] == TAGS
    assert soup.title.get_text() == f"{TITLE} - Demo Journal"
    metas = head_metas(soup)
    assert metas["og:title"] == TITLE
    assert metas["description"] == SUMMARY
    assert metas["og:description"] == SUMMARY
    assert soup.head.find("img") is None


def head_metas(soup: BeautifulSoup) -> dict[str, str]:
    """The page's <meta> tags: name or property -> content."""
    return {
        (m.get("property") or m.get("name")): m.get("content")
        for m in soup.head.find_all("meta")
        if m.get("property") or m.get("name")
    }


@pytest.mark.parametrize("path", ["/own/", "/bare/", "/404.html"])
def test_a_learners_own_page_and_the_site_settings_are_text_in_the_head(site: Path, path: str):
    """Material writes a page's title and description, the site's description and author, as they
    are: Roadlog gives it them escaped, and a page without a description the site's."""
    soup = soup_of(site, path)
    metas = head_metas(soup)
    assert metas["description"] == metas["og:description"] == TITLE
    assert metas["author"] == AUTHOR
    if path == "/own/":
        assert soup.title.get_text() == f"{TITLE} - Demo Journal"
        assert content_of(site, path).select_one("h1").get_text() == TITLE


def test_lists_of_entries_show_the_title_as_text(site: Path):
    """Dashboard, journal index and topic pages: every link to the entry reads as its title."""
    for path in ("/", "/journal/", "/topics/scriptalert1script/", "/topics/xss-topic/"):
        links = [
            a
            for a in content_of(site, path).find_all("a", href=True)
            if urljoin(url_of(path), a["href"]) == url_of(ENTRY) and a.find("rect") is None
        ]
        assert links, path
        for link in links:
            assert link.get_text(strip=True) == TITLE, path
            assert link.find(True) is None, path


def test_commit_subjects_and_authors_are_text(site: Path, author_name: str):
    assert "<" not in author_name and "onerror" in author_name  # what git keeps of AUTHOR
    page = content_of(site, ENTRY)
    items = page.select(".rl-commits li")
    texts = [li.get_text() for li in items]
    for subject in SUBJECTS:
        assert any(subject in text for text in texts), subject
    for li in items:
        if any(subject in li.get_text() for subject in SUBJECTS):
            assert author_name in li.get_text()
            # The only element a commit line holds is the link to the commit: no markup from git.
            assert {e.name for e in li.find_all(True)} <= {"code", "a", "span", "time"}
            assert all(a["href"].startswith("https://github.com/") for a in li.select("a"))


def test_calendar_tooltips_are_text(site: Path):
    for path, scope in (("/calendar/", "#all "), ("/", "")):
        page = content_of(site, path)
        entry_day = page.select_one(f'{scope}rect[data-date="2026-03-08"]').find("title")
        assert f"Entry: {TITLE}" in entry_day.get_text(), path
        assert entry_day.find(True) is None
        day1 = page.select_one(f'{scope}rect[data-date="2026-03-02"]').find("title")
        assert f"demo Day 1: {DAY_TITLE}" in day1.get_text(), path
        assert day1.find(True) is None
    table = content_of(site, "/calendar/").select_one('.rl-table-view tr[data-date="2026-03-08"]')
    assert TITLE in table.get_text()


def test_topic_names_are_text(site: Path):
    index = content_of(site, "/topics/")
    names = [a.get_text() for a in index.select("#a-z .rl-topic-table a")]
    for tag in TAGS:
        assert tag in names, tag
    assert f"{SCRIPT} topic" in names
    groups = [h2.get_text() for h2 in index.select("#by-group h2")]
    assert IMG in groups
    for a in index.select("#a-z .rl-topic-table a"):
        if a.get_text() in TAGS:
            page_path = urljoin("/topics/", a["href"])
            topic = content_of(site, page_path)
            assert topic.select_one("h1").get_text() == a.get_text()
            assert soup_of(site, page_path).title.get_text() == f"{a.get_text()} - Demo Journal"
    assert content_of(site, "/journal/2026-03-04-escaping/").select_one("h1").get_text() == (
        "<b>&</b> escaping"
    )


def test_roadmap_text_is_text(site: Path):
    demo = content_of(site, "/roadmaps/demo/")
    day1 = demo.select_one("#day-1")
    assert DAY_TITLE in day1.get_text()
    page = content_of(site, "/roadmaps/x/")
    assert page.select_one("h1").get_text() == f"Road {TITLE}"
    week = page.select_one("#week-1").find_parent("section")  # the heading of week 1 has its id
    text = week.get_text()
    # Plain-text fields: shown exactly as written.
    for label in ("Week", "C", "P", "Pr", "R", "N"):
        assert f"{label} {TITLE}" in text, label
    resource = next(a for a in week.select(".rl-resources a") if a.get_text().startswith("R "))
    assert resource.get_text() == f"R {TITLE}"
    # Markdown fields (objective, tasks, deliverables, notes, checklist, description): entities
    # such as `&amp;` are markdown, but markup is still shown as text.
    markdown_text = page.get_text()
    for label in ("Obj", "T", "D", "Notes", "Item", "Sub", "Desc"):
        assert f"{label} {SCRIPT} {IMG}" in markdown_text, label
    for path in ("/roadmaps/", "/calendar/", "/"):
        links = [a.get_text() for a in content_of(site, path).select("a")]
        assert f"Road {TITLE}" in links, path
    entry = content_of(site, "/journal/2026-03-02-bits/")
    assert entry.select_one("h1").get_text() == DAY_TITLE  # the title falls back to the plan's
    # The entry of 03-08 is linked to week 1 of x: its page shows that plan.
    plan = content_of(site, ENTRY).select_one(".rl-plan")
    assert plan.select_one("h2").get_text() == f"The plan: Week 1 of Road {TITLE}"
    assert plan.select_one(".rl-question").get_text() == f"Question: Q {TITLE}"
    for label in ("C", "P", "Pr", "R", "N"):
        assert f"{label} {TITLE}" in plan.get_text(), label
    for label in ("Obj", "T", "D", "Notes"):
        assert f"{label} {SCRIPT} {IMG}" in plan.get_text(), label


def test_search_index_keeps_payloads_as_the_text_pages_show(site: Path):
    """Pagefind keeps a page's title and words as text, and Roadlog's search shows them as text,
    never as HTML (tests/test_browser_search.py): the payload title is indexed exactly as shown."""
    titles = []
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        page = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        titles.append(page["meta"]["title"])
    assert TITLE in titles


# ---- feeds -------------------------------------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"


def payload_entry(feed):
    return next(e for e in feed.entries if e.link == url_of(ENTRY))


@pytest.mark.parametrize("name", ["feed.xml", "rss.xml"])
def test_feed_titles_and_categories_are_text(site: Path, name: str):
    feed = feedparser.parse((site / name).read_bytes())
    assert feed.bozo == 0
    entry = payload_entry(feed)
    assert entry.title == TITLE
    assert [t.term for t in entry.tags] == TAGS


def test_json_feed_fields_are_text(site: Path):
    items = json.loads((site / "feed.json").read_text(encoding="utf-8"))["items"]
    item = next(i for i in items if i["url"] == url_of(ENTRY))
    assert item["title"] == TITLE
    assert item["tags"] == TAGS
    assert item["summary"] == SUMMARY  # JSON Feed's summary is plain text
    body = BeautifulSoup(item["content_html"], "html.parser")
    assert body.find("script") is None and body.find("img") is None
    assert body.find("code").get_text() == SCRIPT


def test_topic_feeds_name_the_topic_as_text(site: Path):
    for tag in TAGS:
        slug = next(
            urljoin("/topics/", a["href"])
            for a in content_of(site, "/topics/").select("#a-z .rl-topic-table a")
            if a.get_text() == tag
        )
        feed = feedparser.parse(file_of(site, slug + "feed.xml").read_bytes())
        assert feed.bozo == 0, tag
        assert feed.feed.title == f"Demo Journal: {tag}"
        assert payload_entry(feed).title == TITLE


def test_atom_title_is_text_and_content_is_escaped_html(site: Path):
    root = ET.fromstring((site / "feed.xml").read_bytes())
    entry = next(
        e for e in root.iter(f"{ATOM}entry") if e.find(f"{ATOM}link").get("href") == url_of(ENTRY)
    )
    title = entry.find(f"{ATOM}title")
    assert title.get("type", "text") == "text" and len(title) == 0
    assert title.text == TITLE
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type", "text") == "text" and summary.text == SUMMARY
    content = entry.find(f"{ATOM}content")
    assert content.get("type") == "html" and len(content) == 0  # escaped, not inline XHTML
    html = BeautifulSoup(content.text, "html.parser")
    assert html.find("script") is None and html.find("img") is None
    assert html.find("code").get_text() == SCRIPT
    # The author's own HTML is theirs: it reaches feed readers as HTML.
    assert [k.get_text() for k in html.find_all("kbd")] == ["Ctrl", "C"]
    assert html.select_one("details > summary").get_text() == "More"


def test_rss_description_is_text_not_markup(site: Path):
    """RSS readers render <description> as HTML: a plain-text summary must be HTML-escaped in it.

    The summary is the text of the body's first paragraph; the author wrote `<script>` in a code
    span and `&lt;img …&gt;` as escaped text, so a reader must show them, not run them.
    """
    root = ET.fromstring((site / "rss.xml").read_bytes())
    item = next(i for i in root.iter("item") if i.findtext("link") == url_of(ENTRY))
    description = BeautifulSoup(item.findtext("description"), "html.parser")
    assert description.find("script") is None, item.findtext("description")
    assert description.find("img") is None, item.findtext("description")
    assert description.get_text() == SUMMARY


# ---- the body is the author's ------------------------------------------------------------------


def test_author_body_keeps_its_own_html(site: Path):
    page = content_of(site, ENTRY)
    assert [k.get_text() for k in page.find_all("kbd")] == ["Ctrl", "C"]
    details = page.select_one("details")
    assert details is not None
    assert details.select_one("summary").get_text() == "More"
    assert "Hidden" in details.get_text()
    assert page.find("code").get_text() == SCRIPT  # a code span shows markup as code
    assert "<img src=x onerror=alert(1)> text." in page.get_text()
