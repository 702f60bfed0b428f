"""Safe YAML reading that remembers the line of every key, for `path:line:` messages."""

from __future__ import annotations

from typing import Any

import yaml

Lines = dict[tuple, int]


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as strings so the JSON Schema sees what the learner typed."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class YamlProblem(Exception):
    """A YAML syntax or construction error, with the 1-based line it points at."""

    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message
        super().__init__(f"{line}: {message}")


def read_yaml(text: str, first_line: int = 1) -> tuple[Any, Lines]:
    """Parse one YAML document; return the data and a map of key path -> line number."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {(): first_line}
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line if mark else 0) + first_line
        raise YamlProblem(line, f"invalid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(first_line, f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    lines: Lines = {}
    _record_lines(node, data, (), lines, first_line - 1)
    return data, lines


def _record_lines(node: yaml.Node, data: Any, path: tuple, lines: Lines, offset: int) -> None:
    lines.setdefault(path, node.start_mark.line + 1 + offset)
    if isinstance(node, yaml.MappingNode) and isinstance(data, dict):
        seen: dict = {}
        for key_node, value_node in node.value:
            if key_node.value in seen:
                raise YamlProblem(
                    key_node.start_mark.line + 1 + offset,
                    f"duplicate key {key_node.value!r} (first on line {seen[key_node.value]})",
                )
            seen[key_node.value] = key_node.start_mark.line + 1 + offset
            key = key_node.value
            if key in data or _coerce(key) in data:
                key = key if key in data else _coerce(key)
                lines[path + (key,)] = key_node.start_mark.line + 1 + offset
                _record_lines(value_node, data[key], path + (key,), lines, offset)
    elif isinstance(node, yaml.SequenceNode) and isinstance(data, list):
        for index, (child, value) in enumerate(zip(node.value, data, strict=False)):
            _record_lines(child, value, path + (index,), lines, offset)


def _coerce(key: str) -> Any:
    try:
        return int(key)
    except ValueError:
        return key


def line_of(lines: Lines, path: tuple) -> int:
    """The line of the deepest known prefix of `path`."""
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return 1
