"""Refuse to publish credentials: scan entries and roadmaps with detect-secrets."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from .cache_files import NO_CACHE, FileCache
from .errors import Problem

# Detectors of real credential formats. The entropy detectors are left out: a learning journal is
# full of commit hashes, checksums and base64 examples, and they would cry wolf on every page.
PLUGINS = [
    {"name": name}
    for name in (
        "AWSKeyDetector", "ArtifactoryDetector", "AzureStorageKeyDetector", "BasicAuthDetector",
        "CloudantDetector", "DiscordBotTokenDetector", "GitHubTokenDetector", "GitLabTokenDetector",
        "IbmCloudIamDetector", "IbmCosHmacDetector", "JwtTokenDetector", "KeywordDetector",
        "MailchimpDetector", "NpmDetector", "OpenAIDetector", "PrivateKeyDetector", "PypiTokenDetector",
        "SendGridDetector", "SlackDetector", "SoftlayerDetector", "SquareOAuthDetector", "StripeDetector",
        "TelegramBotTokenDetector", "TwilioKeyDetector",
    )
]  # fmt: skip
# A cheap first look: only files with one of these are given to the detectors (most entries have
# none). Plain substrings of the lowercased text: one regular expression of them all took 0.3 s
# for a thousand entries, these take 0.05 s.
SUSPECT_WORDS = (
    "passw", "pwd", "secret", "token", "apikey", "api_key", "api-key", "accesskey", "access_key",
    "access-key", "privatekey", "private_key", "private-key", "credential", "bearer", "authkey",
    "auth_key", "auth-key", "akia", "asia", "ghp_", "gho_", "ghs_", "ghu_", "github_pat_", "glpat-",
    "sk-", "sk_live", "rk_live", "sg.", "npm_", "pypi-", "eyj", "-----begin", "sq0",
)  # fmt: skip
SUSPECT_PATTERN = re.compile(r"(?i)xox[abposr]-|://[^/\s:@]+:[^@\s]+@|\d{8,10}:AA|-us\d")
PATTERN_PIECES = ("xox", "://", ":aa", "-us")
# `.env`-style assignments (`SECRET_KEY=abc`, `password: hunter2`) with a single-word value: the
# detectors read these only in configuration files, so such lines are also scanned as one.
ASSIGNMENT = re.compile(
    r"^\s*(?:export\s+)?[A-Za-z_][\w.-]*\s*[:=]\s*[\"']?[^\s\"'#]+[\"']?\s*(?:#.*|<!--.*-->)?$"
)
ALLOW = "pragma: allowlist secret"
# Values that are examples, types or placeholders, never credentials: `postgresql://user:pass@host`,
# `GEMINI_API_KEY: str`, `password: <your password>`, `token: ${TOKEN}`.
PLACEHOLDER = re.compile(
    r"(?i)^(pass(word)?|secret|str|int|bool|none|null|true|false|changeme|redacted|hunter2|x+|\*+|\.+"
    r"|<[^>]*>|\{[^}]*\}|\$.*|.*(example|your|placeholder|dummy|fake|sample|xxxx).*)$"
)


def is_suspect(text: str) -> bool:
    """Whether `text` has anything that might begin a credential (a keyword or a known prefix)."""
    lowered = text.lower()
    if any(word in lowered for word in SUSPECT_WORDS):
        return True
    # Each pattern needs one of these pieces: most texts are ruled out without a regex search.
    return any(piece in lowered for piece in PATTERN_PIECES) and bool(SUSPECT_PATTERN.search(text))


def scan_secrets(files: list[tuple[str, Path]], cache: FileCache = NO_CACHE) -> list[Problem]:
    """`path:line: possible <kind>` errors for every credential found in `files` (display path, file)."""
    if cache is not NO_CACHE:  # file by file, so that only changed files are scanned again
        return sorted(
            problem
            for shown, file in files
            for problem in cache.get(
                "scan_secrets", file, lambda one=(shown, file): scan_secrets([one])
            )
        )
    texts = []
    for shown, file in files:
        try:
            text = file.read_text(encoding="utf-8-sig", errors="replace")
        except OSError:
            continue
        if is_suspect(text):
            texts.append((shown, text))
    if not texts:
        return []
    # Loaded only when some text is suspect: detect-secrets (and `requests`) take 0.1 s to import.
    from detect_secrets.core.secrets_collection import SecretsCollection
    from detect_secrets.settings import default_settings, transient_settings

    found: set[tuple[str, int, str]] = set()
    with (
        tempfile.TemporaryDirectory(prefix="roadlog-secrets-") as folder,
        default_settings() as defaults,
    ):
        filters = defaults.json()["filters_used"]
        with transient_settings({"plugins_used": PLUGINS, "filters_used": filters}):
            for index, (shown, text) in enumerate(texts):
                # Only suspect lines are handed over, with their line numbers kept aside: the
                # detectors cost about a millisecond per ten lines, and most lines are plain prose.
                suspects = [
                    (n, line) for n, line in enumerate(text.splitlines(), 1) if is_suspect(line)
                ]
                configish = [(n, line) for n, line in suspects if ASSIGNMENT.match(line)]
                for suffix, chosen in ((".md", suspects), (".conf", configish)):
                    if not chosen:
                        continue
                    scanned = Path(folder, f"{index}{suffix}")
                    scanned.write_text(
                        "\n".join(line for _, line in chosen) + "\n", encoding="utf-8"
                    )
                    collection = SecretsCollection()
                    collection.scan_file(str(scanned))
                    for secrets in collection.data.values():
                        found.update(
                            (shown, chosen[secret.line_number - 1][0], secret.type)
                            for secret in secrets
                            if not PLACEHOLDER.match(str(secret.secret_value or ""))
                        )
    return [
        Problem(
            shown,
            line,
            f"possible {kind}: remove it (and revoke it if it was real), or add a "
            f"`{ALLOW}` comment on that line if it is not a secret",
        )
        for shown, line, kind in sorted(found)
    ]
