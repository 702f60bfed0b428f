"""Rows of a plan's tables as nodes: a `Day`/`Week`/`#` column numbers the row, a title column names
it, a `Done`/`Status` column gives its state, and every other column becomes a field or a note."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .blocks import Block
from .fields import LIST_FIELDS, field_of
from .links import link_text, resources_of
from .markers import NUMBER, RANKS, clean_title, to_number

COLUMNS = {
    "day": re.compile(r"#?\s*days?\s*(?:#|no\.?|num(?:ber)?)?|#"),
    "week": re.compile(r"#?\s*(?:weeks?|wk\.?)\s*(?:#|no\.?|num(?:ber)?)?"),
    "month": re.compile(r"#?\s*months?\s*(?:#|no\.?)?"),
    "phase": re.compile(r"#?\s*(?:phases?|stages?)\s*(?:#|no\.?)?"),
    "any": re.compile(r"no\.?|n°|num(?:ber)?|s\.?\s*no\.?|sr\.?\s*no\.?|sl\.?\s*no\.?|index"),
}
DONE = re.compile(r"done|status|completed?|progress|check(?:ed)?|✓|✔️?|✅|state|finished", re.I)
# Columns that name a row, best first: a topic before a project, a project before a description.
TITLES = [
    re.compile(
        r"topics?|titles?|subjects?|lessons?|contents?|focus|themes?|modules?|what|names?|"
        r"chapters?|concepts?|areas?|activit(?:y|ies)|topics? covered|learn(?:ing)?",
        re.I,
    ),
    re.compile(r"projects?|tasks?|goals?|exercises?|assignments?", re.I),
    re.compile(r"descriptions?|details?|notes?", re.I),
]
EMPTY = {"", "n/a", "na", "-", "—", "–", "tbd", "tba", "none", "…", "..."}
CELL = re.compile(
    rf"^(?:(?:day|week|wk|w|d)\s*)?({NUMBER})\s*(?:(?:[-–—]|to)\s*(?:(?:day|week|w|d)\s*)?({NUMBER}))?"
    r"\s*[.:]?$",
    re.I,
)
YES = {
    "✅",
    "✔",
    "✔️",
    "☑",
    "☑️",
    "x",
    "yes",
    "y",
    "done",
    "completed",
    "complete",
    "true",
    "[x]",
    "✓",
}
NO = {
    "❌",
    "⬜",
    "[ ]",
    "no",
    "n",
    "todo",
    "to do",
    "pending",
    "-",
    "✗",
    "🔲",
    "false",
    "not started",
}


@dataclass
class TableResult:
    """What the rows of one table made: nodes placed under their parent, and rows left as notes."""

    # (node, line, its week number, whether it goes under the table's parent or a row-made week)
    nodes: list[tuple[dict, int, int | None, bool]] = field(default_factory=list)
    left: list[tuple[int, str]] = field(default_factory=list)  # (line, why) rows kept as notes
    skipped: int = 0  # rows whose number a heading already defines
    numbered: bool = False  # the table has a number column


def read_table(
    block: Block, defined: dict[tuple[str, int], tuple[dict, int]], link_base: str | None
) -> TableResult:
    """Nodes for the rows of `block` whose numbers are not in `defined` (heading-made nodes); a
    heading node with no title of its own (`# Day 1`) takes the row's."""
    result = TableResult()
    header = [_header(cell) for cell in block.rows[0]]
    columns = _number_columns(header)
    if not columns:
        return result
    result.numbered = True
    kinds = list(columns)
    kind, key = kinds[-1], columns[kinds[-1]]  # the most specific kind is the row's node
    outer = kinds[-2] if len(kinds) > 1 else None  # the next one groups the rows (Week > Day)
    done = next((i for i, h in enumerate(header) if DONE.fullmatch(h)), None)
    skip = {key, done, columns.get(outer)}
    groups: dict[int, dict] = {}
    group: int | None = None
    for row, line in zip(block.rows[1:], block.row_lines[1:], strict=True):
        if outer is not None:
            group = _group(row, columns[outer], group, outer, groups, defined, result, line)
        found = CELL.match(_plain(row[key]) if key < len(row) else "")
        if not found:
            if any(cell.strip() for cell in row):
                result.left.append((line, f"has no {kind} number in its {header[key]!r} column"))
            continue
        first, last = to_number(found.group(1)), to_number(found.group(2) or found.group(1))
        if last < first:
            result.left.append((line, f"has a backwards range {row[key]!r}"))
            continue
        if outer is None and any((kind, n) in defined for n in range(first, last + 1)):
            result.skipped += 1
            _name(defined[(kind, first)][0], kind, block.rows[0], row, skip)
            continue
        node: dict = {kind: first if first == last else f"{first}-{last}"}
        _fill(node, block.rows[0], row, skip, link_base)
        if done is not None and done < len(row):
            _done(node, block.rows[0][done], row[done])
        inside = group in groups
        if inside:
            groups[group].setdefault("children", []).append(node)
        week = group if outer == "week" else None
        result.nodes.append((node, line, week, not inside))
    return result


