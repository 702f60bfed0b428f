"""Static, accessible SVG charts (bars and burn-ups), each with a table of the same numbers.

No JavaScript: the SVG carries a title, a description and a tooltip per bar; colours come from CSS
classes (roadlog-charts.css), light and dark, with plain fills as a fallback without the stylesheet.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import jinja2
from markupsafe import Markup

from .build_stats import Burnup
from .words import long_date

# A 360-wide viewBox drawn 100 % wide: on a 390 px phone the content is 358 px wide (Material's
# .8rem margins), so 12-unit text shows at 11.9 px; the stylesheet caps the width on a desktop.
WIDTH, FONT = 360, 12
LEFT, RIGHT, TOP = 36, 10, 18
BARS_HEIGHT, BURNUP_HEIGHT, SMALL_HEIGHT = 190, 230, 190
GLYPH = 0.62 * FONT  # a generous average glyph width, to keep axis labels apart
STEPS = (1, 2, 5)


@dataclass(frozen=True)
class Chart:
    """An SVG chart and its accessible alternative: a one-sentence summary and a table."""

    svg: Markup
    title: str
    summary: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def register_charts(env: jinja2.Environment) -> None:
    """Make `bar_chart`, `burnup_chart` and `small_multiples` callable from page templates."""
    env.globals["bar_chart"] = functools.partial(render_bars, env)
    env.globals["burnup_chart"] = functools.partial(render_burnup, env)
    env.globals["small_multiples"] = functools.partial(render_small_multiples, env)


def render_bars(
    env: jinja2.Environment,
    values: Sequence[float],
    labels: Sequence[str],
    title: str,
    unit: Sequence[str] = ("hour", "hours"),
    period: str = "week",
    ticks: Sequence[str] | None = None,
) -> Chart:
    """A bar per value, oldest first; `ticks` are short axis labels ("" for none), else `labels`."""
    values = [float(v) for v in values]
    top, step = nice_top(max(values, default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, BARS_HEIGHT - TOP - 24
    pitch = plot_w / max(len(values), 1)
    bars = []
    for index, (value, label) in enumerate(zip(values, labels, strict=True)):
        if value <= 0:
            continue  # the axis line shows a zero; a zero-height rect would only add bytes
        height = value / top * plot_h
        bars.append(
            {
                "x": fmt(LEFT + index * pitch + pitch * 0.125),
                "y": fmt(TOP + plot_h - height),
                "width": fmt(pitch * 0.75),
                "height": fmt(height),
                "title": f"{label}: {count(value, unit)}",
            }
        )
    centres = [LEFT + (i + 0.5) * pitch for i in range(len(values))]
    return Chart(
        svg=Markup(
            env.get_template("chart_bars.svg.j2").render(
                title=title,
                summary=(summary := summarize_bars(values, labels, title, unit, period)),
                width=WIDTH,
                height=BARS_HEIGHT,
                font=FONT,
                left=LEFT,
                right=WIDTH - RIGHT,
                base=TOP + plot_h,
                grid=_grid(top, step, TOP + plot_h, plot_h),
                ticks=spread_ticks(list(ticks if ticks is not None else labels), centres),
                tick_y=TOP + plot_h + 15,
                bars=bars,
            )
        ),
        title=title,
        summary=summary,
        columns=(period.capitalize(), unit[1].capitalize()),
        rows=tuple((label, f"{value:g}") for label, value in zip(labels, values, strict=True)),
    )


def summarize_bars(
    values: list[float], labels: Sequence[str], title: str, unit: Sequence[str], period: str
) -> str:
    """One sentence with the span, the total, the highest value and how many periods have any."""
    if not values:
        return f"{title}: nothing to show yet."
    span = f"{title}, {labels[0]} to {labels[-1]}"
    if not any(values):
        return f"{span}: none."
    most = max(values)
    at = labels[values.index(most)]
    some = sum(v > 0 for v in values)
    return (
        f"{span}: {count(sum(values), unit)} in all; the most, {count(most, unit)}, in {at}; "
        f"{some} of {len(values)} {period}s with any."
    )


def render_burnup(
    env: jinja2.Environment, burnup: Burnup, height: int = BURNUP_HEIGHT, title: str | None = None
) -> Chart:
    """Units planned (dashed) and done (solid), cumulated by date; today; the projected finish."""
    title = title or f"{burnup.title}: {burnup.unit}s planned and done"
    plot_h = height - TOP - 40
    start, end, reach = burnup_span(burnup)
    days = (end - start).days + 1
    plot_w = WIDTH - LEFT - RIGHT

    def x(date: dt.date) -> float:  # the end of `date`: a count reached that day shows from there
        return LEFT + (date - start).days / days * plot_w + plot_w / days

    def y(value: float) -> float:
        return TOP + plot_h - value / burnup.total * plot_h

    today_x = x(burnup.today)
    done_by_today = [p for p in burnup.points if p.date <= burnup.today]
    projected = None
    if burnup.projected_finish and not burnup.finished:
        # Beyond the chart's reach, the line runs to the right edge at the height it has there.
        if reach:
            to_x, to_y = x(burnup.projected_finish), y(burnup.total)
        else:
            share = (end - burnup.today).days / (burnup.projected_finish - burnup.today).days
            to_x, to_y = x(end), y(burnup.done + (burnup.total - burnup.done) * share)
        projected = {
            "x1": fmt(today_x),
            "y1": fmt(y(burnup.done)),
            "x2": fmt(to_x),
            "y2": fmt(to_y),
            "end": bool(reach),
            "label": f"projected {short_date(burnup.projected_finish)}" + ("" if reach else " →"),
        }
    half = len("today") * GLYPH / 2
    anchor = "start" if today_x < half else "end" if today_x + half > WIDTH else "middle"
    grid = [0, burnup.total // 2, burnup.total] if burnup.total >= 4 else [0, burnup.total]
    return Chart(
        svg=Markup(
            env.get_template("chart_burnup.svg.j2").render(
                title=title,
                summary=(summary := summarize_burnup(burnup, reach)),
                width=WIDTH,
                height=height,
                font=FONT,
                left=LEFT,
                right=WIDTH - RIGHT,
                top=TOP,
                base=TOP + plot_h,
                grid=[{"y": fmt(y(v)), "label": str(v)} for v in grid],
                planned=step_path([(x(p.date), y(p.planned)) for p in burnup.points], y(0), x(end)),
                done=step_path([(x(p.date), y(p.done)) for p in done_by_today], y(0), today_x),
                projected=projected,
                today={"x": fmt(today_x), "anchor": anchor},
                first=short_date(start),
                last=short_date(end),
                date_y=TOP + plot_h + 15,
                legend_y=height - 7,
            )
        ),
        title=title,
        summary=summary,
        columns=(
            "Date",
            f"{burnup.unit.capitalize()}s planned",
            f"{burnup.unit.capitalize()}s done",
        ),
        rows=burnup_rows(burnup),
    )


def render_small_multiples(
    env: jinja2.Environment, burnups: Sequence[Burnup]
) -> list[tuple[Burnup, Chart]]:
    """One small burn-up per roadmap, for a grid of them: (burn-up, chart) pairs, in order."""
    return [(b, render_burnup(env, b, height=SMALL_HEIGHT)) for b in burnups]


def burnup_span(burnup: Burnup) -> tuple[dt.date, dt.date, bool]:
    """(first date, last date, whether the projected finish is on the chart).

    The chart runs from the first planned or done date (or today) to the planned finish (or today),
    stretched to the projected finish when that is at most twice the plan's length further: a
    projection years away would squeeze the whole plan into a sliver.
    """
    dates = [burnup.first, burnup.today] + [p.date for p in burnup.points[:1]]
    start = min(dates)
    end = max(burnup.planned_finish, burnup.today)
    projected = burnup.projected_finish
    reach = projected is not None and projected <= end + 2 * (end - start)
    if reach and projected > end:
        end = projected
    return start, end, reach


def summarize_burnup(burnup: Burnup, reach: bool = True) -> str:
    """The chart in one sentence: done of total by today, planned and projected finish."""
    unit, total, done = burnup.unit, burnup.total, burnup.done
    planned_finish = long_date(burnup.planned_finish)
    if burnup.finished:
        units = count(total, (unit, unit + "s"))
        return f"{burnup.title}: finished, all {units} done (planned finish {planned_finish})."
    if not burnup.started:
        ahead = f"; {done} done already" if done else ""
        return (
            f"{burnup.title}: starts {long_date(burnup.first)}; {count(total, (unit, unit + 's'))} "
            f"planned, to finish {planned_finish}{ahead}."
        )
    planned = burnup.at(burnup.today)[0]
    text = (
        f"{burnup.title}: {done} of {count(total, (unit, unit + 's'))} done by today "
        f"({long_date(burnup.today)}), {planned} planned by then; planned finish {planned_finish}"
    )
    if burnup.projected_finish is None:
        return text + "; no projected finish until one is done."
    off = "" if reach else " (off the chart)"
    return (
        text + f"; projected finish at the current pace {long_date(burnup.projected_finish)}{off}."
    )


def burnup_rows(burnup: Burnup) -> tuple[tuple[str, ...], ...]:
    """Table rows: each week's end (plans up to 120 days) or month's, today, the planned finish."""
    start, end = min(burnup.first, burnup.today), burnup.planned_finish
    weekly = (end - start).days <= 120
    dates = {burnup.today, end}
    date = start
    while date <= end:
        last_of_month = (date + dt.timedelta(days=1)).day == 1
        if (weekly and date.weekday() == 6) or (not weekly and last_of_month):
            dates.add(date)
        date += dt.timedelta(days=1)
    rows = []
    for date in sorted(dates):
        planned, done = burnup.at(date)
        rows.append((date.isoformat(), str(planned), str(done) if date <= burnup.today else ""))
    return tuple(rows)


def step_path(points: list[tuple[float, float]], base: float, end: float) -> str:
    """An SVG path of a step line from (LEFT, base): flat until each point's x, then up to its y."""
    path = [f"M{fmt(LEFT)} {fmt(base)}"]
    last_y = fmt(base)
    for px, py in points:
        y = fmt(py)
        if y != last_y:
            path.append(f"H{fmt(px)}V{y}")
            last_y = y
    if not path[-1].startswith(f"H{fmt(end)}V"):
        path.append(f"H{fmt(end)}")
    return "".join(path)


