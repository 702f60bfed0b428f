"""Load every input and merge it: the part of a build that MkDocs and the CLI share."""

from __future__ import annotations

import os

from .build_site import build_site
from .cache_files import NO_CACHE, FileCache
from .errors import Problem, RoadlogError, display_path
from .load_entries import load_entries
from .load_history import file_dates, history_stamp, load_history
from .load_roadmaps import load_roadmaps
from .load_topics import load_topics
from .model import Site
from .scan_secrets import scan_secrets
from .settings import Settings, today_in


def load_site(
    settings: Settings, include_drafts: bool = False, cache: FileCache = NO_CACHE
) -> tuple[Site, list[Problem]]:
    """Load roadmaps, entries and history, then build the Site; raise every input error at once.

    With a `cache` (kept by `roadlog serve`), files and git history unchanged since the last call
    are not read again.
    """
    problems: list[Problem] = []
    roadmaps, entries, warnings, vocabulary = [], [], [], []
    try:
        roadmaps = load_roadmaps(settings.root / settings.roadmaps_dir, settings.root, cache)
    except RoadlogError as exc:
        problems += exc.problems
    topics = settings.root / settings.roadmaps_dir / "topics.yaml"
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
    if not any(not p.warning for p in problems):
        # Drafts too: the repository is public even when the page is not.
        files = [(e.path, settings.root / e.path) for e in entries]
        files += [(r.path, settings.root / r.path) for r in roadmaps]
        files += [(display_path(topics, settings.root), topics)] if topics.is_file() else []
        problems += scan_secrets(files, cache)
    if any(not p.warning for p in problems):
        raise RoadlogError(problems + warnings)

    def history():
        return load_history(
            settings.repos, settings.tz, settings.config_name, settings.root / settings.journal_dir
        )

    stamp = history_stamp(settings.repos) if cache is not NO_CACHE else None
    commits, git_warnings = cache.reuse(("load_history",), stamp, history)
    dates = file_dates(commits)
    root = os.path.realpath(settings.root)  # entries are never symbolic links: see load_entries
    for entry in entries:  # feeds say when an entry was last changed, from its file's history
        entry.created, entry.updated = dates.get(f"{root}/{entry.path}", (None, None))
    warnings += git_warnings
    try:
        site = build_site(
            roadmaps, entries, commits, today_in(settings.tz), include_drafts, vocabulary
        )
    except RoadlogError as exc:
        raise RoadlogError(exc.problems + warnings) from None
    return site, warnings + site.warnings


def _link_problems(roadmaps, entries, vocabulary, settings: Settings) -> list[Problem]:
    """Errors in linking entries to roadmap days (unknown roadmap, day out of range)."""
    try:
        build_site(roadmaps, entries, [], today_in(settings.tz), vocabulary=vocabulary)
    except RoadlogError as exc:
        return exc.errors
    return []
