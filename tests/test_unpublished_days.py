"""No day is done before the learner writes it, nor before it comes.

An entry whose body is still the template `roadlog new` wrote, and an entry dated after today (in
the configured timezone), are left out of the site as drafts are: no page, link, feed item, search
entry, sitemap URL, count or credit. `check` and `build` name each one in a warning.

The project of the site tests is conftest's fixture ("today" is 2026-03-10 in Tokyo) plus:

| file                                     | what                                                 |
| ---------------------------------------- | ---------------------------------------------------- |
| journal/2026/2026-03-05-subnetting.md    | the template an older `roadlog new` wrote (no marker) |
| journal/2026/2026-03-10-tcp-handshake.md | `roadlog new`, left as it was written                |
| journal/2026-03-12-ahead.md              | written, but dated after today                       |
| journal/2030/2030-01-01.md               | `roadlog new --date 2030-01-01`, left as written     |

A second build of the same project without those files is the reference: every byte of the two
sites must be the same.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import PUBLISHED, SITE_URL, SOURCE_DATE_EPOCH, TOKYO, build, make_project, write
from test_privacy import read_all

from generator.build_site import build_site
from generator.check_untouched import is_untouched
from generator.cli import main
from generator.model import Entry, Node, Resource, Roadmap, Unit
from generator.render_entry import render_new_entry, template_lines

TODAY_ENTRY = "journal/2026/2026-03-10-tcp-handshake.md"
FUTURE_ENTRY = "journal/2030/2030-01-01.md"
OLD_TEMPLATE = "journal/2026/2026-03-05-subnetting.md"
AHEAD = "journal/2026-03-12-ahead.md"
LEFT_OUT = [OLD_TEMPLATE, TODAY_ENTRY, AHEAD, FUTURE_ENTRY]
# What `roadlog new` wrote before it signed its templates: a learner's journal may still hold it.
OLD_TEMPLATE_TEXT = """\
---
date: 2026-03-05
title: Subnetting
roadmap: demo
day: 4
status: done
draft: false
# hours: 1.5
---

## Question

> Question of day 4?

## Concepts

- concept-4a
- concept-4b

## Resources

