"""`properdocs build` (ProperDocs, the maintained fork of MkDocs 1.x) builds what `roadlog build` does.

ProperDocs finds the roadlog plugin through the `mkdocs.plugins` entry point and runs it unchanged.
The two builds of the shipped site may differ only in the generator Material names in each page.
ProperDocs is never imported here: importing its command redirects every `mkdocs` import to it.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import git, run_cli, write

if importlib.util.find_spec("properdocs") is None:
    pytest.skip(
        "properdocs is not installed (`pip install -e '.[test]'` installs it)",
        allow_module_level=True,
    )

ROOT = Path(__file__).resolve().parent.parent
# What the shipped site is built from: Roadlog reads nothing else of the repository.
INPUTS = ["mkdocs.yml", "journal", "roadmaps", "site_template"]
SHIPPED_TODAY = "1795431600"  # 2026-11-23 12:00 Europe/Paris, as in test_shipped_site.py
MATERIAL = version("mkdocs-material")
# Material's base.html names `mkdocs_version`, which ProperDocs sets to "ProperDocs <version>".
BY_MKDOCS = (
    f'<meta name="generator" content="mkdocs-{version("mkdocs")}, mkdocs-material-{MATERIAL}">'
)
BY_PROPERDOCS = (
    f'<meta name="generator" content="mkdocs-ProperDocs {version("properdocs")}, '
    f'mkdocs-material-{MATERIAL}">'
)
GENERATOR = b"<meta generator>"


class Builds(NamedTuple):
    roadlog: Path
    properdocs: Path
    roadlog_stderr: str
    properdocs_stderr: str


def properdocs_command() -> list[str]:
    """The installed `properdocs` script next to this Python, else `python -m properdocs`."""
    script = Path(sys.executable).parent / "properdocs"
    return [str(script)] if script.exists() else [sys.executable, "-m", "properdocs"]


def run_properdocs(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run `properdocs *args` in `cwd`, capturing stdout and stderr as text."""
    # ProperDocs wraps its log lines to the width COLUMNS names: keep each message on one line.
    env = {key: value for key, value in os.environ.items() if key not in ("COLUMNS", "LINES")}
    return subprocess.run(
        [*properdocs_command(), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**env, "NO_COLOR": "1"},
        timeout=120,
    )


def copy_shipped_site(project: Path) -> Path:
    """The shipped site's inputs in `project`, committed once by the learner mkdocs.yml counts."""
    project.mkdir()
    for name in INPUTS:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, project / name)
        else:
            shutil.copy2(ROOT / name, project / name)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(
        project,
        "commit",
        "-q",
        "-m",
        "Start the journal",
        date="2026-11-20T10:00:00+01:00",
        author="The Learner",
        email="learner@example.com",
    )
    return project


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    """One copy of the shipped site, built once by `roadlog build` and once by `properdocs build`."""
    root = tmp_path_factory.mktemp("properdocs")
    project = copy_shipped_site(root / "learner")
    sites = root / "roadlog-site", root / "properdocs-site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", SHIPPED_TODAY)
        by_roadlog = run_cli("build", "-d", str(sites[0]), cwd=project)
        by_properdocs = run_properdocs(
            "build", "-f", "mkdocs.yml", "-d", str(sites[1]), cwd=project
        )
    assert by_roadlog.returncode == 0, by_roadlog.stderr
    assert by_properdocs.returncode == 0, by_properdocs.stderr
    assert "Traceback" not in by_properdocs.stderr
    return Builds(*sites, by_roadlog.stderr, by_properdocs.stderr)


def site_files(site: Path) -> list[str]:
    """Every file of a built site (hidden ones too), relative to it, sorted."""
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())


def test_both_build_the_same_files(builds: Builds):
    files = site_files(builds.roadlog)
    assert site_files(builds.properdocs) == files
    pages = [
        ".roadlog-site",
        "index.html",
        "journal/index.html",
        "calendar/index.html",
        "roadmaps/index.html",
        "topics/index.html",
        "about/index.html",
        "404.html",
        "feed.xml",
        "rss.xml",
        "feed.json",
        "sitemap.xml",
        "sitemap.xml.gz",
        "pagefind/pagefind.js",
        "pagefind/pagefind-entry.json",
    ]
    assert [page for page in pages if page not in files] == []


