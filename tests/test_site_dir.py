"""`roadlog build -d DIR` replaces only a site Roadlog built, atomically, and leaves no process behind."""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SOURCE_DATE_EPOCH, build, make_project, roadlog_command, run_cli, write

from generator import replace_site
from generator.render_aside import can_render_aside
from generator.replace_site import MARKER, MARKER_TEXT

CHOOSE = "Choose an empty or new folder for -d"
FROM = "from the folder of mkdocs.yml"
DNS = "journal/2026-03/2026-03-08-dns.md"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding the learner project `learner/`, a folder of papers and nothing else."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    project = make_project(tmp_path / "learner")
    write(project, "site_template/README.md", "My theme notes.\n")
    write(project, "notes.txt", "Untracked notes.\n")
    (project / "link-to-journal").symlink_to("journal")
    (project / "loop").symlink_to("loop")
    write(tmp_path, "papers/cv.md", "# My CV\n")
    return tmp_path.resolve()


@pytest.fixture
def project(home: Path) -> Path:
    return home / "learner"


def snapshot(folder: Path) -> dict[str, str]:
    """Every path under `folder`, hidden ones and .git included: a file's hash, a folder, a link."""
    tree = {}
    for parent, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(parent, name)
            relative = path.relative_to(folder).as_posix()
            if path.is_symlink():
                tree[relative] = f"link to {os.readlink(path)}"
            elif path.is_dir():
                tree[relative] = "folder"
            else:
                tree[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return tree


def files_of(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.glob(".site-*"))


def retitle(project: Path) -> None:
    """Change one entry's title, so that a new build differs from the previous one."""
    entry = project / DNS
    entry.write_text(entry.read_text().replace("DNS by night", "DNS by day"))


REFUSED = [
    ("journal", "{P}/journal (-d journal, {FROM}): it is the journal folder"),
    ("link-to-journal", "{P}/journal (-d link-to-journal, {FROM}): it is the journal folder"),
    (
        "journal/2026-03",
        "{P}/journal/2026-03 (-d journal/2026-03, {FROM}): it is inside the journal folder ({P}/journal)",
    ),
    (".", "{P} (-d ., {FROM}): it is the folder of mkdocs.yml"),
    ("..", "{H} (-d .., {FROM}): it holds the folder of mkdocs.yml ({P})"),
    ("{H}", "{H} (-d {H}): it holds the folder of mkdocs.yml ({P})"),
    ("roadmaps", "{P}/roadmaps (-d roadmaps, {FROM}): it is the roadmaps folder"),
    (
        "site_template",
        "{P}/site_template (-d site_template, {FROM}): it is the site_template folder",
    ),
    ("docs", "{P}/docs (-d docs, {FROM}): it is the docs_dir of mkdocs.yml"),
    (
        "docs/cv",
        "{P}/docs/cv (-d docs/cv, {FROM}): it is inside the docs_dir of mkdocs.yml ({P}/docs)",
    ),
    (".git", "{P}/.git (-d .git, {FROM}): it is a .git folder"),
    (".git/site", "{P}/.git/site (-d .git/site, {FROM}): it is inside a .git folder"),
    (
        "{H}/papers",
        "{H}/papers (-d {H}/papers): it is not a site built by Roadlog (it has no .roadlog-site marker)",
    ),
    ("notes.txt", "{P}/notes.txt (-d notes.txt, {FROM}): it is a file, not a folder"),
    ("loop", "{P}/loop (-d loop, {FROM}): it is not a folder"),
    (
        "notes.txt/site",
        "{P}/notes.txt/site (-d notes.txt/site, {FROM}): its parent {P}/notes.txt is not a folder",
    ),
]


@pytest.mark.parametrize("folder, message", REFUSED, ids=[case[0] for case in REFUSED])
def test_a_folder_that_is_not_a_previous_build_is_refused_and_left_alone(
    home: Path, project: Path, capsys, folder: str, message: str
):
    before = snapshot(home)
    assert build(project, "-d", folder.format(H=home)) == 1
    out, err = capsys.readouterr()
    reason = message.format(P=project, H=home, FROM=FROM)
    assert (out, err) == ("", f"error: cannot build into {reason}; nothing was written. {CHOOSE}\n")
    assert snapshot(home) == before


def test_a_missing_parent_is_refused_not_created(home: Path, project: Path, capsys):
    before = snapshot(home)
    assert build(project, "-d", "missing/site") == 1
    assert capsys.readouterr().err == (
        f"error: cannot build into {project}/missing/site (-d missing/site, {FROM}): its parent "
        f"folder {project}/missing does not exist; nothing was written. Create it first, or "
        "choose another folder for -d\n"
    )
    assert snapshot(home) == before


def test_site_dir_in_mkdocs_yml_is_checked_like_d(home: Path, project: Path, capsys):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "site_dir: journal\n")
    before = snapshot(home)
    assert build(project) == 1
    assert capsys.readouterr().err == (
        f"error: cannot build into {project}/journal (site_dir in mkdocs.yml): it is the journal "
        f"folder; nothing was written. {CHOOSE}\n"
    )
    assert snapshot(home) == before


