"""The text of a new journal entry, pre-filled from the day's plan (for `roadlog new`)."""

from __future__ import annotations

import datetime as dt

import yaml

from .load_topics import topic_slug
from .model import Unit


class _FrontMatterDumper(yaml.SafeDumper):
    """One `key: value` per line, lists inline (`tags: [dns, networking]`), as people write them."""


_FrontMatterDumper.add_representer(
    list,
    lambda dumper, value: dumper.represent_sequence(
        "tag:yaml.org,2002:seq", value, flow_style=True
    ),
)


def render_new_entry(date: dt.date, unit: Unit | None, tags: list[str]) -> str:
    """Front matter and a body to fill in: the question, concepts, resources, a task checklist, notes."""
    meta: dict = {"date": date}
    if unit:
        meta["title"] = unit.node.title
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
    parts = [f"---\n{front}# hours: 1.5\n---\n"]
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
