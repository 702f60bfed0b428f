"""List the learner's own docs_dir files, as MkDocs would publish them."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path


def walk_folder(
    folder: Path, skip_top: tuple[str, ...] = (), hidden: bool = False
) -> Iterator[tuple[Path, list[str]]]:
    """(folder, its file names) for `folder` and every folder under it, links followed; hidden
    files and folders only with `hidden` (MkDocs leaves them out unless `exclude_docs` says not to).

    MkDocs follows links to folders, so a link can publish a folder from anywhere; each real folder
    is walked once, so a link loop ends.
    """
    seen: set[str] = set()
    for current, folders, files in os.walk(folder, followlinks=True):
        real = os.path.realpath(current)
        if real in seen:
            folders[:] = []
            continue
        seen.add(real)
        top = Path(current) == folder
        shown = [n for n in folders if (hidden and n != ".git") or not n.startswith(".")]
        folders[:] = sorted(name for name in shown if not (top and name in skip_top))
        yield Path(current), sorted(name for name in files if hidden or not name.startswith("."))


def find_docs_files(folder: Path) -> list[str]:
    """The docs-relative paths of the files under `folder` that MkDocs publishes by default.

    MkDocs leaves out hidden files and folders and a top-level `templates/` folder.
    """
    found: list[str] = []
    for current, files in walk_folder(folder, skip_top=("templates",)):
        relative = current.relative_to(folder).as_posix()
        prefix = "" if relative == "." else f"{relative}/"
        found += [f"{prefix}{name}" for name in files]
    return sorted(found)


def find_folders_into(folder: Path, inside: Path) -> list[Path]:
    """The folders and files under `folder` (itself too, links followed) that lie in `inside`."""
    inside = Path(os.path.realpath(inside))
    found: list[Path] = []
    for current, names in walk_folder(folder, hidden=True):
        if any(current.is_relative_to(above) for above in found):
            continue  # said once, for the folder where it starts
        if Path(os.path.realpath(current)).is_relative_to(inside):
            found.append(current)
            continue
        found += [
            current / name
            for name in names
            if Path(os.path.realpath(current / name)).is_relative_to(inside)
        ]
    return found
