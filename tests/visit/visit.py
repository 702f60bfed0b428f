"""A visitor's view of a ten-year site: build make bench's learner, serve it with gzip on loopback, run
Lighthouse (tests/visit/package.json pins 12.2.3; Debian's chromium) on five page types with the
mobile profile, and time a search. Each score and time is the median of --runs runs. Prints a line
per page, then one JSON line last. The search index is made as the publishing workflows make it, by
the Pagefind that package.json pins (npm); PAGEFIND_BINARY_PATH names another.

    make visit     (or: .venv/bin/python tests/visit/visit.py [--entries 3650] [--runs 5] [--keep DIR])

Targets (issue 17): performance >= 95, accessibility, best practices and SEO 100 on every page; the
home page transfers <= 300 KiB; the largest HTML file <= 400 KiB; a search answered in < 300 ms
fetching < 300 KiB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "bench"))

from bench import START, make_project  # noqa: E402
from search_bench import TYPE_AND_WAIT  # noqa: E402

LIGHTHOUSE = ROOT / "tests" / "visit" / "node_modules" / "lighthouse" / "cli" / "index.js"
# npm's Pagefind, as the publishing workflows install it (PyPI's newest ranks thousands of results
# slowly); `make test` installs it.
PAGEFIND = ROOT / "node_modules" / ".bin" / "pagefind"
CHROMIUM = os.environ.get("ROADLOG_CHROMIUM", "/usr/bin/chromium")
PREFIX = "/journal/"  # the bench learner's site_url path
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".pf_meta", ".pf_index"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Typed in a row into the search box: a tag on a third of the entries (dns: 1,235 pages), two words
# on nearly every entry of the synthetic journal (query planner: 3,092), a tag on 1,290 pages.
SEARCHES = ("dns", "query planner", "kubernetes")


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files under PREFIX, gzip-compressed when the client accepts it, as a host serves them."""

    def do_GET(self) -> None:
        if not self.path.startswith(PREFIX):
            self.send_error(404)
            return
        path = self.path[len(PREFIX) - 1 :].split("?", 1)[0]
        file = Path(self.translate_path(path))
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            self.send_error(404)
            return
        body = file.read_bytes()
        gzipped = "gzip" in self.headers.get("Accept-Encoding", "") and file.suffix in COMPRESSED
        if gzipped:
            body = gzip.compress(body, 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(file)))
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve `site` on a free loopback port; (server, base URL)."""
    handler = functools.partial(Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"


def lighthouse(url: str) -> dict:
    """Lighthouse's JSON report of `url` (mobile profile, the default)."""
    done = subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return json.loads(done.stdout)


def summarize(name: str, reports: list[dict]) -> dict:
    """The median score (0-100) of each category over `reports` of one page, every run's
    performance score, the bytes transferred and the audits that scored below 1 in some run.

    One run's performance score moves by a few points with the machine's load: Lighthouse's
    documentation (docs/variability.md) finds the median of five runs twice as stable as one run.
    """
    scores = {
        c: round(statistics.median(r["categories"][c]["score"] * 100 for r in reports))
        for c in CATEGORIES
    }
    weight = max(r["audits"]["total-byte-weight"]["numericValue"] for r in reports)
    failing = sorted(
        {
            ref["id"]
            for report in reports
            for category in report["categories"].values()
            for ref in category["auditRefs"]
            if ref["weight"]
            and (audit := report["audits"][ref["id"]])["score"] is not None
            and audit["score"] < 1
        }
    )
    performance = [round(r["categories"]["performance"]["score"] * 100) for r in reports]
    return {"page": name, **scores, "runs": performance, "bytes": int(weight), "failing": failing}


