"""The credential detectors: detect-secrets' and Roadlog's own, and what they find on a line.

Roadlog's own detectors are of the formats detect-secrets 1.5 misses, written as its regex plugins,
with their shapes from gitleaks' default rules (config/gitleaks.toml). Each reports the part of its
match that is the secret, so placeholders (`user:pass@`, `${TOKEN}`) can be told apart;
`min_entropy` (bits per character) rules out made-up values such as `hf_aaaa…`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
from detect_secrets.filters import heuristic
from detect_secrets.plugins.base import RegexBasedDetector
from detect_secrets.plugins.keyword import CONFIG_DENYLIST_REGEX_TO_GROUP

from .secret_gates import open_gates

# detect-secrets' detectors of real credential formats (its TelegramBotTokenDetector is replaced
# below). The entropy detectors are left out: a learning journal is full of commit hashes,
# checksums and base64 examples, and they would cry wolf on every page.
DETECTORS = (
    "AWSKeyDetector", "ArtifactoryDetector", "AzureStorageKeyDetector", "BasicAuthDetector",
    "CloudantDetector", "DiscordBotTokenDetector", "GitHubTokenDetector", "GitLabTokenDetector",
    "IbmCloudIamDetector", "IbmCosHmacDetector", "JwtTokenDetector", "KeywordDetector",
    "MailchimpDetector", "NpmDetector", "OpenAIDetector", "PrivateKeyDetector", "PypiTokenDetector",
    "SendGridDetector", "SlackDetector", "SoftlayerDetector", "SquareOAuthDetector", "StripeDetector",
    "TwilioKeyDetector",
)  # fmt: skip
# KeywordDetector's kind (a secret-sounding name with a value): said only when no detector of a
# real format recognises the same line, so `PASSWORD=ghp_…` is one GitHub Token, not two problems.
KEYWORD_KIND = "Secret Keyword"
# `.env`-style assignments (`SECRET_KEY=abc`, `password: hunter2`) with a single-word value:
# KeywordDetector reads these only in configuration files, so such lines are also read as one.
ASSIGNMENT = re.compile(
    r"^\s*(?:export\s+)?[A-Za-z_][\w.-]*\s*[:=]\s*[\"']?[^\s\"'#]+[\"']?\s*(?:#.*|<!--.*-->)?$"
)
# Values that are examples, types or placeholders, never credentials: `postgresql://user:pass@host`,
# `GEMINI_API_KEY: str`, `password: <your password>`, `token: ${TOKEN}`, `AKIAIOSFODNN7EXAMPLE`.
PLACEHOLDER = re.compile(
    r"(?i)^(pass(word)?|secret|str|int|bool|none|null|true|false|changeme|redacted|hunter2|x+|\*+|\.+"
    r"|<[^>]*>|\{[^}]*\}|\$.*|.*(example|your|placeholder|dummy|fake|sample|xxxx).*)$"
)
TOKEN_END = r"(?![A-Za-z0-9_-])"
AWS_KEY_NAME = r"(?i:(?:aws[ _.-]?)?secret[ _.-]?access[ _.-]?key|aws[ _.-]?secret[ _.-]?key)"
DATABASE_SCHEMES = (
    r"(?i:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver"
    r"|oracle|cockroachdb|clickhouse|couchdb|neo4j|cassandra)(?:\+[A-Za-z0-9]+)?"
)


class GitHubFineGrainedTokenDetector(RegexBasedDetector):
    """Fine-grained GitHub personal access tokens: `github_pat_`, 22 characters, `_`, 59 characters."""

    secret_type = "GitHub Token"
    min_entropy = 3.0
    denylist = (re.compile(r"github_pat_[A-Za-z0-9_]{82}"),)


class GoogleApiKeyDetector(RegexBasedDetector):
    """Google (Cloud, Maps, Firebase, Gemini) API keys: `AIza` and 35 characters."""

    secret_type = "Google API Key"
    min_entropy = 3.0
    denylist = (re.compile(r"(?<![A-Za-z0-9+/_-])AIza[0-9A-Za-z_-]{35}"),)


class HuggingFaceTokenDetector(RegexBasedDetector):
    """Hugging Face access tokens: `hf_` and 34 letters."""

    secret_type = "Hugging Face Token"
    min_entropy = 3.0
    denylist = (re.compile(r"(?<![A-Za-z0-9_])hf_[A-Za-z]{34}" + TOKEN_END),)


class AnthropicKeyDetector(RegexBasedDetector):
    """Anthropic API, admin and OAuth keys: `sk-ant-api03-…`, `sk-ant-admin01-…`, `sk-ant-oat01-…`."""

    secret_type = "Anthropic API Key"
    min_entropy = 3.0
    denylist = (re.compile(r"sk-ant-[a-z]{2,10}[0-9]{2}-[A-Za-z0-9_-]{32,}"),)


class OpenAIProjectKeyDetector(RegexBasedDetector):
    """OpenAI project, service-account and admin keys, which lack the legacy `T3BlbkFJ` marker."""

    secret_type = "OpenAI Token"
    min_entropy = 3.0
    denylist = (re.compile(r"sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}"),)


class BearerTokenDetector(RegexBasedDetector):
    """Tokens sent as `Authorization: Bearer …` (in curl commands, HTTP files, code)."""

    secret_type = "Bearer Token"
    min_entropy = 3.0
    # A digit is required: prose such as "bearer authentication" is not a token.
    denylist = (
        re.compile(
            r"\b(?i:bearer)[ \t]+((?=[A-Za-z0-9._~+/-]*[0-9])[A-Za-z0-9._~+/-]{20,}=*)"
            r"(?![A-Za-z0-9._~+/=-])"
        ),
    )


class AwsSecretAccessKeyDetector(RegexBasedDetector):
    """AWS secret access keys written after their name, in prose, backticks or configuration."""

    secret_type = "AWS Secret Access Key"
    min_entropy = 3.0
    # `aws configure` prints `AWS Secret Access Key [None]: …`; files write `key = …` or `key: "…"`.
    denylist = (
        re.compile(
            AWS_KEY_NAME + r"(?:[ \t]*\[[^\]\n]*\])?[\"'`\]]*[ \t]*(?:=>|:=|[:=])?[ \t]*[\"'`]?"
            r"([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"
        ),
    )


class DatabaseUrlDetector(RegexBasedDetector):
    """URLs with a password that detect-secrets' BasicAuthDetector skips (`!`, `%2F`, `/` in it)."""

    secret_type = "Basic Auth Credentials"
    denylist = (
        # A database driver takes the password up to the last `@`, slashes included.
        re.compile(r"\b" + DATABASE_SCHEMES + r"://[^\s:/@'\"`<>]*:([^\s@'\"`<>]+)@"),
        re.compile(r"://[^\s:/@'\"`<>]*:([^\s/@'\"`<>]+)@"),
    )


