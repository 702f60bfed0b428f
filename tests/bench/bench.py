"""`make bench`: build a synthetic ten-year journal and measure every stage of Roadlog against plain MkDocs.

Prints a table and, as its last line, one JSON object (see README, "Performance"). Each figure is the
median of several runs. Everything happens in a temporary folder; nothing in the repository changes.
Usage: python tests/bench/bench.py [--sizes 300,1100,3000] [--commits 20000] [--runs 3] [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
TAGS = [
    "networking",
    "dns",
    "tcp",
    "linux",
    "docker",
    "redis",
    "postgres",
    "kubernetes",
    "jwt",
    "nginx",
    "python",
    "fastapi",
    "testing",
    "ci",
    "caching",
    "security",
    "llm",
    "rag",
    "git",
    "sql",
]
WORDS = [
    "today",
    "I",
    "worked",
    "through",
    "the",
    "plan",
    "and",
    "read",
    "the",
    "docs",
    "then",
    "wrote",
    "a",
    "small",
    "script",
    "to",
    "check",
    "how",
    "the",
    "server",
    "behaves",
    "under",
    "load",
    "the",
    "results",
    "surprised",
    "me",
    "because",
    "the",
    "cache",
    "was",
    "cold",
    "and",
    "the",
    "query",
    "planner",
    "chose",
    "a",
    "sequential",
    "scan",
    "so",
    "I",
    "added",
    "an",
    "index",
    "and",
    "measured",
    "again",
]
START = dt.date(2017, 1, 2)


def median_time(action, runs: int) -> float:
    """The median wall time of `runs` calls of `action`, in seconds."""
    times = []
    for _ in range(runs):
        begin = time.perf_counter()
        action()
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


# -- the synthetic learner ----------------------------------------------------------------------


def make_project(folder: Path, entries: int, commits: int, seed: int = 7) -> Path:
    """A learner's repository: the five shipped roadmaps, `entries` daily entries, `commits` commits
    over two repositories (the journal's own and a code project), all deterministic."""
    rng = random.Random(seed)
    project = folder / "journal-site"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "about.md").write_text("# About\n\nA synthetic learner.\n")
    shutil.copytree(ROOT / "roadmaps", project / "roadmaps")
    today = START + dt.timedelta(days=entries)
    (project / "mkdocs.yml").write_text(MKDOCS.format(plugins=PLUGINS))
    for number in range(entries):
        date = START + dt.timedelta(days=number)
        tags = rng.sample(TAGS, 3)
        body = " ".join(rng.choice(WORDS) for _ in range(120))
        code = "\n".join(
            f"    {rng.choice(['ping', 'dig', 'curl', 'psql'])} -c {rng.randint(1, 9)} host{n}"
            for n in range(3)
        )
        # The first year follows backend-365 day by day; later entries belong to no roadmap.
        plan = f"roadmap: backend-365\nday: {number + 1}\n" if number < 365 else ""
        text = (
            f"---\n{plan}tags: [{', '.join(tags)}]\nhours: {rng.choice([0.5, 1, 1.5, 2])}\n"
            f"---\n\n{body.capitalize()}.\n\n```bash\n{code}\n```\n\n## Notes\n\n{body[:200]}.\n"
        )
        path = project / "journal" / str(date.year) / f"{date.isoformat()}-day-{number + 1}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    # backend-365 starts on the first day of the journal, so its plan and entries line up.
    plan = project / "roadmaps" / "backend-365.yaml"
    plan.write_text(
        plan.read_text().replace("start: '2026-11-16'", f"start: '{START.isoformat()}'")
    )
    git_history(project, commits // 2, START, today, rng, with_worktree=True)
    git_history(
        folder / "code-project", commits - commits // 2, START, today, rng, with_worktree=False
    )
    return project


def git_history(
    repo: Path, count: int, first: dt.date, last: dt.date, rng: random.Random, with_worktree: bool
):
    """`count` commits spread over [first, last], written with one `git fast-import` (no per-commit process)."""
    repo.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True, env=env)
    span = int(
        (
            dt.datetime.combine(last, dt.time()) - dt.datetime.combine(first, dt.time())
        ).total_seconds()
    )
    base = int(dt.datetime.combine(first, dt.time(), dt.UTC).timestamp())
    stamps = sorted(base + rng.randrange(span) for _ in range(count))
    stream = []
    tracked = (
        sorted(p for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts)
        if with_worktree
        else []
    )
    for index, stamp in enumerate(stamps):
        stream.append(
            f"commit refs/heads/main\ncommitter Learner <learner@example.com> {stamp} +0000\n"
        )
        message = f"{rng.choice(['Add', 'Fix', 'Refactor', 'Test', 'Document'])} {rng.choice(TAGS)} step {index}"
        stream.append(f"data {len(message.encode())}\n{message}\n")
        if index == 0:
            for path in tracked:
                data = path.read_bytes()
                stream.append(
                    f"M 100644 inline {path.relative_to(repo).as_posix()}\ndata {len(data)}\n"
                )
                stream.append(data.decode() + "\n")
        for _ in range(rng.randint(1, 3)):
            content = f"# module {rng.randrange(10**6)}\n"
            stream.append(
                f"M 100644 inline src/module_{rng.randrange(200)}.py\ndata {len(content)}\n{content}\n"
            )
    subprocess.run(
        ["git", "-C", str(repo), "fast-import", "--quiet"],
        input="".join(stream).encode(),
        check=True,
        env=env,
    )
    if with_worktree:
        subprocess.run(
            ["git", "-C", str(repo), "reset", "-q", "--hard", "main"], check=True, env=env
        )


