"""Characters a reader cannot see, and entry file names that would break their page's URL."""

from __future__ import annotations

import re
import unicodedata

from .errors import Collector

# What XML, so a feed, cannot carry; HTML shows nothing for them.
CONTROL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# Controls, format characters (zero-width spaces and joiners, bidi marks, a BOM), spaces of every
# width, marks with nothing to sit on, private-use and unassigned code points.
INVISIBLE_CATEGORIES = {"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me", "Co", "Cn"}
# Letters and symbols that draw nothing: the Hangul fillers and the blank Braille pattern.
BLANK_GLYPHS = set("\u115f\u1160\u3164\uffa0\u2800")
NAMES = {"\ufeff": "BYTE ORDER MARK"}  # what a learner knows it as (a second BOM is the usual one)
# The URL of an entry is /journal/<file stem>/: a space, `#`, `?` or `%` breaks the link in pages
# and feeds, which show the name as it is. Letters and digits of any script are kept as they are
# (browsers and feed readers take them); `-`, `_` and `.` are all the punctuation a URL needs.
NAME_PUNCTUATION = set("-_.")
SAFE_NAME = re.compile(r"[A-Za-z0-9._-]+")


def is_invisible(character: str) -> bool:
    """True for a character that shows nothing: a space, a control, a zero-width or bidi mark, …"""
    return unicodedata.category(character) in INVISIBLE_CATEGORIES or character in BLANK_GLYPHS


def describe(character: str) -> str:
    """`U+200B ZERO WIDTH SPACE`, or `U+0085` for a character without a name."""
    name = NAMES.get(character) or unicodedata.name(character, "")
    return f"U+{ord(character):04X} {name}".rstrip()


def describe_unprintable(character: str) -> str:
    """`control character U+0007`, `lone surrogate U+D800` or `noncharacter U+FFFE`."""
    code = ord(character)
    if 0xD800 <= code <= 0xDFFF:
        kind = "lone surrogate"
    elif code in (0xFFFE, 0xFFFF):
        kind = "noncharacter"
    else:
        kind = "control character"
    return f"{kind} U+{code:04X}"


def check_file_name(stem: str, path: str, problems: Collector) -> None:
    """Record an error when an entry's file name has characters that would break its URL."""
    if SAFE_NAME.fullmatch(stem):
        return
    bad = [c for c in dict.fromkeys(stem) if not _is_name_character(c)]
    if bad:
        shown = ", ".join(_quote(c) for c in bad)
        problems.error(
            path,
            1,
            f"the file name has characters that break its URL ({shown}): rename it with "
            "letters, digits, '-', '_' and '.' only",
        )


def _is_name_character(character: str) -> bool:
    if character in NAME_PUNCTUATION:
        return True
    # Marks too: a decomposed `é` (macOS writes file names so) is `e` and a combining accent.
    category = unicodedata.category(character)
    return (category[0] in "LN" and character not in BLANK_GLYPHS) or category in ("Mn", "Mc")


def _quote(character: str) -> str:
    shown = repr(character)
    return shown if character.isprintable() else f"{shown} ({describe(character)})"