class TelegramBotTokenDetector(RegexBasedDetector):
    """Telegram bot tokens: the bot's id, `:AA` and 33 characters.

    Replaces detect-secrets' detector of the same name, which takes the last digits of an AWS ARN
    (`arn:aws:sns:us-east-1:123456789012:MyTopic…`) for a bot id.
    """

    secret_type = "Telegram Bot Token"
    min_entropy = 3.0
    denylist = (re.compile(r"(?<![0-9])[0-9]{8,10}:AA[0-9A-Za-z_-]{33}" + TOKEN_END),)


RULES = (
    GitHubFineGrainedTokenDetector,
    GoogleApiKeyDetector,
    HuggingFaceTokenDetector,
    AnthropicKeyDetector,
    OpenAIProjectKeyDetector,
    BearerTokenDetector,
    AwsSecretAccessKeyDetector,
    DatabaseUrlDetector,
    TelegramBotTokenDetector,
)


def find_kinds(line: str) -> set[str]:
    """The kinds of credential the detectors find on `line`, placeholders and examples aside."""
    names = open_gates(line)
    kinds = set()
    for detector in load_detectors():
        if type(detector).__name__ not in names:
            continue
        if detector.secret_type == KEYWORD_KIND:
            values = list(detector.analyze_string(line))
            if ASSIGNMENT.match(line):
                values += detector.analyze_string(line, CONFIG_DENYLIST_REGEX_TO_GROUP)
        else:
            values = detector.analyze_string(line)
        if any(_is_credible(detector, value, line) for value in values):
            kinds.add(detector.secret_type)
    if len(kinds) > 1:
        kinds.discard(KEYWORD_KIND)
    return kinds


def _is_credible(detector, value: str, line: str) -> bool:
    if not value or PLACEHOLDER.match(value):
        return False
    if (
        heuristic.is_templated_secret(value)
        or heuristic.is_prefixed_with_dollar_sign(value)
        or heuristic.is_sequential_string(value)
        or heuristic.is_potential_uuid(value)
        or heuristic.is_not_alphanumeric_string(value)
    ):
        return False
    # `password = os.environ["PASSWORD"]` names a secret without holding one; a token of a known
    # format is one wherever it stands, even in `Github("ghp_…")`.
    if detector.secret_type == KEYWORD_KIND and (
        heuristic.is_likely_id_string(value, line, detector)
        or heuristic.is_indirect_reference(line)
    ):
        return False
    return _entropy(value) >= getattr(detector, "min_entropy", 0.0)


@lru_cache(maxsize=1)
def load_detectors() -> tuple:
    """One instance of each detector: detect-secrets' DETECTORS, then Roadlog's own RULES."""
    by_name = {cls.__name__: cls for cls in get_mapping_from_secret_type_to_class().values()}
    return tuple(by_name[name]() for name in DETECTORS) + tuple(rule() for rule in RULES)


def _entropy(value: str) -> float:
    counts = Counter(value).values()
    return -sum(n / len(value) * math.log2(n / len(value)) for n in counts)
