"""Search in a real browser: the fixture site in Debian's chromium, served under its site_url path.

The site lives under /journal/ (the fixture's site_url is https://learner.example/journal/), as a
GitHub Pages project site does. The server counts every byte it sends, so a test knows what a visit
downloads: nothing for search before the visitor types, and less than 300 KiB for a query. Results
show a title, a date and an excerpt and link under /journal/; the keys work as in Material; dark
mode is readable. Every test runs on a site indexed by PyPI's Pagefind (what Roadlog installs) and
on one indexed by npm's (what the publishing workflows install; package.json pins it). Screenshots go
to test-artifacts/screenshots/search-*.png.

Needs /usr/bin/chromium (`.ci/run` installs it); skipped without it, except in CI.
"""

from __future__ import annotations

import functools
import json
import re
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import (
    BOLD_TITLE,
    CANARY,
    NPM_PAGEFIND,
    SITE_URL,
    make_project,
    npm_pagefind_version,
)
from test_browser import (
    AXE,
    SCREENSHOTS,
    Visit,
    build_with_palette,
    describe,
    require,
)
from test_serve import TIMEOUT, Preview

sys.path.insert(0, str(Path(__file__).parent / "bench"))
from search_bench import CountingHandler  # noqa: E402  (the benchmark's: the same counting)

PREFIX = urlsplit(SITE_URL).path  # /journal/
BUDGET = 300 * 1024  # bytes one query may download, search code included
RESULT = ".md-search-result__item"
# The query in the box is `query`, and the list under it says how many pages match.
ANSWERED = """query => document.querySelector('.md-search__input')?.value === query
    && /matching/.test(document.querySelector('.md-search-result__meta').textContent)"""
META = ".md-search-result__meta"


