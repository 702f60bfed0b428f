"""Find the links of a piece of markdown: http(s) links become resources; anchors, badges and images
never do; relative links (`days/05.md`) do only against a `--link-base` URL."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

from .blocks import parser

BARE_URL = re.compile(r"https?://[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"*_`]")
HTML_LINK = re.compile(r"<a\s[^>]*?href\s*=\s*[\"']([^\"']+)[\"']", re.I)
WEB = re.compile(r"^https?://", re.I)
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
LINK_LINE = re.compile(
    r"^(?:🔗\s*)?(\[[^\]]+\]\([^)\s]+\)|<https?://[^>\s]+>|https?://\S+)\s*(?:(?:[—–:]|\s-)\s*(.*))?$"
)
LINK_SYNTAX = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|<https?://[^>\s]+>|https?://\S+")


@dataclass(frozen=True)
class Link:
    """A link found in text: its text, its URL, and its kind (web | relative | anchor | badge)."""

    title: str
    url: str
    kind: str


def find_links(text: str) -> list[Link]:
    """Every link of `text` in order, markdown, autolink or bare URL."""
    links: list[Link] = []
    tokens = parser().parseInline(text)[0].children or []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "link_open":
            close = next(
                (j for j in range(index, len(tokens)) if tokens[j].type == "link_close"),
                len(tokens),
            )
            inner = tokens[index + 1 : close]
            href = str(token.attrs.get("href", ""))
            title = "".join(t.content for t in inner if t.type in ("text", "code_inline")).strip()
            links.append(Link(title or href, href, _kind(href, inner)))
            index = close
        elif token.type == "html_inline" and (anchor := HTML_LINK.match(token.content)):
            close = next(
                (j for j in range(index, len(tokens)) if tokens[j].content.lower() == "</a>"),
                len(tokens),
            )
            title = "".join(t.content for t in tokens[index + 1 : close] if t.type == "text")
            href = anchor.group(1)
            links.append(Link(title.strip() or href, href, _kind(href, tokens[index + 1 : close])))
            index = close
        elif token.type == "text":
            links.extend(Link(url, url, "web") for url in BARE_URL.findall(token.content))
        index += 1
    return links


def _kind(href: str, inner) -> str:
    if any(t.type == "image" for t in inner):
        return "badge"
    if href.startswith("#") or not href:
        return "anchor"
    if WEB.match(href):
        return "web"
    if SCHEME.match(href) or href.startswith("//"):
        return "other"
    return "relative"


def resources_of(text: str, link_base: str | None = None) -> tuple[list[dict], list[Link]]:
    """(resources for the web links of `text`, relative links left because no base was given)."""
    resources, relative = [], []
    for link in find_links(text):
        url = link.url
        if link.kind == "relative":
            if not link_base:
                relative.append(link)
                continue
            url = urljoin(link_base, url)
        elif link.kind != "web":
            continue
        resources.append({"title": link.title, "url": url})
    return resources, relative


def is_only_links(text: str) -> bool:
    """True when `text` is nothing but links (and separators), e.g. `[Docs](https://…) · [Video](…)`."""
    if not find_links(text):
        return False
    return not re.sub(r"[\s,;·•|/&()—–:-]|\band\b|🔗", "", LINK_SYNTAX.sub("", text))


def split_link_line(text: str) -> tuple[str, str] | None:
    """(the link, the note after it) for `[Docs](https://…) — the basics`, else None."""
    found = LINK_LINE.match(text)
    if not found or not find_links(found.group(1)):
        return None
    return found.group(1), (found.group(2) or "").strip()


def is_navigation(text: str) -> bool:
    """True for a table-of-contents line: nothing but links to in-page anchors."""
    links = find_links(text)
    return bool(links) and all(link.kind == "anchor" for link in links) and is_only_links(text)


def title_text(text: str) -> str:
    """A title without `([guide](https://…))` asides (their links are resources) or link syntax."""
    return link_text(re.sub(r"\s*\(\s*!?\[[^\]]*\]\([^)]*\)\s*\)", "", text))


def link_text(text: str) -> str:
    """`text` with each markdown link replaced by its text and badge images removed."""

    def replace(match: re.Match) -> str:
        return "" if match.group(0).startswith("!") else match.group(1)

    previous = None
    while previous != text:  # `[![badge](b.svg)](url)`: the image goes first, then its link
        previous, text = text, re.sub(r"!?\[([^\]]*)\]\([^)]*\)", replace, text)
    return re.sub(r"\s{2,}", " ", text).strip()
