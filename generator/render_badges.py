"""Shields-style SVG badges for a README: the streak, the days logged and each roadmap's progress.

Two parts (label, value), rounded, a few hundred bytes, the same bytes for the same numbers. Widths
come from Verdana's advance widths at 11 px, as shields.io measures them, and `textLength` pins each
text to that width, so a viewer without Verdana shows the same badge.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from html import escape

from .check_names import BADGE_NAMES
from .model import RoadmapView, Site
from .words import plural

# Verdana 2.35, 11 px: the advance of each character from space to `~`, in hundredths of a pixel.
ASCII_WIDTHS = (
    *(387, 433, 505, 900, 699, 1184, 799, 295, 500, 500, 699, 900, 400, 500, 400, 500),
    *(699, 699, 699, 699, 699, 699, 699, 699, 699, 699, 500, 500, 900, 900, 900, 600),
    *(1100, 752, 754, 768, 848, 696, 632, 853, 827, 463, 500, 762, 612, 927, 823, 866),
    *(663, 866, 765, 752, 678, 805, 752, 1088, 754, 677, 754, 500, 500, 500, 900, 699),
    *(699, 661, 685, 573, 685, 655, 387, 685, 696, 302, 379, 651, 302, 1070, 696, 668),
    *(685, 685, 469, 573, 433, 696, 651, 900, 651, 651, 578, 698, 500, 698, 900),
)
# The same for the punctuation badges use; an accented letter is as wide as its base letter.
OTHER_WIDTHS = {
    "\xa0": 387, "·": 400, "…": 900, "–": 699, "—": 1100, "‘": 295, "’": 295, "“": 505,
    "”": 505, "•": 600, "«": 709, "»": 709, "×": 900, "©": 1100, "€": 699, "°": 596,
}  # fmt: skip
EMOJI_WIDTH = 13.75  # a colour emoji's advance (about 1.25 em) in the viewer's emoji font
WIDE_WIDTH = 11.0  # a CJK character: one em
UNKNOWN_WIDTH = 7.0  # about a Verdana lowercase letter
PADDING = 5  # each side of each part, as shields.io
# White text on each of these is at least 4.5:1.
LABEL_COLOUR, GREEN, BLUE, FIRE, GREY = "#555555", "#2e7d32", "#1565c0", "#bf360c", "#616161"
# A flame drawn with paths, not the 🔥 emoji: without a colour emoji font a viewer sees a box.
FLAME = (
    '<path fill="#ff9800" d="M10.5 3.5c.5 3 4.5 4.5 4.5 8.5a5 4.5 0 0 1-10 0c0-2.5 1.5-4 2.5-5 0 2 '
    '1 3 2 3-1-2.5-.5-4.5 1-6.5z"/><path fill="#ffd54f" d="M10 16.5a2.5 2.5 0 0 1-2.5-2.5c0-1.5 '
    '1.5-2.5 2-4 .5 1.5 3 2.5 3 4a2.5 2.5 0 0 1-2.5 2.5z"/>'
)
ICON_WIDTH, ICON_GAP = 10, 3
LABEL_LENGTH = 32  # characters of a roadmap title on its badge


def char_width(ch: str) -> float:
    """A character's advance in Verdana at 11 px (estimated outside Latin-1 and punctuation)."""
    code = ord(ch)
    if 32 <= code < 127:
        return ASCII_WIDTHS[code - 32] / 100
    if ch in OTHER_WIDTHS:
        return OTHER_WIDTHS[ch] / 100
    if unicodedata.category(ch) in ("Mn", "Me", "Cf") or 0xFE00 <= code <= 0xFE0F:
        return 0.0  # combining marks, joiners and variation selectors take no room of their own
    base = unicodedata.normalize("NFD", ch)[0]
    if base != ch and 32 <= ord(base) < 127:
        return ASCII_WIDTHS[ord(base) - 32] / 100
    if code >= 0x1F000 or 0x2600 <= code <= 0x27BF:
        return EMOJI_WIDTH
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return WIDE_WIDTH
    return UNKNOWN_WIDTH


def text_width(text: str) -> float:
    """The width of `text` in Verdana at 11 px, rounded to a tenth of a pixel."""
    return round(sum(char_width(ch) for ch in text), 1)


