"""Convert a markdown roadmap, in any of the common styles, into roadmap data for the YAML schema.

The steps: repair mojibake, read the markdown into blocks, build the tree (markers open nodes), number
week-relative days absolutely, keep each number once, turn numbered table rows into nodes, and check
that every number the text names became a node.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown.extensions.toc import slugify_unicode

from ..repair_text import repair_mojibake
from ..words import plural
from .blocks import read_blocks
from .fields import count_items, finish_nodes, join_lines, kind_of, walk_nodes
from .markers import RANKS, read_checkbox, read_marker
from .passes import add_table_rows, keep_numbers_once, number_days_in_weeks, number_range
from .tree import TreeBuilder

ZERO = re.compile(r"^(?:#{1,6}\s*)?(?:\*\*)?(?:day|week)[\s_-]*0+\b", re.I)


@dataclass
class Result:
    """An imported roadmap: its data, warnings (line, message), what was assumed, and counts."""

    data: dict
    warnings: list[tuple[int, str]] = field(default_factory=list)
    assumptions: list[tuple[int, str]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    note_lines: list[int] = field(default_factory=list)
    repairs: list = field(default_factory=list)


def import_roadmap(
    text: str,
    roadmap_id: str | None = None,
    title: str | None = None,
    start: str | None = None,
    name: str = "roadmap",
    link_base: str | None = None,
) -> Result:
    """Parse markdown `text` into roadmap data (id, title, start, children) with warnings and counts."""
    text, repairs = repair_mojibake(text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    blocks = read_blocks(text)
    builder = TreeBuilder(take_title=title is None, link_base=link_base)
    builder.feed(blocks)
    title = title or builder.title or name.replace("-", " ").replace("_", " ").strip().capitalize()
    # An id is a file name and a URL part: lowercase ASCII letters, digits, '-' and '_' only.
    slug = re.sub(r"[^a-z0-9_-]", "", slugify_unicode(title, "-").lower()).lstrip("_-")
    data = {"id": roadmap_id or slug or "roadmap", "title": title}
    result = Result(data=data, warnings=builder.warnings, repairs=repairs)
    assumed = number_days_in_weeks(builder.placed, text)
    if assumed:
        result.assumptions.append(assumed)
    boxes = [entry for entry in builder.placed if entry.box]
    defined = keep_numbers_once([e for e in builder.placed if not e.box], result.warnings)
    add_table_rows(builder, defined, text, result.assumptions, result.warnings)
    keep_numbers_once(boxes, result.warnings, defined)
    if builder.description:
        data["description"] = join_lines(builder.description)
    if start:
        data["start"] = start
    loose = {k: v for k, v in builder.root.items() if k not in ("title", "children") and v}
    if loose:  # checklist items or links before any heading: keep them in a first section
        builder.root["children"].insert(0, {"title": "General", **loose})
    data["children"] = builder.root["children"]
    finish_nodes(data["children"])
    result.counts = count_items(data)
    result.note_lines = sorted(set(builder.note_lines))
    result.warnings.extend(_repair_warnings(repairs))
    warned = {line for line, _ in result.warnings}
    result.warnings.extend(check_named_numbers(text, blocks, data, warned))
    if builder.relative:
        line, link = builder.relative[0]
        result.warnings.append(
            (
                line,
                f"{plural(len(builder.relative), 'relative link')} such as {link.url!r} "
                f"{'stays' if len(builder.relative) == 1 else 'stay'} in the text; give "
                "--link-base URL to make them resources",
            )
        )
    result.warnings.sort()
    return result


def check_named_numbers(text: str, blocks, data: dict, warned: set[int]) -> list[tuple[int, str]]:
    """Warn when a line opens or ends with `Day N`/`Week N` and no such node was made (lines that
    have a warning of their own already say why)."""
    made = {(kind, n) for kind, n in _numbers(data)}
    code = {
        line
        for b in blocks
        if b.kind == "code"
        for line in range(b.line, b.line + b.text.count("\n") + 1)
    }
    named: dict[str, dict[int, tuple[int, str]]] = {}
    zero: dict[int, str] = {}
    for number, raw in enumerate(text.split("\n"), start=1):
        if number in code or number in warned or not raw.strip():
            continue
        cells = raw.strip().strip("|").split("|") if raw.lstrip().startswith("|") else [raw]
        for cell in cells:
            stripped = re.sub(r"^\s*(?:#{1,6}\s+|>\s*)*(?:(?:[-*+]|\d+[.)])\s+)?", "", cell)
            plain = read_checkbox(stripped.strip())[1]
            if ZERO.match(plain) and number not in zero:
                zero[number] = plain
            marker = read_marker(plain, heading=True)
            if marker is None:
                continue
            for n in range(marker.first, marker.last + 1):
                if (marker.kind, n) not in made:
                    named.setdefault(marker.kind, {}).setdefault(n, (number, raw.strip()))
    warnings = [
        (line, f"`{example[:40]}` is not a node: numbers start at 1 (day 1 is the start date)")
        for line, example in zero.items()
    ]
    for kind in sorted(named, key=RANKS.get):
        missing = named[kind]
        line, example = missing[min(missing)]
        numbers = sorted(missing)
        what = (
            f"{kind.capitalize()} {numbers[0]}"
            if len(numbers) == 1
            else f"{kind.capitalize()} {numbers[0]} to {kind.capitalize()} {numbers[-1]}"
        )
        none = not any(k == kind for k, _ in made)
        tail = (
            f"no {kind} nodes were made"
            if none
            else f"it did not become a {kind} node"
            if len(numbers) == 1
            else f"{len(numbers)} of them did not become {kind} nodes"
        )
        warnings.append(
            (line, f"the text names {what} but {tail}: see line {line}, `{example[:60]}`")
        )
    return warnings


def _numbers(data: dict):
    for node in walk_nodes(data["children"]):
        kind = kind_of(node)
        if kind != "section":
            first, last = number_range(node[kind])
            yield from ((kind, n) for n in range(first, last + 1))


def _repair_warnings(repairs) -> list[tuple[int, str]]:
    warnings = []
    for repair in repairs:
        if repair.guessed:
            note = (
                f"dropped the unreadable {repair.before!r}"
                if not repair.after.strip()
                else f"repaired {repair.before!r} as {repair.after!r} (bytes were lost: a best guess)"
            )
            warnings.append((repair.line, note))
    return warnings
