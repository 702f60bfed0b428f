"""Read a file a command was given (a markdown roadmap, a log), or say plainly why it cannot be read."""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import Collector


def read_input(source: Path) -> str | None:
    """The file's text; None after printing `error: …` (missing, unreadable, not UTF-8)."""
    if not source.is_file():
        print(f"error: {source}: no such file", file=sys.stderr)
        return None
    problems = Collector()
    text = problems.read_text(source, str(source))
    if text is None:
        print(f"error: {problems.errors[0]}", file=sys.stderr)
    return text
