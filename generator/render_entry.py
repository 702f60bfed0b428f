"""The text of a new journal entry, pre-filled from the day's plan (for `roadlog new`)."""

from __future__ import annotations

import datetime as dt

import yaml

from .check_untouched import sign_template, visible_lines
from .load_topics import topic_slug
from .model import MONTH_NAMES, WEEKDAYS, Unit


class _FrontMatterDumper(yaml.SafeDumper):
    """One `key: value` per line, lists inline (`tags: [dns, networking]`), as people write them."""


_FrontMatterDumper.add_representer(
    list,
    lambda dumper, value: dumper.represent_sequence(
        "tag:yaml.org,2002:seq", value, flow_style=True
    ),
)


# The headings `roadlog new` writes, whatever the plan: never text of the learner's own.
SECTIONS = ("Question", "Objective", "Concepts", "Resources", "Tasks", "Notes", "What I learned")


def render_new_entry(date: dt.date, unit: Unit | None, tags: list[str]) -> str:
    """Front matter and a body to fill in: the question, concepts, resources, a task checklist, notes.

    The body is signed (see check_untouched): until the learner writes in it, it is not published.
    """
    meta: dict = {"date": date, "title": unit.node.title if unit else untitled_day(date)}
    if unit:
        meta["roadmap"] = unit.roadmap
        meta[unit.kind] = unit.number
    if tags:
        meta["tags"] = tags
    meta.update(status="done", draft=False)
    front = yaml.dump(
        meta,
        Dumper=_FrontMatterDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    # `hours` has no honest default: it is left commented out for the learner to fill in.
    return f"---\n{front}# hours: 1.5\n---\n" + sign_template(render_template_body(unit))


def untitled_day(date: dt.date) -> str:
    """The title of a day without a plan: `Notes from Saturday 21 March 2026`."""
    weekday = WEEKDAYS[date.weekday()].capitalize()
    return f"Notes from {weekday} {date.day} {MONTH_NAMES[date.month - 1]} {date.year}"


def render_template_body(unit: Unit | None) -> str:
    """The body `roadlog new` writes for `unit` (or a day without a plan), without its marker."""
    parts = [""]  # a blank line between the marker and the first heading
    node = unit.node if unit else None
    if node and node.question:
        parts.append(f"## Question\n\n> {node.question}\n")
    if node and node.objective:
        parts.append(f"## Objective\n\n{node.objective}\n")
    if node and node.concepts:
        parts.append("## Concepts\n\n" + "".join(f"- {concept}\n" for concept in node.concepts))
    if node and node.resources:
        lines = [
            f"- [{r.title}]({r.url})" + (f" — {r.note}" if r.note else "") for r in node.resources
        ]
        parts.append("## Resources\n\n" + "\n".join(lines) + "\n")
    tasks = _tasks(unit)
    if tasks:
        parts.append("## Tasks\n\n" + "".join(f"- [ ] {task}\n" for task in tasks))
    parts.append("## Notes\n")
    parts.append("## What I learned\n")
    return "\n".join(parts).rstrip("\n") + "\n"


def template_lines(units: list[Unit]) -> list[str]:
    """Every line `roadlog new` would write in the body of an entry of `units`: not the learner's."""
    lines = [f"## {section}" for section in SECTIONS]
    for unit in units:
        lines += visible_lines(render_template_body(unit))
    return lines


def _tasks(unit: Unit | None) -> list[str]:
    if unit is None:
        return []
    node = unit.node
    tasks = [*node.tasks]
    if node.project:
        tasks.append(f"Mini-project: {node.project}")
    if node.exercise:
        # The exercise's first line is the task; the whole text stays in the roadmap.
        tasks.append(f"Exercise: {node.exercise.strip().splitlines()[0]}")
    tasks += [f"Deliverable: {item}" for item in node.deliverables]
    return tasks


def entry_file_name(date: dt.date, unit: Unit | None) -> str:
    """`2026-11-24-dns-record-types.md`, or `2026-11-24.md` for a day without a plan."""
    slug = topic_slug(unit.node.title) if unit else ""
    return f"{date.isoformat()}-{slug}.md" if slug else f"{date.isoformat()}.md"
