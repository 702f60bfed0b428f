"""Read the commits of every configured repository, one `git log` pass per repository."""

from __future__ import annotations

import datetime as dt
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
    commits: list[Commit] = []
    warnings: list[Problem] = []
    for source in sources:
        try:
            repo = git.Repo(source.path, search_parent_directories=True)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            message = (
                f"repository {source.label!r} is not a git repository, so none of its commits count"
            )
            warnings.append(Problem(config, 1, message, warning=True))
            continue
        with repo:
            if repo.git.rev_parse("--is-shallow-repository") == "true":
                warnings.append(Problem(config, 1, shallow_message(source.label), warning=True))
            commits.extend(_read_log(repo, source, tz))
    # By timestamp: wall-clock order is wrong in the hour that repeats when clocks go back.
    commits.sort(key=lambda c: (c.when.timestamp(), c.repo, c.sha))
    return commits, warnings


def shallow_message(label: str) -> str:
    """The warning for a shallow clone, with the fix."""
    return (
        f"repository {label!r} is a shallow git clone, so older commits and dates are missing; "
        "fetch the full history (in GitHub Actions: actions/checkout with `fetch-depth: 0`)"
    )


def _read_log(repo: git.Repo, source: RepoSource, tz: ZoneInfo) -> list[Commit]:
    try:
        # -z and core.quotepath=off give file names as they are: no quoting, no octal escapes.
        output = repo.git(c="core.quotepath=off").log(
            "--no-merges", f"--format={LOG_FORMAT}", "--name-only", "-z"
        )
    except git.GitCommandError:
        return []  # a repository without commits yet
    commits = []
    for record in output.split(RECORD)[1:]:
        header, *names = record.split("\0")
        sha, stamp, author, subject = header.split(FIELD, 3)
        url = f"{source.url.rstrip('/')}/commit/{sha}" if source.url else None
        commits.append(
            Commit(
                repo=source.name,
                sha=sha,
                when=dt.datetime.fromtimestamp(int(stamp), tz),
                author=author,
                subject=subject,
                files=tuple(name.lstrip("\n") for name in names if name.lstrip("\n")),
                url=url,
            )
        )
    return commits
