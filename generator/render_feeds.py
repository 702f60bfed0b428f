"""Render the newest entries as Atom 1.0, RSS 2.0 and JSON Feed 1.1, full HTML content, absolute URLs."""

from __future__ import annotations

import datetime as dt
import html
import json
from copy import copy
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import lxml.html
from feedgen.feed import FeedGenerator

from .model import Entry, Period, Review, Site
from .render_pages import summary
from .render_reviews import review_counts
from .settings import Settings

DIGEST = "reviews/feed.xml"


def entry_url(settings: Settings, entry: Entry) -> str:
    """The absolute URL of an entry's page."""
    return f"{settings.site_url}journal/{entry.stem}/"


def entry_id(settings: Settings, entry: Entry) -> str:
    """A stable tag: URI from the host, the entry's year and its file stem; never from the title."""
    parts = urlsplit(settings.site_url)
    return f"tag:{parts.hostname},{entry.date.year}:{parts.path.lstrip('/')}{entry.stem}"


def absolute_html(html: str, base: str) -> str:
    """`html` with every link and image source made absolute against `base`."""
    if not html.strip():
        return html
    fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    fragment.make_links_absolute(base, resolve_base_href=False)
    inner = (fragment.text or "") + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in fragment
    )
    return inner


@dataclass
class KeptFeeds:
    """What `roadlog serve` keeps between rebuilds: each feed and each entry's absolute HTML, with
    the inputs they were made from."""

    feeds: dict[str, tuple[tuple, bytes]] = field(default_factory=dict)
    html: dict[str, tuple[tuple, str]] = field(default_factory=dict)


def render_feeds(
    site: Site, settings: Settings, contents: dict[str, str], kept: KeptFeeds | None = None
) -> dict[str, bytes]:
    """Every feed file by its site path: Atom, RSS and JSON Feed of the newest entries, Atom per topic.

    With `kept` (serve keeps it), a feed whose entries and their contents did not change is not
    made again.
    """
    kept = kept or KeptFeeds()
    newest = site.newest_first()[: settings.feed_limit]
    plans = [(path, newest, None, None) for path in ("feed.xml", "rss.xml", "feed.json")]
    for topic in site.topics.values():
        plans.append(
            (
                f"topics/{topic.slug}/feed.xml",
                topic.entries[: settings.feed_limit],
                f"{settings.site_name}: {topic.name}",
                f"{settings.site_url}topics/{topic.slug}/",
            )
        )
    absolute = _AbsoluteContents(settings, contents, kept.html)
    feeds, made = {}, {}
    for path, entries, title, home in plans:
        # Copies: a build sets the title and git dates of the same cached entry objects.
        key = (
            title,
            home,
            site.today,
            settings,
            [(copy(e), contents.get(e.stem)) for e in entries],
        )
        if kept.feeds.get(path, (None,))[0] == key:
            made[path] = kept.feeds[path]
        else:
            made[path] = (
                key,
                _render_feed(path, entries, settings, absolute, site.today, title, home),
            )
        feeds[path] = made[path][1]
    kept.feeds = made
    kept.html = absolute.made
    feeds[DIGEST] = render_digest(site, settings)
    return feeds


class _AbsoluteContents:
    """Entries' HTML with absolute links, each made once; reused from `kept` when unchanged."""

    def __init__(self, settings: Settings, contents: dict[str, str], kept: dict):
        self.settings, self.contents, self.kept = settings, contents, kept
        self.made: dict[str, tuple[tuple, str]] = {}

    def get(self, stem: str, entry: Entry) -> str:
        if stem not in self.made:
            key = (self.contents.get(stem, ""), entry_url(self.settings, entry))
            if self.kept.get(stem, (None,))[0] != key:
                self.kept[stem] = (key, absolute_html(*key))
            self.made[stem] = self.kept[stem]
        return self.made[stem][1]


def _render_feed(path, entries, settings, absolute, today, title, home) -> bytes:
    contents = {entry.stem: absolute.get(entry.stem, entry) for entry in entries}
    if path == "feed.json":
        return render_json_feed(entries, settings, contents)
    feed = _generator(entries, settings, contents, path, today, title, home)
    return feed.rss_str(pretty=True) if path == "rss.xml" else feed.atom_str(pretty=True)


