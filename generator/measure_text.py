"""Widths of text in a TrueType font, read from its own tables: what fits on a card line."""

from __future__ import annotations

import struct
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# Not drawn however a font maps them: controls (never valid in XML), surrogates, unassigned.
INVISIBLE = ("Cc", "Cs", "Cn", "Co")


@dataclass(frozen=True)
class FontMetrics:
    """A font's advance width per character, in em (1.0 = the font size)."""

    advances: dict[int, float]

    def covers(self, char: str) -> bool:
        """True when the font has a glyph for `char`."""
        return ord(char) in self.advances

    def width(self, text: str, size: float) -> float:
        """The width of `text` at `size` px, without kerning (which only narrows it)."""
        return sum(self.advances.get(ord(char), 0.0) for char in text) * size


def merge_metrics(*fonts: FontMetrics) -> FontMetrics:
    """The widths of fonts used together: each character's from the first font that has it."""
    advances: dict[int, float] = {}
    for font in reversed(fonts):
        advances.update(font.advances)
    return FontMetrics(advances)


@cache
def read_metrics(path: Path) -> FontMetrics:
    """The advance widths of every character that the font at `path` maps (cmap + hmtx)."""
    data = path.read_bytes()
    tables = _tables(data)
    units = struct.unpack_from(">H", data, tables["head"] + 18)[0]
    metric_count = struct.unpack_from(">H", data, tables["hhea"] + 34)[0]
    widths = struct.unpack_from(f">{metric_count * 2}H", data, tables["hmtx"])[::2]
    advances = {}
    for code, glyph in _character_map(data, tables["cmap"]).items():
        if glyph and unicodedata.category(chr(code)) not in INVISIBLE:
            advances[code] = widths[min(glyph, metric_count - 1)] / units
    return FontMetrics(advances)


def _tables(data: bytes) -> dict[str, int]:
    count = struct.unpack_from(">H", data, 4)[0]
    records = (struct.unpack_from(">4s4xI4x", data, 12 + 16 * n) for n in range(count))
    return {tag.decode("latin-1"): offset for tag, offset in records}


def _character_map(data: bytes, cmap: int) -> dict[int, int]:
    """Code point -> glyph id, from the font's Unicode subtable (format 12, else format 4)."""
    count = struct.unpack_from(">H", data, cmap + 2)[0]
    subtables = {}
    for n in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * n)
        subtables[(platform, encoding)] = cmap + offset
    readers = {4: _format_4, 12: _format_12}
    # Full Unicode (Windows, then Unicode platform) before the Basic Multilingual Plane alone.
    for key in ((3, 10), (0, 4), (0, 6), (3, 1), (0, 3)):
        if key in subtables:
            read = readers.get(struct.unpack_from(">H", data, subtables[key])[0])
            if read:
                return read(data, subtables[key])
    raise ValueError("the font has no Unicode character map")


def _format_12(data: bytes, start: int) -> dict[int, int]:
    groups = struct.unpack_from(">I", data, start + 12)[0]
    mapping = {}
    for n in range(groups):
        first, last, glyph = struct.unpack_from(">III", data, start + 16 + 12 * n)
        for code in range(first, last + 1):
            mapping[code] = glyph + code - first
    return mapping


def _format_4(data: bytes, start: int) -> dict[int, int]:
    segments = struct.unpack_from(">H", data, start + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", data, start + 14)
    starts = struct.unpack_from(f">{segments}H", data, start + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, start + 16 + 4 * segments)
    range_at = start + 16 + 6 * segments
    offsets = struct.unpack_from(f">{segments}H", data, range_at)
    mapping = {}
    for n in range(segments):
        for code in range(starts[n], ends[n] + 1):
            if code == 0xFFFF:
                continue
            if offsets[n] == 0:
                glyph = (code + deltas[n]) & 0xFFFF
            else:  # the glyph id is in glyphIdArray, addressed from this idRangeOffset entry
                at = range_at + 2 * n + offsets[n] + 2 * (code - starts[n])
                glyph = struct.unpack_from(">H", data, at)[0]
                glyph = (glyph + deltas[n]) & 0xFFFF if glyph else 0
            mapping[code] = glyph
    return mapping
