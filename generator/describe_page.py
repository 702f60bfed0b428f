"""What a learner's own page says of itself in <head>: its title and description, as text.

Material prints a page's `title` and `description` (and the site's description) into the HTML as
they are: front matter such as `title: Q&A <draft>` would be read as markup. Roadlog's generated
pages escape theirs in their templates; a learner's page gets the same here.
"""

from __future__ import annotations

from html import escape

from .render_pages import clip_text, first_paragraph_text


def describe_page(meta: dict, html: str, site_description: str | None) -> None:
    """Escape the page's title and description in `meta`; without a description, give it one.

    The description is, in this order: the page's own, its first paragraph (as search engines and
    link previews show a page by it), the site's (`site_description`, escaped already).
    """
    if isinstance(meta.get("title"), str):
        meta["title"] = escape(meta["title"])
    own = meta.get("description")
    text = own if isinstance(own, str) and own.strip() else clip_text(first_paragraph_text(html))
    if text.strip():
        meta["description"] = escape(" ".join(text.split()))
    elif site_description:
        meta["description"] = site_description
