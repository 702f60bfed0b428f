"""`roadlog status`: today's plan, the streak and each roadmap's progress, for the terminal."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from .model import Pace, Progress, RoadmapView, Site
from .settings import Settings
from .words import long_date, plural

BAR_WIDTH = 16
# Colours per unit state, close to the site's palette; ignored when stdout is not a terminal.
STATE_STYLES = {
    "done": "green",
    "partial": "yellow",
    "skipped": "magenta",
    "missed": "red",
    "planned": "blue",
}


def render_status(site: Site, settings: Settings) -> RenderableType:
    """The status of `site` as a rich renderable: heading, stats, today's plan, progress table."""
    parts = [
        Text(f"Today, {long_date(site.today)} ({settings.timezone})", style="bold"),
        Text(stats_line(site)),
        Text(""),
    ]
    active = [view for view in site.roadmaps if view.today_units]
    for view in active:
        parts.append(_today_plan(view))
    if not active:
        parts += [Text("Nothing planned today."), Text("")]
    parts.append(_progress_table(site.roadmaps))
    return _Trimmed(Group(*parts))


def stats_line(site: Site) -> str:
    """`Streak: 2 days (longest 3 days) · 5 days logged · 6.5 hours · 4 commits`."""
    return " · ".join(
        [
            f"Streak: {plural(site.current_streak, 'day')} "
            f"(longest {plural(site.longest_streak, 'day')})",
            f"{plural(site.days_logged, 'day')} logged",
            plural(site.hours, "hour"),
            plural(len(site.commits), "commit"),
        ]
    )


def pace_text(pace: Pace, separator: str = " · ") -> str:
    """`1 day behind schedule · projected finish Thu 16 Mar 2028`, as the pages' `pace_text` macro."""
    if not pace.started:
        text = "not started yet"
    elif pace.finished:
        text = "finished"
    elif pace.delta > 0:
        text = f"{plural(pace.delta, pace.unit)} ahead of schedule"
    elif pace.delta < 0:
        text = f"{plural(-pace.delta, pace.unit)} behind schedule"
    else:
        text = "on schedule"
    if pace.projected_finish:
        text += f"{separator}projected finish {long_date(pace.projected_finish)}"
    elif not pace.finished:
        text += f"{separator}planned finish {long_date(pace.planned_finish)}"
    return text


def progress_bar(progress: Progress, width: int = BAR_WIDTH) -> Text:
    """A text bar, `█` per done part and `░` per remaining part: readable without colours too."""
    filled = round(width * progress.done / progress.total) if progress.total else 0
    bar = Text()
    bar.append("█" * filled, style="green")
    bar.append("░" * (width - filled), style="dim")
    return bar


def _today_plan(view: RoadmapView) -> Text:
    text = Text()
    text.append(view.roadmap.title, style="bold")
    for unit in view.today_units:
        text.append(f"\n  {unit.label}: {unit.node.title}")
        if unit.state != "planned":
            text.append(f" ({unit.state})", style=STATE_STYLES.get(unit.state, ""))
        if unit.node.question:
            text.append(f"\n    {unit.node.question}", style="italic")
    text.append("\n")
    return text


def _progress_table(views: list[RoadmapView]) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold", show_edge=False)
    table.add_column("Roadmap", overflow="fold")
    table.add_column("Progress", no_wrap=True)
    table.add_column("Done", no_wrap=True)
    table.add_column("Pace")
    for view in views:
        progress = view.progress
        pace = view.pace
        late = pace is not None and pace.started and not pace.finished and pace.delta < 0
        if pace is not None:
            text = pace_text(pace, "\n")
        else:
            text = "no start date" if view.units else "checklist"
        table.add_row(
            view.roadmap.title,
            progress_bar(progress),
            f"{progress.done}/{progress.total} ({progress.percent}%)",
            Text(text, style="yellow" if late else ""),
        )
    return table


class _Trimmed:
    """A renderable without the trailing spaces rich pads table cells with (clean when piped)."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in console.render_lines(self.renderable, options, pad=False):
            while line and not line[-1].control and not line[-1].text.rstrip():
                line.pop()
            if line:
                last = line[-1]
                line[-1] = Segment(last.text.rstrip(), last.style, last.control)
            yield from line
            yield Segment.line()
