"""Time what the charts and badges add to a build: build_stats, the /stats/ page, each roadmap's
burn-up and the badges, on bench.py's synthetic journal (1,100 entries, 20,000 commits by default).

Usage: python tests/bench/bench_stats.py [--entries 1100] [--commits 20000] [--runs 7]
"Today" is the day after the last entry, so all 52 weeks and 24 months have data (the worst case).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import bench  # noqa: E402

from generator.build_site import build_site  # noqa: E402
from generator.build_stats import build_burnup, build_stats  # noqa: E402
from generator.load_entries import load_entries  # noqa: E402
from generator.load_history import load_history  # noqa: E402
from generator.load_roadmaps import load_roadmaps  # noqa: E402
from generator.load_topics import load_topics  # noqa: E402
from generator.render_badges import render_badges  # noqa: E402
from generator.render_charts import register_charts, render_burnup  # noqa: E402
from generator.render_pages import make_env, render_page  # noqa: E402
from generator.settings import DEFAULT_TOPICS  # noqa: E402


def median_ms(action, runs: int) -> float:
    """The median CPU time of `runs` calls of `action`, in milliseconds (steadier than wall time
    on a busy machine)."""
    times = []
    for _ in range(runs):
        begin = time.process_time()
        action()
        times.append(time.process_time() - begin)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1100)
    parser.add_argument("--commits", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        project = bench.make_project(Path(folder), args.entries, args.commits)
        settings = bench.settings_for(project)
        roadmaps = load_roadmaps(project / "roadmaps", project)
        entries, _ = load_entries(project / "journal", project)
        commits, _ = load_history(settings.repos, settings.tz, tracked=project / "journal")
        today = bench.START + dt.timedelta(days=args.entries)
        vocabulary = load_topics(DEFAULT_TOPICS, project)
        site = build_site(roadmaps, entries, commits, today, vocabulary=vocabulary)
        env = make_env(settings)
        register_charts(env)

        def stats_page():
            context = {"stats": build_stats(site)}
            return render_page(env, site, settings, "stats.md.j2", "stats.md", context)

        def burnups():
            return [render_burnup(env, b) for v in site.roadmaps if (b := build_burnup(v, today))]

        stats_page()  # compile the templates once, as a build does before its first page
        timings = {
            "build_stats": median_ms(lambda: build_stats(site), args.runs),
            "stats_page (with build_stats)": median_ms(stats_page, args.runs),
            "roadmap burn-ups": median_ms(burnups, args.runs),
            "badges": median_ms(lambda: render_badges(site), args.runs),
        }
    print(f"{len(site.entries)} entries, {len(site.commits)} commits, today {today}")
    for name, ms in timings.items():
        print(f"{name:32} {ms:8.1f} ms")
    total = sum(ms for name, ms in timings.items() if name != "build_stats")
    print(f"{'total':32} {total:8.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
