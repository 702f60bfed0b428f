"""Read the commits of every configured repository: one `git log` of all commits, one of the journal's files."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

# Without git on PATH, GitPython refuses to import at all; load_history says so plainly instead.
os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")
try:
    import git
except ImportError as exc:
    # A `git` on PATH that fails `git version`, or answers it with nonsense, still makes GitPython
    # refuse to import: check and build say so instead of failing with a traceback.
    git = None
    _IMPORT_ERROR = exc.__cause__ or exc
else:
    _IMPORT_ERROR = None

from .clean_text import clean_line  # noqa: E402
from .errors import Problem  # noqa: E402
from .model import Commit  # noqa: E402

RECORD = "\x1e"
# NUL separates the fields: git keeps no NUL in a message or a name, while a subject may hold any
# other control character, even this module's record separator.
FIELDS = ("%H", "%at", "%aN", "%aE", "%s", "%b")
LOG_FORMAT = "%x00".join(FIELDS)
NO_GIT = (
    "git is not installed (or not on PATH), so no commit can count; install git and build again"
)
BROKEN_GIT = (
    "the git on PATH does not work ({reason}), so no commit can count; repair or reinstall git"
)


@dataclass(frozen=True)
class RepoSource:
    """A repository whose commits count, with its web URL for commit links.

    Only the learner's work counts: with `authors`, commits by those names or emails; with `paths`,
    commits that changed something under them; with `since`, commits from that day on."""

    path: Path
    name: str
    url: str | None = None
    label: str = "."
    authors: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()
    since: dt.date | None = None


def load_history(
    sources: list[RepoSource],
    tz: ZoneInfo,
    config: str = "mkdocs.yml",
    tracked: Path | None = None,
) -> tuple[list[Commit], list[Problem]]:
    """Commits of all `sources` (oldest first) and warnings, such as shallow clones, against `config`.

    A commit's `files` are the files it changed under `tracked` (every file when `tracked` is None):
    only the journal's file history is used, and listing every file of every commit was most of
    the cost (0.55 s of 0.6 s for 20,000 commits).
    """
    if git is None:
        return [], [Problem(config, 1, BROKEN_GIT.format(reason=_import_reason(_IMPORT_ERROR)))]
    if not shutil.which(git.Git.GIT_PYTHON_GIT_EXECUTABLE or "git"):
        return [], [Problem(config, 1, NO_GIT)]
    # The `git log` processes of all repositories run side by side.
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(
            pool.map(lambda source: _read_repository(source, tz, config, tracked), sources)
        )
    commits = [commit for found, _ in results for commit in found]
    warnings = [warning for _, found in results for warning in found]
    # By timestamp: wall-clock order is wrong in the hour that repeats when clocks go back.
    commits.sort(key=lambda c: (c.when.timestamp(), c.repo, c.sha))
    return commits, warnings


def _read_repository(
    source: RepoSource, tz: ZoneInfo, config: str, tracked: Path | None
) -> tuple[list[Commit], list[Problem]]:
    try:
        repo = git.Repo(source.path, search_parent_directories=True)
    except git.GitCommandNotFound:
        return [], [Problem(config, 1, NO_GIT)]
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        message = (
            f"repository {source.label!r} is not a git repository, so none of its commits count"
        )
        return [], [Problem(config, 1, message, warning=True)]
    with repo:
        warnings = []
        if _is_shallow(repo):
            warnings.append(Problem(config, 1, shallow_message(source.label), warning=True))
        root = os.path.realpath(repo.working_tree_dir)
        if tracked is None:
            paths: list[str] | None = []
        else:
            inside = os.path.relpath(os.path.realpath(tracked), root)
            paths = None if inside == ".." or inside.startswith("../") else [inside]
        try:
            return _read_log(repo, source, tz, root, paths), warnings
        except git.GitCommandError as exc:
            message = (
                f"git log failed in repository {source.label!r} ({_failure(exc)}), "
                "so none of its commits count"
            )
            return [], [Problem(config, 1, message)]


def _import_reason(error: BaseException) -> str:
    """Why GitPython could not use the git on PATH, on one line."""
    if hasattr(error, "status"):  # a GitCommandError: `git version` failed
        return f"`git version` failed with {_failure(error)}"
    return "`git version` did not print a git version"


def _failure(error) -> str:
    """The exit code of a failed git command and what it said, on one line."""
    said = clean_line(str(error.stderr).strip().removeprefix("stderr: ").strip("'\""))
    return f"exit code {error.status}" + (f": {said}" if said else "")


def history_stamp(sources: list[RepoSource]) -> tuple:
    """What the history depends on: each repository's HEAD commit and whether it is shallow."""
    if git is None:
        return tuple((str(source.path), None, False) for source in sources)
    stamp = []
    for source in sources:
        try:
            with git.Repo(source.path, search_parent_directories=True) as repo:
                stamp.append((str(source.path), repo.head.commit.hexsha, _is_shallow(repo)))
        except (
            git.InvalidGitRepositoryError,
            git.NoSuchPathError,
            git.GitCommandNotFound,
            ValueError,
        ):
            stamp.append((str(source.path), None, False))  # no repository, or no commit yet
    return tuple(stamp)


