"""Read the commits of every configured repository, one `git log` pass per repository."""

from __future__ import annotations

import datetime as dt
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import git

from .errors import Problem
from .model import Commit

RECORD, FIELD = "\x1e", "\x1f"
LOG_FORMAT = f"{RECORD}%H{FIELD}%at{FIELD}%aN{FIELD}%s"


@dataclass(frozen=True)
class RepoSource:
    """A repository whose commits count, with its web URL for commit links."""

    path: Path
    name: str
    url: str | None = None
    label: str = "."


def load_history(
    sources: list[RepoSource], tz: ZoneInfo, config: str = "mkdocs.yml"
) -> tuple[list[Commit], list[Problem]]:
    """Commits of all `sources` (oldest first) and warnings, such as shallow clones, against `config`."""
    # One `git log` per repository, run side by side: each is a separate process.
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda source: _read_repository(source, tz, config), sources))
    commits = [commit for found, _ in results for commit in found]
    warnings = [warning for _, found in results for warning in found]
    # By timestamp: wall-clock order is wrong in the hour that repeats when clocks go back.
    commits.sort(key=lambda c: (c.when.timestamp(), c.repo, c.sha))
    return commits, warnings


def _read_repository(
    source: RepoSource, tz: ZoneInfo, config: str
) -> tuple[list[Commit], list[Problem]]:
    try:
        repo = git.Repo(source.path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        message = (
            f"repository {source.label!r} is not a git repository, so none of its commits count"
        )
        return [], [Problem(config, 1, message, warning=True)]
    with repo:
        warnings = []
        if repo.git.rev_parse("--is-shallow-repository") == "true":
            warnings.append(Problem(config, 1, shallow_message(source.label), warning=True))
        return _read_log(repo, source, tz), warnings


def shallow_message(label: str) -> str:
    """The warning for a shallow clone, with the fix."""
    return (
        f"repository {label!r} is a shallow git clone, so older commits and dates are missing; "
        "fetch the full history (in GitHub Actions: actions/checkout with `fetch-depth: 0`)"
    )


def _read_log(repo: git.Repo, source: RepoSource, tz: ZoneInfo) -> list[Commit]:
    try:
        # -z and core.quotepath=off give file names as they are: no quoting, no octal escapes;
        # --name-status -M names renames, so a file's history survives them.
        output = repo.git(c="core.quotepath=off").log(
            "--no-merges", f"--format={LOG_FORMAT}", "--name-status", "-M", "-z"
        )
    except git.GitCommandError:
        return []  # a repository without commits yet
    root = os.path.realpath(repo.working_tree_dir)
    commits = []
    for record in output.split(RECORD)[1:]:
        header, *tokens = record.split("\0")
        sha, stamp, author, subject = header.split(FIELD, 3)
        files, renames = _changes([token.lstrip("\n") for token in tokens])
        url = f"{source.url.rstrip('/')}/commit/{sha}" if source.url else None
        commits.append(
            Commit(
                repo=source.name,
                sha=sha,
                when=dt.datetime.fromtimestamp(int(stamp), tz),
                author=author,
                subject=subject,
                files=files,
                url=url,
                renames=renames,
                root=root,
            )
        )
    return commits


def _changes(tokens: list[str]) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """Files (by their new names) and renames from `--name-status -z` tokens: `M a`, `R100 old new`."""
    files, renames = [], []
    tokens = [t for t in tokens if t]
    index = 0
    while index < len(tokens):
        status = tokens[index]
        if status[:1] in ("R", "C") and index + 2 < len(tokens):
            old, new = tokens[index + 1], tokens[index + 2]
            files.append(new)
            if status[0] == "R":
                renames.append((old, new))
            index += 3
        else:
            if index + 1 < len(tokens):
                files.append(tokens[index + 1])
            index += 2
    return tuple(files), tuple(renames)


def file_dates(commits: list[Commit]) -> dict[str, tuple[dt.datetime, dt.datetime]]:
    """(first, last) commit time of every file by absolute path, following renames back in time."""
    dates: dict[str, tuple[dt.datetime, dt.datetime]] = {}
    today_name: dict[str, str] = {}  # a path as older commits name it -> its name now
    for commit in sorted(commits, key=lambda c: c.when.timestamp(), reverse=True):
        for name in commit.files:
            path = today_name.get(f"{commit.root}/{name}", f"{commit.root}/{name}")
            first, last = dates.get(path, (commit.when, commit.when))
            dates[path] = (min(first, commit.when, key=_stamp), max(last, commit.when, key=_stamp))
        for old, new in commit.renames:  # older commits know the file by its old name
            new_path = f"{commit.root}/{new}"
            today_name[f"{commit.root}/{old}"] = today_name.get(new_path, new_path)
    return dates


def _stamp(moment: dt.datetime) -> float:
    return moment.timestamp()
