"""Search that loads on demand: Pagefind's bundle in the built site instead of Material's index.

The fixture site is built once; its Pagefind files are read back (a fragment is gzip of
`pagefind_dcd` + the JSON of one page: its URL, title, date and indexed text), so each test knows
exactly which pages a query can find and what a result shows. The browser side (nothing fetched
before typing, results, keys, dark mode, bytes per query) is tests/test_browser_search.py.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import time
from pathlib import Path

import pytest
from conftest import (
    BOLD_TITLE,
    CANARY,
    PUBLISHED,
    SOURCE_DATE_EPOCH,
    build,
    make_project,
    write,
)
from test_serve import TIMEOUT, Preview

from generator.index_search import (
    BUNDLE,
    IGNORED,
    UNUSED,
    WORK,
    index_site,
    mark_page,
    pagefind_executable,
)

SIGNATURE = b"pagefind_dcd"
# Every page a query can find in the fixture site: its published entries, its roadmap and topic
# pages and the learner's own about page; never a draft, never a page that lists entries.
INDEXED = {
    *(f"/journal/{stem}/" for stem in PUBLISHED),
    "/roadmaps/demo/",
    "/topics/linux/",
    "/topics/networking/",
    "/topics/security/",
    "/about/",
}
LISTINGS = [
    "index.html",
    "journal/index.html",
    "calendar/index.html",
    "roadmaps/index.html",
    "topics/index.html",
]


def read_all(site: Path) -> dict[str, bytes]:
    """Every file of `site` (relative POSIX path -> bytes)."""
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def unpack(data: bytes) -> bytes:
    """A Pagefind data file's content: gzip of the `pagefind_dcd` signature and the data."""
    raw = gzip.decompress(data)
    assert raw.startswith(SIGNATURE)
    return raw[len(SIGNATURE) :]


def fragments(site: Path) -> dict[str, dict]:
    """URL -> the page Pagefind keeps for results (url, meta, content…)."""
    pages = {}
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        page = json.loads(unpack(path.read_bytes()))
        assert page["url"] not in pages, page["url"]
        pages[page["url"]] = page
    return pages


def html_pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if "pagefind" not in path.parts)


