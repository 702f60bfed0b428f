"""`roadlog import`: convert a markdown plan into `roadmaps/<id>.yaml`, say what was recovered and
what was assumed, and never overwrite a file."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from ..errors import Collector, RoadlogError
from ..load_roadmaps import ID_PATTERN, load_roadmap
from ..read_input import read_input
from ..render_yaml import render_roadmap_yaml
from ..words import plural
from ..write_files import create_file
from .fields import kind_of

KINDS = [
    ("phases", "phase"),
    ("months", "month"),
    ("weeks", "week"),
    ("days", "day"),
    ("sections", "section"),
    ("items", "checklist item"),
    ("links", "link"),
]
# What `--dry-run` counts on each node, in this order.
PARTS = [
    ("tasks", "task"),
    ("concepts", "concept"),
    ("resources", "link"),
    ("checklist", "checklist item"),
    ("notes", "note"),
]
SHOWN_LINES = 12


def add_import_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of `roadlog import` to `parser` and set its `run` to run_import."""
    parser.add_argument("file", metavar="FILE.md", help="the markdown roadmap")
    parser.add_argument("--id", help="the roadmap id (default: from its title)")
    parser.add_argument("--title", help="the roadmap title (default: its first heading)")
    parser.add_argument("--start", metavar="DATE", help="the date of day 1, YYYY-MM-DD")
    parser.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="where to write: a file named <id>.yaml, or a folder (default: roadmaps/<id>.yaml)",
    )
    parser.add_argument(
        "--link-base",
        metavar="URL",
        help="make relative links (days/05.md) resources, resolved against URL",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="print the roadmap's outline; write nothing"
    )
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 and write nothing if there is a warning"
    )
    parser.set_defaults(run=run_import)


def run_import(args) -> int:
    """Convert a markdown roadmap into roadmap YAML; never overwrites an existing file."""
    source = Path(args.file)
    problem = _check_options(args)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    text = read_input(source)
    if text is None:
        return 1
    from .roadmap import import_roadmap  # here: its text repair libraries load slowly

    result = import_roadmap(
        text, args.id, args.title, args.start, name=source.stem, link_base=args.link_base
    )
    target = _target(args, result.data["id"])
    if target.stem != result.data["id"]:
        if not re.fullmatch(ID_PATTERN, target.stem):
            print(f"error: -o {args.output}: {_bad_name(target)}", file=sys.stderr)
            return 1
        result.data["id"] = target.stem  # the id is the file's name
    if args.strict and result.warnings:
        _print_warnings(source, result)
        print(
            f"error: {plural(len(result.warnings), 'warning')} and --strict: nothing was written",
            file=sys.stderr,
        )
        return 1
    if args.dry_run:
        _print_warnings(source, result)
        _print_lines(render_outline(result.data["children"]))
        print(f"Would write {target}: {_found(result)}")
        _print_lines(render_coverage(source, result))
        return 0
    try:
        create_file(
            target,
            render_roadmap_yaml(result.data, schema_reference(target)),
            check=_valid_roadmap(target),
        )
    except FileExistsError:
        print(
            f"error: {target} already exists; nothing was written (choose another --id or -o PATH)",
            file=sys.stderr,
        )
        return 1
    except RoadlogError as exc:
        for problem in exc.problems:
            print(f"error: the imported roadmap is not valid: {problem}", file=sys.stderr)
        return 1
    _print_warnings(source, result)
    print(f"Wrote {target}: {_found(result)}")
    _print_lines(render_coverage(source, result))
    return 0


def _print_warnings(source: Path, result) -> None:
    for line, message in result.warnings:
        print(f"{source}:{line}: warning: {message}")


def _print_lines(lines: list[str]) -> None:
    for line in lines:
        print(line)


def schema_reference(target: Path, config: Path = Path("mkdocs.yml")) -> str:
    """Where a written roadmap's `$schema` points: the shipped schema by a relative path in a
    checkout of Roadlog itself, else the copy the learner's site publishes (an installed package's
    path is this machine's alone)."""
    schema = Path(__file__).resolve().parent.parent / "schemas" / "roadmap.schema.json"
    here = Path.cwd().resolve()
    if here in schema.parents:
        return Path(os.path.relpath(schema, target.parent.resolve())).as_posix()
    site_url = _site_url(config)
    if site_url:
        return f"{site_url.rstrip('/')}/schemas/roadmap.schema.json"
    return schema.as_uri()


