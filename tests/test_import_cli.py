"""`roadlog import` as the learner runs it: the exact text printed, the file written, refusals."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
import yaml
from conftest import run_cli

from generator.cli import main

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
SCHEMA = Path(__file__).resolve().parent.parent / "generator" / "schemas" / "roadmap.schema.json"

PLAN = """\
# Rust Weeks

## Week 1 — Ownership
- [x] Read chapter 4
- [ ] Do rustlings
🔗 https://doc.rust-lang.org/book/

## Week 2 – Traits
text
Day 8: Generics
Day 9: Traits
"""
SUMMARY = (
    "Wrote roadmaps/rust-weeks.yaml: 0 phases, 0 months, 2 weeks, 2 days, 0 sections, "
    "2 checklist items, 1 link; 1 warning\n"
)
WARNING = "plan.md:9: warning: dropped 'text': a code-block language left without its block\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder as the working directory, holding `plan.md`."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.md").write_text(PLAN, encoding="utf-8")
    return tmp_path


def roadlog(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["import", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def fingerprint(file: Path) -> tuple[str, int]:
    return hashlib.sha256(file.read_bytes()).hexdigest(), file.stat().st_mtime_ns


def test_import_writes_the_roadmap_and_prints_warnings_then_the_summary(project, capsys):
    code, out, err = roadlog(capsys, "plan.md")
    assert (code, err) == (0, "")
    assert out == WARNING + SUMMARY
    target = project / "roadmaps" / "rust-weeks.yaml"
    text = target.read_text(encoding="utf-8")
    first, body = text.split("\n", 1)
    # Outside Roadlog's own checkout and without a site_url, the installed schema, by its address.
    assert first == f"# yaml-language-server: $schema={SCHEMA.resolve().as_uri()}"
    assert yaml.safe_load(body) == {
        "id": "rust-weeks",
        "title": "Rust Weeks",
        "children": [
            {
                "week": 1,
                "title": "Ownership",
                "resources": [
                    {
                        "title": "https://doc.rust-lang.org/book/",
                        "url": "https://doc.rust-lang.org/book/",
                    }
                ],
                "checklist": [
                    {"title": "Read chapter 4", "done": True},
                    {"title": "Do rustlings", "done": False},
                ],
            },
            {
                "week": 2,
                "title": "Traits",
                "children": [{"day": 8, "title": "Generics"}, {"day": 9, "title": "Traits"}],
            },
        ],
    }
    # Nothing else is left behind (no staging folder).
    assert sorted(p.name for p in (project / "roadmaps").iterdir()) == ["rust-weeks.yaml"]


def test_id_title_and_start_options(project, capsys):
    code, out, err = roadlog(
        capsys, "plan.md", "--id", "rust", "--title", "Rust in Two Weeks", "--start", "2026-03-02"
    )
    assert (code, err) == (0, "")
    assert out.endswith(
        "Wrote roadmaps/rust.yaml: 0 phases, 0 months, 2 weeks, 2 days, 1 section, 2 checklist items, 1 link; 1 warning\n"
    )
    data = yaml.safe_load((project / "roadmaps" / "rust.yaml").read_text(encoding="utf-8"))
    assert (data["id"], data["title"], data["start"]) == ("rust", "Rust in Two Weeks", "2026-03-02")


def test_title_option_gives_the_default_id(project, capsys):
    code, out, _ = roadlog(capsys, "plan.md", "--title", "Rust in Two Weeks")
    assert code == 0
    assert "Wrote roadmaps/rust-in-two-weeks.yaml:" in out
    assert (project / "roadmaps" / "rust-in-two-weeks.yaml").is_file()


@pytest.mark.parametrize("date", ["2026-13-01", "tomorrow", "2026-02-30"])
def test_a_bad_start_date_is_refused(project, capsys, date):
    code, out, err = roadlog(capsys, "plan.md", "--start", date)
    assert (code, out) == (1, "")
    assert err == f"error: --start '{date}' is not a date (YYYY-MM-DD)\n"
    assert not (project / "roadmaps").exists()


def test_output_path_gives_the_id(project, capsys):
    code, out, err = roadlog(capsys, "plan.md", "-o", "plans/rust-2026.yaml")
    assert (code, err) == (0, "")
    assert out == WARNING + SUMMARY.replace("roadmaps/rust-weeks.yaml", "plans/rust-2026.yaml")
    text = (project / "plans" / "rust-2026.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(text)["id"] == "rust-2026"
    assert not (project / "roadmaps").exists()


def test_running_it_again_refuses_and_keeps_the_file(project, capsys):
    assert roadlog(capsys, "plan.md")[0] == 0
    target = project / "roadmaps" / "rust-weeks.yaml"
    before = fingerprint(target)
    (project / "plan.md").write_text(PLAN.replace("Ownership", "Borrowing"), encoding="utf-8")
    code, out, err = roadlog(capsys, "plan.md")
    assert (code, out) == (1, "")
    assert err == (
        "error: roadmaps/rust-weeks.yaml already exists; nothing was written "
        "(choose another --id or -o PATH)\n"
    )
    assert fingerprint(target) == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["rust-weeks.yaml"]


def test_an_existing_output_path_is_refused(project, capsys):
    target = project / "mine.yaml"
    target.write_text("id: mine\ntitle: Mine\n", encoding="utf-8")
    before = fingerprint(target)
    code, out, err = roadlog(capsys, "plan.md", "-o", "mine.yaml")
    assert (code, out) == (1, "")
    assert (
        err
        == "error: mine.yaml already exists; nothing was written (choose another --id or -o PATH)\n"
    )
    assert fingerprint(target) == before


def test_an_invalid_id_is_refused_and_nothing_is_written(project, capsys):
    code, out, err = roadlog(capsys, "plan.md", "--id", "Rust Weeks")
    assert (code, out) == (1, "")
    assert err.startswith("error: ")
    assert "'Rust Weeks' is not a valid id: use lowercase letters, digits, '-' and '_'" in err
    assert list(project.rglob("*.yaml")) == []


def test_a_non_utf8_file_is_a_clear_error(project, capsys):
    (project / "latin1.md").write_bytes(b"# Caf\xe9 plan\nDay 1: Intro\n")
    code, out, err = roadlog(capsys, "latin1.md")
    assert (code, out) == (1, "")
    assert err.startswith("error: latin1.md")
    assert "UTF-8" in err and err.count("\n") == 1
    assert not (project / "roadmaps").exists()


def test_a_non_utf8_file_error_names_the_line(project, capsys):
    # Every input error is reported as `path:line: message` (ARCHITECTURE.md, Guarantees).
    (project / "latin1.md").write_bytes(b"# Plan\nDay 1: Caf\xe9\n")
    code, _, err = roadlog(capsys, "latin1.md")
    assert code == 1
    assert err.startswith("error: latin1.md:2: ")
    assert "UTF-8" in err


def test_a_missing_file_is_a_clear_error(project, capsys):
    code, out, err = roadlog(capsys, "nope.md")
    assert (code, out) == (1, "")
    assert err.startswith("error: nope.md: ")
    # The file does not exist: talking about its encoding would send the learner the wrong way.
    assert "no such file" in err.lower() and "UTF-8" not in err


def test_a_crlf_file_with_a_bom(project, capsys):
    (project / "sprint.md").write_bytes(
        "\ufeff# SQL Sprint\r\n\r\nDay 1: SELECT\r\ntext\r\n".encode()
    )
    code, out, err = roadlog(capsys, "sprint.md")
    assert (code, err) == (0, "")
    assert out == (
        "sprint.md:4: warning: dropped 'text': a code-block language left without its block\n"
        "Wrote roadmaps/sql-sprint.yaml: 0 phases, 0 months, 0 weeks, 1 day, 0 sections, "
        "0 checklist items, 0 links; 1 warning\n"
    )


def test_a_mojibake_seed_prints_its_guessed_repairs(project, capsys):
    seed = next(SEEDS.glob("004_*.txt"))
    (project / "six-months.md").write_bytes(seed.read_bytes())
    code, out, err = roadlog(capsys, "six-months.md", "--id", "six-months")
    assert (code, err) == (0, "")
    assert out == (
        "six-months.md:84: warning: repaired 'ğŸ—ï¸' as '🏗️' (bytes were lost: a best guess)\n"
        "six-months.md:231: warning: repaired 'âš™ï¸' as '⚙️' (bytes were lost: a best guess)\n"
        "six-months.md:281: warning: repaired 'â˜ï¸' as '☁️' (bytes were lost: a best guess)\n"
        "Wrote roadmaps/six-months.yaml: 0 phases, 6 months, 24 weeks, 0 days, 1 section, "
        "4 checklist items, 20 links; 3 warnings\n"
    )


def test_the_installed_command(tmp_path):
    """The real console script, twice: it writes, then refuses; exit codes and no traceback."""
    (tmp_path / "plan.md").write_text(PLAN, encoding="utf-8")
    first = run_cli("import", "plan.md", cwd=tmp_path)
    assert (first.returncode, first.stdout, first.stderr) == (0, WARNING + SUMMARY, "")
    target = tmp_path / "roadmaps" / "rust-weeks.yaml"
    before = fingerprint(target)
    second = run_cli("import", "plan.md", cwd=tmp_path)
    assert second.returncode == 1
    assert second.stdout == ""
    assert second.stderr == (
        "error: roadmaps/rust-weeks.yaml already exists; nothing was written "
        "(choose another --id or -o PATH)\n"
    )
    assert fingerprint(target) == before
    assert os.listdir(target.parent) == ["rust-weeks.yaml"]


WEEKS = """\
# Go in Three Weeks

