"""Where a plan's content goes in the open node: fields (`Concepts:`, `**Practice**:`), tasks,
checklist items, resources and notes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .blocks import Block
from .fields import LIST_FIELDS, field_of
from .links import Link, link_text, resources_of
from .markers import RANKS, clean_title, read_marker


@dataclass
class Frame:
    """An open node while building: where new content goes."""

    node: dict
    kind: str  # phase | month | week | day | section | root
    level: int
    item: int = 0  # the list depth of the item that opened it (0: a heading or a line)


@dataclass
class Field:
    """An open field: the node it fills, its name, whether it takes following blocks, and the list
    depth of the label that opened it (0 for a paragraph label, which runs to the next label)."""

    node: dict
    name: str
    collects: bool
    depth: int = 0


@dataclass
class NodeFiller:
    """The open nodes (a stack under the root) and field, and what fills them."""

    link_base: str | None = None
    root: dict = field(default_factory=lambda: {"title": "", "children": []})
    stack: list[Frame] = field(default_factory=list)
    description: list[str] = field(default_factory=list)
    current: Field | None = None  # the field being filled
    items: list[tuple[int, dict]] = field(default_factory=list)  # open checklist items by depth
    warnings: list[tuple[int, str]] = field(default_factory=list)
    note_lines: list[int] = field(default_factory=list)
    relative: list[tuple[int, Link]] = field(default_factory=list)
    raw: str = ""  # the current block's source line, as notes and the description keep it

    def __post_init__(self) -> None:
        self.stack = [Frame(self.root, "root", 0)]

    @property
    def top(self) -> Frame:
        """The innermost open node."""
        return self.stack[-1]

    def field_line(self, key: str, value: str, bold: bool, number: int, raw: str) -> None:
        name = field_of(key, plain=not bold)
        if name is None and self.current and self.current.collects and read_marker(key):
            self.add_to_field(
                raw, number, raw=self.raw
            )  # `**Day 82:** setup` inside a breakdown stays in it
            return
        if name is None:
            if not bold:
                self.text(raw, number)  # `Functions: add, search` under a day is a task line
                return
            name = "notes"
            value = f"**{key.strip()}:** {value}".rstrip()
        self.close_field()
        node = self.top.node if self.top.kind != "root" else None
        if node is None:
            self.description.append(self.raw)
            return
        if name == "checklist":
            node = self.labelled(node, key)
        self.current = Field(node, name, not value.strip() or name == "notes")
        if value.strip():
            self.add_value(node, name, value.strip(), number)

    def label(self, key: str, block: Block, checkboxes: bool) -> None:
        """`- **Practice**:` over nested items: the items fill that field, or a labelled checklist."""
        self.close_field()
        name = field_of(key)
        node = self.top.node
        if checkboxes or name is None or name == "checklist":
            node, name = self.labelled(node, key), "checklist" if checkboxes else "tasks"
        self.current = Field(node, name, True, block.depth)

    def labelled(self, node: dict, label: str) -> dict:
        """`**Weekly Checklist (Week 1-2):**` keeps its label as a section holding the items."""
        section = {"title": clean_title(label).rstrip(":").strip() or "Checklist"}
        node.setdefault("children", []).append(section)
        self.items = []
        return section

    def add_to_field(
        self, text: str, number: int, raw: str | None = None, code: bool = False
    ) -> None:
        """Add a line to the open field; `raw` is the line as written, kept by prose and notes;
        the links of code are never resources."""
        node, name = self.current.node, self.current.name
        raw = text if raw is None else raw
        if name in LIST_FIELDS:
            if text.strip():
                node.setdefault(name, []).append(text.strip())
                self.add_links(node, text, number)
        elif name == "resources":
            found = self.add_links(node, text, number, note=True)
            if text.strip() and not found:
                self.note(node, raw, number)
        elif name == "checklist":
            if text.strip():
                self.note(node, raw, number)
        else:  # a prose field is markdown: its lines keep their list markers
            node.setdefault(name, []).append(raw)
            if not code:
                self.add_links(node, text, number)

    def add_value(self, node: dict, name: str, value: str, number: int) -> None:
        if name in LIST_FIELDS:
            parts = (
                [p.strip() for p in value.split(",")] if name in ("concepts", "topics") else [value]
            )
            node.setdefault(name, []).extend(p for p in parts if p)
            self.add_links(node, value, number)
        elif name == "resources":
            if not self.add_links(node, value, number, note=True):
                node.setdefault("notes", []).append(value)
        elif name == "checklist":
            node.setdefault("notes", []).append(value)
        else:
            node.setdefault(name, []).append(value)
            self.add_links(node, value, number)

    def checkbox(self, done: bool, title: str, block: Block) -> None:
        if not (clean_title(title) or title.strip()):
            self.warnings.append((block.line, "dropped an empty checklist item"))
            return
        item = {"title": clean_title(title) or title.strip(), "done": done}
        while self.items and self.items[-1][0] >= block.depth:
            self.items.pop()
        owner = self.owner()
        target = (
            self.items[-1][1].setdefault("items", [])
            if self.items
            else owner.setdefault("checklist", [])
        )
        target.append(item)
        self.items.append((block.depth, item))
        self.add_links(owner if owner is not self.root else None, title, block.line)

    def checkmarks_count(self, block: Block) -> bool:
        """A `✅ item` is a done item in a checklist, or in a list under a dated node; in a
        paragraph (`✅ Checkpoint: you can…`), an introduction or a plain section it decorates."""
        if self.current and self.current.name == "checklist":
            return True
        return block.depth > 0 and any(f.kind in RANKS for f in self.stack)

    def resources(self, text: str, number: int) -> None:
        """A line of links (`[Docs](https://…) — the basics`): resources of the node it sits in."""
        owner = self.owner()
        rest = re.sub(r"^🔗\s*", "", text)
        if not self.add_links(owner, rest, number, note=True):
            self.text(text, number)

    def text(self, text: str, number: int, code: bool = False, item: bool = False) -> None:
        if self.current and (self.current.collects or code):
            if code and self.current.name in LIST_FIELDS | {"resources", "checklist"}:
                self.note(self.current.node, text, number)
            else:
                for line in text.split("\n"):
                    self.add_to_field(line, number, raw=line if code else self.raw, code=code)
            return
        self.close_field()
        if self.top.kind == "root":
            self.description.append(text if code else self.raw)
            return
        node = self.top.node
        # Lines under a day or week, and list items under any dated node, are tasks; prose under a
        # phase or month describes it.
        if not code and (self.top.kind in ("day", "week") or (item and self.top.kind in RANKS)):
            node.setdefault("tasks", []).append(text.strip())
            self.add_links(node, text, number)
        else:
            # Notes are markdown: a list item keeps its bullet there.
            self.note(
                node, text if code else self.raw, number, warn=code and self.top.kind in RANKS
            )
            if not code:
                self.add_links(node, text, number)

    def note(self, node: dict, text: str, number: int, warn: bool = False) -> None:
        node.setdefault("notes", []).append(text)
        self.note_lines.append(number)
        if warn:
            self.warnings.append(
                (number, f"kept as a note of the enclosing node: {text.strip()[:60]!r}")
            )

    def add_links(self, node: dict | None, text: str, number: int, note: bool = False) -> int:
        """Add the web links of `text` to `node`'s resources (once per URL); how many there were."""
        found, relative = resources_of(text, self.link_base)
        self.relative.extend((number, link) for link in relative)
        if node is None or node is self.root and not note:
            return len(found)
        rest = link_text(re.sub(r"!?\[[^\]]*\]\([^)]*\)|<?https?://[^\s>]+>?", "", text))
        rest = rest.strip(" —–:-()·|,")
        known = {r["url"] for r in node.get("resources", [])}
        for resource in found:
            if resource["url"] not in known:
                if note and rest and len(found) == 1:
                    resource["note"] = rest
                node.setdefault("resources", []).append(resource)
                known.add(resource["url"])
        return len(found)

    def in_text_field(self) -> bool:
        """True while collecting a prose field (exercise, why…), where links stay in the text."""
        return bool(
            self.current
            and self.current.collects
            and self.current.name not in LIST_FIELDS | {"resources", "checklist"}
        )

    def owner(self) -> dict:
        """Where items without a field go: the open field's node, else the innermost node."""
        if self.current:
            return self.current.node
        return self.top.node if self.top.kind != "root" else self.root

    def close_field(self) -> None:
        self.current = None
