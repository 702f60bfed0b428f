"""`roadlog serve`: a real preview server in a subprocess, edited under its feet.

Each test starts `roadlog serve -a 127.0.0.1:<free port>` in its own fixture project and kills the
process group at teardown. MkDocs mounts the preview under the path of `site_url` (`/journal/`).
"""

from __future__ import annotations

import contextlib
import gzip
import html
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup
from conftest import (
    CANARY,
    SOURCE_DATE_EPOCH,
    make_project,
    roadlog_command,
    run_cli,
    write,
)
from slow_hook import add_slow_hook, wait_for_mark

from generator.settings import DEFAULT_TEMPLATE_DIR, DRAFTS_VARIABLE

MOUNT = urlparse("https://learner.example/journal/").path  # the fixture's site_url path
BITS = "journal/2026-03/2026-03-02-bits.md"
BITS_PAGE = "journal/2026-03-02-bits/"
PACKETS_PAGE = "journal/2026-03-03-packets/"
DRAFT_PAGE = f"journal/2026-03-07-{CANARY}/"
BANNER = "Roadlog could not rebuild; this is the last good version."
BROKEN_PROBLEM = f"{BITS}:3: day: expected a whole number, got 'two'"
TIMEOUT = 30.0
# The temporary folders of a preview, sorted by name: MkDocs' site, Roadlog's kept rebuild data.
FOLDERS = ("mkdocs_", "roadlog-preview-")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 5.0) -> tuple[int, str]:
    """(HTTP status, body) of a GET; errors such as 404 are returned, not raised."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


class Preview:
    """A running `roadlog serve` and the means to wait for what it serves."""

    def __init__(
        self, project: Path, args: tuple[str, ...], logs: Path, ignored: tuple[int, ...] = ()
    ):
        self.project, self.args, self.ignored = project, args, ignored
        self.out, self.err = logs / "serve.out", logs / "serve.err"
        self.tmp = logs / "tmp"  # TMPDIR of the server: where its site and preview folders go
        self.tmp.mkdir()
        self.process: subprocess.Popen | None = None
        self.base = ""

    def launch(self) -> None:
        """Start the server on a free port, without waiting for it."""
        env = {
            **os.environ,
            "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
            "NO_COLOR": "1",
            "TMPDIR": str(self.tmp),
            "PYTHONFAULTHANDLER": "1",
        }
        env.pop(DRAFTS_VARIABLE, None)
        port = free_port()
        self.base = f"http://127.0.0.1:{port}{MOUNT}"
        with self.out.open("wb") as out, self.err.open("wb") as err:
            self.process = subprocess.Popen(
                [*roadlog_command(), "serve", "-a", f"127.0.0.1:{port}", *self.args],
                cwd=self.project,
                env=env,
                stdout=out,
                stderr=err,
                start_new_session=True,
                preexec_fn=self._set_signals,
            )

    def _set_signals(self) -> None:
        # A shell that starts jobs in the background (as CI may) ignores Ctrl+C in them, `nohup`
        # ignores a hangup, and an ignored signal stays ignored: give the server the usual ones,
        # as from a terminal, unless asked otherwise.
        for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(number, signal.SIG_DFL)
        for number in self.ignored:
            signal.signal(number, signal.SIG_IGN)

    def start(self) -> None:
        """Start the server and wait until it answers."""
        for _ in range(3):  # another worker may grab the free port first: try another
            self.launch()
            if self._wait_until_up():
                return
            if "Address already in use" not in self.logs():
                break
            self.stop()
        raise AssertionError(f"roadlog serve did not come up:\n{self.logs()}")

    def _wait_until_up(self) -> bool:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                if fetch(self.base, timeout=2)[0] == 200:
                    return True
            except OSError:
                pass
            time.sleep(0.2)
        return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
            except ProcessLookupError:
                pass

    def stop_with(self, stop: signal.Signals) -> int:
        """Send `stop` to the server's process group, as a terminal sends Ctrl+C; its exit code."""
        os.killpg(self.process.pid, stop)
        try:
            return self.process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            # Where it hangs: SIGABRT makes Python's faulthandler (PYTHONFAULTHANDLER, set at
            # launch) print every thread's stack into the log.
            self.process.send_signal(signal.SIGABRT)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=TIMEOUT)
            raise AssertionError(f"{stop.name} did not stop the preview:\n{self.logs()}") from None

    def first_line(self) -> str:
        """The first line the server prints, as soon as it is printed."""
        deadline = time.monotonic() + TIMEOUT
        while "\n" not in (text := self.out.read_text(errors="replace")):
            assert self.process.poll() is None, f"roadlog serve exited:\n{self.logs()}"
            assert time.monotonic() < deadline, f"nothing printed:\n{self.logs()}"
            time.sleep(0.02)
        return text.split("\n")[0]

    def logs(self) -> str:
        return "".join(f.read_text(errors="replace") for f in (self.out, self.err) if f.exists())

    def get(self, page: str = "") -> tuple[int, str]:
        return fetch(self.base + page)

    def site(self) -> Path:
        """The folder the server builds into (MkDocs makes it in TMPDIR)."""
        [folder] = self.tmp.glob("mkdocs_*")
        return folder

    def search_pages(self) -> dict[str, str]:
        """URL -> indexed text of every page the served search finds, once the index is whole.

        The preview indexes after each build, in the background, and keeps the older index's
        files beside the newer ones; the fragments (gzip of `pagefind_dcd` and a page's JSON) that
        the served index names in its page list (`pagefind.<hash>.pf_meta`) are read.
        """
        deadline = time.monotonic() + TIMEOUT
        bundle = self.site() / "pagefind"
        while True:
            pages = {}
            status, text = self.get("pagefind/pagefind-entry.json")
            try:
                language = json.loads(text)["languages"]["en"] if status == 200 else None
                names = gzip.decompress(
                    (bundle / f"pagefind.{language['hash']}.pf_meta").read_bytes()
                )
                for path in (bundle / "fragment").glob("*.pf_fragment"):
                    if path.stem.encode() in names:
                        data = gzip.decompress(path.read_bytes())
                        page = json.loads(data.removeprefix(b"pagefind_dcd"))
                        pages[page["url"].removeprefix("/")] = page["content"]
            except (OSError, TypeError):  # no index yet, or one replaced while read
                language = None
            if language and language["page_count"] == len(pages):
                return pages
            assert time.monotonic() < deadline, f"no search index:\n{self.logs()}"
            time.sleep(0.25)

    def wait_for_search(self, condition, what: str) -> dict[str, str]:
        """Poll the search index until `condition(pages)`; the pages, or fail saying `what`."""
        deadline = time.monotonic() + TIMEOUT
        while not condition(pages := self.search_pages()):
            assert time.monotonic() < deadline, f"{what}: not in the search index\n{self.logs()}"
            time.sleep(0.25)
        return pages

    def wait_for(self, page: str, condition, what: str) -> str:
        """Poll `page` until `condition(status, text)`; its text, or fail saying `what` never came."""
        deadline = time.monotonic() + TIMEOUT
        status, text = 0, ""
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"roadlog serve exited:\n{self.logs()}"
            try:
                status, text = self.get(page)
            except OSError:  # the server is between two builds
                status, text = 0, ""
            if condition(status, text):
                return text
            time.sleep(0.25)
        raise AssertionError(
            f"{what}: not seen on {self.base + page} within {TIMEOUT:.0f} s "
            f"(last status {status})\n--- server log ---\n{self.logs()}"
        )


