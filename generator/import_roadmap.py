"""Convert a markdown roadmap, in any of the common styles, into roadmap data for the YAML schema.

The rules work on markdown structure, not on any one file:
- `Phase/Month/Week/Day N` (or a range `N-M`) followed by `:`, `-`, `–`, `—` or `.` starts a node, whether
  it is a `#` heading, a `**bold**` line or a plain line; other `#` headings start sections.
- `Key: value` and `**Key:** value` lines fill a node's fields; a key with no value collects the lines
  that follow (lists, paragraphs, code) until the next key, heading or rule. `### Learn`-style headings
  whose text is a known key do the same.
- `[x]`/`[ ]`/✅/✔️ items become checklist items (nested by indentation); link-only lines become resources;
  other bullets and lines under a day or week become tasks; under a section, notes.
- Tables are kept as notes; rows of a table with a Day or Week column become nodes when no heading
  defines that number. Anything else is kept as a note on the nearest node, with a warning.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from markdown.extensions.toc import slugify_unicode

from .load_roadmaps import TEXT_FIELDS
from .repair_text import repair_mojibake

RANKS = {"phase": 0, "month": 1, "week": 2, "day": 3}
PLAIN_LEVEL = 7  # a structural line without `#` nests below every heading
DASH = r"(?:-|–|—|to)"
STRUCTURE = re.compile(
    rf"^(phase|month|week|day)s?\s+(0*[1-9]\d*)(?:\s*{DASH}\s*(0*[1-9]\d*))?\s*(?:(?:[:.)\]]|\s[-–—])\s*(.*?))?\s*$",
    re.I,
)
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
BOLD_LINE = re.compile(r"^\*\*(.+?)\*\*:?\s*$")
FIELD = re.compile(
    r"^\*\*(.+?):\*\*\s*(.*)$|^\*\*(.+?)\*\*:\s*(.*)$|^([A-Z][\w /&()'-]{0,40}):\s*(.*)$"
)
CHECKBOX = re.compile(
    r"^(\s*)(?:[-*+]|\d+[.)])\s+\[([ xX])\]\s*(.*)$|^(\s*)(?:[-*+]\s+)?(✅|✔️|✔|☑️|☑|❌|⬜|🔲)\s*(.*)$"
)
BULLET = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$")
MD_LINK = r"\[([^\]]+)\]\((\S+?)\)"
LINK_LINE = re.compile(
    rf"^\s*(?:(?:[-*+]|\d+[.)])\s+)?(?:🔗\s*)?(?:{MD_LINK}|<?(https?://[^\s>]+)>?)\s*(?:[—–:-]\s*(.*?))?\s*$"
)
ANY_LINK = re.compile(rf"{MD_LINK}|<?(https?://[^\s>)]+)>?")
FENCE = re.compile(r"^\s*(```|~~~)")
RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
TABLE = re.compile(r"^\s*\|.*\|\s*$")
RANGE_NOTE = re.compile(r"\s*\((?:days?|weeks?|months?)\s+\d+(?:\s*[-–—]\s*\d+)?\)\s*", re.I)
# A lone fence language left behind when a code block was copied without its backticks.
LANGUAGES = {
    "text",
    "txt",
    "bash",
    "sh",
    "shell",
    "python",
    "py",
    "yaml",
    "json",
    "markdown",
    "md",
    "plaintext",
}

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
    (r"where to learn|resources?|links?|reading|references|learn from", "resources"),
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


@dataclass
class Frame:
    """An open node while parsing: where new content goes."""

    node: dict
    kind: str  # phase | month | week | day | section | root
    level: int


@dataclass
class Result:
    """An imported roadmap: its data, warnings (line, message) and what was found."""

    data: dict
    warnings: list[tuple[int, str]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    repairs: list = field(default_factory=list)


def field_of(key: str, plain: bool = False) -> str | None:
    """The node field a `Key:` stands for, or None; a plain (not bold) key must name the field exactly."""
    clean = re.sub(r"\s*\(.*?\)\s*", " ", clean_title(key)).strip().lower()
    for pattern, name in FIELDS:
        if (not plain or not pattern.startswith(".*")) and re.fullmatch(pattern, clean):
            return name
    return None


def clean_title(text: str) -> str:
    """Heading text without markup, decorative symbols at either end, or a `(Days 1-30)` note."""
    text = re.sub(r"\*\*|__", "", text).strip()
    text = RANGE_NOTE.sub(" ", text).strip()
    while text and _decorative(text[0]):
        text = text[1:].lstrip()
    while text and _decorative(text[-1]):
        text = text[:-1].rstrip()
    return text


def _decorative(ch: str) -> bool:
    # Emoji and other non-ASCII symbols; ASCII such as a closing backtick is always content.
    return (
        not ch.isascii()
        and unicodedata.category(ch) in ("So", "Sk", "Cf", "Mn", "Co")
        or ch in "\ufe0f\u200d:"
    )


def import_roadmap(
    text: str,
    roadmap_id: str | None = None,
    title: str | None = None,
    start: str | None = None,
    name: str = "roadmap",
) -> Result:
    """Parse markdown `text` into roadmap data (id, title, start, children) with warnings and counts."""
    text, repairs = repair_mojibake(text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    parser = _Parser(take_title=title is None)
    parser.feed(text.split("\n"))
    title = title or parser.title or name.replace("-", " ").replace("_", " ").strip().capitalize()
    # An id is a file name and a URL part: lowercase ASCII letters, digits, '-' and '_' only.
    slug = re.sub(r"[^a-z0-9_-]", "", slugify_unicode(title, "-").lower()).lstrip("_-")
    data = {"id": roadmap_id or slug or "roadmap", "title": title}
    if parser.description:
        data["description"] = _join(parser.description)
    if start:
        data["start"] = start
    loose = {k: v for k, v in parser.root.items() if k not in ("title", "children")}
    if loose:  # checklist items or links before any heading: keep them in a first section
        parser.root["children"].insert(0, {"title": "General", **loose})
    data["children"] = parser.root["children"]
    parser.add_table_rows()
    _finish(data["children"])
    result = Result(data=data, warnings=parser.warnings, repairs=repairs)
    result.counts = count_items(data)
    for repair in repairs:
        if repair.guessed:
            note = (
                f"dropped the unreadable {repair.before!r}"
                if not repair.after.strip()
                else (
                    f"repaired {repair.before!r} as {repair.after!r} (bytes were lost: a best guess)"
                )
            )
            result.warnings.append((repair.line, note))
    result.warnings.sort()
    return result


class _Parser:
    def __init__(self, take_title: bool = True) -> None:
        self.take_title = (
            take_title  # False when --title is given: the first heading is then a section
        )
        self.root: dict = {"title": "", "children": []}
        self.stack = [Frame(self.root, "root", 0)]
        self.title: str | None = None
        self.description: list[str] = []
        self.field: tuple[dict, str, bool] | None = None  # node, name, collects following lines
        self.items: list[tuple[int, dict]] = []  # open checklist items by indentation
        self.tables: list[tuple[int, list[str], dict]] = []
        self.warnings: list[tuple[int, str]] = []
        self.days: dict[tuple[str, int], int] = {}
        self.started = False

    @property
    def top(self) -> Frame:
        return self.stack[-1]

    def feed(self, lines: list[str]) -> None:
        index = 0
        while index < len(lines):
            line, number = lines[index], index + 1
            if FENCE.match(line):
                end = next(
                    (j for j in range(index + 1, len(lines)) if FENCE.match(lines[j])),
                    len(lines) - 1,
                )
                self.text(lines[index : end + 1], number, code=True)
                index = end + 1
                continue
            if TABLE.match(line):
                end = index
                while end + 1 < len(lines) and TABLE.match(lines[end + 1]):
                    end += 1
                self.table(lines[index : end + 1], number)
                index = end + 1
                continue
            self.line(line, number)
            index += 1

    def line(self, line: str, number: int) -> None:
        stripped = line.strip()
        if not stripped:
            if self.field and self.field[2]:
                self.add_to_field("", number)
            return
        if RULE.match(line):
            self.close_field()
            return
        heading = HEADING.match(line)
        bold = BOLD_LINE.match(stripped)
        # `**Day 82:** setup` is a field line; `**Day 82: Setup**`, `## Day 82` and `Day 82: Setup` are nodes.
        candidate = heading.group(2) if heading else bold.group(1) if bold else stripped
        plain_ok = heading or bold or not (BULLET.match(line) or stripped.startswith("**"))
        structure = STRUCTURE.match(clean_title(candidate)) if plain_ok else None
        if structure:
            self.structure(structure, len(heading.group(1)) if heading else PLAIN_LEVEL, number)
        elif heading:
            self.heading(heading.group(2), len(heading.group(1)), number)
        elif CHECKBOX.match(line):
            self.checkbox(CHECKBOX.match(line), number)
        elif (link := LINK_LINE.match(line)) and not self.in_text_field():
            self.resource(link)
        elif (found := FIELD.match(stripped)) and not BULLET.match(line):
            key, value = next(
                (found.group(i), found.group(i + 1)) for i in (1, 3, 5) if found.group(i)
            )
            self.field_line(key, value, bold=found.group(5) is None, number=number, raw=stripped)
        elif stripped.lower() in LANGUAGES:
            self.warnings.append(
                (number, f"dropped {stripped!r}: a code-block language left without its block")
            )
        else:
            self.text([line], number)

    # -- structure ---------------------------------------------------------------------------

    def structure(self, match: re.Match, level: int, number: int) -> None:
        self.close_field()
        kind, first, last, title = (
            match.group(1).lower(),
            int(match.group(2)),
            match.group(3),
            match.group(4),
        )
        rank = RANKS[kind]
        blocking = next(
            (i for i, f in enumerate(self.stack) if f.kind in RANKS and RANKS[f.kind] >= rank), None
        )
        if blocking is not None:
            del self.stack[blocking:]
        while self.top.kind == "section" and self.top.level >= level:
            self.stack.pop()
        value = first if last is None or int(last) == first else f"{first}-{int(last)}"
        label = f"{kind.capitalize()} {value}"
        node: dict = {kind: value, "title": clean_title(title or "") or label}
        numbers = range(first, int(last or first) + 1)
        clash = next((n for n in numbers if (kind, n) in self.days), None)
        if clash is not None:
            self.warnings.append(
                (
                    number,
                    f"{kind} {clash} is already on line {self.days[(kind, clash)]}; "
                    "kept as a section so no day is planned twice",
                )
            )
            node = {"title": f"{label}: {node['title']}"}
            kind = "section"
        else:
            self.days.update({(kind, n): number for n in numbers})
        self.top.node.setdefault("children", []).append(node)
        self.stack.append(Frame(node, kind, level))
        self.items = []
        self.started = True

    def heading(self, text: str, level: int, number: int) -> None:
        self.close_field()
        title = clean_title(text)
        name = field_of(title)
        if name:
            while len(self.stack) > 1 and self.top.level >= level:
                self.stack.pop()
            if self.top.kind != "root":
                node = (
                    self.labelled_checklist(self.top.node, title)
                    if name == "checklist"
                    else self.top.node
                )
                self.field = (node, name, True)
                return
        if re.sub(r"\*\*|__", "", text).strip().endswith(":") and self.top.kind != "root":
            # `### **Capstone Requirements:**` labels what follows inside the open node; it closes nothing.
            self.field_line(title, "", bold=True, number=number, raw=text)
            return
        if self.title is None and self.take_title and not self.started and len(self.stack) == 1:
            self.title = title
            return
        while len(self.stack) > 1 and self.top.level >= level:
            self.stack.pop()
        node = {"title": title or f"Section at line {number}"}
        self.top.node.setdefault("children", []).append(node)
        self.stack.append(Frame(node, "section", level))
        self.items = []
        self.started = True

    # -- content -----------------------------------------------------------------------------

    def field_line(self, key: str, value: str, bold: bool, number: int, raw: str) -> None:
        name = field_of(key, plain=not bold)
        if name is None and self.field and self.field[2] and STRUCTURE.match(clean_title(key)):
            self.add_to_field(raw, number)  # `**Day 82:** setup` inside a breakdown stays in it
            return
        if name is None:
            if not bold:
                self.text([raw], number)  # `Functions: add, search` under a day is a task line
                return
            name = "notes"
            value = f"**{key.strip()}:** {value}".rstrip()
        self.close_field()
        node = self.top.node if self.top.kind != "root" else None
        if node is None:
            self.description.append(raw)
            return
        if name == "checklist":
            node = self.labelled_checklist(node, key)
        self.field = (node, name, not value.strip() or name == "notes")
        if value.strip():
            self.add_value(node, name, value.strip(), inline=True)

    def labelled_checklist(self, node: dict, label: str) -> dict:
        """`**Weekly Checklist (Week 1-2):**` keeps its label as a section holding the items."""
        section = {"title": clean_title(label).rstrip(":").strip() or "Checklist"}
        node.setdefault("children", []).append(section)
        self.items = []
        return section

    def add_to_field(self, text: str, number: int) -> None:
        node, name, _ = self.field
        if name in LIST_FIELDS:
            item = BULLET.match(text)
            if text.strip():
                node.setdefault(name, []).append((item.group(2) if item else text).strip())
        elif name == "resources":
            links = list(ANY_LINK.finditer(text))
            rest = ANY_LINK.sub("", BULLET.sub(r"\2", text)).strip(" —–:-()")
            for link in links:
                resource = {
                    "title": (link.group(1) or link.group(3)).strip(),
                    "url": link.group(2) or link.group(3),
                }
                if rest:
                    resource["note"] = rest
                node.setdefault("resources", []).append(resource)
            if text.strip() and not links:
                self.note(node, text, number)
        elif name == "checklist":
            if text.strip():
                self.note(node, text, number)
        else:
            self.add_value(node, name, text, inline=False)

    def add_value(self, node: dict, name: str, value: str, inline: bool) -> None:
        if name in LIST_FIELDS:
            parts = (
                [p.strip() for p in value.split(",")] if name in ("concepts", "topics") else [value]
            )
            node.setdefault(name, []).extend(p for p in parts if p)
        elif name in ("resources", "checklist"):
            node.setdefault("notes", []).append(value)
        else:
            node.setdefault(name, []).append(value)

    def checkbox(self, match: re.Match, number: int) -> None:
        indent = len(match.group(1) if match.group(1) is not None else match.group(4) or "")
        if match.group(2) is not None:
            done, title = match.group(2).lower() == "x", match.group(3)
        else:
            done, title = match.group(5) in ("✅", "✔️", "✔", "☑️", "☑"), match.group(6)
        if not (clean_title(title) or title.strip()):
            self.warnings.append((number, "dropped an empty checklist item"))
            return
        item = {"title": clean_title(title) or title.strip(), "done": done}
        while self.items and self.items[-1][0] >= indent:
            self.items.pop()
        target = (
            self.items[-1][1].setdefault("items", [])
            if self.items
            else self.owner().setdefault("checklist", [])
        )
        target.append(item)
        self.items.append((indent, item))

    def resource(self, match: re.Match) -> None:
        title, url = (
            (match.group(1), match.group(2)) if match.group(2) else (match.group(3), match.group(3))
        )
        resource = {"title": title.strip(), "url": url}
        if match.group(4):
            resource["note"] = match.group(4).strip()
        self.owner().setdefault("resources", []).append(resource)

    def text(self, lines: list[str], number: int, code: bool = False) -> None:
        if self.field and (self.field[2] or code):
            node, name, _ = self.field
            if code and name in LIST_FIELDS | {"resources", "checklist"}:
                self.note(node, "\n".join(lines), number)
            else:
                for line in lines:
                    self.add_to_field(line, number)
            return
        self.close_field()
        if self.top.kind == "root":
            self.description.extend(line.removeprefix("> ") if not code else line for line in lines)
            return
        node = self.top.node
        item = BULLET.match(lines[0])
        # Lines under a day or week, and list items under any dated node, are tasks; prose under a
        # phase or month describes it.
        if not code and (self.top.kind in ("day", "week") or (item and self.top.kind in RANKS)):
            task = (item.group(2) if item else lines[0]).strip().removeprefix("> ").strip()
            node.setdefault("tasks", []).append(task)
        else:
            self.note(node, "\n".join(lines), number, warn=code and self.top.kind in RANKS)

    def note(self, node: dict, text: str, number: int, warn: bool = False) -> None:
        node.setdefault("notes", []).append(text.removeprefix("> "))
        if warn:
            self.warnings.append(
                (number, f"kept as a note of the enclosing node: {text.strip()[:60]!r}")
            )

    def in_text_field(self) -> bool:
        """True while collecting a prose field (exercise, why…), where links stay in the text."""
        return bool(
            self.field
            and self.field[2]
            and self.field[1] not in LIST_FIELDS | {"resources", "checklist"}
        )

    def owner(self) -> dict:
        """Where items without a field go: the open field's node, else the innermost node."""
        if self.field:
            return self.field[0]
        return self.top.node if self.top.kind != "root" else self.root

    def close_field(self) -> None:
        self.field = None

    def table(self, lines: list[str], number: int) -> None:
        self.close_field()
        rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in lines]
        target = self.top.node if self.top.kind != "root" else None
        if target is None:
            self.description.extend(lines)
        else:
            self.note(target, "\n".join(lines), number)
        self.tables.append((number, rows, target if target is not None else self.root))

    def fill_from_row(self, node: dict, header: list[str], row: list[str], skip: int) -> None:
        """A table row's cells as fields: the first descriptive column is the title, a `Resources`
        cell gives links, a known column its field, and the rest notes."""
        for index, cell in enumerate(row):
            if index == skip or not cell or index >= len(header):
                continue
            name = field_of(header[index], plain=True)
            if "title" not in node and name != "resources":
                node["title"] = (
                    clean_title(cell) or cell
                )  # the first descriptive column names the node
            elif name == "resources" and ANY_LINK.search(cell):
                for link in ANY_LINK.finditer(cell):
                    url = link.group(2) or link.group(3)
                    node.setdefault("resources", []).append(
                        {"title": (link.group(1) or url).strip(), "url": url}
                    )
            elif name in LIST_FIELDS:
                self.add_value(node, name, cell, inline=True)
            elif name and name not in ("resources", "checklist"):
                node.setdefault(name, []).append(cell)
            else:
                node.setdefault("notes", []).append(f"**{header[index]}:** {cell}")
        node.setdefault("title", f"{next(iter(node)).capitalize()} {next(iter(node.values()))}")
        # Title first, as everywhere else (the kind key stays first when the node is finished).
        node.update({"title": node.pop("title")})

    def add_table_rows(self) -> None:
        """Rows of a table with a Day or Week column become nodes unless a heading already defines them."""
        for number, rows, parent in self.tables:
            header = [cell.lower() for cell in rows[0]]
            column = next(
                (i for i, cell in enumerate(header) if cell in ("day", "days", "week", "weeks")),
                None,
            )
            if column is None:
                continue
            kind = header[column].rstrip("s")
            for offset, row in enumerate(rows[1:], start=1):
                found = re.fullmatch(
                    rf"(\d+)(?:\s*{DASH}\s*(\d+))?", row[column] if column < len(row) else ""
                )
                if not found:
                    continue
                first, last = int(found.group(1)), int(found.group(2) or found.group(1))
                if any((kind, n) in self.days for n in range(first, last + 1)):
                    continue
                node = {kind: first if first == last else f"{first}-{last}"}
                self.fill_from_row(node, rows[0], row, column)
                parent.setdefault("children", []).append(node)
                self.days.update({(kind, n): number + offset for n in range(first, last + 1)})


