"""Progress of a roadmap and of each node, and its pace: ahead or behind, projected finish."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from .build_calendar import build_roadmap_calendar
from .model import Node, Pace, Progress, Roadmap, RoadmapView, Unit


def build_view(roadmap: Roadmap, units: list[Unit], today: dt.date) -> RoadmapView:
    """A roadmap with its progress per node, its own calendar and its pace against the plan.

    Units whose checklist is all ticked are marked done first (see `tick_off`), so the page, the
    calendars, the pace and `roadlog status` all count them.
    """
    tick_off(units)
    by_node: dict[int, list[Unit]] = defaultdict(list)
    for unit in units:
        by_node[id(unit.node)].append(unit)
    node_units: dict[int, list[Unit]] = {}
    node_progress: dict[int, Progress] = {}
    for top in roadmap.children:
        _collect(top, by_node, node_units, node_progress)
    return RoadmapView(
        roadmap=roadmap,
        units=units,
        progress=count_progress(units, roadmap),
        node_progress=node_progress,
        node_units=node_units,
        today_units=[u for u in units if today in u.dates],
        calendar=build_roadmap_calendar(roadmap, units, today),
        pace=measure_pace(units, today),
    )


def tick_off(units: list[Unit]) -> None:
    """Mark done each unit whose node has a checklist with every item ticked, nested ones included.

    A week without days (or a day) that carries a checklist is done once all its items are, whatever
    its entries and dates say: the learner ticked them, and its "N of M items done" line says so.
    One unticked item leaves the state its entries and dates give it.
    """
    for unit in units:
        if is_ticked_off(unit.node):
            unit.state = "done"


def is_ticked_off(node: Node) -> bool:
    """True when the node has checklist items of its own and every one of them is ticked."""
    items = list(node.checklist_items())
    return bool(items) and all(item.done for item in items)


def _collect(node: Node, by_node, node_units, node_progress) -> list[Unit]:
    mine = list(by_node.get(id(node), []))
    for child in node.children:
        mine += _collect(child, by_node, node_units, node_progress)
    node_units[id(node)] = mine
    node_progress[id(node)] = count_progress(mine)
    return mine


def count_progress(units: list[Unit], roadmap: Roadmap | None = None) -> Progress:
    """Count units by state; a roadmap without units counts its checklist items instead."""
    progress = Progress()
    if not units and roadmap is not None:
        items = [i for n in roadmap.walk() for i in n.checklist_items()]
        progress.total = len(items)
        progress.done = sum(i.done for i in items)
        progress.planned = progress.total - progress.done
        return progress
    progress.total = len(units)
    for unit in units:
        setattr(progress, unit.state, getattr(progress, unit.state) + 1)
    return progress


def measure_pace(units: list[Unit], today: dt.date) -> Pace | None:
    """Units done against units due, and the finish date at the pace so far; None for an undated plan."""
    dated = [u for u in units if u.dates]
    if not dated:
        return None
    first = min(u.dates[0] for u in dated)
    planned_finish = max(u.dates[-1] for u in dated)
    done = sum(u.state == "done" for u in units)
    due = sum(u.dates[-1] < today for u in dated)
    projected = None
    remaining = len(units) - done
    if today >= first and done and remaining:
        elapsed = (today - first).days + 1  # calendar days since the plan began
        # remaining ÷ (done ÷ elapsed), rounded up in integers: floats would add a day at times.
        projected = today + dt.timedelta(days=-(-remaining * elapsed // done))
    return Pace(
        unit=dated[0].kind,
        due=due,
        delta=done - due,
        started=today >= first,
        finished=remaining == 0,
        planned_finish=planned_finish,
        projected_finish=projected,
    )
