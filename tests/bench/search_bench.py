"""Search on `make bench`'s ten-year learner: index time, bytes per query, query latency.

Builds bench.py's synthetic journal (3,650 entries by default, every one published), times
Pagefind's indexing of the built site, then serves the site on 127.0.0.1 under its site_url path
and asks Debian's chromium a few queries, as a visitor types them. Prints a table and, as its last
line, one JSON object. Bytes are counted by the server, uncompressed (GitHub Pages sends gzip).
Usage: python tests/bench/search_bench.py [--entries 3650] [--commits 20000] [--runs 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench import BIN, START, make_project  # noqa: E402

from generator.index_search import BUNDLE, index_site  # noqa: E402

PREFIX = "/journal/"  # the path of bench.py's site_url
CHROMIUM = os.environ.get("ROADLOG_CHROMIUM", "/usr/bin/chromium")
QUERIES = ["cache", "query planner", "kubernetes", "the", "docker", "sequential scan", "day-1869"]
# Types `query` into the search box and resolves with the milliseconds until its results show.
TYPE_AND_WAIT = """async (query) => {
    const input = document.querySelector('.md-search__input');
    const meta = document.querySelector('.md-search-result__meta');
    input.focus();
    const shown = new Promise(resolve => {
        const watch = new MutationObserver(() => {
            if (/matching/.test(meta.textContent)) { watch.disconnect(); resolve(); }
        });
        watch.observe(meta, {childList: true, characterData: true, subtree: true});
    });
    const start = performance.now();
    input.value = query;
    input.dispatchEvent(new Event('input'));
    await shown;
    return [performance.now() - start, meta.textContent.trim()];
}"""


class CountingHandler(SimpleHTTPRequestHandler):
    """Serves the site under PREFIX only, and notes (path, bytes) of every file it sends."""

    sent: list[tuple[str, int]] = []

    def translate_path(self, path: str) -> str:
        inside = path[len(PREFIX) - 1 :] if path.startswith(PREFIX) else "/no-such-file"
        return super().translate_path(inside)

    def send_head(self):
        body = super().send_head()
        if body is not None and hasattr(body, "fileno"):
            self.sent.append((self.path, os.fstat(body.fileno()).st_size))
        return body

    def log_message(self, format, *args):
        pass


def build(project: Path, epoch: int) -> tuple[Path, float]:
    """`roadlog build` of the project; the site and the wall seconds it took."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    begin = time.perf_counter()
    subprocess.run(
        [str(BIN / "roadlog"), "build", "-d", "search-site"],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
    )
    return project / "search-site", time.perf_counter() - begin


