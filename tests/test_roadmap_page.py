"""Roadmap pages a reader can move around in: ids and permalinks on every phase, month and week
heading, the table of contents and a jump list that lists them, parts folded away but today's, and
the progress of a week that has only a checklist.

The shipped site (this repository's own roadmaps, built as `make site` builds it, one week into the
365-day plan) is built once for the module; the browser tests serve it to Debian's chromium.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import SOURCE_DATE_EPOCH, build, make_project, write
from test_browser import AXE, SIZES, describe, require, serve_folder

from generator.build_outline import describe_contents, describe_progress, outline_roadmap
from generator.build_site import build_site
from generator.cli import main
from generator.load_roadmaps import load_roadmaps
from generator.model import ChecklistItem, Entry, Node, Progress, Roadmap

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_TODAY = "1795431600"  # 2026-11-23 12:00 in Paris: day 8 of the 365-day plan
# The 365-day roadmap page of the shipped site before issue 17, every day listed (Chromium, px).
HEIGHT_BEFORE = {"desktop": 25_272, "phone": 35_135}
MD_IN_HTML = {"markdown_extensions": ["attr_list", "md_in_html", {"toc": {"permalink": True}}]}
PLAN = """\
id: plan
title: 'Plan <b>bold</b> & "quoted"'
children:
  - title: Read me first
    notes: |-
      Some `code` and a fence:

      ```
      <div>not a tag</div>
        indented & kept
      ```
  - phase: 1
    title: 'Phase <script>alert(1)</script>'
    children:
      - month: 1
        title: 'Month *stars* _under_ </h3>'
        children:
          - week: 1
            title: Ticked week
            checklist:
              - {title: 'A `b`', done: true}
              - {title: B, done: true, items: [{title: C, done: true}]}
          - week: 1
            title: The same number again
      - month: 2
        title: Month two
        objective: '**bold** objective<div>'
        children:
          - week: 1
            title: A third week one
          - week: 3
            title: A week with days
            children:
              - day: 1
                title: Day one
                tasks: ['`x` <p>']
                children:
                  - title: Day checklist
                    checklist: [{title: X}]
              - day: 2-3
                title: Days two and three
"""


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def heading_text(heading) -> str:
    """A heading's text without its permalink (¶)."""
    return "".join(
        str(s) for s in heading.find_all(string=True) if not s.find_parent(class_="headerlink")
    )


def tree_headings(page: BeautifulSoup) -> list:
    return page.select(".rl-tree :is(h2, h3, h4, h5, h6)")


def nodes_of(roadmap: Roadmap) -> list[Node]:
    """Every node of the roadmap that has a heading: all but days."""
    return [node for node in roadmap.walk() if node.kind != "day"]


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("shipped") / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", SHIPPED_TODAY)
        assert main(["-f", str(ROOT / "mkdocs.yml"), "build", "-d", str(target)]) == 0
    return target


def project(root: Path, extensions: bool) -> Path:
    """The fixture project with the shipped roadmaps and PLAN, md_in_html in mkdocs.yml or not."""
    make_project(root)
    for path in (ROOT / "roadmaps").glob("*.yaml"):
        shutil.copy(path, root / "roadmaps" / path.name)
    write(root, "roadmaps/plan.yaml", PLAN)
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    listed = MD_IN_HTML["markdown_extensions"]
    chosen = listed if extensions else [name for name in listed if name != "md_in_html"]
    (root / "mkdocs.yml").write_text(
        yaml.safe_dump({**config, "markdown_extensions": chosen}), "utf-8"
    )
    return root


@pytest.fixture(scope="module")
def both(tmp_path_factory) -> dict[bool, Path]:
    """The project built with md_in_html (True) and without (False)."""
    sites = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        for extensions in (True, False):
            root = project(tmp_path_factory.mktemp(f"md-in-html-{extensions}"), extensions)
            assert build(root) == 0
            sites[extensions] = root / "site"
    return sites


# --- ids, permalinks, table of contents, jump list -----------------------------------------------


