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
from .tables import read_table
from .tree import Placed, TreeBuilder

ZERO = re.compile(r"^(?:#{1,6}\s*)?(?:\*\*)?(?:day|week)[\s_-]*0+\b", re.I)
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
    boxes = [entry for entry in builder.placed if entry.box]
    defined = keep_numbers_once([e for e in builder.placed if not e.box], result.warnings)
    add_table_rows(builder, defined, text, result)
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
    placed: list[Placed], warnings: list[tuple[int, str]], defined: dict | None = None
) -> dict[tuple[str, int], tuple[dict, int]]:
    """Each number names one node; {(kind, number): (node, line)} of the numbers kept.

    A second node with the same title (a `<summary>` repeated as a heading, a tracker repeating a
    phase) is merged into the first; a checklist line for a number defined elsewhere (`- [x] Week 1:
    done`) is a checklist item there; any other repeat is kept as a section, with a warning."""
    defined = {} if defined is None else defined
    for entry in placed:
        if entry.kind not in RANKS:  # a range heading that became a group of its days
            continue
        first, last = _range(entry.node[entry.kind])
        numbers = range(first, last + 1)
        clash = next((n for n in numbers if (entry.kind, n) in defined), None)
        if clash is None:
            defined.update({(entry.kind, n): (entry.node, entry.line) for n in numbers})
            continue
        node, line = defined[(entry.kind, clash)]
        label = f"{entry.kind.capitalize()} {entry.node[entry.kind]}"
        if entry.box:
            _as_item(entry, label)
        elif node.get(entry.kind) == entry.node[entry.kind] and (
            _same(node["title"], entry.node["title"]) or entry.node["title"] == label
        ):
            _merge(node, entry)
        else:
            warnings.append(
                (
                    entry.line,
                    f"{entry.kind} {clash} is already on line {line}; kept as a section inside "
                    "it, so no day is planned twice",
                )
            )
            _detach(entry)
            entry.node.pop(entry.kind)
            entry.node["title"] = f"{label}: {entry.node['title']}"
            node.setdefault("children", []).append(entry.node)
        entry.kind = "section"
    return defined


def _same(one: str, other: str) -> bool:
    return (
        re.sub(r"\W+", " ", one).strip().casefold() == re.sub(r"\W+", " ", other).strip().casefold()
    )


def _detach(entry: Placed) -> None:
    children = _resolve(entry.parent).get("children", [])
    children[:] = [child for child in children if child is not entry.node]


def _resolve(node: dict) -> dict:
    """The node itself, or the node it was merged into."""
    while "_into" in node:
        node = node["_into"]
    return node


def _merge(into: dict, entry: Placed) -> None:
    """Move what a repeated node holds into the first one."""
    _detach(entry)
    known = {r["url"] for r in into.get("resources", [])}
    for key, value in entry.node.items():
        if key in RANKS or key == "title":
            continue
        if key == "resources":
            value = [r for r in value if r["url"] not in known]
        into.setdefault(key, []).extend(value)
    entry.node["_into"] = into  # what was placed under the repeat later goes to the first


def _merge_links(into: dict, node: dict) -> None:
    known = {r["url"] for r in into.get("resources", [])}
    into.setdefault("resources", []).extend(
        r for r in node.get("resources", []) if r["url"] not in known
    )


def _as_item(entry: Placed, label: str) -> None:
    """`- [x] Week 1: Node.js runtime done` in a tracker: a checklist item of where it stands."""
    _detach(entry)
    node, parent = entry.node, _resolve(entry.parent)
    item = node.pop("checklist")[0]
    item["title"] = f"{label}: {item['title']}"
    parent.setdefault("checklist", []).append(item)
    for key, value in node.items():
        if key not in RANKS and key != "title":
            parent.setdefault(key, []).extend(value)


def add_table_rows(builder: TreeBuilder, defined: dict, text: str, result: Result) -> None:
    """Rows of numbered tables become nodes where the table stood; rows that cannot are notes.
    Days that restart in each week's table are numbered absolutely first, across the tables."""
    tables, header = [], []
    for block, parent, position, week in builder.tables:
        if block.headless:  # `| 8 | Selecting elements |` rows with no header: the last one's
            if len(header) != len(block.rows[0]):
                continue
            block.rows.insert(0, header)
            block.row_lines.insert(0, block.line)
        header = block.rows[0]
        rows = read_table(block, defined, builder.link_base)
        if rows.numbered:
            tables.append((block, parent, position, week, rows))
    placed = [
        Placed(node, kind_of(node), line, parent, row_week or week)
        for _, parent, _, week, rows in tables
        for node, line, row_week, _ in rows.nodes
    ]
    assumed = number_days_in_weeks(placed, text)
    if assumed:
        result.assumptions.append(assumed)
    inserts = []
    for block, parent, position, _, rows in tables:
        top = []
        for node, line, _, on_top in rows.nodes:
            kind = kind_of(node)
            first, last = _range(node[kind])
            if any((kind, n) in defined for n in range(first, last + 1)):
                rows.skipped += 1  # another table (or a heading) has this number: its links
                _merge_links(defined[(kind, first)][0], node)  # go to that node
                continue
            defined.update({(kind, n): (node, line) for n in range(first, last + 1)})
            if on_top:
                top.append(node)
        for line, why in rows.left:
            result.warnings.append((line, f"this table row {why}: kept in the table, as a note"))
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
