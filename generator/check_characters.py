"""Characters a reader cannot see, and entry file names that would break their page's URL."""

from __future__ import annotations

import re
import unicodedata

from .errors import Collector

# Noncharacters: U+FDD0-U+FDEF and the last two code points of each of the 17 planes. Unicode
# keeps them for a program's own use; XML, so a feed, refuses U+FFFE and U+FFFF, and no font
# draws any of them.
NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
# What the site refuses in a title, a tag, any YAML value and an entry body, one definition for
# all: C0 controls but tab and line ends, DEL, C1 controls (U+0085 included: an editor shows no
# line end, a feed reader may show one), lone surrogates and noncharacters. HTML shows nothing for
# them, and a feed cannot carry most of them.
CONTROL = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff{NONCHARACTERS}]")
# Bidi overrides and isolates (embedding, override, isolate, pop): in a title or a tag they reverse
# or reorder the text around it on every page and feed ("Trojan source"). Arabic and Hebrew need
# none of them; the marks U+200E and U+200F, which reorder nothing around them, stay allowed.
BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")

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
    """`control character U+0007`, `lone surrogate U+D800`, `noncharacter U+FFFE` or `bidi control U+202E`."""
    code = ord(character)
    if 0xD800 <= code <= 0xDFFF:
        kind = "lone surrogate"
    elif 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        kind = "noncharacter"
    elif BIDI_CONTROL.fullmatch(character):
        kind = "bidi control"
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
