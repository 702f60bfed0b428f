"""mkdocs.yml values, a broken git and CLI edges: check and build refuse them alike, in plain words."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SITE_URL, build, roadlog_command, run_cli, write
from mkdocs.config import load_config

CHECK_AND_BUILD = [("check",), ("build",)]


def edit_config(project: Path, old: str, new: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")


def run_both(project: Path) -> list[subprocess.CompletedProcess]:
    """`roadlog check` and `roadlog build` in `project`; neither may print a traceback."""
    results = [run_cli(*command, cwd=project) for command in CHECK_AND_BUILD]
    for result in results:
        assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return results


def assert_refused(project: Path, lines: list[str]) -> None:
    """check and build exit 1 with exactly `lines` (build adds that nothing changed)."""
    check, built = run_both(project)
    assert (check.returncode, check.stdout, check.stderr.splitlines()) == (1, "", lines)
    assert built.returncode == 1
    assert built.stderr.splitlines() == [
        *lines,
        "error: the build failed; site/ was left as it was",
    ]
    assert not (project / "site").exists()


def test_control_characters_in_shown_settings_are_refused_all_at_once(fixture_site: Path):
    edit_config(
        fixture_site,
        "site_name: Demo Journal\n",
        'site_name: "Bad\\e[31m input"\n'
        'site_description: "x\\x01y"\n'
        'copyright: "left \\u202e right"\n'
        'extra:\n  social:\n    - link: "https://learner.example/\\x85"\n',
    )
    edit_config(fixture_site, "author: Ada Learner", 'author: "Me\\x01"')
    edit_config(fixture_site, f"site_url: {SITE_URL}", 'site_url: "https://learner.example/\\x01/"')
    assert_refused(
        fixture_site,
        [
            "mkdocs.yml:1: site_name: the control character U+001B is not allowed; delete it",
            "mkdocs.yml:2: site_description: the control character U+0001 is not allowed; delete it",
            "mkdocs.yml:3: copyright: the bidi control U+202E is not allowed; delete it",
            "mkdocs.yml:6: extra.social.0.link: the control character U+0085 is not allowed; delete it",
            "mkdocs.yml:7: site_url: the control character U+0001 is not allowed; delete it",
            "mkdocs.yml:32: roadlog.author: the control character U+0001 is not allowed; delete it",
        ],
    )


def test_settings_carry_the_shown_texts_the_theme_folder_and_the_config_files(
    fixture_site: Path,
):
    write(fixture_site, "base.yml", "INHERIT: more/base.yml\n")
    write(fixture_site, "more/base.yml", "site_author: Ada\n")
    edit_config(fixture_site, "theme:\n", "INHERIT: base.yml\ncopyright: (c) Ada\ntheme:\n")
    edit_config(fixture_site, "  font: false\n", "  font: false\n  custom_dir: overrides\n")
    edit_config(
        fixture_site,
        "author: Ada Learner\n",
        "author: Ada Learner\n      repos:\n        - path: .\n"
        "          url: https://github.com/learner/journal\n          name: journal\n",
    )
    write(fixture_site, "overrides/main.html", '{% extends "base.html" %}\n')
    edit_config(
        fixture_site,
        "docs_dir: docs\n",
        "docs_dir: docs\nextra:\n  social:\n    - link: https://x.example\n",
    )
    config = load_config(str(fixture_site / "mkdocs.yml"))
    settings = config.plugins["roadlog"].settings(config)
    nested = ("nav.", "theme.", "mdx_configs.", "extra_css.", "extra_javascript.")
    assert ("nav.0.Home", 17, "index.md") in settings.config_texts
    assert tuple(t for t in settings.config_texts if not t[0].startswith(nested)) == (
        ("site_name", 1, "Demo Journal"),
        ("site_author", 1, "Ada"),
        ("copyright", 10, "(c) Ada"),
        ("site_url", 2, SITE_URL),
        ("repo_url", 3, "https://github.com/learner/journal"),
        ("repo_name", 1, "GitHub"),
        ("edit_uri", 1, "edit/master/docs/"),
        ("extra.social.0.link", 7, "https://x.example"),
        ("roadlog.author", 33, "Ada Learner"),
        ("roadlog.repos.0.url", 36, "https://github.com/learner/journal"),
        ("roadlog.repos.0.name", 37, "journal"),
    )
    assert settings.custom_dir == "overrides"
    assert settings.config_files == ("mkdocs.yml", "base.yml", "more/base.yml")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "author: Ada Learner",
            "author: Ada Learner\n      repos: [{path: ., url: 'javascript:alert(1)//'}]",
            "mkdocs.yml:28: repos[0].url: 'javascript:alert(1)//' is not a web address "
            "(http:// or https://)",
        ),
        (
            f"repo_url: {'https://github.com/learner/journal'}",
            "repo_url: 'ftp://files.example/journal'",
            "mkdocs.yml:3: repo_url: 'ftp://files.example/journal' is not a web address "
            "(http:// or https://)",
        ),
        (
            "author: Ada Learner",
            "author: Ada Learner\n      feed_limit: -1",
            "mkdocs.yml:28: feed_limit: -1 is not a number of feed entries; use 1 or more "
            "(the default is 20)",
        ),
    ],
    ids=["javascript-repos-url", "ftp-repo-url", "negative-feed-limit"],
)
def test_commit_links_are_web_addresses_and_feeds_have_entries(
    fixture_site: Path, old: str, new: str, message: str
):
    edit_config(fixture_site, old, new)
    assert_refused(fixture_site, [message])


@pytest.mark.parametrize(
    ("append", "message"),
    [
        ("nav: [\n", "mkdocs.yml:29: while parsing a flow node; expected the node content, "
         "but found '<stream end>'"),
        ("extra:\n  x: \"a\x0bb\"\n", "mkdocs.yml:30: unacceptable character #x000b: "
         "special characters are not allowed"),
    ],
    ids=["unclosed-bracket", "raw-vertical-tab"],
)  # fmt: skip
def test_a_yaml_error_in_mkdocs_yml_is_one_path_line_message(
    fixture_site: Path, append: str, message: str
):
    with open(fixture_site / "mkdocs.yml", "a", encoding="utf-8") as config:
        config.write(append)
    check, built = run_both(fixture_site)
    for result in (check, built):
        assert (result.returncode, result.stderr.splitlines()) == (1, [message])


def test_python_tags_in_mkdocs_yml_and_its_parents_are_refused_before_anything_runs(
    fixture_site: Path,
):
    marker = fixture_site / "pwned"
    edit_config(fixture_site, "theme:\n", "INHERIT: base.yml\ntheme:\n")
    write(
        fixture_site, "base.yml", f'extra:\n  y: !!python/object/new:os.system ["touch {marker}"]\n'
    )
    with open(fixture_site / "mkdocs.yml", "a", encoding="utf-8") as config:
        config.write(f'extra:\n  x: !!python/object/apply:os.system ["touch {marker}"]\n')
    lines = [
        "mkdocs.yml:31: the YAML tag '!!python/object/apply:os.system' is not supported here; "
        "remove it",
        "base.yml:2: the YAML tag '!!python/object/new:os.system' is not supported here; remove it",
    ]
    check, built = run_both(fixture_site)
    for result in (check, built):
        assert (result.returncode, result.stderr.splitlines()) == (1, lines)
    assert not marker.exists()
    assert not (fixture_site / "site").exists()


def test_an_inherit_loop_is_refused(fixture_site: Path):
    edit_config(fixture_site, "theme:\n", "INHERIT: base.yml\ntheme:\n")
    write(fixture_site, "base.yml", "site_author: Ada\nINHERIT: mkdocs.yml\n")
    check, built = run_both(fixture_site)
    line = "base.yml:2: INHERIT: mkdocs.yml is already read (a loop); remove this INHERIT"
    for result in (check, built):
        assert (result.returncode, result.stderr.splitlines()) == (1, [line])


def test_python_name_tags_stay_allowed(fixture_site: Path):
    # mkdocs-material's emoji and custom fences are configured with them.
    with open(fixture_site / "mkdocs.yml", "a", encoding="utf-8") as config:
        config.write("extra:\n  join: !!python/name:os.path.join\n")
    assert run_cli("check", cwd=fixture_site).returncode == 0


def test_build_without_the_roadlog_plugin_is_refused_as_check_is(fixture_site: Path):
    edit_config(
        fixture_site,
        "  - roadlog:\n      timezone: Asia/Tokyo\n      author: Ada Learner\n"
        "      cards: false  # a second per build: tests/test_cards.py turns the card images on\n",
        "",
    )
    check, built = run_both(fixture_site)
    for result in (check, built):
        assert (result.returncode, result.stderr) == (
            1,
            "error: mkdocs.yml does not list the `roadlog` plugin\n",
        )
    assert not (fixture_site / "site").exists()


def test_a_site_dir_with_control_characters_is_shown_escaped(fixture_site: Path):
    result = run_cli("build", "-d", "x\x1b[31mred\n/y", cwd=fixture_site)
    assert result.returncode == 1
    assert result.stderr == (
        f"error: cannot build into {fixture_site}/x\\x1b[31mred\\n/y (-d x\\x1b[31mred\\n/y, from "
        f"the folder of mkdocs.yml): its parent folder {fixture_site}/x\\x1b[31mred\\n does not "
        "exist; nothing was written. Create it first, or choose another folder for -d\n"
    )


FAKE_GITS = {
    "garbage": "echo 'garbage\\001\\002 output'\necho boom >&2\nexit 0\n",
    "exit-128": "echo 'fatal: nope' >&2\nexit 128\n",
    "log-fails": 'if [ "$1" = version ]; then echo "git version 2.43.0"; exit 0; fi\n'
    "echo 'fatal: nope' >&2\nexit 128\n",
}
BROKEN_GIT_LINES = {
    "garbage": "mkdocs.yml:1: the git on PATH does not work (`git version` did not print a git "
    "version), so no commit can count; repair or reinstall git",
    "exit-128": "mkdocs.yml:1: the git on PATH does not work (`git version` failed with exit code "
    "128: fatal: nope), so no commit can count; repair or reinstall git",
    "log-fails": "mkdocs.yml:1: git log failed in repository '.' (exit code 128: fatal: nope), so "
    "none of its commits count",
}


@pytest.mark.parametrize("kind", sorted(FAKE_GITS))
def test_a_broken_git_is_a_clear_error(fixture_site: Path, tmp_path_factory, kind: str):
    fake = tmp_path_factory.mktemp("fakebin") / "git"
    fake.write_text("#!/bin/sh\n" + FAKE_GITS[kind], encoding="utf-8")
    fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{fake.parent}:{Path(sys.executable).parent}", "NO_COLOR": "1"}
    config = str(fixture_site / "mkdocs.yml")
    check, built = (
        subprocess.run(
            [*roadlog_command(), "-f", config, command],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )  # fmt: skip
        for command in ("check", "build")
    )
    assert "Traceback" not in check.stderr + built.stderr
    assert (check.returncode, check.stdout.splitlines()) == (
        1,
        [BROKEN_GIT_LINES[kind], "1 error(s)"],
    )
    assert built.returncode == 1
    assert built.stderr.splitlines()[0] == BROKEN_GIT_LINES[kind]
    assert not (fixture_site / "site").exists()


def test_an_empty_repository_still_has_no_commits_and_no_error(fixture_site: Path):
    # A failing `git log` is an error only where HEAD names a commit.
    shutil.rmtree(fixture_site / ".git")
    subprocess.run(["git", "init", "-q"], cwd=fixture_site, check=True)
    assert build(fixture_site) == 0