@pytest.fixture
def serve(tmp_path: Path):
    """serve(project, *args) starts a preview and waits until it answers (not with wait=False),
    with the signals `ignored` ignored; every one is stopped at teardown, whatever happens."""
    started: list[Preview] = []

    def start(project: Path, *args: str, wait: bool = True, ignored=()) -> Preview:
        logs = tmp_path / f"logs-{len(started)}"
        logs.mkdir()
        preview = Preview(project, args, logs, ignored)
        started.append(preview)
        if wait:
            preview.start()
        else:
            preview.launch()
        return preview

    yield start
    for preview in started:
        preview.stop()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    return make_project(tmp_path / "project")


def banner(text: str) -> tuple[str, list[str]] | None:
    """(heading, problems) of the build-errors banner of a page, or None without one."""
    box = BeautifulSoup(text, "html.parser").select_one(".rl-build-errors")
    if box is None:
        return None
    return box.strong.get_text(" ", strip=True), [code.get_text() for code in box.select("li code")]


def edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(project: Path, relative: str, line: str) -> None:
    with (project / relative).open("a", encoding="utf-8") as file:
        file.write(f"\n{line}\n")


def livereload_epoch(text: str) -> int:
    match = re.search(r"livereload\((\d+),", text)
    assert match, "the served page carries no live-reload script"
    return int(match[1])


