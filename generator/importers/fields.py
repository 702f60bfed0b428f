"""The node fields a plan's labels stand for (`Concepts:`, `**Mini-Project:**`, `### Learn`), and the
last pass that orders a node's keys as the schema lists them."""

from __future__ import annotations

import re

from ..load_roadmaps import TEXT_FIELDS
from .markers import RANKS, clean_title

FIELDS = [
    (r"questions?", "question"),
    (r"(weekly |daily )?(objective|goal)s?", "objective"),
    (r"prerequisites?|prereqs?|requires", "prerequisites"),
    (r"(key )?concepts?|learn|focus|topics to learn", "concepts"),
    (r"(mini[- ]?)?project", "project"),
    (r"practi[cs]e", "practice"),
    (r"tasks?|build|to ?do|steps|task list", "tasks"),
    (r"(\d+[- ]minute |time )?breakdown|schedule|time plan", "breakdown"),
    (r"(daily |weekly )?exercises?|homework", "exercise"),
    (r"where to learn|resources?|links?|reading|references|learn from|materials?", "resources"),
    (r"deliverables?|outputs?", "deliverables"),
    (r"why( it matters)?", "why"),
    (r"if behind|catch[- ]up", "if_behind"),
    (r"topics|tags", "topics"),
    (r".*checklist.*", "checklist"),
]
LIST_FIELDS = {"concepts", "tasks", "breakdown", "deliverables", "topics"}
ORDER = [
    "title",
    "question",
    "objective",
    "prerequisites",
    "concepts",
    "project",
    "practice",
    "tasks",
    "breakdown",
    "exercise",
    "resources",
    "deliverables",
    "why",
    "if_behind",
    "notes",
    "topics",
    "checklist",
    "children",
]


def field_of(key: str, plain: bool = False) -> str | None:
    """The node field a `Key:` stands for, or None; a plain (not bold) key must name the field exactly."""
    clean = re.sub(r"\s*\(.*?\)\s*", " ", clean_title(key)).strip().lower()
    for pattern, name in FIELDS:
        if (not plain or not pattern.startswith(".*")) and re.fullmatch(pattern, clean):
            return name
    return None


def finish_nodes(nodes: list[dict]) -> None:
    """Join collected text lines, order keys as the schema lists them, drop empty fields."""
    for position, node in enumerate(nodes):
        for name in TEXT_FIELDS:
            if isinstance(node.get(name), list):
                node[name] = join_lines(node[name])
                if not node[name]:
                    del node[name]
        for name in [*LIST_FIELDS, "resources", "checklist", "children"]:
            if name in node and not node[name]:
                del node[name]
        finish_nodes(node.get("children", []))
        kind = [k for k in RANKS if k in node]
        nodes[position] = {**{k: node[k] for k in kind}, **{k: node[k] for k in ORDER if k in node}}


def join_lines(lines: list[str]) -> str:
    """Lines as one text; trailing spaces are dropped (YAML blocks cannot keep them readably)."""
    return "\n".join(line.rstrip() for line in "\n".join(lines).split("\n")).strip()


def count_items(data: dict) -> dict[str, int]:
    """How many phases, months, weeks, days, sections, checklist items and links the data holds."""
    counts = dict.fromkeys(["phases", "months", "weeks", "days", "sections", "items", "links"], 0)

    def items(entries):
        for entry in entries:
            counts["items"] += 1
            items(entry.get("items", []))

    for node in walk_nodes(data["children"]):
        kind = kind_of(node)
        if kind == "day" and isinstance(node["day"], str):
            first, last = map(int, node["day"].split("-"))
            counts["days"] += last - first + 1
        else:
            counts[f"{kind}s"] += 1
        counts["links"] += len(node.get("resources", []))
        items(node.get("checklist", []))
    return counts


def walk_nodes(nodes: list[dict]):
    """Every node of the tree, depth first, in document order."""
    for node in nodes:
        yield node
        yield from walk_nodes(node.get("children", []))


def kind_of(node: dict) -> str:
    """phase, month, week, day or section."""
    return next((k for k in RANKS if k in node), "section")