def nice_top(maximum: float) -> tuple[float, float]:
    """(top, step) of a value axis from 0: at most four steps of 1, 2 or 5 × 10^k, at least 1."""
    magnitude = 1
    while True:
        for step in STEPS:
            if maximum <= 4 * step * magnitude:
                size = step * magnitude
                return max(size, size * -(-maximum // size)), size
        magnitude *= 10


def spread_ticks(labels: list[str], centres: list[float]) -> list[dict]:
    """Axis labels centred under their bars: all of them, else every second, third… counted back
    from the newest: the first stride at which no two overlap."""
    marked = [(label, centre) for label, centre in zip(labels, centres, strict=True) if label]
    for stride in range(1, len(marked) + 1):
        kept = marked[::-1][::stride][::-1]
        # Kept inside the chart: a label under the first or last bar moves in a little.
        placed = [(_clamp(c, len(t) * GLYPH / 2), len(t) * GLYPH / 2, t) for t, c in kept]
        if all(b[0] - b[1] >= a[0] + a[1] + 4 for a, b in itertools.pairwise(placed)):
            return [{"x": fmt(x), "label": text} for x, _, text in placed]
    return []


def _clamp(centre: float, half: float) -> float:
    return min(max(centre, half), WIDTH - half)


def _grid(top: float, step: float, base: float, plot_h: float) -> list[dict]:
    lines, value = [], 0.0
    while value <= top:
        lines.append({"y": fmt(base - value / top * plot_h), "label": f"{value:g}"})
        value += step
    return lines


def count(number: float, unit: Sequence[str]) -> str:
    """`1 hour`, `2.5 hours`, `0 entries`."""
    return f"{number:g} {unit[0] if number == 1 else unit[1]}"


def short_date(date: dt.date) -> str:
    """`2 Mar 2026`: an axis label."""
    return f"{date.day} {date.strftime('%b %Y')}"


def fmt(number: float) -> str:
    """A coordinate with at most one decimal: `12`, `12.5`."""
    text = f"{number:.1f}"  # formatting once: the hot spot of a chart with a year of points
    return text[:-2] if text.endswith(".0") else text
