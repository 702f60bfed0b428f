"""Card images for link previews (OpenGraph, Twitter): a card's SVG from its inputs, then its PNG.

The text is laid out here, with the widths of the fonts that ship in site_template/fonts/, and
drawn by resvg with those fonts alone: no system font, so a card is the same on every machine.
DejaVu Sans draws Latin, Greek, Cyrillic, Arabic and Hebrew; Droid Sans Fallback draws the Chinese,
Japanese and Korean characters it lacks, and is loaded only for a card that has some.
"""

from __future__ import annotations

import hashlib
import platform
import re
import string
import unicodedata
from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import escape

import resvg_py

from .measure_text import FontMetrics, merge_metrics, read_metrics
from .settings import DEFAULT_TEMPLATE_DIR

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
FONT_DIR = DEFAULT_TEMPLATE_DIR / "fonts"
REGULAR, BOLD = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
FALLBACK = FONT_DIR / "DroidSansFallback.ttf"  # 3.4 MB: read only for cards that need it
FAMILY, FALLBACK_FAMILY = "DejaVu Sans", "Droid Sans Fallback"
# Bump when card_svg draws differently: cached cards of the old layout are then rendered again.
LAYOUT_VERSION = 2
# (font size, most lines): the largest size that holds the whole title wins.
TITLE_SIZES = ((72, 3), (60, 4), (50, 4))
TITLE_TOP = 150
ELLIPSIS = "…"
ASCII = frozenset(string.printable)  # drawn by DejaVu Sans
# CJK ideographs, kana, Hangul and fullwidth forms, each with the closing marks that follow it.
WIDE = "\u2e80-\u303f\u3040-\u30ff\u3100-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
CLOSING = "、。，．：；！？）」』】〉》〕”’ー,.;:!?)"
WIDE_PIECE = re.compile(f"[{WIDE}][{CLOSING}]*|[^{WIDE}]+")
DROPPED_EDGE = "\0 ·|,:;-–—"
# A flame, drawn rather than written: the fonts have no emoji.
FLAME = (
    "M12 1.5C13 5.5 18.5 8 18.5 14.2A6.5 6.5 0 0 1 5.5 14.2C5.5 11 7 9.2 8.6 7.8"
    "C8.8 10 9.8 11.4 11.2 11.8C10.4 8.4 10.6 4.6 12 1.5Z"
)


@dataclass(frozen=True)
class Colours:
    """A card's colours: Material's primary colour behind, its text colour, the accent for the bar."""

    background: str = "#4051b5"
    text: str = "#ffffff"
    text_opacity: float = 1.0
    accent: str = "#526cfe"


DEFAULT_COLOURS = Colours()  # Material's default palette: indigo, indigo


@dataclass(frozen=True)
class Card:
    """What a card shows; every field is plain text, escaped when drawn."""

    kicker: str
    title: str
    subtitle: str = ""
    percent: int | None = None  # the bar, 0-100; None draws no bar
    progress: str = ""  # the words above the bar
    streak: int = 0
    fallback: str = ""  # the title when the fonts can draw none of its letters (CJK, emoji)
    colours: Colours = DEFAULT_COLOURS

    @property
    def alt(self) -> str:
        """The card in words, for og:image:alt."""
        parts = [self.title, self.subtitle, self.progress]
        if self.streak:
            parts.append(f"{self.streak}-day streak")
        return " · ".join(part for part in parts if part)


# Material for MkDocs' palette (its palette.css): primary name -> the header colour, and whether
# the header text is dark (rgba(0, 0, 0, .87)) rather than white.
PRIMARY = {
    "red": "#ef5552",
    "pink": "#e92063",
    "purple": "#ab47bd",
    "deep-purple": "#7e56c2",
    "indigo": "#4051b5",
    "blue": "#2094f3",
    "light-blue": "#02a6f2",
    "cyan": "#00bdd6",
    "teal": "#009485",
    "green": "#4cae4f",
    "light-green": "#8bc34b",
    "lime": "#cbdc38",
    "yellow": "#ffec3d",
    "amber": "#ffc105",
    "orange": "#ffa724",
    "deep-orange": "#ff6e42",
    "brown": "#795649",
    "grey": "#757575",
    "blue-grey": "#546d78",
    "black": "#14151a",  # hsla(225, 15%, 9%): --md-hue is 225
    "white": "#ffffff",
}
DARK_TEXT = {"lime", "yellow", "amber", "orange", "white"}
ACCENT = {
    "red": "#ff1a47",
    "pink": "#f50056",
    "purple": "#df41fb",
    "deep-purple": "#7c4dff",
    "indigo": "#526cfe",
    "blue": "#4287ff",
    "light-blue": "#0091eb",
    "cyan": "#00bad6",
    "teal": "#00bda4",
    "green": "#00c753",
    "light-green": "#63de17",
    "lime": "#b0eb00",
    "yellow": "#ffd400",  # hsl(50, 100%, 50%)
    "amber": "#ffaa00",
    "orange": "#ff9000",  # hsl(34, 100%, 50%)
    "deep-orange": "#ff6e42",
}