def test_an_edited_entry_is_served_without_a_restart(project: Path, serve):
    preview = serve(project)
    status, page = preview.get(BITS_PAGE)
    assert status == 200 and "A bit is a voltage" in page
    epoch = livereload_epoch(page)
    sentence = f"Live reload sentence {uuid.uuid4().hex}."
    append(project, BITS, sentence)
    # The browser's live-reload poll answers with a newer build…
    status, newer = fetch(f"{preview.base.split(MOUNT)[0]}/livereload/{epoch}/1", timeout=TIMEOUT)
    assert status == 200 and int(newer) > epoch
    # …and the page it then loads has the new sentence.
    preview.wait_for(BITS_PAGE, lambda s, t: s == 200 and sentence in t, "the edited entry")
    assert "Traceback" not in preview.logs()


def test_roadmaps_templates_and_mkdocs_yml_are_watched(project: Path, serve):
    override = project / "site_template/pages/entry.md.j2"
    override.parent.mkdir(parents=True)
    shutil.copy(DEFAULT_TEMPLATE_DIR / "pages/entry.md.j2", override)
    preview = serve(project)
    token = uuid.uuid4().hex[:8]
    edit(project, "roadmaps/demo.yaml", "title: 'TCP Handshake'", f"title: 'TCP Revised {token}'")
    preview.wait_for(
        "roadmaps/demo/", lambda s, t: f"TCP Revised {token}" in t, "the edited roadmap"
    )
    edit(
        project,
        "site_template/pages/entry.md.j2",
        "<!-- /roadlog:body -->",
        f'<!-- /roadlog:body -->\n\n<p class="mark">Template {token}</p>',
    )
    preview.wait_for(BITS_PAGE, lambda s, t: f"Template {token}" in t, "the edited template")
    edit(project, "mkdocs.yml", "site_name: Demo Journal", f"site_name: Renamed {token}")
    preview.wait_for("", lambda s, t: f"Renamed {token}" in t, "the edited mkdocs.yml")
    # Every page is rebuilt, even those whose own text did not change.
    for page in (PACKETS_PAGE, "about/", "topics/"):
        title = BeautifulSoup(preview.get(page)[1], "html.parser").title.get_text()
        assert title.endswith(f" - Renamed {token}"), (page, title)