@pytest.mark.parametrize("roadmap", load_roadmaps(ROOT / "roadmaps", ROOT), ids=lambda r: r.id)
def test_every_phase_month_and_week_heading_has_its_anchor_and_a_permalink(shipped: Path, roadmap):
    page = soup(shipped, f"roadmaps/{roadmap.id}")
    wrong = []
    for node in nodes_of(roadmap):
        heading = page.find(id=node.anchor)
        text = f"{node.label}: {node.title}" if node.label else node.title
        if heading is None or heading.name not in ("h2", "h3", "h4", "h5", "h6"):
            wrong.append(f"{node.anchor}: no heading")
        elif " ".join(heading_text(heading).split()) != " ".join(text.split()):
            wrong.append(f"{node.anchor}: {heading_text(heading)!r}")
        elif heading.select_one(f'a.headerlink[href="#{node.anchor}"]') is None:
            wrong.append(f"{node.anchor}: no permalink")
    assert wrong == []
    ids = Counter(element["id"] for element in page.find_all(id=True))
    assert [name for name, count in ids.items() if count > 1] == []


@pytest.mark.parametrize("roadmap", load_roadmaps(ROOT / "roadmaps", ROOT), ids=lambda r: r.id)
def test_table_of_contents_and_jump_list_list_every_heading_in_order(shipped: Path, roadmap):
    page = soup(shipped, f"roadmaps/{roadmap.id}")
    headings = ["#" + heading["id"] for heading in tree_headings(page)]
    assert headings == ["#" + node.anchor for node in nodes_of(roadmap)]
    toc = [a["href"] for a in page.select("nav.md-nav--secondary a.md-nav__link")]
    assert toc == headings
    jump = page.select("article nav.rl-jump a")
    assert [a["href"] for a in jump] == headings
    for link in jump:
        assert link.get_text() == heading_text(page.find(id=link["href"][1:]))


def test_skip_link_goes_to_the_title(shipped: Path):
    """The theme's "Skip to content" link leads to the first heading of the table of contents."""
    page = soup(shipped, "roadmaps/backend-365")
    title = page.select_one("article h1")
    assert heading_text(title) == "365-Day Backend Engineering Roadmap"
    assert page.select_one("a.md-skip")["href"] == "#" + title["id"]


def test_jump_list_shows_progress_and_where_today_is(shipped: Path):
    page = soup(shipped, "roadmaps/backend-365")
    lines = [" ".join(li.contents[0].get_text().split()) for li in page.select("nav.rl-jump li")]
    assert lines[:3] == [
        "Phase 1: Infrastructure Foundations",
        "Month 1: Network Fundamentals",
        "Month 2: Server Infrastructure",
    ]
    first = page.select_one("nav.rl-jump li")
    assert first.select_one(":scope > .rl-meta").get_text() == "6 of 90 days done"
    (current,) = page.select("nav.rl-jump a[aria-current]")
    assert (current["href"], current["aria-current"]) == ("#month-1", "step")
    assert current.find_next_sibling(class_="rl-now").get_text() == "now"


def test_ids_stay_when_the_plan_grows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Ids come from the numbers, not the position: a build after adding a month at the top keeps
    the ids of every phase, month and week, and two builds of the same plan give the same page."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    root = make_project(tmp_path / "p")
    write(root, "roadmaps/plan.yaml", PLAN)
    assert build(root) == 0
    first = (root / "site/roadmaps/plan/index.html").read_text()
    assert build(root) == 0
    assert (root / "site/roadmaps/plan/index.html").read_text() == first
    grown = PLAN.replace(
        "children:\n  - title: Read me first",
        "children:\n  - month: 9\n    title: Added first\n  - title: Read me first",
        1,
    )
    write(root, "roadmaps/plan.yaml", grown)
    assert build(root) == 0
    before = BeautifulSoup(first, "html.parser")
    after = soup(root / "site", "roadmaps/plan")
    ids = [h["id"] for h in tree_headings(before) if not h["id"].startswith("section-")]
    assert ids == [
        "phase-1",
        "month-1",
        "week-1",
        "month-1-week-1",
        "month-2",
        "month-2-week-1",
        "week-3",
    ]
    assert [h["id"] for h in tree_headings(after) if not h["id"].startswith("section-")] == [
        "month-9",
        *ids,
    ]


def test_a_number_used_twice_gets_an_id_of_its_own():
    """Two weeks 1 (a plan numbering weeks per month): the second id is prefixed by its month."""
    roadmap = Roadmap(
        "r",
        "R",
        "roadmaps/r.yaml",
        children=[
            Node("month", "M1", 1, children=[Node("week", "A", 1), Node("week", "B", 2)]),
            Node("month", "M2", 2, children=[Node("week", "C", 1), Node("week", "D", 1)]),
        ],
    )
    site = build_site([roadmap], [], [], dt.date(2026, 1, 1))
    outline = outline_roadmap(site.roadmaps[0])
    assert [h.id for h in outline.walk()] == [
        "month-1",
        "week-1",
        "week-2",
        "month-2",
        "month-2-week-1",
        "month-2-week-1-2",
    ]


