"""The site on a phone, with a keyboard, from disk and in both colour schemes, in a real browser.

The fixture project is built with the shipped theme (palette, navigation tabs, markdown extensions)
and an About page with highlighted code. On a 390x844 touch screen the calendar opens on today,
fades where it hides weeks, keeps its weekday labels in view while it scrolls and shows a day's
details on a tap; with a keyboard it is one tab stop whose arrow keys move between days. No page
asks for sitemap.xml, axe-core finds no violation (of any impact) on any page type in light and
dark mode, and the site opened from disk (file://) follows its links to pages, not folder listings.

Needs what tests/test_browser.py needs (/usr/bin/chromium, node_modules/axe-core, playwright).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import SOURCE_DATE_EPOCH, TODAY, build, make_project, write
from test_browser import (
    AXE,
    SIZES,
    Visit,
    describe,
    require,
    serve_folder,
)
from test_looks import delta_e, over, parse_colour

ROOT = Path(__file__).resolve().parents[1]
SCHEMES = ["light", "dark"]
PAGES = {
    "home": "/",
    "journal": "/journal/",
    "entry": "/journal/2026-03-08-dns/",
    "calendar": "/calendar/",
    "calendar year": "/calendar/2026/",
    "journal year": "/journal/2026/",
    "reviews": "/reviews/",
    "week review": "/reviews/2026-W10/",
    "month review": "/reviews/2026-03/",
    "stats": "/stats/",
    "roadmaps": "/roadmaps/",
    "roadmap": "/roadmaps/demo/",
    "topics": "/topics/",
    "topic": "/topics/networking/",
    "about": "/about/",
}
ABOUT = """\
# About

I learn in public.

```python
# Comments, operators and punctuation in the theme's greys.
def greet(name: str) -> str:
    return f"Hello, {name}!"  # a trailing comment
```
"""
TODAY_CELL = f'rect.rl-cell[data-date="{TODAY.isoformat()}"]'
DNS_DAY = 'rect.rl-cell[data-date="2026-03-08"]'
DNS_DETAILS = [
    "Sun 08 Mar 2026 · done",
    "demo Day 7: DNS Fundamentals",
    "Entry: DNS by night",
    "1 h",
    "1 commit",
]


def shipped_theme() -> dict:
    """The shipped mkdocs.yml's theme and markdown extensions (the fixture project has neither)."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project with the shipped theme and a code sample on its About page."""
    root = make_project(tmp_path_factory.mktemp("phone"))
    write(root, "docs/about.md", ABOUT)
    shipped = shipped_theme()
    config_file = root / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["theme"]["palette"] = shipped["theme"]["palette"]
    config["theme"]["features"] = shipped["theme"]["features"]
    config["markdown_extensions"] = shipped["markdown_extensions"]
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        assert build(root) == 0
    return root / "site"


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serve_folder(site) as origin:
        yield origin


@pytest.fixture
def visit(browser, base_url: str):
    """visit(size, scheme) -> a Visit (console errors and outside requests recorded)."""
    opened: list[Visit] = []

    def open_visit(size: str = "phone", scheme: str = "light") -> Visit:
        opened.append(Visit(browser, base_url, size, scheme))
        return opened[-1]

    yield open_visit
    for item in opened:
        item.close()


# The calendar with today (the first one: another roadmap's panel may hold today too, hidden).
TODAY_WRAP = ".rl-calendar-wrap:has(.rl-today)"


def box(locator) -> dict:
    """The bounding box of an element, in page pixels."""
    return locator.evaluate(
        "e => { const r = e.getBoundingClientRect();"
        " return {left: r.left, right: r.right, top: r.top, width: r.width, height: r.height}; }"
    )


def today_wrap(page):
    return page.locator(TODAY_WRAP).first


def details_lines(page) -> list[str]:
    """The day's details under today's calendar, line by line."""
    text = today_wrap(page).locator("xpath=following-sibling::*[1]").inner_text()
    return [line for line in text.splitlines() if line.strip()]


def day(page, date: str):
    return today_wrap(page).locator(f'rect.rl-cell[data-date="{date}"]')


def next_frame(page) -> None:
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


