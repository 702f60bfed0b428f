"""mkdocs.yml as written, before MkDocs loads it: the files it INHERITs, its tags, its key lines."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

# MkDocs loads mkdocs.yml with PyYAML's unsafe loader: `!!python/object/apply:os.system [...]`
# would run. `!!python/name:` only names an importable object, as mkdocs-material's emoji and
# custom fences need, so it stays.
PYTHON_TAG = "tag:yaml.org,2002:python/"
NAME_TAG = "tag:yaml.org,2002:python/name:"


class ConfigFileError(Exception):
    """mkdocs.yml (or a file it inherits from) that must not be loaded; one `path:line: message` per line."""


def read_config_files(config_file: Path, root: Path) -> list[tuple[str, yaml.Node | None]]:
    """(path relative to root, composed YAML) of `config_file` and every file it INHERITs from.

    Raises ConfigFileError for a Python tag that would build or run something, and for an INHERIT
    loop. A file PyYAML cannot parse is left to MkDocs, which says where (None in the list).
    """
    files: list[tuple[str, yaml.Node | None]] = []
    problems: list[str] = []
    seen: set[str] = set()
    path: Path | None = config_file
    while path is not None:
        shown = _relative(path, root)
        real = os.path.realpath(path)
        if real in seen:  # MkDocs would recurse until Python gives up
            child, line = files[-1][0], find_key_line(files[-1][1], ["INHERIT"]) or 1
            problems.append(
                f"{child}:{line}: INHERIT: {shown} is already read (a loop); remove this INHERIT"
            )
            break
        seen.add(real)
        node = _compose(path)
        files.append((shown, node))
        problems += [f"{shown}:{line}: {message}" for line, message in find_refused_tags(node)]
        path = _inherited(path, node)
    if problems:
        raise ConfigFileError("\n".join(problems))
    return files


def find_refused_tags(node: yaml.Node | None) -> list[tuple[int, str]]:
    """(line, message) of every Python tag under `node` other than `!!python/name:`."""
    found = []
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        tag = current.tag or ""
        if tag.startswith(PYTHON_TAG) and not tag.startswith(NAME_TAG):
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            message = f"the YAML tag {shown!r} is not supported here; remove it"
            found.append((current.start_mark.line + 1, message))
        if isinstance(current, yaml.MappingNode):
            stack += [part for pair in current.value for part in pair]
        elif isinstance(current, yaml.SequenceNode):
            stack += current.value
    return sorted(found)


def find_key_line(node: yaml.Node | None, keys: list[str]) -> int | None:
    """The 1-based line of the key `keys` (mapping keys and list indexes, as text) in `node`.

    A key that a list does not have by index is looked for in its mappings: `plugins: [{roadlog:
    …}]` has `plugins.roadlog`. Where the path stops, the line of its last key found.
    """
    line = None
    for key in keys:
        if isinstance(node, yaml.SequenceNode) and key.isdigit() and int(key) < len(node.value):
            node = node.value[int(key)]
            line = node.start_mark.line + 1
            continue
        mappings = [node] if isinstance(node, yaml.MappingNode) else []
        if isinstance(node, yaml.SequenceNode):
            mappings = [item for item in node.value if isinstance(item, yaml.MappingNode)]
        pairs = [
            (k, v)
            for mapping in mappings
            for k, v in mapping.value
            if isinstance(k, yaml.ScalarNode) and k.value == key
        ]
        if not pairs:
            return line
        key_node, node = pairs[-1]
        line = key_node.start_mark.line + 1
    return line


def _compose(path: Path) -> yaml.Node | None:
    try:
        with open(path, "rb") as stream:
            return yaml.compose(stream, Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError, RecursionError):
        return None  # MkDocs reports it when it loads the file


def _inherited(path: Path, node: yaml.Node | None) -> Path | None:
    """The file `path` INHERITs from (relative to its folder, as MkDocs reads it), if any."""
    if not isinstance(node, yaml.MappingNode):
        return None
    for key, value in node.value:
        if key.value == "INHERIT" and isinstance(value, yaml.ScalarNode):
            parent = Path(os.path.normpath(path.parent / value.value))
            return parent if parent.is_file() else None  # MkDocs says it is missing
    return None


def _relative(path: Path, root: Path) -> str:
    return os.path.relpath(path.resolve(), root).replace(os.sep, "/")