def _site_url(config: Path) -> str | None:
    """`site_url` of mkdocs.yml, or the default of its `!ENV [SITE_URL, default]`."""
    try:
        root = yaml.compose(config.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    for key, value in root.value if isinstance(root, yaml.MappingNode) else []:
        if key.value == "site_url":
            found = value.value[-1] if isinstance(value, yaml.SequenceNode) else value
            return found.value if isinstance(found, yaml.ScalarNode) and found.value else None
    return None


def _check_options(args) -> str | None:
    """What is wrong with the options, before anything is read."""
    if args.id and not re.fullmatch(ID_PATTERN, args.id):
        return f"--id {args.id!r} is not a valid id: use lowercase letters, digits, '-' and '_'"
    if args.start:
        try:
            dt.date.fromisoformat(args.start)
        except ValueError:
            return f"--start {args.start!r} is not a date (YYYY-MM-DD)"
    if args.link_base and urlsplit(args.link_base).scheme not in ("http", "https"):
        return f"--link-base {args.link_base!r} is not an http(s) URL"
    output = Path(args.output) if args.output else None
    if output and args.id and not _is_folder(args.output) and output.stem != args.id:
        return (
            f"-o {args.output} and --id {args.id} disagree: a roadmap file is named by its id "
            f"(use -o {output.with_name(args.id + output.suffix or '.yaml')})"
        )
    if output and not _is_folder(args.output) and not re.fullmatch(ID_PATTERN, output.stem):
        return f"-o {args.output}: {_bad_name(output)}"
    return None


def _is_folder(output: str) -> bool:
    """`-o plans/` or an existing folder: the file goes inside, named by the id."""
    return Path(output).is_dir() or output.endswith(("/", os.sep))


def _bad_name(path: Path) -> str:
    suggestion = re.sub(r"[^a-z0-9_-]+", "-", path.stem.lower()).strip("-_") or "plan"
    return (
        "a roadmap file is named by its id, which uses lowercase letters, digits, '-' and '_' "
        f"(e.g. {path.with_name(suggestion + '.yaml')})"
    )


def _target(args, roadmap_id: str) -> Path:
    if not args.output:
        return Path("roadmaps") / f"{roadmap_id}.yaml"
    output = Path(args.output)
    return output / f"{roadmap_id}.yaml" if _is_folder(args.output) else output


def _found(result) -> str:
    counts = ", ".join(plural(result.counts[key], word) for key, word in KINDS)
    return f"{counts}; {plural(len(result.warnings), 'warning')}"


def render_coverage(source: Path, result) -> list[str]:
    """What was assumed and which lines became notes, so nothing is lost silently."""
    lines = [f"{source}:{line}: assumed {message}" for line, message in result.assumptions]
    notes = result.note_lines
    if notes:
        shown = ", ".join(map(str, notes[:SHOWN_LINES])) + (
            ", …" if len(notes) > SHOWN_LINES else ""
        )
        lines.append(
            f"{plural(len(notes), 'block')} kept as notes (lines {shown}): "
            "check that they belong to no day or week"
        )
    return lines


def render_outline(nodes: list[dict], depth: int = 0) -> list[str]:
    """The tree as `--dry-run` prints it: kind, number, title and what each node holds."""
    lines = []
    for node in nodes:
        kind = kind_of(node)
        label = f"{kind} {node[kind]}" if kind != "section" else "section"
        parts = [
            plural(len(node[key]) if isinstance(node[key], list) else 1, word)
            for key, word in PARTS
            if node.get(key)
        ]
        held = f"  ({', '.join(parts)})" if parts else ""
        lines.append(f"{'  ' * depth}{label}: {node['title']}{held}")
        lines.extend(render_outline(node.get("children", []), depth + 1))
    return lines


def _valid_roadmap(target: Path):
    """A check for create_file: the staged YAML must load as a roadmap named like `target`."""

    def check(staged: Path) -> None:
        problems = Collector()
        load_roadmap(staged, str(target), problems)
        problems.raise_errors()

    return check
