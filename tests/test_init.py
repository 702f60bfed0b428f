"""`roadlog init`: what it writes, from which facts, and what it refuses (it never overwrites)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import git

from generator.cli import main
from generator.init_project import machine_timezone

SCAFFOLD = [
    ".github/workflows/publish.yml",
    ".gitignore",
    ".vscode/settings.json",
    "README.md",
    "docs/about.md",
    "journal/2026/2026-03-10-starting.md",
    "mkdocs.yml",
    "roadmaps/first-steps.yaml",
]


def files(folder: Path) -> list[str]:
    return sorted(
        str(p.relative_to(folder))
        for p in folder.rglob("*")
        if p.is_file() and ".git/" not in str(p)
    )


def init(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["init", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1773111600")  # 2026-03-10 12:00 in Tokyo
    target = tmp_path / "ada-journal"
    target.mkdir()
    git(target, "init", "-q", "-b", "main")
    git(target, "config", "user.email", "ada@learner.example")
    git(target, "config", "user.name", "Ada Learner")
    return target


@pytest.mark.parametrize(
    ("remote", "site_url", "repo_url"),
    [
        (
            "git@github.com:Ada/notes.git",
            "https://ada.github.io/notes/",
            "https://github.com/Ada/notes",
        ),
        (
            "https://github.com/ada/ada.github.io",
            "https://ada.github.io/",
            "https://github.com/ada/ada.github.io",
        ),
        (None, "http://127.0.0.1:8000/", None),
    ],
)
def test_the_config_comes_from_the_remote_git_and_the_options(
    folder, capsys, remote, site_url, repo_url
):
    if remote:
        git(folder, "remote", "add", "origin", remote)
    code, out, err = init(
        capsys, str(folder), "--timezone", "Asia/Tokyo", "--name", "Ada's notes: day by day"
    )
    assert (code, err) == (0, "")
    assert files(folder) == SCAFFOLD
    config = (folder / "mkdocs.yml").read_text("utf-8")
    assert f"site_url: !ENV [SITE_URL, {site_url}]" in config
    assert (f"repo_url: {repo_url}" in config) == bool(repo_url)
    data = yaml.load(config.replace("!ENV", ""), Loader=yaml.SafeLoader)
    assert data["site_name"] == "Ada's notes: day by day"
    assert data["plugins"][1]["roadlog"] == {
        "timezone": "Asia/Tokyo",
        "author": "Ada Learner",
        "authors": ["ada@learner.example"],
    }
    assert out.splitlines()[:2] == [
        f"wrote {folder}/mkdocs.yml",
        f"wrote {folder}/roadmaps/first-steps.yaml",
    ]


def test_a_folder_that_is_not_empty_is_refused_unless_add_names_the_files(folder, capsys):
    (folder / "notes.md").write_text("mine\n", encoding="utf-8")
    code, out, err = init(capsys, str(folder))
    assert (code, out) == (1, "")
    assert err == (
        f"error: {folder} is not empty; nothing was written. Name the files to add with --add PATH "
        "(e.g. --add .github/workflows/publish.yml), or use an empty folder\n"
    )
    assert files(folder) == ["notes.md"]
    code, out, err = init(
        capsys, str(folder), "--add", ".github/workflows/publish.yml", "--add", ".gitignore"
    )
    assert (code, err) == (0, "")
    assert files(folder) == [".github/workflows/publish.yml", ".gitignore", "notes.md"]


def test_it_never_overwrites_a_file(folder, capsys):
    (folder / ".gitignore").write_text("mine\n", encoding="utf-8")
    code, out, err = init(capsys, str(folder), "--add", ".gitignore", "--add", "README.md")
    assert code == 1
    assert err == f"error: {folder}/.gitignore already exists; it was left as it is\n"
    assert out == f"wrote {folder}/README.md\n"
    assert (folder / ".gitignore").read_text("utf-8") == "mine\n"


def test_an_unknown_add_path_and_a_bad_timezone_are_refused(folder, capsys):
    code, _, err = init(capsys, str(folder), "--add", "site/index.html")
    assert code == 1 and err.startswith(
        "error: --add site/index.html: not a file init writes (mkdocs.yml, "
    )
    code, _, err = init(capsys, str(folder), "--timezone", "Mars/Olympus")
    assert (code, err) == (
        1,
        "error: --timezone 'Mars/Olympus' is not an IANA time zone (e.g. Europe/Paris)\n",
    )
    assert files(folder) == []


def test_roadmap_imports_the_plan_starting_today(folder, capsys, tmp_path):
    plan = tmp_path / "plan.md"
    plan.write_text("# Go in a Week\n\n## Day 1: Tour\n## Day 2: Slices\n", encoding="utf-8")
    code, _, err = init(capsys, str(folder), "--roadmap", str(plan), "--timezone", "Asia/Tokyo")
    assert (code, err) == (0, "")
    assert "roadmaps/go-in-a-week.yaml" in files(folder)
    assert "roadmaps/first-steps.yaml" not in files(folder)
    assert not any(
        f.startswith("journal/") for f in files(folder)
    )  # the example entry is of the example plan
    data = yaml.safe_load((folder / "roadmaps" / "go-in-a-week.yaml").read_text("utf-8"))
    assert (data["start"], [d["title"] for d in data["children"]]) == (
        "2026-03-10",
        ["Tour", "Slices"],
    )


def test_the_scaffold_builds_and_checks_clean(folder, capsys):
    assert init(capsys, str(folder), "--timezone", "Asia/Tokyo")[0] == 0
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "Start", date="2026-03-10T09:00:00+09:00")
    assert main(["-f", str(folder / "mkdocs.yml"), "check"]) == 0
    out, err = capsys.readouterr()
    assert (out.endswith(", 0 warning(s)\n"), err) == (True, "")


@pytest.mark.parametrize(
    ("tz", "expected"),
    [("Europe/Paris", "Europe/Paris"), (":Asia/Tokyo", "Asia/Tokyo"), ("Nowhere/Land", None)],
)
def test_the_machine_timezone(monkeypatch, tz, expected):
    monkeypatch.setenv("TZ", tz)
    found = machine_timezone()
    assert found == expected if expected else found != "Nowhere/Land"
