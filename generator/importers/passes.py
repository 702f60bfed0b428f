"""The passes after the tree is built: number week-relative days absolutely, keep each number
once (merging repeats), and turn numbered table rows into nodes."""

from __future__ import annotations

import re

from .fields import kind_of
from .markers import RANKS
from .tables import read_table
from .tree import Placed, TreeBuilder

FIVE_DAYS = re.compile(
    r"\b(?:5|five)[- ]days?\b(?:\s+(?:a|per|each|every)\s+week)?|\bweekdays\b|\bmon(?:day)?\s*[-–]\s*fri",
    re.I,
)


def number_days_in_weeks(placed: list[Placed], text: str) -> tuple[int, str] | None:
    """When every week numbers its days from 1 again (`## Week 2` / `### Day 1`), make the day
    numbers absolute: week 2's day 1 is day 8, or day 6 where the plan says it has 5-day weeks."""
    weeks: dict[int, list[Placed]] = {}
    for entry in placed:
        if entry.kind == "day" and entry.week is not None:
            weeks.setdefault(entry.week, []).append(entry)
    if len(weeks) < 2:
        return None
    spans = {week: [number_range(e.node["day"]) for e in days] for week, days in weeks.items()}
    highest = max(last for ranges in spans.values() for _, last in ranges)
    lowest = [min(first for first, _ in spans[week]) for week in sorted(spans)]
    if highest > 7 or all(low > 1 for low in lowest[1:]):
        return None
    size = 5 if highest <= 5 and FIVE_DAYS.search(text) else 7
    for week, days in weeks.items():
        for entry in days:
            first, last = number_range(entry.node["day"])
            shift = (week - 1) * size
            first, last = first + shift, last + shift
            entry.node["day"] = first if first == last else f"{first}-{last}"
    second = min(w for w in weeks if w > 1)
    example = weeks[second][0]
    return (
        example.line,
        f"the days restart in each week: read as {size} days a week, so Week {second}'s first day "
        f"is day {number_range(example.node['day'])[0]}",
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
        first, last = number_range(entry.node[entry.kind])
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


def add_table_rows(
    builder: TreeBuilder,
    defined: dict,
    text: str,
    assumptions: list[tuple[int, str]],
    warnings: list[tuple[int, str]],
) -> None:
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
        assumptions.append(assumed)
    inserts = []
    for block, parent, position, _, rows in tables:
        top = []
        for node, line, _, on_top in rows.nodes:
            kind = kind_of(node)
            first, last = number_range(node[kind])
            if any((kind, n) in defined for n in range(first, last + 1)):
                rows.skipped += 1  # another table (or a heading) has this number: its links
                _merge_links(defined[(kind, first)][0], node)  # go to that node
                continue
            defined.update({(kind, n): (node, line) for n in range(first, last + 1)})
            if on_top:
                top.append(node)
        for line, why in rows.left:
            warnings.append((line, f"this table row {why}: kept in the table, as a note"))
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


def number_range(value: int | str) -> tuple[int, int]:
    """`3` -> (3, 3), `"8-9"` -> (8, 9)."""
    first, _, last = str(value).partition("-")
    return int(first), int(last or first)