def card_colours(palette) -> Colours:
    """The card colours of mkdocs.yml's `theme.palette` (a mapping or a list of them): the first
    scheme's primary and accent names; Material's default (indigo) for a missing or custom name."""
    if isinstance(palette, list | tuple):
        palette = palette[0] if palette else {}
    palette = palette if isinstance(palette, dict) else {}
    primary = str(palette.get("primary") or "indigo").lower().replace(" ", "-")
    accent = str(palette.get("accent") or "indigo").lower().replace(" ", "-")
    if primary not in PRIMARY:
        primary = "indigo"
    dark = primary in DARK_TEXT
    background = PRIMARY[primary]
    bar = ACCENT.get(accent, ACCENT["indigo"])
    text = "#000000" if dark else "#ffffff"
    if _contrast(bar, background) < 1.5:  # an accent close to the background: a bar in text colour
        bar = text
    return Colours(background, text, 0.87 if dark else 1.0, bar)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, two: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def card_svg(card: Card) -> str:
    """The card as an SVG document, 1200×630, its text escaped, wrapped and cut to fit."""
    regular, bold = card_fonts(card)
    colours = card.colours
    fill = f'fill="{colours.text}"'
    if colours.text_opacity != 1:
        fill += f' fill-opacity="{colours.text_opacity:g}"'
    muted = f'fill="{colours.text}" fill-opacity="{0.75 * colours.text_opacity:g}"'
    inner = WIDTH - 2 * MARGIN
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="{FAMILY}, {FALLBACK_FAMILY}">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{colours.background}"/>',
        f'<rect width="{WIDTH}" height="10" fill="{colours.accent}"/>',
    ]
    kicker = fit_line(visible(card.kicker, regular), regular, 30, inner)
    parts.append(_text(MARGIN, 110, 30, kicker, muted))
    title = visible(card.title, bold)
    if not any(unicodedata.category(char)[0] in "LN" for char in title):
        title = visible(card.fallback, bold)
    size, lines = fit_title(title, bold)
    spans = "".join(
        f'<tspan x="{MARGIN}" y="{round(TITLE_TOP + size * (0.95 + 1.15 * n))}">{escape(line)}</tspan>'
        for n, line in enumerate(lines)
    )
    parts.append(f'<text font-size="{size}" font-weight="bold" {fill}>{spans}</text>')
    subtitle = fit_line(visible(card.subtitle, regular), regular, 36, inner)
    parts.append(_text(MARGIN, 476, 36, subtitle, fill))
    parts += _footer(card, regular, fill, muted, inner)
    parts.append("</svg>")
    return "\n".join(part for part in parts if part) + "\n"


def _footer(card: Card, font: FontMetrics, fill: str, muted: str, inner: int) -> list[str]:
    """The streak (right), the progress words (left) and the bar under them."""
    parts, used = [], 0
    if card.streak > 0:
        words = f"{card.streak}-day streak"
        width = font.width(words, 28)
        used = width + 36 + 40
        right = WIDTH - MARGIN
        flame = right - width - 34
        parts.append(
            f'<path transform="translate({flame:.1f} 504) scale(1.4)" d="{FLAME}" '
            f'fill="{card.colours.accent}"/>'
        )
        parts.append(_text(right, 532, 28, words, fill, anchor="end"))
    progress = fit_line(visible(card.progress, font), font, 28, inner - used)
    parts.append(_text(MARGIN, 532, 28, progress, muted))
    if card.percent is not None:
        percent = max(0, min(100, card.percent))
        track = f'x="{MARGIN}" y="552" height="22" rx="11"'
        parts.append(
            f'<rect {track} width="{inner}" fill="{card.colours.text}" fill-opacity=".25"/>'
        )
        if percent:
            parts.append(
                f'<rect {track} width="{inner * percent / 100:g}" fill="{card.colours.accent}"/>'
            )
    return parts


def _text(x: float, y: float, size: int, text: str, paint: str, anchor: str = "") -> str:
    if not text:
        return ""
    anchor = f' text-anchor="{anchor}"' if anchor else ""
    return f'<text x="{x:g}" y="{y}" font-size="{size}"{anchor} {paint}>{escape(text)}</text>'


def visible(text: str, font: FontMetrics) -> str:
    """`text` on one line, without the characters the font cannot draw (they would be boxes)."""
    text = " ".join(unicodedata.normalize("NFC", text or "").split())
    kept = "".join(char if font.covers(char) else "\0" for char in text)
    # A separator left at an end by what was dropped ("学习 · Learning") goes with it.
    if kept.startswith("\0"):
        kept = kept.lstrip(DROPPED_EDGE)
    if kept.endswith("\0"):
        kept = kept.rstrip(DROPPED_EDGE)
    return " ".join(kept.replace("\0", " ").split())


