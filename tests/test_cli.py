"""The `roadlog` command as the learner runs it: exact text on stdout/stderr and exit codes."""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import roadlog_command, run_cli, write
from slow_hook import add_slow_hook, wait_for_mark

from generator.cli import main, make_parser

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"

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


@pytest.mark.parametrize("where", ["before", "after"])
def test_check_with_config_option(fixture_site: Path, tmp_path_factory, where: str):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    option = ["-f", str(fixture_site / "mkdocs.yml")]
    result = run_cli(
        *(option + ["check"] if where == "before" else ["check"] + option), cwd=elsewhere
    )
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
    write(fixture_site, "journal/2026-03-10-typo.md", "---\ntilte: Typo\n---\nBody.\n")
    result = run_cli("check", cwd=fixture_site)
    assert_no_traceback(result)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "journal/2026-03-10-typo.md:2: warning: unknown key 'tilte' (did you mean 'title'?)",
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


def parsers() -> dict[str, argparse.ArgumentParser]:
    """`roadlog` and each of its commands, by the words that run them."""
    parser = make_parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return {"roadlog": parser, **{f"roadlog {name}": sub for name, sub in commands.choices.items()}}


def test_version_is_the_one_of_pyproject():
    version = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["version"]
    result = run_cli("--version")
    assert (result.returncode, result.stdout, result.stderr) == (0, f"roadlog {version}\n", "")


@pytest.mark.parametrize(
    "argv, config_file, verbose",
    [
        (["check"], "mkdocs.yml", False),
        (["-f", "a.yml", "-v", "check"], "a.yml", True),
        (["check", "-f", "a.yml", "-v"], "a.yml", True),
        (["-v", "serve", "--config-file", "a.yml"], "a.yml", True),
        (["status", "--verbose"], "mkdocs.yml", True),
        (["-f", "a.yml", "build", "-f", "b.yml"], "b.yml", False),  # the later one wins
        (["-v", "import", "plan.md", "-f", "a.yml"], "a.yml", True),
    ],
)
def test_global_options_go_before_or_after_the_command(argv, config_file, verbose):
    args = make_parser().parse_args(argv)
    assert (args.config_file, args.verbose) == (config_file, verbose)


def test_every_command_takes_the_global_options_after_its_name():
    for words, parser in parsers().items():
        options = {option for action in parser._actions for option in action.option_strings}
        assert {"-f", "--config-file", "-v", "--verbose"} <= options, words


@pytest.mark.parametrize("argv", [["-v", "build"], ["build", "-v"], ["build"]])
def test_verbose_shows_mkdocs_progress_before_or_after_the_command(fixture_site: Path, argv):
    result = run_cli(*argv, cwd=fixture_site)
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    if "-v" in argv:
        assert re.search(r"^info: Documentation built in [\d.]+ seconds$", result.stderr, re.M)
    else:
        assert result.stderr == ""


@pytest.mark.parametrize("words", sorted(parsers()))
def test_every_command_and_option_has_help_naming_its_default(words: str):
    parser = parsers()[words]
    assert parser.description, f"{words} --help has no description"
    for action in parser._actions:
        shown = "/".join(action.option_strings) or action.metavar or action.dest
        assert action.help, f"{words} {shown} has no help"
        if action.default not in (None, False, argparse.SUPPRESS):
            assert str(action.default) in action.help, f"{words} {shown}: {action.default!r}"
        for choice in getattr(action, "_choices_actions", []):  # the commands of `roadlog`
            assert choice.help, f"{words} {choice.dest} has no help"


def help_entries(text: str) -> dict[str, str]:
    """The entries (`-f FILE, --config-file FILE`, `build`) of a help screen's lists -> their help."""
    entries: dict[str, str] = {}
    listing, entry = False, ""
    for line in text.splitlines():
        if not line.startswith(" "):  # a heading (`options:`), the description or the epilog
            listing = bool(re.fullmatch(r"[a-z][a-z ]*:", line))
            continue
        if not listing:  # the usage, wrapped
            continue
        indent = len(line) - len(line.lstrip())
        if indent <= 4:  # an option, COMMAND or a command; its help follows on the line or below
            entry, _, help = line.strip().partition("  ")
            entries[entry] = help.strip()
        else:
            entries[entry] = f"{entries[entry]} {line.strip()}".strip()
    return entries


@pytest.mark.parametrize("words", sorted(parsers()))
def test_help_screens_give_every_entry_a_help_line(words: str, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    with pytest.raises(SystemExit) as stopped:
        main([*words.split()[1:], "--help"])
    assert stopped.value.code == 0
    entries = help_entries(capsys.readouterr().out)
    assert [entry for entry, help in entries.items() if not help] == []
    listed = " ".join(entries).replace(",", " ").split()
    parser = parsers()[words]
    for action in parser._actions:
        for name in [*action.option_strings, *(action.choices or [])]:
            assert name in listed, f"{name} is not in `{words} --help`"


def test_ctrl_c_while_roadlog_loads_says_interrupted(tmp_path: Path):
    # Python takes about half a second to load roadlog's modules: Ctrl+C lands there first.
    interrupt = """
import sys
class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == "generator.pipeline":
            raise KeyboardInterrupt
sys.meta_path.insert(0, Interrupt())
from generator.cli import main
"""
    result = subprocess.run(
        [sys.executable, "-c", interrupt], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert (result.returncode, result.stdout, result.stderr) == (130, "", "Interrupted.\n")


def test_ctrl_c_during_a_build_says_interrupted_and_keeps_the_site(
    fixture_site: Path, tmp_path_factory
):
    assert run_cli("build", cwd=fixture_site).returncode == 0
    before = snapshot(fixture_site / "site")
    mark = add_slow_hook(fixture_site, tmp_path_factory.mktemp("marks"), "on_pre_build")
    build = subprocess.Popen(
        [*roadlog_command(), "build"],
        cwd=fixture_site,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as in test_serve
    )
    try:
        wait_for_mark(mark, build)
        os.killpg(build.pid, signal.SIGINT)  # as a terminal sends Ctrl+C: to the whole group
        out, err = build.communicate(timeout=60)
    finally:
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
    assert (build.returncode, out, err) == (130, "", "Interrupted.\n")
    assert snapshot(fixture_site / "site") == before
    assert list(fixture_site.glob(".site-*")) == []
