"""Shared fixtures: a small but complete learner project (mkdocs.yml, roadmap, journal, git history).

The project is built around a fixed "today" (SOURCE_DATE_EPOCH = 2026-03-10, noon in Tokyo) so
every state, streak and count below is known in advance:

| date       | roadmap demo        | journal                          | state    |
| ---------- | ------------------- | -------------------------------- | -------- |
| 2026-02-20 | -                   | -                                | none     |
| 2026-02-27 | -                   | warmup (title from `# Heading`)  | done     |
| 2026-03-02 | day 1               | bits (tags, title from the plan) | done     |
| 2026-03-03 | day 2               | packets (partial)                | partial  |
| 2026-03-04 | day 3               | escaping (`<b>&</b>` title)      | done     |
| 2026-03-05 | day 4               | -                                | missed   |
| 2026-03-06 | day 5               | skipped                          | skipped  |
| 2026-03-07 | day 6               | the DRAFT only                   | missed   |
| 2026-03-08 | day 7               | dns + a commit at 23:50 Tokyo    | done     |
| 2026-03-09 | day 8               | records + a commit at 00:10      | done     |
| 2026-03-10 | day 9 (today)       | -                                | planned  |
| 2026-03-11 | day 10              | -                                | planned  |
| 2026-03-12 | days 11-12 (range)  | -                                | planned  |
| 2026-03-14 | -                   | -                                | none     |
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

TOKYO = ZoneInfo("Asia/Tokyo")
SITE_URL = "https://learner.example/journal/"
REPO_URL = "https://github.com/learner/journal"
CANARY = "CANARY-7f3a"
# "Today" for every build of the fixture: 2026-03-10 at noon in Tokyo (03:00 UTC).
TODAY = dt.date(2026, 3, 10)
SOURCE_DATE_EPOCH = str(int(dt.datetime(2026, 3, 10, 12, 0, tzinfo=TOKYO).timestamp()))
XSS_SUBJECT = '<script>alert(1)</script> & "quotes"'
BOLD_TITLE = "<b>&</b> escaping"

MKDOCS_YML = f"""\
site_name: Demo Journal
site_url: {SITE_URL}
repo_url: {REPO_URL}
docs_dir: docs

theme:
  name: material
  font: false

nav:
  - Home: index.md
  - Journal: journal/index.md
  - Calendar: calendar.md
  - Roadmaps: roadmaps/index.md
  - Topics: topics/index.md
  - About: about.md

not_in_nav: |
  /journal/*
  /roadmaps/*
  /topics/*

plugins:
  - search
  - roadlog:
      timezone: Asia/Tokyo
      author: Ada Learner
      cards: false  # a second per build: tests/test_cards.py turns the card images on
"""

DAY_TITLES = [
    "Bits & Bytes",
    "Packets & Frames",
    "IP Addressing",
    "Subnetting",
    "Routing",
    "NAT",
    "DNS Fundamentals",
    "DNS Records",
    "TCP Handshake",
    "UDP",
]


def roadmap_yaml() -> str:
    """roadmaps/demo.yaml: one phase, one month of ten days, then a two-day range."""
    days = []
    for number, title in enumerate(DAY_TITLES, start=1):
        days.append(
            textwrap.indent(
                textwrap.dedent(
                    f"""\
                    - day: {number}
                      title: {title!r}
                      question: 'Question of day {number}?'
                      concepts: [concept-{number}a, concept-{number}b]
                      tasks:
                        - 'Task {number}.1'
                        - 'Task {number}.2'
                      resources:
                        - title: 'Resource {number}'
                          url: https://docs.example/day-{number}
                    """
                ),
                " " * 10,
            )
        )
    head = textwrap.dedent(
        """\
        # yaml-language-server: $schema=../schema.json
        id: demo
        title: Demo Roadmap
        start: '2026-03-02'
        children:
          - phase: 1
            title: Foundations
            children:
              - month: 1
                title: Networking
                children:
        """
    )
    tail = textwrap.indent(
        textwrap.dedent(
            """\
            - day: '11-12'
              title: 'Mini-project: a resolver'
              question: 'Can I resolve a name by hand?'
              tasks: ['Write the resolver']
            """
        ),
        " " * 10,
    )
    return head + "".join(days) + tail


ENTRIES = {
    "journal/2026-02-27-warmup.md": """\
        ---
        hours: 0.5
        ---
        # Warm-up notes

        Setting up the journal before day one.
        """,
    "journal/2026-03/2026-03-02-bits.md": """\
        ---
        tags: [networking, linux]
        hours: 1.5
        ---
        Followed the bits from my laptop to the server, see [the about page](../about.md).

        A bit is a voltage, a light pulse or a radio wave.
        """,
    "journal/2026-03/2026-03-03-packets.md": """\
        ---
        title: Packets, halfway
        status: partial
        hours: 1
        ---
        Only got through half of the packet chapter.
        """,
    "journal/2026-03/2026-03-04-escaping.md": f"""\
        ---
        title: "{BOLD_TITLE}"
        tags: [security]
        hours: 2
        ---
        Escaping matters: the title of this entry is markup-looking text.
        """,
    "journal/2026-03/2026-03-06-skipped.md": """\
        ---
        title: Sick day
        status: skipped
        ---
        No study today.
        """,
    f"journal/2026-03/2026-03-07-{CANARY}.md": f"""\
        ---
        title: {CANARY} secret draft
        tags: [{CANARY}, networking]
        hours: 3
        draft: true
        ---
        # {CANARY} heading

        The {CANARY} body must never be published.
        """,
    "journal/2026-03/2026-03-08-dns.md": """\
        ---
        title: DNS by night
        hours: 1
        ---
        Worked late on DNS.
        """,
    "journal/2026-03/2026-03-09-records.md": """\
        ---
        title: Records after midnight
        hours: 1
        ---
        Started right after midnight.
        """,
}

# Stems of the published entries, oldest first.
PUBLISHED = [
    "2026-02-27-warmup",
    "2026-03-02-bits",
    "2026-03-03-packets",
    "2026-03-04-escaping",
    "2026-03-06-skipped",
    "2026-03-08-dns",
    "2026-03-09-records",
]

# (subject, ISO author/committer date). The dates carry different UTC offsets on purpose: the day
# of a commit is its day in the configured timezone (Tokyo), not in UTC nor in the author's offset.
COMMITS = [
    ("Start the journal", "2026-03-01T10:00:00+09:00"),
    (XSS_SUBJECT, "2026-03-04T20:00:00+09:00"),
    # 23:50 in Tokyo on 03-08 = 14:50 UTC on 03-08 = 02:50 on 03-09 at +12:00.
    ("Late-night DNS notes", "2026-03-09T02:50:00+12:00"),
    # 00:10 in Tokyo on 03-09 = 15:10 UTC on 03-08 (the previous UTC day).
    ("Just after midnight", "2026-03-08T15:10:00+00:00"),
]


def write(root: Path, relative: str, text: str) -> Path:
    """Write `text` (dedented) to root/relative, creating folders."""
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def git(
    root: Path,
    *args: str,
    date: str = "2026-03-01T10:00:00+09:00",
    author: str = "Ada Learner",
    email: str = "ada@learner.example",
) -> str:
    """Run git in `root` with a fixed identity and date, ignoring the machine's git config."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME=author,
        GIT_AUTHOR_EMAIL=email,
        GIT_COMMITTER_NAME=author,
        GIT_COMMITTER_EMAIL=email,
        GIT_AUTHOR_DATE=date,
        GIT_COMMITTER_DATE=date,
    )
    result = subprocess.run(
        ["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout


def make_project(root: Path) -> Path:
    """Write the learner project described in this module's docstring into `root`; return it."""
    write(root, "mkdocs.yml", MKDOCS_YML)
    write(root, "docs/about.md", "# About\n\nI learn in public.\n")
    write(root, "roadmaps/demo.yaml", roadmap_yaml())
    # An empty vocabulary of its own (it replaces the default): topics come from tags alone, so the
    # tests' topic pages and feeds stay the few this module describes.
    write(root, "roadmaps/topics.yaml", "topics: []\n")
    for relative, text in ENTRIES.items():
        write(root, relative, text)
    write(root, ".gitignore", "site/\n.site-*/\n")
    git(root, "init", "-q", "-b", "main")
    for index, (subject, date) in enumerate(COMMITS):
        if index == 0:
            git(root, "add", "-A")
        git(root, "commit", "-q", "--allow-empty", "-m", subject, date=date)
    return root


