"""URL collisions: no tag, roadmap, topic, entry or docs file may take another page's URL."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import build, run_cli, write
from mkdocs.config import load_config

from generator.build_site import build_site
from generator.check_docs import check_docs_files, list_generated, output_path
from generator.errors import RoadlogError
from generator.load_docs import find_docs_files
from generator.load_roadmaps import load_roadmaps
from generator.load_topics import load_topics
from generator.model import Entry, TopicDef
from generator.pipeline import load_site

D = dt.date
TAG_ERROR = (
    "journal/e.md:3: the tag {tag!r} is reserved: its topic page would replace /topics/, "
    "the list of topics; rename the tag"
)
# What a build of the fixture writes besides Roadlog's pages and feeds: MkDocs' files, the
# learner's about page, and the mark that tells a later build this folder is a Roadlog build.
OTHER_FILES = re.compile(r"(assets|pagefind|about)/.*|404\.html|sitemap\.xml(\.gz)?|\.roadlog-site")


def entry(stem: str = "e", tags: tuple[str, ...] = (), **kw) -> Entry:
    """An entry at journal/<stem>.md whose `tags:` is on line 3."""
    return Entry(
        f"journal/{stem}.md", stem, D(2026, 1, 1), "", tags=list(tags), lines={"tags": 3}, **kw
    )


def errors_of(*entries: Entry, vocabulary: list[TopicDef] = ()) -> list[str]:
    """The problems build_site reports for `entries`, as printed."""
    with pytest.raises(RoadlogError) as exc:
        build_site([], list(entries), [], D(2026, 1, 1), vocabulary=vocabulary)
    return [str(p) for p in exc.value.problems]


# --- tags ------------------------------------------------------------------------------------


@pytest.mark.parametrize("tag", ["index", "Index", "INDEX", " index ", "Index!"])
def test_a_tag_whose_topic_page_would_replace_the_topic_list_is_refused(tag):
    assert errors_of(entry(tags=(tag,))) == [TAG_ERROR.format(tag=tag)]


def test_a_draft_tag_is_refused_too():
    assert errors_of(entry(tags=("Index",), draft=True)) == [TAG_ERROR.format(tag="Index")]


def test_each_reserved_tag_of_each_entry_is_reported_once():
    entries = [entry("a", ("Index", "index", "Index")), entry("b", ("Index", "go"))]
    assert errors_of(*entries) == [
        TAG_ERROR.format(tag="Index").replace("journal/e.md", "journal/a.md"),
        TAG_ERROR.format(tag="index").replace("journal/e.md", "journal/a.md"),
        TAG_ERROR.format(tag="Index").replace("journal/e.md", "journal/b.md"),
    ]


def test_tags_near_a_reserved_slug_keep_their_own_topic_page():
    site = build_site([], [entry(tags=("índex", "indexes", "index-cards"))], [], D(2026, 1, 1))
    assert sorted(site.topics) == ["index-cards", "indexes", "índex"]


def test_a_tag_the_vocabulary_gives_another_slug_is_fine():
    search = TopicDef("search-index", "Search index", None, ("search index", "index"))
    site = build_site([], [entry(tags=("Index",))], [], D(2026, 1, 1), vocabulary=[search])
    assert list(site.topics) == ["search-index"]
    assert site.tag_slugs == {"index": "search-index"}


def test_an_entry_named_readme_is_refused():
    # MkDocs publishes README.md as its folder's index page: journal/README.md is /journal/.
    assert errors_of(entry("README")) == [
        "journal/README.md:1: the file name 'README' is reserved: MkDocs would publish it as "
        "/journal/, the journal index; rename the file"
    ]


def test_an_entry_named_like_a_year_is_refused():
    # /journal/2024/ lists the entries of 2024: a "2024 in review" file must take another name.
    assert errors_of(entry("2024")) == [
        "journal/2024.md:1: the file name '2024' is reserved: /journal/2024/ lists the entries of "
        "2024; rename the file"
    ]
    site = build_site([], [entry("2024-review")], [], D(2026, 1, 1))
    assert [e.stem for e in site.entries] == ["2024-review"]


# --- roadmap ids and vocabulary slugs -----------------------------------------------------------


def test_roadmap_ids_index_and_readme_are_refused(tmp_path: Path):
    write(tmp_path, "roadmaps/index.yaml", "title: All my plans\nid: index\n")
    write(tmp_path, "roadmaps/README.yaml", "title: Read me\n")
    write(tmp_path, "roadmaps/indexing.yaml", "title: Indexing\n")
    with pytest.raises(RoadlogError) as exc:
        load_roadmaps(tmp_path / "roadmaps", tmp_path)
    assert [str(p) for p in exc.value.problems] == [
        "roadmaps/README.yaml:1: the roadmap id 'README' is reserved: its page would replace "
        "/roadmaps/, the list of roadmaps; rename the file (and its `id:`)",
        "roadmaps/index.yaml:2: the roadmap id 'index' is reserved: its page would replace "
        "/roadmaps/, the list of roadmaps; rename the file (and its `id:`)",
    ]


def test_vocabulary_topics_whose_slug_is_index_are_refused(tmp_path: Path):
    write(
        tmp_path,
        "roadmaps/topics.yaml",
        """\
        topics:
          - name: Index
          - name: Search indexes
            slug: index
          - name: Indexing
            aliases: [index cards]
        """,
    )
    with pytest.raises(RoadlogError) as exc:
        load_topics(tmp_path / "roadmaps" / "topics.yaml", tmp_path)
    assert [str(p) for p in exc.value.problems] == [
        "roadmaps/topics.yaml:2: topic 'Index': the slug 'index' is reserved: its page would "
        "replace /topics/, the list of topics; give the topic another `slug:`",
        "roadmaps/topics.yaml:3: topic slug 'index' is used twice (also line 2)",
        "roadmaps/topics.yaml:4: topic 'Search indexes': the slug 'index' is reserved: its page "
        "would replace /topics/, the list of topics; give the topic another `slug:`",
    ]


# --- the learner's docs files ---------------------------------------------------------------


@pytest.mark.parametrize(
    "src, output",
    [
        ("index.md", "index.html"),
        ("README.md", "index.html"),
        ("calendar.md", "calendar/index.html"),
        ("topics.markdown", "topics/index.html"),
        ("journal/README.md", "journal/index.html"),
        ("journal/x/index.md", "journal/x/index.html"),
        ("a.b.md", "a.b/index.html"),
        ("feed.xml", "feed.xml"),
        ("img/photo.png", "img/photo.png"),
    ],
)
def test_output_path_is_where_mkdocs_writes_the_file(src, output):
    assert output_path(src) == output


GENERATED = {
    "index.html": "the dashboard",
    "journal/index.html": "the journal index",
    "journal/2026-03-02-bits/index.html": "the page of journal/2026-03-02-bits.md",
    "topics/networking/feed.xml": "the Atom feed of the topic 'networking'",
    "feed.xml": "the Atom feed",
}


def test_docs_files_that_a_generated_file_would_replace_are_refused():
    files = [
        "about.md",
        "index.md",
        "journal/2026-03-02-bits/index.md",
        "journal/notes.txt",
        "topics/networking/feed.xml",
        "topics/networking/photo.png",
        "feed.xml",
        "feed.xml/index.md",  # a folder where the feed is a file
        "journal",  # a file where the journal is a folder
    ]
    problems = [str(p) for p in check_docs_files("site_template/docs", files, GENERATED)]
    assert problems == [
        "site_template/docs/feed.xml:1: this file clashes with /feed.xml, the Atom feed, which "
        "Roadlog generates; rename or move the file",
        "site_template/docs/feed.xml/index.md:1: this file clashes with /feed.xml, the Atom feed, "
        "which Roadlog generates; rename or move the file",
        "site_template/docs/index.md:1: this file clashes with /, the dashboard, which Roadlog "
        "generates; rename or move the file",
        "site_template/docs/journal:1: this file clashes with /journal/, the journal index, which "
        "Roadlog generates; rename or move the file",
        "site_template/docs/journal/2026-03-02-bits/index.md:1: this file clashes with "
        "/journal/2026-03-02-bits/, the page of journal/2026-03-02-bits.md, which Roadlog "
        "generates; rename or move the file",
        "site_template/docs/topics/networking/feed.xml:1: this file clashes with "
        "/topics/networking/feed.xml, the Atom feed of the topic 'networking', which Roadlog "
        "generates; rename or move the file",
    ]


def test_find_docs_files_leaves_out_what_mkdocs_leaves_out(tmp_path: Path):
    for name in ("index.md", "img/a.png", ".hidden.md", ".git/x.md", "templates/t.html"):
        write(tmp_path, f"docs/{name}", "x\n")
    write(tmp_path, "docs/journal/templates/kept.md", "x\n")
    assert find_docs_files(tmp_path / "docs") == [
        "img/a.png",
        "index.md",
        "journal/templates/kept.md",
    ]


def test_list_generated_is_every_file_roadlog_writes(fixture_site: Path):
    write(fixture_site, "journal/2026-03-01-topic.md", "---\ntags: [Caching]\n---\nOne.\n")
    assert build(fixture_site) == 0
    config = load_config(str(fixture_site / "mkdocs.yml"))
    settings = config.plugins["roadlog"].settings(config)
    site, _ = load_site(settings)
    generated = list_generated(site, settings)
    # Files, and the folders Roadlog writes whole (Pagefind's bundle).
    built = {
        p.relative_to(fixture_site / "site").as_posix()
        for p in (fixture_site / "site").rglob("*")
        if p.is_file() or p.name in generated
    }
    assert set(generated) <= built
    assert sorted(f for f in built - set(generated) if not OTHER_FILES.fullmatch(f)) == []
    assert generated["topics/caching/feed.xml"] == "the Atom feed of the topic 'Caching'"
    assert generated["calendar/index.html"] == "the calendar"


# --- real builds ------------------------------------------------------------------------------


def test_a_tag_named_index_is_refused_and_the_topic_list_kept(fixture_site: Path):
    entry_file = write(
        fixture_site, "journal/2026-03-01-idx.md", "---\ntitle: Idx\ntags: [go, Index]\n---\nX.\n"
    )
    expected = (
        "journal/2026-03-01-idx.md:3: the tag 'Index' is reserved: its topic page would replace "
        "/topics/, the list of topics; rename the tag"
    )
    check = run_cli("check", cwd=fixture_site)
    assert (check.returncode, check.stdout.splitlines()) == (1, [expected, "1 error(s)"])
    built = run_cli("build", cwd=fixture_site)
    assert built.returncode == 1
    assert built.stderr.splitlines()[0] == expected
    assert not (fixture_site / "site").exists()
    # Renamed as told, the tag gets its own page and /topics/ still lists every topic.
    entry_file.write_text(entry_file.read_text().replace("Index", "Index pages"))
    assert build(fixture_site) == 0
    topics = fixture_site / "site" / "topics"
    listed = set(re.findall(r'href="\.\./topics/([\w-]+)/"', (topics / "index.html").read_text()))
    assert listed == {"go", "index-pages", "linux", "networking", "security"}
    assert {p.name for p in topics.iterdir() if p.is_dir()} == listed


def test_a_roadmap_named_index_is_refused_by_check_and_build(fixture_site: Path):
    write(fixture_site, "roadmaps/index.yaml", "title: All my plans\n")
    expected = (
        "roadmaps/index.yaml:1: the roadmap id 'index' is reserved: its page would replace "
        "/roadmaps/, the list of roadmaps; rename the file (and its `id:`)"
    )
    check = run_cli("check", cwd=fixture_site)
    assert (check.returncode, check.stdout.splitlines()) == (1, [expected, "1 error(s)"])
    built = run_cli("build", cwd=fixture_site)
    assert (built.returncode, built.stderr.splitlines()[0]) == (1, expected)
    assert not (fixture_site / "site").exists()


DOCS_CLASHES = {
    "docs/calendar.md": "/calendar/, the calendar",
    "docs/feed.xml": "/feed.xml, the Atom feed",
    "docs/journal/2026-03-08-dns.md": "/journal/2026-03-08-dns/, the page of "
    "journal/2026-03/2026-03-08-dns.md",
    "docs/roadmaps/demo/index.md": "/roadmaps/demo/, the page of roadmaps/demo.yaml",
    "docs/topics.md": "/topics/, the list of topics",
    "docs/topics/networking/feed.xml": "/topics/networking/feed.xml, the Atom feed of the "
    "topic 'networking'",
}
DOCS_ERRORS = [
    f"{path}:1: this file clashes with {what}, which Roadlog generates; rename or move the file"
    for path, what in sorted(DOCS_CLASHES.items())
]


def test_docs_files_a_generated_file_would_replace_stop_the_build(fixture_site: Path):
    for path in DOCS_CLASHES:
        write(fixture_site, path, "Mine.\n")
    write(fixture_site, "docs/journal/photo.png", "not a page\n")
    built = run_cli("build", cwd=fixture_site)
    assert built.returncode == 1
    assert built.stderr.splitlines()[: len(DOCS_ERRORS)] == DOCS_ERRORS
    assert not (fixture_site / "site").exists()
    assert (fixture_site / "docs" / "calendar.md").read_text() == "Mine.\n"


def test_docs_files_a_generated_file_would_replace_are_reported_by_check(fixture_site: Path):
    for path in DOCS_CLASHES:
        write(fixture_site, path, "Mine.\n")
    check = run_cli("check", cwd=fixture_site)
    assert check.returncode == 1
    assert check.stdout.splitlines() == [*DOCS_ERRORS, f"{len(DOCS_ERRORS)} error(s)"]
