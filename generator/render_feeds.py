"""Render the newest entries as an Atom 1.0 feed with full HTML content and absolute URLs."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import lxml.html
from feedgen.feed import FeedGenerator

from .model import Entry, Site
from .render_pages import summary
from .settings import Settings


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


def render_atom(site: Site, settings: Settings, contents: dict[str, str]) -> bytes:
    """The Atom feed of the newest `feed_limit` entries; `contents` maps stem -> page HTML."""
    tz = settings.tz
    entries = site.newest_first()[: settings.feed_limit]
    feed = FeedGenerator()
    feed.id(settings.site_url)
    feed.title(settings.site_name)
    feed.link(href=settings.site_url, rel="alternate")
    feed.link(href=f"{settings.site_url}feed.xml", rel="self")
    feed.author({"name": settings.author or settings.site_name})
    feed.language("en")
    newest = entries[0].date if entries else site.today
    feed.updated(_midnight(newest, tz))
    for entry in entries:
        item = feed.add_entry(order="append")
        url = entry_url(settings, entry)
        item.id(entry_id(settings, entry))
        item.title(entry.title or entry.stem)
        item.link(href=url, rel="alternate")
        item.published(_midnight(entry.date, tz))
        item.updated(_midnight(entry.date, tz))
        item.author({"name": settings.author or settings.site_name})
        if summary(entry):
            item.summary(summary(entry))
        item.content(absolute_html(contents.get(entry.stem, ""), url), type="html")
        for tag in entry.tags:
            item.category(term=tag, label=tag)
    return feed.atom_str(pretty=True)


def _midnight(date: dt.date, tz) -> dt.datetime:
    return dt.datetime.combine(date, dt.time(), tz)
