"""Review pages' text: a period's counts in one line, and a reflection's body moved onto its page."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from functools import cache
from urllib.parse import urlsplit, urlunsplit

from .model import STATES, Entry, Review, Unit
from .words import count_of, plural

FENCE = re.compile(r"[ ]{0,3}(```|~~~)")
# A code span (kept as it is), an inline link or image's destination, a reference definition's.
LINK = re.compile(
    r"(?P<code>`+)[^\n]*?(?P=code)"
    r"|(?P<open>!?\[[^\[\]\n]*\]\([ \t]*)(?P<url><[^<>\n]*>|[^\s()<>]+)"
    r"|(?P<define>^[ ]{0,3}\[[^\[\]\n]+\]:[ \t]*)(?P<target><[^<>\n]*>|\S+)",
    re.MULTILINE,
)
HEADING = re.compile(r"^([ ]{0,3})(#{1,5})(?=[ \t]|$)", re.MULTILINE)


def review_counts(review: Review) -> str:
    """`5 of 7 planned done · 1 missed · 4 entries · 6.5 hours · 3 commits · a 2-day streak`."""
    progress = review.progress
    parts = [f"{progress.done} of {progress.total} planned done"] if progress.total else []
    for state, word in (("partial", "partial"), ("skipped", "skipped"), ("missed", "missed")):
        if getattr(progress, state):
            parts.append(f"{getattr(progress, state)} {word}")
    if progress.planned:
        parts.append(f"{progress.planned} to do")
    parts.append(count_of(len(review.entries), "entry", "entries"))
    if review.hours:
        parts.append(plural(review.hours, "hour"))
    parts.append(plural(review.commit_count, "commit"))
    parts.append(f"a {review.streak}-day streak" if review.streak else "no streak")
    return " · ".join(parts)


def short_day(date: dt.date) -> str:
    """`Mon 02 Mar`: a day within a review's week or month."""
    return date.strftime("%a %d %b")


def by_state(units: list[Unit]) -> list[tuple[str, list[Unit]]]:
    """Units grouped by state, done first: how a month page shows its days."""
    groups: dict[str, list[Unit]] = {state: [] for state in STATES}
    for unit in units:
        groups[unit.state].append(unit)
    return [(state, found) for state, found in groups.items() if found]


def reflection_markdown(entry: Entry) -> str:
    """The reflection's body for its review page: links that still lead where they led on the
    entry's page, headings one level down (the review page has its own title)."""
    return _move_body(entry.stem, entry.body)


@cache
def _move_body(stem: str, body: str) -> str:
    segments: list[tuple[bool, list[str]]] = [(True, [])]  # (prose?, lines); fenced code is not
    fence = None
    for line in body.split("\n"):
        opening = FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
            segments.append((False, [line]))
        elif fence is not None and opening and opening.group(1) == fence:
            fence = None
            segments[-1][1].append(line)
            segments.append((True, []))
        else:
            segments[-1][1].append(line)
    if fence is not None:  # closed here, or the fence would swallow the rest of the review page
        segments[-1][1].append(fence)
    return "\n".join(
        _move_text("\n".join(lines), stem) if prose else "\n".join(lines)
        for prose, lines in segments
        if lines
    )


def _move_text(text: str, stem: str) -> str:
    def link(match: re.Match) -> str:
        if match["code"]:
            return match[0]
        head, url = (
            (match["open"], match["url"]) if match["open"] else (match["define"], match["target"])
        )
        return head + rebase_url(url, stem)

    return HEADING.sub(r"\1#\2", LINK.sub(link, text))


def rebase_url(url: str, stem: str) -> str:
    """A relative link of the entry `stem`'s body, as written on a review page (same depth).

    MkDocs resolves a link to a file (`notes.md`, `../img/a.png`) from the page's source,
    journal/<stem>.md; the browser resolves any other (`../2026-03-02-bits/`) from its URL.
    """
    bracketed = url.startswith("<") and url.endswith(">")
    inner = url[1:-1] if bracketed else url
    parts = urlsplit(inner)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return url
    if posixpath.splitext(parts.path)[1] and not parts.path.endswith("/"):
        path = "../" + posixpath.normpath(f"journal/{parts.path}")
    else:
        slash = "/" if parts.path.endswith("/") else ""
        path = "../../" + posixpath.normpath(f"journal/{stem}/{parts.path}") + slash
    moved = urlunsplit(("", "", path, parts.query, parts.fragment))
    return f"<{moved}>" if bracketed else moved