- [Resource 4](https://docs.example/day-4)

## Tasks

- [ ] Task 4.1
- [ ] Task 4.2

## Notes

## What I learned
"""
AHEAD_TEXT = "---\ndate: 2026-03-12\ntitle: Written ahead\nhours: 2\n---\nPlans for Thursday.\n"
UNTOUCHED = (
    "warning: the entry is still the template `roadlog new` wrote, so it is not published; "
    "write in it or delete the file"
)


def after_today(date: str, today: str = "2026-03-10") -> str:
    return (
        f"warning: the date {date} is after today ({today}), so the entry is not published yet; "
        "builds from that day on publish it"
    )


CHECK_LINES = [
    f"{OLD_TEMPLATE}:10: {UNTOUCHED}",
    f"{TODAY_ENTRY}:10: {UNTOUCHED}",
    f"{AHEAD}:2: {after_today('2026-03-12')}",
    f"{FUTURE_ENTRY}:2: {after_today('2030-01-01')}",
    f"{FUTURE_ENTRY}:8: {UNTOUCHED}",
]


def roadlog(project: Path, *args: str) -> int:
    return main(["-f", str(project / "mkdocs.yml"), *args])


def add_unpublished(project: Path) -> Path:
    """The entries of the module docstring: two written by `roadlog new` itself, two by hand."""
    assert roadlog(project, "new") == 0
    assert roadlog(project, "new", "--date", "2030-01-01") == 0
    write(project, OLD_TEMPLATE, OLD_TEMPLATE_TEXT)
    write(project, AHEAD, AHEAD_TEXT)
    return project


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def stats(site: Path) -> dict[str, str]:
    return {
        s.select_one("span").get_text(strip=True): s.select_one("strong").get_text(strip=True)
        for s in page(site, "").select(".rl-stat")
    }


def cell_states(site: Path) -> dict[str, str]:
    cells = page(site, "calendar").select("#all svg rect[data-date]")
    return {c["data-date"]: c["data-state"] for c in cells}


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the project with the entries left out, the same without those files), both built."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        project = add_unpublished(make_project(tmp_path_factory.mktemp("with") / "learner"))
        reference = tmp_path_factory.mktemp("without") / "learner"
        shutil.copytree(project, reference, symlinks=True)
        for relative in LEFT_OUT:
            (reference / relative).unlink()
        assert build(project) == 0
        assert build(reference) == 0
    return project, reference


# --- `roadlog check` and `roadlog build` say it -------------------------------------------------


def test_check_names_each_entry_left_out(fixture_site: Path, capsys):
    add_unpublished(fixture_site)
    capsys.readouterr()
    assert roadlog(fixture_site, "check") == 0
    out, err = capsys.readouterr()
    assert (out, err) == (
        "\n".join(CHECK_LINES)
        + "\nOK: 1 roadmap(s), 7 published entries, 4 commit(s), 5 warning(s)\n",
        "",
    )


def test_build_says_the_same_and_builds(fixture_site: Path, capsys):
    add_unpublished(fixture_site)
    capsys.readouterr()
    assert build(fixture_site) == 0
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert [line for line in err.splitlines() if line.startswith("journal/")] == CHECK_LINES


# --- the site: as if the files were not there ---------------------------------------------------


def test_site_is_identical_to_a_build_without_them(projects):
    ours, reference = read_all(projects[0] / "site"), read_all(projects[1] / "site")
    assert sorted(ours) == sorted(reference)
    assert [name for name in ours if ours[name] != reference[name]] == []


def test_no_page_feed_item_search_entry_or_sitemap_url(projects):
    site = projects[0] / "site"
    journal = {p.name for p in (site / "journal").iterdir() if p.is_dir()}
    assert journal == {*PUBLISHED, "2026"}  # the entries and the year page
    stems = [Path(relative).stem for relative in LEFT_OUT]
    files = read_all(site)  # Pagefind's index and fragments unpacked
    for name, data in files.items():
        for stem in stems:
            assert stem.encode() not in data and stem not in name, (name, stem)
        assert b"Notes from Tuesday 1 January 2030" not in data, name
    found = {
        json.loads(data.removeprefix(b"pagefind_dcd"))["url"]
        for name, data in files.items()
        if name.endswith(".pf_fragment")
    }
    assert {url for url in found if url.startswith("/journal/")} == {
        f"/journal/{stem}/" for stem in PUBLISHED
    }
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert feed.entries[0].link == f"{SITE_URL}journal/2026-03-09-records/"


def test_nothing_counts_as_done_or_latest(projects):
    site = projects[0] / "site"
    assert stats(site)["days logged"] == "6"  # 02-27, 03-02, 03-03, 03-04, 03-08, 03-09
    assert stats(site)["day streak"] == "2"
    latest = page(site, "").select("article.rl-card h3 a")
    assert latest[0].get_text(strip=True) == "Records after midnight"
    states = cell_states(site)
    # Day 4 (the old template) stays missed, today stays planned, 03-12 is day 11, planned.
    assert [states[d] for d in ("2026-03-05", "2026-03-10", "2026-03-12")] == [
        "missed",
        "planned",
        "planned",
    ]
    assert not [date for date in states if date.startswith("2030")]


# --- writing in it publishes it ------------------------------------------------------------------


def test_one_line_of_the_learner_publishes_the_day(fixture_site: Path, capsys):
    assert roadlog(fixture_site, "new") == 0
    path = fixture_site / TODAY_ENTRY
    path.write_text(path.read_text(encoding="utf-8") + "Read RFC 793.\n", encoding="utf-8")
    capsys.readouterr()
    assert roadlog(fixture_site, "check") == 0
    assert capsys.readouterr() == (
        "OK: 1 roadmap(s), 8 published entries, 4 commit(s), 0 warning(s)\n",
        "",
    )
    assert build(fixture_site) == 0
    site = fixture_site / "site"
    assert stats(site)["days logged"] == "7"
    assert cell_states(site)["2026-03-10"] == "done"
    html = (site / "journal/2026-03-10-tcp-handshake/index.html").read_text(encoding="utf-8")
    assert "Read RFC 793." in html
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert feed.entries[0].link == f"{SITE_URL}journal/2026-03-10-tcp-handshake/"
    # The marker line is the file's, not the page's.
    for data in read_all(site).values():
        assert b"roadlog new" not in data and b"stays unpublished" not in data


def test_the_date_is_after_today_in_the_configured_timezone(
    fixture_site: Path, capsys, monkeypatch
):
    # 23:30 UTC on 03-10 is 08:30 on 03-11 in Tokyo: 03-11 is today there, 03-12 is not.
    late = dt.datetime(2026, 3, 10, 23, 30, tzinfo=dt.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(late.timestamp())))
    assert late.astimezone(TOKYO).date() == dt.date(2026, 3, 11)
    write(fixture_site, "journal/2026-03-11-today.md", "---\ntitle: Today\n---\nDone.\n")
    write(fixture_site, "journal/2026-03-12-tomorrow.md", "---\ntitle: Tomorrow\n---\nSoon.\n")
    assert roadlog(fixture_site, "check") == 0
    assert capsys.readouterr() == (
        f"journal/2026-03-12-tomorrow.md:1: {after_today('2026-03-12', '2026-03-11')}\n"
        "OK: 1 roadmap(s), 8 published entries, 4 commit(s), 1 warning(s)\n",
        "",
    )


# --- what is "untouched" ------------------------------------------------------------------------

DAY_9 = Node(
    "day",
    "TCP Handshake",
    9,
    question="Question of day 9?",
    concepts=["concept-9a", "concept-9b"],
    tasks=["Task 9.1", "Task 9.2"],
    resources=[Resource("Resource 9", "https://docs.example/day-9")],
)
UNIT = Unit("demo", DAY_9, "day", 9, [dt.date(2026, 3, 10)])
TEMPLATE = render_new_entry(dt.date(2026, 3, 10), UNIT, []).split("---\n", 2)[2]
MARKER = TEMPLATE.split("\n", 1)[0]


def without_marker(body: str) -> str:
    return body.replace(MARKER + "\n", "")


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(TEMPLATE, id="as written"),
        pytest.param(TEMPLATE.replace("\n", "\r\n"), id="crlf"),
        pytest.param(TEMPLATE.replace("\n\n", "\n\n\n  \n").replace("\n", "  \n"), id="spaces"),
        pytest.param(TEMPLATE + "<!-- tomorrow:\nwrite about SYN floods -->\n", id="a comment"),
        pytest.param(TEMPLATE.replace("this stays", "it stays"), id="marker words edited"),
        pytest.param(without_marker(TEMPLATE), id="marker deleted"),
        pytest.param(TEMPLATE.split("## Resources")[0] + "## Notes\n", id="sections deleted"),
        pytest.param(without_marker(TEMPLATE).split("## Resources")[0], id="both deleted"),
        pytest.param(MARKER + "\n", id="all but the marker deleted"),
        pytest.param("\n## Notes\n\n## What I learned\n", id="headings alone"),
    ],
)
def test_untouched_bodies(body: str):
    assert is_untouched(body, template_lines([UNIT]))


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(TEMPLATE + "Read RFC 793.\n", id="a line of notes"),
        pytest.param(TEMPLATE.replace("- [ ] Task 9.1", "- [x] Task 9.1"), id="a task ticked"),
        pytest.param(without_marker(TEMPLATE) + "Read RFC 793.\n", id="notes, no marker"),
        pytest.param("", id="front matter alone"),
        pytest.param("# Warm-up notes\n", id="a heading of its own"),
        pytest.param("## Question\n\n> Why a three-way handshake?\n", id="a question of its own"),
    ],
)
def test_bodies_with_text_of_their_own(body: str):
    assert not is_untouched(body, template_lines([UNIT]))


def test_the_marker_outlives_a_change_of_the_plan():
    """The plan was edited after `roadlog new`: the template no longer matches it, the marker does."""
    edited = Unit("demo", Node("day", "TCP, the handshake", 9, tasks=["Other"]), "day", 9, [])
    assert is_untouched(TEMPLATE, template_lines([edited]))
    assert not is_untouched(without_marker(TEMPLATE), template_lines([edited]))


def test_build_site_leaves_them_out_with_a_warning_each():
    """The pure merge: an untouched entry and a future one earn no credit; today's entry does."""
    roadmap = Roadmap("demo", "Demo", "roadmaps/demo.yaml", start=dt.date(2026, 3, 2))
    roadmap.children = [Node("day", f"Day {n}", n) for n in range(1, 9)] + [DAY_9]

    def entry(stem: str, date: dt.date, body: str, **fields) -> Entry:
        return Entry(f"journal/{stem}.md", stem, date, body, body_line=5, **fields)

    entries = [
        entry("template", dt.date(2026, 3, 10), TEMPLATE, roadmap="demo", day=9),
        entry("ahead", dt.date(2026, 3, 11), "Done early.", lines={"date": 2}),
        entry("today", dt.date(2026, 3, 10), "Done today."),
    ]
    site = build_site([roadmap], entries, [], dt.date(2026, 3, 10))
    assert [e.stem for e in site.entries] == ["today"]
    assert [str(p) for p in site.warnings] == [
        f"journal/template.md:5: {UNTOUCHED}",
        f"journal/ahead.md:2: {after_today('2026-03-11')}",
    ]
    assert (site.days_logged, site.current_streak) == (1, 1)
    day_9 = site.roadmaps[0].units[8]
    assert (day_9.number, day_9.state, [e.stem for e in day_9.entries]) == (9, "done", ["today"])
    assert site.entry_units.keys() == {"today"}
    assert re.search(r"roadlog new", "\n".join(e.body for e in site.entries)) is None
