"""Credentials never reach the site: check and build refuse entries and roadmaps that hold one."""

from __future__ import annotations

import os
import random
import string
from pathlib import Path

import pytest
from detect_secrets.plugins import keyword
from detect_secrets.plugins.base import RegexBasedDetector
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.scan_secrets import (
    find_secrets,
    find_suspect_lines,
    is_suspect,
    scan_secrets,
    secret_problems,
)
from generator.secret_gates import GATES, open_gates
from generator.secret_rules import KEYWORD_KIND, RULES, load_detectors

HINT = "remove it (and revoke it if it was real), or add a `pragma: allowlist secret` comment on that line if it is not a secret"
ALNUM = string.ascii_letters + string.digits


def fake(length: int, alphabet: str = ALNUM) -> str:
    """Made-up random characters, the same on every run (no credential is written in this file)."""
    rng = random.Random(f"{length}{alphabet}")
    return "".join(rng.choice(alphabet) for _ in range(length))


# Made-up credentials in real formats (none is a published example value).
AWS_KEY = "AKIA" + "Q3VNZ7TWXK2MHP4R"
GITHUB = "ghp_" + "Zq8Xv2Lm4Nc6Rb1Td9Kw3Yh5Pj7Sg0Ae2Fu4"
SLACK = "xoxb-" + "263594206564-2343594206574-FGqddMF8t08v8N7Oq4i57vs1"
GITHUB_FINE = "github_pat_" + fake(22) + "_" + fake(59)
AZURE = "AccountKey=" + fake(86, ALNUM + "+/") + "=="
TWILIO_KEY = "SK" + fake(32, "0123456789abcdef")
TWILIO_SID = "AC" + fake(32, "0123456789abcde")
TWILIO_AUTH = fake(32, "123456789abcdef")
GOOGLE = "AIza" + fake(35, ALNUM + "_-")
AWS_SECRET = fake(40, ALNUM + "/+")
HUGGING_FACE = "hf_" + fake(34, string.ascii_letters)
ANTHROPIC = "sk-ant-api03-" + fake(93, ALNUM + "_-") + "AA"
OPENAI_PROJECT = "sk-proj-" + fake(156, ALNUM + "_-")
BEARER = fake(48, ALNUM + "._-")
TELEGRAM = "7123456789:AA" + fake(33, ALNUM + "_-")


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


# Each format that was published before (the pre-filter skipped it, or no detector knew it).
MISSED = {
    "github-fine-grained": (f"I made {GITHUB_FINE} for the deploy job.", "GitHub Token"),
    "azure-connection-string": (
        'AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=x;'
        f'{AZURE};EndpointSuffix=core.windows.net"',
        "Azure Storage Account access key",
    ),
    "twilio-key": (f"TWILIO_API_KEY={TWILIO_KEY}", "Twilio API Key"),
    "twilio-sid-and-token": (f'client = Client("{TWILIO_SID}", "{TWILIO_AUTH}")', "Twilio API Key"),
    "google": (f"My Maps key is {GOOGLE} (restricted to my domain).", "Google API Key"),
    "postgres-escaped-password": (
        "DATABASE_URL=postgres://admin:" + "p%2Fss!word" + "@db.example.com:5432/app",
        "Basic Auth Credentials",
    ),
    "mysql-slash-password": (
        "Then `mysql://root:" + "ab/cd!ef" + "@host/db` worked.",
        "Basic Auth Credentials",
    ),
    "aws-secret-in-prose": (
        f"I exported AWS_SECRET_ACCESS_KEY={AWS_SECRET} before running the script.",
        "AWS Secret Access Key",
    ),
    "aws-secret-in-backticks": (
        f"- in `~/.aws/credentials`: `aws_secret_access_key = {AWS_SECRET}`",
        "AWS Secret Access Key",
    ),
    "hugging-face": (f"huggingface-cli login --token {HUGGING_FACE}", "Hugging Face Token"),
    "anthropic": (f"ANTHROPIC_API_KEY={ANTHROPIC}", "Anthropic API Key"),
    "openai-project": (f'client = OpenAI(api_key="{OPENAI_PROJECT}")', "OpenAI Token"),
    "bearer": (
        f'curl -H "Authorization: Bearer {BEARER}" https://api.example.com/me',
        "Bearer Token",
    ),
    "telegram": (f"The bot answers with {TELEGRAM}", "Telegram Bot Token"),
    "keyword-and-format": (f"PASSWORD={GITHUB}", "GitHub Token"),
}


@pytest.mark.parametrize("line, kind", MISSED.values(), ids=MISSED.keys())
def test_each_format_once_and_only_its_kind(tmp_path, line, kind):
    text = f"---\ntitle: Setup\n---\nI configured the server today.\n\n{line}\n"
    assert scan(tmp_path, "journal/e.md", text) == [f"journal/e.md:6: possible {kind}: {HINT}"]


