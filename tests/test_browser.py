"""Real-browser tests: the fixture site in Debian's chromium, driven by Playwright.

The calendar renders at desktop and phone widths in light and dark mode without console errors or
requests leaving 127.0.0.1, a calendar cell's link opens its entry, axe-core finds no serious or
critical accessibility violation, and a phone-width page never scrolls sideways. Every page is
saved as a screenshot in test-artifacts/screenshots/ for a person to look at.

Needs /usr/bin/chromium (`.ci/run` installs it) and node_modules/axe-core (`make test` installs
it); without them these tests are skipped, except in CI (CI set), where they fail.
"""

from __future__ import annotations

import contextlib
import functools
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import SOURCE_DATE_EPOCH, TODAY, build, make_project

ROOT = Path(__file__).resolve().parents[1]
# Debian's chromium by default; ROADLOG_CHROMIUM names another (GitHub's runners have google-chrome).
CHROMIUM = Path(os.environ.get("ROADLOG_CHROMIUM", "/usr/bin/chromium"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SIZES = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
}
SCHEMES = ["light", "dark"]
CALENDAR_PAGES = {"dashboard": "/", "calendar": "/calendar/"}
AXE_PAGES = {
    "dashboard": "/",
    "calendar": "/calendar/",
    "roadmap": "/roadmaps/demo/",
    "entry": "/journal/2026-03-08-dns/",
}
DONE_CELL = 'rect[data-state="done"]'
LABEL = "svg.rl-calendar text"


def require(*paths: Path) -> None:
    """Skip when a prerequisite is missing, but fail in CI, which must never skip these tests."""
    missing = [str(path) for path in paths if not path.exists()]
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright Python package (pip install -e '.[test]')")
    if missing:
        reason = "browser tests need " + ", ".join(missing) + " (run `make test` / `.ci/run`)"
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail(reason)
        pytest.skip(reason)


def shipped_palette() -> list:
    """The light/dark palette of the shipped mkdocs.yml (the fixture project has none)."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    return config["theme"]["palette"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project with the shipped light/dark palette, built once per module."""
    return build_with_palette(make_project(tmp_path_factory.mktemp("browser")))


def build_with_palette(root: Path) -> Path:
    """Build the project at `root` with the shipped light/dark palette; its site/."""
    config_file = root / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["theme"]["palette"] = shipped_palette()
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        assert build(root) == 0
    return root / "site"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """`folder` served on 127.0.0.1 by a background thread; yields its origin (http://127.0.0.1:N)."""
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    """site/ served on 127.0.0.1."""
    with serve_folder(site) as origin:
        yield origin


class Visit:
    """A page in a fresh context that records console errors and failed or outside requests."""

    def __init__(self, browser, base_url: str, size: str, scheme: str, ready: str = "networkidle"):
        self.base_url = base_url
        # A live-reload preview keeps a request open: there, "load" is as ready as it gets.
        self.ready = ready
        self.context = browser.new_context(**SIZES[size], color_scheme=scheme)
        self.context.set_default_timeout(10_000)
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        self.page.on("requestfailed", self._failed)
        self.page.on(
            "response",
            lambda r: r.status >= 400 and self.errors.append(f"HTTP {r.status}: {r.url}"),
        )

    def _route(self, route):
        # The network is closed, and a visitor's browser should not call out anyway: record any
        # request that leaves the local server and abort it at once instead of waiting for it.
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def _failed(self, request):
        # A preview's live-reload request waits for a change: leaving the page aborts it.
        if "/livereload/" not in request.url:
            self.errors.append(f"failed: {request.url} ({request.failure})")

    def _console(self, message):
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def goto(self, path: str):
        self.page.goto(self.base_url + path, wait_until=self.ready)
        return self.page

    def assert_clean(self, path: str = "the page") -> None:
        assert self.outside == [], f"{path} requested outside 127.0.0.1: {self.outside}"
        assert self.errors == [], f"{path}: " + "\n".join(self.errors)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, base_url: str):
    """visit(size, scheme) -> a Visit; closed after the test."""
    opened: list[Visit] = []

    def open_visit(size: str = "desktop", scheme: str = "light") -> Visit:
        opened.append(Visit(browser, base_url, size, scheme))
        return opened[-1]

    yield open_visit
    for item in opened:
        item.close()


