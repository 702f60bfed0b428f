"""Refuse to publish credentials: a fast look for anything suspect, then the detectors of secret_rules."""

from __future__ import annotations

import bisect
import re
from pathlib import Path

from .cache_files import NO_CACHE, FileCache
from .decode_text import decode_escapes
from .errors import Problem
from .secret_gates import CASED_WORDS, FOLDED_WORDS, SHAPES, fold

ALLOW = "pragma: allowlist secret"
# detect-secrets' pragma, anywhere on the line (after `<!--`, `#`, `//`, in a list item or after
# backticks), or as `pragma: allowlist nextline secret` on the line before.
ALLOW_LINE = re.compile(r"pragma: ?(?:allow|white)list[ -]secret")
ALLOW_NEXT_LINE = re.compile(r"pragma: ?allowlist[ -]nextline[ -]secret")
DEFAULT_HINT = (
    f"remove it (and revoke it if it was real), or add a `{ALLOW}` comment on that line if it is "
    "not a secret"
)


def is_suspect(text: str) -> bool:
    """Whether `text` has anything that might begin a credential (a keyword or a known prefix).

    The pre-filter: most texts have nothing, and only suspect lines are given to the detectors. It
    is the union of secret_gates' gates, so never narrower than the detectors.
    """
    folded = fold(text)
    return (
        any(word in folded for word in FOLDED_WORDS)
        or any(word in text for word in CASED_WORDS)
        or any(shape.search(text) for shape in SHAPES)
    )


def find_suspect_lines(text: str) -> list[int]:
    """The 0-based numbers of the lines of `text` (split at "\\n") that `is_suspect` would accept."""
    if not is_suspect(text):  # most texts: one pass over them
        return []
    folded = fold(text)
    starts = _line_starts(text)
    # Folding may change a text's length (`ß` to `ss`), never its line breaks.
    folded_starts = starts if len(folded) == len(text) else _line_starts(folded)
    lines = {
        bisect.bisect_right(folded_starts, at) - 1
        for word in FOLDED_WORDS
        for at in _find_all(folded, word)
    }
    lines.update(
        bisect.bisect_right(starts, at) - 1 for word in CASED_WORDS for at in _find_all(text, word)
    )
    lines.update(
        bisect.bisect_right(starts, m.start()) - 1 for shape in SHAPES for m in shape.finditer(text)
    )
    return sorted(lines)


def find_secrets(texts: list[tuple[str, str]]) -> list[tuple[str, int, str]]:
    """(key, 1-based line within that text, kind) for every credential in `texts` ((key, text) pairs), sorted."""
    found: set[tuple[str, int, str]] = set()
    for key, text in texts:
        numbers = find_suspect_lines(text)
        if not numbers:
            continue
        # Loaded only for a suspect line: detect-secrets (and `requests`) take 0.1 s to import.
        from .secret_rules import find_kinds

        lines = text.split("\n")
        for number in numbers:
            line = lines[number].rstrip()
            if ALLOW_LINE.search(line) or (number and ALLOW_NEXT_LINE.search(lines[number - 1])):
                continue
            found.update((key, number + 1, kind) for kind in find_kinds(line))
    return sorted(found)


def secret_problems(found: list[tuple[str, int, str]], hint: str = DEFAULT_HINT) -> list[Problem]:
    """`key:line: possible <kind>: <hint>` for each of `find_secrets`' findings."""
    return [Problem(key, line, f"possible {kind}: {hint}") for key, line, kind in found]


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
    found = []
    for shown, file in files:
        try:
            text = file.read_text(encoding="utf-8-sig", errors="replace")
        except OSError:
            continue
        found += find_secrets([(shown, text)])
        decoded = decode_escapes(text)  # "\x67hp_…" in YAML, `&#103;hp_…` in HTML show a token
        if decoded != text:
            found += find_secrets([(shown, decoded)])
    return secret_problems(sorted(set(found)))


def _find_all(text: str, word: str):
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]
