"""Front matter keys that look like `draft` but are not: the entry would be published by mistake."""

from __future__ import annotations

import unicodedata

from .check_characters import describe
from .check_schema import dotted_path
from .errors import Collector
from .read_yaml import Lines, line_of

# Other tools' words for "do not publish" (Jekyll's `published: false`, Obsidian's `publish`,
# Hugo's `hidden`, blogs' `unlisted`, a work in progress).
SYNONYMS = {"private", "publish", "published", "unpublished", "hidden", "unlisted", "wip"}
YES_OR_NO = {"true", "false", "yes", "no", "on", "off", "y", "n"}
# Letters of other scripts drawn like the Latin ones of `draft` (after casefold).
LOOKALIKES = str.maketrans("аɑαԁгᴦƒтτ", "aaadrrftt")
# The ASCII characters `skeleton` drops: controls, the space and `-_.`.
ASCII_DROPPED = str.maketrans("", "", "".join(map(chr, range(32))) + "\x7f -_.")


def check_draft_keys(meta: dict, lines: Lines, path: str, problems: Collector) -> set:
    """Record an error for each key that looks like `draft`; return the top-level keys reported.

    `Draft`, `drafts`, `is_draft`, `draf`, `ｄｒａｆｔ`, `drаft` (a Cyrillic `а`) and a `draft:`
    nested under another key all mean "keep it private" to the learner, and are read as nothing:
    a warning would let the build publish the entry, so each is an error.
    """
    reported = set()
    for key, value in meta.items():
        message = _top_level_message(key, value)
        if message:
            problems.error(path, line_of(lines, (key,)), message)
            reported.add(key)
    for where, key in _nested_keys(meta, ()):
        if key == "draft" or looks_like_draft(key):
            problems.error(
                path,
                line_of(lines, where + (key,)),
                f"{dotted_path(where + (key,))}: `draft` keeps an entry unpublished only at the top "
                f"of the front matter, at the start of a line; move it out of {dotted_path(where)}",
            )
    return reported


def _top_level_message(key, value) -> str | None:
    if key == "draft":
        return None
    if key == "review" and _is_yes_or_no(value):
        # `review: true` reads as "held for review" (WordPress' "Pending Review"): it names a period.
        return (
            f"review: {value!r} is not a period: `review:` names the week (2026-W48) or month "
            "(2026-11) an entry reflects on; only `draft: true` keeps an entry unpublished"
        )
    if looks_like_draft(key):
        # Show the first character that is not what it seems: `drаft` reads as `draft`.
        odd = next((c for c in str(key) if not c.isascii()), None)
        hint = f" its {odd!r} is {describe(odd)}" if odd else ""
        return (
            f"unknown key {key!r} (did you mean 'draft'?{hint}): only `draft: true` keeps an "
            "entry unpublished; fix the key, or rename it if it is not about drafts"
        )
    if skeleton(key) in SYNONYMS and _is_yes_or_no(value):
        return (
            f"unknown key {key!r}: Roadlog keeps an entry unpublished only with `draft: true`; "
            f"write that instead of {key!r}, or delete it"
        )
    return None


def _is_yes_or_no(value) -> bool:
    """True for `true`, `false` and their spellings: `published: 2026-03-02` is no draft flag."""
    return isinstance(value, bool) or str(value).strip().lower() in YES_OR_NO


def _nested_keys(value, where: tuple):
    """(path of the mapping, key) of every key below the top level."""
    children = value.items() if isinstance(value, dict) else enumerate(value)
    for key, child in children:
        here = where + (key,)
        if isinstance(child, dict):
            yield from ((here, k) for k in child)
        if isinstance(child, (dict, list)):
            yield from _nested_keys(child, here)


def looks_like_draft(key) -> bool:
    """True for `draft` and the keys a learner would mean it by (`Draft`, `drafts`, `ｄｒａｆｔ`)."""
    word = skeleton(key)
    return "draft" in word or (len(word) > 2 and _one_edit_apart(word, "draft"))


def skeleton(key) -> str:
    """The key as it reads: compatibility forms folded, accents, spaces, `-_.` and invisible
    characters dropped, lowercase, and look-alike letters of other scripts made Latin."""
    text = str(key)
    if text.isascii():  # nearly every key: no accent, look-alike or invisible character to fold
        return text.translate(ASCII_DROPPED).casefold()
    text = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in text if unicodedata.category(c)[0] not in "MCZ" and c not in "-_.")
    return kept.casefold().translate(LOOKALIKES)


def _one_edit_apart(a: str, b: str) -> bool:
    """True when one insertion, deletion, replacement or swap of two neighbours turns `a` into `b`."""
    if abs(len(a) - len(b)) > 1:
        return False
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    a, b = a[start:], b[start:]
    return (
        a[1:] == b[1:]  # replaced (or equal)
        or a[1:] == b  # deleted
        or a == b[1:]  # inserted
        or (a[:2] == b[1::-1] and a[2:] == b[2:])  # swapped
    )
