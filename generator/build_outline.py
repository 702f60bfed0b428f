"""The outline of a roadmap page: a heading per phase, month, week and section, with its id and
its progress, and whether what is below it folds away (a `<details>`) and starts open."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Node, Progress, RoadmapView, Unit

FOLDED = ("month", "week")  # with any node that holds days itself
DEEPEST = 6  # <h6>


@dataclass
class Heading:
    """One phase, month, week or section as its roadmap page shows it."""

    node: Node
    id: str  # unique on the page; the node's anchor (`week-3`) unless another node has it
    level: int  # 2 for the top nodes of the tree, one more per level, at most 6
    text: str  # `Week 3: Caching`, or a section's title
    progress: str = ""  # `1 of 4 weeks done · 4 of 4 items done`; '' with nothing to count
    bar: Progress | None = None  # what the progress bar shows: the units, else the items
    contents: str = ""  # what its fold holds below it: `30 days`, `4 weeks`, `2 sections, 14 days`
    fold: bool = False  # what is below the heading is a <details> a reader opens
    current: bool = False  # holds a current unit (today's, else the next planned one)
    here: bool = False  # current, and none of its children is: where the reader is
    children: list[Heading] = field(default_factory=list)  # the headings one level down

    @property
    def open(self) -> bool:
        """A fold starts open when it holds the current unit."""
        return self.fold and self.current


@dataclass
class Outline:
    """The headings of a roadmap page, as a tree: its jump list and its table of contents."""

    headings: list[Heading]
    by_node: dict[int, Heading]  # id(node) -> its heading

    def walk(self):
        """Every heading, depth first (page order)."""
        stack = list(reversed(self.headings))
        while stack:
            heading = stack.pop()
            yield heading
            stack.extend(reversed(heading.children))


def outline_roadmap(view: RoadmapView) -> Outline:
    """The headings of a roadmap's page, in page order; day nodes are list items, not headings."""
    current = {id(unit) for unit in current_units(view)}
    used = {node.anchor for node in view.roadmap.walk() if node.kind == "day"}
    by_node: dict[int, Heading] = {}

    def visit(nodes: list[Node], level: int, parent: str, listed: list[Heading]) -> None:
        for node in nodes:
            if node.kind == "day":
                # A day is a list item; the sections of its plan are headings one level down,
                # listed with the day's siblings.
                visit(node.children, level + 1, parent, listed)
                continue
            heading = _heading(view, node, level, _unique(node.anchor, parent, used), current)
            by_node[id(node)] = heading
            listed.append(heading)
            visit(node.children, level + 1, heading.id, heading.children)
            heading.here = heading.current and not any(c.current for c in heading.children)

    top: list[Heading] = []
    visit(view.roadmap.children, 2, "", top)
    return Outline(top, by_node)


def current_units(view: RoadmapView) -> list[Unit]:
    """Today's units, else the first unit still planned (the next to do); none when all are past."""
    if view.today_units:
        return view.today_units
    return next(([unit] for unit in view.units if unit.state == "planned"), [])


def describe_progress(progress: Progress, kinds: set[str], items: Progress) -> str:
    """`3 of 30 days done`, `4 of 4 items done`, both joined by ` · `, or ''."""
    parts = []
    if progress.total:
        # Days and weeks mixed (a month with weeks with and without days): no noun.
        noun = f" {min(kinds)}{'' if progress.total == 1 else 's'}" if len(kinds) == 1 else ""
        parts.append(f"{progress.done} of {progress.total}{noun} done")
    if items.total:
        parts.append(f"{items.done} of {items.total} item{'' if items.total == 1 else 's'} done")
    return " · ".join(parts)


def describe_contents(nodes: list[Node]) -> str:
    """`30 days`, `4 weeks` or `1 section, 14 days`: the nodes one level down, a range counting
    each of its days (or weeks)."""
    counts: dict[str, int] = {}
    for node in nodes:
        size = node.last - node.number + 1 if node.number is not None else 1
        counts[node.kind] = counts.get(node.kind, 0) + size
    return ", ".join(f"{n} {kind}{'' if n == 1 else 's'}" for kind, n in counts.items())


def _heading(view: RoadmapView, node: Node, level: int, anchor: str, current: set[int]) -> Heading:
    units = view.node_units.get(id(node), [])
    progress = view.node_progress.get(id(node)) or Progress()
    ticked = list(node.checklist_items())
    items = Progress(total=len(ticked), done=sum(item.done for item in ticked))
    return Heading(
        node=node,
        id=anchor,
        level=min(level, DEEPEST),
        text=f"{node.label}: {node.title}" if node.label else node.title,
        progress=describe_progress(progress, {unit.kind for unit in units}, items),
        bar=progress if progress.total else items if items.total else None,
        contents=describe_contents(node.children),
        fold=node.kind in FOLDED or any(child.kind == "day" for child in node.children),
        current=any(id(unit) in current for unit in units),
    )


def _unique(anchor: str, parent: str, used: set[str]) -> str:
    """The node's anchor; when another node took it (two `week: 1`), one prefixed by its parent's."""
    candidate = anchor if anchor not in used or not parent else f"{parent}-{anchor}"
    base, number = candidate, 2
    while candidate in used:
        candidate, number = f"{base}-{number}", number + 1
    used.add(candidate)
    return candidate
