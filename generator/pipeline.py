"""Load every input and merge it: the part of a build that MkDocs and the CLI share."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from .build_site import build_site
from .cache_files import NO_CACHE, FileCache
from .check_docs import check_docs_drafts, check_docs_files, list_generated
from .errors import Collector, Problem, RoadlogError, display_path
from .load_docs import find_docs_files, find_folders_into, walk_folder
from .load_entries import find_entry_files, load_entries
from .load_history import file_dates, history_stamp, load_history
from .load_roadmaps import load_roadmaps
from .load_topics import load_topics
from .model import Commit, Site
from .scan_secrets import scan_secrets
from .scan_site import scan_history, scan_names, scan_settings
from .settings import DEFAULT_TOPICS, Settings, today_in


def check_counted(commits: list[Commit], settings: Settings) -> list[Problem]:
    """A warning for each repository with `authors:` none of whose commits is by them."""
    problems = []
    for source in settings.repos:
        mine = [c for c in commits if c.repo == source.name]
        if source.authors and mine and not any(c.counts for c in mine):
            who = ", ".join(source.authors)
            problems.append(
                Problem(
                    settings.config_name,
                    1,
                    f"repository {source.label!r}: none of its {len(mine)} commits is by {who} "
                    "(`authors`), so none counts; list the name or email you commit with "
                    "(`git config user.email`)",
                    warning=True,
                )
            )
    return problems


def find_topics(settings: Settings) -> Path:
    """The project's roadmaps/topics.yaml, or Roadlog's default vocabulary when it has none."""
    own = settings.root / settings.roadmaps_dir / "topics.yaml"
    return own if own.exists() or own.is_symlink() else DEFAULT_TOPICS


def load_site(
    settings: Settings, include_drafts: bool = False, cache: FileCache = NO_CACHE
) -> tuple[Site, list[Problem]]:
    """Load roadmaps, entries and history, then build the Site; raise every input error at once.

    With a `cache` (kept by `roadlog serve`), files and git history unchanged since the last call
    are not read again.
    """
    problems: list[Problem] = check_folders(settings)
    roadmaps, entries, warnings, vocabulary = [], [], [], []
    try:
        roadmaps = load_roadmaps(settings.root / settings.roadmaps_dir, settings.root, cache)
    except RoadlogError as exc:
        problems += exc.problems
    topics = find_topics(settings)
    try:
        vocabulary = cache.get("load_topics", topics, lambda: load_topics(topics, settings.root))
    except RoadlogError as exc:
        problems += exc.problems
    try:
        entries, warnings = load_entries(settings.root / settings.journal_dir, settings.root, cache)
    except RoadlogError as exc:
        problems += exc.problems
        if not problems[: len(problems) - len(exc.problems)]:
            # Roadmaps are fine: also report the links of the entries that loaded, in this run.
            problems += _link_problems(roadmaps, getattr(exc, "loaded", []), vocabulary, settings)
    problems += _scan_published(settings, cache)

    def history():
        commits, git_problems = load_history(
            settings.repos, settings.tz, settings.config_name, settings.root / settings.journal_dir
        )
        # Only what the site shows is scanned: the commits that count as the learner's.
        return commits, git_problems + scan_history([c for c in commits if c.counts])

    stamp = history_stamp(settings.repos) if cache is not NO_CACHE else None
    commits, git_problems = cache.reuse(("load_history",), stamp, history)
    problems += [p for p in git_problems if not p.warning]
    warnings += [p for p in git_problems if p.warning]
    if any(not p.warning for p in problems):
        raise RoadlogError(problems + warnings)
    warnings += check_counted(commits, settings)
    dates = file_dates(commits)  # an entry's file history, whoever committed it
    root = os.path.realpath(settings.root)  # entries are never symbolic links: see load_entries
    for entry in entries:  # feeds say when an entry was last changed, from its file's history
        entry.created, entry.updated = dates.get(f"{root}/{entry.path}", (None, None))
    try:
        counted = [commit for commit in commits if commit.counts]
        site = build_site(
            roadmaps, entries, counted, today_in(settings.tz), include_drafts, vocabulary
        )
    except RoadlogError as exc:
        raise RoadlogError(exc.problems + warnings) from None
    if settings.docs_dir:  # a learner's page that a generated page or feed would replace
        docs = find_docs_files(settings.root / settings.docs_dir)
        clashes = check_docs_files(settings.docs_dir, docs, list_generated(site, settings))
        if clashes:
            raise RoadlogError(clashes + warnings)
    return site, warnings + site.warnings


def _scan_published(settings: Settings, cache: FileCache) -> list[Problem]:
    """Credentials in every file the site may show, in their names and in mkdocs.yml's values;
    docs_dir pages that think they are drafts."""
    # Whether a file loaded or not: drafts too (the repository is public even when a page is
    # not), and files with other errors, so that one run says everything.
    files = find_published_files(settings)
    problems = scan_secrets(files, cache)
    problems += scan_names([shown for shown, _ in files])
    problems += scan_settings(settings.config_name, _unwritten(settings))
    if settings.docs_dir:
        docs, journal = settings.root / settings.docs_dir, settings.root / settings.journal_dir
        problems += check_docs_drafts(_read_pages(files, docs, journal))
    return problems


def find_published_files(settings: Settings) -> list[tuple[str, Path]]:
    """(display path, file) of every entry, roadmap, the topics, mkdocs.yml and the learner's pages."""
    root = settings.root
    files = find_entry_files(root / settings.journal_dir, root, Collector())
    roadmaps = root / settings.roadmaps_dir
    if roadmaps.is_dir():
        files += sorted(f for f in roadmaps.glob("*.y*ml") if not f.name.startswith("."))
    files += [root / name for name in settings.config_files or (settings.config_name,)]
    # Copied or rendered into the site: the learner's pages, theme overrides and templates.
    for folder in (settings.docs_dir, settings.custom_dir, "site_template"):
        if folder:
            for parent, names in walk_folder(root / folder, hidden=True):
                files += [parent / name for name in names if _is_text(parent / name)]
    return [(display_path(f, root), f) for f in dict.fromkeys(files)]


