"""List the learner's own docs_dir files, as MkDocs would publish them."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path


def walk_folder(folder: Path, skip_top: tuple[str, ...] = ()) -> Iterator[tuple[Path, list[str]]]:
    """(folder, its non-hidden file names) for `folder` and every folder under it, links followed.

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
        folders[:] = sorted(
            name for name in folders if not name.startswith(".") and not (top and name in skip_top)
        )
        yield Path(current), sorted(name for name in files if not name.startswith("."))


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
    """The folders under `folder` (itself too, links followed) that are, or lie inside, `inside`."""
    inside = Path(os.path.realpath(inside))
    found: list[Path] = []
    for current, _ in walk_folder(folder):
        if any(current.is_relative_to(above) for above in found):
            continue  # said once, for the folder where it starts
        if Path(os.path.realpath(current)).is_relative_to(inside):
            found.append(current)
    return found
