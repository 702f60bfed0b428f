"""`roadlog new` as the learner runs it: the exact path printed, the exact file written, refusals.

"Today" is the fixture's 2026-03-10 in Tokyo (SOURCE_DATE_EPOCH): day 9 of the `demo` roadmap.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
import subprocess
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import CANARY, run_cli, write

from generator.cli import main
from generator.errors import Collector
from generator.load_entries import load_entry, split_front_matter
from generator.render_entry import untitled_day

TODAY_PATH = "journal/2026/2026-03-10-tcp-handshake.md"
TODAY_TEXT = """\
---
date: 2026-03-10
title: TCP Handshake
roadmap: demo
day: 9
status: done
draft: false
# hours: 1.5
---
<!-- roadlog new 0b8d4ae81c69: this stays unpublished until you write in it -->

## Question

> Question of day 9?

## Concepts

- concept-9a
- concept-9b

## Resources

- [Resource 9](https://docs.example/day-9)

## Tasks

- [ ] Task 9.1
- [ ] Task 9.2

## Notes

## What I learned
"""

TODAY_META = {
    "date": dt.date(2026, 3, 10),
    "title": "TCP Handshake",
    "roadmap": "demo",
    "day": 9,
    "status": "done",
    "draft": False,
}
TODAY_BODY = TODAY_TEXT.split("---\n", 2)[2]

# A weekday plan with a pause over the whole second week of March 2026: day 5 is Friday 03-06,
# then 03-07/08 are a weekend, 03-09..13 are paused, 03-14/15 a weekend, so day 6 is Monday 03-16
# (it would be 03-09 without the pause), day 10 is Friday 03-20 and day 11 Monday 03-23.
WEEKLY_DAY_6 = """\
  - day: 6
    title: Caching with Redis
    question: Where should a cache sit?
    objective: Put a cache in front of the **API**.
    concepts: [cache-aside, TTL]
    project: A cached endpoint
    exercise: |
      Time ten requests with and without the cache.
      ```sh
      curl -w '%{time_total}' http://localhost:8000/
      ```
    tasks: [Install Redis]
    resources:
      - {title: Redis docs, url: 'https://redis.io/docs/', note: Sections 1-4}
      - {title: Caching patterns, url: 'https://docs.example/caching'}
    deliverables: [A latency table, A short write-up]
"""
TOPICS_YAML = """\
topics:
  - name: Redis
  - name: Caching
    aliases: [cache-aside]
"""
WEEKLY_DAY_6_PATH = "journal/2026/2026-03-16-caching-with-redis.md"
WEEKLY_DAY_6_TEXT = """\
---
date: 2026-03-16
title: Caching with Redis
roadmap: weekly
day: 6
tags: [redis, caching]
status: done
draft: false
# hours: 1.5
---
<!-- roadlog new 087dd81b3857: this stays unpublished until you write in it -->

## Question

> Where should a cache sit?

## Objective

Put a cache in front of the **API**.

## Concepts

- cache-aside
- TTL

## Resources

- [Redis docs](https://redis.io/docs/) — Sections 1-4
- [Caching patterns](https://docs.example/caching)

## Tasks

- [ ] Install Redis
- [ ] Mini-project: A cached endpoint
- [ ] Exercise: Time ten requests with and without the cache.
- [ ] Deliverable: A latency table
- [ ] Deliverable: A short write-up

## Notes

## What I learned
"""
UNTOUCHED = (
    "warning: the entry is still the template `roadlog new` wrote, so it is not published; "
    "write in it or delete the file"
)
BARE_TEXT = """\
---
date: 2026-03-21
title: Notes from Saturday 21 March 2026
status: done
draft: false
# hours: 1.5
---
<!-- roadlog new c7bc32f5aa43: this stays unpublished until you write in it -->

## Notes

## What I learned
"""


def weekly_roadmap() -> str:
    """roadmaps/weekly.yaml: twelve days on weekdays from Monday 2026-03-02, paused 03-09..13."""
    days = "".join(
        WEEKLY_DAY_6 if number == 6 else f"  - day: {number}\n    title: Weekday {number}\n"
        for number in range(1, 13)
    )
    return (
        textwrap.dedent(
            """\
        id: weekly
        title: Weekday Plan
        start: '2026-03-02'
        schedule: weekdays
        pauses:
          - {from: '2026-03-09', to: '2026-03-13'}
        children:
        """
        )
        + days
    )


SECOND_ROADMAP = """\
id: second
title: Second Plan
start: '2026-03-10'
children:
  - day: 1
    title: Second Day One
    question: What does the second plan start with?
  - day: 2
    title: Second Day Two
"""

WEEKS_ROADMAP = """\
id: weeks
title: Weeks Only
start: '2026-04-06'
children:
  - week: 1
    title: Caching Week
    tasks: [Read about caches]
  - week: 2
    title: Queues Week
"""


def ahead(date: str) -> str:
    """What `roadlog new` says on stderr when `date` is after the fixture's today."""
    return f"warning: {date} is after today (2026-03-10), so the entry is not published before that day\n"


def roadlog(capsys, project: Path, *args: str) -> tuple[int, str, str]:
    """Run `roadlog -f project/mkdocs.yml *args` in-process: (exit code, stdout, stderr)."""
    code = main(["-f", str(project / "mkdocs.yml"), *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err, out + err
    return code, out, err


def new(capsys, project: Path, *args: str) -> tuple[int, str, str]:
    """Run `roadlog new *args` in-process: (exit code, stdout, stderr)."""
    return roadlog(capsys, project, "new", *args)


def learner_files(project: Path) -> dict[str, tuple[str, int] | str]:
    """Checksum and mtime of every file (and every folder) under journal/ and roadmaps/."""
    files: dict[str, tuple[str, int] | str] = {}
    for top in ("journal", "roadmaps"):
        for path in sorted((project / top).rglob("*")):
            relative = path.relative_to(project).as_posix()
            if path.is_dir():
                files[relative] = "folder"
            else:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                files[relative] = (digest, path.stat().st_mtime_ns)
    return files


def front_matter(path: Path) -> dict:
    front, _, _ = split_front_matter(path.read_text(encoding="utf-8"))
    return yaml.safe_load(front)


def assert_todays_entry(project: Path, added: str = "") -> None:
    """The entry of 2026-03-10 as `new` writes it (front matter compared as data), plus `added`."""
    path = project / TODAY_PATH
    front, body, _ = split_front_matter(path.read_text(encoding="utf-8"))
    assert yaml.safe_load(front) == TODAY_META
    assert "# hours: " in front  # left for the learner to fill in
    assert body == TODAY_BODY + added


def loads_cleanly(project: Path, relative: str):
    """The entry at `relative`, loaded as a build would; it must raise no problem at all."""
    problems = Collector()
    entry = load_entry(project / relative, relative, problems)
    assert [str(p) for p in problems.problems] == []
    assert entry is not None
    return entry


def editor_script(folder: Path, name: str) -> Path:
    """A fake editor: records its arguments in folder/<name>.args and appends a line to the file."""
    script = folder / name
    script.write_text(
        textwrap.dedent(
            f"""\
            #!/bin/sh
            printf '%s\\n' "$@" > "{folder / (name + ".args")}"
            for last in "$@"; do :; done
            printf 'Written in {name}.\\n' >> "$last"
            """
        )
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


# --- today's entry ------------------------------------------------------------------------------


def test_new_prints_the_path_and_writes_the_exact_entry(fixture_site: Path, capsys):
    code, out, err = new(capsys, fixture_site)
    assert (code, out, err) == (0, f"{TODAY_PATH}\n", "")
    assert (fixture_site / TODAY_PATH).read_text(encoding="utf-8") == TODAY_TEXT


def test_the_new_entry_has_complete_front_matter_and_the_plan(fixture_site: Path, capsys):
    assert new(capsys, fixture_site) == (0, f"{TODAY_PATH}\n", "")
    assert_todays_entry(fixture_site)
    text = (fixture_site / TODAY_PATH).read_text(encoding="utf-8")
    for part in (
        "## Question\n\n> Question of day 9?\n",
        "- concept-9a\n- concept-9b\n",
        "- [Resource 9](https://docs.example/day-9)\n",
        "- [ ] Task 9.1\n- [ ] Task 9.2\n",
        "## Notes\n",
    ):
        assert part in text


def test_the_new_entry_loads_cleanly_and_check_says_it_is_unpublished(fixture_site: Path, capsys):
    assert new(capsys, fixture_site)[0] == 0
    entry = loads_cleanly(fixture_site, TODAY_PATH)
    assert (entry.date, entry.title, entry.roadmap, entry.day) == (
        dt.date(2026, 3, 10),
        "TCP Handshake",
        "demo",
        9,
    )
    assert (entry.status, entry.draft, entry.tags) == ("done", False, [])
    assert [p.name for p in (fixture_site / "journal").rglob(".*")] == []  # no staging leftovers
    # Still the template: not published until the learner writes in it (line 10: the marker).
    assert roadlog(capsys, fixture_site, "check") == (
        0,
        f"{TODAY_PATH}:10: {UNTOUCHED}\n"
        "OK: 1 roadmap(s), 7 published entries, 4 commit(s), 1 warning(s)\n",
        "",
    )


def test_the_installed_command_in_the_project_folder(fixture_site: Path):
    result = run_cli("new", cwd=fixture_site)
    assert "Traceback" not in result.stdout + result.stderr
    assert (result.returncode, result.stdout, result.stderr) == (0, f"{TODAY_PATH}\n", "")
    assert_todays_entry(fixture_site)
    again = run_cli("new", cwd=fixture_site)
    assert (again.returncode, again.stdout) == (1, "")
    assert again.stderr == (
        f"error: {TODAY_PATH} already exists for demo Day 9; it was left as it is\n"
    )


def test_fresh_clone_writes_todays_entry_from_the_shipped_roadmaps(tmp_path: Path, monkeypatch):
    """The issue's "done when": README's example day, 2026-11-24 in Paris, on a fresh clone."""
    repo = Path(__file__).resolve().parent.parent
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", str(repo), str(clone)],
        check=True,
        capture_output=True,
        env={**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"},
    )
    noon_in_paris = dt.datetime(2026, 11, 24, 12, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(noon_in_paris.timestamp())))
    result = run_cli("new", cwd=clone)
    assert "Traceback" not in result.stdout + result.stderr
    relative = "journal/2026/2026-11-24-dns-record-types.md"
    assert (result.returncode, result.stdout) == (0, f"{relative}\n"), result.stderr
    meta = front_matter(clone / relative)
    assert {k: meta[k] for k in ("date", "roadmap", "day", "status", "draft")} == {
        "date": dt.date(2026, 11, 24),
        "roadmap": "backend-365",
        "day": 9,
        "status": "done",
        "draft": False,
    }
    loads_cleanly(clone, relative)
    before = learner_files(clone)
    again = run_cli("new", cwd=clone)
    assert (again.returncode, again.stdout) == (1, "")
    assert again.stderr == (
        f"error: {relative} already exists for backend-365 Day 9; it was left as it is\n"
    )
    assert learner_files(clone) == before


# --- which day: --date, schedule, pauses, several roadmaps --------------------------------------


def test_date_option_picks_that_days_plan(fixture_site: Path, capsys):
    code, out, err = new(capsys, fixture_site, "--date", "2026-03-11")
    assert (code, out, err) == (0, "journal/2026/2026-03-11-udp.md\n", ahead("2026-03-11"))
    meta = front_matter(fixture_site / "journal/2026/2026-03-11-udp.md")
    assert (meta["date"], meta["title"], meta["day"]) == (dt.date(2026, 3, 11), "UDP", 10)


def test_a_day_range_gives_the_number_of_that_date(fixture_site: Path, capsys):
    # days 11-12 share a node; 2026-03-13 is day 12
    path = "journal/2026/2026-03-13-mini-project-a-resolver.md"
    assert new(capsys, fixture_site, "--date", "2026-03-13") == (
        0,
        f"{path}\n",
        ahead("2026-03-13"),
    )
    meta = front_matter(fixture_site / path)
    assert (meta["title"], meta["roadmap"], meta["day"]) == ("Mini-project: a resolver", "demo", 12)
    loads_cleanly(fixture_site, path)


def test_the_day_counts_only_weekdays_and_skips_the_pause(fixture_site: Path, capsys):
    write(fixture_site, "roadmaps/weekly.yaml", weekly_roadmap())
    write(fixture_site, "roadmaps/topics.yaml", TOPICS_YAML)
    code, out, err = new(capsys, fixture_site, "--date", "2026-03-16")
    assert (code, out, err) == (0, f"{WEEKLY_DAY_6_PATH}\n", ahead("2026-03-16"))
    assert (fixture_site / WEEKLY_DAY_6_PATH).read_text(encoding="utf-8") == WEEKLY_DAY_6_TEXT
    loads_cleanly(fixture_site, WEEKLY_DAY_6_PATH)
    # Friday after the pause's weekend: day 10; the Monday after: day 11.
    assert new(capsys, fixture_site, "--date", "2026-03-20") == (
        0,
        "journal/2026/2026-03-20-weekday-10.md\n",
        ahead("2026-03-20"),
    )
    assert new(capsys, fixture_site, "--date", "2026-03-23") == (
        0,
        "journal/2026/2026-03-23-weekday-11.md\n",
        ahead("2026-03-23"),
    )
    assert front_matter(fixture_site / "journal/2026/2026-03-23-weekday-11.md")["day"] == 11
    # Inside the pause, only `demo` plans the day (day 9): no `weekly` entry.
    assert new(capsys, fixture_site, "--date", "2026-03-10") == (0, f"{TODAY_PATH}\n", "")
    assert sorted(p.name for p in (fixture_site / "journal/2026").iterdir()) == [
        "2026-03-10-tcp-handshake.md",
        "2026-03-16-caching-with-redis.md",
        "2026-03-20-weekday-10.md",
        "2026-03-23-weekday-11.md",
    ]
    assert roadlog(capsys, fixture_site, "check")[0] == 0


def test_a_weekend_without_a_plan_gives_a_bare_dated_entry(fixture_site: Path, capsys):
    write(fixture_site, "roadmaps/weekly.yaml", weekly_roadmap())
    # Saturday between day 10 (Fri 03-20) and day 11 (Mon 03-23) of `weekly`; `demo` has ended.
    code, out, err = new(capsys, fixture_site, "--date", "2026-03-21")
    assert (code, out, err) == (0, "journal/2026/2026-03-21.md\n", ahead("2026-03-21"))
    path = fixture_site / "journal/2026/2026-03-21.md"
    assert front_matter(path) == {
        "date": dt.date(2026, 3, 21),
        "title": "Notes from Saturday 21 March 2026",
        "status": "done",
        "draft": False,
    }
    assert path.read_text(encoding="utf-8").endswith("\n## Notes\n\n## What I learned\n")
    entry = loads_cleanly(fixture_site, "journal/2026/2026-03-21.md")
    assert (entry.roadmap, entry.day, entry.week) == (None, None, None)


def test_the_bare_dated_entry_exact_text(fixture_site: Path, capsys):
    assert new(capsys, fixture_site, "--date", "2026-03-21") == (
        0,
        "journal/2026/2026-03-21.md\n",
        ahead("2026-03-21"),
    )
    assert (fixture_site / "journal/2026/2026-03-21.md").read_text(encoding="utf-8") == BARE_TEXT


@pytest.mark.parametrize(
    ("date", "title"),
    [
        (dt.date(2026, 12, 1), "Notes from Tuesday 1 December 2026"),
        (dt.date(2028, 2, 29), "Notes from Tuesday 29 February 2028"),
        (dt.date(2027, 1, 3), "Notes from Sunday 3 January 2027"),
    ],
)
def test_a_day_without_a_plan_is_titled_by_its_date_in_words(date, title):
    assert untitled_day(date) == title


def test_a_future_date_is_written_but_said_and_left_out(fixture_site: Path, capsys):
    """The issue's case: `roadlog new --date 2030-01-01`, left blank, was the latest done day."""
    path = "journal/2030/2030-01-01.md"
    assert new(capsys, fixture_site, "--date", "2030-01-01") == (
        0,
        f"{path}\n",
        "warning: 2030-01-01 is after today (2026-03-10), so the entry is not published before "
        "that day\n",
    )
    assert (fixture_site / path).read_text(encoding="utf-8") == (
        "---\ndate: 2030-01-01\ntitle: Notes from Tuesday 1 January 2030\nstatus: done\n"
        "draft: false\n# hours: 1.5\n---\n"
        "<!-- roadlog new c7bc32f5aa43: this stays unpublished until you write in it -->\n"
        "\n## Notes\n\n## What I learned\n"
    )
    assert roadlog(capsys, fixture_site, "check") == (
        0,
        f"{path}:2: warning: the date 2030-01-01 is after today (2026-03-10), so the entry is "
        "not published yet; builds from that day on publish it\n"
        f"{path}:8: {UNTOUCHED}\n"
        "OK: 1 roadmap(s), 7 published entries, 4 commit(s), 2 warning(s)\n",
        "",
    )


def test_two_entries_ahead_are_said_once(fixture_site: Path, capsys):
    write(fixture_site, "roadmaps/second.yaml", SECOND_ROADMAP)
    code, out, err = new(capsys, fixture_site, "--date", "2026-03-11")
    assert (code, err) == (0, ahead("2026-03-11"))
    assert out == "journal/2026/2026-03-11-udp.md\njournal/2026/2026-03-11-second-day-two.md\n"


def test_a_roadmap_of_weeks_gives_the_week(fixture_site: Path, capsys):
    write(fixture_site, "roadmaps/weeks.yaml", WEEKS_ROADMAP)
    path = "journal/2026/2026-04-15-queues-week.md"  # week 2 is 04-13..19
    assert new(capsys, fixture_site, "--date", "2026-04-15") == (
        0,
        f"{path}\n",
        ahead("2026-04-15"),
    )
    meta = front_matter(fixture_site / path)
    assert (meta["title"], meta["roadmap"], meta["week"]) == ("Queues Week", "weeks", 2)
    assert "day" not in meta
    loads_cleanly(fixture_site, path)


def test_two_roadmaps_on_one_date_give_one_entry_each(fixture_site: Path, capsys):
    write(fixture_site, "roadmaps/second.yaml", SECOND_ROADMAP)
    second = "journal/2026/2026-03-10-second-day-one.md"
    code, out, err = new(capsys, fixture_site)
    assert (code, out, err) == (0, f"{TODAY_PATH}\n{second}\n", "")
    assert front_matter(fixture_site / TODAY_PATH)["roadmap"] == "demo"
    meta = front_matter(fixture_site / second)
    assert (meta["title"], meta["roadmap"], meta["day"]) == ("Second Day One", "second", 1)
    assert "> What does the second plan start with?\n" in (fixture_site / second).read_text()
    assert roadlog(capsys, fixture_site, "check") == (
        0,
        f"{second}:10: {UNTOUCHED}\n{TODAY_PATH}:10: {UNTOUCHED}\n"
        "OK: 2 roadmap(s), 7 published entries, 4 commit(s), 2 warning(s)\n",
        "",
    )
    # Again: both are refused, each named.
    before = learner_files(fixture_site)
    assert new(capsys, fixture_site) == (
        1,
        "",
        f"error: {TODAY_PATH} already exists for demo Day 9; it was left as it is\n"
        f"error: {second} already exists for second Day 1; it was left as it is\n",
    )
    assert learner_files(fixture_site) == before


def test_roadmap_option_writes_only_that_roadmaps_entry(fixture_site: Path, capsys):
    write(fixture_site, "roadmaps/second.yaml", SECOND_ROADMAP)
    second = "journal/2026/2026-03-10-second-day-one.md"
    assert new(capsys, fixture_site, "--roadmap", "second") == (0, f"{second}\n", "")
    assert not (fixture_site / TODAY_PATH).exists()
    # The other roadmap's entry can still be written afterwards.
    assert new(capsys, fixture_site, "--roadmap", "demo") == (0, f"{TODAY_PATH}\n", "")
    assert_todays_entry(fixture_site)


# --- refusals: exact message, exit 1, nothing written -------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--roadmap", "nope"], "error: no roadmap 'nope' (known: demo)\n"),
        (
            ["--roadmap", "demo", "--date", "2026-04-01"],
            "error: roadmap 'demo' plans nothing on 2026-04-01\n",
        ),
        (["--date", "2026-13-01"], "error: --date '2026-13-01' is not a date (YYYY-MM-DD)\n"),
        (["--date", "2026-02-30"], "error: --date '2026-02-30' is not a date (YYYY-MM-DD)\n"),
        (["--date", "tomorrow"], "error: --date 'tomorrow' is not a date (YYYY-MM-DD)\n"),
        (["--date", "2026-3-1"], "error: --date '2026-3-1' is not a date (YYYY-MM-DD)\n"),
    ],
)
def test_refusals_print_one_error_and_write_nothing(fixture_site: Path, capsys, args, message):
    before = learner_files(fixture_site)
    assert new(capsys, fixture_site, *args) == (1, "", message)
    assert learner_files(fixture_site) == before


def test_a_paused_date_of_the_named_roadmap_is_refused(fixture_site: Path, capsys):
    write(fixture_site, "roadmaps/weekly.yaml", weekly_roadmap())
    before = learner_files(fixture_site)
    for date in ("2026-03-10", "2026-03-14"):  # in the pause; a Saturday
        assert new(capsys, fixture_site, "--roadmap", "weekly", "--date", date) == (
            1,
            "",
            f"error: roadmap 'weekly' plans nothing on {date}\n",
        )
    assert new(capsys, fixture_site, "--roadmap", "ghost") == (
        1,
        "",
        "error: no roadmap 'ghost' (known: demo, weekly)\n",
    )
    assert learner_files(fixture_site) == before


def test_running_it_twice_refuses_and_leaves_the_file_untouched(fixture_site: Path, capsys):
    assert new(capsys, fixture_site) == (0, f"{TODAY_PATH}\n", "")
    path = fixture_site / TODAY_PATH
    path.write_text(
        path.read_text(encoding="utf-8") + "My own notes.\n", encoding="utf-8"
    )  # the learner wrote
    checksum, stamp = hashlib.sha256(path.read_bytes()).hexdigest(), path.stat()
    before = learner_files(fixture_site)
    for args in ([], ["--date", "2026-03-10"], ["--roadmap", "demo"], ["--edit"]):
        assert new(capsys, fixture_site, *args) == (
            1,
            "",
            f"error: {TODAY_PATH} already exists for demo Day 9; it was left as it is\n",
        )
    assert hashlib.sha256(path.read_bytes()).hexdigest() == checksum
    assert (path.stat().st_mtime_ns, path.stat().st_ino) == (stamp.st_mtime_ns, stamp.st_ino)
    assert learner_files(fixture_site) == before


def test_an_entry_for_that_day_under_another_name_blocks_it(fixture_site: Path, capsys):
    # The fixture's 2026-03-08 entry is `journal/2026-03/2026-03-08-dns.md`, without `roadmap:`.
    before = learner_files(fixture_site)
    assert new(capsys, fixture_site, "--date", "2026-03-08") == (
        1,
        "",
        "error: journal/2026-03/2026-03-08-dns.md already exists for demo Day 7; it was left as it is\n",
    )
    assert learner_files(fixture_site) == before


def test_an_existing_draft_blocks_it(fixture_site: Path, capsys):
    before = learner_files(fixture_site)
    assert new(capsys, fixture_site, "--date", "2026-03-07") == (
        1,
        "",
        f"error: journal/2026-03/2026-03-07-{CANARY}.md already exists for demo Day 6; it was left as it is\n",
    )
    assert learner_files(fixture_site) == before


def test_a_draft_dated_in_front_matter_blocks_it(fixture_site: Path, capsys):
    write(
        fixture_site,
        "journal/drafts/thinking.md",
        "---\ndate: 2026-03-10\nroadmap: demo\ndraft: true\n---\nHalf a thought.\n",
    )
    before = learner_files(fixture_site)
    assert new(capsys, fixture_site) == (
        1,
        "",
        "error: journal/drafts/thinking.md already exists for demo Day 9; it was left as it is\n",
    )
    assert learner_files(fixture_site) == before


# --- --edit -------------------------------------------------------------------------------------


def test_edit_opens_the_new_entry_in_editor(fixture_site: Path, capsys, monkeypatch, tmp_path):
    tools = tmp_path / "tools"
    tools.mkdir()
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{editor_script(tools, 'editor')} --wait")
    assert new(capsys, fixture_site, "--edit") == (0, f"{TODAY_PATH}\n", "")
    args = (tools / "editor.args").read_text().splitlines()
    assert args[0] == "--wait"
    assert len(args) == 2 and Path(args[1]).resolve() == (fixture_site / TODAY_PATH).resolve()
    assert_todays_entry(fixture_site, added="Written in editor.\n")


def test_visual_wins_over_editor(fixture_site: Path, capsys, monkeypatch, tmp_path):
    tools = tmp_path / "tools"
    tools.mkdir()
    monkeypatch.setenv("VISUAL", str(editor_script(tools, "visual")))
    monkeypatch.setenv("EDITOR", str(editor_script(tools, "editor")))
    assert new(capsys, fixture_site, "--edit", "--date", "2026-03-11") == (
        0,
        "journal/2026/2026-03-11-udp.md\n",
        ahead("2026-03-11"),
    )
    args = (tools / "visual.args").read_text().splitlines()
    assert [Path(a).resolve() for a in args] == [
        (fixture_site / "journal/2026/2026-03-11-udp.md").resolve()
    ]
    assert not (tools / "editor.args").exists()


def test_edit_without_an_editor_still_writes_the_entry(fixture_site: Path, capsys, monkeypatch):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    assert new(capsys, fixture_site, "--edit") == (
        1,
        f"{TODAY_PATH}\n",
        "error: set $VISUAL or $EDITOR to open the entry with --edit\n",
    )
    assert_todays_entry(fixture_site)


def test_edit_is_not_run_when_the_entry_is_refused(
    fixture_site: Path, capsys, monkeypatch, tmp_path
):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(editor_script(tmp_path, "editor")))
    before = learner_files(fixture_site)
    assert new(capsys, fixture_site, "--edit", "--date", "2026-03-08")[0] == 1
    assert not (tmp_path / "editor.args").exists()
    assert learner_files(fixture_site) == before