def test_both_print_the_same_warnings(builds: Builds):
    """Roadlog's warnings reach ProperDocs' log (the plugin logs as `mkdocs.plugins.roadlog`)."""
    expected = [
        f"WARNING -  {line.removeprefix('warning: ')}"
        for line in builds.roadlog_stderr.splitlines()
    ]
    shown = [line for line in builds.properdocs_stderr.splitlines() if line.startswith("WARNING")]
    assert shown == expected


def test_every_page_names_its_own_generator_once(builds: Builds):
    """Each build's generator line is in every HTML page exactly once, and in no other file."""
    wrong = []
    for name in site_files(builds.roadlog):
        expected = 1 if name.endswith(".html") else 0
        for site, generator, other in [
            (builds.roadlog, BY_MKDOCS, BY_PROPERDOCS),
            (builds.properdocs, BY_PROPERDOCS, BY_MKDOCS),
        ]:
            data = (site / name).read_bytes()
            if data.count(generator.encode()) != expected or other.encode() in data:
                wrong.append(f"{site.name}/{name}")
    assert wrong == []


def test_the_files_are_byte_identical_but_for_the_generator(builds: Builds):
    differing = []
    for name in site_files(builds.roadlog):
        ours = (builds.roadlog / name).read_bytes().replace(BY_MKDOCS.encode(), GENERATOR)
        theirs = (builds.properdocs / name).read_bytes().replace(BY_PROPERDOCS.encode(), GENERATOR)
        if ours != theirs:
            differing.append(name)
    assert differing == []


def build_both(project: Path, *args: str) -> tuple[str, subprocess.CompletedProcess]:
    """(stderr of `roadlog build *args`, the run of `properdocs build *args`): both must fail."""
    by_roadlog = run_cli("build", *args, cwd=project)
    assert by_roadlog.returncode == 1
    assert not (project / "site").exists()
    by_properdocs = run_properdocs("build", "-f", "mkdocs.yml", *args, cwd=project)
    assert by_properdocs.returncode == 1
    assert "Traceback" not in by_roadlog.stderr + by_properdocs.stderr
    return by_roadlog.stderr, by_properdocs


def test_properdocs_shows_roadlog_errors(fixture_site: Path):
    write(fixture_site, "journal/2026-03/2026-03-10-broken.md", "---\ntitle: [oops\n---\nText.\n")
    problem = (
        "journal/2026-03/2026-03-10-broken.md:2: invalid YAML: expected ',' or ']', "
        "but got '<stream end>' (a '[' is not closed)"
    )
    by_roadlog, by_properdocs = build_both(fixture_site)
    assert by_roadlog.splitlines() == [
        problem,
        "error: 1 error(s) in the journal or roadmaps; nothing was built",
        "error: the build failed; site/ was left as it was",
    ]
    assert by_properdocs.stderr.splitlines() == [
        f"ERROR   -  {problem}",
        "ERROR   -  roadlog: 1 error(s) in the journal or roadmaps; nothing was built",
    ]
    assert by_properdocs.stdout == "\nAborted with a BuildError!\n"
    assert not (fixture_site / "site").exists()  # the plugin stops it before anything is written


def test_properdocs_strict_fails_on_roadlog_warnings(fixture_site: Path):
    shutil.rmtree(fixture_site / ".git")
    warning = "mkdocs.yml:1: warning: repository '.' is not a git repository, so none of its commits count"
    by_roadlog, by_properdocs = build_both(fixture_site, "--strict")
    assert by_roadlog.splitlines() == [
        warning,
        "error: Aborted with 1 warnings in strict mode!",
        "error: the build failed; site/ was left as it was",
    ]
    assert f"WARNING -  {warning}" in by_properdocs.stderr.splitlines()
    assert by_properdocs.stdout == "\nAborted with 1 warnings in strict mode!\n"
    # Unlike `roadlog build`, ProperDocs (as `mkdocs build`) counts the warnings once the site is
    # written, and leaves it there.
    assert (fixture_site / "site" / "index.html").is_file()
