"""What card images cost: one render, and every card of a 1,100-entry site cold, warm and a day later.

Builds the Site from literals (no MkDocs, no git), so it measures the cards alone. Everything is
written to a temporary folder. Prints a table and, as its last line, one JSON object.
Usage: python tests/bench/bench_cards.py [--entries 1100] [--renders 50] [--skip-serial]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from generator.build_site import build_site  # noqa: E402
from generator.model import Entry, Node, Roadmap  # noqa: E402
from generator.render_cards import Card, card_svg, render_card_png  # noqa: E402
from generator.settings import Settings  # noqa: E402
from generator.write_cards import CardCache, plan_cards, write_cards  # noqa: E402

START = dt.date(2023, 1, 2)


def make_site(count: int, today: dt.date, planned: int):
    """A daily roadmap of `planned` days and `count` entries, one a day (every 9th skipped)."""
    plan = Roadmap(
        "backend",
        "Backend Engineering in 1,130 Days",
        "roadmaps/backend.yaml",
        start=START,
        children=[
            Node("day", f"Topic {n}: sockets, queues and caches", n) for n in range(1, planned + 1)
        ],
    )
    entries = [
        Entry(
            f"journal/{START + dt.timedelta(days=n)}.md",
            f"{START + dt.timedelta(days=n)}",
            START + dt.timedelta(days=n),
            "Body.",
            title=f"Day {n + 1}: what I learned about TCP, retries and idempotency keys",
            status="skipped" if n % 9 == 8 else "done",
        )
        for n in range(count)
    ]
    return build_site([plan], entries, [], today)


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the render workers)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


CPU: dict[str, float] = {}


def timed(action, name: str = "") -> tuple[float, object]:
    """Wall seconds of `action()` and its result; its CPU seconds go to CPU[name]."""
    start, cpu = time.perf_counter(), cpu_seconds()
    result = action()
    if name:
        CPU[name] = cpu_seconds() - cpu
    return time.perf_counter() - start, result


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*.png"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1100)
    parser.add_argument("--renders", type=int, default=50)
    parser.add_argument("--skip-serial", action="store_true", help="cold with 2 workers only")
    args = parser.parse_args()
    card = Card(
        kicker="Learning in public · Tue 03 Mar 2026",
        title="Day 42: what I learned about TCP, retries and idempotency keys",
        subtitle="Day 42 · Backend 365",
        percent=11,
        progress="11% of Backend 365 done",
        streak=12,
    )
    svg_times, png_times, png_cpu = [], [], []
    for _ in range(args.renders):
        seconds, svg = timed(lambda: card_svg(card))
        svg_times.append(seconds)
        seconds, png = timed(lambda svg=svg: render_card_png(svg), "png")
        png_times.append(seconds)
        png_cpu.append(CPU["png"])
    figures = {
        "svg_ms": round(1000 * statistics.median(svg_times), 2),
        "png_ms": round(1000 * statistics.median(png_times), 1),
        "png_cpu_ms": round(1000 * statistics.median(png_cpu), 1),
        "png_bytes": len(png),
    }
    today = START + dt.timedelta(days=args.entries - 1)
    planned = args.entries + 30
    site = make_site(args.entries, today, planned)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        settings = Settings(
            root=root, site_name="Learning in public", site_url="https://x.example/"
        )
        figures["plan_s"], cards = timed(lambda: plan_cards(site, settings))
        figures["cards"] = len(cards)
        if not args.skip_serial:
            seconds, _ = timed(
                lambda: write_cards(root / "serial", cards, CardCache(root / "c1")), "serial"
            )
            figures["cold_1_worker_s"], figures["cold_1_worker_cpu_s"] = seconds, CPU["serial"]
        cache = CardCache(root / "cache")
        seconds, _ = timed(lambda: write_cards(root / "cold", cards, cache, workers=2), "cold")
        figures["cold_2_workers_s"], figures["cold_2_workers_cpu_s"] = seconds, CPU["cold"]
        warm = []
        for run in range(3):
            seconds, done = timed(
                lambda run=run: write_cards(
                    root / f"warm{run}", plan_cards(site, settings), cache, workers=2
                )
            )
            warm.append(seconds)
        figures["warm_s"] = statistics.median(warm)
        figures["warm_rendered"] = done.rendered
        # The next day: one more entry; the home and roadmap cards change with it.
        later = make_site(args.entries + 1, today + dt.timedelta(days=1), planned)
        seconds, done = timed(
            lambda: write_cards(root / "next", plan_cards(later, settings), cache, workers=2)
        )
        figures["next_day_s"], figures["next_day_rendered"] = seconds, done.rendered
        figures["site_mb"] = round(folder_size(root / "cold") / 1e6, 1)
    figures = {k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items()}
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    for name, value in figures.items():
        print(f"{name:>20}  {value}")
    print(f"{'load average':>20}  {load}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