def _is_shallow(repo: git.Repo) -> bool:
    return os.path.exists(os.path.join(repo.common_dir, "shallow"))  # what git itself checks


def shallow_message(label: str) -> str:
    """The warning for a shallow clone, with the fix."""
    return (
        f"repository {label!r} is a shallow git clone, so older commits and dates are missing; "
        "fetch the full history (in GitHub Actions: actions/checkout with `fetch-depth: 0`)"
    )


def _read_log(
    repo: git.Repo, source: RepoSource, tz: ZoneInfo, root: str, paths: list[str] | None
) -> list[Commit]:
    """Every commit, with the files it changed under `paths` (no files when `paths` is None)."""
    with ThreadPoolExecutor(max_workers=2) as side:  # the passes at once: parallel git processes
        changes = side.submit(_read_changes, repo, paths) if paths is not None else None
        touching = side.submit(_read_touching, repo, source.paths) if source.paths else None
        try:
            output = repo.git.log("--no-merges", f"--format={LOG_FORMAT}", "-z")
        except git.GitCommandError:
            if _has_commits(repo):
                raise
            return []  # a repository without commits yet
        changes = changes.result() if changes else {}
        touching = touching.result() if touching else None
    authors = {author.casefold() for author in source.authors}
    commits = []
    fields = output.split("\0")
    for index in range(0, len(fields) - len(FIELDS) + 1, len(FIELDS)):
        sha, stamp, author, email, subject, body = fields[index : index + len(FIELDS)]
        files, renames = changes.get(sha, ((), ()))
        url = f"{source.url.rstrip('/')}/commit/{sha}" if source.url else None
        when = dt.datetime.fromtimestamp(int(stamp), tz)
        commits.append(
            Commit(
                repo=source.name,
                sha=sha,
                when=when,
                author=clean_line(author),
                subject=clean_line(subject),
                files=files,
                url=url,
                renames=renames,
                root=root,
                body=body.strip(),  # never shown: scanned whole, as git keeps it
                email=email,
                counts=(not authors or bool({author.casefold(), email.casefold()} & authors))
                and (touching is None or sha in touching)
                and (source.since is None or when.date() >= source.since),
            )
        )
    return commits


def _read_touching(repo: git.Repo, paths: tuple[str, ...]) -> set[str]:
    """The commits that changed something under `paths` (a repository's `paths:` option)."""
    try:
        output = repo.git.log("--no-merges", "--format=%H", "--", *paths)
    except git.GitCommandError:
        return set()
    return set(output.split())


def _read_changes(repo: git.Repo, paths: list[str]) -> dict[str, tuple]:
    """sha -> (files, renames) of the commits that changed anything under `paths`, in one pass."""
    # -z and core.quotepath=off give file names as they are: no quoting, no octal escapes;
    # --name-status -M names renames, so a file's history survives them.
    try:
        output = repo.git(c="core.quotepath=off").log(
            "--no-merges", f"--format={RECORD}%H", "--name-status", "-M", "-z", "--", *paths
        )
    except git.GitCommandError:
        if _has_commits(repo):
            raise
        return {}
    changes = {}
    for record in output.split(RECORD)[1:]:
        sha, *tokens = record.split("\0")
        changes[sha.strip()] = _changes([token.lstrip("\n") for token in tokens])
    return changes


def _has_commits(repo: git.Repo) -> bool:
    """Whether HEAD names a commit, read from the refs themselves (git may be what failed)."""
    try:
        git.SymbolicReference.dereference_recursive(repo, "HEAD")
    except ValueError:
        return False
    return True


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