MKDOCS = """\
site_name: Ten years of learning
site_url: https://learner.example/journal/
docs_dir: docs
theme:
  name: material
  font: false
nav:
  - Home: index.md
  - Journal: journal/index.md
  - Calendar: calendar.md
  - Roadmaps: roadmaps/index.md
  - Topics: topics/index.md
  - Reviews: reviews/index.md
  - Stats: stats.md
  - About: about.md
not_in_nav: |
  /calendar/*
  /journal/*
  /roadmaps/*
  /topics/*
  /reviews/*
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.highlight
  - pymdownx.superfences
plugins:
  - search
{plugins}
"""
PLUGINS = """\
  - roadlog:
      timezone: Europe/Paris
      repos:
        - {path: ., name: journal}
        - {path: ../code-project, name: code}
"""


# -- measurements -------------------------------------------------------------------------------


def settings_for(project: Path):
    from generator.load_history import RepoSource
    from generator.settings import Settings

    return Settings(
        root=project,
        site_name="Ten years of learning",
        site_url="https://learner.example/journal/",
        timezone="Europe/Paris",
        repos=[
            RepoSource(project, "journal"),
            RepoSource((project / "../code-project").resolve(), "code"),
        ],
    )


def measure_stages(project: Path, runs: int) -> dict[str, float]:
    """Seconds per pipeline stage, in-process, each the median of `runs`."""
    import markdown

    from generator.build_site import build_site
    from generator.load_entries import load_entries
    from generator.load_history import load_history
    from generator.load_roadmaps import load_roadmaps
    from generator.load_topics import load_topics
    from generator.pipeline import find_published_files
    from generator.render_calendar import render_calendar
    from generator.render_feeds import render_feeds
    from generator.render_pages import (
        _first_paragraph,
        _roadmap_markdown,
        _summary_markdown,
        make_env,
        render_markdown,
        render_pages,
    )
    from generator.scan_secrets import scan_secrets
    from generator.scan_site import scan_history, scan_names
    from generator.settings import DEFAULT_TOPICS, today_in

    settings = settings_for(project)
    out: dict[str, float] = {}
    keep: dict = {}

    def stage(name, action):
        out[name] = median_time(lambda: keep.__setitem__(name, action()), runs)
        return keep[name]

    roadmaps = stage("roadmaps_s", lambda: load_roadmaps(project / "roadmaps", project))
    entries, _ = stage("entries_s", lambda: load_entries(project / "journal", project))
    vocabulary = stage("topics_s", lambda: load_topics(DEFAULT_TOPICS, project))
    commits, _ = stage(
        "history_s",
        lambda: load_history(settings.repos, settings.tz, tracked=project / "journal"),
    )

    def scan_everything():
        # What load_site scans: every file the site may show, their names and the git history.
        files = find_published_files(settings)
        names = [shown for shown, _ in files]
        return scan_secrets(files) + scan_names(names) + scan_history(commits)

    stage("secrets_s", scan_everything)
    today = today_in(settings.tz)
    site = stage(
        "merge_s", lambda: build_site(roadmaps, entries, commits, today, vocabulary=vocabulary)
    )

    def render_cold():
        # A build renders each summary and roadmap text once, with nothing cached: so does each run.
        for cached in (_first_paragraph, render_markdown, _roadmap_markdown, _summary_markdown):
            cached.cache_clear()
        return render_pages(site, settings, make_env(settings))

    stage("pages_s", render_cold)
    env = make_env(settings)
    years = sorted({d.year for d in site.calendar})
    stage(
        "calendar_s",
        lambda: [
            render_calendar(env, site.calendar, dt.date(y, 1, 1), dt.date(y, 12, 31), "../")
            for y in years
        ],
    )
    contents = {e.stem: markdown.markdown(e.body) for e in site.entries}
    stage("feeds_s", lambda: render_feeds(site, settings, contents))
    out["commits"] = len(commits)
    keep["pages_text"] = render_pages(site, settings, env)
    out["_pages"] = keep["pages_text"]
    return out


