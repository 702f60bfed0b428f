"""`roadlog schema NAME` and `roadlog default-topics`: print what ships inside Roadlog, so a learner's
repository can use it (an editor's schema setting, a vocabulary of their own to start from)."""

from __future__ import annotations

import argparse
import sys

from .check_schema import SCHEMA_NAMES, schema_text
from .settings import DEFAULT_TOPICS


def add_schema_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the argument of `roadlog schema` to `parser` and set its `run` to run_schema."""
    parser.add_argument("name", metavar="NAME", help="the schema: " + " or ".join(SCHEMA_NAMES))
    parser.set_defaults(run=run_schema)


def run_schema(args: argparse.Namespace) -> int:
    """Print the schema `args.name`."""
    if args.name not in SCHEMA_NAMES:
        print(f"error: no schema {args.name!r}: {' or '.join(SCHEMA_NAMES)}", file=sys.stderr)
        return 1
    sys.stdout.write(schema_text(args.name))
    return 0


def run_default_topics(args: argparse.Namespace) -> int:
    """Print the default vocabulary, without its schema line (the editor settings of `roadlog
    init` map roadmaps/topics.yaml to the published schema; the shipped relative path would not)."""
    text = DEFAULT_TOPICS.read_text(encoding="utf-8")
    first, _, rest = text.partition("\n")
    sys.stdout.write(rest if first.startswith("# yaml-language-server:") else text)
    return 0
