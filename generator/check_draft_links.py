"""Published entries that link to a draft: the link is broken, and its URL shows the draft's name."""

from __future__ import annotations

import re
from urllib.parse import quote, unquote, urlsplit

from .errors import Collector
from .model import Entry

# Where a markdown body names a URL: inline links and images (`[x](url "title")`, `[x](<url>)`),
# reference definitions (`[x]: url`), raw HTML attributes and bare or autolinked URLs.
TARGETS = re.compile(
    r"""\]\(\s*<(?P<angled>[^>\n]*)>"""
    r"""|\]\(\s*(?P<inline>[^\s)]+)"""
    r"""|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?(?P<reference>[^\s>]+)"""
    r"""|\b(?:href|src)\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s>"']+))"""
    r"""|(?P<url>\b[a-z][a-z0-9+.-]*://[^\s<>()"'\]]+)""",
    re.IGNORECASE | re.MULTILINE,
)


def check_draft_links(entries: list[Entry], problems: Collector) -> None:
    """Warn at each line of a published entry that links to a draft's page or file.

    The page of a draft is never built, so the link is broken; and its URL, in the published page
    and in the feeds, carries the draft's file name, which may be all a learner wanted hidden.
    """
    drafts = {e.stem: e for e in entries if e.draft}
    if not drafts:
        return
    # Only a body that spells a draft's name (as it is or percent-encoded) can link to it: one
    # quick search skips the others.
    spellings = {s for stem in drafts for s in (stem, quote(stem), quote(stem).lower())}
    named = re.compile("|".join(map(re.escape, sorted(spellings))))
    for entry in entries:
        if entry.draft:
            continue  # a draft is not published: it may link to anything
        if not named.search(entry.body):
            continue
        first = entry.body_line
        found: dict[tuple[int, str], None] = {}
        for match in TARGETS.finditer(entry.body):
            target = next(value for value in match.groups() if value is not None)
            stem = draft_stem(target, drafts)
            if stem:
                found[(first + entry.body.count("\n", 0, match.start()), stem)] = None
        for line, stem in found:
            problems.warn(
                entry.path,
                line,
                f"links to {drafts[stem].path}, a draft: the link will be broken and shows the "
                "draft's name",
            )


def draft_stem(target: str, drafts: dict) -> str | None:
    """The stem of the draft that the link `target` points to, or into, if any.

    `/journal/<stem>/`, `https://<site>/journal/<stem>/`, `../<stem>/`, `<stem>.md`,
    `../2026/<stem>.md` and `../<stem>/image.png` all name the entry `<stem>`; an absolute URL
    only right under `journal/`.
    """
    target = target.strip()
    try:
        parts = urlsplit(target)
    except ValueError:  # `http://[::1`: no URL at all
        return None
    absolute = bool(parts.scheme or parts.netloc) or target.startswith("/")
    segments = unquote(parts.path).split("/")
    for index, segment in enumerate(segments):
        stem = segment.removesuffix(".md")
        if stem in drafts and (not absolute or index and segments[index - 1] == "journal"):
            return stem
    return None
