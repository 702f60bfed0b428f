"""Build the roadmap tree from markdown blocks: markers open nodes and close what they outrank;
fill.py puts the rest (fields, tasks, checklist items, resources, notes) in the open node."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .blocks import Block
from .fields import field_of
from .fill import Field, Frame, NodeFiller
from .links import (
    is_navigation,
    is_only_links,
    link_text,
    split_link_line,
    title_text,
)
from .markers import RANKS, Marker, clean_title, read_checkbox, read_marker, read_span
from .tables import is_numbered

PLAIN_LEVEL = 7  # a marker outside a `#` heading nests below every heading
FIELD = re.compile(
    r"^\*\*(.+?):\*\*\s*(.*)$|^\*\*(.+?)\*\*\s*:\s*(.*)$|^([A-Z][\w /&()'-]{0,40}):\s*(.*)$"
)
LABEL = re.compile(r"^(?:\*\*|__)(.+?)(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:?)\s*$")
BARE_DAY = re.compile(r"^(?:[^\w\s\[]\S*\s+)*(\d{1,3})\s*(?:>|:|\.|-|–|—)\s+(\S.*)$")
# A lone fence language left behind when a code block was copied without its backticks.
LANGUAGES = {"text", "txt", "bash", "sh", "shell", "python", "py", "yaml", "json", "markdown"}
LANGUAGES |= {"md", "plaintext", "javascript", "js", "sql", "html", "css", "console"}
GLUED_HEADING = re.compile(r"^(#{1,6})([^#\s].*?)\s*#*$")
CONTENTS = re.compile(r"^(?:table of contents|contents|toc|index|navigation)$", re.I)


@dataclass
class Placed:
    """A node made from a marker: where (line) and in which week, for the passes after building."""

    node: dict
    kind: str
    line: int
    parent: dict
    week: int | None
    box: bool = False  # made from a checklist item (`- [x] Week 1: …`)


@dataclass
class TreeBuilder(NodeFiller):
    """Walks the blocks once: markers open nodes; `root['children']` then holds the tree."""

    take_title: bool = True  # False when --title is given: the first heading is then a section
    title: str | None = None
    tables: list[tuple[Block, dict, int, int | None]] = field(default_factory=list)
    placed: list[Placed] = field(default_factory=list)
    started: bool = False
    contents: bool = False  # inside a table-of-contents section

    def feed(self, blocks: list[Block]) -> None:
        """Add every block to the tree."""
        bare = _bare_day_items(blocks)
        for index, block in enumerate(blocks):
            self.raw = block.raw.removeprefix("> ") if block.raw else block.text
            if block.gap and self.current and self.current.collects and not self.current.depth:
                self.add_to_field("", block.line)
            if self.current and self.current.depth and block.depth <= self.current.depth:
                self.close_field()
            if block.kind == "rule":
                self.close_field()
            elif block.kind == "code":
                self.text(block.text, block.line, code=True)
            elif block.kind == "html":
                self.html(block)
            elif block.kind == "table":
                self.table(block)
            elif block.kind == "heading":
                self.heading(block)
            elif block.kind == "item":
                self.item(block, blocks[index + 1 :], index in bare)
            else:
                self.line(block, blocks[index + 1] if index + 1 < len(blocks) else None)

    # -- structure -----------------------------------------------------------------------------

    def heading(self, block: Block) -> None:
        self.close_field()
        self.contents = False
        block.text = re.sub(r"<[^>]+>", "", block.text).strip()  # `<a name="5"></a>` anchors
        marker = read_marker(block.text, heading=True)
        if marker:
            self.structure(marker, block.level, block.line, block.text)
            return
        text, span = read_span(block.text)
        title = clean_title(link_text(text))
        if CONTENTS.match(title):
            self.contents = True
            return
        name = field_of(title)
        if name and self.top.kind != "root":
            while len(self.stack) > 1 and self.top.level >= block.level:
                self.stack.pop()
            if self.top.kind != "root":
                node = self.top.node
                if name == "checklist":
                    node = self.labelled(node, title)
                self.current = Field(node, name, True)
                return
        if re.sub(r"\*\*|__", "", block.text).strip().endswith(":") and self.top.kind != "root":
            # `### **Capstone Requirements:**` labels what follows inside the open node.
            self.field_line(title, "", True, block.line, block.text)
            return
        if self.title is None and self.take_title and not self.started and len(self.stack) == 1:
            self.title = title
            return
        while len(self.stack) > 1 and self.top.level >= block.level:
            self.stack.pop()
        node = {"title": title or f"Section at line {block.line}"}
        if span:
            node["notes"] = [span]
        self.top.node.setdefault("children", []).append(node)
        self.stack.append(Frame(node, "section", block.level))
        self.add_links(node, text, block.line)
        self.items = []
        self.started = True

    def structure(self, marker: Marker, level: int, line: int, text: str, item: int = 0) -> dict:
        """Open the node `marker` names, closing what it outranks."""
        self.close_field()
        self.make_group(marker)
        rank = RANKS[marker.kind]
        blocking = next(
            (i for i, f in enumerate(self.stack) if f.kind in RANKS and RANKS[f.kind] >= rank),
            None,
        )
        if blocking is not None:
            del self.stack[blocking:]
        while self.top.kind == "section" and self.top.level >= level:
            self.stack.pop()
        node: dict = {marker.kind: marker.value, "title": title_text(marker.title) or marker.label}
        if marker.note:
            node["notes"] = [marker.note]
        week = next((f.node["week"] for f in reversed(self.stack) if f.kind == "week"), None)
        parent = self.top.node
        parent.setdefault("children", []).append(node)
        self.placed.append(Placed(node, marker.kind, line, parent, _first(week)))
        self.stack.append(Frame(node, marker.kind, level, item))
        self.add_links(node, marker.title, line)
        self.items = []
        self.started = True
        return node

    # -- blocks --------------------------------------------------------------------------------

    def item(self, block: Block, following: list[Block], bare: bool) -> None:
        text = block.text
        if is_navigation(text) or (self.contents and not text):
            return
        # A sibling of a `- Week 2: …` item is not inside that week.
        while self.top.item and self.top.item >= block.depth:
            self.stack.pop()
        done, rest, boxed = read_checkbox(text)
        marker = read_marker(rest)
        if marker is None and bare:
            number, title = BARE_DAY.match(rest).groups()
            marker = Marker("day", int(number), int(number), clean_title(title))
        if marker and not self.within(marker, rest):
            node = self.structure(marker, PLAIN_LEVEL + block.depth, block.line, rest, block.depth)
            if done is not None:  # the box's state is kept, and nested boxes go under it
                node["checklist"] = [{"title": node["title"], "done": done}]
                self.items = [(block.depth, node["checklist"][0])]
                self.placed[-1].box = True
            return
        if done is not None and (boxed or self.checkmarks_count(block)):
            self.checkbox(done, rest, block)
            return
        label = LABEL.match(text)
        nested = [b for b in following[:1] if b.depth > block.depth and b.kind == "item"]
        if label and nested and self.top.kind != "root" and not self.in_text_field():
            self.label(label.group(1), block, read_checkbox(nested[0].text)[0] is not None)
            return
        if (is_only_links(text) or split_link_line(text)) and not self.in_text_field():
            self.resources(text, block.line)
            return
        self.text(text, block.line, item=True)

    def line(self, block: Block, following: Block | None) -> None:
        text = block.text
        if not text:
            return
        hashes = GLUED_HEADING.match(text)
        if hashes and read_marker(hashes.group(2), heading=True):  # `###Day 2: Jan 12###`
            self.heading(Block("heading", block.line, hashes.group(2), level=len(hashes.group(1))))
            return
        marker = read_marker(text)
        if marker and not self.within(marker, text):
            self.structure(marker, PLAIN_LEVEL + block.depth, block.line, text)
            return
        done, rest, boxed = read_checkbox(text)
        if boxed or (done is not None and self.checkmarks_count(block)):
            self.checkbox(done, rest, block)
        elif (is_only_links(text) or split_link_line(text)) and not self.in_text_field():
            self.resources(text, block.line)
        elif (found := FIELD.match(text)) and not self.contents:
            key, value = next(
                (found.group(i), found.group(i + 1)) for i in (1, 3, 5) if found.group(i)
            )
            self.field_line(key, value, found.group(5) is None, block.line, text)
        elif text.lower() in LANGUAGES and (block.continued or (following and following.continued)):
            self.warnings.append(
                (block.line, f"dropped {text!r}: a code-block language left without its block")
            )
        else:
            self.text(text, block.line)

    def within(self, marker: Marker, text: str) -> bool:
        """True for a marker that is a line of an open field: `**Day 82:** setup` in a breakdown,
        or `- Day 8: 0-30m setup` in the breakdown of `Day 8-9`."""
        if not self.current:
            return False
        return text.startswith(("**", "__")) or self.covering(marker) is not None

    def covering(self, marker: Marker) -> Frame | None:
        """The open range node of the same kind that holds the marker's numbers (`Days 1-5`)."""
        for frame in self.stack:
            if frame.kind == marker.kind:
                first, _, last = str(frame.node[marker.kind]).partition("-")
                if last and int(first) <= marker.first <= marker.last <= int(last):
                    return frame if (marker.first, marker.last) != (int(first), int(last)) else None
        return None

    def make_group(self, marker: Marker) -> None:
        """`### Days 1-5: Shell basics` over `- Day 1: …` items groups those days: it becomes a
        section that keeps its span as a note, and the days go inside it."""
        frame = self.covering(marker)
        if frame is None:
            return
        span = f"{frame.kind.capitalize()}s {frame.node.pop(frame.kind)}"
        frame.node["notes"] = [span, *frame.node.get("notes", [])]
        for entry in self.placed:
            if entry.node is frame.node:
                entry.kind = "section"
        frame.kind = "section"

    def html(self, block: Block) -> None:
        """`<details><summary><h2>Phase 3</h2></summary>` is structure; tags alone are wrappers."""
        heading = re.search(r"<(h[1-6]|summary)\b[^>]*>(.*?)</\1>", block.text, re.I | re.S)
        if heading:
            text = re.sub(r"<[^>]+>", "", heading.group(2)).strip()
            level = int(heading.group(1)[1]) if heading.group(1).lower() != "summary" else 6
            self.heading(Block("heading", block.line, text, level=level))
            return
        if not re.sub(r"<[^>]*>|&nbsp;", "", block.text).strip():
            return  # `<details>`, `</div>`, `<img …>` badges: wrappers and decoration
        self.text(block.text, block.line, code=True)

    def table(self, block: Block) -> None:
        self.close_field()
        parent = self.top.node if self.top.kind != "root" else self.root
        week = next((f.node["week"] for f in reversed(self.stack) if f.kind == "week"), None)
        self.tables.append((block, parent, len(parent.get("children", [])), _first(week)))
        if parent is self.root:
            self.description.append(block.text)
            return
        self.note(parent, block.text, block.line)
        if not is_numbered(block):  # a table of facts or links: its links are the node's
            self.add_links(parent, block.text, block.line)


def _first(value: int | str | None) -> int | None:
    return int(str(value).split("-")[0]) if value is not None else None


def _bare_day_items(blocks: list[Block]) -> set[int]:
    """Checklist items numbered without a `Day` word (`- [✔️] 🐳 6 > [Logging](days/06.md)`): read
    as days only when three or more such items in the file rise in number, as a progress log does."""
    entries: list[tuple[int, int]] = []
    for index, block in enumerate(blocks):
        if block.kind != "item":
            continue
        done, rest, _ = read_checkbox(block.text)
        found = BARE_DAY.match(rest) if done is not None else None
        if found and not read_marker(rest):
            entries.append((index, int(found.group(1))))
    numbers = [number for _, number in entries]
    if len(entries) >= 3 and numbers == sorted(set(numbers)):
        return {index for index, _ in entries}
    return set()
