"""The SVG charts and the /stats/ page: golden files (`--update-golden` rewrites them), accessibility,
escaping, phone readability and the colours' contrast in both schemes.

Each case is a Site built from literals, so every bar, step and date is known.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from zoneinfo import ZoneInfo

import lxml.html
import markdown
import pytest
from conftest import check_golden

from generator.build_site import build_site
from generator.build_stats import build_burnup, build_stats
from generator.lift_html import TOKEN
from generator.model import ChecklistItem, Commit, Entry, Node, Roadmap, TopicDef
from generator.render_charts import (
    SMALL_HEIGHT,
    Chart,
    nice_top,
    register_charts,
    render_bars,
    render_burnup,
    render_small_multiples,
    spread_ticks,
    step_path,
)
from generator.render_pages import make_env
from generator.settings import DEFAULT_TEMPLATE_DIR, Settings

GOLDEN = Path(__file__).resolve().parent / "golden" / "charts"
CSS = DEFAULT_TEMPLATE_DIR / "overrides" / "assets" / "stylesheets" / "roadlog-charts.css"
SVG = "{http://www.w3.org/2000/svg}"
PARIS = ZoneInfo("Europe/Paris")
D = dt.date
HOSTILE = '<script>alert(1)</script> & "co"'
PHONE_CONTENT = 358  # px: a 390 px phone less Material's .8rem (16 px) margins each side


def daily(roadmap_id: str, start: D, days: int, title: str | None = None) -> Roadmap:
    return Roadmap(
        roadmap_id,
        title or roadmap_id.capitalize(),
        f"roadmaps/{roadmap_id}.yaml",
        start=start,
        children=[Node("day", f"Topic {n}", n) for n in range(1, days + 1)],
    )


def entry(date: D, name: str = "", **fields) -> Entry:
    stem = f"{date.isoformat()}{'-' + name if name else ''}"
    return Entry(f"journal/{stem}.md", stem, date, "Body.", **fields)


@pytest.fixture
def env(tmp_path):
    env = make_env(Settings(root=tmp_path, site_name="Demo", site_url="https://x.example/"))
    register_charts(env)
    return env


# The cases.


def on_track_site():
    """Ten days from Mon 2 Mar 2026, today Fri 6 Mar: 4 done (one ticked off), one partial."""
    plan = daily("demo", D(2026, 3, 2), 10, title="Demo plan")
    plan.children[7].checklist = [ChecklistItem("Read", done=True)]
    entries = [
        entry(D(2026, 3, 2), hours=1),
        entry(D(2026, 3, 3), status="partial", hours=0.5),
        entry(D(2026, 3, 4), hours=2),
        entry(D(2026, 3, 5), "early", roadmap="demo", day=5, hours=1.5),
    ]
    return build_site([plan], entries, [], D(2026, 3, 6))


def slow_site():
    """Thirty days from 1 Jun 2026, today 20 Jun, one day done: the projection is years away."""
    plan = daily("slow", D(2026, 6, 1), 30, title=HOSTILE)
    return build_site([plan], [entry(D(2026, 6, 1))], [], D(2026, 6, 20))


def weekly_site():
    plan = Roadmap(
        "weeks",
        "Eight weeks",
        "roadmaps/weeks.yaml",
        start=D(2026, 3, 2),
        children=[Node("week", f"Week {n}", n) for n in range(1, 9)],
    )
    entries = [
        entry(D(2026, 3, 4), roadmap="weeks", week=1),
        entry(D(2026, 3, 10), roadmap="weeks", week=2),
    ]
    return build_site([plan], entries, [], D(2026, 3, 18))


def finished_site():
    plan = daily("short", D(2026, 3, 2), 3, title="Short")
    entries = [entry(D(2026, 3, d)) for d in (2, 3, 4)]
    return build_site([plan], entries, [], D(2026, 3, 9))


def future_site():
    return build_site([daily("later", D(2026, 11, 16), 365, title="Later")], [], [], D(2026, 9, 1))


def year_end_site():
    """Today Wed 6 Jan 2027; hours and commits around the DST changes and ISO week 53."""
    utc = ZoneInfo("UTC")
    entries = [
        entry(D(2026, 3, 29), hours=1),
        entry(D(2026, 3, 30), hours=0.25),
        entry(D(2026, 7, 14), hours=8),
        entry(D(2026, 12, 31), hours=2),
        entry(D(2027, 1, 3), hours=1.5),
        entry(D(2027, 1, 4), hours=0.5),
    ]
    moments = [(2026, 3, 29, 21), (2026, 3, 29, 22), (2026, 10, 25, 22), (2027, 1, 3, 23)]
    commits = [
        Commit(
            "code",
            f"{n:040x}",
            dt.datetime(*m, 30, tzinfo=utc).astimezone(PARIS),
            "Ada",
            f"Commit {n}",
        )
        for n, m in enumerate(moments)
    ]
    return build_site([], entries, commits, D(2027, 1, 6))


def burnup_of(site, **options):
    return lambda env: render_burnup(env, build_burnup(site.roadmaps[0], site.today), **options)


def weekly_bars(field: str, title: str, unit: tuple[str, str]):
    def render(env):
        weeks = build_stats(year_end_site()).weeks
        values = [getattr(w, field) for w in weeks]
        labels = [w.label for w in weeks]
        return render_bars(env, values, labels, title, unit, "week", [w.tick for w in weeks])

    return render


def month_bars(env):
    months = build_stats(year_end_site()).months
    return render_bars(
        env,
        [m.entries for m in months],
        [m.label for m in months],
        "Entries per month",
        ("entry", "entries"),
        "month",
        [m.tick for m in months],
    )


CASES = {
    "burnup": burnup_of(on_track_site()),
    "burnup-off-chart": burnup_of(slow_site()),
    "burnup-weekly": burnup_of(weekly_site()),
    "burnup-finished": burnup_of(finished_site()),
    "burnup-not-started": burnup_of(future_site()),
    "burnup-small": burnup_of(on_track_site(), height=SMALL_HEIGHT),
    "hours-per-week": weekly_bars("hours", "Hours per week", ("hour", "hours")),
    "commits-per-week": weekly_bars("commits", "Commits per week", ("commit", "commits")),
    "entries-per-month": month_bars,
    "no-bars": lambda env: render_bars(env, [0, 0, 0], ["a", "b", "c"], "Nothing", ("h", "h")),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name, env, request):
    check_golden(GOLDEN / f"{name}.svg", str(CASES[name](env).svg).encode("utf-8"), request)


# What holds of every chart, whatever the markup.


@pytest.mark.parametrize("name", sorted(CASES))
def test_accessible_static_svg(name, env):
    chart = CASES[name](env)
    svg = ET.fromstring(str(chart.svg))  # well-formed XML
    assert svg.tag == f"{SVG}svg"
    assert svg.get("role") == "img"
    assert svg.get("aria-label") == chart.title
    title, desc = svg[0], svg[1]
    assert (title.tag, title.text) == (f"{SVG}title", chart.title)
    assert (desc.tag, desc.text) == (f"{SVG}desc", chart.summary)
    names = {element.tag.removeprefix(SVG) for element in svg.iter()}
    assert names <= {"svg", "title", "desc", "g", "line", "text", "rect", "path", "circle"}
    assert not any(name.startswith("on") for el in svg.iter() for name in el.attrib)
    assert chart.rows and all(len(row) == len(chart.columns) for row in chart.rows)


@pytest.mark.parametrize("name", sorted(CASES))
def test_readable_on_a_phone(name, env):
    svg = ET.fromstring(str(CASES[name](env).svg))
    assert svg.get("width") == "100%"
    _, _, width, height = map(float, svg.get("viewBox").split())
    assert svg.get("height") is None  # the stylesheet keeps the viewBox's proportions
    assert all(el.get("font-size") is None for el in svg.iter() if el is not svg)
    assert float(svg.get("font-size")) * PHONE_CONTENT / width >= 11
    # Every text starts inside the viewBox (anchored ends stay inside by construction).
    for text in svg.iter(f"{SVG}text"):
        assert 0 <= float(text.get("x")) <= width and 0 < float(text.get("y")) <= height


# Bars.


def test_bars_exact_heights_and_tooltips(env):
    chart = render_bars(env, [0, 2, 5, 1.5], ["W1", "W2", "W3", "W4"], "Hours", ("hour", "hours"))
    svg = ET.fromstring(str(chart.svg))
    bars = list(svg.iter(f"{SVG}rect"))
    assert [b.find(f"{SVG}title").text for b in bars] == [
        "W2: 2 hours",
        "W3: 5 hours",
        "W4: 1.5 hours",
    ]
    # A 0-6 axis (steps of 2) over 148 units: 2 h is a third of it.
    assert [b.get("height") for b in bars] == ["49.3", "123.3", "37"]
    assert [t.text for t in svg.iter(f"{SVG}text")] == ["0", "2", "4", "6", "W1", "W2", "W3", "W4"]
    assert chart.summary == (
        "Hours, W1 to W4: 8.5 hours in all; the most, 5 hours, in W3; 3 of 4 weeks with any."
    )
    assert chart.columns == ("Week", "Hours")
    assert chart.rows == (("W1", "0"), ("W2", "2"), ("W3", "5"), ("W4", "1.5"))


def test_weekly_bars_from_the_stats(env):
    chart = CASES["hours-per-week"](env)
    assert chart.summary == (
        "Hours per week, 2026-W03 to 2027-W01: 13.25 hours in all; the most, 8 hours, in "
        "2026-W29; 5 of 52 weeks with any."
    )
    assert dict(chart.rows)["2026-W53"] == "3.5"
    commits = CASES["commits-per-week"](env)
    assert {label: n for label, n in commits.rows if n != "0"} == {
        "2026-W13": "1",
        "2026-W14": "1",  # 00:30 on Monday in Paris: summer time had begun
        "2026-W43": "1",  # 23:30 on Sunday in Paris: winter time again
        "2027-W01": "1",  # 00:30 on Mon 4 Jan in Paris, still Sunday in UTC
    }


def test_a_chart_of_zeros_has_no_bars(env):
    chart = CASES["no-bars"](env)
    assert not list(ET.fromstring(str(chart.svg)).iter(f"{SVG}rect"))
    assert chart.summary == "Nothing, a to c: none."


@pytest.mark.parametrize(
    "maximum, expected",
    [(0, (1, 1)), (3, (3, 1)), (4.5, (6, 2)), (7.5, (8, 2)), (9, (10, 5)), (37, (40, 10))],
)
def test_nice_top(maximum, expected):
    assert nice_top(maximum) == expected


def test_axis_labels_never_overlap():
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    labels = [months[n // 4 % 12] if n % 4 == 0 else "" for n in range(52)]
    centres = [36 + (n + 0.5) * 314 / 52 for n in range(52)]
    kept = spread_ticks(labels, centres)
    # Labels 24 units apart are too close for three letters: every second one, from the newest.
    assert [t["label"] for t in kept] == ["Jan", "Mar", "May", "Jul", "Sep", "Nov", "Jan"]
    assert spread_ticks(["a", "b"], [100, 200]) == [
        {"x": "100", "label": "a"},
        {"x": "200", "label": "b"},
    ]


# Burn-ups.


def test_burnup_lines(env):
    svg = ET.fromstring(str(CASES["burnup"](env).svg))
    paths = {p.get("class"): p.get("d") for p in svg.iter(f"{SVG}path")}
    # Thirteen days (2-14 Mar: the projected finish is on the chart) over 314 units: 24.15 a day,
    # a count reached on a date drawn from that date's end; 10 days over 172 units: 17.2 a day.
    assert paths["rl-chart-done"] == "M36 190H60.2V172.8H108.5V155.6H132.6V138.4H156.8V121.2"
    assert paths["rl-chart-planned"] == (
        "M36 190H60.2V172.8H84.3V155.6H108.5V138.4H132.6V121.2H156.8V104H180.9V86.8H205.1V69.6"
        "H229.2V52.4H253.4V35.2H277.5V18H350"
    )
    [today] = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "rl-chart-today"]
    assert today.find(f"{SVG}line").get("x1") == "156.8"  # the end of today, where "done" stops
    [circle] = svg.iter(f"{SVG}circle")  # the projected finish, on the chart
    assert (circle.get("cx"), circle.get("cy")) == ("350", "18")
    assert [t.text for t in svg.iter(f"{SVG}text")] == [
        *("0", "5", "10", "2 Mar 2026", "14 Mar 2026", "today"),
        *("planned", "done", "projected 14 Mar 2026"),
    ]


def test_burnup_summaries(env):
    def summary(site):
        return render_burnup(env, build_burnup(site.roadmaps[0], site.today)).summary

    assert summary(on_track_site()) == (
        "Demo plan: 4 of 10 days done by today (Fri 06 Mar 2026), 5 planned by then; planned "
        "finish Wed 11 Mar 2026; projected finish at the current pace Sat 14 Mar 2026."
    )
    assert summary(slow_site()) == (
        f"{HOSTILE}: 1 of 30 days done by today (Sat 20 Jun 2026), 20 planned by then; planned "
        "finish Tue 30 Jun 2026; projected finish at the current pace Fri 21 Jan 2028 "
        "(off the chart)."
    )
    assert summary(finished_site()) == (
        "Short: finished, all 3 days done (planned finish Wed 04 Mar 2026)."
    )
    assert summary(future_site()) == (
        "Later: starts Mon 16 Nov 2026; 365 days planned, to finish Mon 15 Nov 2027."
    )
    assert summary(weekly_site()).startswith("Eight weeks: 2 of 8 weeks done by today")


def test_burnup_table(env):
    chart = CASES["burnup-weekly"](env)
    assert chart.columns == ("Date", "Weeks planned", "Weeks done")
    assert chart.rows == (
        ("2026-03-08", "1", "1"),
        ("2026-03-15", "2", "2"),
        ("2026-03-18", "2", "2"),
        ("2026-03-22", "3", ""),
        ("2026-03-29", "4", ""),
        ("2026-04-05", "5", ""),
        ("2026-04-12", "6", ""),
        ("2026-04-19", "7", ""),
        ("2026-04-26", "8", ""),
    )
    long = CASES["burnup-not-started"](env)
    # Today, the fourteen month ends of a 365-day plan and its planned finish.
    assert len(long.rows) == 16
    assert long.rows[0] == ("2026-09-01", "0", "0")


def test_projection_off_the_chart_runs_to_its_edge(env):
    svg = ET.fromstring(str(CASES["burnup-off-chart"](env).svg))
    [line] = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "rl-chart-projected"]
    assert line.find(f"{SVG}line").get("x2") == "350"
    assert not list(svg.iter(f"{SVG}circle"))
    assert [t.text for t in svg.iter(f"{SVG}text")][-1] == "projected 21 Jan 2028 →"


def test_titles_are_escaped(env):
    chart = CASES["burnup-off-chart"](env)
    text = str(chart.svg)
    assert "<script" not in text and "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in text
    svg = ET.fromstring(text)
    assert svg.find(f"{SVG}title").text == f"{HOSTILE}: days planned and done"


def test_small_multiples_one_per_roadmap(env):
    site = build_site(
        [daily("a", D(2026, 3, 2), 10), daily("b", D(2026, 4, 1), 5)], [], [], D(2026, 3, 6)
    )
    pairs = render_small_multiples(env, build_stats(site).burnups)
    assert [burnup.roadmap for burnup, _ in pairs] == ["a", "b"]
    assert all(isinstance(chart, Chart) for _, chart in pairs)
    assert all(f"0 0 360 {SMALL_HEIGHT}" in str(chart.svg) for _, chart in pairs)


def test_step_path_skips_flat_points():
    assert step_path([(10, 5), (20, 5), (30, 3)], 9, 40) == "M36 9H10V5H30V3H40"
    assert step_path([], 9, 40) == "M36 9H40"


# The /stats/ page.


def stats_site():
    plan = daily("demo", D(2026, 3, 2), 10, title=HOSTILE)
    entries = [
        entry(D(2026, 3, 2), hours=1, tags=["dns"]),
        entry(D(2026, 3, 3), hours=2, tags=["dns", "tcp"]),
        entry(D(2026, 3, 4), "draft", hours=5, tags=["secret-topic"], draft=True),
    ]
    when = dt.datetime(2026, 3, 2, 20, tzinfo=PARIS)
    commits = [Commit("code", f"{n:040x}", when, "Ada", f"Commit {n}") for n in range(3)]
    vocabulary = [TopicDef("dns", "DNS", None, ("dns",)), TopicDef("tcp", "TCP", None, ("tcp",))]
    return build_site([plan], entries, commits, D(2026, 3, 6), vocabulary=vocabulary)


def render_stats_page(env, site, tmp_path) -> str:
    settings = Settings(root=tmp_path, site_name="Demo", site_url="https://x.example/")
    context = {"site": site, "settings": settings, "root": "../", "stats": build_stats(site)}
    return env.get_template("stats.md.j2").render(**context)


def front_matter_and_html(page: str) -> tuple[str, str]:
    _, front, body = page.split("---\n", 2)
    html = markdown.markdown(body, extensions=["md_in_html", "tables", "attr_list"])
    return front, html


def test_stats_page_golden(env, tmp_path, request):
    page = render_stats_page(env, stats_site(), tmp_path)
    # The marks of HTML that skips Markdown carry a token new in every build.
    check_golden(GOLDEN / "stats.md", page.replace(TOKEN, "TOKEN").encode("utf-8"), request)


def test_stats_page(env, tmp_path):
    front, html = front_matter_and_html(render_stats_page(env, stats_site(), tmp_path))
    assert front.splitlines()[:2] == [
        'title: "Stats"',
        'description: "Hours and commits per week over the last 52 weeks, entries per month, the '
        'topics most worked on and each roadmap\\u0027s progress."',
    ]
    doc = lxml.html.fragment_fromstring(html, create_parent="div")
    assert [h.text_content() for h in doc.iter("h1")] == ["Stats"]
    assert [h.text_content() for h in doc.iter("h2")] == [
        "Hours per week",
        "Commits per week",
        "Entries per month",
        "Topics most worked on",
        "Roadmaps: planned and done",
    ]
    assert [h.text_content() for h in doc.iter("h3")] == [HOSTILE]
    assert [a.get("href") for a in doc.iter("a")] == [
        "../topics/dns/",
        "../topics/tcp/",
        "../roadmaps/demo/",
    ]
    assert [td.text_content() for td in doc.xpath("//table[@class='rl-topic-table']//td")] == [
        *("DNS", "2", "0"),  # the plan's days are not on DNS or TCP: none of them done
        *("TCP", "1", "0"),
    ]
    svgs = [el for el in doc.iter() if isinstance(el.tag, str) and el.tag.endswith("svg")]
    assert len(svgs) == 4 and all(svg.get("role") == "img" for svg in svgs)
    assert len(doc.xpath("//details[contains(@class, 'rl-table-view')]/table")) == 4
    assert doc.xpath("//p[@class='rl-meta']")[0].text_content() == (
        "As of Fri 06 Mar 2026: 3 hours and 3 commits over the last 52 weeks · 2 journal "
        "entries · 2 days logged."
    )


def test_stats_page_never_shows_drafts_or_raw_markup(env, tmp_path):
    page = render_stats_page(env, stats_site(), tmp_path)
    assert "secret-topic" not in page and "draft" not in page
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_stats_page_without_anything(env, tmp_path):
    _, html = front_matter_and_html(
        render_stats_page(env, build_site([], [], [], D(2026, 3, 6)), tmp_path)
    )
    doc = lxml.html.fragment_fromstring(html, create_parent="div")
    assert [p.text_content() for p in doc.iter("p")][1:] == [
        "No hours logged in the last 52 weeks: add hours: to an entry's front matter.",
        "No commits in the last 52 weeks.",
        "No journal entries yet.",
        "No topic worked on yet: add tags: to an entry's front matter.",
        "No roadmap with dates: give a roadmap a start: date to chart its progress.",
    ]
    assert "<svg" not in html


# Colours: marks at least 3:1 and text at least 4.5:1 on the page, light and dark.

BACKGROUNDS = {"light": "#ffffff", "slate": "#1e2029"}  # Material's page: white; hsl(232, 15%, 14%)
TEXT = {"text"}
DECORATIVE = {"gridline"}  # the values are in the table: gridlines only guide the eye


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def scheme_colours() -> dict[str, dict[str, str]]:
    css = re.sub(r"/\*.*?\*/", "", CSS.read_text(encoding="utf-8"), flags=re.S)
    blocks = re.findall(r"([^{}]+)\{([^}]*)\}", css)
    found = {}
    for selector, body in blocks:
        scheme = "slate" if "slate" in selector else "light"
        colours = dict(re.findall(r"--rl-chart-([\w-]+):\s*(#[0-9a-f]{6})", body))
        if colours:
            found[scheme] = colours
    return found


@pytest.mark.parametrize("scheme", sorted(BACKGROUNDS))
def test_contrast_in_both_schemes(scheme):
    colours = scheme_colours()[scheme]
    assert set(colours) == {
        *("text", "axis", "bar", "planned", "done", "projected", "today", "gridline")
    }
    for name, colour in colours.items():
        if name in DECORATIVE:
            continue
        needed = 4.5 if name in TEXT else 3
        assert contrast(colour, BACKGROUNDS[scheme]) >= needed, (scheme, name, colour)
    assert contrast(colours["today"], BACKGROUNDS[scheme]) >= 4.5  # its line carries a label


def test_fallback_colours_are_the_light_schemes():
    """Without the stylesheet the SVG's own fill and stroke attributes apply: the light colours."""
    light = set(scheme_colours()["light"].values())
    for name in ("chart_bars.svg.j2", "chart_burnup.svg.j2"):
        template = (DEFAULT_TEMPLATE_DIR / "pages" / name).read_text(encoding="utf-8")
        used = set(re.findall(r'(?:fill|stroke)="(#[0-9a-f]{6})"', template))
        assert used <= light, (name, used - light)
