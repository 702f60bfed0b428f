"""The one error type for bad user input, carrying every problem found in a run."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in a learner's file, reported as `path:line: message`."""

    path: str
    line: int
    message: str
    warning: bool = False

    def __str__(self) -> str:
        prefix = "warning: " if self.warning else ""
        return f"{self.path}:{self.line}: {prefix}{self.message}"


class RoadlogError(Exception):
    """Raised once with all the problems a stage found (errors and warnings), so the learner sees them together."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
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

    def read_text(self, file, path: str) -> str | None:
        """The file's UTF-8 text (a BOM is dropped), or None after recording where it is not UTF-8."""
        data = file.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            self.error(path, line, f"not valid UTF-8 text ({exc.reason} at byte {exc.start})")
            return None
        # Universal newlines, as text-mode reading would give: CRLF and CR files behave like LF ones.
        return text.replace("\r\n", "\n").replace("\r", "\n")


def display_path(file, root) -> str:
    """`file` relative to the project root, as the learner would type it."""
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return file.as_posix()