def commit_shas(root: Path) -> dict[str, str]:
    """Subject -> full sha of every commit of the project."""
    out = git(root, "log", "--format=%H%x1f%s")
    return dict(reversed(line.split("\x1f", 1)) for line in out.splitlines())


@pytest.fixture
def fixture_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A complete learner project in tmp_path, with "today" fixed to 2026-03-10 in Tokyo."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    return make_project(tmp_path)


def build(project: Path, *extra: str) -> int:
    """Run `roadlog -f project/mkdocs.yml build` in-process; return its exit code."""
    from generator.cli import main

    return main(["-f", str(project / "mkdocs.yml"), "build", *extra])


def assert_refused(project: Path, capsys, line: str) -> None:
    """`check` and `build` both stop at `line` (exit 1, no traceback) and nothing is written."""
    from generator.cli import main

    assert main(["-f", str(project / "mkdocs.yml"), "check"]) == 1
    out, err = capsys.readouterr()
    assert line in out.splitlines(), out + err
    assert build(project) == 1
    out, err = capsys.readouterr()
    assert line in err.splitlines(), out + err
    assert "Traceback" not in out + err
    assert not (project / "site").exists()


# npm's Pagefind, pinned in package.json as the publishing workflows install it (`make test` installs it).
NPM_PAGEFIND = Path(__file__).resolve().parents[1] / "node_modules" / ".bin" / "pagefind"


def npm_pagefind_version() -> str:
    """The Pagefind version package.json pins (the publishing workflows install the same)."""
    tools = Path(__file__).resolve().parents[1] / "package.json"
    return json.loads(tools.read_text(encoding="utf-8"))["devDependencies"]["pagefind"]


def roadlog_command() -> list[str]:
    """The installed `roadlog` script next to this Python, else `python -m generator.cli`."""
    script = Path(sys.executable).parent / "roadlog"
    return [str(script)] if script.exists() else [sys.executable, "-m", "generator.cli"]


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run `roadlog *args` in a subprocess (in `cwd`), capturing stdout and stderr as text."""
    return subprocess.run(
        [*roadlog_command(), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
    )


def pytest_addoption(parser: pytest.Parser) -> None:
    """`--update-golden` rewrites tests/golden/ from the current output (then review the diff)."""
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden files in tests/golden/ instead of comparing with them",
    )


def check_golden(golden: Path, data: bytes, request: pytest.FixtureRequest) -> bool:
    """Compare `data` with the golden file, or rewrite it under `--update-golden` (then False)."""
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(data)
        return False
    assert golden.exists(), f"{golden} is missing: run `make golden` and review the diff"
    assert data == golden.read_bytes(), (
        f"{golden.name} differs; if the change is intended, run `make golden` and review "
        f"`git diff {golden.parent.relative_to(Path(__file__).parent.parent)}/`"
    )
    return True


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium driven by Playwright, one per test module (see test_browser.require)."""
    from test_browser import CHROMIUM, CHROMIUM_ARGS, require

    require(CHROMIUM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