def test_a_broken_entry_shows_the_error_and_keeps_the_last_good_site(project: Path, serve):
    preview = serve(project)
    assert banner(preview.get()[1]) is None
    sentence = f"Last good sentence {uuid.uuid4().hex}."
    append(project, BITS, sentence)
    preview.wait_for(BITS_PAGE, lambda s, t: sentence in t, "the edited entry")

    edit(project, BITS, "hours: 1.5", "day: two")  # line 3 of the entry
    dashboard = preview.wait_for("", lambda s, t: banner(t) is not None, "the error banner")
    heading, problems = banner(dashboard)
    assert BANNER in heading
    assert problems == [BROKEN_PROBLEM]
    assert html.escape(BROKEN_PROBLEM) in dashboard or BROKEN_PROBLEM in html.unescape(dashboard)
    # The last good site is still served, entry pages included, with the banner on every page.
    for page in (BITS_PAGE, PACKETS_PAGE, "journal/", "calendar/"):
        status, text = preview.get(page)
        assert status == 200, page
        assert banner(text) == (heading, [BROKEN_PROBLEM]), page
    assert sentence in preview.get(BITS_PAGE)[1]
    # …and the terminal says it too.
    assert BROKEN_PROBLEM in preview.logs()

    fixed = f"Fixed sentence {uuid.uuid4().hex}."
    edit(project, BITS, "day: two", "hours: 1.5")
    append(project, BITS, fixed)
    preview.wait_for("", lambda s, t: s == 200 and banner(t) is None, "the banner gone")
    preview.wait_for(BITS_PAGE, lambda s, t: fixed in t, "the fixed entry")
    assert banner(preview.get(BITS_PAGE)[1]) is None
    assert "Traceback" not in preview.logs()


def test_without_drafts_the_draft_is_not_served(project: Path, serve):
    preview = serve(project)
    assert preview.get(DRAFT_PAGE)[0] == 404
    for page in ("", "journal/", "calendar/", f"topics/{CANARY.lower()}/"):
        status, text = preview.get(page)
        assert CANARY not in text, page


def test_drafts_option_serves_the_draft_with_a_banner(project: Path, serve):
    preview = serve(project, "--drafts")
    assert preview.first_line() == f"Serving on {preview.base} with drafts (Ctrl+C to stop)"
    status, text = preview.get(DRAFT_PAGE)
    assert status == 200
    note = BeautifulSoup(text, "html.parser").select_one(".rl-draft-banner")
    assert note is not None and note.strong.get_text() == "DRAFT"
    assert f"The {CANARY} body must never be published." in text
    status, index = preview.get("journal/")
    assert status == 200
    links = [a["href"] for a in BeautifulSoup(index, "html.parser").select("a[href]")]
    assert any(f"2026-03-07-{CANARY}/" in href for href in links), links
    # A published entry carries no DRAFT banner.
    assert BeautifulSoup(preview.get(BITS_PAGE)[1], "html.parser").select(".rl-draft-banner") == []


def test_drafts_plugin_option_shows_drafts_in_serve(project: Path, serve):
    edit(
        project,
        "mkdocs.yml",
        "      author: Ada Learner\n",
        "      author: Ada Learner\n      drafts: true\n",
    )
    preview = serve(project)
    status, text = preview.get(DRAFT_PAGE)
    assert status == 200 and "rl-draft-banner" in text


def test_build_never_contains_drafts_whatever_the_options(project: Path, monkeypatch):
    edit(
        project,
        "mkdocs.yml",
        "      author: Ada Learner\n",
        "      author: Ada Learner\n      drafts: true\n",
    )
    monkeypatch.setenv(DRAFTS_VARIABLE, "1")  # as `serve --drafts` sets it
    result = run_cli("build", cwd=project)
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    site = project / "site"
    assert (site / "index.html").is_file()
    leaks = [
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if CANARY.lower() in path.name.lower()
        or (path.is_file() and CANARY.lower().encode() in path.read_bytes().lower())
    ]
    assert leaks == []