def time_index(site: Path, runs: int) -> tuple[float, float]:
    """Median wall seconds and median CPU seconds (Pagefind's user + system) of indexing `site`."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        begin = time.perf_counter()
        index_site(site)
        walls.append(time.perf_counter() - begin)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def bundle_size(site: Path) -> tuple[int, int]:
    files = [path for path in (site / BUNDLE).rglob("*") if path.is_file()]
    return len(files), sum(path.stat().st_size for path in files)


def browser_ticks() -> dict[int, int]:
    """CPU ticks (user + system) used so far by each process this one started: the browser's."""
    children: dict[int, list[tuple[int, int]]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            stat = Path("/proc", name, "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        children.setdefault(int(fields[1]), []).append(
            (int(name), int(fields[11]) + int(fields[12]))
        )
    ticks, below = {}, [os.getpid()]
    while below:
        for pid, used in children.get(below.pop(), []):
            ticks[pid] = used
            below.append(pid)
    return ticks


def cpu_since(before: dict[int, int]) -> float:
    """CPU seconds the browser's processes used since `before` (a process that ended is left out).

    A figure of the work a query takes, where wall times follow how busy a shared machine is.
    """
    now = browser_ticks()
    used = sum(ticks - before.get(pid, 0) for pid, ticks in now.items())
    return used / os.sysconf("SC_CLK_TCK")


def measure_queries(site: Path) -> list[dict]:
    """Per query: bytes fetched and ms until results, on a fresh page (cold) and then again (warm)."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(CountingHandler, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            warm_page = browser.new_page()
            warm_page.goto(base, wait_until="networkidle")
            warm_page.evaluate(TYPE_AND_WAIT, "warm up")  # loads the search code once
            warm_page.wait_for_load_state("networkidle")
            for query in QUERIES:
                page = browser.new_page()  # a new visitor: nothing cached in the page
                page.goto(base, wait_until="networkidle")
                mark, cpu = len(CountingHandler.sent), browser_ticks()
                cold_ms, said = page.evaluate(TYPE_AND_WAIT, query)
                cold_cpu = cpu_since(cpu)
                page.wait_for_load_state("networkidle")
                cold_bytes = sum(size for _, size in CountingHandler.sent[mark:])
                page.close()
                mark, cpu = len(CountingHandler.sent), browser_ticks()
                warm_ms, _ = warm_page.evaluate(TYPE_AND_WAIT, query)
                warm_cpu = cpu_since(cpu)
                warm_page.wait_for_load_state("networkidle")
                warm_bytes = sum(size for _, size in CountingHandler.sent[mark:])
                rows.append(
                    {
                        "query": query,
                        "results": said,
                        "first_query_bytes": cold_bytes,
                        "first_query_ms": round(cold_ms, 1),
                        "first_query_cpu_ms": round(1000 * cold_cpu),
                        "later_query_bytes": warm_bytes,
                        "later_query_ms": round(warm_ms, 1),
                        "later_query_cpu_ms": round(1000 * warm_cpu),
                    }
                )
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=3650)
    parser.add_argument("--commits", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--site", type=Path, help="measure this built site instead (no build; it is indexed again)"
    )
    args = parser.parse_args(argv)
    # "Today" is the day after the last entry: every entry is published.
    today = START + dt.timedelta(days=args.entries)
    epoch = int(dt.datetime.combine(today, dt.time(12), dt.UTC).timestamp())
    with tempfile.TemporaryDirectory(prefix="roadlog-search-bench-") as folder:
        if args.site:
            site, build_s = args.site, None
        else:
            project = make_project(Path(folder), args.entries, args.commits)
            site, build_s = build(project, epoch)
        index_s, index_cpu_s = time_index(site, args.runs)
        files, size = bundle_size(site)
        rows = measure_queries(site)
    print(
        f"{'query':>16} | {'results':>22} | first KiB | first ms | first CPU ms | "
        "later KiB | later ms | later CPU ms"
    )
    for row in rows:
        print(
            f"{row['query']:>16} | {row['results']:>22} | {row['first_query_bytes'] / 1024:9.1f} | "
            f"{row['first_query_ms']:8.0f} | {row['first_query_cpu_ms']:12} | "
            f"{row['later_query_bytes'] / 1024:9.1f} | {row['later_query_ms']:8.0f} | "
            f"{row['later_query_cpu_ms']:12}"
        )
    result = {
        "entries": args.entries,
        "build_s": round(build_s, 2) if build_s else None,
        "index_s": round(index_s, 2),
        "index_cpu_s": round(index_cpu_s, 2),
        "bundle_files": files,
        "bundle_mb": round(size / 1e6, 2),
        "max_first_query_kib": round(max(r["first_query_bytes"] for r in rows) / 1024, 1),
        "max_later_query_kib": round(max(r["later_query_bytes"] for r in rows) / 1024, 1),
        "median_first_query_ms": round(statistics.median(r["first_query_ms"] for r in rows), 1),
        "max_first_query_ms": round(max(r["first_query_ms"] for r in rows), 1),
        "median_later_query_ms": round(statistics.median(r["later_query_ms"] for r in rows), 1),
        "max_later_query_ms": round(max(r["later_query_ms"] for r in rows), 1),
        "max_later_query_cpu_ms": max(r["later_query_cpu_ms"] for r in rows),
        "load_average": round(os.getloadavg()[0], 1),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
