"""Entries whose body is still the template `roadlog new` wrote: the learner has not written yet.

`roadlog new` signs the template it writes with a marker line, an HTML comment that carries a
fingerprint of the template's visible text. An entry is untouched when its visible text (HTML
comments, blank lines and the spaces around lines left out) still has that fingerprint, or when
every line of it is a line `roadlog new` writes: a template heading or a line of the day's plan.
The second test also catches templates without a marker (written by an older `roadlog new`, or
whose marker was deleted), and templates from which parts were deleted but nothing was added.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

# The marker: only its fingerprint counts, so a learner may edit its words.
MARKER = re.compile(r"<!--[ \t]*roadlog new ([0-9a-f]{12})\b[^\n]*?-->")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
MARKER_WORDS = "this stays unpublished until you write in it"


def sign_template(body: str) -> str:
    """`body` with the marker line first, carrying the fingerprint of its visible text."""
    return f"<!-- roadlog new {fingerprint(body)}: {MARKER_WORDS} -->\n{body}"


def fingerprint(body: str) -> str:
    """A short hash of the visible text of `body`: what a reader of the page would see."""
    return hashlib.sha256("\n".join(visible_lines(body)).encode("utf-8")).hexdigest()[:12]


def visible_lines(body: str) -> list[str]:
    """The lines of `body` without HTML comments, each stripped, blank ones left out."""
    return [line.strip() for line in COMMENT.sub("", body).split("\n") if line.strip()]


def is_untouched(body: str, template_lines: Iterable[str]) -> bool:
    """True when `body` has no text of its own: only what `roadlog new` wrote (`template_lines`)."""
    marks = set(MARKER.findall(body))
    if fingerprint(body) in marks:
        return True
    lines = visible_lines(body)
    if not lines and not marks:
        return False  # front matter alone: not a template, published as it always was
    written = {line.strip() for line in template_lines}
    return all(line in written for line in lines)


def hide_marker(body: str) -> str:
    """`body` without the marker comments (their lines stay, empty, so line numbers hold)."""
    return MARKER.sub("", body)
