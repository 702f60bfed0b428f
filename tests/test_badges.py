"""Badges: golden files (`--update-golden` rewrites them), exact texts, widths from Verdana's metrics,
size, determinism, escaping, accessibility, drafts never counted, and ids that would collide."""

from __future__ import annotations

import datetime as dt
import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import check_golden

from generator.build_site import build_site
from generator.model import ChecklistItem, Entry, Node, Roadmap
from generator.render_badges import (
    BLUE,
    FIRE,
    GREEN,
    GREY,
    LABEL_COLOUR,
    render_badge,
    render_badges,
    render_logged_badge,
    render_roadmap_badge,
    render_streak_badge,
    roadmap_badge_value,
    text_width,
)

GOLDEN = Path(__file__).resolve().parent / "golden" / "badges"
SVG = "{http://www.w3.org/2000/svg}"
D = dt.date
HOSTILE = '<script>alert(1)</script> & "co", a title too long for a badge'


def daily(roadmap_id: str, start: D, days: int, title: str | None = None) -> Roadmap:
    return Roadmap(
        roadmap_id,
        title or roadmap_id.capitalize(),
        f"roadmaps/{roadmap_id}.yaml",
        start=start,
        children=[Node("day", f"Topic {n}", n) for n in range(1, days + 1)],
    )


def weekly(roadmap_id: str, start: D | None, weeks: int) -> Roadmap:
    return Roadmap(
        roadmap_id,
        "Eight weeks",
        f"roadmaps/{roadmap_id}.yaml",
        start=start,
        children=[Node("week", f"Week {n}", n) for n in range(1, weeks + 1)],
    )


def checklist(done: int, total: int) -> Roadmap:
    items = [ChecklistItem(f"Item {n}", done=n <= done) for n in range(1, total + 1)]
    return Roadmap(
        "list",
        "Reading list",
        "roadmaps/list.yaml",
        children=[Node("section", "All", checklist=items)],
    )


def entry(date: D, name: str = "", **fields) -> Entry:
    stem = f"{date.isoformat()}{'-' + name if name else ''}"
    return Entry(f"journal/{stem}.md", stem, date, "Body.", **fields)


def year_site():
    """Day 42 of a 365-day plan from Mon 5 Jan 2026; 40 days done, the last twelve in a row."""
    plan = daily("backend-365", D(2026, 1, 5), 365, title="Backend 365")
    days = [*range(1, 29), *range(30, 42)]  # day 29 skipped: the streak is days 30-41
    entries = [entry(D(2026, 1, 4) + dt.timedelta(days=n)) for n in days]
    entries.append(entry(D(2026, 2, 15), "draft", draft=True))  # today: never counted
    return build_site([plan], entries, [], D(2026, 2, 15))


def view_of(site, index: int = 0):
    return site.roadmaps[index], site.today


def roadmap_badge(site, index: int = 0) -> str:
    return render_roadmap_badge(*view_of(site, index))