def test_site_dir_in_mkdocs_yml_is_where_the_site_goes(project: Path, capsys):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "site_dir: public\n")
    assert build(project) == 0
    assert capsys.readouterr().out == f"Built {project}/public\n"
    assert (project / "public" / "index.html").is_file() and not (project / "site").exists()


def test_a_read_only_place_is_a_one_line_error(home: Path, project: Path, tmp_path_factory):
    # Root ignores permission bits; /sys refuses new folders to everyone.
    place = Path("/sys") if os.geteuid() == 0 else tmp_path_factory.mktemp("read-only")
    if os.geteuid() != 0:
        place.chmod(0o555)
    try:
        os.mkdir(place / ".probe")
    except OSError as exc:
        reason = exc.strerror
    else:
        pytest.skip(f"{place} takes new folders here")
    before = snapshot(home)
    result = run_cli("-f", str(project / "mkdocs.yml"), "build", "-d", str(place / "site"))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: cannot build into {place}/site (-d {place}/site): cannot create a folder in "
        f"{place} ({reason}); nothing was written. {CHOOSE}\n"
    )
    assert snapshot(home) == before


def test_a_refusal_from_the_command_line_has_no_traceback(home: Path, project: Path):
    before = snapshot(home)
    result = run_cli("build", "-d", "journal", cwd=project)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: cannot build into {project}/journal (-d journal, {FROM}): it is the journal "
        f"folder; nothing was written. {CHOOSE}\n"
    )
    assert snapshot(home) == before


def test_a_build_is_marked_and_a_second_build_replaces_it(project: Path, capsys):
    assert build(project) == 0
    site = project / "site"
    assert (site / MARKER).read_bytes() == MARKER_TEXT
    assert oct(site.stat().st_mode & 0o777) == oct(0o755)
    write(site, "stale/index.html", "from an older build\n")
    retitle(project)
    assert build(project) == 0
    assert capsys.readouterr().out == f"Built {site}\n" * 2
    assert not (site / "stale").exists()
    assert "DNS by day" in (site / "journal/2026-03-08-dns/index.html").read_text()
    assert (site / MARKER).read_bytes() == MARKER_TEXT
    assert leftovers(project) == []


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_an_empty_folder_is_built_into(project: Path):
    (project / "public").mkdir()
    assert build(project, "-d", "public") == 0
    assert (project / "public" / "index.html").is_file()


def test_a_default_site_built_before_the_marker_is_replaced(project: Path):
    assert build(project) == 0
    site = project / "site"
    (site / MARKER).unlink()  # what an earlier Roadlog left
    retitle(project)
    assert build(project) == 0
    assert "DNS by day" in (site / "journal/2026-03-08-dns/index.html").read_text()
    assert (site / MARKER).read_bytes() == MARKER_TEXT
    assert leftovers(project) == []


