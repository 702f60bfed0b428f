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
from .blocks import read_blocks
from .fields import count_items, finish_nodes, join_lines, kind_of, walk_nodes
from .markers import RANKS, read_checkbox, read_marker
from .tables import read_table
from .tree import Placed, TreeBuilder

FIVE_DAYS = re.compile(
    r"\b(?:5|five)[- ]days?\b(?:\s+(?:a|per|each|every)\s+week)?|\bweekdays\b|\bmon(?:day)?\s*[-–]\s*fri",
    re.I,
)


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
    defined = keep_numbers_once(builder.placed, result.warnings)
    add_table_rows(builder, defined, text, result)
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
                f"{len(builder.relative)} relative link(s) such as {link.url!r} stay in the text;"
                " give --link-base URL to make them resources",
            )
        )
    result.warnings.sort()
    return result


def number_days_in_weeks(placed: list[Placed], text: str) -> tuple[int, str] | None:
    """When every week numbers its days from 1 again (`## Week 2` / `### Day 1`), make the day
    numbers absolute: week 2's day 1 is day 8, or day 6 where the plan says it has 5-day weeks."""
    weeks: dict[int, list[Placed]] = {}
    for entry in placed:
        if entry.kind == "day" and entry.week is not None:
            weeks.setdefault(entry.week, []).append(entry)
    if len(weeks) < 2:
        return None
    spans = {week: [_range(e.node["day"]) for e in days] for week, days in weeks.items()}
    highest = max(last for ranges in spans.values() for _, last in ranges)
    lowest = [min(first for first, _ in spans[week]) for week in sorted(spans)]
    if highest > 7 or all(low > 1 for low in lowest[1:]):
        return None
    size = 5 if highest <= 5 and FIVE_DAYS.search(text) else 7
    for week, days in weeks.items():
        for entry in days:
            first, last = _range(entry.node["day"])
            shift = (week - 1) * size
            first, last = first + shift, last + shift
            entry.node["day"] = first if first == last else f"{first}-{last}"
    second = min(w for w in weeks if w > 1)
    example = weeks[second][0]
    return (
        example.line,
        f"the days restart in each week: read as {size} days a week, so Week {second}'s first day "
        f"is day {_range(example.node['day'])[0]}",
    )


def keep_numbers_once(
    placed: list[Placed], warnings: list[tuple[int, str]]
) -> set[tuple[str, int]]:
    """A number named twice is kept as a section the second time, so no day is planned twice."""
    defined: dict[tuple[str, int], int] = {}
    for entry in placed:
        first, last = _range(entry.node[entry.kind])
        numbers = range(first, last + 1)
        clash = next((n for n in numbers if (entry.kind, n) in defined), None)
        if clash is None:
            defined.update({(entry.kind, n): entry.line for n in numbers})
            continue
        warnings.append(
            (
                entry.line,
                f"{entry.kind} {clash} is already on line {defined[(entry.kind, clash)]}; "
                "kept as a section so no day is planned twice",
            )
        )
        label = f"{entry.kind.capitalize()} {entry.node.pop(entry.kind)}"
        entry.node["title"] = f"{label}: {entry.node['title']}"
        entry.kind = "section"
    return set(defined)


def add_table_rows(builder: TreeBuilder, defined: set, text: str, result: Result) -> None:
    """Rows of numbered tables become nodes where the table stood; rows that cannot are notes."""
    inserts = []
    for block, parent, position, week in builder.tables:
        rows = read_table(block, defined, builder.link_base)
        if not rows.numbered:
            continue
        placed = [Placed(n, kind_of(n), line, parent, w or week) for n, line, w, _ in rows.nodes]
        assumed = number_days_in_weeks(placed, text)
        if assumed:
            result.assumptions.append(assumed)
        for node, _, _, _ in rows.nodes:
            kind = kind_of(node)
            first, last = _range(node[kind])
            defined.update((kind, n) for n in range(first, last + 1))
        for line, why in rows.left:
            result.warnings.append((line, f"this table row {why}: kept in the table, as a note"))
        top = [node for node, _, _, top in rows.nodes if top]
        inserts.append((parent, position, top))
        if not rows.left and not rows.skipped and top:
            _drop_table_text(builder, parent, block)
    for parent, position, top in reversed(inserts):  # from the end, so positions stay right
        parent.setdefault("children", [])[position:position] = top


def _drop_table_text(builder: TreeBuilder, parent: dict, block) -> None:
    # Every row is now a node, so the table itself would only repeat them.
    texts = builder.description if parent is builder.root else parent.get("notes", [])
    if block.text in texts:
        texts.remove(block.text)
        if block.line in builder.note_lines:
            builder.note_lines.remove(block.line)


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
    for number, raw in enumerate(text.split("\n"), start=1):
        if number in code or number in warned or not raw.strip():
            continue
        cells = raw.strip().strip("|").split("|") if raw.lstrip().startswith("|") else [raw]
        for cell in cells:
            stripped = re.sub(r"^\s*(?:#{1,6}\s+|>\s*)*(?:(?:[-*+]|\d+[.)])\s+)?", "", cell)
            marker = read_marker(read_checkbox(stripped.strip())[1], heading=True)
            if marker is None:
                continue
            for n in range(marker.first, marker.last + 1):
                if (marker.kind, n) not in made:
                    named.setdefault(marker.kind, {}).setdefault(n, (number, raw.strip()))
    warnings = []
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
            first, last = _range(node[kind])
            yield from ((kind, n) for n in range(first, last + 1))


def _range(value: int | str) -> tuple[int, int]:
    first, _, last = str(value).partition("-")
    return int(first), int(last or first)


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