def test_prose_hashes_and_placeholders_are_not_secrets(tmp_path):
    text = """\
Key takeaways: an API key identifies the caller; a token expires; the password policy matters.
Fixed in commit 3f2a9c1d0e8b7a6f5e4d3c2b1a09f8e7d6c5b4a3 (sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b).
Connect with `postgresql://user:pass@localhost/app` and set `password: <your password>`.
    GEMINI_API_KEY: str
    API_TOKEN=${API_TOKEN}
    password = os.environ["PASSWORD"]
Atlas: `mongodb+srv://<user>:<password>@cluster0.example.net/db`; Vite: http://localhost:5173/@vite/client
I use sk-learn (scikit-learn) in a task-runner; a UUID 123e4567-e89b-12d3-a456-426614174000.
Base64 of "hello world" is `aGVsbG8gd29ybGQ=`; Bearer tokens expire: `Authorization: Bearer <token>`,
`Authorization: Bearer $ACCESS_TOKEN` or `-H "Authorization: Bearer ${TOKEN}"`.
The AWS docs' pair: AKIAIOSFODNN7EXAMPLE and wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY.
    AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
    HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
    OPENAI_API_KEY=your-api-key
    ANTHROPIC_API_KEY=sk-ant-api03-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
    GOOGLE_API_KEY=<your key>
    DATABASE_URL=postgres://${DB_USER}:${DB_PASSWORD}@db:5432/app
My SNS topic is arn:aws:sns:us-east-1:123456789012:MySNSTopicForNotificationsAboutMyDemoRepo.
"""
    assert scan(tmp_path, "journal/e.md", text) == []


def test_an_allowlist_comment_silences_a_line(tmp_path):
    text = f"A fake token for the docs: {GITHUB} <!-- pragma: allowlist secret -->\nAnd a real one: {GITHUB}\n"
    assert scan(tmp_path, "journal/e.md", text) == [
        f"journal/e.md:2: possible GitHub Token: {HINT}"
    ]
    yaml_text = f"title: Plan\nchildren:\n  - title: Tokens\n    notes: {GITHUB}  # pragma: allowlist secret\n"
    assert scan(tmp_path, "roadmaps/plan.yaml", yaml_text) == []


def test_the_pragma_works_where_people_put_it(tmp_path):
    text = f"""\
- token {GITHUB} <!-- pragma: allowlist secret -->
The CI token is `{GITHUB}` <!-- pragma: allowlist secret -->
GITHUB_TOKEN={GITHUB} <!-- pragma: allowlist secret -->
    SECRET_KEY=k9$Tq2!vLr8#Wm4z <!-- pragma: allowlist secret -->
<!-- pragma: allowlist nextline secret -->
    export HF_TOKEN={HUGGING_FACE}
And a real one: `{GITHUB}`
"""
    assert scan(tmp_path, "journal/e.md", text) == [
        f"journal/e.md:7: possible GitHub Token: {HINT}"
    ]
    yaml_text = f"""\
title: Plan
children:
  - title: Tokens
    tasks:
      - "export GITHUB_TOKEN={GITHUB}"  # pragma: allowlist secret
      - token {GITHUB}  # pragma: allowlist secret
    notes: |
      Connect with DATABASE_URL=postgres://admin:p%2Fss!word@db/app  # pragma: allowlist secret
      and `aws_secret_access_key = {AWS_SECRET}`
"""
    assert scan(tmp_path, "roadmaps/plan.yaml", yaml_text) == [
        f"roadmaps/plan.yaml:9: possible AWS Secret Access Key: {HINT}"
    ]


def test_find_secrets_reads_texts_in_memory_with_lines_split_at_newlines():
    texts = [
        ("repo@abc1234", f"Deploy\n\nwith the key\u2028{ANTHROPIC}\r\nand {GITHUB}"),
        ("author", "Ada Lovelace"),
        ("docs/page.md", f"{SLACK} <!-- pragma: allowlist secret -->"),
    ]
    found = find_secrets(texts)
    assert found == [
        ("repo@abc1234", 3, "Anthropic API Key"),
        ("repo@abc1234", 4, "GitHub Token"),
    ]
    assert [str(p) for p in secret_problems(found, hint="rewrite the commit")] == [
        "repo@abc1234:3: possible Anthropic API Key: rewrite the commit",
        "repo@abc1234:4: possible GitHub Token: rewrite the commit",
    ]
    assert str(secret_problems(found)[0]) == f"repo@abc1234:3: possible Anthropic API Key: {HINT}"
    assert find_secrets([]) == []


# ---- the pre-filter is never narrower than the detectors ----------------------------------------


