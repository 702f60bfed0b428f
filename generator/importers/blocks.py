"""Read markdown into a flat list of blocks with source line numbers, using a CommonMark + GFM parser.

The importers' rules work on these blocks (heading, list item with its depth, paragraph line, table,
code, HTML, rule) instead of on raw lines, so nesting, fences and tables are what the parser says.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

ROW = re.compile(r"^\s*\|.*\|\s*$")
DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")


@dataclass
class Block:
    """One unit of a markdown file: its kind, first line (1-based) and markdown text."""

    kind: str  # heading | item | line | code | table | html | rule
    line: int
    text: str = ""
    raw: str = ""  # the source line as written (list marker and indentation included)
    level: int = 0  # heading level (1-6)
    depth: int = 0  # list nesting: 0 outside lists, 1 for a top-level item
    list_id: int = 0  # the list an item belongs to (items of one list share it)
    continued: bool = False  # a paragraph line that follows another line of the same paragraph
    gap: bool = False  # a blank line comes before this block
    rows: list[list[str]] = field(default_factory=list)  # tables: header first, then body rows
    row_lines: list[int] = field(default_factory=list)  # tables: the line of each row
    headless: bool = False  # table rows with no header or delimiter row (a paragraph of `| … |`)


@cache
def parser() -> MarkdownIt:
    """CommonMark with GFM tables; indented code is off, as plans indent prose far more than code."""
    return MarkdownIt("commonmark").enable("table").disable("code")


def read_blocks(text: str) -> list[Block]:
    """The blocks of `text` in document order."""
    source = text.split("\n")
    blocks: list[Block] = []
    lists: list[int] = []  # open list ids
    items: list[bool] = []  # per open list item: has its first paragraph been seen?
    counter = 0
    tokens = parser().parse(text)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            counter += 1
            lists.append(counter)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            items.append(False)
        elif kind == "list_item_close":
            if not items.pop():  # an empty item (`-` alone): still a list item
                blocks.append(Block("item", token_line(tokens, index), depth=len(lists)))
        elif kind == "heading_open":
            inline = tokens[index + 1]
            blocks.append(
                Block("heading", token.map[0] + 1, inline.content, level=int(token.tag[1]))
            )
            index += 2
        elif kind == "paragraph_open":
            inline = tokens[index + 1]
            first = items and not items[-1]
            if first:
                items[-1] = True
            lines = source[token.map[0] : token.map[1]]
            if not lists and all(ROW.match(line) for line in lines):
                blocks.append(_headless(lines, token.map[0] + 1))
            else:
                blocks.extend(
                    _paragraph(inline, source, token.map[0] + 1, len(lists), lists, bool(first))
                )
            index += 2
        elif kind == "fence":
            lines = source[token.map[0] : token.map[1]]
            blocks.append(Block("code", token.map[0] + 1, textwrap.dedent("\n".join(lines))))
            _mark_item(items)
        elif kind == "html_block":
            blocks.append(Block("html", token.map[0] + 1, token.content.rstrip("\n")))
            _mark_item(items)
        elif kind == "hr":
            blocks.append(Block("rule", token.map[0] + 1))
        elif kind == "table_open":
            close = next(j for j in range(index, len(tokens)) if tokens[j].type == "table_close")
            blocks.extend(_tables(tokens[index:close], source))
            _mark_item(items)
            index = close
        index += 1
    _mark_gaps(blocks, source)
    return blocks


def _mark_item(items: list[bool]) -> None:
    # A list item that starts with code, HTML or a table has no title line of its own.
    if items and not items[-1]:
        items[-1] = True


def token_line(tokens: list[Token], index: int) -> int:
    """The line of the nearest token at or before `index` that has a source map."""
    while index >= 0 and tokens[index].map is None:
        index -= 1
    return tokens[index].map[0] + 1 if index >= 0 else 1


def _paragraph(
    inline: Token, source: list[str], line: int, depth: int, lists: list[int], item: bool
) -> list[Block]:
    """A paragraph as one block per source line; the first line of a list item's text is the item."""
    blocks = []
    for offset, text in enumerate(inline.content.split("\n")):
        raw = source[line + offset - 1].rstrip() if line + offset - 1 < len(source) else text
        kind = "item" if item and offset == 0 else "line"
        blocks.append(
            Block(
                kind,
                line + offset,
                text.strip(),
                raw=raw,
                depth=depth,
                list_id=lists[-1] if lists else 0,
                continued=offset > 0,
            )
        )
    return blocks


def _tables(tokens: list[Token], source: list[str]) -> list[Block]:
    """A GFM table as table blocks: a second delimiter row starts a second table, and a row with no
    `|` in its source (a paragraph glued under the table) is a line again."""
    rows: list[tuple[int, list[str]]] = []
    for index, token in enumerate(tokens):
        if token.type == "tr_open":
            cells = []
            for inner in tokens[index + 1 :]:
                if inner.type == "tr_close":
                    break
                if inner.type == "inline":
                    cells.append(inner.content.strip())
            rows.append((token.map[0] + 1, cells))
    blocks: list[Block] = []
    table: Block | None = None
    for position, (line, cells) in enumerate(rows):
        raw = source[line - 1]
        if "|" not in raw:
            table = None
            blocks.append(Block("line", line, raw.strip()))
            continue
        following = rows[position + 1][0] if position + 1 < len(rows) else None
        if following is not None and DELIMITER_ROW.match(source[following - 1]) and position:
            table = None  # this row heads a second table
        if DELIMITER_ROW.match(raw) and table is not None and len(table.rows) > 0 and position:
            continue
        if table is None:
            table = Block("table", line)
            blocks.append(table)
        table.rows.append(cells)
        table.row_lines.append(line)
    for block in blocks:
        if block.kind == "table":
            last = block.row_lines[-1]
            block.text = "\n".join(s.rstrip() for s in source[block.line - 1 : last])
    return blocks


def _headless(lines: list[str], line: int) -> Block:
    """Rows such as `| 8 | Selecting elements |` under a heading, continuing an earlier table."""
    rows = [[cell.strip() for cell in row.strip().strip("|").split("|")] for row in lines]
    block = Block("table", line, "\n".join(s.rstrip() for s in lines), headless=True)
    block.rows, block.row_lines = rows, list(range(line, line + len(lines)))
    return block


def _mark_gaps(blocks: list[Block], source: list[str]) -> None:
    for block in blocks:
        block.gap = block.line >= 2 and not source[block.line - 2].strip()