@pytest.mark.parametrize("path", ["/", "/calendar/"])
def test_the_calendar_opens_on_today_with_a_cue_that_it_scrolls(visit, path: str):
    tab = visit("phone")
    page = tab.goto(path)
    wrap = today_wrap(page)
    frame, today = box(wrap), box(wrap.locator(".rl-today"))
    assert today["left"] >= box(wrap.locator(".rl-rail"))["right"]
    assert today["right"] <= frame["right"]
    assert wrap.locator(TODAY_CELL).count() == 1
    assert {"rl-scrolls", "rl-more-before"} <= set(wrap.evaluate("e => [...e.classList]"))
    mask = wrap.evaluate("e => getComputedStyle(e).webkitMaskImage")
    assert mask.startswith("linear-gradient(")
    assert details_lines(page) == [
        "Scroll sideways for more weeks. Tap a day to see its plan, entry, hours and commits."
    ]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    tab.assert_clean(path)


def test_weekday_labels_stay_in_view_while_the_calendar_scrolls(visit):
    tab = visit("phone")
    page = tab.goto("/calendar/")
    wrap = today_wrap(page)
    # rtl scroller: 0 is the right end, the most negative value the left end.
    for position in ("-e.scrollWidth", "-(e.scrollWidth - e.clientWidth) / 2", "0"):
        wrap.evaluate(f"e => {{ e.scrollLeft = {position}; }}")
        next_frame(page)
        frame, rail = box(wrap), box(wrap.locator(".rl-rail"))["right"]
        labels = wrap.locator("text.rl-weekday").evaluate_all(
            "all => all.map(t => { const r = t.getBoundingClientRect();"
            " const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
            " return {name: t.textContent, left: r.left, right: r.right,"
            " on_top: hit === t || hit.classList.contains('rl-rail')}; })",
        )
        assert [label["name"] for label in labels] == ["Mon", "Wed", "Fri"]
        for label in labels:
            assert frame["left"] - 0.5 <= label["left"] and label["right"] <= rail + 0.5, position
            assert label["on_top"], (position, label)


def test_labels_are_readable_and_days_big_enough_to_tap_on_a_phone(visit):
    page = visit("phone").goto("/calendar/")
    sizes = (
        today_wrap(page)
        .locator("svg")
        .evaluate(
            "svg => { const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;"
            " const font = t => parseFloat(getComputedStyle(t).fontSize) * scale;"
            " return {month: font(svg.querySelector('.rl-month')),"
            " weekday: font(svg.querySelector('.rl-weekday')),"
            " cell: svg.querySelector('.rl-cell').getBoundingClientRect().width,"
            " pitch: 14 * scale}; }",
        )
    )
    assert sizes["month"] >= 14 and sizes["weekday"] >= 14, sizes
    # WCAG 2.5.8: a target under 24px passes when 24px circles centred on targets do not overlap.
    assert sizes["cell"] >= 18 and sizes["pitch"] >= 24, sizes


def test_a_tap_shows_a_days_details_and_a_second_tap_opens_its_entry(visit):
    tab = visit("phone")
    page = tab.goto("/calendar/")
    day(page, "2026-03-05").tap()
    assert details_lines(page) == ["Thu 05 Mar 2026 · missed", "demo Day 4: Subnetting"]
    day(page, "2026-03-08").tap()
    assert page.url == f"{tab.base_url}/calendar/"
    assert details_lines(page) == DNS_DETAILS
    link = today_wrap(page).locator("xpath=following-sibling::*[1]//a")
    assert (link.inner_text(), link.get_attribute("href")) == (
        "Entry: DNS by night",
        "../journal/2026-03-08-dns/",
    )
    assert day(page, "2026-03-08").evaluate("e => getComputedStyle(e).strokeWidth") == "2.5px"
    day(page, "2026-03-08").tap()
    page.wait_for_url(f"{tab.base_url}/journal/2026-03-08-dns/")
    tab.assert_clean("/calendar/")


def focused(page) -> dict:
    """The focused element: its tag, its day (its own or its cell's) and whether it is in a calendar."""
    return page.evaluate(
        "() => { const e = document.activeElement; const cell = e.matches('.rl-cell') ? e"
        " : e.querySelector && e.querySelector('.rl-cell');"
        " return {tag: e.localName, date: cell ? cell.dataset.date : null,"
        " calendar: !!e.closest('svg.rl-calendar')}; }"
    )


