"""Find `Phase/Month/Week/Day N` structure markers wherever a block starts or ends, and clean titles.

`Day 3: Intro`, `**Day 6–8:** Project`, `Week 3 (Feb. 19-23).`, `Days 1-2`, `Week One - Basics` lead a
block; `Feature Scaling | Day 3` and `Caching (Day 12)` end a heading. A trailing plural range such as
`(Days 1-10)` is a span: it stays with the node as a note, never as a number of its own.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

RANKS = {"phase": 0, "month": 1, "week": 2, "day": 3}
WORDS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
DIGITS = r"0*[1-9]\d*"
NUMBER = rf"{DIGITS}|{'|'.join(WORDS)}"
DASH = r"(?:-|–|—|to|through|&|and)"
KIND = r"(phase|month|week|wk|day)s?"
LEAD = re.compile(
    # A range repeats the same kind or none (`Day 7 — Week 2 revision` is day 7, titled) and ends
    # in digits (`Day 3 — Two pointers` is day 3).
    rf"^{KIND}[\s_-]*(?:#|no\.?)?\s*({NUMBER})\b(?:\s*{DASH}\s*(?:\1s?\s*)?({DIGITS})\b)?"
    r"(?:\s*(?:of|/)\s*\d+\b)?(.*)$",
    re.I,
)
GLUED_TRAIL = re.compile(r"^(.*?\S)\s+(phase|month|week|day)(\d+)$", re.I)
# `R2D7` is day 7 of round 2 in #100DaysOfCode logs.
ROUND_DAY = re.compile(r"^R\d+\s*D(\d+)\b", re.I)
# What may follow the number: nothing, a separator, or a parenthesised note.
SEPARATOR = re.compile(r"^\s*(?:[:.,)\]>|]|\s[-–—~]|[-–—~]\s|$)\s*|^\s*(?=\()", re.S)
# A heading may also put a plain space between the number and the title: `## Day 1 Setup`.
LOOSE = re.compile(r"^\s+(?=\S)")
TRAIL = re.compile(
    rf"^(.*?\S)\s*(?:\(\s*{KIND}\s*({NUMBER})(?:\s*{DASH}\s*({NUMBER}))?\s*\)|\[\s*{KIND}\s*"
    rf"({NUMBER})(?:\s*{DASH}\s*({NUMBER}))?\s*\]|(?:[|:·•]|\s[-–—])\s*{KIND}\s*({NUMBER})"
    rf"(?:\s*{DASH}\s*({NUMBER}))?)\s*$",
    re.I,
)
SPAN = re.compile(
    rf"\s*\(\s*((?:phase|month|week|wk|day)s\s*(?:{NUMBER})\s*{DASH}\s*(?:{NUMBER}))\s*\)\s*", re.I
)
PAREN_NOTE = re.compile(r"^\s*\(([^()]*)\)\s*[.:,-]?\s*(.*)$")
BOLD = re.compile(r"\*\*|__")
CHECKBOX = re.compile(r"^\[([ xX✔✓✅☑-]|✔️|☑️)\]\s*")
MARKS = {"✅": True, "✔️": True, "✔": True, "✓": True, "☑️": True, "☑": True, "❌": False}
OPEN_MARKS = ("⬜", "🔲", "☐", "🔳")


@dataclass
class Marker:
    """A structure marker: its kind, number or range, the title after it, and any span note."""

    kind: str
    first: int
    last: int
    title: str
    note: str = ""

    @property
    def value(self) -> int | str:
        """The schema value: `3`, or `"8-9"` for a range."""
        return self.first if self.last == self.first else f"{self.first}-{self.last}"

    @property
    def label(self) -> str:
        """`Day 3` or `Day 8-9`."""
        return f"{self.kind.capitalize()} {self.value}"


def to_number(text: str) -> int:
    """`07` -> 7, `seven` -> 7."""
    text = text.lower()
    return WORDS.index(text) + 1 if text in WORDS else int(text)


def _kind(text: str) -> str:
    text = text.lower().rstrip("s")
    return "week" if text == "wk" else text


def read_marker(text: str, heading: bool = False) -> Marker | None:
    """The marker that starts `text` (or, in a `heading`, ends it), else None."""
    plain = ROUND_DAY.sub(r"Day \1", strip_decoration(BOLD.sub("", text)))
    found = LEAD.match(plain)
    if found:
        kind, first, last, rest = found.groups()
        separated = SEPARATOR.match(rest) or (LOOSE.match(rest) if heading else None)
        if separated:
            return _marker(kind, first, last, rest[separated.end() :])
    if not heading:
        return None
    glued = GLUED_TRAIL.match(plain)  # `# RISCV Tapeout Week1`
    if glued:
        return _marker(glued.group(2), glued.group(3), None, glued.group(1))
    found = TRAIL.match(plain)
    if not found:
        return None
    groups = found.groups()
    title = groups[0]
    kind, first, last = next(groups[i : i + 3] for i in (1, 4, 7) if groups[i])
    if kind.lower().endswith("s") and last:  # `(Days 1-10)` is a span, not a node
        return None
    return _marker(kind, first, last, title)


def _marker(kind: str, first: str, last: str | None, rest: str) -> Marker | None:
    low, high = to_number(first), to_number(last) if last else to_number(first)
    if high < low:
        return None
    note = ""
    span = SPAN.search(rest)
    if span:
        note = span.group(1)
        rest = (rest[: span.start()] + " " + rest[span.end() :]).strip()
    paren = PAREN_NOTE.match(rest)
    if paren and paren.group(1).strip():  # `Week 3 (Feb. 19-23). Setup`: the dates are a note
        note = "; ".join(filter(None, [paren.group(1).strip(), note]))
        rest = paren.group(2)
    return Marker(_kind(kind), low, high, clean_title(rest), note)


def read_span(text: str) -> tuple[str, str]:
    """(`text` without a `(Days 1-10)` span, the span) for headings that are not markers."""
    span = SPAN.search(text)
    if not span:
        return text, ""
    return (text[: span.start()] + " " + text[span.end() :]).strip(), span.group(1)


def read_checkbox(text: str) -> tuple[bool | None, str, bool]:
    """(done, the text after the box, whether it was a `[ ]` box) for `[x] a`, `✅ a`, `⬜ a`."""
    box = CHECKBOX.match(text)
    if box:
        return box.group(1) not in (" ", "-"), text[box.end() :], True
    for mark, done in [*MARKS.items(), *((m, False) for m in OPEN_MARKS)]:
        if text.startswith(mark):
            return done, text[len(mark) :].lstrip("\ufe0f").strip(), False
    return None, text, False


def clean_title(text: str) -> str:
    """Title text without markup, decorative symbols at either end, or separators left over."""
    text = BOLD.sub("", text).strip()
    text = strip_decoration(text)
    text = text.strip(" \t:|–—-").strip()
    text = strip_decoration(text)
    if text.startswith("*") and text.endswith("*") and len(text) > 2:
        text = text.strip("*").strip()
    return text


def strip_decoration(text: str) -> str:
    """`text` without emoji and other symbols at either end."""
    text = text.strip()
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
        or ch in "\ufe0f\u200d"
    )
