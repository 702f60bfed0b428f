"""A learner's docs_dir file must not sit where Roadlog generates a page or a feed."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

from .check_draft_keys import looks_like_draft
from .check_schema import SCHEMA_NAMES
from .errors import Problem
from .find_front_matter import KEY_LINE, split_front_matter
from .model import Site
from .render_badges import render_badges
from .render_pages import plan_pages
from .settings import Settings

MARKDOWN = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")  # MkDocs' page extensions
WRITTEN_FILES = {
    "feed.xml": "the Atom feed",
    "rss.xml": "the RSS feed",
    "feed.json": "the JSON Feed",
    "reviews/feed.xml": "the weekly digest feed",
    # Written by MkDocs in every Roadlog site.
    "sitemap.xml": "the sitemap",
    "sitemap.xml.gz": "the compressed sitemap",
    # Pagefind's bundle (generator/index_search.py): a folder, replaced whole after each build.
    "pagefind": "the search index",
    **{f"schemas/{name}.schema.json": f"the published {name} schema" for name in SCHEMA_NAMES},
}
PAGES = {
    "dashboard.md.j2": "the dashboard",
    "calendar.md.j2": "the calendar",
    "roadmaps_index.md.j2": "the list of roadmaps",
    "topics_index.md.j2": "the list of topics",
    "reviews_index.md.j2": "the list of reviews",
    "stats.md.j2": "the stats page",
}


def output_path(src: str) -> str:
    """Where MkDocs writes a docs file, with directory URLs: `a/b.md` -> `a/b/index.html`."""
    if not src.endswith(MARKDOWN):
        return src
    folder, name = posixpath.split(src)
    stem = posixpath.splitext(name)[0]
    if stem in ("index", "README"):
        return posixpath.join(folder, "index.html")
    return posixpath.join(folder, stem, "index.html")


def url_of(output: str) -> str:
    """The site URL of an output file: `a/index.html` -> `/a/`."""
    return "/" + output.removesuffix("index.html")


def list_generated(site: Site, settings: Settings) -> dict[str, str]:
    """Every file Roadlog generates (output path -> what it is): its pages and its feeds."""
    generated = {
        output_path(src): _describe(template, context)
        for template, src, context in plan_pages(site, settings)
    }
    generated.update(WRITTEN_FILES)
    generated.update({path: "a badge" for path in render_badges(site)})
    if settings.cards:
        generated["cards"] = "the card images"
    for topic in site.topics.values():
        generated[f"topics/{topic.slug}/feed.xml"] = f"the Atom feed of the topic {topic.name!r}"
    return generated


def _describe(template: str, context: dict) -> str:
    if template == "entry.md.j2":
        return f"the page of {context['entry'].path}"
    if template == "roadmap.md.j2":
        return f"the page of {context['view'].roadmap.path}"
    if template == "topic.md.j2":
        return f"the page of the topic {context['topic'].name!r}"
    if template == "journal_index.md.j2" and context["number"] > 1:
        return f"page {context['number']} of the journal index"
    if template == "journal_index.md.j2":
        return "the journal index"
    if template == "journal_year.md.j2":
        return f"the journal of {context['year']}"
    if template == "calendar.md.j2" and context.get("year"):
        return f"the calendar of {context['year']}"
    if template == "review.md.j2":
        return f"the review of {context['review'].period.title}"
    if template == "reviews_year.md.j2":
        return f"the reviews of {context['year']}"
    if template == "topic_year.md.j2":
        return f"the {context['year']} entries of the topic {context['topic'].name!r}"
    return PAGES.get(template, "a generated page")


def check_docs_files(
    docs_dir: str, files: Iterable[str], generated: dict[str, str]
) -> list[Problem]:
    """An error for each docs file (docs-relative path) at, above or below a generated file."""
    # Above or below: a page `feed.xml/index.md` needs a folder where the feed is a file.
    folders: dict[str, str] = {}
    for output in generated:
        parts = output.split("/")
        for end in range(1, len(parts)):
            folders.setdefault("/".join(parts[:end]), output)
    problems = []
    for src in sorted(files):
        output = output_path(src)
        parts = output.split("/")
        parents = ("/".join(parts[:end]) for end in range(1, len(parts)))
        clash = (
            output
            if output in generated
            else folders.get(output) or next((p for p in parents if p in generated), None)
        )
        if clash:
            problems.append(
                Problem(
                    f"{docs_dir}/{src}",
                    1,
                    f"this file clashes with {url_of(clash)}, {generated[clash]}, which Roadlog "
                    "generates; rename or move the file",
                )
            )
    return problems


def check_docs_drafts(pages: Iterable[tuple[str, str]]) -> list[Problem]:
    """An error for each docs_dir page ((display path, text)) whose front matter names `draft`.

    `draft: true` keeps a journal entry private; MkDocs publishes every page of docs_dir.
    """
    problems = []
    for shown, text in pages:
        front, _, _ = split_front_matter(text)
        for number, line in enumerate((front or "").split("\n"), start=2):
            key = KEY_LINE.match(line)
            if key and looks_like_draft(key.group(1)):
                problems.append(
                    Problem(
                        shown,
                        number,
                        "`draft` keeps only journal entries private: MkDocs publishes every page "
                        "of docs_dir; move this page out of docs_dir (into the journal, or away)",
                    )
                )
    return problems