Study 5 days a week.

## Week 1 — Basics
### Day 1: Tour of Go
- [Tour](https://go.dev/tour/)
### Day 2: Slices
- read [the notes](days/02.md)

## Week 2 — Types
### Day 1: Structs
### Day 2: Interfaces

```go
type Shape interface{}
```

## Glossary
A closure is a function value.
"""
CODE_WARNING = (
    "weeks.md:15: warning: kept as a note of the enclosing node: "
    "'```go\\ntype Shape interface{}\\n```'\n"
)
RELATIVE_WARNING = (
    "weeks.md:9: warning: 1 relative link such as 'days/02.md' stays in the text; "
    "give --link-base URL to make them resources\n"
)
COVERAGE = (
    "weeks.md:12: assumed the days restart in each week: read as 5 days a week, so Week 2's "
    "first day is day 6\n"
    "2 blocks kept as notes (lines 15, 20): check that they belong to no day or week\n"
)


def test_dry_run_prints_the_outline_and_what_was_assumed_and_writes_nothing(project, capsys):
    (project / "weeks.md").write_text(WEEKS, encoding="utf-8")
    code, out, err = roadlog(capsys, "weeks.md", "--dry-run")
    assert (code, err) == (0, "")
    assert out == (
        RELATIVE_WARNING + CODE_WARNING + "week 1: Basics\n"
        "  day 1: Tour of Go  (1 link)\n"
        "  day 2: Slices  (1 task)\n"
        "week 2: Types\n"
        "  day 6: Structs\n"
        "  day 7: Interfaces  (1 note)\n"
        "section: Glossary  (1 note)\n"
        "Would write roadmaps/go-in-three-weeks.yaml: 0 phases, 0 months, 2 weeks, 4 days, "
        "1 section, 0 checklist items, 1 link; 2 warnings\n" + COVERAGE
    )
    assert sorted(p.name for p in project.iterdir()) == ["plan.md", "weeks.md"]


def test_strict_refuses_a_plan_with_warnings_and_writes_nothing(project, capsys):
    (project / "weeks.md").write_text(WEEKS, encoding="utf-8")
    code, out, err = roadlog(capsys, "weeks.md", "--strict")
    assert (code, out, err) == (
        1,
        RELATIVE_WARNING + CODE_WARNING,
        "error: 2 warnings and --strict: nothing was written\n",
    )
    assert not (project / "roadmaps").exists()


def test_link_base_makes_relative_links_resources_and_o_takes_a_folder(project, capsys):
    (project / "weeks.md").write_text(WEEKS, encoding="utf-8")
    base = "https://github.com/me/go/blob/main/"
    code, out, err = roadlog(capsys, "weeks.md", "--link-base", base, "-o", "plans/")
    assert (code, err) == (0, "")
    assert out == (
        CODE_WARNING + "Wrote plans/go-in-three-weeks.yaml: 0 phases, 0 months, 2 weeks, "
        "4 days, 1 section, 0 checklist items, 2 links; 1 warning\n" + COVERAGE
    )
    data = yaml.safe_load((project / "plans" / "go-in-three-weeks.yaml").read_text("utf-8"))
    day2 = data["children"][0]["children"][1]
    assert day2["resources"] == [{"title": "the notes", "url": f"{base}days/02.md"}]
    assert day2["tasks"] == ["read [the notes](days/02.md)"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["-o", "plans/rust-2026.yaml", "--id", "rust"],
            "error: -o plans/rust-2026.yaml and --id rust disagree: a roadmap file is named by "
            "its id (use -o plans/rust.yaml)\n",
        ),
        (
            ["-o", "A-plan.yaml", "--id", "a-plan"],
            "error: -o A-plan.yaml and --id a-plan disagree: a roadmap file is named by its id "
            "(use -o a-plan.yaml)\n",
        ),
        (
            ["-o", "My Plan.yaml"],
            "error: -o My Plan.yaml: a roadmap file is named by its id, which uses lowercase "
            "letters, digits, '-' and '_' (e.g. my-plan.yaml)\n",
        ),
        (
            ["--link-base", "github.com/me/go"],
            "error: --link-base 'github.com/me/go' is not an http(s) URL\n",
        ),
    ],
)
def test_options_that_cannot_work_are_refused_before_reading(project, capsys, args, message):
    code, out, err = roadlog(capsys, "plan.md", *args)
    assert (code, out, err) == (1, "", message)
    assert sorted(p.name for p in project.iterdir()) == ["plan.md"]


def test_the_schema_line_points_at_the_schema_the_site_publishes(project, capsys):
    (project / "mkdocs.yml").write_text(
        "site_name: J\nsite_url: !ENV [SITE_URL, https://ada.github.io/journal/]\n", "utf-8"
    )
    assert roadlog(capsys, "plan.md")[0] == 0
    text = (project / "roadmaps" / "rust-weeks.yaml").read_text(encoding="utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=https://ada.github.io/journal/schemas/roadmap.schema.json\n"
    )


def test_in_roadlogs_own_checkout_the_schema_line_is_a_relative_path(capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(SCHEMA.parents[2])
    (tmp_path / "plan.md").write_text(PLAN, encoding="utf-8")
    target = tmp_path / "out" / "rust.yaml"
    assert roadlog(capsys, str(tmp_path / "plan.md"), "-o", str(target))[0] == 0
    first = target.read_text(encoding="utf-8").split("\n", 1)[0]
    relative = first.removeprefix("# yaml-language-server: $schema=")
    assert not relative.startswith(("/", "file:"))
    assert (target.parent / relative).resolve() == SCHEMA.resolve()
