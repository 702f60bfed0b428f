"""Roadlog for a learner who never saw this repository: the package installed non-editable into a
fresh virtual environment outside it, `roadlog init` in an empty folder, then `roadlog build` and
`roadlog serve` give the same look and features as this repository's own site."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import urllib.request
from pathlib import Path

import pytest
from conftest import SOURCE_DATE_EPOCH, git

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def roadlog(tmp_path_factory) -> Path:
    """The `roadlog` command of a wheel of this repository in a fresh venv (no editable install)."""
    place = tmp_path_factory.mktemp("install")
    wheels = place / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
        text=True,
    )
    # setuptools has nothing to say about the package: every folder declared, an SPDX license.
    said = built.stdout + built.stderr
    assert "DeprecationWarning" not in said and "BuildBackendWarning" not in said
    [wheel] = wheels.glob("roadlog-*.whl")
    venv = place / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    # The dependencies are the project venv's, added as a plain path: its editable install of
    # Roadlog is a `.pth` hook there, which a plain path never runs, so only the wheel is imported.
    packages = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(packages, "project-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv / "bin" / "roadlog"


@pytest.fixture(scope="module")
def learner(roadlog, tmp_path_factory) -> Path:
    """An empty folder made into a learner's repository by `roadlog init`, with one commit."""
    folder = tmp_path_factory.mktemp("learner") / "my-journal"
    folder.mkdir()
    git(folder, "init", "-q", "-b", "main")
    git(folder, "remote", "add", "origin", "https://github.com/ada/my-journal.git")
    git(folder, "config", "user.email", "ada@learner.example")
    git(folder, "config", "user.name", "Ada Learner")
    done = run(roadlog, "init", "--timezone", "Asia/Tokyo", cwd=folder)
    assert done.returncode == 0, done.stderr
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "Start my journal")
    return folder


def run(roadlog: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PYTHONPATH": ""}
    return subprocess.run([str(roadlog), *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_the_installed_package_is_the_wheel_not_this_repository(roadlog):
    python = roadlog.parent / "python"
    where = subprocess.run(
        [str(python), "-c", "import generator; print(generator.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd="/",
    ).stdout
    assert "site-packages" in where and str(ROOT) not in where


def test_init_writes_the_scaffold(learner):
    files = sorted(
        str(p.relative_to(learner))
        for p in learner.rglob("*")
        if p.is_file() and ".git/" not in str(p)
    )
    assert files == [
        ".github/workflows/publish.yml",
        ".gitignore",
        ".vscode/settings.json",
        "README.md",
        "docs/about.md",
        "journal/2026/2026-03-10-starting.md",
        "mkdocs.yml",
        "roadmaps/first-steps.yaml",
    ]
    config = (learner / "mkdocs.yml").read_text("utf-8")
    assert "site_url: !ENV [SITE_URL, https://ada.github.io/my-journal/]" in config
    assert "timezone: Asia/Tokyo" in config
    assert 'authors: ["ada@learner.example"]' in config
    assert "custom_dir" not in config


def test_build_gives_the_same_look_and_features(roadlog, learner):
    done = run(roadlog, "build", cwd=learner)
    assert done.returncode == 0, done.stderr
    site = learner / "site"
    home = (site / "index.html").read_text("utf-8")
    assert (site / "assets" / "stylesheets" / "roadlog.css").is_file()
    assert (site / "assets" / "javascripts" / "roadlog.js").is_file()
    assert 'href="assets/stylesheets/roadlog.css"' in home
    assert 'rel="alternate" type="application/atom+xml"' in home
    assert '<meta property="og:title"' in home
    # Material's source link would ask the GitHub API on every visit; Roadlog's override does not.
    assert 'class="md-source"' in home and 'data-md-component="source"' not in home
    for name in ("roadmap", "entry", "topics"):
        published = (site / "schemas" / f"{name}.schema.json").read_text("utf-8")
        assert published == (ROOT / "generator" / "schemas" / f"{name}.schema.json").read_text(
            "utf-8"
        )
    entry = site / "journal" / "2026-03-10-starting" / "index.html"
    assert "Starting to learn in public" in entry.read_text("utf-8")


def test_the_default_topic_vocabulary_makes_as_many_topic_pages_as_this_repository(
    roadlog, learner, tmp_path
):
    # The learner's repository with this repository's plans and journal in place of its own.
    project = tmp_path / "copy"
    shutil.copytree(learner, project, ignore=shutil.ignore_patterns("site", "roadmaps", "journal"))
    shutil.copytree(ROOT / "roadmaps", project / "roadmaps")
    shutil.copytree(ROOT / "journal", project / "journal")
    assert not (project / "roadmaps" / "topics.yaml").exists()  # the default vocabulary applies
    done = run(roadlog, "build", cwd=project)
    assert done.returncode == 0, done.stderr
    ours = run(
        Path(sys.executable).parent / "roadlog", "build", "-d", str(tmp_path / "ours"), cwd=ROOT
    )
    assert ours.returncode == 0, ours.stderr
    theirs = sorted(p.name for p in (project / "site" / "topics").iterdir() if p.is_dir())
    expected = sorted(p.name for p in (tmp_path / "ours" / "topics").iterdir() if p.is_dir())
    assert len(expected) > 100
    assert theirs == expected


def test_serve_answers_with_the_stylesheet_and_stops_on_ctrl_c(roadlog, learner):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PYTHONPATH": ""}
    server = subprocess.Popen(
        [str(roadlog), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=learner,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        announced = ""
        while not announced.startswith("Serving on "):
            announced = server.stdout.readline()
            assert announced, "serve stopped before it served"
        url = announced.split()[
            2
        ]  # `Serving on http://127.0.0.1:PORT/my-journal/ (Ctrl+C to stop)`
        assert url == f"http://127.0.0.1:{port}/my-journal/"
        with urllib.request.urlopen(url, timeout=10) as answer:  # announced once it answers
            page = answer.read().decode("utf-8")
        assert "assets/stylesheets/roadlog.css" in page
        with urllib.request.urlopen(f"{url}assets/stylesheets/roadlog.css", timeout=10) as css:
            assert css.status == 200
    finally:
        server.send_signal(signal.SIGINT)
        output, _ = server.communicate(timeout=30)
    assert "Traceback" not in output
