"""`roadlog import-log`: write one journal entry per day of a 100 Days of Code log, never over a
file."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ..read_input import read_input
from ..write_files import create_file
from .log import DEFAULT_TAG, split_log


def add_import_log_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of `roadlog import-log` to `parser` and set its `run` to run_import_log."""
    parser.add_argument(
        "log", metavar="LOG.md", help="the log: one markdown file, a `### Day N: date` per day"
    )
    parser.add_argument(
        "--year",
        type=_year,
        metavar="YYYY",
        help="the year of dates written without one (`June 27, Monday`)",
    )
    parser.add_argument(
        "-o", "--output", metavar="DIR", default="journal", help="where to write (default: journal)"
    )
    parser.add_argument(
        "--tag",
        action="append",
        type=_tag,
        metavar="TAG",
        help=f"tag the entries TAG instead of {DEFAULT_TAG}; repeat for several",
    )
    parser.set_defaults(run=run_import_log)


def _year(text: str) -> int:
    if not re.fullmatch(r"\d{4}", text) or not 1000 <= int(text) <= 9000:
        raise argparse.ArgumentTypeError(f"{text!r} is not a year (YYYY)")
    return int(text)


def _tag(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("a tag cannot be empty")
    return text.strip()


def run_import_log(args) -> int:
    """Write a journal entry per day of the log, never over a file; exit 1 if a day was left out."""
    source = Path(args.log)
    text = read_input(source)
    if text is None:
        return 1
    result = split_log(text, args.year, args.tag or [DEFAULT_TAG])
    messages = [(line, "warning", message) for line, message in result.warnings]
    messages += [(line, "error", message) for line, message in result.problems]
    if not result.days:
        _print_messages(source, messages)
        print(
            f"error: {source}: no days found (headings like `### Day 1: March 2, 2021`)",
            file=sys.stderr,
        )
        return 1
    folder = Path(args.output)
    written = skipped = 0
    for entry in result.entries:
        target = folder / entry.path
        try:
            create_file(target, entry.file_text())
            written += 1
        except FileExistsError:
            messages.append((entry.line, "error", f"{target.as_posix()} already exists; skipped"))
            skipped += 1
        except OSError as exc:
            message = f"cannot write {target.as_posix()}: {exc.strerror or exc}"
            messages.append((entry.line, "error", message))
            skipped += 1
    _print_messages(source, messages)
    skipped += result.repeated
    print(
        f"Wrote {written} entr{'y' if written == 1 else 'ies'} to {folder.as_posix().rstrip('/')}/ "
        f"({skipped} skipped, {result.undated} undated)"
    )
    return 1 if skipped or result.undated else 0


def _print_messages(source: Path, messages: list[tuple[int, str, str]]) -> None:
    for line, level, message in sorted(messages, key=lambda m: m[0]):
        print(f"{source}:{line}: {level}: {message}")
