"""Safe YAML reading that remembers the line of every key, for `path:line:` messages."""

from __future__ import annotations

import bisect
import re
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from .check_characters import BIDI_CONTROL, CONTROL, describe, describe_unprintable

Lines = dict[tuple, int]


# Plain YAML only: what JSON can say, nothing that builds other objects.
PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")
}
# Deeper than any roadmap (phase > month > week > day > checklist items) and far below Python's
# recursion limit, which a file of 10,000 `[` would otherwise hit with a traceback.
MAX_DEPTH = 50
ALIASES = (
    "YAML anchors and aliases (&name, *name) are not supported here; write the value out in full"
)
# Plain words after PyYAML's own, for the mistakes learners make most.
HINTS = {
    "mapping values are not allowed here": "put quotes around a value that contains ': '",
    "found character '\\t' that cannot start any token": "indent with spaces, not tabs",
    "expected <block end>": "check the indentation of this line",
    "found unexpected end of stream": "a quote is not closed",
    "expected the node content, but found '<stream end>'": "is a '[' or '{' not closed?",
    "expected ',' or ']', but got '<stream end>'": "a '[' is not closed",
    "expected ',' or '}', but got '<stream end>'": "a '{' is not closed",
}


# Where libyaml and PyYAML disagree, PyYAML decides: libyaml accepts tabs inside plain values, a
# comment glued to a `|`/`>` header and other line breaks; PyYAML refuses control characters.
SLOW_PATH = re.compile(
    r"[\t\x85\u2028\u2029]|[|>][-+0-9]*#|" + yaml.reader.Reader.NON_PRINTABLE.pattern
)


# What the reader refuses in the file itself, it refuses through an escape too (`"\a"`, `"\e[31m"`,
# `"\0"`, `"\ud800"`, `"\uFFFE"`), and more: the reader lets noncharacters (`"\uFDD0"`,
# `"\U0001FFFE"`) and U+0085 (`"\N"`) through, which the body check refuses. Bidi overrides and
# isolates come in raw as well as escaped. Tab and line ends stay.
NEEDS_CHECK = re.compile(rf"\\|{CONTROL.pattern}|{BIDI_CONTROL.pattern}")


# What the reader refuses, and U+0085, which it takes for a line end that no editor shows.
RAW_CONTROL = re.compile(rf"\x85|{yaml.reader.Reader.NON_PRINTABLE.pattern}")


class Refused(yaml.MarkedYAMLError):
    """Valid YAML that Roadlog does not accept: anchors and aliases, tags, very deep nesting."""


class _Checks:
    """Refuses anchors and aliases, tags and deep nesting while composing, before anything is built.

    A "billion laughs" file of nested aliases expands to billions of values, and a recursive alias
    to an endless tree.
    """

    depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or event.anchor is not None:
            raise Refused(problem=ALIASES, problem_mark=event.start_mark)
        tag = getattr(event, "tag", None)
        if tag not in (None, "!") and tag not in PLAIN_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise Refused(
                problem=f"the YAML tag {shown!r} is not supported here; remove it",
                problem_mark=event.start_mark,
            )
        if self.depth >= MAX_DEPTH:
            raise Refused(
                problem=f"nested more than {MAX_DEPTH} levels deep", problem_mark=event.start_mark
            )
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Loader(_Checks, yaml.SafeLoader):
    """Pure-Python SafeLoader with the checks; dates stay strings so the JSON Schema sees what was typed.

    Its error messages are the ones Roadlog explains (see HINTS), so every error is reported from here.
    """


if yaml.__with_libyaml__:
    from yaml.cyaml import CParser

    class _FastLoader(_Checks, Composer, SafeConstructor, Resolver, CParser):
        """The same loader over libyaml's events: about five times faster on a clean file."""

        flow = 0  # how many `[...]` and `{...}` the node being composed is in

        def compose_node(self, parent, index):
            event = self.peek_event()
            # What libyaml reads otherwise, so PyYAML must: a bare `!` tag (null to PyYAML, ''
            # to libyaml) and a plain value with `?` inside brackets (an error to PyYAML).
            if getattr(event, "tag", None) == "!" or (
                self.flow and isinstance(event, yaml.ScalarEvent) and not event.style
                and "?" in event.value
            ):  # fmt: skip
                raise Refused(problem="read by PyYAML", problem_mark=None)
            opens = isinstance(event, yaml.CollectionStartEvent) and bool(event.flow_style)
            self.flow += opens
            try:
                return super().compose_node(parent, index)
            finally:
                self.flow -= opens

        def __init__(self, stream):
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

else:  # PyYAML built without libyaml
    _FastLoader = _Loader  # type: ignore[misc]


