"""The bad-input corpus, tests/bad_input/: each case gives its exact `path:line: message` lines.

Every case is copied onto the minimal valid project tests/bad_input/_project/ and checked with the
installed `roadlog`, as a learner would run it: `check` prints the lines of `expected.txt` and exits
1 (0 when they are all warnings), `build` prints them on stderr and writes no site/, and nothing
prints a traceback. `pytest tests/test_bad_input.py --update-golden` rewrites every expected.txt
from the current output (then review `git diff tests/bad_input/`).
"""

from __future__ import annotations

import datetime as dt
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TOKYO, git, run_cli

from generator.errors import Collector, RoadlogError
from generator.load_entries import MAX_ENTRY_BYTES, load_entries
from generator.load_roadmaps import load_roadmaps

CORPUS = Path(__file__).resolve().parent / "bad_input"
PROJECT = CORPUS / "_project"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("_"))
# Found when entries are linked to roadmaps (and their links to drafts checked), which happens
# only once every file has loaded.
LINKING = {"unknown-roadmap", "day-out-of-range", "week-out-of-range", "link-to-draft"}


def _symlink_loop(project: Path) -> None:
    # Made here, not committed: a loop in the repository would trip every tool that walks it.
    (project / "journal" / "loop").symlink_to("..", target_is_directory=True)
    (project / "journal" / "2026-03-02-again.md").symlink_to("2026-03-02-bits.md")


def _dangling_symlinks(project: Path) -> None:
    (project / "journal" / "2026-03-20-gone.md").symlink_to("../../notes/gone.md")
    (project / "roadmaps" / "gone.yaml").symlink_to("../../plans/gone.yaml")


