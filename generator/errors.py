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
    """Raised once with all the errors a stage found, so the learner sees them together."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


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
        """Raise one RoadlogError with every error so far, if there is any."""
        if self.errors:
            raise RoadlogError(self.errors)


def display_path(file, root) -> str:
    """`file` relative to the project root, as the learner would type it."""
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return file.as_posix()
