"""Validate data against a JSON Schema shipped in generator/schemas, as `path:line:` problems."""

from __future__ import annotations

import difflib
import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from .errors import Collector
from .read_yaml import Lines, line_of

if TYPE_CHECKING:
    import jsonschema

TYPE_WORDS = {
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "string": "text",
    "array": "a list",
    "object": "a mapping of `key: value` lines",
}


def _looks_like(value, kind: str) -> bool:
    """True for a string such as "true" or "3" that is a boolean or number once unquoted."""
    if not isinstance(value, str):
        return False
    if kind == "boolean":
        return value.strip().lower() in ("true", "false", "yes", "no", "on", "off")
    try:
        float(value) if kind == "number" else int(value)
    except ValueError:
        return False
    return True


def _shown(value) -> str:
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return "nothing" if value is None else repr(value)


# The schemas Roadlog ships; each is published with the site at /schemas/<name>.schema.json.
SCHEMA_NAMES = ("roadmap", "entry", "topics")


def schema_text(name: str) -> str:
    """The JSON Schema `generator/schemas/<name>.schema.json`, as shipped."""
    return resources.files("generator").joinpath("schemas", f"{name}.schema.json").read_text()


@cache
def load_schema(name: str) -> dict:
    """The parsed JSON Schema `generator/schemas/<name>.schema.json`."""
    return json.loads(schema_text(name))


@cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    import jsonschema  # only for data the quick check refuses: its errors make the messages

    schema = load_schema(name)
    return jsonschema.validators.validator_for(schema)(schema)


@cache
def _quick_validator(name: str) -> jsonschema_rs.Validator:
    return jsonschema_rs.validator_for(load_schema(name))


def is_surely_valid(name: str, data: Any) -> bool:
    """True when jsonschema-rs finds `data` valid; False when it does not or cannot read it."""
    try:
        return _quick_validator(name).is_valid(data)
    except ValueError:
        return False  # a value JSON has no type for (a date, a non-text key): jsonschema judges


def check_schema(name: str, data: Any, lines: Lines, path: str, problems: Collector) -> bool:
    """Report every schema violation of `data`; return True when there is none."""
    if is_surely_valid(name, data):
        return True
    found = False
    for error in sorted(_validator(name).iter_errors(data), key=lambda e: list(map(str, e.path))):
        found = True
        where = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            _report_unknown_keys(where, error, lines, path, problems)
        else:
            problems.error(path, line_of(lines, where), _describe(where, error))
    return not found


def _report_unknown_keys(where: tuple, error, lines: Lines, path: str, problems: Collector) -> None:
    known = list(error.schema.get("properties", {}))
    for key in sorted(set(error.instance) - set(known), key=str):
        close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.75)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        location = dotted_path(where)
        message = f"unknown key {key!r}{hint}"
        problems.error(
            path, line_of(lines, where + (key,)), f"{location}: {message}" if location else message
        )


def _describe(where: tuple, error: jsonschema.ValidationError) -> str:
    location = dotted_path(where)
    if error.validator == "oneOf" and error.schema.get("description"):
        message = f"{error.instance!r} is not valid: {error.schema['description']}"
    elif error.validator == "type" and isinstance(error.validator_value, str):
        message = f"expected {TYPE_WORDS[error.validator_value]}, got {_shown(error.instance)}"
        if _looks_like(error.instance, error.validator_value):
            message += " (a quoted string: remove the quotes)"
    elif "x-message" in error.schema:  # the schema's own wording for this field
        message = f"{error.instance!r} {error.schema['x-message']}"
    else:
        message = error.message
    return f"{location}: {message}" if location else message


def dotted_path(where: tuple) -> str:
    """`children[0].day` for the key path ('children', 0, 'day')."""
    text = ""
    for part in where:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
