"""Whose work counts: `authors`, `paths` and `since` select the learner's commits; the others are
neither shown nor counted, while every commit still dates the entries' files."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from conftest import git, run_cli

from generator.load_history import RepoSource, load_history

UTC = ZoneInfo("UTC")


def commit(repo, message, when, author=("Ada Learner", "ada@learner.example"), files=None):
    for name, text in (files or {}).items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    git(repo, "add", "-A", author=author[0], email=author[1])
    git(
        repo,
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        message,
        date=when,
        author=author[0],
        email=author[1],
    )


@pytest.fixture
def repo(tmp_path):
    path = tmp_path / "repo"
    path.mkdir()
    git(path, "init", "-q", "-b", "main")
    tool = ("Tool Maintainers", "dev@tool.example")
    commit(path, "Add the generator", "2026-01-01T10:00:00+00:00", tool, {"generator/a.py": "x"})
    commit(path, "Starter notes", "2026-01-02T10:00:00+00:00", tool, {"notes/a.md": "a"})
    commit(path, "Day 1", "2026-01-05T10:00:00+00:00", files={"notes/b.md": "b"})
    commit(path, "Fix the CSS", "2026-01-06T10:00:00+00:00", files={"assets/x.css": "c"})
    commit(
        path,
        "Day 2",
        "2026-01-07T10:00:00+00:00",
        ("ADA LEARNER", "Ada@Learner.Example"),
        files={"notes/c.md": "c"},
    )
    return path


def counted(path, **rules) -> list[str]:
    commits, warnings = load_history([RepoSource(path, "repo", **rules)], UTC)
    assert warnings == []
    assert len(commits) == 5  # every commit is read: entry files keep their whole history
    return [c.subject for c in commits if c.counts]


def test_without_rules_every_commit_counts(repo):
    assert counted(repo) == [
        "Add the generator",
        "Starter notes",
        "Day 1",
        "Fix the CSS",
        "Day 2",
    ]


def test_authors_match_a_name_or_an_email_whatever_the_case(repo):
    assert counted(repo, authors=("ada@learner.example",)) == ["Day 1", "Fix the CSS", "Day 2"]
    assert counted(repo, authors=("ada learner",)) == ["Day 1", "Fix the CSS", "Day 2"]
    assert counted(repo, authors=("Ada",)) == []  # a whole name or email, never a part


def test_paths_and_since_narrow_further(repo):
    assert counted(repo, paths=("notes",)) == ["Starter notes", "Day 1", "Day 2"]
    assert counted(repo, since=dt.date(2026, 1, 6)) == ["Fix the CSS", "Day 2"]
    assert counted(repo, authors=("ada@learner.example",), paths=("notes",)) == ["Day 1", "Day 2"]


SITE = """\
site_name: Mine
site_url: https://example.org/
plugins:
  - roadlog:
      authors: [{authors}]
"""


def test_the_site_counts_only_the_learners_commits_and_says_when_none_is(repo):
    (repo / "mkdocs.yml").write_text(SITE.format(authors="ada@learner.example"), "utf-8")
    (repo / "docs").mkdir()
    build = run_cli("build", cwd=repo)
    assert (build.returncode, build.stderr) == (0, "")
    calendar = (repo / "site" / "calendar" / "index.html").read_text("utf-8")
    # 3 of the 5 commits are Ada's: the tool maintainers' 2 are not the learner's activity.
    assert "0 days logged · 0 hours · 3 commits." in calendar
    (repo / "mkdocs.yml").write_text(SITE.format(authors="someone@else.example"), "utf-8")
    check = run_cli("check", cwd=repo)
    assert check.returncode == 0
    assert (
        "mkdocs.yml:1: warning: repository '.': none of its 5 commits is by someone@else.example "
        "(`authors`), so none counts; list the name or email you commit with "
        "(`git config user.email`)"
    ) in check.stdout + check.stderr