CASES = {
    "streak": lambda: render_streak_badge(12),
    "streak-one": lambda: render_streak_badge(1),
    "streak-none": lambda: render_streak_badge(0),
    "logged": lambda: render_logged_badge(214),
    "roadmap-day": lambda: roadmap_badge(year_site()),
    "roadmap-week": lambda: roadmap_badge(
        build_site(
            [weekly("eight", D(2026, 3, 2), 8)],
            [entry(D(2026, 3, 4), roadmap="eight", week=1)],
            [],
            D(2026, 3, 18),
        )
    ),
    "roadmap-checklist": lambda: roadmap_badge(
        build_site([checklist(12, 40)], [], [], D(2026, 3, 6))
    ),
    "roadmap-escaped": lambda: roadmap_badge(
        build_site([daily("x", D(2026, 3, 2), 10, title=HOSTILE)], [], [], D(2026, 3, 6))
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name, request):
    check_golden(GOLDEN / f"{name}.svg", CASES[name]().encode("utf-8"), request)


@pytest.mark.parametrize("name", sorted(CASES))
def test_small_deterministic_accessible(name):
    text = CASES[name]()
    assert text == CASES[name]()
    assert len(text.encode("utf-8")) < 1024
    svg = ET.fromstring(text)
    assert svg.get("role") == "img"
    name_said = svg.get("aria-label")
    assert name_said and svg.find(f"{SVG}title").text == name_said
    assert {el.tag.removeprefix(SVG) for el in svg.iter()} <= {
        *("svg", "title", "rect", "path", "g", "text")
    }
    assert "<script" not in text


def texts(svg_text: str) -> list[str]:
    return [t.text for t in ET.fromstring(svg_text).iter(f"{SVG}text")]


def test_streak_badge():
    badge = render_streak_badge(12)
    assert texts(badge) == ["streak", "12 days"]
    assert ET.fromstring(badge).get("aria-label") == "streak: 12 days"
    # The flame is two paths, not the 🔥 emoji a viewer without an emoji font sees as a box.
    assert [p.get("fill") for p in ET.fromstring(badge).iter(f"{SVG}path")][1:] == [
        "#ff9800",
        "#ffd54f",
    ]
    assert "🔥" not in badge
    assert texts(render_streak_badge(1)) == ["streak", "1 day"]


def test_logged_badge():
    assert texts(render_logged_badge(214)) == ["logged", "214 days"]
    assert ET.fromstring(render_logged_badge(214)).get("aria-label") == "logged: 214 days"


@pytest.mark.parametrize(
    "roadmaps, entries, today, expected",
    [
        (
            [daily("d", D(2026, 1, 5), 365)],
            [entry(D(2026, 1, 5))],
            D(2026, 2, 15),
            "Day 42 of 365 · 0 %",
        ),
        # A rest day: still the last planned day's number.
        (
            [
                Roadmap(
                    "r",
                    "R",
                    "roadmaps/r.yaml",
                    start=D(2026, 3, 2),
                    rest_days=frozenset({6}),
                    children=[Node("day", "T", n) for n in range(1, 11)],
                )
            ],
            [],
            D(2026, 3, 8),
            "Day 6 of 10 · 0 %",
        ),
        ([weekly("w", D(2026, 3, 2), 8)], [], D(2026, 3, 18), "Week 3 of 8 · 0 %"),
        ([daily("d", D(2026, 11, 16), 365)], [], D(2026, 9, 1), "starts 16 Nov 2026"),
        # After the last planned date, or once all is done: what is done.
        (
            [daily("d", D(2026, 3, 2), 3)],
            [entry(D(2026, 3, 2))],
            D(2026, 4, 1),
            "1 of 3 done · 33 %",
        ),
        (
            [daily("d", D(2026, 3, 2), 3)],
            [entry(D(2026, 3, d)) for d in (2, 3, 4)],
            D(2026, 3, 4),
            "3 of 3 done · 100 %",
        ),
        ([checklist(12, 40)], [], D(2026, 3, 6), "12 of 40 done · 30 %"),
        ([weekly("w", None, 8)], [], D(2026, 3, 6), "0 of 8 done · 0 %"),  # no start: no dates
        ([Roadmap("e", "Empty", "roadmaps/e.yaml")], [], D(2026, 3, 6), "nothing planned"),
    ],
)
def test_roadmap_badge_value(roadmaps, entries, today, expected):
    site = build_site(roadmaps, entries, [], today)
    assert roadmap_badge_value(site.roadmaps[0], today) == expected


def test_roadmap_badge_day_42_of_365():
    badge = CASES["roadmap-day"]()
    assert texts(badge) == ["Backend 365", "Day 42 of 365 · 11 %"]
    assert ET.fromstring(badge).get("aria-label") == "Backend 365: Day 42 of 365 · 11 %"


def test_roadmap_badge_escapes_and_shortens_its_title():
    badge = CASES["roadmap-escaped"]()
    assert "&lt;script&gt;" in badge
    assert texts(badge)[0] == '<script>alert(1)</script> & "co…'
    assert ET.fromstring(badge).get("aria-label") == f"{HOSTILE}: Day 5 of 10 · 0 %"


def test_widths_follow_verdana():
    assert text_width("logged") == 36.8  # 3.02 + 6.68 + 6.85 × 2 + 6.55 + 6.85
    assert text_width("12 days") == 43.5  # 43.55, rounded down: floats
    assert text_width("é") == text_width("e")  # accented letters as wide as their base
    assert text_width("🔥") == 13.8  # 13.75 to a tenth
    assert text_width("e\u0301") == text_width("e")  # a combining accent takes no room
    badge = ET.fromstring(render_badge("logged", "12 days"))
    assert badge.get("width") == str(math.ceil(36.8) + 10 + math.ceil(43.5) + 10)
    label, value = badge.iter(f"{SVG}text")
    assert (label.get("x"), label.get("textLength")) == ("23.5", "36.8")
    assert (value.get("x"), value.get("textLength")) == ("74", "43.5")
    # With the flame before the label: 5 + 10 + 3 units of it come first.
    streak = ET.fromstring(render_streak_badge(12))
    left = 18 + math.ceil(text_width("streak")) + 5
    assert streak.get("width") == str(left + math.ceil(43.5) + 10)
    label, _ = streak.iter(f"{SVG}text")
    assert float(label.get("x")) == (18 + left - 5) / 2


def test_every_badge_of_a_site_drafts_never_counted():
    site = year_site()
    badges = render_badges(site)
    assert sorted(badges) == ["badges/backend-365.svg", "badges/logged.svg", "badges/streak.svg"]
    assert badges == render_badges(year_site())  # byte for byte
    # The draft dated today would make 41 days logged and a 13-day streak.
    assert texts(badges["badges/streak.svg"].decode()) == ["streak", "12 days"]
    assert texts(badges["badges/logged.svg"].decode()) == ["logged", "40 days"]


def test_ids_that_would_replace_a_badge():
    roadmaps = [
        daily("streak", D(2026, 3, 2), 3),
        daily("logged", D(2026, 3, 2), 3),
        daily("ok", D(2026, 3, 2), 3),
    ]
    # check and build refuse these ids (tests/bad_input/reserved-badge-id): were it ever built,
    # the streak badge keeps its URL.
    badges = render_badges(build_site(roadmaps, [], [], D(2026, 3, 6)))
    assert sorted(badges) == ["badges/logged.svg", "badges/ok.svg", "badges/streak.svg"]
    assert ET.fromstring(badges["badges/streak.svg"]).get("aria-label") == "streak: 0 days"


def contrast_with_white(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


@pytest.mark.parametrize("colour", [LABEL_COLOUR, GREEN, BLUE, FIRE, GREY])
def test_white_text_is_readable_on_every_badge_colour(colour):
    assert contrast_with_white(colour) >= 4.5
