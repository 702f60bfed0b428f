"""`roadlog new`: the day's entries, pre-filled from the plan, never over an existing one."""

from __future__ import annotations

import datetime as dt
import os
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

from .build_topics import match_topics, node_texts
from .errors import display_path
from .load_entries import split_front_matter
from .model import Site
from .render_entry import entry_file_name, render_new_entry
from .settings import Settings
from .write_files import create_file


def create_entries(
    settings: Settings, site: Site, date: dt.date, roadmap: str | None, edit: bool
) -> int:
    """Write the entry of each roadmap day planned on `date` (only `roadmap`'s if given); print paths."""
    views = [v for v in site.roadmaps if not roadmap or v.roadmap.id == roadmap]
    if roadmap and not views:
        print(
            f"error: no roadmap {roadmap!r} (known: {', '.join(v.roadmap.id for v in site.roadmaps)})",
            file=sys.stderr,
        )
        return 1
    units = [u for v in views for u in v.units if date in u.dates]
    if roadmap and not units:
        print(f"error: roadmap {roadmap!r} plans nothing on {date}", file=sys.stderr)
        return 1
    journal = settings.root / settings.journal_dir
    code = written = 0
    for unit in units or [None]:
        existing = find_entry(journal, date, unit.roadmap if unit else None)
        target = journal / str(date.year) / entry_file_name(date, unit)
        if existing is None:
            tags = (
                [t.slug for t in match_topics(site.vocabulary, node_texts(unit.node))]
                if unit
                else []
            )
            try:
                create_file(target, render_new_entry(date, unit, tags))
            except FileExistsError:
                existing = target
        if existing is not None:
            what = f"{unit.roadmap} {unit.label}" if unit else str(date)
            print(
                f"error: {display_path(existing, settings.root)} already exists for {what}; it was left as it is",
                file=sys.stderr,
            )
            code = 1
            continue
        print(display_path(target, settings.root))
        written += 1
        if written == 1 and date > site.today:  # said once, before an editor takes the terminal
            print(
                f"warning: {date} is after today ({site.today}), so the entry is not published "
                "before that day",
                file=sys.stderr,
            )
        if edit:
            code = max(code, open_in_editor(target))
    return code


def find_entry(journal: Path, date: dt.date, roadmap: str | None) -> Path | None:
    """An entry file already dated `date` for `roadmap` (or for no roadmap), drafts included."""
    for file in sorted(journal.rglob("*.md")) if journal.is_dir() else []:
        front, _, _ = split_front_matter(file.read_text(encoding="utf-8-sig", errors="replace"))
        try:
            meta = yaml.safe_load(front or "") or {}
        except yaml.YAMLError:
            meta = {}
        meta = meta if isinstance(meta, dict) else {}
        named = file.stem.startswith(date.isoformat())
        if (
            str(meta.get("date", "")) == date.isoformat() or (named and "date" not in meta)
        ) and meta.get("roadmap") in (roadmap, None):
            return file
    return None


def open_in_editor(path: Path) -> int:
    """Open `path` in $VISUAL or $EDITOR; the editor's exit code."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        print("error: set $VISUAL or $EDITOR to open the entry with --edit", file=sys.stderr)
        return 1
    return subprocess.call([*shlex.split(editor), str(path)])
