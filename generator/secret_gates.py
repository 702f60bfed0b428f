"""What every match of each credential detector holds: a cheap test that lets only its lines through.

A gate must never be narrower than its detector: every match of every pattern of the detector
holds one of the gate's words or shapes (tests/test_secrets.py checks it with generated matches of
each pattern). The pre-filter of scan_secrets is the union of the gates, so it is never narrower
than the detectors either; and a suspect line is read only by the detectors whose gate opens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Gate:
    """Open on a line with one of `words` (case-folded), `cased` or `shapes`, and `signs` if set."""

    words: tuple[str, ...] = ()
    cased: tuple[str, ...] = ()
    shapes: tuple[re.Pattern, ...] = ()
    signs: re.Pattern | None = None

    @property
    def keys(self) -> frozenset:
        """Its words and shapes, any of which opens it."""
        return frozenset((*self.words, *self.cased, *self.shapes))


# Words of the secret-sounding names of case-insensitive patterns (`password`, `db_pass`, `pwd`).
NAMES = ("key", "pw", "pass", "token")
# Shapes of formats without a rare literal. Each begins with a literal, so a search skips through
# plain prose as fast as a substring test (one regex of all of them is ten times slower); a shape
# may serve several detectors, as a gate may be broader than its detector.
A_SHAPE = re.compile(
    r"A(?:(?:KIA|SIA|BIA|CCA|3T)[0-9A-Z]|KC[a-zA-Z0-9]{10}|P[\dA-F][a-zA-Z0-9]{8}|C[a-z0-9]{32})"
)
S_SHAPE = re.compile(r"S(?:K[a-z0-9]{32}|G\.[a-zA-Z0-9_-]{22}\.)")
URL_PASSWORD = re.compile(r"://[^/\s:@]*:[^@\s]+@")
SK_SHAPE = re.compile(r"sk(?:-(?:proj|svcacct|admin|ant)-|_live_)")

# The gate of each detector of secret_rules, by class name.
GATES = {
    "AWSKeyDetector": Gate(words=NAMES, shapes=(A_SHAPE,)),
    "ArtifactoryDetector": Gate(shapes=(A_SHAPE,)),
    "AzureStorageKeyDetector": Gate(words=("key",)),
    "BasicAuthDetector": Gate(shapes=(URL_PASSWORD,)),
    "CloudantDetector": Gate(words=NAMES, shapes=(URL_PASSWORD,)),
    "DiscordBotTokenDetector": Gate(shapes=(re.compile(r"\.[a-zA-Z\d_-]{6}\.[a-zA-Z\d_-]{27}"),)),
    "GitHubTokenDetector": Gate(shapes=(re.compile(r"gh[pousr]_"),)),
    "GitLabTokenDetector": Gate(
        cased=("GR1348941",),
        shapes=(re.compile(r"gl(?:pat|dt|ft|soat|rt|cbt|imt|ptt|agent|oas)-"),),
    ),
    "IbmCloudIamDetector": Gate(words=NAMES),
    "IbmCosHmacDetector": Gate(words=("secret",)),
    "JwtTokenDetector": Gate(cased=("eyJ",)),
    # Each of its patterns needs a secret-sounding name and a sign of assignment or comparison;
    # this detector is the slowest by far, so the gate asks for both.
    "KeywordDetector": Gate(
        words=("key", "pass", "pw", "secret", "contrase"), signs=re.compile(r"[:=;!]")
    ),
    "MailchimpDetector": Gate(shapes=(re.compile(r"-us[0-9]"),)),
    "NpmDetector": Gate(words=("token",)),
    "OpenAIDetector": Gate(cased=("T3BlbkFJ",)),
    "PrivateKeyDetector": Gate(words=("key",)),
    "PypiTokenDetector": Gate(cased=("pypi-",)),
    "SendGridDetector": Gate(shapes=(S_SHAPE,)),
    "SlackDetector": Gate(words=("xox", "hooks.slack.com")),
    "SoftlayerDetector": Gate(words=(*NAMES, "softlayer")),
    "SquareOAuthDetector": Gate(cased=("sq0csp-",)),
    "StripeDetector": Gate(cased=("rk_live_",), shapes=(SK_SHAPE,)),
    "TwilioKeyDetector": Gate(shapes=(A_SHAPE, S_SHAPE)),
    "GitHubFineGrainedTokenDetector": Gate(cased=("github_pat_",)),
    "GoogleApiKeyDetector": Gate(cased=("AIza",)),
    "HuggingFaceTokenDetector": Gate(cased=("hf_",)),
    "AnthropicKeyDetector": Gate(shapes=(SK_SHAPE,)),
    "OpenAIProjectKeyDetector": Gate(shapes=(SK_SHAPE,)),
    "BearerTokenDetector": Gate(words=("bearer",)),
    "AwsSecretAccessKeyDetector": Gate(words=("secret",)),
    "DatabaseUrlDetector": Gate(shapes=(URL_PASSWORD,)),
    "TelegramBotTokenDetector": Gate(shapes=(re.compile(r":AA[0-9A-Za-z_-]{33}"),)),
}

# The pre-filter: the union of the gates (their `signs` aside, which only narrow a gate).
FOLDED_WORDS = tuple(dict.fromkeys(word for gate in GATES.values() for word in gate.words))
CASED_WORDS = tuple(dict.fromkeys(word for gate in GATES.values() for word in gate.cased))
SHAPES = tuple(dict.fromkeys(shape for gate in GATES.values() for shape in gate.shapes))
_KEYS = {name: (gate.keys, gate.signs) for name, gate in GATES.items()}


def fold(text: str) -> str:
    """`text` case-folded as `(?i)` matches it (`ſ` as `s`, the Kelvin sign as `k`)."""
    return text.lower() if text.isascii() else text.casefold()


def open_gates(line: str) -> set[str]:
    """The names of the detectors whose gate opens on `line`."""
    folded = fold(line)
    hits = {word for word in FOLDED_WORDS if word in folded}
    hits.update(word for word in CASED_WORDS if word in line)
    hits.update(shape for shape in SHAPES if shape.search(line))
    return {
        name
        for name, (keys, signs) in _KEYS.items()
        if not hits.isdisjoint(keys) and (signs is None or signs.search(line))
    }