def _finish(nodes: list[dict]) -> None:
    """Join collected text lines, order keys as the schema lists them, drop empty fields."""
    for position, node in enumerate(nodes):
        for name in TEXT_FIELDS:
            if isinstance(node.get(name), list):
                node[name] = _join(node[name])
                if not node[name]:
                    del node[name]
        for name in LIST_FIELDS:
            if name in node and not node[name]:
                del node[name]
        _finish(node.get("children", []))
        kind = [k for k in RANKS if k in node]
        nodes[position] = {**{k: node[k] for k in kind}, **{k: node[k] for k in ORDER if k in node}}


def _join(lines: list[str]) -> str:
    # Trailing spaces are dropped (YAML blocks cannot keep them readably); the text is otherwise kept.
    return "\n".join(line.rstrip() for line in "\n".join(lines).split("\n")).strip()


def count_items(data: dict) -> dict[str, int]:
    """How many phases, months, weeks, days, sections, checklist items and links the data holds."""
    counts = dict.fromkeys(["phases", "months", "weeks", "days", "sections", "items", "links"], 0)

    def items(entries):
        for entry in entries:
            counts["items"] += 1
            items(entry.get("items", []))

    def walk(nodes):
        for node in nodes:
            kind = next((k for k in RANKS if k in node), "section")
            if kind == "day" and isinstance(node["day"], str):
                first, last = map(int, node["day"].split("-"))
                counts["days"] += last - first + 1
            else:
                counts[f"{kind}s"] += 1
            counts["links"] += len(node.get("resources", []))
            items(node.get("checklist", []))
            walk(node.get("children", []))

    walk(data["children"])
    return counts