def time_search(base: str, site: Path, runs: int) -> dict | None:
    """Search on the home page as `runs` visitors do: open the box, then type queries in a row.

    Per query: the median ms from the typed text to its results shown (search_bench.TYPE_AND_WAIT),
    and KiB fetched for it; the first query's KiB include what opening the search loads (Pagefind's
    code).
    """
    if not (site / "pagefind").is_dir():
        return None
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {query: [] for query in SEARCHES}
    queries = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        for _ in range(runs):
            fetched: list = []  # the requests since the page loaded
            page = browser.new_page()  # a new visitor: nothing loaded yet
            page.goto(base, wait_until="networkidle")
            page.on("requestfinished", lambda request, into=fetched: into.append(request))
            page.keyboard.press("/")
            # As a visitor does before typing: opening the box loads Pagefind's code, its
            # WebAssembly and the index's metadata.
            page.wait_for_selector("[data-rl-search][data-rl-ready]", state="attached")
            for number, query in enumerate(SEARCHES):
                mark = len(fetched)
                ms, said = page.evaluate(TYPE_AND_WAIT, query)
                page.wait_for_load_state("networkidle")
                sizes = [
                    r.sizes()["responseBodySize"]
                    for r in fetched[mark if number else 0 :]
                    if "/pagefind/" in r.url
                ]
                kib = round(sum(sizes) / 1024, 1)  # as sent: gzip where the server compresses
                times[query].append(ms)
                kib = max(kib, queries.get(query, {}).get("kib", 0))
                queries[query] = {"kib": kib, "results": said}
            page.close()
        browser.close()
    for query, measured in times.items():
        queries[query]["ms"] = round(statistics.median(measured))
        queries[query]["runs"] = [round(ms) for ms in measured]
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return {
        "pagefind": entry["version"],  # the Pagefind that made the index
        "ms": max(q["ms"] for q in queries.values()),
        "kib": max(q["kib"] for q in queries.values()),
        "queries": queries,
    }


def largest_html(site: Path) -> tuple[str, int]:
    """The largest HTML file of the site: (path, bytes)."""
    biggest = max(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    return str(biggest.relative_to(site)), biggest.stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--entries", type=int, default=3650, help="entries of the learner (default: 3650)"
    )
    parser.add_argument("--commits", type=int, default=20000, help="commits (default: 20000)")
    parser.add_argument(
        "--runs", type=int, default=5, help="runs per page and searches; medians (default: 5)"
    )
    parser.add_argument(
        "--keep", metavar="DIR", help="build there and keep it (default: a temporary folder)"
    )
    args = parser.parse_args(argv)
    if not (LIGHTHOUSE.is_file() and PAGEFIND.is_file()):
        print(
            "error: Lighthouse or Pagefind is not installed: npm ci; npm ci --prefix tests/visit",
            file=sys.stderr,
        )
        return 1
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="roadlog-visit-"))
    project = make_project(folder, args.entries, args.commits)
    today = START + dt.timedelta(days=args.entries - 1)
    noon = dt.datetime.combine(today, dt.time(12), ZoneInfo("Europe/Paris"))
    env = {
        "PAGEFIND_BINARY_PATH": str(PAGEFIND),
        **os.environ,
        "SOURCE_DATE_EPOCH": str(int(noon.timestamp())),
    }
    build = subprocess.run(
        [str(Path(sys.executable).parent / "roadlog"), "build"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    if build.returncode:
        print(build.stdout + build.stderr, file=sys.stderr)
        return 1
    site = project / "site"
    roadmap = "roadmaps/backend-365/"
    # An entry's page (journal/YYYY-MM-DD-…/), not a year's (journal/YYYY/).
    entry = next(p for p in sorted((site / "journal").glob("20??-??-??-*/index.html"))).parent.name
    pages = {
        "home": "",
        "entry": f"journal/{entry}/",
        "calendar": "calendar/",
        "journal": "journal/",
        "roadmap": roadmap,
    }
    server, base = serve(site)
    try:
        results = [
            summarize(name, [lighthouse(base + path) for _ in range(args.runs)])
            for name, path in pages.items()
        ]
        search = time_search(base, site, args.runs)
    finally:
        server.shutdown()
    html_path, html_bytes = largest_html(site)
    for row in results:
        print(
            f"{row['page']:9} perf {row['performance']:3} a11y {row['accessibility']:3} "
            f"bp {row['best-practices']:3} seo {row['seo']:3} {row['bytes'] / 1024:8.1f} KiB"
            f"  (performance of each run: {', '.join(map(str, row['runs']))})"
            + (f"  failing: {', '.join(row['failing'])}" if row["failing"] else "")
        )
    print(f"largest HTML: {html_path} {html_bytes / 1024:.1f} KiB; search: {search}")
    home = next(r for r in results if r["page"] == "home")
    summary = {
        "entries": args.entries,
        "pages": {r["page"]: {**{c: r[c] for c in CATEGORIES}, "runs": r["runs"]} for r in results},
        "runs": args.runs,
        "home_kib": round(home["bytes"] / 1024, 1),
        "largest_html_kib": round(html_bytes / 1024, 1),
        "search": search,
        "targets_met": all(
            r["performance"] >= 95 and r["accessibility"] == r["best-practices"] == r["seo"] == 100
            for r in results
        )
        and home["bytes"] <= 300 * 1024
        and html_bytes <= 400 * 1024
        and bool(search)
        and search["ms"] < 300
        and search["kib"] < 300,
    }
    print(json.dumps(summary, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