def test_keyboard_focus_shows_a_days_details_and_arrows_move_between_days(visit):
    tab = visit("desktop")
    page = tab.goto("/calendar/")
    page.locator("#all h2").click()  # where the Tab key starts from (not a link or a field)
    for _ in range(10):
        page.keyboard.press("Tab")
        if focused(page)["calendar"]:
            break
    # One tab stop per calendar, on today; its details show.
    assert focused(page) == {"tag": "rect", "date": TODAY.isoformat(), "calendar": True}
    assert details_lines(page) == ["Tue 10 Mar 2026 · planned", "demo Day 9: TCP Handshake"]
    page.keyboard.press("ArrowLeft")  # a week earlier
    assert focused(page)["date"] == "2026-03-03"
    assert details_lines(page)[0] == "Tue 03 Mar 2026 · partial"
    for _ in range(5):
        page.keyboard.press("ArrowDown")  # a day later each
    assert focused(page) == {"tag": "a", "date": "2026-03-08", "calendar": True}
    assert details_lines(page) == DNS_DETAILS
    page.keyboard.press("Tab")
    assert not focused(page)["calendar"]
    page.keyboard.press("Shift+Tab")  # back to the day last shown, not to the first link
    assert focused(page)["date"] == "2026-03-08"
    page.keyboard.press("Enter")
    page.wait_for_url(f"{tab.base_url}/journal/2026-03-08-dns/")
    tab.assert_clean("/calendar/")


def test_pointing_at_a_day_shows_its_details(visit):
    page = visit("desktop").goto("/calendar/")
    hint = details_lines(page)
    assert hint == [
        "Point at a day, or tab to the calendar and use the arrow keys, to see its plan, entry,"
        " hours and commits."
    ]
    day(page, "2026-03-08").hover()
    assert details_lines(page) == DNS_DETAILS
    page.mouse.move(0, 0)
    assert details_lines(page) == hint


@pytest.mark.parametrize("name", ["home", "entry", "calendar"])
def test_no_page_asks_for_sitemap_xml(visit, name: str):
    tab = visit("desktop")
    requests: list[str] = []
    tab.page.on("request", lambda request: requests.append(request.url))
    page = tab.goto(PAGES[name])
    page.wait_for_timeout(300)
    assert [url for url in requests if "sitemap" in url] == []
    # The feed links are as the HTML has them, for feed readers and for browsers' feed buttons.
    feeds = page.eval_on_selector_all(
        "link[type]", "all => all.map(l => [l.rel, l.type, l.getAttribute('href')])"
    )
    assert [feed[:2] for feed in feeds] == [
        ["alternate", "application/atom+xml"],
        ["alternate", "application/rss+xml"],
        ["alternate", "application/feed+json"],
    ]
    tab.assert_clean(PAGES[name])


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_violation(visit, name: str, scheme: str, size: str):
    require(AXE)
    page = visit(size, scheme).goto(PAGES[name])
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    found = result["violations"]
    if found:
        pytest.fail(f"axe on {PAGES[name]} ({scheme}, {size}):\n" + "\n".join(map(describe, found)))


def painted(page, selector: str) -> list[dict]:
    """Each matching SVG shape's fill and outline as painted over the page (opacity applied)."""
    return page.eval_on_selector_all(
        selector,
        "all => all.map(e => { const s = getComputedStyle(e);"
        " return {state: e.dataset.state || e.getAttribute('class'), fill: s.fill,"
        " stroke: s.stroke, opacity: s.opacity,"
        " page: getComputedStyle(document.body).backgroundColor}; })",
    )


def over_page(colour: str, opacity: str, page_colour: str) -> tuple:
    """A fill of `opacity` as painted over the page's background."""
    top = parse_colour(colour)
    return over((*top[:3], top[3] * float(opacity)), parse_colour(page_colour))


