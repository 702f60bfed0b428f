"""The texts of mkdocs.yml that every page shows, and the values Roadlog refuses in them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from urllib.parse import urlsplit

import yaml

from .check_characters import BIDI_CONTROL, CONTROL, describe_unprintable
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
                f"{config_name}:{line}: {key}: the {describe_unprintable(bad)} is not allowed; delete it"
            )
    return problems


def is_refused(character: str) -> bool:
    """True for a character no shown setting may hold: what no title may hold, and a carriage
    return (a setting is one line; entries and roadmaps have their line ends made `\\n`)."""
    return character == "\r" or bool(
        CONTROL.fullmatch(character) or BIDI_CONTROL.fullmatch(character)
    )


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
