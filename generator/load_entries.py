"""Read journal/**/*.md into Entry objects: YAML front matter (with line numbers) + markdown body."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path

from .check_schema import check_schema, load_schema
from .errors import Collector, display_path
from .model import Entry
from .read_yaml import YamlProblem, read_yaml

DATED_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
HEADING = re.compile(r"#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*")
FENCE = re.compile(r"[ ]{0,3}(```|~~~)")


def load_entries(directory: Path, root: Path) -> tuple[list[Entry], list]:
    """Load every entry under `directory`; return (entries, warnings) or raise all errors at once."""
    problems = Collector()
    entries = []
    if directory.is_dir():
        for file in sorted(directory.rglob("*.md")):
            if file.is_file():
                entry = load_entry(file, display_path(file, root), problems)
                if entry:
                    entries.append(entry)
    problems.raise_errors()
    return entries, problems.warnings


def load_entry(file: Path, path: str, problems: Collector) -> Entry | None:
    """Load one entry, recording its problems; None when it cannot be used."""
    text = problems.read_text(file, path)
    if text is None:
        return None
    front, body, body_line = split_front_matter(text)
    if front is None:
        if body_line < 0:
            problems.error(
                path, 1, "front matter starts with '---' but never ends (add a closing '---')"
            )
            return None
        meta, lines = {}, {}
    else:
        try:
            meta, lines = read_yaml(front, first_line=2)
        except YamlProblem as exc:
            problems.error(path, exc.line, exc.message)
            return None
        if meta is None:
            meta = {}
        if not isinstance(meta, dict):
            problems.error(path, 2, "front matter must be a YAML mapping of `key: value` lines")
            return None
    line = {key[0]: number for key, number in lines.items() if len(key) == 1}
    before = len(problems.errors)
    check_schema("entry", meta, lines, path, problems)
    _warn_misspelled_keys(meta, line, path, problems)
    date = _entry_date(file.stem, meta, line, path, problems)
    if "day" in meta and "week" in meta:
        problems.error(path, line["week"], "give either `day` or `week`, not both")
    if len(problems.errors) > before or date is None:
        return None
    known = load_schema("entry")["properties"]
    heading = first_heading(body)
    return Entry(
        path=path,
        stem=file.stem,
        date=date,
        body=body,
        title=meta.get("title"),
        heading=heading,
        roadmap=meta.get("roadmap"),
        day=meta.get("day"),
        week=meta.get("week"),
        tags=[str(tag).strip() for tag in meta.get("tags", [])],
        hours=meta.get("hours"),
        status=meta.get("status", "done"),
        draft=meta.get("draft", False),
        extra={k: v for k, v in meta.items() if k not in known},
        lines=line,
    )


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split `---` front matter from the body: (front or None, body, first body line; -1: unclosed)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return None, text, 1
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    return None, text, -1


def first_heading(body: str) -> str | None:
    """The text of the first `# heading` outside fenced code blocks."""
    fence = None
    for line in body.splitlines():
        opening = FENCE.match(line)
        if opening and (fence is None or opening.group(1) == fence):
            fence = None if fence else opening.group(1)
        elif fence is None and (heading := HEADING.fullmatch(line.rstrip())):
            return heading.group(1)
    return None


def _entry_date(
    stem: str, meta: dict, line: dict, path: str, problems: Collector
) -> dt.date | None:
    if isinstance(meta.get("date"), str):
        if not DATE.fullmatch(meta["date"]):
            return None  # the schema already reported the format
        try:
            return dt.date.fromisoformat(meta["date"])
        except ValueError:
            problems.error(path, line["date"], f"date: {meta['date']!r} is not a real date")
            return None
    if "date" in meta:
        return None  # the schema already reported its type
    named = DATED_NAME.match(stem)
    if named:
        try:
            return dt.date.fromisoformat(named.group(1))
        except ValueError:
            problems.error(
                path, 1, f"the file name starts with {named.group(1)!r}, which is not a real date"
            )
            return None
    problems.error(
        path,
        1,
        "no date: add `date: YYYY-MM-DD` to the front matter or start the file name with it",
    )
    return None


def _warn_misspelled_keys(meta: dict, line: dict, path: str, problems: Collector) -> None:
    known = list(load_schema("entry")["properties"])
    for key in meta:
        if key not in known:
            close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.75)
            if close:
                problems.warn(
                    path, line.get(key, 1), f"unknown key {key!r} (did you mean {close[0]!r}?)"
                )