def fills(page) -> tuple[str, str]:
    """The computed fill of a done cell and of a calendar label (month or weekday name)."""
    return tuple(
        page.eval_on_selector(selector, "element => getComputedStyle(element).fill")
        for selector in (DONE_CELL, LABEL)
    )


@pytest.fixture(scope="module")
def light_fills(browser, base_url: str) -> dict[str, tuple[str, str]]:
    """The light-mode fills of each calendar page, to compare dark mode with."""
    tab = Visit(browser, base_url, "desktop", "light")
    try:
        return {path: fills(tab.goto(path)) for path in CALENDAR_PAGES.values()}
    finally:
        tab.close()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def horizontal_overflow(page) -> tuple[int, int]:
    return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("name", list(CALENDAR_PAGES))
def test_calendar_renders(visit, light_fills, name: str, size: str, scheme: str):
    path = CALENDAR_PAGES[name]
    tab = visit(size, scheme)
    page = tab.goto(path)
    screenshot(page, f"{name}-{size}-{scheme}")

    assert page.locator("svg.rl-calendar").first.is_visible()
    assert page.locator("svg.rl-calendar rect[data-state]").count() > 0
    assert page.locator(f"svg.rl-calendar {DONE_CELL}").count() > 0
    color_scheme = page.eval_on_selector("body", "body => body.dataset.mdColorScheme")
    (cell, label), (light_cell, light_label) = fills(page), light_fills[path]
    if scheme == "dark":
        assert color_scheme == "slate"
        assert cell != light_cell, "a done cell has the same fill in dark and light mode"
        assert label != light_label, "calendar labels keep their light-mode fill in dark mode"
    else:
        assert color_scheme == "default"
        assert (cell, label) == (light_cell, light_label)
    if size == "phone":
        scroll_width, inner_width = horizontal_overflow(page)
        assert scroll_width <= inner_width, f"{path} scrolls sideways on a phone"
        # The calendar scrolls inside its own box, which starts on the recent weeks: today shows.
        today = page.locator(f'svg.rl-calendar rect[data-date="{TODAY.isoformat()}"]').first
        box = today.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= inner_width, (
            f"{path}: today's cell is scrolled out of view on a phone ({box})"
        )
    tab.assert_clean(path)


def test_done_cell_opens_its_entry(visit):
    tab = visit()
    page = tab.goto("/")
    link = page.locator(f"a:has({DONE_CELL})").first
    stem = link.get_attribute("href").rstrip("/").rsplit("/", 1)[-1]
    link.click()
    page.wait_for_url(f"{tab.base_url}/journal/{stem}/")
    assert page.locator("article h1").first.is_visible()
    assert page.title().startswith(page.locator("article h1").first.inner_text())
    tab.assert_clean(f"/journal/{stem}/")


@pytest.mark.parametrize("name", ["roadmap", "entry"])
def test_phone_layout_does_not_scroll_sideways(visit, name: str):
    path = AXE_PAGES[name]
    tab = visit("phone", "light")
    page = tab.goto(path)
    screenshot(page, f"{name}-phone-light")
    scroll_width, inner_width = horizontal_overflow(page)
    assert scroll_width <= inner_width, f"{path} scrolls sideways on a phone"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", list(AXE_PAGES))
def test_axe_finds_no_serious_violations(visit, name: str, scheme: str):
    require(AXE)
    path = AXE_PAGES[name]
    page = visit("desktop", scheme).goto(path)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    if serious:
        pytest.fail(f"axe on {path} ({scheme}):\n" + "\n".join(map(describe, serious)))


def describe(violation: dict) -> str:
    """An axe violation as lines a person can act on: rule, impact, help, first nodes and why."""
    lines = [
        f"{violation['id']} ({violation['impact']}): {violation['help']}"
        f" [{len(violation['nodes'])} node(s)] {violation['helpUrl']}"
    ]
    for node in violation["nodes"][:3]:
        why = " ".join(node.get("failureSummary", "").split("\n")[1:2]).strip()
        lines.append(f"    {' '.join(node['target'])}: {why}")
    return "\n".join(lines)