@pytest.mark.parametrize(
    "extra, reason",
    [
        ("notes.txt", ", and a build never writes notes.txt)"),
        ("drafts/idea.md", ", and a build never writes drafts/idea.md)"),
        (".env", ", and a build never writes .env)"),
        (None, ")"),
    ],
)
def test_an_unmarked_site_is_replaced_only_when_a_build_wrote_all_of_it(
    home: Path, project: Path, capsys, extra: str | None, reason: str
):
    assert build(project) == 0
    site = project / "site"
    (site / MARKER).unlink()
    if extra:
        write(site, extra, "mine\n")
    else:
        (site / "feed.xml").unlink()  # not what a Roadlog build leaves
    capsys.readouterr()
    before = snapshot(home)
    assert build(project) == 1
    assert capsys.readouterr().err == (
        f"error: cannot build into {site} (the default): it is not a site built by Roadlog (it "
        f"has no .roadlog-site marker{reason}; nothing was written. {CHOOSE}\n"
    )
    assert snapshot(home) == before


def test_an_unmarked_build_elsewhere_than_site_is_refused(home: Path, project: Path, capsys):
    assert build(project, "-d", "public") == 0
    (project / "public" / MARKER).unlink()
    capsys.readouterr()
    before = snapshot(home)
    assert build(project, "-d", "public") == 1
    assert capsys.readouterr().err == (
        f"error: cannot build into {project}/public (-d public, {FROM}): it is not a site built "
        f"by Roadlog (it has no .roadlog-site marker); nothing was written. {CHOOSE}\n"
    )
    assert snapshot(home) == before


def test_a_marked_folder_holding_a_git_folder_is_refused(home: Path, project: Path, capsys):
    assert build(project, "-d", "public") == 0
    write(project, "public/.git/HEAD", "ref: refs/heads/gh-pages\n")
    capsys.readouterr()
    before = snapshot(home)
    assert build(project, "-d", "public") == 1
    assert capsys.readouterr().err == (
        f"error: cannot build into {project}/public (-d public, {FROM}): it holds a .git folder "
        f"(.git); nothing was written. {CHOOSE}\n"
    )
    assert snapshot(home) == before


def test_only_leftovers_proven_roadlogs_are_cleaned(project: Path):
    def leftover(name: str, *files: str, marked: bool = True) -> Path:
        folder = project / name
        for file in files:
            write(folder, file, "x\n")
        if marked:
            write(folder, MARKER, MARKER_TEXT.decode())
        return folder

    leftover(".site-new-1111", "index.html", "journal/a/index.html")  # a build killed midway
    leftover(".site-old-2222", "index.html")  # a swap killed before the old site was removed
    kept = [
        leftover(".site-new-3333", "notes.txt", marked=False),
        leftover(".site-old-4444", ".git/HEAD", "index.html"),
        leftover(".site-new-5555", "index.html"),  # another build is using it
        leftover(".site-notes", "index.html"),  # not one of Roadlog's names
    ]
    (project / ".site-old-6666").symlink_to(leftover("marked-elsewhere", "index.html"))
    kept.append(project / "marked-elsewhere")
    before = {folder.name: snapshot(folder) for folder in kept}
    with open(project / ".site-new-5555" / MARKER) as marker:
        fcntl.flock(marker, fcntl.LOCK_EX)
        assert build(project) == 0
    assert leftovers(project) == [
        ".site-new-3333",
        ".site-new-5555",
        ".site-notes",
        ".site-old-4444",
        ".site-old-6666",
    ]
    assert {folder.name: snapshot(folder) for folder in kept} == before


KILL = """\
import os, signal, sys
from generator import replace_site
from generator.cli import main

exchange = replace_site._exchange

def killed(new, target):
    if sys.argv[1] == "after":
        exchange(new, target)
    os.kill(os.getpid(), signal.SIGKILL)

replace_site._exchange = killed
main(["build"])
"""