_Loader.yaml_implicit_resolvers = _FastLoader.yaml_implicit_resolvers = {
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
    line_at = _line_finder(text, first_line)
    escapes = bool(NEEDS_CHECK.search(text))
    if not SLOW_PATH.search(text):
        try:
            return _compose(_FastLoader(text), line_at, first_line, escapes)
        except (yaml.YAMLError, YamlProblem):
            pass  # parsed again below, for the message the learner is shown
    if raw := RAW_CONTROL.search(text):
        raise YamlProblem(line_at(raw.start()), _refuse_raw(raw.group()))
    try:
        loader = _Loader(text)  # refuses control characters at once
    except yaml.reader.ReaderError as exc:
        raise YamlProblem(line_at(exc.position), _refuse_raw(chr(exc.character))) from None
    try:
        return _compose(loader, line_at, first_line, escapes)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if "end of stream" in str(exc.problem) or "<stream end>" in str(exc.problem):
            # Point at what was left open (the quote, the `[`), not at the end of the file.
            mark = exc.context_mark or mark
        line = line_at(mark.index if mark else 0)
        if isinstance(exc, Refused):
            raise YamlProblem(line, exc.problem) from None
        raise YamlProblem(line, f"invalid YAML: {_explain(exc.problem or exc.context)}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(first_line, f"invalid YAML: {exc}") from None


def _compose(loader, line_at, first_line: int, escapes: bool) -> tuple[Any, Lines]:
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {(): first_line}
        if escapes:
            _check_characters(node, line_at)
        data = loader.construct_document(node)
    finally:
        loader.dispose()
    lines: Lines = {}
    _record_lines(node, data, (), lines, line_at)
    return data, lines


def _check_characters(root: yaml.Node, line_at) -> None:
    """Raise YamlProblem at the first scalar (key or value) holding a character a page cannot show,
    or a bidi control that would reorder the text around it."""
    found = []
    stack: list[tuple[yaml.Node, str | None]] = [(root, None)]
    while stack:
        node, key = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            if match := CONTROL.search(node.value):
                message = f"the {describe_unprintable(match.group())} is not allowed; delete it"
                found.append((line_at(node.start_mark.index), message))
            elif match := BIDI_CONTROL.search(node.value):
                where = f" in {key!r}" if key else ""
                found.append((line_at(node.start_mark.index), _bidi_message(match.group(), where)))
        elif isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                stack += [(key_node, None), (value_node, str(key_node.value))]
        else:
            stack.extend((child, key) for child in node.value)
    if found:
        raise YamlProblem(*min(found))


def _bidi_message(character: str, where: str) -> str:
    return (
        f"the bidi control {describe(character)} is not allowed{where}: it reorders the text "
        "around it on every page and feed; delete it"
    )


def _refuse_raw(character: str) -> str:
    return f"invalid YAML: the {describe_unprintable(character)} is not allowed; delete it"


def _line_finder(text: str, first_line: int):
    """A function from a character index of `text` to its line in the file.

    Counted from `\\n` alone: PyYAML's own line numbers also count U+0085, U+2028 and U+2029
    as line ends, which editors do not. The end of the text counts as its last line.
    """
    ends = [match.start() for match in re.finditer("\n", text)]
    last = len(ends) - (1 if text.endswith("\n") else 0)

    def line_at(index: int) -> int:
        return first_line + min(bisect.bisect_left(ends, index), max(last, 0))

    return line_at


def _explain(problem: str) -> str:
    if problem == "but found another document":
        return "a second document starts here ('---'), but a file holds only one"
    hint = next((hint for start, hint in HINTS.items() if problem.startswith(start)), None)
    return f"{problem} ({hint})" if hint else problem


def _record_lines(node: yaml.Node, data: Any, path: tuple, lines: Lines, line_at) -> None:
    lines.setdefault(path, line_at(node.start_mark.index))
    if isinstance(node, yaml.MappingNode) and isinstance(data, dict):
        seen: dict = {}
        for key_node, value_node in node.value:
            line = line_at(key_node.start_mark.index)
            if key_node.value in seen:
                raise YamlProblem(
                    line, f"duplicate key {key_node.value!r} (first on line {seen[key_node.value]})"
                )
            seen[key_node.value] = line
            key = key_node.value
            if key in data or _coerce(key) in data:
                key = key if key in data else _coerce(key)
                lines[path + (key,)] = line
                _record_lines(value_node, data[key], path + (key,), lines, line_at)
    elif isinstance(node, yaml.SequenceNode) and isinstance(data, list):
        for index, (child, value) in enumerate(zip(node.value, data, strict=False)):
            _record_lines(child, value, path + (index,), lines, line_at)


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