def test_progress_and_contents_read_as_sentences():
    items = Progress(total=4, done=4)
    assert describe_progress(Progress(1, 1), {"week"}, items) == (
        "1 of 1 week done · 4 of 4 items done"
    )
    assert describe_progress(Progress(10, 3), {"day", "week"}, Progress()) == "3 of 10 done"
    assert describe_progress(Progress(), set(), Progress(total=1)) == "0 of 1 item done"
    assert describe_progress(Progress(), set(), Progress()) == ""
    children = [Node("section", "S"), Node("day", "A", 1, 14), Node("day", "B", 15, 16)]
    assert describe_contents(children) == "1 section, 16 days"
    assert describe_contents([Node("week", "W", 1)]) == "1 week"


# --- md_in_html ------------------------------------------------------------------------------------


def shape(page: BeautifulSoup) -> tuple:
    """The article's elements with their attributes, its text and its preformatted text, without
    what md_in_html and the toc extension add (permalinks, the title's id)."""
    article = page.select_one("article")
    for link in article.select("a.headerlink"):
        link.decompose()
    elements = []
    for element in article.find_all(True):
        attributes = []
        for name, value in sorted(element.attrs.items()):
            value = " ".join(value) if isinstance(value, list) else value
            if name == "markdown" or (element.name == "h1" and name == "id"):
                continue
            attributes.append((name, "" if value == name else value))  # open="open" is open
        elements.append((element.name, attributes))
    pres = [pre.get_text() for pre in article.find_all("pre")]
    return elements, " ".join(article.get_text(" ").split()), pres


@pytest.mark.parametrize(
    "name", ["plan", "demo", *sorted(p.stem for p in (ROOT / "roadmaps").glob("*.yaml"))]
)
def test_the_table_of_contents_needs_no_setting(both, name: str):
    """The plugin turns md_in_html on: a mkdocs.yml without it gets the same page, with every
    heading in the table of contents, and no `markdown="1"` left in the HTML."""
    with_it, without = soup(both[True], f"roadmaps/{name}"), soup(both[False], f"roadmaps/{name}")
    headings = ["#" + h["id"] for h in tree_headings(with_it)]
    assert headings
    for page in (with_it, without):
        assert [a["href"] for a in page.select("nav.md-nav--secondary a.md-nav__link")] == headings
        assert 'markdown="' not in str(page.select_one("article"))
    assert str(with_it.select_one("article")) == str(without.select_one("article"))
    assert shape(with_it) == shape(without)


def test_markup_in_titles_stays_text_in_headings_and_table_of_contents(both):
    page = soup(both[True], "roadmaps/plan")
    assert heading_text(page.find(id="phase-1")) == "Phase 1: Phase <script>alert(1)</script>"
    assert heading_text(page.find(id="month-1")) == "Month 1: Month *stars* _under_ </h3>"
    assert page.select("article script") == []
    toc = [a.get_text(" ", strip=True) for a in page.select("nav.md-nav--secondary a")]
    assert toc[:3] == [
        "Read me first",
        "Phase 1: Phase <script>alert(1)</script>",
        "Month 1: Month *stars* _under_ </h3>",
    ]
    assert page.select_one(".rl-tree pre").get_text() == (
        "<div>not a tag</div>\n  indented & kept\n"
    )


# --- folds ------------------------------------------------------------------------------------------


def open_folds(page: BeautifulSoup) -> list[str]:
    """The ids of the headings whose fold is open."""
    return [
        d.find_previous_sibling("hgroup").find(id=True)["id"] for d in page.select(".rl-fold[open]")
    ]


def test_only_todays_month_is_open(shipped: Path):
    page = soup(shipped, "roadmaps/backend-365")
    assert open_folds(page) == ["month-1"]
    assert len(page.select(".rl-fold")) == 11  # every month; phases never fold
    assert page.select("section.rl-phase > details") == []
    summary = (
        page.find(id="month-2").find_parent("section").select_one(":scope > details > summary")
    )
    assert summary.get_text() == "The plan: 30 days of Month 2"
    assert summary.select_one(".rl-sr").get_text() == " of Month 2"


def test_an_undated_plan_opens_its_next_planned_week(shipped: Path):
    """The six-month plan has no dates: the first week not done yet (week 2) is where it is."""
    page = soup(shipped, "roadmaps/six-month-plan")
    assert open_folds(page) == ["month-1", "week-2"]
    assert len(page.select(".rl-fold")) == 30
    (current,) = page.select("nav.rl-jump a[aria-current]")
    assert current["href"] == "#week-2"