def detector_patterns() -> list:
    """(detector name, pattern) of every pattern of every detector: each regex detector's
    `denylist`, and KeywordDetector's patterns for prose and for `.env`-style lines."""
    params = []
    for detector in load_detectors():
        name = type(detector).__name__
        patterns = getattr(detector, "denylist", None) or [
            *keyword.QUOTES_REQUIRED_DENYLIST_REGEX_TO_GROUP,
            *keyword.CONFIG_DENYLIST_REGEX_TO_GROUP,
        ]
        params += [pytest.param(name, p, id=f"{name}-{n}") for n, p in enumerate(patterns)]
    return params


def test_every_detector_is_made_of_patterns_the_property_covers_and_has_a_gate():
    detectors = load_detectors()
    for detector in detectors:
        assert isinstance(detector, RegexBasedDetector) or detector.secret_type == KEYWORD_KIND
    assert {type(d) for d in detectors} >= set(RULES)
    assert sorted(GATES) == sorted(type(d).__name__ for d in detectors)


PROSE = st.sampled_from(["", "Today I set up the server. ", "Notes: ", "- [x] ", "`"])


@pytest.mark.parametrize("name, pattern", detector_patterns())
def test_no_gate_and_no_pre_filter_is_narrower_than_its_detector(name, pattern):
    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        derandomize=os.environ.get("ROADLOG_EXPLORE") != "1",
        database=None,
    )
    @given(before=PROSE, match=st.from_regex(pattern), after=PROSE)
    def check(before, match, after):
        text = f"# Day 12\n\nI read the docs.\n{before}{match}{after}\nThen I went for a walk.\n"
        suspects = find_suspect_lines(text)
        for number, raw in enumerate(text.split("\n")):
            line = raw.rstrip()  # as find_secrets gives it to the detectors
            if pattern.search(line):
                assert name in open_gates(line)
                assert is_suspect(line)
                assert number in suspects

    check()


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


def test_check_and_build_refuse_the_formats_that_were_published(fixture_site: Path, capsys):
    (fixture_site / "journal" / "2026-03-07-cloud.md").write_text(
        "---\ndraft: true\n---\nStorage works:\n\n```python\n"
        f'CONNECTION = "DefaultEndpointsProtocol=https;AccountName=x;{AZURE};EndpointSuffix=core.windows.net"\n'
        f"```\n\n- logged in with `{HUGGING_FACE}`\n",
        encoding="utf-8",
    )
    roadmap = fixture_site / "roadmaps" / "demo.yaml"
    text = roadmap.read_text(encoding="utf-8")
    assert "'Task 2.1'" in text
    roadmap.write_text(
        text.replace("'Task 2.1'", f"'curl -H \"Authorization: Bearer {BEARER}\" api/me'"),
        encoding="utf-8",
    )
    line = text[: text.index("'Task 2.1'")].count("\n") + 1
    config = str(fixture_site / "mkdocs.yml")
    assert main(["-f", config, "check"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"journal/2026-03-07-cloud.md:7: possible Azure Storage Account access key: {HINT}",
        f"journal/2026-03-07-cloud.md:10: possible Hugging Face Token: {HINT}",
        f"roadmaps/demo.yaml:{line}: possible Bearer Token: {HINT}",
        "3 error(s)",
    ]
    assert main(["-f", config, "build"]) == 1
    assert not (fixture_site / "site").exists()


@pytest.mark.parametrize(
    "text, line",
    [
        ('---\ntitle: "\\x67' + GITHUB[1:] + '"\n---\nBody.\n', 2),  # YAML \x escape
        ('---\ntags: ["\\u0067' + GITHUB[1:] + '"]\n---\nBody.\n', 2),  # YAML \u escape
        ('---\ntitle: "\\U00000067' + GITHUB[1:] + '"\n---\nBody.\n', 2),
        ('---\ntitle: "' + GITHUB[:20] + "\\\n  " + GITHUB[20:] + '"\n---\nBody.\n', 2),
        ("Token: &#103;" + GITHUB[1:] + "\n", 1),  # an HTML entity
        ("Token: &#x67;" + GITHUB[1:] + "\n", 1),
        ("Token: ghp\\_" + GITHUB[4:] + "\n", 1),  # a markdown escape
        ("Token: " + GITHUB[:12] + "<!-- -->" + GITHUB[12:] + "\n", 1),  # a summary joins it
        ("Token: " + GITHUB[:12] + "<span></span>" + GITHUB[12:] + "\n", 1),
    ],
)
def test_a_credential_behind_an_escape_is_found_where_it_starts(tmp_path, text, line):
    assert scan(tmp_path, "journal/e.md", text) == [
        f"journal/e.md:{line}: possible GitHub Token: {HINT}"
    ]


def test_escapes_keep_the_line_numbers_of_what_follows(tmp_path):
    text = '---\ntitle: "a\\\n  b\\\n  c"\n---\n&amp; then\n' + GITHUB + "\n"
    assert scan(tmp_path, "journal/e.md", text) == [
        f"journal/e.md:7: possible GitHub Token: {HINT}"
    ]
