"""Read roadmaps/*.yaml into Roadmap trees, validated against the shipped JSON Schema."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from .cache_files import NO_CACHE, FileCache, load_cached
from .check_names import check_roadmap_id
from .check_schema import check_schema, dotted_path
from .errors import Collector, display_path
from .load_entries import real_date
from .model import WEEKDAYS, ChecklistItem, Node, Resource, Roadmap
from .read_yaml import Lines, YamlProblem, line_of, read_yaml

KINDS = ("phase", "month", "week", "day")
ID_PATTERN = r"[a-z0-9][a-z0-9_-]*"  # as in the schema: ids become file names and URLs
# roadmaps/topics.yaml is the topic vocabulary, not a roadmap.
NOT_ROADMAPS = {"topics"}
# A year of days with rich notes is a few hundred kB; more is a mistake and slow to parse.
MAX_ROADMAP_BYTES = 2 * 1024 * 1024
# Ten years of days or weeks: every day and week gets a date, and day 30,000,000 would take
# minutes to schedule before running past the year 9999.
MAX_NUMBER = {"day": 3660, "week": 520}


def load_roadmaps(directory: Path, root: Path, cache: FileCache = NO_CACHE) -> list[Roadmap]:
    """Load every roadmap under `directory`; raise RoadlogError with all problems at once."""
    problems = Collector()
    roadmaps = []
    if directory.is_dir():
        for file in sorted(directory.glob("*.y*ml")):
            if file.stem in NOT_ROADMAPS or file.suffix not in (".yaml", ".yml"):
                continue
            if file.name.startswith("."):
                continue  # editor and system files
            if file.is_symlink():
                # Not followed, as in the journal; an error, as a roadmap left out would fail
                # every entry that names it. Git keeps only the link, so CI would build without it.
                problems.error(
                    display_path(file, root),
                    1,
                    f"symbolic link to {os.readlink(file)!r}: a roadmap must be a real file, "
                    "not a link (git keeps only the link); copy the file here",
                )
                continue
            if not file.is_file():
                continue  # a folder named like a roadmap
            roadmap = load_cached(cache, load_roadmap, file, display_path(file, root), problems)
            if roadmap:
                roadmaps.append(roadmap)
    seen: dict[str, str] = {}
    for roadmap in roadmaps:
        if roadmap.id in seen:
            problems.error(
                roadmap.path, 1, f"duplicate roadmap id {roadmap.id!r} (also {seen[roadmap.id]})"
            )
        seen.setdefault(roadmap.id, roadmap.path)
    problems.raise_errors()
    return roadmaps


def load_roadmap(file: Path, path: str, problems: Collector) -> Roadmap | None:
    """Load one roadmap file, recording its problems; None when it cannot be used."""
    text = problems.read_text(file, path, limit=MAX_ROADMAP_BYTES, what="roadmap")
    if text is None:
        return None
    try:
        data, lines = read_yaml(text)
    except YamlProblem as exc:
        problems.error(path, exc.line, exc.message)
        return None
    if not isinstance(data, dict):
        problems.error(path, 1, "a roadmap must be a YAML mapping with at least a title")
        return None
    before = len(problems.errors)
    check_schema("roadmap", data, lines, path, problems)
    _check_kinds(data.get("children"), ("children",), lines, path, problems)
    if len(problems.errors) > before:
        return None
    roadmap_id = data.get("id", file.stem)
    if roadmap_id != file.stem:
        problems.error(
            path, lines[("id",)], f"id {roadmap_id!r} must match the file name {file.stem!r}"
        )
        roadmap_id = file.stem  # the file's own id, so a copy never claims another roadmap's id
    check_roadmap_id(roadmap_id, path, line_of(lines, ("id",)), problems)
    roadmap = Roadmap(
        id=roadmap_id,
        title=data["title"],
        path=path,
        description=data.get("description"),
        start=_date(data, lines, "start", path, problems),
        rest_days=_rest_days(data.get("schedule", "daily")),
        pauses=_pauses(data, lines, path, problems),
        children=[_node(n, lines, ("children", i)) for i, n in enumerate(data.get("children", []))],
    )
    _check_days(roadmap, path, problems)
    return roadmap


def _check_kinds(nodes, where: tuple, lines: Lines, path: str, problems: Collector) -> None:
    """A node is a phase, a month, a week, a day, or (with none of these keys) a section: never two."""
    if not isinstance(nodes, list):
        return
    for index, node in enumerate(nodes):
        if not isinstance(node, dict):
            continue
        here = where + (index,)
        kinds = [k for k in KINDS if k in node]
        if len(kinds) > 1:
            problems.error(
                path,
                line_of(lines, here),
                f"{dotted_path(here)}: give only one of {', '.join(KINDS)} (found {', '.join(kinds)})",
            )
        for kind, most in MAX_NUMBER.items():
            if _is_number(node.get(kind)) and _numbers(node[kind])[1] > most:
                problems.error(
                    path,
                    line_of(lines, here + (kind,)),
                    f"{dotted_path(here + (kind,))}: {node[kind]!r} is too large: a roadmap plans "
                    f"at most {most} {kind}s (ten years)",
                )
        _check_kinds(node.get("children"), here + ("children",), lines, path, problems)


def _is_number(value) -> bool:
    """True for a valid day or week value: `3`, `3.0` or `'8-9'` (the schema reports the others)."""
    if isinstance(value, str):
        return re.fullmatch(r"\d+-\d+", value) is not None
    if isinstance(value, float):
        return value.is_integer()  # False for .inf and .nan too
    return isinstance(value, int) and not isinstance(value, bool)


def _numbers(value: int | float | str) -> tuple[int, int]:
    """First and last number of `3`, `3.0` or `'8-9'` (the schema checked the form)."""
    if isinstance(value, str):
        first, last = value.split("-")
        return int(first), int(last)
    return int(value), int(value)


def _date(
    data: dict, lines: Lines, key: str, path: str, problems: Collector, where: tuple = ()
) -> dt.date | None:
    if key not in data:
        return None
    what = f"{dotted_path(where + (key,))}: {data[key]!r}"
    return real_date(data[key], path, line_of(lines, where + (key,)), what, problems)


def _pauses(
    data: dict, lines: Lines, path: str, problems: Collector
) -> list[tuple[dt.date, dt.date]]:
    pauses = []
    for index, pause in enumerate(data.get("pauses", [])):
        first = _date(pause, lines, "from", path, problems, ("pauses", index))
        last = _date(pause, lines, "to", path, problems, ("pauses", index))
        if first and last and last < first:
            problems.error(
                path,
                line_of(lines, ("pauses", index)),
                f"pauses[{index}]: ends ({last}) before it starts ({first})",
            )
        elif first and last:
            pauses.append((first, last))
    return pauses


def _rest_days(schedule: str | dict) -> frozenset[int]:
    if schedule == "weekdays":
        return frozenset({5, 6})
    if isinstance(schedule, dict):
        return frozenset(WEEKDAYS.index(day) for day in schedule["rest"])
    return frozenset()


TEXT_FIELDS = (
    "question",
    "objective",
    "prerequisites",
    "project",
    "practice",
    "exercise",
    "why",
    "if_behind",
    "notes",
)
LIST_FIELDS = ("concepts", "tasks", "breakdown", "deliverables", "topics")


def _node(data: dict, lines: Lines, where: tuple) -> Node:
    kind = next((k for k in KINDS if k in data), "section")
    number = last = None
    if kind != "section":
        number, last = _numbers(data[kind])
    return Node(
        kind=kind,
        title=data["title"],
        number=number,
        last=last,
        **{name: data.get(name) for name in TEXT_FIELDS},
        **{name: data.get(name, []) for name in LIST_FIELDS},
        resources=[
            Resource(r["title"], r["url"], r.get("note")) for r in data.get("resources", [])
        ],
        checklist=[
            _item(it, lines, where + ("checklist", i))
            for i, it in enumerate(data.get("checklist", []))
        ],
        children=[
            _node(n, lines, where + ("children", i)) for i, n in enumerate(data.get("children", []))
        ],
        line=line_of(lines, where),
        review=data.get("review"),
    )


def _item(data: dict, lines: Lines, where: tuple) -> ChecklistItem:
    return ChecklistItem(
        title=data["title"],
        done=data.get("done", False),
        items=[
            _item(it, lines, where + ("items", i)) for i, it in enumerate(data.get("items", []))
        ],
        line=line_of(lines, where),
    )


def _check_days(roadmap: Roadmap, path: str, problems: Collector) -> None:
    """Day numbers and ranges run forwards and never overlap."""
    owner: dict[int, Node] = {}
    for node in roadmap.walk():
        if node.kind == "day":
            if node.last < node.number:
                problems.error(
                    path, node.line, f"day range {node.number}-{node.last} runs backwards"
                )
                continue
            for number in range(node.number, node.last + 1):
                if number in owner:
                    problems.error(
                        path,
                        node.line,
                        f"day {number} is planned twice (also line {owner[number].line})",
                    )
                    break
                owner[number] = node
