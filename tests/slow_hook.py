"""A MkDocs hook that makes one moment of a build slow and marks when it is there, so that a test can
stop `roadlog` at that very moment (while a preview starts, during a build, during a rebuild)."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

# The hook's code; its first line (written by add_slow_hook) sets EVENT, COUNT, SECONDS and MARKS.
HOOK = """
import time
from pathlib import Path


def _arrive(event):
    if event != EVENT:
        return
    count = len(list(Path(MARKS).glob(event + "-*"))) + 1
    (Path(MARKS) / f"{event}-{count}").touch()
    if count == COUNT:
        time.sleep(SECONDS)


def on_startup(command, dirty):
    _arrive("on_startup")


def on_pre_build(config):
    _arrive("on_pre_build")
"""


def add_slow_hook(project: Path, marks: Path, event: str, count: int = 1, seconds=60.0) -> Path:
    """Make the `count`th `event` (on_startup or on_pre_build) of `project` last `seconds`.

    Returns the file that appears in `marks` when that moment starts.
    """
    marks.mkdir(exist_ok=True)
    hook = project / "hooks/slow.py"
    hook.parent.mkdir(exist_ok=True)
    settings = f"EVENT, COUNT, SECONDS, MARKS = {event!r}, {count}, {seconds}, {str(marks)!r}\n"
    hook.write_text(settings + HOOK, encoding="utf-8")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("hooks:\n  - hooks/slow.py\n")
    return marks / f"{event}-{count}"


def wait_for_mark(mark: Path, process: subprocess.Popen, timeout: float = 30.0) -> None:
    """Wait until `mark` exists; fail if `process` ends first or it never comes."""
    deadline = time.monotonic() + timeout
    while not mark.exists():
        assert process.poll() is None, f"roadlog ended (code {process.returncode}) before {mark}"
        assert time.monotonic() < deadline, f"{mark.name} not reached within {timeout:.0f} s"
        time.sleep(0.05)