def test_serve_cannot_start_from_a_broken_journal(project: Path, tmp_path: Path):
    write(project, "journal/broken.md", "---\ndate: 2026-03-05\nday: two\n---\nBroken.\n")
    result = subprocess.run(
        [*roadlog_command(), "serve", "-a", f"127.0.0.1:{free_port()}"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH},
        start_new_session=True,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr == (
        "journal/broken.md:3: day: expected a whole number, got 'two'\n"
        "error: 1 error(s) in the journal or roadmaps; nothing was built\n"
    )


def test_an_edit_rebuilds_only_the_pages_it_changes(project: Path, serve):
    preview = serve(project)
    pages = (BITS_PAGE, "journal/2026-03-08-dns/", "about/", "topics/")

    def stamps() -> dict[str, int]:
        return {page: (preview.site() / page / "index.html").stat().st_mtime_ns for page in pages}

    before = stamps()
    sentence = f"Only this page {uuid.uuid4().hex}."
    append(project, BITS, sentence)
    preview.wait_for(BITS_PAGE, lambda s, t: sentence in t, "the edited entry")
    after = stamps()
    assert after[BITS_PAGE] > before[BITS_PAGE]
    assert {page: after[page] for page in pages[1:]} == {page: before[page] for page in pages[1:]}
    assert "dirty" not in preview.logs()  # MkDocs' warning about dirty builds is not shown


def test_the_search_index_keeps_every_page_through_edits(project: Path, serve):
    preview = serve(project)
    before = preview.search_pages()
    assert BITS_PAGE in before and "about/" in before
    sentence = f"Searchable sentence {uuid.uuid4().hex}."
    append(project, BITS, sentence)
    preview.wait_for(BITS_PAGE, lambda s, t: sentence in t, "the edited entry")
    token = uuid.uuid4().hex
    edit(project, "docs/about.md", "I learn in public.", f"I learn in public, {token}.")
    preview.wait_for("about/", lambda s, t: token in t, "the edited about page")
    after = preview.wait_for_search(lambda pages: token in pages["about/"], "the edited about page")
    assert sorted(after) == sorted(before)  # every page, once
    assert sentence in after[BITS_PAGE]


def test_a_new_entry_appears_and_a_deleted_one_is_gone(project: Path, serve):
    preview = serve(project)
    records = "journal/2026-03-09-records/"
    fresh = "journal/2026-03/2026-03-10-fresh.md"
    write(project, fresh, "---\ntitle: Fresh today\n---\nNew words today.\n")
    preview.wait_for(
        "journal/2026-03-10-fresh/", lambda s, t: "New words today." in t, "the new entry"
    )

    def newer_link() -> str | None:
        link = BeautifulSoup(preview.get(records)[1], "html.parser").select_one("a[rel=next]")
        return link["href"] if link else None

    assert newer_link() == "../../journal/2026-03-10-fresh/"
    preview.wait_for_search(lambda pages: "journal/2026-03-10-fresh/" in pages, "the new entry")
    (project / fresh).unlink()
    preview.wait_for("journal/2026-03-10-fresh/", lambda s, t: s == 404, "the deleted entry gone")
    assert newer_link() is None
    preview.wait_for_search(
        lambda pages: "journal/2026-03-10-fresh/" not in pages, "the deleted entry gone"
    )


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_ctrl_c_or_kill_stops_the_preview_and_removes_its_folders(
    project: Path, serve, stop: signal.Signals
):
    preview = serve(project)
    assert temporary_folders(preview) == list(FOLDERS)
    status = preview.stop_with(stop)
    assert status == 0, preview.logs()
    assert list(preview.tmp.iterdir()) == []
    assert preview.out.read_text() == f"{serving(preview)}\nPreview stopped.\n"
    assert preview.err.read_text() == ""


def test_a_hangup_does_not_stop_a_preview_started_with_nohup(project: Path, serve):
    preview = serve(project, ignored=(signal.SIGHUP,))  # as `nohup roadlog serve &` starts it
    os.killpg(preview.process.pid, signal.SIGHUP)
    time.sleep(1)
    assert preview.get()[0] == 200
    assert preview.stop_with(signal.SIGTERM) == 0
    assert preview.out.read_text() == f"{serving(preview)}\nPreview stopped.\n"


def temporary_folders(preview: Preview) -> list[str]:
    """The preview's temporary folders, each named by its prefix in FOLDERS (else in full)."""
    return sorted(
        next((prefix for prefix in FOLDERS if path.name.startswith(prefix)), path.name)
        for path in preview.tmp.iterdir()
    )


def serving(preview: Preview) -> str:
    return f"Serving on {preview.base} (Ctrl+C to stop)"


def test_the_url_is_announced_only_once_the_site_answers(project: Path, serve, tmp_path: Path):
    # A slow first build: a URL announced before the build ends would not answer yet.
    add_slow_hook(project, tmp_path / "marks", "on_pre_build", seconds=2)
    preview = serve(project, wait=False)
    line = preview.first_line()
    status, page = fetch(preview.base, timeout=2)  # once, right away
    assert status == 200 and "Demo Journal" in page
    assert line == serving(preview)
    assert (tmp_path / "marks/on_pre_build-1").exists()


@pytest.mark.parametrize(
    "event, count, stop",
    [
        ("on_startup", 1, signal.SIGINT),  # folders made, config loaded, nothing built yet
        ("on_pre_build", 1, signal.SIGINT),
        ("on_pre_build", 1, signal.SIGTERM),
        ("on_pre_build", 2, signal.SIGINT),  # the rebuild after an edit
    ],
    ids=["starting", "first-build", "first-build-kill", "rebuild"],
)
def test_ctrl_c_at_any_moment_stops_the_preview_in_one_line(
    project: Path, serve, tmp_path: Path, event: str, count: int, stop: signal.Signals
):
    mark = add_slow_hook(project, tmp_path / "marks", event, count)
    preview = serve(project, wait=count > 1)
    if count > 1:
        append(project, BITS, "A sentence to rebuild for.")
    wait_for_mark(mark, preview.process)
    assert temporary_folders(preview) == list(FOLDERS)  # what the stop must remove
    status = preview.stop_with(stop)
    served = f"{serving(preview)}\n" if count > 1 else ""
    assert (status, preview.out.read_text(), preview.err.read_text()) == (
        0,
        f"{served}Preview stopped.\n",
        "",
    )
    assert list(preview.tmp.iterdir()) == []


def test_a_taken_address_is_refused_before_the_first_build(project: Path, tmp_path: Path):
    mark = add_slow_hook(project, tmp_path / "marks", "on_pre_build")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [*roadlog_command(), "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "TMPDIR": str(temporary)},
        )
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        "",
        f"error: cannot serve on 127.0.0.1:{port} (Address already in use); "
        "choose another address with -a HOST:PORT\n",
    )
    assert not mark.exists()
    assert list(temporary.iterdir()) == []


