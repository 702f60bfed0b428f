"""The texts of mkdocs.yml that every page shows, and the values Roadlog refuses in them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from urllib.parse import urlsplit

import yaml

from .read_config import find_key_line

# The MkDocs settings a page or feed shows: in the header, the footer, meta tags and links.
SHOWN_KEYS = (
    "site_name",
    "site_description",
    "site_author",
    "copyright",
    "site_url",
    "repo_url",
    "repo_name",
    "edit_uri",
)
# Settings whose every string reaches pages: the menu, scripts and styles, markdown options
# (a toc permalink symbol, a snippet), the theme's options (logo, favicon).
NESTED_KEYS = ("nav", "extra_css", "extra_javascript", "mdx_configs", "theme")
# Kept out of config_texts: what the plugin itself puts in `extra` while previewing.
OWN_EXTRA = ("roadlog_errors", "roadlog_preview")

Text = tuple[str, int, str]


def collect_config_texts(config, plugin_config, node: yaml.Node | None) -> tuple[Text, ...]:
    """(dotted key, line in mkdocs.yml or 1, value) of every string of `config` that the site shows."""
    found: list[tuple[str, list[str], str]] = []
    for key in SHOWN_KEYS:
        value = config.get(key)
        if isinstance(value, str):
            found.append((key, [key], value))
    extra = config.get("extra") or {}
    for key in [key for key in extra if key not in OWN_EXTRA]:
        for keys, value in _strings(extra[key], ["extra", str(key)]):
            found.append((".".join(keys), keys, value))
    # Written into every page's head, menu or content too (an `!ENV` value in any of them).
    for key in NESTED_KEYS:
        for keys, value in _strings(_plain(config.get(key)), [key]):
            found.append((".".join(keys), keys, value))
    plugin = ["plugins", "roadlog"]
    if isinstance(plugin_config.get("author"), str):
        found.append(("roadlog.author", [*plugin, "author"], plugin_config["author"]))
    for index, repo in enumerate(plugin_config.get("repos") or []):
        for field in ("url", "name"):
            if isinstance(repo.get(field), str):
                keys = [*plugin, "repos", str(index), field]
                found.append((f"roadlog.repos.{index}.{field}", keys, repo[field]))
    return tuple((key, _line(node, keys), value) for key, keys, value in found)


def find_refused_characters(texts: tuple[Text, ...], config_name: str) -> list[str]:
    """`config:line: key: the control character U+001B is not allowed; delete it`, per bad value."""
    problems = []
    for key, line, value in texts:
        bad = next((character for character in value if is_refused(character)), None)
        if bad is not None:
            problems.append(
                f"{config_name}:{line}: {key}: the {describe_character(bad)} is not allowed; delete it"
            )
    return problems


def is_refused(character: str) -> bool:
    """True for a character no shown setting may hold.

    C0 controls but tab and line feed, DEL, C1 controls, lone surrogates, noncharacters, and bidi
    embeddings, overrides and isolates: lxml refuses to write most of them (a traceback mid-build),
    HTML shows nothing for them, and a bidi override turns the rest of a line around.
    """
    code = ord(character)
    return (code < 0x20 and character not in "\t\n") or 0x7F <= code <= 0x9F or _kind(code) != ""


def describe_character(character: str) -> str:
    """`control character U+001B`, `bidi control U+202E`, `lone surrogate U+D800`, …"""
    code = ord(character)
    return f"{_kind(code) or 'control character'} U+{code:04X}"


def _kind(code: int) -> str:
    if 0xD800 <= code <= 0xDFFF:
        return "lone surrogate"
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return "noncharacter"
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return "bidi control"
    return ""


def is_web_address(url: str) -> bool:
    """True for an http(s) address with a host: what a commit link may point to."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _strings(value, keys: list[str]) -> Iterator[tuple[list[str], str]]:
    """(keys, text) of every string inside `value`, however deeply nested."""
    if isinstance(value, str):
        yield keys, value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _strings(item, [*keys, str(key)])
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _strings(item, [*keys, str(index)])


def _plain(value):
    """`value` as dicts, lists and strings: MkDocs wraps scripts and the theme in objects."""
    if isinstance(value, str) or value is None:
        return value
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if hasattr(value, "_vars"):  # mkdocs.theme.Theme: its options
        return _plain(dict(value._vars))
    if hasattr(value, "path"):  # ExtraScriptValue
        return str(value.path)
    return None


def _line(node: yaml.Node | None, keys: list[str]) -> int:
    return find_key_line(node, keys) or 1
