"""Find an entry's `---` front matter, and front matter the reader would miss and publish as text."""

from __future__ import annotations

from .check_characters import CONTROL, describe, is_invisible
from .read_yaml import YamlProblem, read_yaml


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split `---` front matter from the body: (front or None, body, first body line; -1: unclosed)."""
    # Only `\n` ends a line here, as in YAML and markdown: str.splitlines would also split at a
    # form feed or U+2028 inside a title, and could take a `---` after one for the closing fence.
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return None, text, 1
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
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