# --- progress of a checklist-only week ------------------------------------------------------------


def test_six_month_plan_counts_the_ticked_week_as_done(shipped: Path):
    """Week 1 of the six-month plan has no days and all 4 checklist items ticked: it is done."""
    page = soup(shipped, "roadmaps/six-month-plan")

    def meta(anchor: str) -> str:
        return (
            page.find(id=anchor).find_next_sibling("p", class_="rl-meta").get_text(" ", strip=True)
        )

    assert meta("week-1") == "1 of 1 week done · 4 of 4 items done"
    assert meta("week-2") == "0 of 1 week done"
    assert meta("month-1") == "1 of 4 weeks done"
    bar = page.find(id="week-1").find_next_sibling("p").select_one("[role=progressbar]")
    assert bar["aria-valuenow"] == "100"
    assert page.select_one(".rl-roadmap .rl-meta").get_text() == "1 of 24 done (4%)"
    week1 = page.select_one('nav.rl-jump a[href="#week-1"]').parent
    assert " ".join(week1.get_text(" ").split()) == (
        "Week 1: Advanced API Design 1 of 1 week done · 4 of 4 items done"
    )
    card = (
        soup(shipped, "roadmaps")
        .find("a", href="../roadmaps/six-month-plan/")
        .find_parent("article")
    )
    assert card.select_one(".rl-meta").get_text() == "1 of 24 done · 4%"


WEEK_START = dt.date(2026, 1, 5)  # a Monday


def ticked(*done: bool) -> list[ChecklistItem]:
    return [ChecklistItem(f"item {n}", flag) for n, flag in enumerate(done)]


def weekly(*weeks: Node, start: dt.date | None = WEEK_START) -> Roadmap:
    return Roadmap("w", "W", "roadmaps/w.yaml", start=start, children=list(weeks))


def states(site) -> dict[str, str]:
    return {f"{u.kind}-{u.number}": u.state for u in site.roadmaps[0].units}


def test_a_week_is_done_when_every_item_of_its_checklist_is_ticked():
    """A week without days is done once all its items are, nested ones included, whatever its
    entries and dates say; one item left leaves it missed (past) or planned."""
    nested = [ChecklistItem("a", True, items=[ChecklistItem("b", True)])]
    half_nested = [ChecklistItem("a", True, items=[ChecklistItem("b", False)])]
    roadmap = weekly(
        Node("week", "All ticked", 1, checklist=ticked(True, True)),
        Node("week", "One left", 2, checklist=ticked(True, False)),
        Node("week", "Nested all ticked", 3, checklist=nested),
        Node("week", "Nested one left", 4, checklist=half_nested),
        Node("week", "No checklist", 5),
        Node("week", "Ticked, not due yet", 6, checklist=ticked(True)),
    )
    today = WEEK_START + dt.timedelta(weeks=5, days=1)  # a day into week 6
    site = build_site([roadmap], [], [], today)
    assert states(site) == {
        "week-1": "done",
        "week-2": "missed",
        "week-3": "done",
        "week-4": "missed",
        "week-5": "missed",
        "week-6": "done",
    }
    view = site.roadmaps[0]
    assert (view.progress.done, view.progress.missed, view.progress.total) == (3, 3, 6)
    # Done for the calendar and the pace too: week 1's seven dates, and 3 done of 5 due.
    assert {site.calendar[WEEK_START + dt.timedelta(days=n)].state for n in range(7)} == {"done"}
    assert (view.pace.due, view.pace.delta) == (5, -2)


def test_a_ticked_week_wins_over_its_entry_and_an_unticked_one_keeps_it():
    skipped = Entry("journal/s.md", "s", WEEK_START, "Body.", roadmap="w", week=1, status="skipped")
    partial = Entry("journal/p.md", "p", WEEK_START, "Body.", roadmap="w", week=2, status="partial")
    roadmap = weekly(
        Node("week", "Ticked", 1, checklist=ticked(True)),
        Node("week", "Unticked", 2, checklist=ticked(False)),
    )
    site = build_site([roadmap], [skipped, partial], [], WEEK_START)
    assert states(site) == {"week-1": "done", "week-2": "partial"}