@pytest.mark.parametrize("broken", ["syntax", "python-tag"])
def test_a_broken_mkdocs_yml_keeps_the_last_good_site(
    project: Path, serve, tmp_path: Path, broken: str
):
    preview = serve(project)
    good = (project / "mkdocs.yml").read_text(encoding="utf-8")
    ran = tmp_path / "ran"  # what the Python tag would create
    if broken == "syntax":
        edit(project, "mkdocs.yml", "site_name: Demo Journal", "site_name: [Demo Journal")
        problem = "mkdocs.yml:2: while parsing a flow sequence; expected ',' or ']', but got ':'"
    else:
        append(project, "mkdocs.yml", f"extra:\n  ran: !!python/object/apply:os.mkdir ['{ran}']")
        problem = (
            f"mkdocs.yml:{len(good.splitlines()) + 3}: the YAML tag "
            "'!!python/object/apply:os.mkdir' is not supported here; remove it"
        )
    said = [problem, "error: could not rebuild; the preview shows the last good site"]
    deadline = time.monotonic() + TIMEOUT
    while said[-1] not in preview.err.read_text():
        assert time.monotonic() < deadline, preview.logs()
        time.sleep(0.1)
    assert preview.err.read_text().splitlines() == said
    assert not ran.exists()
    status, page = preview.get()
    assert status == 200 and "Demo Journal" in page
    (project / "mkdocs.yml").write_text(good.replace("Demo Journal", "Mended"), encoding="utf-8")
    preview.wait_for("", lambda s, t: "Mended" in t, "the mended mkdocs.yml")
    assert "Traceback" not in preview.logs()