def fit_title(title: str, font: FontMetrics) -> tuple[int, list[str]]:
    """The largest title size whose lines hold the whole title, else the smallest, cut with …."""
    width = WIDTH - 2 * MARGIN
    for size, most in TITLE_SIZES:
        lines = wrap(title, font, size, width, most + 1)
        if len(lines) <= most:
            return size, lines
    # Too long at the smallest size too: its last line takes the rest, cut with an ellipsis.
    return size, [*lines[: most - 1], fit_line(" ".join(lines[most - 1 :]), font, size, width)]


def pieces(text: str) -> list[tuple[str, str]]:
    """(piece, what joins it to the one before): the words of `text`, and each Chinese, Japanese
    or Korean character a piece of its own (a line may break between two), with the punctuation
    that may not start a line."""
    found = []
    for word in text.split():
        for number, piece in enumerate(WIDE_PIECE.findall(word)):
            found.append((piece, "" if number else " "))
    return found


def wrap(text: str, font: FontMetrics, size: float, width: float, most: int = 0) -> list[str]:
    """`text` in lines of at most `width` px, broken at spaces and between CJK characters, and
    inside words too long alone; given `most`, only its first `most` lines."""
    lines: list[str] = []
    line = ""
    for word, glue in pieces(text):
        if most and len(lines) >= most:
            break
        joined = f"{line}{glue}{word}" if line else word
        if font.width(joined, size) <= width:
            line = joined
            continue
        if line:
            lines.append(line)
        line = ""
        for char in word:  # a word wider than a line is broken where the line is full
            if line and font.width(line + char, size) > width:
                lines.append(line)
                line = ""
                if most and len(lines) >= most:
                    break
            line += char
    lines = [*lines, line] if line else lines
    return lines[:most] if most else lines


def fit_line(text: str, font: FontMetrics, size: float, width: float) -> str:
    """`text` as it is when it fits in `width` px, else cut and ended with …."""
    if font.width(text, size) <= width:
        return text
    room = width - font.width(ELLIPSIS, size)
    end, total = 0, 0.0
    for char in text:
        total += font.width(char, size)
        if total > room:
            break
        end += 1
    cut = text[:end].rstrip(" ,.;:·-–—")
    while cut and unicodedata.combining(cut[-1]):  # no accent left without its letter
        cut = cut[:-1]
    return cut + ELLIPSIS


def card_fonts(card: Card) -> tuple[FontMetrics, FontMetrics]:
    """The widths of the card's regular and bold text: DejaVu Sans, else Droid Sans Fallback."""
    words = card.kicker + card.title + card.subtitle + card.progress + card.fallback
    if not needs_fallback(unicodedata.normalize("NFC", words)):  # as `visible` reads it
        # The same widths as with the fallback, without reading it: a third of a second a process.
        return read_metrics(REGULAR), read_metrics(BOLD)
    return _with_fallback()


def needs_fallback(text: str) -> bool:
    """Whether `text` has a character that DejaVu Sans, regular or bold, cannot draw."""
    regular, bold = read_metrics(REGULAR), read_metrics(BOLD)
    return not all(regular.covers(char) and bold.covers(char) for char in set(text) - ASCII)


@cache
def _with_fallback() -> tuple[FontMetrics, FontMetrics]:
    fallback = read_metrics(FALLBACK)
    return (
        merge_metrics(read_metrics(REGULAR), fallback),
        merge_metrics(read_metrics(BOLD), fallback),
    )


def render_card_png(svg: str) -> bytes:
    """The PNG of a card's SVG: the same bytes for the same SVG, with no time or text chunks."""
    fonts = [str(REGULAR), str(BOLD)]
    # Parsing the large fallback font costs more than drawing most cards.
    if needs_fallback(svg):
        fonts.append(str(FALLBACK))
    return bytes(
        resvg_py.svg_to_bytes(
            svg_string=svg,
            skip_system_fonts=True,
            font_files=fonts,
            font_family=FAMILY,
            sans_serif_family=FAMILY,
        )
    )


@cache
def renderer_id() -> str:
    """What else a card's pixels depend on: the layout, resvg's version and the fonts' bytes."""
    data = b"".join(path.read_bytes() for path in (REGULAR, BOLD, FALLBACK))
    fonts = hashlib.sha256(data).hexdigest()[:16]
    return (
        f"layout {LAYOUT_VERSION}; {platform.machine()}; resvg-py {resvg_py.__version__}; "
        f"resvg {resvg_py.__resvg_version__}; fonts {fonts}"
    )
