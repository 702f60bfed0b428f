"""Create a learner's new file safely: atomically, and never over an existing one."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path


def create_file(target: Path, text: str, check=None) -> None:
    """Write `text` to a new file `target`; FileExistsError if it exists. `check(staged)` may raise."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # a file where a folder should be: not "the entry exists"
        raise NotADirectoryError(
            errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(target.parent)
        ) from None
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".roadlog-") as folder:
        staged = Path(folder) / target.name
        staged.write_text(text, encoding="utf-8", newline="\n")
        if check:
            check(staged)
        # A hard link fails if the name is taken: no window in which an existing file is replaced.
        os.link(staged, target)
