"""Input folders that would publish what they should not: links, docs_dir reaching the journal."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build, write

from generator.cli import main

GITHUB = "ghp_" + "Zq8Xv2Lm4Nc6Rb1Td9Kw3Yh5Pj7Sg0Ae2Fu4"
LINK = "git keeps only the link, so CI would build without it; move the folder here"
INTO = (
    "this part of docs_dir leads into the journal: MkDocs would publish the entries' files, drafts "
    "too; keep the journal out of it"
)


def check(project: Path, capsys) -> tuple[int, list[str]]:
    code = main(["-f", str(project / "mkdocs.yml"), "check"])
    return code, capsys.readouterr().out.splitlines()


def refused(project: Path, capsys, lines: list[str]) -> None:
    """check prints exactly `lines` and fails; build fails and writes no site."""
    code, out = check(project, capsys)
    assert (code, out) == (1, [*lines, f"{len(lines)} error(s)"])
    assert build(project) == 1
    assert not (project / "site").exists()


@pytest.mark.parametrize("folder", ["journal", "roadmaps"])
def test_an_input_folder_that_is_a_link_is_refused(fixture_site: Path, capsys, folder):
    outside = fixture_site.parent / f"outside-{folder}"
    (fixture_site / folder).rename(outside)
    (fixture_site / folder).symlink_to(outside)
    code, out = check(fixture_site, capsys)
    assert code == 1
    assert f"{folder}:1: the folder is a symbolic link to {str(outside)!r}: {LINK}" in out


def test_a_docs_link_into_the_journal_is_refused(fixture_site: Path, capsys):
    (fixture_site / "docs" / "j").symlink_to("../journal", target_is_directory=True)
    refused(fixture_site, capsys, [f"docs/j:1: {INTO}"])


def test_the_journal_as_docs_dir_is_refused(fixture_site: Path, capsys):
    config = fixture_site / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("docs_dir: docs", "docs_dir: journal"), "utf-8"
    )
    code, out = check(fixture_site, capsys)
    assert code == 1 and f"journal:1: {INTO}" in out
    assert build(fixture_site) == 1
    assert not (fixture_site / "site").exists()


def test_a_journal_inside_docs_dir_is_refused(fixture_site: Path, capsys):
    (fixture_site / "journal").rename(fixture_site / "docs" / "notes")
    config = fixture_site / "mkdocs.yml"
    text = config.read_text("utf-8").replace(
        "  - roadlog:\n", "  - roadlog:\n      journal_dir: docs/notes\n"
    )
    assert "journal_dir: docs/notes" in text
    config.write_text(text, "utf-8")
    code, out = check(fixture_site, capsys)
    assert code == 1 and f"docs/notes:1: {INTO}" in out


def test_a_credential_in_a_linked_docs_folder_is_found(fixture_site: Path, capsys):
    outside = fixture_site.parent / "shared-pages"
    write(outside, "secret.md", f"# Keys\n\n{GITHUB}\n")
    (fixture_site / "docs" / "ext").symlink_to(outside, target_is_directory=True)
    (fixture_site / "docs" / "loop").symlink_to(".", target_is_directory=True)  # walked once
    code, out = check(fixture_site, capsys)
    assert code == 1
    assert out[0].startswith("docs/ext/secret.md:3: possible GitHub Token: ")


@pytest.mark.parametrize(
    "path, what",
    [("sitemap.xml", "the sitemap"), ("pagefind/pagefind.js", "the search index")],
)
def test_docs_files_mkdocs_writes_over_are_refused(fixture_site: Path, capsys, path, what):
    write(fixture_site, f"docs/{path}", "mine\n")
    code, out = check(fixture_site, capsys)
    assert code == 1
    assert len(out) == 2 and out[0].startswith(f"docs/{path}:1: ") and what in out[0]


def test_a_docs_page_marked_draft_is_refused(fixture_site: Path, capsys):
    write(fixture_site, "docs/private.md", "---\ntitle: Plans\ndraft: true\n---\nNot yet.\n")
    refused(
        fixture_site,
        capsys,
        [
            "docs/private.md:3: `draft` keeps only journal entries private: MkDocs publishes "
            "every page of docs_dir; move this page out of docs_dir (into the journal, or away)"
        ],
    )


@pytest.mark.parametrize("key", ["hidden", "unlisted", "wip"])
def test_other_words_for_draft_are_refused(fixture_site: Path, capsys, key):
    write(fixture_site, "journal/2026-03-05-plan.md", f"---\n{key}: true\n---\nNot yet.\n")
    code, out = check(fixture_site, capsys)
    assert code == 1
    assert out[0] == (
        f"journal/2026-03-05-plan.md:2: unknown key {key!r}: Roadlog keeps an entry unpublished "
        f"only with `draft: true`; write that instead of {key!r}, or delete it"
    )


def test_a_theme_file_linked_into_the_journal_is_refused(fixture_site: Path, capsys):
    config = fixture_site / "mkdocs.yml"
    text = config.read_text("utf-8").replace("theme:\n", "theme:\n  custom_dir: my-theme\n", 1)
    config.write_text(text, "utf-8")
    (fixture_site / "my-theme").mkdir()
    draft = "../journal/2026-03/2026-03-07-CANARY-7f3a.md"
    assert (fixture_site / "my-theme" / draft).is_file()
    (fixture_site / "my-theme" / "notes.txt").symlink_to(draft)
    refused(
        fixture_site,
        capsys,
        [
            "my-theme/notes.txt:1: this part of theme.custom_dir leads into the journal: MkDocs "
            "would publish the entries' files, drafts too; keep the journal out of it"
        ],
    )


def test_hidden_and_large_docs_files_are_scanned(fixture_site: Path, capsys):
    write(fixture_site, "docs/.well-known/security.txt", f"X-Token: {GITHUB}\n")
    write(fixture_site, "docs/data/big.log", "line\n" * 600_000 + f"token={GITHUB}\n")
    code, out = check(fixture_site, capsys)
    assert code == 1
    assert [line.split(": ", 1)[0] for line in out[:-1]] == [
        "docs/.well-known/security.txt:1",
        "docs/data/big.log:600001",
    ]
