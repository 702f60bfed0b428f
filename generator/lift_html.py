"""Generated HTML that skips Markdown: lifted out of a page before conversion, put back after it.

Most of a generated page is HTML already (an entry's header, plan and commits; a review's lists).
Python-Markdown parses every tag of such a block to find where it ends, and md_in_html parses it
again: at 1,100 entries that is seconds of a build. A template marks a stretch of pure HTML
(`{% filter as_html %}`); the stretch reaches MkDocs as one empty element and comes back unchanged.
"""

from __future__ import annotations

import re
import secrets

from markupsafe import Markup

# Unguessable and the same in a build's every process (its page renderer is forked): no text in a
# learner's entry, not even one about Roadlog, can pass for a mark or a placeholder.
TOKEN = secrets.token_hex(8)
START, END = f"<!-- roadlog:html:{TOKEN} -->", f"<!-- /roadlog:html:{TOKEN} -->"
PLACEHOLDER = re.compile(f'<div data-roadlog-part="{TOKEN}:([0-9]+)"></div>')


def mark_html(html: str) -> Markup:
    """The template filter `as_html`: `html` marked to skip Markdown."""
    return Markup(f"{START}{html}{END}")


class LiftedHtml:
    """The stretches lifted out of each page, keyed by page, until its HTML is ready."""

    def __init__(self) -> None:
        self.parts: dict[str, list[str]] = {}

    def placeholder(self, number: int) -> str:
        """The element that stands for stretch `number` while Markdown converts the page."""
        # An empty <div>, not a comment: extensions such as pymdownx.striphtml drop comments.
        return f'<div data-roadlog-part="{TOKEN}:{number}"></div>'

    def lift(self, page: str, markdown: str) -> str:
        """`markdown` with each marked stretch replaced by a placeholder; the stretches kept."""
        parts: list[str] = []
        pieces, position = [], 0
        while (start := markdown.find(START, position)) >= 0:
            end = markdown.find(END, start)
            if end < 0:
                break
            pieces.append(markdown[position:start])
            # A block of its own: blank lines around, so it never joins a paragraph.
            pieces.append(f"\n\n{self.placeholder(len(parts))}\n\n")
            parts.append(markdown[start + len(START) : end].strip("\n"))
            position = end + len(END)
        if not parts:
            return markdown
        pieces.append(markdown[position:])
        self.parts[page] = parts
        return "".join(pieces)

    def restore(self, page: str, html: str) -> str:
        """`html` with the page's stretches back where their placeholders are."""
        parts = self.parts.pop(page, [])
        if not parts:
            return html
        found = PLACEHOLDER.findall(html)
        if sorted(found, key=int) != [str(number) for number in range(len(parts))]:
            raise ValueError(
                f"roadlog: {page}: a Markdown extension removed where Roadlog's generated HTML "
                "goes (an empty <div data-roadlog-part>); leave empty <div> elements in place"
            )
        # One pass over the page, however many stretches it has (a listing page has dozens).
        return PLACEHOLDER.sub(lambda match: parts[int(match.group(1))], html)