def run_timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one child process."""
    with (
        tempfile.TemporaryFile() as errors
    ):  # a file, not a pipe: a full pipe would stall the child
        begin = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - begin
        if status != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(command)} failed: {errors.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def measure_builds(
    project: Path, pages: dict[str, str], runs: int
) -> tuple[float, float, float, float]:
    """Median `roadlog build` time, median baseline time, the median of their ratios run by run,
    and the build's largest peak RSS.

    The baseline is plain `mkdocs build` with mkdocs-material of the same generated markdown,
    written to disk. The two run in pairs, in turns first, so that a slow spell of a shared
    machine weighs on both sides of a pair.
    """
    baseline = write_baseline(project, pages)
    builds, baselines, peaks = [], [], []

    def timed_build():
        elapsed, peak = run_timed([str(BIN / "roadlog"), "build", "-d", "bench-site"], project)
        builds.append(elapsed)
        peaks.append(peak)

    def timed_baseline():
        baselines.append(
            run_timed([str(BIN / "mkdocs"), "build", "-q", "-d", "bench-site"], baseline)[0]
        )

    for run in range(runs):
        for step in (
            (timed_build, timed_baseline) if run % 2 == 0 else (timed_baseline, timed_build)
        ):
            step()
    ratios = [build / base for build, base in zip(builds, baselines, strict=True)]
    return (
        statistics.median(builds),
        statistics.median(baselines),
        statistics.median(ratios),
        max(peaks),
    )


def write_baseline(project: Path, pages: dict[str, str]) -> Path:
    """A plain MkDocs project of `pages` (Roadlog's generated markdown) beside `project`."""
    baseline = project.parent / "baseline"
    shutil.rmtree(baseline, ignore_errors=True)
    (baseline / "docs").mkdir(parents=True)
    shutil.copy(project / "docs" / "about.md", baseline / "docs" / "about.md")
    for uri, text in pages.items():
        target = baseline / "docs" / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    (baseline / "mkdocs.yml").write_text(MKDOCS.format(plugins=""))
    return baseline


def measure_reload(project: Path, edits: int = 3) -> float:
    """Median seconds from saving an edited entry to the served page showing the edit."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [str(BIN / "roadlog"), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    entry = sorted((project / "journal").rglob("*.md"))[-1]
    url = f"http://127.0.0.1:{port}/journal/journal/{entry.stem}/"
    try:
        wait_for(url, lambda body: True, timeout=300)
        times = []
        for number in range(edits):
            marker = f"reload-marker-{number}-{time.time_ns()}"
            with entry.open("a") as file:
                file.write(f"\n{marker}\n")
            begin = time.perf_counter()
            wait_for(url, lambda body, marker=marker: marker in body, timeout=120)
            times.append(time.perf_counter() - begin)
        return statistics.median(times)
    finally:
        os.killpg(process.pid, 15)
        process.wait()


def wait_for(url: str, ready, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if ready(response.read().decode("utf-8", "replace")):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"timed out waiting for {url}")


OWN = (
    "roadmaps_s",
    "entries_s",
    "topics_s",
    "history_s",
    "secrets_s",
    "merge_s",
    "pages_s",
    "feeds_s",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="300,1100,3000")
    parser.add_argument("--commits", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--no-reload", action="store_true", help="skip the serve reload measurement"
    )
    args = parser.parse_args(argv)
    sizes = [int(n) for n in args.sizes.split(",")]
    rows, result = [], {}
    with tempfile.TemporaryDirectory(prefix="roadlog-bench-") as folder:
        for size in sizes:
            work = Path(folder) / f"n{size}"
            project = make_project(work, size, args.commits)
            stages = measure_stages(project, args.runs)
            # The row the targets are read from gets more runs: single runs here vary by a third.
            runs = max(args.runs, 5) if size == 1100 else args.runs
            build_s, baseline_s, ratio, peak = measure_builds(project, stages.pop("_pages"), runs)
            own = sum(stages[name] for name in OWN)
            row = {
                "entries": size,
                **{k: v for k, v in stages.items()},
                "build_s": build_s,
                "baseline_s": baseline_s,
                "ratio": ratio,
                "own_share": own / build_s,
                "per_entry_ms": 1000 * build_s / size,
                "peak_rss_mb": peak,
            }
            if size == 1100 and not args.no_reload:
                row["reload_s"] = measure_reload(project)
            rows.append(row)
            shutil.rmtree(work, ignore_errors=True)
    print_table(rows)
    by_size = {row["entries"]: row for row in rows}
    main_row = by_size.get(1100, rows[len(rows) // 2])
    result = {
        "entries": main_row["entries"],
        "build_s": round(main_row["build_s"], 3),
        "baseline_s": round(main_row["baseline_s"], 3),
        "ratio": round(main_row["ratio"], 3),
        "own_share": round(main_row["own_share"], 3),
        "history_s": round(main_row["history_s"], 3),
        "commits": main_row["commits"],
        "per_entry_ms_300": round(by_size[300]["per_entry_ms"], 3) if 300 in by_size else None,
        "per_entry_ms_3000": round(by_size[3000]["per_entry_ms"], 3) if 3000 in by_size else None,
        "peak_rss_mb": round(main_row["peak_rss_mb"], 1),
        "reload_s": round(main_row["reload_s"], 3) if "reload_s" in main_row else None,
    }
    print(json.dumps(result))
    return 0


def print_table(rows: list[dict]) -> None:
    """Seconds per stage and for the whole build, per journal size."""
    columns = [
        "entries",
        *OWN,
        "calendar_s",
        "build_s",
        "baseline_s",
        "ratio",
        "own_share",
        "per_entry_ms",
        "peak_rss_mb",
        "reload_s",
    ]
    print(" | ".join(f"{c.removesuffix('_s'):>9}" for c in columns))
    for row in rows:
        print(" | ".join(f"{_fmt(row.get(c)):>9}" for c in columns))


def _fmt(value) -> str:
    if value is None:
        return "-"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


if __name__ == "__main__":
    sys.exit(main())