def _read_pages(
    files: list[tuple[str, Path]], folder: Path, journal: Path
) -> list[tuple[str, str]]:
    """(display path, text) of the markdown pages of `folder` among `files`, but the journal's."""
    pages, journal = [], Path(os.path.realpath(journal))
    for shown, file in files:
        inside = Path(os.path.realpath(file)).is_relative_to(journal)  # check_folders says so
        if file.suffix == ".md" and file.is_relative_to(folder) and not inside:
            with contextlib.suppress(OSError):
                pages.append((shown, file.read_text("utf-8", errors="replace")))
    return pages


def _unwritten(settings: Settings) -> tuple[tuple[str, int, str], ...]:
    """The shown settings whose value is not written in a config file (`!ENV`): scanned apart."""
    written = ""
    for name in settings.config_files or (settings.config_name,):
        with contextlib.suppress(OSError):
            written += (settings.root / name).read_text("utf-8", errors="replace")
    return tuple(text for text in settings.config_texts if text[2] not in written)


def check_folders(settings: Settings) -> list[Problem]:
    """Errors for input folders that are links, and for published folders that lead into the journal."""
    root, problems = settings.root, []
    for folder in (settings.journal_dir, settings.roadmaps_dir):
        if (root / folder).is_symlink():
            problems.append(
                Problem(
                    display_path(root / folder, root),
                    1,
                    f"the folder is a symbolic link to {os.readlink(root / folder)!r}: git keeps "
                    "only the link, so CI would build without it; move the folder here",
                )
            )
    published = [("docs_dir", settings.docs_dir), ("theme.custom_dir", settings.custom_dir)]
    for setting, folder in published:
        if not folder or not (root / settings.journal_dir).exists():
            continue
        for path in find_folders_into(root / folder, root / settings.journal_dir):
            problems.append(
                Problem(
                    display_path(path, root),
                    1,
                    f"this part of {setting} leads into the journal: MkDocs would publish the "
                    "entries' files, drafts too; keep the journal out of it",
                )
            )
    return problems


def _is_text(file: Path) -> bool:
    try:
        if not file.is_file():
            return False
        with open(file, "rb") as stream:
            return b"\0" not in stream.read(8192)
    except OSError:
        return False


def _link_problems(roadmaps, entries, vocabulary, settings: Settings) -> list[Problem]:
    """Errors in linking entries to roadmap days (unknown roadmap, day out of range)."""
    try:
        build_site(roadmaps, entries, [], today_in(settings.tz), vocabulary=vocabulary)
    except RoadlogError as exc:
        return exc.errors
    return []