def test_a_day_with_its_checklist_ticked_is_done_and_an_undated_week_too():
    days = Roadmap(
        "d",
        "D",
        "roadmaps/d.yaml",
        start=WEEK_START,
        children=[
            Node("day", "Ticked range", 1, 2, checklist=ticked(True)),
            Node("day", "Plain", 3),
        ],
    )
    undated = weekly(Node("week", "W", 1, checklist=ticked(True, True)), start=None)
    site = build_site([days, undated], [], [], WEEK_START + dt.timedelta(days=5))
    assert [u.state for u in site.roadmaps[0].units] == ["done", "done", "missed"]
    assert [u.state for u in site.roadmaps[1].units] == ["done"]
    assert site.roadmaps[1].progress.done == 1


# --- in a browser ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def base_url(shipped: Path) -> Iterator[str]:
    with serve_folder(shipped) as origin:
        yield origin


@pytest.fixture
def tab(browser, base_url: str):
    """tab(path, size, javascript) -> a page of the shipped site in a fresh context."""
    contexts = []

    def open_tab(path: str, size: str = "desktop", javascript: bool = False, scheme="light"):
        context = browser.new_context(
            **SIZES[size], java_script_enabled=javascript, color_scheme=scheme
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.goto(base_url + path, wait_until="networkidle" if javascript else "load")
        return page

    yield open_tab
    for context in contexts:
        context.close()


def fold_of(page, anchor: str):
    return page.locator(f"section:has(> hgroup > #{anchor}) > details")


def in_view(page, anchor: str) -> bool:
    box = page.locator(f"#{anchor}").bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
@pytest.mark.parametrize("size", list(SIZES))
def test_jump_list_moves_to_a_week_in_a_closed_month(tab, size: str, javascript: bool):
    page = tab("/roadmaps/six-month-plan/", size, javascript)
    assert fold_of(page, "month-4").evaluate("d => d.open") is False
    page.locator('nav.rl-jump a[href="#week-14"]').focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/#week-14")
    assert fold_of(page, "month-4").evaluate("d => d.open") is True  # the browser opened it
    assert page.locator("#week-14").is_visible() and in_view(page, "week-14")


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_a_link_to_a_day_of_a_closed_month_shows_the_day(tab, javascript: bool):
    """What the dashboard, entries and topics link to (`#day-200`) still shows when it is folded."""
    page = tab("/roadmaps/backend-365/#day-200", "desktop", javascript)
    assert page.locator("#day-200").is_visible() and in_view(page, "day-200")
    assert fold_of(page, "month-7").evaluate("d => d.open") is True


def test_folds_open_and_close_with_the_keyboard(tab):
    page = tab("/roadmaps/backend-365/")
    summary = fold_of(page, "month-2").locator("> summary")
    page.locator("#month-2 a.headerlink").focus()
    page.keyboard.press("Tab")  # from the heading's permalink to its fold
    assert summary.evaluate("s => s === document.activeElement")
    assert summary.evaluate("s => getComputedStyle(s).outlineStyle") != "none"
    assert page.locator("#day-31").is_visible() is False
    page.keyboard.press("Enter")
    assert fold_of(page, "month-2").evaluate("d => d.open") is True
    assert page.locator("#day-31").is_visible()
    page.keyboard.press("Space")
    assert fold_of(page, "month-2").evaluate("d => d.open") is False


@pytest.mark.parametrize("size", list(SIZES))
def test_the_365_day_page_is_a_fraction_of_its_old_height(tab, size: str):
    """25,272 px on a desktop before (35,135 on a phone): under a quarter as built (today's month
    open), under an eighth with every fold closed; opening everything shows the whole plan again."""
    page = tab("/roadmaps/backend-365/", size, javascript=True)
    height = "document.documentElement.scrollHeight"
    built = page.evaluate(height)
    page.evaluate("document.querySelectorAll('.rl-fold').forEach(d => d.open = false)")
    folded = page.evaluate(height)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    unfolded = page.evaluate(height)
    print(f"backend-365 {size}: {built} px as built, {folded} folded, {unfolded} unfolded")
    assert built < HEIGHT_BEFORE[size] / 4
    assert folded < HEIGHT_BEFORE[size] / 8
    assert unfolded > HEIGHT_BEFORE[size] * 0.9
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= page.viewport_size["width"], "the page scrolls sideways"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", ["backend-365", "six-month-plan", "fastapi-90"])
def test_axe_finds_no_serious_violations_on_roadmap_pages(tab, name: str, scheme: str):
    require(AXE)
    page = tab(f"/roadmaps/{name}/", "desktop", javascript=True, scheme=scheme)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    if serious:
        pytest.fail(f"axe on /roadmaps/{name}/ ({scheme}):\n" + "\n".join(map(describe, serious)))
