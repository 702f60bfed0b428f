"""Search that loads on demand: which pages Pagefind indexes, how they are marked, the index itself.

Material's own search ships one index of the whole site, which every page downloads on load (8.8 MB
for ten years of entries). Pagefind writes its index in small chunks beside the site; the browser
fetches only the chunks a query needs, and only once the visitor types (roadlog-search.js).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

from mkdocs.exceptions import PluginError

from .model import Site
from .render_pages import plan_pages
from .settings import Settings

log = logging.getLogger("mkdocs.plugins.roadlog")
BUNDLE = "pagefind"
WORK = ".pagefind-work"  # in the site: Pagefind's settings, then its new bundle
# Material's page body; a marked page is indexed from it alone, without the header, menus and footer.
ARTICLE = '<article class="md-content__inner md-typeset"'
META_LINE = 'class="rl-meta"'
# Inside a page's body, but not what the page is about: neighbours' titles, permalink signs,
# Material's buttons, a preview's build errors.
IGNORED = [
    "nav.rl-prevnext",
    ".headerlink",
    ".md-content__button",
    ".md-source-file",
    ".rl-build-errors",
    # An entry's date, roadmap day and hours: a result shows the date above its excerpt already.
    ".rl-entry-head .rl-meta",
    # A topic page is found by its name and plan; its entries and commits are found on their own pages.
    ".rl-topic-entries",
    ".rl-topic .rl-commits",
    # An entry's commits are found by their subjects. Not by hash, repository, author and time: the
    # same few repositories and the learner's name on every day would make each a query for every
    # entry, and 20,000 hashes a quarter of a ten-year index.
    ".rl-commits li > code",
    ".rl-commits .rl-meta",
]
# Written by Pagefind for sites that use its ready-made interfaces; Roadlog's search never loads them.
UNUSED = [
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
]
TEMPLATE_KINDS = {"entry.md.j2": "entry", "roadmap.md.j2": "roadmap", "topic.md.j2": "topic"}
LABELS = {"roadmap": "Roadmap", "topic": "Topic"}
SEARCH_PLUGIN = "material/search"
# Material's indexer: what it does for each page and after the build.
INDEXER_EVENTS = ("page_context", "post_build")


def find_kinds(site: Site, settings: Settings) -> dict[str, str]:
    """The generated pages Pagefind indexes (docs path -> "entry", "roadmap" or "topic").

    The other generated pages (the dashboard, the journal, year and calendar pages, the lists of
    roadmaps and topics) repeat what those pages say: left out, a query finds each entry once, on
    its own page. A learner's own pages are indexed too (see page_kind).
    """
    return {
        uri: TEMPLATE_KINDS[template]
        for template, uri, _ in plan_pages(site, settings)
        if template in TEMPLATE_KINDS
    }


def page_kind(kinds: dict[str, str], src_uri: str, generated: bool) -> str | None:
    """What a page is for search: a kind of `kinds`, "page" for a learner's own, None if not indexed."""
    return kinds.get(src_uri) if generated else "page"


def mark_page(html: str, kind: str) -> str:
    """`html` with Material's article marked as the part Pagefind indexes, and what a result shows.

    Results show an entry's date (the `<time>` of its meta line) and the kind of other pages. A page
    without Material's article is returned as it is: Pagefind leaves it out.
    """
    start = html.find(ARTICLE)
    if start < 0:
        return html
    end = start + len(ARTICLE)
    attributes = " data-pagefind-body"
    if kind in LABELS:
        attributes += f' data-pagefind-meta="kind:{LABELS[kind]}"'
    html = html[:end] + attributes + html[end:]
    meta = html.find(META_LINE, end) if kind == "entry" else -1
    time = html.find("<time ", meta) if meta >= 0 else -1
    if time >= 0:
        html = html[: time + 5] + ' data-pagefind-meta="date"' + html[time + 5 :]
    return html


def detach_material_search(config) -> bool:
    """Keep Material's search box but not its indexer; True when the site has search at all.

    `- search` in mkdocs.yml is what makes Material's header show the search box (its template
    asks for the plugin). Pagefind answers it instead: Material's plugin then indexes nothing and
    writes no search/search_index.json.
    """
    plugin = config.plugins.get(SEARCH_PLUGIN)
    if plugin is None or not plugin.config.enabled:
        return False
    for event in INDEXER_EVENTS:
        methods = config.plugins.events[event]
        methods[:] = [
            method for method in methods if getattr(method, "__self__", None) is not plugin
        ]
    return True


def pagefind_executable() -> Path:
    """The Pagefind binary of the `pagefind[bin]` package (PAGEFIND_BINARY_PATH names another)."""
    try:
        from pagefind.service import get_executable

        found = get_executable()
    except ImportError:
        found = None
    if found is None or not Path(found).is_file():
        raise PluginError(
            "roadlog: the search index needs Pagefind, which is not installed: "
            "pip install 'pagefind[bin]' (or set PAGEFIND_BINARY_PATH to a pagefind binary)"
        )
    # Absolute: Pagefind runs in a working folder of its own, where a relative path would miss it.
    return Path(found).absolute()


