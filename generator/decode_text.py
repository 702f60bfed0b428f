"""Undo the escapes and markup a credential can hide behind (YAML, HTML, markdown), line for line."""

from __future__ import annotations

import html
import re

# YAML's numeric escapes in double-quoted strings: "\x67hp_…", "\u0067hp_…", "\U00000067hp_…".
NUMERIC = re.compile(r"\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))")
# HTML comments and tags inside a line: `ghp_ab<!-- -->cd` and `ghp_ab<span></span>cd` show as one
# token in a summary or a page; an allowlist pragma comment stays, so that it still counts.
MARKUP = re.compile(r"<!--(?:(?!pragma)(?!-->).)*-->|</?[A-Za-z][^<>]*>")
# Markdown's (and YAML's) backslash before punctuation: `ghp\_…` shows as `ghp_…`.
PUNCTUATION = re.compile(r"\\([!-/:-@\[-`{-~])")


def decode_escapes(text: str) -> str:
    """`text` as a reader sees it, each line where it was: escapes undone, continued lines joined."""
    if "\\" not in text and "&" not in text and "<" not in text:
        return text
    lines = text.split("\n")
    decoded: list[str] = []
    index = 0
    while index < len(lines):
        line, joined = lines[index], 0
        # A double-quoted YAML string continues after a final backslash, without a space.
        while line.endswith("\\") and index + joined + 1 < len(lines):
            joined += 1
            line = line[:-1] + lines[index + joined].lstrip(" \t")
        decoded.append(_decode_line(line))
        decoded += [""] * joined  # the joined lines stay lines, so numbers do not move
        index += joined + 1
    return "\n".join(decoded)


def _decode_line(line: str) -> str:
    line = MARKUP.sub("", line)
    line = NUMERIC.sub(_character, line)
    line = PUNCTUATION.sub(r"\1", line)
    return html.unescape(line).replace("\n", " ").replace("\r", " ")


def _character(match: re.Match) -> str:
    code = int(next(group for group in match.groups() if group), 16)
    return chr(code) if code < 0x110000 and not 0xD800 <= code < 0xE000 else ""