def render_badge(
    label: str, value: str, colour: str = BLUE, name: str | None = None, icon: str = ""
) -> str:
    """A two-part badge: `label` on grey, `value` on `colour`; `name` is what a screen reader says.

    `icon`: SVG paths drawn in the 10 × 13 box at (5, 3.5), before the label, as shields' logos.
    """
    name = name or f"{label}: {value}"
    label_text, value_text = text_width(label), text_width(value)
    start = PADDING + (ICON_WIDTH + ICON_GAP if icon else 0)  # where the label's text begins
    left = start + math.ceil(label_text) + PADDING
    right = math.ceil(value_text) + 2 * PADDING
    width = left + right
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" '
        f'aria-label="{escape(name)}"><title>{escape(name)}</title>'
        f'<rect width="{width}" height="20" rx="3" fill="{colour}"/>'
        f'<path fill="{LABEL_COLOUR}" d="M3 0h{left - 3}v20H3a3 3 0 0 1-3-3V3a3 3 0 0 1 3-3z"/>'
        f"{icon}"
        '<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" '
        'font-size="11">'
        f'<text x="{_half(start + left - PADDING)}" y="14" textLength="{label_text:g}">'
        f"{escape(label)}</text>"
        f'<text x="{_half(2 * left + right)}" y="14" textLength="{value_text:g}">'
        f"{escape(value)}</text></g></svg>\n"
    )


def render_streak_badge(days: int) -> str:
    """`(flame) streak | 12 days` (grey at 0), read as "streak: 12 days"."""
    value = plural(days, "day")
    return render_badge("streak", value, FIRE if days else GREY, icon=FLAME)


def render_logged_badge(days: int) -> str:
    """`logged | 214 days`: the days with an entry that is not skipped."""
    return render_badge("logged", plural(days, "day"), BLUE if days else GREY)


def render_roadmap_badge(view: RoadmapView, today: dt.date) -> str:
    """`<roadmap title> | Day 42 of 365 · 11 %`, green once every unit is done."""
    title = view.roadmap.title
    label = title if len(title) <= LABEL_LENGTH else title[: LABEL_LENGTH - 1].rstrip() + "…"
    finished = view.progress.total > 0 and view.progress.done == view.progress.total
    value = roadmap_badge_value(view, today)
    return render_badge(label, value, GREEN if finished else BLUE, f"{title}: {value}")


def roadmap_badge_value(view: RoadmapView, today: dt.date) -> str:
    """Where the learner is in a roadmap: `Day 42 of 365 · 11 %`, `Week 3 of 8 · 30 %`,
    `starts 16 Nov 2026` before day 1, and `12 of 40 done · 30 %` after the last planned date, once
    all is done, or for a roadmap without dates (a checklist counts its items)."""
    progress, pace = view.progress, view.pace
    if not progress.total:
        return "nothing planned"
    done = f"{progress.done} of {progress.total} done · {progress.percent} %"
    if pace is None or pace.finished or today > pace.planned_finish:
        return done
    if not pace.started:
        first = min(u.dates[0] for u in view.units if u.dates)
        return f"starts {first.day} {first.strftime('%b %Y')}"
    dated = [u for u in view.units if u.dates and u.kind == pace.unit]
    current = max((u.number for u in dated if u.dates[0] <= today), default=None)
    if current is None:  # a plan mixing weeks and days, whose first unit of that kind is ahead
        return done
    last = max(u.number for u in dated)
    return f"{pace.unit.capitalize()} {current} of {last} · {progress.percent} %"


def render_badges(site: Site) -> dict[str, bytes]:
    """Every badge by its site path: badges/streak.svg, badges/logged.svg, badges/<roadmap id>.svg.

    A roadmap whose id names another badge gets none: `check_names.check_roadmap_id` refuses it, and the
    streak and logged badges keep their URLs whatever the roadmaps are called.
    """
    badges = {
        "badges/streak.svg": render_streak_badge(site.current_streak),
        "badges/logged.svg": render_logged_badge(site.days_logged),
    }
    for view in site.roadmaps:
        if view.roadmap.id not in BADGE_NAMES:
            badges[f"badges/{view.roadmap.id}.svg"] = render_roadmap_badge(view, site.today)
    return {path: text.encode("utf-8") for path, text in badges.items()}


def _half(number: int) -> str:
    return f"{number / 2:g}"