@pytest.mark.parametrize("moment", ["before", "after"])
def test_a_build_killed_while_swapping_leaves_a_whole_site(project: Path, moment: str):
    assert build(project) == 0
    site = project / "site"
    old = files_of(site)
    retitle(project)
    killed = subprocess.run(
        [sys.executable, "-c", KILL, moment], cwd=project, capture_output=True, text=True
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    now = files_of(site)
    # Pagefind names its index files by their content: the retitled entry's have new names.
    assert sorted(n for n in now if not n.startswith("pagefind/")) == sorted(
        n for n in old if not n.startswith("pagefind/")
    )
    page = now["journal/2026-03-08-dns/index.html"]
    feed = now["feed.xml"]
    if moment == "before":
        assert now == old
    else:
        assert b"DNS by day" in page and b"DNS by day" in feed
    assert len(leftovers(project)) == 1  # the new site, or the old one swapped out

    assert build(project) == 0
    assert leftovers(project) == []
    assert b"DNS by day" in (site / "journal/2026-03-08-dns/index.html").read_bytes()


def test_without_an_atomic_exchange_the_old_site_moves_aside_first(
    project: Path, monkeypatch: pytest.MonkeyPatch
):
    assert build(project) == 0
    monkeypatch.setattr(replace_site, "_exchange", lambda new, target: False)
    steps = []
    rename = os.rename

    def whole_sites() -> list[str]:
        folders = [project / "site", *project.glob(".site-*")]
        return sorted(folder.name for folder in folders if (folder / "index.html").is_file())

    def spy(source, destination):
        rename(source, destination)
        if Path(destination).parent == project:
            steps.append((Path(source).name, Path(destination).name, whole_sites()))

    monkeypatch.setattr(replace_site.os, "rename", spy)
    assert build(project) == 0
    monkeypatch.undo()
    (old, aside, after_first), (new, target, after_second) = steps
    suffix = new.removeprefix(".site-new-")
    assert (old, aside, new, target) == (
        "site",
        f".site-old-{suffix}",
        f".site-new-{suffix}",
        "site",
    )
    # Between the two steps the old site is whole beside the new one; then the new one is in place.
    assert after_first == [new, aside] and after_second == [aside, "site"]
    assert leftovers(project) == []
    assert (project / "site" / "index.html").is_file()


def process_state(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process, None once it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The name in parentheses may hold anything; the fields after the last ")" are fixed.
    state, parent = stat.rsplit(")", 1)[1].split()[:2]
    return state, int(parent)


def command_line(pid: int) -> bytes | None:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None


def find_worker(pid: int) -> int | None:
    """The child forked from `pid` (the same command line, unlike git), if there is one."""
    line = command_line(pid)
    children = [
        int(name)
        for name in os.listdir("/proc")
        if name.isdigit() and (process_state(int(name)) or ("", 0))[1] == pid
    ]
    return next((child for child in children if command_line(child) == line), None)


def alive(pid: int) -> bool:
    state = process_state(pid)
    return state is not None and state[0] not in "ZX"


def test_a_killed_build_leaves_no_worker_behind(project: Path):
    assert can_render_aside(), "this test needs Linux and two cores"
    for day in range(400):  # enough pages that the worker lives a while
        date = dt.date(2025, 1, 1) + dt.timedelta(days=day)
        write(project, f"journal/2025/{date}-note.md", f"Note of {date}.\n")
    process = subprocess.Popen(
        [*roadlog_command(), "build"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    worker = None
    try:
        deadline = time.monotonic() + 60
        while worker is None and process.poll() is None and time.monotonic() < deadline:
            worker = find_worker(process.pid)
            time.sleep(0.01)
        assert worker is not None, "the build ended before its worker could be seen"
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        deadline = time.monotonic() + 5
        while alive(worker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not alive(worker), "the render worker outlived the killed build"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if worker is not None and alive(worker):
            os.kill(worker, signal.SIGKILL)
    assert len(leftovers(project)) == 1  # the killed build's folder, unlocked now
    assert build(project) == 0
    assert leftovers(project) == []