@pytest.mark.parametrize("scheme", SCHEMES)
def test_legend_states_are_told_apart(visit, scheme: str):
    page = visit("desktop", scheme).goto("/calendar/")
    swatches = {
        item["state"].split()[-1].removeprefix("rl-"): item
        for item in painted(page, ".rl-legend rect")
    }
    assert list(swatches) == ["done", "partial", "skipped", "missed", "planned", "rest", "none"]
    colours = {
        state: over_page(s["fill"], s["opacity"], s["page"]) for state, s in swatches.items()
    }
    rest = swatches["rest"]
    assert colours.pop("rest") == parse_colour(rest["page"])  # hollow: only its outline shows
    colours["rest outline"] = parse_colour(rest["stroke"])
    names = list(colours)
    close = [
        (a, b, round(delta_e(colours[a], colours[b]), 1))
        for i, a in enumerate(names)
        for b in names[i + 1 :]
        if delta_e(colours[a], colours[b]) < 20 and "rest outline" not in (a, b)
    ]
    assert close == []
    assert delta_e(colours["rest outline"], colours["none"]) >= 20


@pytest.mark.parametrize("scheme", SCHEMES)
def test_generated_tables_are_padded_with_numbers_on_the_right(visit, scheme: str):
    tab = visit("desktop", scheme)
    page = tab.goto("/topics/")
    cells = page.locator(".rl-topic-table").first.evaluate(
        "t => [...t.rows].slice(0, 2).map(row => [...row.cells].map(c => {"
        " const s = getComputedStyle(c); return [c.textContent, s.textAlign, parseFloat(s.paddingLeft)];"
        " }))"
    )
    assert [[(text, align) for text, align, _ in row] for row in cells] == [
        [("Topic", "left"), ("Planned", "right"), ("Done", "right"), ("Entries", "right")],
        [("linux", "start"), ("0", "right"), ("0", "right"), ("1", "right")],
    ]
    assert all(padding >= 8 for row in cells for _, _, padding in row)
    tab.goto("/calendar/")
    page.eval_on_selector(".rl-table-view", "e => { e.open = true; }")
    headers = page.eval_on_selector_all(
        ".rl-table-view th",
        "all => all.map(c => [c.textContent, getComputedStyle(c).textAlign])",
    )
    assert headers == [
        ["Date", "left"],
        ["State", "left"],
        ["Planned", "left"],
        ["Entry", "left"],
        ["Hours", "right"],
        ["Commits", "right"],
    ]


@pytest.mark.parametrize("name", ["home", "journal", "roadmaps", "topics", "about", "entry"])
def test_a_wide_screen_shows_no_sidebar_of_one_link(visit, name: str):
    page = visit("desktop").goto(PAGES[name])
    display = page.eval_on_selector(".md-sidebar--primary", "e => getComputedStyle(e).display")
    assert display == "none"


def test_a_phone_keeps_the_navigation_drawer(visit):
    page = visit("phone").goto("/journal/")
    page.locator('.md-header label[for="__drawer"]').click()
    links = page.locator(".md-nav--primary > .md-nav__list > .md-nav__item > .md-nav__link")
    page.wait_for_timeout(400)  # the drawer slides in
    visible = [link.inner_text().strip() for link in links.all() if link.is_visible()]
    assert visible == ["Home", "Journal", "Calendar", "Roadmaps", "Topics", "About"]


def test_the_site_opened_from_disk_follows_links_to_pages(browser, site: Path):
    context = browser.new_context(**SIZES["desktop"])
    try:
        page = context.new_page()
        page.goto((site / "index.html").as_uri())
        page.locator(".md-tabs__link", has_text="Journal").click()
        page.wait_for_url((site / "journal/index.html").as_uri())
        assert page.locator("article h1").first.inner_text() == "Journal"
        page.locator("article .rl-card :is(h2, h3) a", has_text="DNS by night").click()
        page.wait_for_url((site / "journal/2026-03-08-dns/index.html").as_uri())
        page.goto((site / "calendar/index.html").as_uri())
        page.locator(f"#all a:has({DNS_DAY})").click()
        page.wait_for_url((site / "journal/2026-03-08-dns/index.html").as_uri())
        folders = page.eval_on_selector_all(
            "a[href]",
            "all => all.map(a => a.href).filter(h => h.startsWith('file:') && h.endsWith('/'))",
        )
        assert folders == []
    finally:
        context.close()