def built(root: Path) -> Path:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        assert build(root) == 0
    return root / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project, built once for this module."""
    return built(make_project(tmp_path_factory.mktemp("search")))


# ---- the bundle replaces Material's index --------------------------------------------------------


def test_the_site_ships_pagefind_and_not_materials_whole_site_index(site: Path):
    bundle = site / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    assert (bundle / "pagefind-worker.js").is_file()
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == len(INDEXED)
    assert not (site / "search").exists()
    assert [name for name in UNUSED if (bundle / name).exists()] == []
    assert not (site / ".pagefind-work").exists()
    for page in html_pages(site):
        text = page.read_text(encoding="utf-8")
        relative = page.relative_to(site).as_posix()
        assert "search_index" not in text, relative
        # Material's script downloads its index when the page has a form named "search", and
        # starts its own search on data-md-component="search": Roadlog's dialog has neither.
        assert not re.search(r'<form[^>]*\bname="search"', text), relative
        assert 'data-md-component="search' not in text, relative
        assert text.count("data-rl-search") == 1, relative
        assert "assets/javascripts/roadlog-search.js" in text, relative


def test_only_entries_roadmaps_topics_and_own_pages_are_indexed(site: Path):
    assert set(fragments(site)) == INDEXED


def test_listing_pages_are_published_but_not_marked_for_the_index(site: Path):
    for relative in LISTINGS:
        text = (site / relative).read_text(encoding="utf-8")
        assert "data-pagefind" not in text, relative
    entry = (site / "journal/2026-03-08-dns/index.html").read_text(encoding="utf-8")
    assert entry.count("data-pagefind-body") == 1
    assert '<article class="md-content__inner md-typeset" data-pagefind-body>' in entry


def test_drafts_are_nowhere_in_the_index(site: Path):
    assert (site / "journal" / PUBLISHED[0]).is_dir()
    token = CANARY.lower().split("-")[-1].encode()  # Pagefind splits words at the hyphen
    leaks = [
        name
        for name, data in read_all(site / "pagefind").items()
        if token
        in (
            unpack(data) if name.endswith((".pf_fragment", ".pf_index", ".pf_meta")) else data
        ).lower()
    ]
    assert leaks == []


def test_a_result_shows_the_title_and_date_of_its_page(site: Path):
    pages = fragments(site)
    assert pages["/journal/2026-03-08-dns/"]["meta"] == {
        "title": "DNS by night",
        "date": "Sun 08 Mar 2026",
    }
    # A title is kept as the text the page shows; the search shows it as text, never as markup.
    assert pages["/journal/2026-03-04-escaping/"]["meta"] == {
        "title": BOLD_TITLE,
        "date": "Wed 04 Mar 2026",
    }
    assert pages["/roadmaps/demo/"]["meta"] == {"title": "Demo Roadmap", "kind": "Roadmap"}
    assert pages["/topics/networking/"]["meta"] == {"title": "networking", "kind": "Topic"}
    assert pages["/about/"]["meta"] == {"title": "About"}


def test_what_a_page_repeats_from_others_is_not_indexed(site: Path):
    pages = fragments(site)
    dns = pages["/journal/2026-03-08-dns/"]["content"]
    # The title, then the entry's words and its plan; not the date line, the neighbours' titles
    # (the older and newer links) nor the permalink signs.
    assert dns.startswith(
        "DNS by night. Worked late on DNS. The plan: Day 7 of Demo Roadmap. "
        "Question: Question of day 7?"
    )
    for repeated in ("Sick day", "Records after midnight", "Sun 08 Mar 2026", "¶"):
        assert repeated not in dns, repeated
    # A topic page: found by its name, not by the titles of the entries it lists.
    assert "Bits & Bytes" not in pages["/topics/networking/"]["content"]
    assert "Bits & Bytes" in pages["/journal/2026-03-02-bits/"]["content"]


def test_commits_are_found_by_their_subjects_not_by_hash_author_or_time(site: Path):
    pages = fragments(site)
    dns = pages["/journal/2026-03-08-dns/"]["content"]
    assert dns.endswith("Commits that day. Late-night DNS notes")
    html = (site / "journal/2026-03-08-dns/index.html").read_text(encoding="utf-8")
    sha = re.search(r"<li><code><a [^>]*>([0-9a-f]{7})</a></code> Late-night DNS notes", html)
    assert sha and "Ada Learner · " in html
    everything = " ".join(page["content"] for page in pages.values())
    assert sha.group(1) not in everything
    assert "Ada Learner" not in everything
    commits = [page["content"].partition("Commits that day.")[2] for page in pages.values()]
    assert [text for text in commits if " · " in text or re.search(r"\d\d:\d\d", text)] == []


# ---- how pages are marked ----------------------------------------------------------------------


ARTICLE = '<article class="md-content__inner md-typeset">'


def test_mark_page_marks_the_article_and_an_entrys_date():
    page = (
        f'<header><time datetime="x">header</time></header>{ARTICLE}<h1>T</h1>'
        '<p class="rl-meta"><time datetime="2026-03-08">Sun 08 Mar 2026</time></p>'
        '<time datetime="y">later</time></article>'
    )
    assert mark_page(page, "entry") == (
        '<header><time datetime="x">header</time></header>'
        '<article class="md-content__inner md-typeset" data-pagefind-body><h1>T</h1>'
        '<p class="rl-meta"><time data-pagefind-meta="date" datetime="2026-03-08">'
        'Sun 08 Mar 2026</time></p><time datetime="y">later</time></article>'
    )
    assert mark_page(f"{ARTICLE}<h1>R</h1></article>", "roadmap") == (
        '<article class="md-content__inner md-typeset" data-pagefind-body '
        'data-pagefind-meta="kind:Roadmap"><h1>R</h1></article>'
    )
    assert mark_page(f"{ARTICLE}<h1>A</h1></article>", "page") == (
        '<article class="md-content__inner md-typeset" data-pagefind-body><h1>A</h1></article>'
    )
    # Not Material's page layout: left as it is, and Pagefind leaves the page out.
    assert mark_page("<main><h1>A</h1></main>", "page") == "<main><h1>A</h1></main>"


def test_ignored_parts_are_classes_the_templates_use():
    """Each ignored selector names a class Roadlog's templates or Material still write."""
    from generator.settings import DEFAULT_TEMPLATE_DIR

    templates = "".join(
        path.read_text(encoding="utf-8")
        for path in sorted(DEFAULT_TEMPLATE_DIR.rglob("*"))
        if path.suffix in (".j2", ".html")
    )
    roadlog = [s for s in IGNORED if ".rl-" in s]
    for selector in roadlog:
        for name in re.findall(r"\.(rl-[\w-]+)", selector):
            assert name in templates, selector


# ---- builds ------------------------------------------------------------------------------------


def test_two_builds_give_the_same_bytes_search_index_included(fixture_site: Path):
    assert build(fixture_site, "-d", "first") == 0
    time.sleep(1.1)  # another second: a file that held a clock time would differ
    assert build(fixture_site, "-d", "second") == 0
    first, second = read_all(fixture_site / "first"), read_all(fixture_site / "second")
    assert any(name.startswith("pagefind/fragment/") for name in first)
    differing = sorted(
        name for name in first.keys() | second.keys() if first.get(name) != second.get(name)
    )
    assert differing == []


