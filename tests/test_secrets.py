"""Credentials never reach the site: check and build refuse entries and roadmaps that hold one."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.scan_secrets import scan_secrets

HINT = "remove it (and revoke it if it was real), or add a `pragma: allowlist secret` comment on that line if it is not a secret"
# Made-up credentials in real formats (none is a published example value).
AWS_KEY = "AKIA" + "Q3VNZ7TWXK2MHP4R"
GITHUB = "ghp_" + "Zq8Xv2Lm4Nc6Rb1Td9Kw3Yh5Pj7Sg0Ae2Fu4"
SLACK = "xoxb-" + "263594206564-2343594206574-FGqddMF8t08v8N7Oq4i57vs1"


def scan(tmp_path: Path, name: str, text: str) -> list[str]:
    file = tmp_path / name
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return [str(p) for p in scan_secrets([(name, file)])]


@pytest.mark.parametrize(
    "line, kind",
    [
        (f"aws_access_key_id = {AWS_KEY}", "AWS Access Key"),
        (f"export GITHUB_TOKEN={GITHUB}", "GitHub Token"),
        (f"SLACK_BOT_TOKEN={SLACK}", "Slack Token"),
        ("-----BEGIN RSA PRIVATE KEY-----", "Private Key"),
        ("SECRET_KEY=k9$Tq2!vLr8#Wm4z", "Secret Keyword"),
        ("DATABASE_URL=postgres://admin:Vt7qLm2x@db.internal:5432/app", "Basic Auth Credentials"),
    ],
)
def test_each_kind_of_credential_is_reported_with_its_line(tmp_path, line, kind):
    text = f"---\ntitle: Setup\n---\nI configured the server today.\n\n    {line}\n"
    assert f"journal/e.md:6: possible {kind}: {HINT}" in scan(tmp_path, "journal/e.md", text)


def test_prose_hashes_and_placeholders_are_not_secrets(tmp_path):
    text = """\
Key takeaways: an API key identifies the caller; a token expires; the password policy matters.
Fixed in commit 3f2a9c1d0e8b7a6f5e4d3c2b1a09f8e7d6c5b4a3 (sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b).
Connect with `postgresql://user:pass@localhost/app` and set `password: <your password>`.
    GEMINI_API_KEY: str
    API_TOKEN=${API_TOKEN}
    password = os.environ["PASSWORD"]
"""
    assert scan(tmp_path, "journal/e.md", text) == []


def test_an_allowlist_comment_silences_a_line(tmp_path):
    text = f"A fake token for the docs: {GITHUB} <!-- pragma: allowlist secret -->\nAnd a real one: {GITHUB}\n"
    assert scan(tmp_path, "journal/e.md", text) == [
        f"journal/e.md:2: possible GitHub Token: {HINT}"
    ]
    yaml_text = f"title: Plan\nchildren:\n  - title: Tokens\n    notes: {GITHUB}  # pragma: allowlist secret\n"
    assert scan(tmp_path, "roadmaps/plan.yaml", yaml_text) == []


def test_check_and_build_refuse_and_name_every_file(fixture_site: Path, capsys):
    (fixture_site / "journal" / "2026-03-07-keys.md").write_text(
        "---\ndraft: true\n---\nNot published, but the repository is public:\n\n    SECRET_KEY=k9$Tq2!vLr8#Wm4z\n",
        encoding="utf-8",
    )
    with (fixture_site / "roadmaps" / "demo.yaml").open("a", encoding="utf-8") as roadmap:
        roadmap.write(f"# deploy token: {GITHUB}\n")
    lines = (fixture_site / "roadmaps" / "demo.yaml").read_text(encoding="utf-8").count("\n")
    config = str(fixture_site / "mkdocs.yml")
    assert main(["-f", config, "check"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"journal/2026-03-07-keys.md:6: possible Secret Keyword: {HINT}",
        f"roadmaps/demo.yaml:{lines}: possible GitHub Token: {HINT}",
        "2 error(s)",
    ]
    assert main(["-f", config, "build"]) == 1
    assert not (fixture_site / "site").exists()