def render_json_feed(entries: list[Entry], settings: Settings, contents: dict[str, str]) -> bytes:
    """A JSON Feed 1.1 document of `entries`; `contents` maps stem -> HTML with absolute URLs."""
    author = {"name": settings.author or settings.site_name}
    items = []
    for entry in entries:
        url = entry_url(settings, entry)
        item = {
            "id": entry_id(settings, entry),
            "url": url,
            "title": entry.title or entry.stem,
            "content_html": contents.get(entry.stem, ""),
            "date_published": published(entry, settings.tz).isoformat(),
            "date_modified": updated(entry, settings.tz).isoformat(),
            "authors": [author],
        }
        if summary(entry):
            item["summary"] = summary(entry)
        if entry.tags:
            item["tags"] = entry.tags
        items.append(item)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": settings.site_name,
        "home_page_url": settings.site_url,
        "feed_url": f"{settings.site_url}feed.json",
        "language": "en",
        "authors": [author],
        "items": items,
    }
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _generator(
    entries: list[Entry],
    settings: Settings,
    contents: dict[str, str],
    path: str,
    today: dt.date,
    title: str | None = None,
    home: str | None = None,
) -> FeedGenerator:
    tz = settings.tz
    author = {"name": settings.author or settings.site_name}
    feed = FeedGenerator()
    # RSS 2.0's <author> must be an e-mail address; Dublin Core's creator carries a plain name.
    feed.load_extension("dc")
    feed.dc.dc_creator(author["name"])
    feed.id(f"{settings.site_url}{path}")
    feed.title(title or settings.site_name)
    feed.description(title or settings.site_name)
    # Self first: RSS's single channel <link> takes the last link given.
    feed.link(href=f"{settings.site_url}{path}", rel="self")
    feed.link(href=home or settings.site_url, rel="alternate")
    feed.author(author)
    feed.language("en")
    # Set explicitly: feedgen would otherwise stamp the build time and break reproducible builds.
    newest = max((updated(entry, tz) for entry in entries), default=_midnight(today, tz))
    feed.updated(newest)
    feed.lastBuildDate(newest)
    for entry in entries:
        item = feed.add_entry(order="append")
        url = entry_url(settings, entry)
        item.id(entry_id(settings, entry))
        item.guid(entry_id(settings, entry), permalink=False)
        item.title(entry.title or entry.stem)
        item.link(href=url, rel="alternate")
        item.published(published(entry, tz))
        item.updated(updated(entry, tz))
        item.author(author)
        item.dc.dc_creator(author["name"])
        if summary(entry):
            item.summary(summary(entry))  # Atom: a text construct
            # RSS readers read <description> as HTML: the same text, escaped, so it cannot inject.
            item.description(html.escape(summary(entry)))
        item.content(contents.get(entry.stem, ""), type="html")
        for tag in entry.tags:
            item.category(term=tag, label=tag)
    return feed


def published(entry: Entry, tz) -> dt.datetime:
    """When the entry was published: the start of its date in the configured timezone."""
    return _midnight(entry.date, tz)


def updated(entry: Entry, tz) -> dt.datetime:
    """When the entry last changed: its file's newest commit (renames followed), else its date."""
    if entry.updated and entry.updated >= published(entry, tz):
        return entry.updated.astimezone(tz)
    return published(entry, tz)


def review_id(settings: Settings, period: Period) -> str:
    """A stable tag: URI from the host and the period's key (`2026-W48`); never from any text."""
    parts = urlsplit(settings.site_url)
    year = period.key[:4]
    return f"tag:{parts.hostname},{year}:{parts.path.lstrip('/')}reviews/{period.key}"


def render_digest(site: Site, settings: Settings) -> bytes:
    """The weekly digest: an Atom item per finished ISO week, newest first, `feed_limit` of them."""
    weeks = [r for r in site.reviews.values() if r.period.kind == "week" and r.finished]
    weeks = weeks[::-1][: settings.feed_limit]
    tz, author = settings.tz, {"name": settings.author or settings.site_name}
    feed = FeedGenerator()
    feed.id(f"{settings.site_url}{DIGEST}")
    feed.title(f"{settings.site_name}: weekly reviews")
    feed.link(href=f"{settings.site_url}{DIGEST}", rel="self")
    feed.link(href=f"{settings.site_url}reviews/", rel="alternate")
    feed.author(author)
    feed.language("en")
    stamps = []
    for review in weeks:
        period = review.period
        # A week is over at the midnight that starts the next Monday, in the learner's timezone.
        over = _midnight(period.last + dt.timedelta(days=1), tz)
        shown = [*review.entries, *([review.reflection] if review.reflection else [])]
        stamps.append(max([over, *(updated(entry, tz) for entry in shown)]))
        item = feed.add_entry(order="append")
        item.id(review_id(settings, period))
        item.title(f"{period.title}: {period.span}")
        item.link(href=f"{settings.site_url}reviews/{period.key}/", rel="alternate")
        item.published(over)
        item.updated(stamps[-1])
        item.author(author)
        item.summary(review_counts(review))
        item.content(digest_html(review, settings), type="html")
    # Set explicitly: feedgen would otherwise stamp the build time and break reproducible builds.
    feed.updated(max(stamps, default=_midnight(site.today, tz)))
    return feed.atom_str(pretty=True)


def digest_html(review: Review, settings: Settings) -> str:
    """A week in a few lines of HTML: its counts, its reflection, its entries; absolute links."""
    parts = [f"<p>{html.escape(review_counts(review))}</p>"]
    if review.reflection:
        entry = review.reflection
        parts.append(
            f'<p>Reflection: <a href="{html.escape(entry_url(settings, entry))}">'
            f"{html.escape(entry.title or entry.stem)}</a></p>"
        )
    if review.entries:
        items = []
        for entry in review.entries:
            about = f" — {html.escape(summary(entry))}" if summary(entry) else ""
            items.append(
                f'<li><a href="{html.escape(entry_url(settings, entry))}">'
                f"{html.escape(entry.title or entry.stem)}</a> ({entry.date:%a %d %b}){about}</li>"
            )
        parts.append("<ul>" + "".join(items) + "</ul>")
    page = f"{settings.site_url}reviews/{review.period.key}/"
    parts.append(f'<p><a href="{html.escape(page)}">The whole review</a></p>')
    return "\n".join(parts)


def _midnight(date: dt.date, tz) -> dt.datetime:
    return dt.datetime.combine(date, dt.time(), tz)