def test_a_preview_keeps_the_older_index_files_beside_the_new_ones(site: Path, tmp_path: Path):
    """A page of `roadlog serve` that read the older entry file still finds every file it names."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    before = {p.relative_to(copy).as_posix() for p in (copy / BUNDLE).rglob("*") if p.is_file()}
    old_entry = json.loads((copy / BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
    page = copy / "journal" / "2026-03-08-dns" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Worked late", "Zebras worked late"))
    index_site(copy, keep_old=True)
    after = {p.relative_to(copy).as_posix() for p in (copy / BUNDLE).rglob("*") if p.is_file()}
    entry = json.loads((copy / BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert before < after
    assert entry["languages"]["en"]["hash"] != old_entry["languages"]["en"]["hash"]
    assert f"{BUNDLE}/pagefind.{entry['languages']['en']['hash']}.pf_meta" in after
    assert not (copy / WORK).exists()
    index_site(copy)  # `roadlog build`: the bundle is replaced whole
    rebuilt = {p.relative_to(copy).as_posix() for p in (copy / BUNDLE).rglob("*") if p.is_file()}
    assert rebuilt < after and len(rebuilt) == len(before)


def test_a_failed_index_fails_the_build_and_leaves_the_site_as_it_was(
    fixture_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    assert build(fixture_site) == 0
    before = read_all(fixture_site / "site")
    failing = write(tmp_path, "pagefind", "#!/bin/sh\necho 'Error: the disk is full' >&2\nexit 3\n")
    failing.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(failing))
    write(fixture_site, "journal/2026-03-10-more.md", "---\ntitle: More\n---\nMore words.\n")
    capsys.readouterr()
    assert build(fixture_site) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        "error: Pagefind could not index the site for search:",
        "Error: the disk is full",
        "error: the build failed; site/ was left as it was",
    ]
    assert read_all(fixture_site / "site") == before
    assert list(fixture_site.glob(".site-*")) == []


def test_a_missing_pagefind_is_named_with_the_way_to_install_it(
    fixture_site: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fixture_site / "no-such-pagefind"))
    assert build(fixture_site) == 1
    out, err = capsys.readouterr()
    assert err.splitlines()[0] == (
        "error: the search index needs Pagefind, which is not installed: "
        "pip install 'pagefind[bin]' (or set PAGEFIND_BINARY_PATH to a pagefind binary)"
    )
    assert "Traceback" not in out + err
    assert not (fixture_site / "site").exists()


def test_another_pagefind_is_named_by_a_path_relative_to_where_roadlog_runs(
    fixture_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """PAGEFIND_BINARY_PATH=node_modules/.bin/pagefind (npm's Pagefind, newer than PyPI's) works
    from the project's folder, though Pagefind runs in a working folder of its own."""
    real = pagefind_executable()
    wrapper = write(tmp_path, "tools/pagefind", f'#!/bin/sh\nexec "{real}" "$@"\n')
    wrapper.chmod(0o755)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "tools/pagefind")
    assert build(fixture_site) == 0
    assert set(fragments(fixture_site / "site")) == INDEXED


def test_without_the_search_plugin_the_site_has_no_search(fixture_site: Path):
    config = fixture_site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - search\n" in text
    config.write_text(text.replace("  - search\n", ""), encoding="utf-8")
    assert build(fixture_site) == 0
    site = fixture_site / "site"
    assert not (site / "pagefind").exists()
    assert not (site / "search").exists()
    for page in html_pages(site):
        text = page.read_text(encoding="utf-8")
        assert "data-pagefind" not in text and "data-rl-search" not in text, page


# ---- roadlog serve -----------------------------------------------------------------------------


@pytest.fixture
def preview(tmp_path: Path):
    """A `roadlog serve` of the fixture project, stopped at teardown."""
    project = make_project(tmp_path / "project")
    (tmp_path / "logs").mkdir()
    server = Preview(project, (), tmp_path / "logs")
    try:
        server.start()
        yield server
    finally:
        server.stop()


def page_count(preview: Preview) -> int | None:
    status, text = preview.get("pagefind/pagefind-entry.json")
    return json.loads(text)["languages"]["en"]["page_count"] if status == 200 else None


def wait_for_count(preview: Preview, count: int) -> None:
    deadline = time.monotonic() + TIMEOUT
    while page_count(preview) != count:
        assert time.monotonic() < deadline, f"no index of {count} pages:\n{preview.logs()}"
        assert preview.process.poll() is None, preview.logs()
        time.sleep(0.2)


def test_serve_indexes_the_site_after_each_build(preview: Preview):
    wait_for_count(preview, len(INDEXED))
    write(preview.project, "journal/2026-03-10-fresh.md", "---\ntitle: Fresh\n---\nNew words.\n")
    wait_for_count(preview, len(INDEXED) + 1)
    (preview.project / "journal/2026-03-10-fresh.md").unlink()
    wait_for_count(preview, len(INDEXED))
    site = preview.site()
    assert not (site / "search").exists()
    # The entry file is replaced last, just before the run clears its working folder away.
    deadline = time.monotonic() + TIMEOUT
    while (site / ".pagefind-work").exists():
        assert time.monotonic() < deadline, preview.logs()
        time.sleep(0.1)
    assert "Pagefind" not in preview.logs()
