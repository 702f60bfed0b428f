"""HTML of a roadmap page that Python-Markdown's md_in_html reads back unchanged."""

from __future__ import annotations

import re

from markdown.util import BLOCK_LEVEL_ELEMENTS
from markupsafe import Markup

# A block-level start tag (`<div`, `<li`, ...) that does not begin a line.
MID_LINE_BLOCK = re.compile(
    r"(?<=[^\n])(?=<(?:"
    + "|".join(sorted(BLOCK_LEVEL_ELEMENTS, key=len, reverse=True))
    + r")[\s/>])"
)


def separate_blocks(html: str) -> Markup:
    """The HTML with every block-level start tag on a line of its own.

    Inside a `markdown="1"` block, md_in_html takes a block-level tag that starts mid-line, after
    text (`<p>…</p><div>`), for inline text, and then its end tag for the end of the enclosing
    element of that name: the rest of the page loses its structure. Text and attribute values
    hold no raw `<` (they are escaped), so only real tags move, and a line break before a block
    changes nothing a browser shows.
    """
    return Markup(MID_LINE_BLOCK.sub("\n", str(html)))
