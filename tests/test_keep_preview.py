"""`roadlog serve` renders again only the entry pages whose inputs changed, and gets every page right."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PUBLISHED
from mkdocs.config import load_config

from generator import keep_preview
from generator import render_feeds as render_feeds_module
from generator.cache_files import FileCache
from generator.keep_preview import Preview
from generator.pipeline import load_site
from generator.render_feeds import KeptFeeds, render_feeds
from generator.render_pages import make_env, render_pages


class Rebuilds:
    """A preview's rebuilds of the fixture project, as `roadlog serve` does them."""

    def __init__(self, project: Path, monkeypatch: pytest.MonkeyPatch):
        config = load_config(str(project / "mkdocs.yml"))
        self.settings = config.plugins["roadlog"].settings(config)
        self.cache, self.preview, self.rendered = FileCache(), Preview(), []
        render_page = keep_preview.render_page

        def spy(env, site, settings, template, uri, context):
            self.rendered.append(uri)
            return render_page(env, site, settings, template, uri, context)

        monkeypatch.setattr(keep_preview, "render_page", spy)

    def entry_pages_rendered(self) -> list[str]:
        """Rebuild; check every page against a build from scratch; the entry pages rendered."""
        site, _ = load_site(self.settings, False, self.cache)
        self.rendered.clear()
        pages = self.preview.render_pages(site, self.settings)
        assert pages == render_pages(site, self.settings, make_env(self.settings))
        return sorted(
            uri.removeprefix("journal/").removesuffix(".md")
            for uri in self.rendered
            if uri.startswith("journal/2026-")
        )


@pytest.fixture
def rebuilds(fixture_site: Path, monkeypatch: pytest.MonkeyPatch):
    rebuilds = Rebuilds(fixture_site, monkeypatch)
    yield rebuilds
    rebuilds.preview.close()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new))


def test_only_entry_pages_whose_inputs_changed_are_rendered_again(
    fixture_site: Path, rebuilds: Rebuilds
):
    assert len(rebuilds.entry_pages_rendered()) == 7
    assert rebuilds.entry_pages_rendered() == []

    edit(fixture_site / "journal/2026-03/2026-03-08-dns.md", "Worked late", "Worked very late")
    assert rebuilds.entry_pages_rendered() == ["2026-03-08-dns"]

    # Its title shows on its neighbours' pages (older / newer links).
    edit(fixture_site / "journal/2026-03/2026-03-08-dns.md", "DNS by night", "DNS at night")
    assert rebuilds.entry_pages_rendered() == [
        "2026-03-06-skipped",
        "2026-03-08-dns",
        "2026-03-09-records",
    ]

    # An entry without a title takes its planned day's: a roadmap edit changes the same
    # (cached) entry object, and its page and its neighbours' pages follow.
    edit(fixture_site / "roadmaps/demo.yaml", "Bits & Bytes", "Bits and Bytes")
    assert rebuilds.entry_pages_rendered() == [
        "2026-02-27-warmup",
        "2026-03-02-bits",
        "2026-03-03-packets",
    ]

    # A new commit on an entry's day.
    from conftest import git

    git(
        fixture_site,
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "More DNS",
        date="2026-03-08T21:00:00+09:00",
    )
    assert rebuilds.entry_pages_rendered() == ["2026-03-08-dns"]


def test_an_overridden_entry_template_is_rendered_every_time(
    fixture_site: Path, rebuilds: Rebuilds
):
    override = fixture_site / "site_template/pages/entry.md.j2"
    override.parent.mkdir(parents=True)
    override.write_text("---\ntitle: {{ entry.title|e|tojson }}\n---\n{{ site.today }}\n")
    assert len(rebuilds.entry_pages_rendered()) == 7
    assert len(rebuilds.entry_pages_rendered()) == 7


def test_a_template_edit_renders_every_entry_page_again(fixture_site: Path, rebuilds: Rebuilds):
    rebuilds.entry_pages_rendered()
    macros = fixture_site / "site_template/pages/_macros.j2"
    macros.parent.mkdir(parents=True)
    shipped = Path(keep_preview.DEFAULT_TEMPLATE_DIR, "pages", "_macros.j2").read_text()
    macros.write_text(shipped.replace("<strong>Objective</strong>", "<strong>Goal</strong>"))
    assert len(rebuilds.entry_pages_rendered()) == 7


def test_only_feeds_showing_a_changed_entry_are_made_again(
    fixture_site: Path, monkeypatch: pytest.MonkeyPatch, rebuilds: Rebuilds
):
    made = []
    render_feed = render_feeds_module._render_feed
    monkeypatch.setattr(
        render_feeds_module,
        "_render_feed",
        lambda path, *args: made.append(path) or render_feed(path, *args),
    )
    kept = KeptFeeds()
    contents = {stem: f'<p>{stem}</p><a href="../about/">about</a>' for stem in PUBLISHED}

    def feeds_made() -> list[str]:
        site, _ = load_site(rebuilds.settings, False, rebuilds.cache)
        fresh = render_feeds(site, rebuilds.settings, contents)
        made.clear()
        assert render_feeds(site, rebuilds.settings, contents, kept) == fresh
        return sorted(made)

    everything = feeds_made()
    assert {"feed.xml", "rss.xml", "feed.json", "topics/networking/feed.xml"} <= set(everything)
    assert feeds_made() == []
    contents["2026-03-02-bits"] = "<p>New words.</p>"  # tagged networking and linux
    assert feeds_made() == [
        "feed.json",
        "feed.xml",
        "rss.xml",
        "topics/linux/feed.xml",
        "topics/networking/feed.xml",
    ]
    edit(fixture_site / "journal/2026-03/2026-03-08-dns.md", "DNS by night", "DNS at night")
    assert feeds_made() == ["feed.json", "feed.xml", "rss.xml"]
