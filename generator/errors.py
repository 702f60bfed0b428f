"""The one error type for bad user input, carrying every problem found in a run."""

from __future__ import annotations

import os
from dataclasses import dataclass

MiB = 1024 * 1024


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in a learner's file, reported as `path:line: message`."""

    path: str
    line: int
    message: str
    warning: bool = False

    def __str__(self) -> str:
        prefix = "warning: " if self.warning else ""
        return f"{printable(self.path)}:{self.line}: {prefix}{self.message}"


def printable(path: str) -> str:
    """`path` with control characters shown as escapes: a BEL in a file name must not ring."""
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in path)


class RoadlogError(Exception):
    """Raised once with all the problems a stage found (errors and warnings), so the learner sees them together."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))  # two checks may find the same problem: say it once
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def errors(self) -> list[Problem]:
        """The problems that are errors, not warnings."""
        return [p for p in self.problems if not p.warning]


class Collector:
    """Gathers problems while a loader runs; `raise_errors` raises them all at once."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, path: str, line: int, message: str) -> None:
        """Record an error."""
        self.problems.append(Problem(path, line, message))

    def warn(self, path: str, line: int, message: str) -> None:
        """Record a warning (reported, but the build goes on unless --strict)."""
        self.problems.append(Problem(path, line, message, warning=True))

    @property
    def errors(self) -> list[Problem]:
        """The problems that are errors."""
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        """The problems that are warnings."""
        return [p for p in self.problems if p.warning]

    def raise_errors(self) -> None:
        """Raise one RoadlogError with every problem so far, if any of them is an error."""
        if self.errors:
            raise RoadlogError(self.problems)

    def read_text(
        self, file, path: str, limit: int | None = None, what: str = "file"
    ) -> str | None:
        """The file's UTF-8 text (a BOM is dropped, line ends made `\\n`), or None after recording why not.

        `limit` (bytes) refuses files larger than that before parsing them: a huge file would make
        the build crawl, and is never a hand-written entry or roadmap.
        """
        try:
            with open(file, "rb") as stream:
                data = stream.read(limit + 1 if limit is not None else -1)
                size = os.fstat(stream.fileno()).st_size
        except OSError as exc:
            self.error(path, 1, f"cannot read the file ({exc.strerror or exc})")
            return None
        if limit is not None and len(data) > limit:
            self.error(
                path,
                1,
                f"{what} is larger than {_size(limit)} ({max(size, len(data)):,} bytes); split it",
            )
            return None
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            self.error(path, 1, "the file is saved as UTF-16; save it as UTF-8")
            return None
        if b"\0" in data:  # never in text, always in images, archives, PDFs, office documents
            self.error(
                path, 1, "not a text file: it contains NUL bytes (an image or other binary file?)"
            )
            return None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = _line_at(data, exc.start)
            self.error(path, line, f"not valid UTF-8 text ({exc.reason} at byte {exc.start})")
            return None
        # Universal newlines, as text-mode reading would give: CRLF and CR files behave like LF ones.
        return text.replace("\r\n", "\n").replace("\r", "\n")


def _line_at(data: bytes, offset: int) -> int:
    """The 1-based line of byte `offset`, counting LF, CRLF and CR line ends alike."""
    before = data[:offset].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return before.count(b"\n") + 1


def _size(limit: int) -> str:
    return f"{limit // MiB} MiB" if limit % MiB == 0 else f"{limit:,} bytes"


def display_path(file, root) -> str:
    """`file` relative to the project root, as the learner would type it."""
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return file.as_posix()
