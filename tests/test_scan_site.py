"""Every text the site shows is scanned: git history, file names, mkdocs.yml and the learner's pages."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import build, commit_shas, git, roadlog_command

from generator.clean_text import clean_line
from generator.cli import main
from generator.scan_site import HISTORY_HINT, NAME_HINT, SETTING_HINT, redact_name

HINT = "remove it (and revoke it if it was real), or add a `pragma: allowlist secret` comment on that line if it is not a secret"
GITHUB = "ghp_" + "Zq8Xv2Lm4Nc6Rb1Td9Kw3Yh5Pj7Sg0Ae2Fu4"
SLACK = "xoxb-" + "263594206564-2343594206574-FGqddMF8t08v8N7Oq4i57vs1"


def check(project: Path, capsys) -> tuple[int, list[str]]:
    code = main(["-f", str(project / "mkdocs.yml"), "check"])
    return code, capsys.readouterr().out.splitlines()


def commit(
    project: Path,
    *message: str,
    author: str = "Ada Learner",
    date: str = "2026-03-01T10:00:00+09:00",
) -> str:
    git(
        project,
        "commit",
        "-q",
        "--allow-empty",
        *[f"-m{part}" for part in message],
        author=author,
        date=date,
    )
    return git(project, "rev-parse", "HEAD").strip()


def test_a_credential_in_a_commit_subject_stops_the_build(fixture_site: Path, capsys):
    sha = commit(fixture_site, f"Deploy with {GITHUB}")
    code, out = check(fixture_site, capsys)
    assert code == 1
    assert out == [
        f"{fixture_site.name}@{sha[:7]}:1: possible GitHub Token in the commit message: {HISTORY_HINT}",
        "1 error(s)",
    ]
    assert build(fixture_site) == 1
    assert not (fixture_site / "site").exists()
    assert GITHUB not in capsys.readouterr().err  # the message never repeats the credential


def test_a_credential_in_a_commit_body_is_found_at_its_line(fixture_site: Path, capsys):
    sha = commit(fixture_site, "Configure the bot", f"It posts with\nSLACK_BOT_TOKEN={SLACK}")
    code, out = check(fixture_site, capsys)
    assert code == 1
    assert out == [
        f"{fixture_site.name}@{sha[:7]}:4: possible Slack Token in the commit message: {HISTORY_HINT}",
        "1 error(s)",
    ]


def test_a_credential_in_an_author_name_is_said_once(fixture_site: Path, capsys):
    first = commit(fixture_site, "One", author=f"Ada {GITHUB}")
    # A minute later: commits of the same second are ordered by sha, not by when they were made.
    commit(fixture_site, "Two", author=f"Ada {GITHUB}", date="2026-03-01T10:01:00+09:00")
    code, out = check(fixture_site, capsys)
    assert code == 1
    assert out == [
        f"{fixture_site.name}@{first[:7]}:1: possible GitHub Token in the author name: {HISTORY_HINT}",
        "1 error(s)",
    ]


def test_a_credential_in_a_file_name_is_refused_without_printing_it(fixture_site: Path, capsys):
    name = f"journal/2026-03-05-deploy-{GITHUB}.md"
    (fixture_site / name).write_text("---\ntitle: Deploy\n---\nDeployed.\n", encoding="utf-8")
    code, out = check(fixture_site, capsys)
    assert code == 1
    assert out == [
        f"journal/2026-03-05-d….md:1: possible GitHub Token in the file name: {NAME_HINT}",
        "1 error(s)",
    ]
    assert build(fixture_site) == 1
    assert not (fixture_site / "site").exists()


def test_the_learners_own_pages_and_mkdocs_yml_are_scanned(fixture_site: Path, capsys):
    (fixture_site / "docs" / "about.md").write_text(
        f"# About\n\nMy bot token is {GITHUB}\n", encoding="utf-8"
    )
    (fixture_site / "docs" / "extra.js").write_text(f'const slack = "{SLACK}";\n', encoding="utf-8")
    (fixture_site / "docs" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0" + GITHUB.encode())
    with (fixture_site / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(f"extra:\n  analytics_key: {GITHUB}\n")
    lines = (fixture_site / "mkdocs.yml").read_text(encoding="utf-8").count("\n")
    code, out = check(fixture_site, capsys)
    assert code == 1
    assert out == [
        f"docs/about.md:3: possible GitHub Token: {HINT}",
        f"docs/extra.js:1: possible Slack Token: {HINT}",
        f"mkdocs.yml:{lines}: possible GitHub Token: {HINT}",
        "3 error(s)",
    ]


def test_credentials_are_reported_with_the_other_errors_of_the_run(fixture_site: Path, capsys):
    (fixture_site / "journal" / "2026-03-05-broken.md").write_text(
        f"---\ntitle: [unclosed\n---\nToken {GITHUB}\n", encoding="utf-8"
    )
    (fixture_site / "journal" / "2026-03-05-fine.md").write_text(
        f"Fine, but for {SLACK}\n", encoding="utf-8"
    )
    sha = commit(fixture_site, f"Oops {GITHUB}")
    code, out = check(fixture_site, capsys)
    assert code == 1
    assert out[-1] == "4 error(s)"
    assert [line.split(": ", 1)[0] for line in out[:-1]] == sorted(
        [
            f"{fixture_site.name}@{sha[:7]}:1",
            "journal/2026-03-05-broken.md:2",
            "journal/2026-03-05-broken.md:4",
            "journal/2026-03-05-fine.md:1",
        ]
    )


def test_git_text_is_cleaned_of_controls_and_bidi_and_cut_short(fixture_site: Path):
    long_subject = "Paste " + "x" * 200_000
    subjects = ["Fix\x1b[31m red \x07bell", "Swap \u202eevil\u202c order", "Sep\x1erecord\x1ffield"]
    for subject in [*subjects, long_subject]:
        (fixture_site / ".git" / "message.txt").write_text(subject, encoding="utf-8")
        git(
            fixture_site,
            "commit",
            "-q",
            "--allow-empty",
            "-F",
            ".git/message.txt",
            date="2026-03-08T12:00:00+09:00",
        )
    assert build(fixture_site) == 0
    page = (fixture_site / "site" / "journal" / "2026-03-08-dns" / "index.html").read_text("utf-8")
    for shown in ["Fix[31m red bell", "Swap evil order", "Seprecordfield"]:
        assert shown in page
    assert "Paste " + "x" * 193 + "…" in page and "x" * 195 not in page
    for file in (fixture_site / "site").rglob("*"):
        if file.suffix in (".html", ".xml", ".json"):
            text = file.read_text("utf-8")
            assert not any(ch in text for ch in "\x1b\x07\x1e\x1f\u202e\u202c"), file


def test_without_git_on_path_check_says_so(fixture_site: Path):
    env = {**os.environ, "PATH": "/nonexistent", "NO_COLOR": "1"}
    command = subprocess.run(
        [*roadlog_command(), "-f", str(fixture_site / "mkdocs.yml"), "check"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert command.returncode == 1
    assert command.stdout.splitlines() == [
        "mkdocs.yml:1: git is not installed (or not on PATH), so no commit can count; install git and build again",
        "1 error(s)",
    ]
    assert "Traceback" not in command.stderr


def test_clean_line():
    assert clean_line("a\tb\nc\r\nd \u2066x\u2069 \x85e\u2028f") == "a b c d x e f"
    assert clean_line("y" * 300) == "y" * 199 + "…"


def test_redacted_names_keep_the_folder_and_the_date():
    assert redact_name(f"journal/2026/2026-03-05-{GITHUB}.md") == "journal/2026/2026-03-05-g….md"
    assert redact_name(GITHUB) == "ghp_Zq8Xv2Lm…"


def test_the_fixture_history_has_no_credential(fixture_site: Path, capsys):
    assert set(commit_shas(fixture_site))  # the fixture has commits, and check passes on them
    code, out = check(fixture_site, capsys)
    assert code == 0, out


def test_a_credential_from_an_env_variable_in_mkdocs_yml_is_refused(
    fixture_site: Path, capsys, monkeypatch
):
    monkeypatch.setenv("RL_COPYRIGHT", f"(c) Ada {GITHUB}")
    config = fixture_site / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "copyright: !ENV RL_COPYRIGHT\n", "utf-8")
    line = config.read_text("utf-8").count("\n")
    code, out = check(fixture_site, capsys)
    assert code == 1
    assert out == [
        f"mkdocs.yml:{line}: possible GitHub Token in copyright: {SETTING_HINT}",
        "1 error(s)",
    ]
    assert build(fixture_site) == 1


def test_a_credential_written_in_mkdocs_yml_is_said_once(fixture_site: Path, capsys):
    config = fixture_site / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + f"copyright: Ada {GITHUB}\n", "utf-8")
    line = config.read_text("utf-8").count("\n")
    assert check(fixture_site, capsys) == (
        1,
        [f"mkdocs.yml:{line}: possible GitHub Token: {HINT}", "1 error(s)"],
    )


def test_inherited_configs_and_the_theme_folder_are_scanned(fixture_site: Path, capsys):
    config = fixture_site / "mkdocs.yml"
    text = config.read_text("utf-8").replace("theme:\n", "theme:\n  custom_dir: my-theme\n", 1)
    config.write_text("INHERIT: base.yml\n" + text, "utf-8")
    (fixture_site / "base.yml").write_text(f"extra:\n  note: {SLACK}\n", "utf-8")
    theme = fixture_site / "my-theme" / "partials"
    theme.mkdir(parents=True)
    (theme / "footer.html").write_text(f"<p>{GITHUB}</p>\n", "utf-8")
    code, out = check(fixture_site, capsys)
    assert code == 1
    assert out == [
        f"base.yml:2: possible Slack Token: {HINT}",
        f"my-theme/partials/footer.html:1: possible GitHub Token: {HINT}",
        "2 error(s)",
    ]


@pytest.mark.parametrize(
    "setting",
    [
        "extra_javascript:\n  - !ENV RL_VALUE\n",
        "extra_css:\n  - !ENV RL_VALUE\n",
        "markdown_extensions:\n  - toc:\n      permalink: !ENV RL_VALUE\n",
    ],
)
def test_env_values_in_scripts_styles_and_extensions_are_scanned(
    fixture_site: Path, capsys, monkeypatch, setting
):
    monkeypatch.setenv("RL_VALUE", GITHUB)
    config = fixture_site / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + setting, "utf-8")
    code, out = check(fixture_site, capsys)
    assert code == 1
    assert "possible GitHub Token in " in out[0] and out[-1] == "1 error(s)"
