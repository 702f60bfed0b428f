"""The `roadlog` command as the learner runs it: exact text on stdout/stderr and exit codes."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import run_cli, write

# Two broken files, three problems: all of them are reported in one run, sorted by path and line.
BROKEN = {
    "journal/2026-03/2026-03-05-broken.md": """\
        ---
        title: A string is not a boolean
        draft: "true"
        ---
        Must never be published.
        """,
    "journal/broken.md": """\
        ---
        title: Bad date
        date: 2026-02-30
        status: finished
        ---
        Body.
        """,
}
PROBLEMS = [
    "journal/2026-03/2026-03-05-broken.md:3: draft: expected true or false, got 'true' (a quoted string: remove the quotes)",
    "journal/broken.md:3: date: '2026-02-30' is not a real date",
    "journal/broken.md:4: status: 'finished' is not one of ['done', 'partial', 'skipped']",
]


def break_journal(project: Path) -> None:
    for relative, text in BROKEN.items():
        write(project, relative, text)


def assert_no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Content and modification time of every file under `folder`."""
    return {
        file.relative_to(folder).as_posix(): (file.read_bytes(), file.stat().st_mtime_ns)
        for file in sorted(folder.rglob("*"))
        if file.is_file()
    }


def test_check_ok(fixture_site: Path):
    result = run_cli("check", cwd=fixture_site)
    assert_no_traceback(result)
    assert result.returncode == 0
    assert result.stdout == "OK: 1 roadmap(s), 7 published entries, 4 commit(s), 0 warning(s)\n"
    assert result.stderr == ""


def test_check_with_config_option(fixture_site: Path, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    result = run_cli("-f", str(fixture_site / "mkdocs.yml"), "check", cwd=elsewhere)
    assert_no_traceback(result)
    assert result.returncode == 0
    assert result.stdout.startswith("OK: 1 roadmap(s), 7 published entries")


def test_check_reports_every_problem_as_path_line_message(fixture_site: Path):
    break_journal(fixture_site)
    result = run_cli("check", cwd=fixture_site)
    assert_no_traceback(result)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[:-1] == PROBLEMS
    assert lines[-1] == "3 error(s)"


def test_check_without_site_url_is_a_clear_error(fixture_site: Path):
    config = fixture_site / "mkdocs.yml"
    text = config.read_text()
    config.write_text("\n".join(line for line in text.splitlines() if "site_url" not in line))
    result = run_cli("check", cwd=fixture_site)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert "site_url" in result.stdout + result.stderr


def test_build_ok(fixture_site: Path):
    result = run_cli("build", cwd=fixture_site)
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert (fixture_site / "site" / "index.html").is_file()
    assert (fixture_site / "site" / "feed.xml").is_file()
    assert list(fixture_site.glob(".site-*")) == []


def test_failed_build_reports_problems_and_keeps_previous_site(fixture_site: Path):
    first = run_cli("build", cwd=fixture_site)
    assert first.returncode == 0, first.stderr
    before = snapshot(fixture_site / "site")
    assert "index.html" in before

    break_journal(fixture_site)
    result = run_cli("build", cwd=fixture_site)
    assert_no_traceback(result)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    for problem in PROBLEMS:
        assert problem in lines, result.stderr
    assert "Built" not in result.stdout
    assert snapshot(fixture_site / "site") == before
    assert list(fixture_site.glob(".site-*")) == []


def test_check_warns_about_misspelled_keys(fixture_site: Path):
    write(fixture_site, "journal/2026-03-11-typo.md", "---\ntilte: Typo\n---\nBody.\n")
    result = run_cli("check", cwd=fixture_site)
    assert_no_traceback(result)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "journal/2026-03-11-typo.md:2: warning: unknown key 'tilte' (did you mean 'title'?)",
        "OK: 1 roadmap(s), 8 published entries, 4 commit(s), 1 warning(s)",
    ]


def test_check_reports_a_shallow_clone(fixture_site: Path, tmp_path_factory):
    clone = tmp_path_factory.mktemp("clone") / "journal"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{fixture_site}", str(clone)],
        check=True,
        capture_output=True,
    )
    result = run_cli("check", cwd=clone)
    assert_no_traceback(result)
    assert result.returncode == 0
    shallow = [line for line in result.stdout.splitlines() if "shallow" in line]
    assert len(shallow) == 1
    assert "fetch-depth: 0" in shallow[0]
    assert result.stdout.splitlines()[-1] == (
        "OK: 1 roadmap(s), 7 published entries, 1 commit(s), 1 warning(s)"
    )