def _oversized_entry(project: Path) -> None:
    # Made here, not committed: one byte over the limit, a pasted log in an otherwise fine entry.
    head = b"---\ntitle: A pasted log\n---\n"
    line = b"2026-03-07T10:00:00 GET /index.html 200\n"
    body = line * (MAX_ENTRY_BYTES // len(line) + 1)
    (project / "journal" / "2026-03-07-huge.md").write_bytes(
        head + body[: MAX_ENTRY_BYTES + 1 - len(head)]
    )


def _symlink_roadmap(project: Path) -> None:
    (project / "roadmaps" / "linked.yaml").symlink_to("demo.yaml")


def _file_name_characters(project: Path) -> None:
    # Made here, not committed: Windows cannot check out `?`, `"`, `<`, `>` or a control character.
    for name in ("2026-03-14-what?.md", '2026-03-14-<"quoted">.md', "2026-03-14-bell\a.md"):
        (project / "journal" / name).write_text(
            "---\ntitle: Broken URL\n---\nText.\n", encoding="utf-8"
        )


def _link_to_draft(project: Path) -> None:
    # Made here, not stored: the case's published entry has warnings (about its links), which
    # test_build would read as "not published". Links to `<stem>.md` are tested in
    # test_check_draft_links.py: MkDocs adds a warning of its own about them.
    (project / "journal" / "2026-03-12-hidden-plan.md").write_text(
        "---\ndraft: true\n---\nA draft may link to anything: [bits](../2026-03-02-bits/).\n",
        encoding="utf-8",
    )
    lines = [
        "---",
        "title: Links to a draft",
        "---",
        "[relative](../2026-03-12-hidden-plan/) and [fine](../2026-03-02-bits/)",
        "[absolute](/journal/2026-03-12-hidden-plan/)",
        "<https://learner.example/journal/2026-03-12-hidden-plan/>",
        '<a href="../2026-03-12-hidden-plan/#notes">raw HTML</a>',
        "",
        "[ref]: https://learner.example/journal/2026-03-12-hidden-plan/#notes",
        '<a href="/journal/2026-03-12-hidden-plan/index.html">raw HTML</a>',
        "[another site](https://other.example/2026-03-12-hidden-plan/) is not this one",
    ]
    (project / "journal" / "2026-03-12-public.md").write_text(
        "\n".join(lines) + "\n", encoding="utf-8"
    )


# Made-up credentials in real formats, put together here so that no scanner flags this repository.
GITHUB_TOKEN = "ghp_" + "Zq8Xv2Lm4Nc6Rb1Td9Kw3Yh5Pj7Sg0Ae2Fu4"
SLACK_TOKEN = "xoxb-" + "263594206564-2343594206574-FGqddMF8t08v8N7Oq4i57vs1"


def _secret_in_file_name(project: Path) -> None:
    (project / "journal" / f"2026-03-14-deploy-{GITHUB_TOKEN}.md").write_text(
        "---\ntitle: Deployed\n---\nThe name of this file is in its URL.\n", encoding="utf-8"
    )


def _secret_in_page(project: Path) -> None:
    (project / "docs" / "contact.md").write_text(
        f"# Contact\n\nWrite to the bot: `{SLACK_TOKEN}`\n", encoding="utf-8"
    )


def _secret_in_git_history(project: Path) -> None:
    git(project, "init", "-q", "-b", "main")
    git(project, "commit", "-q", "--allow-empty", "-m", f"Deploy with {GITHUB_TOKEN}")
    body = f"The bot posts with\nSLACK_BOT_TOKEN={SLACK_TOKEN}"
    git(project, "commit", "-q", "--allow-empty", "-m", "Configure the bot", "-m", body)
    git(project, "commit", "-q", "--allow-empty", "-m", "Fine", author=f"Ada {GITHUB_TOKEN}")


GENERATED = {
    "symlink-loop": _symlink_loop,
    "dangling-symlinks": _dangling_symlinks,
    "oversized-entry": _oversized_entry,
    "symlink-roadmap": _symlink_roadmap,
    "file-name-characters": _file_name_characters,
    "link-to-draft": _link_to_draft,
    "secret-in-file-name": _secret_in_file_name,
    "secret-in-page": _secret_in_page,
    "secret-in-git-history": _secret_in_git_history,
}


def expected_lines(case: str) -> list[str]:
    """The lines of the case's expected.txt (none for a case that must load cleanly)."""
    return (CORPUS / case / "expected.txt").read_text(encoding="utf-8").splitlines()


def is_error(line: str) -> bool:
    """True for an error line, False for a warning (`path:line: warning: …`)."""
    return not line.split(": ", 1)[1].startswith("warning: ")


def make_case_project(root: Path, *cases: str) -> Path:
    """A copy of the minimal project with the files of `cases` added, in a git repository."""
    shutil.copytree(PROJECT, root)
    for case in cases:
        shutil.copytree(
            CORPUS / case, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt")
        )
        if case in GENERATED:
            GENERATED[case](root)
    git(root, "init", "-q", "-b", "main")
    return root


# After the dates of every case (the latest is 2026-03-18): an entry dated after today is not
# published, and a warning says so; the cases are about other things.
CORPUS_TODAY = str(int(dt.datetime(2026, 3, 31, 12, tzinfo=TOKYO).timestamp()))


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", CORPUS_TODAY)


def assert_no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr


def test_the_corpus_is_complete():
    for case in CASES:
        assert (CORPUS / case / "expected.txt").is_file(), f"{case} has no expected.txt"
        files = [p for p in (CORPUS / case).rglob("*") if p.is_file() and p.name != "expected.txt"]
        assert files or case in GENERATED, f"{case} has no input files"
    assert set(GENERATED) <= set(CASES)
    assert set(CASES) >= LINKING


@pytest.mark.parametrize("case", CASES)
def test_check(case: str, tmp_path: Path, request: pytest.FixtureRequest):
    project = make_case_project(tmp_path / "project", case)
    result = run_cli("check", cwd=project)
    assert_no_traceback(result)
    if request.config.getoption("--update-golden"):
        lines = result.stdout.splitlines()[:-1]  # without the count or the OK line
        text = "".join(f"{line}\n" for line in lines)
        (CORPUS / case / "expected.txt").write_text(text, encoding="utf-8")
    expected = expected_lines(case)
    errors = [line for line in expected if is_error(line)]
    lines = result.stdout.splitlines()
    assert lines[:-1] == expected
    if errors:
        assert result.returncode == 1
        assert lines[-1] == f"{len(errors)} error(s)"
    else:
        assert result.returncode == 0, result.stdout + result.stderr
        assert lines[-1].startswith("OK: ") and lines[-1].endswith(f", {len(expected)} warning(s)")
    assert result.stderr == ""


@pytest.mark.parametrize("case", CASES)
def test_build(case: str, tmp_path: Path):
    project = make_case_project(tmp_path / "project", case)
    result = run_cli("build", cwd=project)
    assert_no_traceback(result)
    expected = expected_lines(case)
    lines = result.stderr.splitlines()
    assert lines[: len(expected)] == expected, result.stderr
    if any(is_error(line) for line in expected):
        assert result.returncode == 1
        rest = lines[len(expected) :]  # the build's own summary, no other problem
        assert rest and all(line.startswith("error: ") for line in rest), result.stderr
        assert not (project / "site").exists()
    else:
        assert result.returncode == 0, result.stderr
        assert lines == expected
        assert (project / "site" / "index.html").is_file()
        for file in (CORPUS / case).rglob("*.md"):
            shown = file.relative_to(CORPUS / case).as_posix()
            if shown.startswith("journal/") and "/." not in f"/{shown}":
                # An entry is published unless a warning says why not.
                warned = any(line.startswith(f"{shown}:") for line in expected)
                page = project / "site" / "journal" / file.stem / "index.html"
                assert page.is_file() != warned, shown
    assert list(project.glob(".site-*")) == []


def test_no_yaml_tag_runs_code(tmp_path: Path):
    project = make_case_project(tmp_path / "project", "yaml-python-tag")
    for command in ("check", "build"):
        assert run_cli(command, cwd=project).returncode == 1
    assert sorted(p.name for p in project.rglob("pwned*")) == []


def run_bounded(code: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run Python `code` with at most 1.5 GiB of memory and 20 s of CPU: a blow-up (an alias bomb
    expanded, a 2 GiB file read whole) is killed and fails the test, with no timing of a normal run."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024**2, 1536 * 1024**2))
        resource.setrlimit(resource.RLIMIT_CPU, (20, 20))

    return subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, preexec_fn=limit, capture_output=True, text=True
    )


@pytest.mark.parametrize("case", ["yaml-alias-bomb", "roadmap-cycle", "yaml-too-deep"])
def test_aliases_and_deep_nesting_are_refused_at_once(case: str, tmp_path: Path):
    project = make_case_project(tmp_path / "project", case)
    done = run_bounded(
        "import contextlib, pathlib\n"
        "from generator.errors import RoadlogError\n"
        "from generator.load_entries import load_entries\n"
        "from generator.load_roadmaps import load_roadmaps\n"
        "root = pathlib.Path('.')\n"
        "for load, folder in ((load_roadmaps, 'roadmaps'), (load_entries, 'journal')):\n"
        "    with contextlib.suppress(RoadlogError):\n"
        "        load(root / folder, root)\n"
        "print('refused')\n",
        project,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "refused\n", "")


def test_oversized_entry_is_refused_without_reading_it_all(tmp_path: Path):
    project = make_case_project(tmp_path / "project")
    huge = project / "journal" / "2026-03-07-huge.md"
    with huge.open("wb") as file:
        file.truncate(2 * 1024**3)  # 2 GiB, sparse: reading it whole would take seconds and memory
    done = run_bounded(
        "import pathlib\n"
        "from generator.errors import RoadlogError\n"
        "from generator.load_entries import load_entries\n"
        "try:\n"
        "    load_entries(pathlib.Path('journal'), pathlib.Path('.'))\n"
        "except RoadlogError:\n"
        "    print('refused')\n",
        project,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "refused\n", "")
    with pytest.raises(RoadlogError) as exc:
        load_entries(project / "journal", project)
    assert [str(p) for p in exc.value.problems] == [
        "journal/2026-03-07-huge.md:1: entry is larger than 1 MiB (2,147,483,648 bytes); split it"
    ]


def test_a_file_that_cannot_be_read_is_reported(tmp_path: Path):
    problems = Collector()
    assert problems.read_text(tmp_path, "journal/folder.md") is None
    assert [str(p) for p in problems.problems] == [
        "journal/folder.md:1: cannot read the file (Is a directory)"
    ]


CLEAN = [case for case in CASES if not expected_lines(case)]


@pytest.mark.parametrize("case", CLEAN)
def test_clean_cases_load_their_text_unchanged(case: str, tmp_path: Path):
    project = make_case_project(tmp_path / "project", case)
    entries, warnings = load_entries(project / "journal", project)
    roadmaps = load_roadmaps(project / "roadmaps", project)
    assert warnings == []
    mine = [e for e in entries if (CORPUS / case / e.path).is_file()]
    for entry in mine:  # no BOM, no CR, and the front matter was read as front matter
        assert entry.title and "\ufeff" not in entry.title + entry.body
        assert "\r" not in entry.title + entry.body + (entry.heading or "")
    for roadmap in roadmaps:
        assert "\ufeff" not in roadmap.title and "\r" not in roadmap.title


def sort_key(line: str) -> tuple:
    """Problems are reported sorted by path, line, then message (a warning's without its prefix)."""
    path, number, message = line.split(":", 2)
    message = message.removeprefix(" ")
    warning = message.startswith("warning: ")
    return path, int(number), message.removeprefix("warning: "), warning


def assert_one_run(cases: list[str], tmp_path: Path) -> None:
    project = make_case_project(tmp_path / "project", *cases)
    expected = sorted((line for case in cases for line in expected_lines(case)), key=sort_key)
    errors = sum(map(is_error, expected))
    assert errors > 0
    check = run_cli("check", cwd=project)
    assert_no_traceback(check)
    assert check.returncode == 1
    assert check.stdout.splitlines() == [*expected, f"{errors} error(s)"]
    build = run_cli("build", cwd=project)
    assert_no_traceback(build)
    assert build.returncode == 1
    assert build.stderr.splitlines()[: len(expected)] == expected
    assert not (project / "site").exists()


def test_every_file_error_of_the_corpus_in_one_run(tmp_path: Path):
    assert_one_run([case for case in CASES if case not in LINKING], tmp_path)


def test_every_linking_error_of_the_corpus_in_one_run(tmp_path: Path):
    assert_one_run(sorted(LINKING), tmp_path)


def test_file_and_linking_errors_in_one_run(tmp_path: Path):
    assert_one_run(["malformed-front-matter", "unknown-roadmap"], tmp_path)