def index_site(
    site_dir: Path,
    track: Callable[[subprocess.Popen], None] | None = None,
    low: bool = False,
    keep_old: bool = False,
) -> None:
    """Write the search bundle into `site_dir`/pagefind from the marked pages, replacing an older one.

    The same pages give the same bytes (the index files are named by their content). `track` is
    given the running Pagefind process; `low` runs it at a low priority; `keep_old` keeps the older
    bundle's files beside the new ones. Raises PluginError when Pagefind fails.
    """
    site_dir = Path(site_dir).resolve()
    executable = pagefind_executable()
    # Pagefind reads a pagefind.yml, .toml or .json in its working folder and PAGEFIND_* variables:
    # it runs in a folder of Roadlog's, without them, so that only Roadlog's settings shape the index.
    work = site_dir / WORK
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    fresh = work / BUNDLE
    settings = {
        "site": str(site_dir),
        "output_path": str(fresh),
        "exclude_selectors": IGNORED,
        "quiet": True,
    }
    (work / "pagefind.json").write_text(json.dumps(settings), encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith("PAGEFIND_")}
    nice = shutil.which("nice") if low else None  # `nice` sets all of Pagefind's threads
    try:
        process = subprocess.Popen(
            [nice, "-n", "10", str(executable)] if nice else [str(executable)],
            cwd=work,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
    except OSError as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise PluginError(f"roadlog: cannot run Pagefind ({executable}): {exc}") from None
    if track:
        track(process)
    said = process.communicate()[0]
    if process.returncode != 0:
        shutil.rmtree(work, ignore_errors=True)
        raise PluginError(
            "roadlog: Pagefind could not index the site for search:\n"
            + "\n".join(said.strip().splitlines()[-5:])
        )
    for name in UNUSED:
        (fresh / name).unlink(missing_ok=True)
    bundle = site_dir / BUNDLE
    if keep_old and bundle.is_dir():
        merge_bundle(fresh, bundle)
    else:
        if bundle.exists():
            bundle.rename(work / "old")
        fresh.rename(bundle)
    shutil.rmtree(work)


def merge_bundle(fresh: Path, bundle: Path) -> None:
    """Move the files of `fresh` into `bundle`: new names first, the ones it has already last.

    A page of a preview may be in the middle of loading the older index when a new one comes: the
    entry files it read name index files by their content, which stay where they were. The entry
    files (same names, new content) are replaced last, so they never name a file not yet there.
    """
    files = [path for path in sorted(fresh.rglob("*")) if path.is_file()]
    targets = {path: bundle / path.relative_to(fresh) for path in files}
    for path in sorted(files, key=lambda path: targets[path].exists()):
        targets[path].parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, targets[path])


class BackgroundIndex:
    """`roadlog serve`'s search index, made again after the builds in a thread of its own.

    A preview then reloads as soon as its pages are built: Pagefind reads every page, which takes
    seconds for years of entries. It starts once no build came for QUIET seconds, so that edits in
    a row rebuild without it; builds during a run are indexed by one more run after it.
    """

    QUIET = 1.0

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.wanted: Path | None = None  # the site to index next
        self.asked = 0.0  # when it was last asked for (time.monotonic)
        self.thread: threading.Thread | None = None
        self.process: subprocess.Popen | None = None
        self.closed = threading.Event()

    def request(self, site_dir: Path) -> None:
        """Index `site_dir` soon: after a quiet moment, and after the run in progress."""
        with self.lock:
            if self.closed.is_set():
                return
            self.wanted, self.asked = Path(site_dir), time.monotonic()
            if self.thread is None:
                self.thread = threading.Thread(target=self._run, name="roadlog-search-index")
                self.thread.start()

    def _run(self) -> None:
        while True:
            with self.lock:
                if self.wanted is None or self.closed.is_set():
                    self.thread = None
                    return
                wait = self.asked + self.QUIET - time.monotonic()
                site_dir = self.wanted if wait <= 0 else None
                if site_dir:
                    self.wanted = None
            if site_dir is None:
                self.closed.wait(wait)
                continue
            try:
                # At a low priority: the next rebuild of the preview comes first.
                index_site(site_dir, track=self._track, low=True, keep_old=True)
            except (PluginError, OSError) as exc:
                with self.lock:
                    # A run that a later build overtook may fail on pages rewritten under it (the
                    # next run indexes them again); one ended by a signal ends with the preview
                    # (Ctrl+C, kill, a closed terminal reach the whole process group).
                    stopped = self.process is not None and (self.process.returncode or 0) < 0
                    quiet = self.closed.is_set() or self.wanted is not None or stopped
                if not quiet:
                    log.warning(str(exc))

    def _track(self, process: subprocess.Popen) -> None:
        with self.lock:
            self.process = process
            if self.closed.is_set():
                process.terminate()

    def close(self) -> None:
        """Stop indexing: end a running Pagefind and wait for the thread."""
        with self.lock:
            self.closed.set()
            thread, process = self.thread, self.process
            if process and process.poll() is None:
                process.terminate()
        if thread:
            thread.join()