def _group(row, column, group, outer, groups, defined, result, line) -> int | None:
    """The group (`Week 2`, or `**1: Basics**` naming it) a row is in; a blank cell continues
    the one above."""
    cell = _plain(row[column]) if column < len(row) else ""
    found = re.match(rf"^(?:{outer}\s*|w\s*)?({NUMBER})\b\s*(?:[:.\-–—]\s*(.+))?$", cell, re.I)
    if not found:
        return group if not cell else None
    group = to_number(found.group(1))
    if (outer, group) not in defined and group not in groups:
        title = clean_title(found.group(2) or "") or f"{outer.capitalize()} {group}"
        groups[group] = {outer: group, "title": title}
        result.nodes.append((groups[group], line, None, True))
    return group


def is_numbered(block: Block) -> bool:
    """True when the table has a Phase/Month/Week/Day (or `#`) column: its rows become nodes."""
    return block.headless or bool(_number_columns([_header(cell) for cell in block.rows[0]]))


def _header(cell: str) -> str:
    """`**Complete?**` -> `complete`."""
    return clean_title(link_text(cell)).lower().rstrip("?:").strip()


def _number_columns(header: list[str]) -> dict[str, int]:
    """{kind: column} of the number columns. A plural header is a duration (`Weeks: 3`) when the
    table has a singular one (`Phase`), and `#`/`No.` numbers days unless another kind does."""
    columns: dict[str, int] = {}
    plural: dict[str, int] = {}
    for index, name in enumerate(header):
        for kind, pattern in COLUMNS.items():
            if pattern.fullmatch(name):
                target = plural if re.search(r"s\b", name) and kind != "any" else columns
                target.setdefault(kind, index)
                break
    if "any" in columns:
        columns.setdefault("day", columns.pop("any"))
    if not any(kind in columns for kind in RANKS):
        columns.update(plural)
    return {kind: columns[kind] for kind in RANKS if kind in columns}


def _plain(cell: str) -> str:
    return re.sub(r"\*\*|__|`|\*", "", link_text(cell)).strip()


def _fill(node: dict, header: list[str], row: list[str], skip: set, link_base: str | None) -> None:
    """The row's cells as the node's title, fields, resources and notes."""
    cells = [
        (i, header[i], cell) for i, cell in enumerate(row) if i not in skip and i < len(header)
    ]
    filled = [(i, clean_title(name), cell) for i, name, cell in cells if not _empty(cell)]
    titled = next((i for tier in TITLES for i, name, _ in filled if tier.fullmatch(name)), None)
    if titled is None:
        titled = next((i for i, name, _ in filled if not field_of(name, plain=True)), None)
    for index, name, cell in cells:
        if _empty(cell):
            continue
        found, _ = resources_of(cell, link_base)
        if found:
            known = {r["url"] for r in node.get("resources", [])}
            node.setdefault("resources", []).extend(r for r in found if r["url"] not in known)
        if index == titled:
            if clean_title(link_text(cell)):
                node["title"] = clean_title(link_text(cell))
            continue
        kind = field_of(name, plain=True)
        if kind == "resources" and found:
            continue
        if kind in LIST_FIELDS:
            node.setdefault(kind, []).extend(
                p.strip() for p in (cell.split(",") if kind in ("concepts", "topics") else [cell])
            )
        elif kind and kind not in ("resources", "checklist"):
            node.setdefault(kind, []).append(cell)
        else:
            node.setdefault("notes", []).append(f"**{clean_title(name) or 'Note'}:** {cell}")
    kind = next(k for k in RANKS if k in node)
    node.setdefault("title", f"{kind.capitalize()} {node[kind]}")
    node.update({"title": node.pop("title")})  # the title comes right after the kind


def _empty(cell: str) -> bool:
    return _plain(cell).lower() in EMPTY


def _name(node: dict, kind: str, header: list[str], row: list[str], skip: set) -> None:
    """A row for a number a heading defines: the heading's node takes the row's links, and its
    title if it has none of its own (`# Day 1`)."""
    named: dict = {kind: node.get(kind)}
    _fill(named, header, row, skip, None)
    if node.get("title") == f"{kind.capitalize()} {node.get(kind)}":
        node["title"] = named["title"]
    known = {r["url"] for r in node.get("resources", [])}
    node.setdefault("resources", []).extend(
        r for r in named.get("resources", []) if r["url"] not in known
    )


def _done(node: dict, name: str, cell: str) -> None:
    """A status cell is the node's checklist item: done for ✅/x/yes, open for 🔜/❌/todo…"""
    value = _plain(cell).lower()
    if not value:
        return
    done = value in YES or value.split()[0] in YES  # `✅ [here](day_1/)`
    node["checklist"] = [{"title": node["title"], "done": done}]
    if value not in YES and value not in NO and len(value) > 3:  # `in review`: say it too
        node.setdefault("notes", []).append(f"**{clean_title(name)}:** {cell}")
