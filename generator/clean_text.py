"""Make a line from git safe to show: no control or bidi characters, and a bounded length."""

from __future__ import annotations

import re

from .check_characters import BIDI_CONTROL, CONTROL

# What no title may hold (controls, surrogates, noncharacters), bidi controls (U+202E turns the rest
# of a line around: "Trojan source"), and the marks that would reorder a line of git text.
INVISIBLE = re.compile(f"{CONTROL.pattern}|{BIDI_CONTROL.pattern}|[\u061c\u200e\u200f]")
LINE_BREAKS = re.compile("[\t\n\r\x0b\x0c\x85\u2028\u2029]+")
# A subject of 200 KB (a pasted log) must not make a page, or a terminal, unreadable.
MAX_LINE = 200


def clean_line(text: str, limit: int = MAX_LINE) -> str:
    """`text` on one line, without control or bidi characters, cut to `limit` characters with '…'."""
    if len(text) <= limit and text.isprintable() and text == text.strip() and "  " not in text:
        return text  # almost every subject and name: no regular expression to run
    return _shorten(" ".join(INVISIBLE.sub("", LINE_BREAKS.sub(" ", text)).split()), limit)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