@pytest.fixture(scope="module", params=["pypi", "npm"], ids=["pagefind-pypi", "pagefind-npm"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project with the shipped light/dark palette, indexed by PyPI's or npm's Pagefind."""
    with pytest.MonkeyPatch.context() as mp:
        if request.param == "npm":
            require(NPM_PAGEFIND)
            mp.setenv("PAGEFIND_BINARY_PATH", str(NPM_PAGEFIND))
        else:
            mp.delenv("PAGEFIND_BINARY_PATH", raising=False)
        built = build_with_palette(make_project(tmp_path_factory.mktemp("browser-search")))
    entry = json.loads((built / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    if request.param == "npm":
        assert entry["version"] == npm_pagefind_version()
    else:
        assert entry["version"] == version("pagefind")
    return built


class Server:
    def __init__(self, site: Path):
        self.sent: list[tuple[str, int]] = []
        handler = type("Handler", (CountingHandler,), {"sent": self.sent})
        self.httpd = ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(handler, directory=str(site))
        )
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.base = self.origin + PREFIX
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def since(self, mark: int) -> list[tuple[str, int]]:
        """What was sent after `mark` (a length of `sent`)."""
        return self.sent[mark:]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[Server]:
    running = Server(site)
    try:
        yield running
    finally:
        running.close()


class Tab(Visit):
    """A page of the site (test_browser.Visit) that searches."""

    @property
    def base(self) -> str:
        return self.base_url

    def search(self, query: str):
        """Open the search with `/` (unless open), type `query` and wait for its answer."""
        page = self.page
        if not page.evaluate("document.getElementById('__search').checked"):
            page.keyboard.press("/")
        page.keyboard.type(query)
        page.wait_for_function(ANSWERED, arg=query)
        page.wait_for_load_state(self.ready)
        return page


@pytest.fixture
def tab(browser, server: Server):
    """tab(size, scheme) -> a Tab on the site; closed after the test."""
    opened: list[Tab] = []

    def open_tab(size: str = "desktop", scheme: str = "light") -> Tab:
        opened.append(Tab(browser, server.base, size, scheme))
        return opened[-1]

    yield open_tab
    for item in opened:
        item.close()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"search-{name}.png"))


def results(page) -> list[dict]:
    """Each shown result: its link, title, date line and excerpt (marked words in [brackets])."""
    return page.eval_on_selector_all(
        ".md-search-result__link",
        """links => links.map(link => ({
            href: link.getAttribute('href'),
            title: link.querySelector('h1').textContent,
            meta: (link.querySelector('.rl-search-meta') || {}).textContent || null,
            excerpt: Array.from(link.querySelector('.rl-search-excerpt').childNodes).map(
                node => node.nodeName === 'MARK' ? '[' + node.textContent + ']' : node.textContent
            ).join(''),
        }))""",
    )


def is_search_request(path: str) -> bool:
    return "/pagefind/" in path or "search_index" in path or "/search/" in path


# ---- loading on demand -------------------------------------------------------------------------


def test_nothing_is_downloaded_for_search_until_the_visitor_opens_it(tab, server: Server):
    """A page loads nothing of search; opening the box loads Pagefind's code while the visitor
    types, and only a query fetches parts of the index and excerpts."""
    mark = len(server.sent)
    visit = tab()
    page = visit.goto("journal/2026-03-08-dns/")
    assert [path for path, _ in server.since(mark) if is_search_request(path)] == []
    page.keyboard.press("/")
    # Set once Pagefind's code, its WebAssembly and the index's list of pages have loaded.
    page.wait_for_selector("[data-rl-search][data-rl-ready]", state="attached")
    assert page.evaluate("document.getElementById('__search').checked")
    opened = [path for path, _ in server.since(mark) if is_search_request(path)]
    assert f"{PREFIX}pagefind/pagefind.js" in opened
    assert [path for path in opened if path.endswith((".pf_index", ".pf_fragment"))] == []
    mark = len(server.sent)
    visit.search("midnight")
    fetched = [path for path, _ in server.since(mark) if is_search_request(path)]
    assert any(path.endswith(".pf_index") for path in fetched)
    assert any(path.endswith(".pf_fragment") for path in fetched)
    assert not any("search_index" in path for path in server.sent)
    visit.assert_clean()


def test_one_query_downloads_less_than_300_kib(tab, server: Server):
    visit = tab()
    visit.goto("")
    mark = len(server.sent)
    visit.search("dns")
    sent = [(path, size) for path, size in server.since(mark) if is_search_request(path)]
    total = sum(size for _, size in sent)
    assert sent and all(path.startswith(f"{PREFIX}pagefind/") for path, _ in sent), sent
    assert total < BUDGET, f"{total} bytes for one query: {sent}"
    # A second query reuses the search code and the chunks it has: it downloads far less.
    mark = len(server.sent)
    page = visit.page
    page.keyboard.press("Control+a")
    page.keyboard.type("records")
    page.wait_for_function("document.querySelector('.md-search__input').value === 'records'")
    page.wait_for_selector(f"{RESULT} >> text=Records after midnight")
    page.wait_for_load_state("networkidle")
    assert sum(size for _, size in server.since(mark)) < 20 * 1024
    visit.assert_clean()


# ---- results -----------------------------------------------------------------------------------


def test_a_result_shows_title_date_and_excerpt_and_opens_its_page_under_the_path(tab):
    visit = tab()
    page = visit.goto("calendar/")
    visit.search("midnight")
    assert page.inner_text(META).strip() == "2 matching documents"
    first, second = results(page)
    assert first == {
        "href": f"{PREFIX}journal/2026-03-09-records/",
        "title": "Records after midnight",
        "meta": "Mon 09 Mar 2026",
        "excerpt": first["excerpt"],
    }
    assert "Started right after [midnight.]" in first["excerpt"]
    assert second["href"] == f"{PREFIX}roadmaps/demo/"
    assert (second["title"], second["meta"]) == ("Demo Roadmap", "Roadmap")
    screenshot(page, "results-desktop-light")
    page.click(f"{RESULT} >> nth=0")
    page.wait_for_url(f"{visit.base}journal/2026-03-09-records/")
    assert page.locator("article h1").first.inner_text() == "Records after midnight"
    visit.assert_clean()


def test_results_load_in_batches_until_the_box_is_full_then_on_scroll(tab):
    """Excerpts load six at a time (as many requests as a browser sends to one server at once):
    more while the list does not fill the box, and the rest as it is scrolled to its end."""
    visit = tab("phone")
    visit.goto("")
    visit.page.set_viewport_size({"width": 360, "height": 560})  # a small phone
    page = visit.search("d")
    total = int(page.inner_text(META).split()[0])
    assert total > 6, page.inner_text(META)
    page.wait_for_timeout(500)  # time to load more, were the box not full
    shown = len(results(page))
    assert 6 <= shown < total
    box = page.evaluate(
        "(s => [s.scrollHeight, s.clientHeight])(document.querySelector('.md-search__scrollwrap'))"
    )
    assert box[0] > box[1], f"{shown} results do not fill the box: {box}"
    page.eval_on_selector(".md-search__scrollwrap", "s => { s.scrollTop = s.scrollHeight; }")
    page.wait_for_function(
        "n => document.querySelectorAll('.md-search-result__link').length > n", arg=shown
    )
    tall = tab("desktop")
    tall.goto("")
    tall.page.set_viewport_size({"width": 1280, "height": 2400})
    tall.search("d")
    tall.page.wait_for_function(
        "n => document.querySelectorAll('.md-search-result__link').length === n", arg=total
    )
    visit.assert_clean()
    tall.assert_clean()


def test_markup_in_titles_and_texts_shows_as_text(tab):
    visit = tab()
    page = visit.goto("")
    visit.search("alert")
    [result] = results(page)
    assert result["title"] == BOLD_TITLE
    assert "[<script>alert(1)</script>]" in result["excerpt"]
    assert page.locator(".md-search-result b, .md-search-result script").count() == 0
    visit.assert_clean()


def test_a_draft_is_never_found(tab):
    visit = tab()
    page = visit.goto("")
    visit.search(CANARY)
    # Pagefind also finds near words (a stem, a prefix): what it finds is never the draft.
    found = results(page)
    assert [r for r in found if CANARY.lower() in str(r).lower()] == []
    assert all("2026-03-07" not in r["href"] for r in found)
    visit.assert_clean()


# ---- keys, phone, dark mode, accessibility -----------------------------------------------------


def test_keys_open_move_through_results_and_close_as_in_material(tab):
    visit = tab()
    page = visit.goto("journal/2026-03-08-dns/")
    active = "document.activeElement.className"
    checked = "document.getElementById('__search').checked"
    page.keyboard.press("s")
    assert page.evaluate(checked) and "md-search__input" in page.evaluate(active)
    page.keyboard.type("packet")
    page.wait_for_selector(f"{RESULT} >> text=Packets, halfway")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')") == (
        f"{PREFIX}journal/2026-03-03-packets/"
    )
    page.keyboard.press("ArrowUp")
    assert "md-search__input" in page.evaluate(active)
    page.keyboard.press("Escape")
    assert not page.evaluate(checked)
    assert "md-search__input" not in page.evaluate(active)
    page.keyboard.press("/")
    assert page.evaluate(checked) and "md-search__input" in page.evaluate(active)
    assert page.input_value(".md-search__input") == "packet"
    page.keyboard.press("Enter")  # the first result, as in Material
    page.wait_for_url(f"{visit.base}journal/2026-03-03-packets/")
    visit.assert_clean()


def test_on_a_phone_the_search_button_opens_the_search(tab):
    visit = tab("phone", "light")
    page = visit.goto("journal/")
    page.click("label.md-header__button[for='__search']")
    page.wait_for_function("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("dns")
    page.wait_for_selector(f"{RESULT} >> text=DNS by night")
    assert page.locator(f"{RESULT} >> nth=0").is_visible()
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, "the search scrolls sideways on a phone"
    screenshot(page, "results-phone-light")
    visit.assert_clean()


def luminance(rgb: tuple[float, float, float]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def parse_color(css: str) -> tuple[float, float, float, float]:
    numbers = [float(n) for n in re.findall(r"[\d.]+", css)]
    return (*numbers[:3], numbers[3] if len(numbers) > 3 else 1.0)


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast of a (possibly translucent) text colour over an opaque background."""
    *fg, alpha = parse_color(foreground)
    bg = parse_color(background)[:3]
    blended = tuple(alpha * f + (1 - alpha) * b for f, b in zip(fg, bg, strict=True))
    light, dark = sorted((luminance(blended), luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


COLOURS = """selector => {
    const element = document.querySelector(selector);
    let box = element;
    while (box && getComputedStyle(box).backgroundColor.replace(/\\s/g, '').endsWith(',0)')) {
        box = box.parentElement;
    }
    return [getComputedStyle(element).color, getComputedStyle(box || document.body).backgroundColor];
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_results_are_readable_in_both_colour_schemes(tab, scheme: str):
    visit = tab("desktop", scheme)
    page = visit.goto("")
    visit.search("dns")
    scheme_name = page.eval_on_selector("body", "body => body.dataset.mdColorScheme")
    assert scheme_name == ("slate" if scheme == "dark" else "default")
    for part in (
        ".md-search-result__link h1",
        ".md-search-result__link .rl-search-meta",
        ".md-search-result__link .rl-search-excerpt",
        ".md-search-result__link mark",
    ):
        foreground, background = page.evaluate(COLOURS, part)
        ratio = contrast(foreground, background)
        assert ratio >= 4.5, f"{part} in {scheme}: {foreground} on {background} ({ratio:.2f}:1)"
    screenshot(page, f"results-desktop-{scheme}")
    visit.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violations_in_the_open_search(tab, scheme: str):
    require(AXE)
    visit = tab("desktop", scheme)
    page = visit.goto("")
    visit.search("dns")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    if serious:
        pytest.fail(f"axe with the search open ({scheme}):\n" + "\n".join(map(describe, serious)))


# ---- roadlog serve -----------------------------------------------------------------------------


def test_roadlog_serve_finds_what_was_just_written(browser, tmp_path: Path):
    project = make_project(tmp_path / "project")
    (tmp_path / "logs").mkdir()
    preview = Preview(project, (), tmp_path / "logs")
    visit = None
    try:
        preview.start()
        visit = Tab(browser, preview.base, "desktop", "light", ready="load")
        word = f"zebra{uuid.uuid4().hex[:8]}"
        with (project / "journal/2026-03/2026-03-08-dns.md").open("a", encoding="utf-8") as file:
            file.write(f"\nA {word} crossed the road.\n")
        # Rebuilt (so no live reload will interrupt a search), then indexed aside.
        preview.wait_for("journal/2026-03-08-dns/", lambda s, t: word in t, "the edited entry")
        deadline = time.monotonic() + TIMEOUT
        while True:  # the preview rebuilds, then indexes aside: search again until it is in
            page = visit.goto("")
            visit.search(word)
            if results(page):
                break
            assert time.monotonic() < deadline, f"{word} never found:\n{preview.logs()}"
            time.sleep(0.5)
        [result] = results(page)
        assert result["href"] == f"{PREFIX}journal/2026-03-08-dns/"
        assert f"[{word}]" in result["excerpt"]
        visit.errors = [e for e in visit.errors if "pagefind" not in e]  # 404s before the index
        visit.assert_clean()
    finally:
        if visit:
            visit.close()
        preview.stop()
