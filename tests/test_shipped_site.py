"""The learner's own project in this repository: `make site` builds a complete, draft-free site."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from generator.cli import main
from generator.load_entries import load_entries
from generator.load_roadmaps import load_roadmaps

ROOT = Path(__file__).resolve().parent.parent
DRAFT_TEXT = "This draft is not ready to be published."


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("shipped") / "site"
    with pytest.MonkeyPatch.context() as patch:
        # A fixed "today" one week into the plan, as in the starter journal.
        patch.setenv("SOURCE_DATE_EPOCH", "1795431600")  # 2026-11-23 12:00 Europe/Paris
        assert main(["-f", str(ROOT / "mkdocs.yml"), "build", "-d", str(target)]) == 0
    return target


def test_backend_roadmap_plans_every_day_of_the_year():
    (roadmap,) = [r for r in load_roadmaps(ROOT / "roadmaps", ROOT) if r.id == "backend-365"]
    days = [n for n in roadmap.walk() if n.kind == "day"]
    numbers = [d for node in days for d in range(node.number, node.last + 1)]
    assert numbers == list(range(1, 366))
    assert roadmap.start is not None
    assert all(node.title for node in days)


def test_starter_journal_has_a_week_and_one_draft():
    entries, warnings = load_entries(ROOT / "journal", ROOT)
    assert warnings == []
    assert len([e for e in entries if not e.draft]) >= 7
    drafts = [e for e in entries if e.draft]
    assert len(drafts) == 1 and DRAFT_TEXT in drafts[0].body


def test_every_page_is_built(site: Path):
    expected = [
        "index.html",
        "journal/index.html",
        "calendar/index.html",
        "roadmaps/index.html",
        "roadmaps/backend-365/index.html",
        "topics/index.html",
        "feed.xml",
        "rss.xml",
        "feed.json",
        "about/index.html",
    ]
    assert [path for path in expected if not (site / path).is_file()] == []
    entries, _ = load_entries(ROOT / "journal", ROOT)
    for entry in entries:
        assert (site / "journal" / entry.stem / "index.html").is_file() != entry.draft


def test_draft_text_is_in_no_file(site: Path):
    leaks = []
    for file in site.rglob("*"):
        if file.is_file():
            data = file.read_bytes()
            if file.suffix == ".gz":
                data = gzip.decompress(data)
            if DRAFT_TEXT.encode() in data or b"2026-11-23-dns-fundamentals" in data:
                leaks.append(file.relative_to(site).as_posix())
    assert leaks == []


@pytest.mark.parametrize("roadmap", load_roadmaps(ROOT / "roadmaps", ROOT), ids=lambda r: r.id)
def test_each_roadmap_page_shows_the_whole_tree(site: Path, roadmap):
    """Every node, day, resource link and checklist item of each shipped roadmap is on its page."""
    from bs4 import BeautifulSoup

    page = BeautifulSoup((site / "roadmaps" / roadmap.id / "index.html").read_text(), "html.parser")
    text = " ".join(page.get_text(" ").split())
    hrefs = {a.get("href") for a in page.find_all("a")}
    missing = []
    for node in roadmap.walk():
        if " ".join(node.title.split()) not in text:
            missing.append(node.title)
        if node.kind == "day" and page.find(id=node.anchor) is None:
            missing.append(node.anchor)
        missing += [r.url for r in node.resources if r.url not in hrefs]
        # Inline code is rendered as <code>, so compare without the backticks.
        missing += [i.title for i in node.checklist_items() if i.title.replace("`", "") not in text]
    assert missing == []


def test_topic_pages_join_the_seed_roadmaps(site: Path):
    from bs4 import BeautifulSoup

    index = BeautifulSoup((site / "topics" / "index.html").read_text(), "html.parser")
    assert [a.get_text() for a in index.select("nav.rl-filter a")] == [
        "By group",
        "A–Z",
        "Most entries",
        "Most planned",
    ]
    slugs = {a["href"].strip("/").split("/")[-1] for a in index.select("#a-z .rl-topic-table a")}
    assert {"redis", "docker", "jwt", "kubernetes", "postgresql", "networking"} <= slugs
    for slug in slugs:  # every topic page has its own Atom feed
        assert (site / "topics" / slug / "index.html").is_file() and (
            site / "topics" / slug / "feed.xml"
        ).is_file()
    redis = BeautifulSoup((site / "topics" / "redis" / "index.html").read_text(), "html.parser")
    assert len(redis.select(".rl-topic-roadmap")) == 5
