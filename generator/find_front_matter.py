"""Find an entry's `---` front matter, and front matter the reader would miss and publish as text."""

from __future__ import annotations

import re

from .check_characters import CONTROL, describe, is_invisible
from .check_draft_keys import looks_like_draft
from .read_yaml import YamlProblem, read_yaml

# `---` alone, or followed by a YAML comment (`--- # meta`): YAML reads both as a document start.
FENCE_LINE = re.compile(r"---[ \t]*(?:[ \t]#.*)?")
# How far into a file without front matter a `draft:` line is taken for front matter that was
# missed: a front matter block is a few lines long, and a stray `---` (a comment, a `%YAML`
# directive, an HTML comment) rarely comes before it.
HEAD_LINES = 30
# `key:` or `key =` (TOML) at the start of a line, the key maybe quoted or in a YAML list item.
KEY_LINE = re.compile(r"[ \t]*(?:-[ \t]+)?[\"']?([^\s:=\"'#`>|]+)[\"']?[ \t]*[:=]")
CODE_FENCE = re.compile(r"[ ]{0,3}(```|~~~)")
OTHER_BREAKS = re.compile("[\u2028\u2029\x85\x0b\x0c]")


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split `---` front matter from the body: (front or None, body, first body line; -1: unclosed)."""
    # Only `\n` ends a line here, as in YAML and markdown: str.splitlines would also split at a
    # form feed or U+2028 inside a title, and could take a `---` after one for the closing fence.
    lines = text.split("\n")
    if not FENCE_LINE.fullmatch(lines[0]):
        return None, text, 1
    for index in range(1, len(lines)):
        if FENCE_LINE.fullmatch(lines[index]) or lines[index].rstrip() == "...":
            front = "".join(f"{line}\n" for line in lines[1:index])
            return front, "\n".join(lines[index + 1 :]), index + 2
    return None, text, -1


def find_hidden_front_matter(text: str) -> tuple[int, str] | None:
    """(line, message) for a `---` front matter block the reader would take for the body, else None.

    Read as the body, its `draft: true` would be published as text. That happens when blank lines
    come first, or when an invisible character (a second BOM, a zero-width or no-break space, a bidi
    mark) shares the line of `---`. Two `---` rules around a paragraph that is no YAML mapping,
    after blank lines, are markdown, not front matter.
    """
    lines = text.split("\n")
    index = next((i for i, line in enumerate(lines) if _visible(line)), None)
    if index is None or _visible(lines[index]) != "---":
        return None
    hidden = next(
        ((i, c) for i, line in enumerate(lines[: index + 1]) for c in line if _is_hidden(c)), None
    )
    if not hidden and CONTROL.search("\n".join(lines[: index + 1])):
        return None  # the control character is the error, reported on its own
    if index == 0 and hidden:
        where = "before" if lines[0].lstrip(" \t").startswith(hidden[1]) else "after"
        return 1, (
            f"the first line has an invisible character ({describe(hidden[1])}) {where} '---': "
            "delete it so the front matter is read"
        )
    front, _, body_line = split_front_matter("\n".join(["---", *lines[index + 1 :]]))
    if front is None or body_line < 0:
        return None
    try:
        meta, _ = read_yaml(front)
    except YamlProblem:
        meta = {}  # broken YAML between `---` lines is front matter all the same
    if not isinstance(meta, dict):
        return None
    if index == 0:
        return (
            1,
            "this looks like front matter, but '---' must start the line: delete the spaces before it",
        )
    note = f" (and the invisible {describe(hidden[1])} on line {hidden[0] + 1})" if hidden else ""
    return index + 1, (
        "this looks like front matter, which must start on the first line: "
        f"delete the blank lines above '---'{note}"
    )


def _visible(line: str) -> str:
    """`line` without the invisible characters around its text."""
    start, end = 0, len(line)
    while start < end and is_invisible(line[start]):
        start += 1
    while end > start and is_invisible(line[end - 1]):
        end -= 1
    return line[start:end]


def _is_hidden(character: str) -> bool:
    """Invisible, and neither a space or tab nor a control character reported on its own."""
    return character not in " \t" and is_invisible(character) and not CONTROL.match(character)


def find_unread_draft(text: str) -> tuple[int, str] | None:
    """(line, message) for a `draft:` line near the top of a file whose front matter was not read.

    Whatever kept the front matter from being read (`----`, a comment line before `---`, a
    `%YAML` directive, Hugo's `+++`, a dash look-alike such as U+2010 or U+2212), its `draft: true`
    would be published as text. A near miss of the key counts too, and so does `draft = true`.
    """
    lines = text.split("\n")
    fence = None
    for number, line in enumerate(lines[:HEAD_LINES], start=1):
        opening = CODE_FENCE.match(line)
        if opening and (fence is None or opening.group(1) == fence):
            fence = None if fence else opening.group(1)
            continue
        if CONTROL.search(line):
            return None  # the control character is the error, reported on its own
        # A line end that markdown ignores but an editor shows (U+2028) can hide the key too.
        keys = [KEY_LINE.match(part) for part in OTHER_BREAKS.split(line)]
        key = next((k for k in keys if k and looks_like_draft(k.group(1))), None)
        if fence is None and key:
            shown = line.strip()
            shown = shown if len(shown) <= 40 else shown[:39] + "…"
            return number, (
                f"{shown!r} is in the text, but no front matter was read{_first_line(lines[0])}: "
                "front matter starts with a line '---' alone, the very first line of the file, "
                "and ends with another"
            )
    return None


def _first_line(line: str) -> str:
    """What is wrong with the first line, when it looks like a front matter fence."""
    visible = _visible(line)
    if not visible or len(visible) > 20:
        return ""
    odd = next((c for c in visible if not c.isascii()), None)
    note = f", its {odd!r} is {describe(odd)}" if odd else ""
    return f" (line 1 is {visible!r}{note})"
