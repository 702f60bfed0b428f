"""List the learner's own docs_dir files, as MkDocs would publish them."""

from __future__ import annotations

import os
from pathlib import Path


def find_docs_files(folder: Path) -> list[str]:
    """The docs-relative paths of the files under `folder` that MkDocs publishes by default.

    MkDocs leaves out hidden files and folders and a top-level `templates/` folder.
    """
    found: list[str] = []
    for current, folders, files in os.walk(folder):
        relative = Path(current).relative_to(folder).as_posix()
        prefix = "" if relative == "." else f"{relative}/"
        folders[:] = [
            name
            for name in folders
            if not name.startswith(".") and f"{prefix}{name}" != "templates"
        ]
        found += [f"{prefix}{name}" for name in files if not name.startswith(".")]
    return sorted(found)
