"""Scan what the site shows besides entries and roadmaps: git history, file names, the learner's pages."""

from __future__ import annotations

from .errors import Problem
from .model import Commit
from .scan_secrets import find_secrets

HISTORY_HINT = (
    "a credential in git history cannot be removed by editing a file: rewrite the commit "
    "(`git rebase -i`, or git filter-repo for an older one), force-push and revoke the credential, "
    "or leave this repository out of `repos` in mkdocs.yml"
)
SETTING_HINT = (
    "the value is shown on every page (also when it comes from an environment variable with "
    "`!ENV`): remove it, and revoke the credential"
)
NAME_HINT = "the name is in the page's URL, the sitemap and the feeds: rename the file (and revoke the credential)"


def scan_history(commits: list[Commit]) -> list[Problem]:
    """`repo@sha:line: possible <kind> in the commit …` for credentials in messages and author names."""
    lines: list[str] = []
    places: list[tuple[Commit, int, str]] = []
    authors: set[str] = set()
    for commit in commits:
        message = (
            [commit.subject, "", *commit.body.split("\n")] if commit.body else [commit.subject]
        )
        for number, line in enumerate(message, 1):
            if line.strip():
                lines.append(line)
                places.append((commit, number, "commit message"))
        if commit.author not in authors:  # an author's name is shown on every commit: say it once
            authors.add(commit.author)
            lines.append(commit.author)
            places.append((commit, 1, "author name"))
    found = find_secrets([("history", "\n".join(lines))]) if lines else []
    problems = set()
    for _, line, kind in found:
        commit, number, field = places[line - 1]
        problems.add(
            Problem(
                f"{commit.repo}@{commit.sha[:7]}",
                number,
                f"possible {kind} in the {field}: {HISTORY_HINT}",
            )
        )
    return sorted(problems)


def scan_names(paths: list[str]) -> list[Problem]:
    """`path:1: possible <kind> in the file name` for every credential in `paths` (the name redacted)."""
    found = find_secrets([("names", "\n".join(paths))]) if paths else []
    return sorted(
        {
            Problem(
                redact_name(paths[line - 1]), 1, f"possible {kind} in the file name: {NAME_HINT}"
            )
            for _, line, kind in found
        }
    )


def redact_name(path: str) -> str:
    """`path` with its file name cut short, so a message never prints the credential in it."""
    folder, _, name = path.rpartition("/")
    stem, dot, suffix = name.rpartition(".") if "." in name else (name, "", "")
    shown = f"{stem[:12]}…{dot}{suffix}"
    return f"{folder}/{shown}" if folder else shown


def scan_settings(config: str, texts: tuple[tuple[str, int, str], ...]) -> list[Problem]:
    """`mkdocs.yml:line: possible <kind> in <key>` for the values the site shows, `!ENV` ones included."""
    found = find_secrets([(str(index), value) for index, (_, _, value) in enumerate(texts)])
    return sorted(
        {
            Problem(
                config,
                texts[int(index)][1],
                f"possible {kind} in {texts[int(index)][0]}: {SETTING_HINT}",
            )
            for index, _, kind in found
        }
    )
