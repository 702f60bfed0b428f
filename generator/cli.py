"""The `roadlog` command: build, serve and check a learner's site."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import re
import signal
import sys
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from .errors import RoadlogError, printable
from .importers.command import add_import_arguments
from .importers.log_command import add_import_log_arguments
from .new_entry import create_entries
from .pipeline import load_site
from .read_config import ConfigFileError, read_config_files
from .replace_site import TargetError, check_target, stage_site, swap_in
from .settings import DRAFTS_VARIABLE, today_in

# Where PyYAML says a problem is: `in "path", line 3, column 7` or `in "path", position 23`.
MARK = re.compile(
    r'\s*in "(?P<path>[^"]*)", (?:line (?P<line>\d+), column \d+|position (?P<position>\d+))'
)
# Problems in the learner's files are printed as they are, without `error: ` in front.
PROBLEM_LINES = re.compile(r"[^\s:][^:\n]*:\d+: [^\n]*(\n[^\s:][^:\n]*:\d+: [^\n]*)*")


def show_error(message: str) -> str:
    """`message` as the learner sees it: `path:line: …` lines bare, anything else after `error: `."""
    message = message.removeprefix("roadlog: ")
    return message if PROBLEM_LINES.fullmatch(message) else f"error: {message}"


class _Format(logging.Formatter):
    """Roadlog's own messages as bare `path:line: message`; MkDocs' with their level."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage().removeprefix("roadlog: ")
        if record.name == "mkdocs.plugins.roadlog":
            return message  # already `path:line: [warning: ]message`
        if record.levelno >= logging.ERROR:
            return show_error(message)
        return f"{record.levelname.lower()}: {message}"


def _setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Format())
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False


def _config(args, **overrides):
    """The MkDocs config of a command that lists the roadlog plugin; ConfigurationError if not."""
    config_file = Path(args.config_file)
    if config_file.is_file():  # else load_config says it is missing
        # MkDocs loads mkdocs.yml with an unsafe YAML loader: refuse what would run, first.
        try:
            read_config_files(config_file, config_file.resolve().parent)
        except ConfigFileError as exc:
            raise ConfigurationError(str(exc)) from None
    try:
        config = load_config(config_file=args.config_file, **overrides)
    except ConfigurationError as exc:
        raise ConfigurationError(_parse_error(str(exc), config_file)) from None
    if config.plugins.get("roadlog") is None:
        raise ConfigurationError(
            f"{printable(config_file.name)} does not list the `roadlog` plugin"
        )
    return config


def _parse_error(message: str, config_file: Path) -> str:
    """MkDocs' YAML error (a message, then `in "path", line N` lines) as one `path:N: …` line."""
    prefix = "MkDocs encountered an error parsing the configuration file: "
    if not message.startswith(prefix):
        return message
    marks = list(MARK.finditer(message))
    said = MARK.sub("", message.removeprefix(prefix)).splitlines()
    text = "; ".join(" ".join(line.split()) for line in said if line.strip())
    if not marks:
        return f"{printable(config_file.name)}:1: {text}"
    path, line, position = marks[-1].group("path", "line", "position")
    line = _line_of(Path(path), int(position) if line is None else None, int(line or 1))
    root = config_file.resolve().parent
    shown = os.path.relpath(Path(path).resolve(), root).replace(os.sep, "/")
    return f"{printable(shown)}:{line}: {printable(text)}"


def _line_of(path: Path, position: int | None, line: int) -> int:
    """The line of character `position` (a reader error gives no line), or `line`; never past the end.

    At the end of the file PyYAML names the line after the last one.
    """
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return line
    if position is not None:
        line = text[:position].count("\n") + 1
    return max(1, min(line, len(text.splitlines())))


def cmd_build(args) -> int:
    """Build beside the target, then swap it in: a failed build never leaves half a site."""
    config = _config(args, strict=args.strict)
    root = Path(config.config_file_path).resolve().parent
    target, origin = _build_target(args, config, root)
    protected = _protected_folders(config, root)
    try:
        check_target(target, root, protected)
        with stage_site(target) as staging:
            config["site_dir"] = str(staging)
            try:
                mkdocs_build(config)
            except (Abort, PluginError, ConfigurationError) as exc:
                if str(exc) != "Aborted with a BuildError!":  # BuildErrors were logged already
                    print(show_error(str(exc)), file=sys.stderr)
                print(
                    f"error: the build failed; {printable(target.name)}/ was left as it was",
                    file=sys.stderr,
                )
                return 1
            check_target(target, root, protected)  # again: it may have changed during the build
            swap_in(staging, target)
    except TargetError as exc:
        print(
            f"error: cannot build into {printable(str(target))} ({printable(origin)}): "
            f"{printable(str(exc))}; nothing was written. {exc.hint}",
            file=sys.stderr,
        )
        return 1
    print(f"Built {printable(str(target))}")
    return 0


def _build_target(args, config, root: Path) -> tuple[Path, str]:
    """The folder to build into, symlinks resolved, and how it was chosen (for messages)."""
    name = Path(config.config_file_path).name
    if args.site_dir:
        chosen = Path(args.site_dir)
        relative = "" if chosen.is_absolute() else f", from the folder of {name}"
        target, origin = root / chosen, f"-d {args.site_dir}{relative}"
    elif Path(config.site_dir).resolve() != root / "site":
        target, origin = Path(config.site_dir), f"site_dir in {name}"
    else:
        target, origin = root / "site", "the default"
    try:
        return target.resolve(), origin
    except RuntimeError:  # a symlink loop: check_target refuses it as not a folder
        return target, origin


def _protected_folders(config, root: Path) -> list[tuple[str, Path]]:
    """The learner's folders a site may not be, hold or lie inside."""
    plugin = config.plugins.get("roadlog")
    journal = plugin.config.journal_dir if plugin else "journal"
    roadmaps = plugin.config.roadmaps_dir if plugin else "roadmaps"
    folders = [
        ("the journal folder", root / journal),
        ("the roadmaps folder", root / roadmaps),
        ("the site_template folder", root / "site_template"),
        (f"the docs_dir of {Path(config.config_file_path).name}", Path(config.docs_dir)),
    ]
    if config.theme.custom_dir:
        folders.append(("the theme's custom_dir", Path(config.theme.custom_dir)))
    return [(name, folder.resolve()) for name, folder in folders]


class _Failed(Exception):
    """A command already told the learner what went wrong; exit with code 1."""


def _load(args):
    """Settings and the built Site for a command, or _Failed after printing every problem."""
    config = _config(args)
    settings = config.plugins["roadlog"].settings(config)
    try:
        site, warnings = load_site(settings)
    except RoadlogError as exc:
        for problem in exc.problems:
            print(problem)
        print(f"{len(exc.errors)} error(s)")
        raise _Failed from None
    return settings, site, warnings


def cmd_check(args) -> int:
    """Validate roadmaps and journal; print every problem as `path:line: message`."""
    _, site, warnings = _load(args)
    for problem in warnings:
        print(problem)
    count = len(site.roadmaps), len(site.entries), len(site.commits)
    print(
        f"OK: {count[0]} roadmap(s), {count[1]} published entr{'y' if count[1] == 1 else 'ies'}, "
        f"{count[2]} commit(s), {len(warnings)} warning(s)"
    )
    return 0


def cmd_status(args) -> int:
    """Print today's plan, the streak and the progress of every roadmap."""
    from rich.console import Console

    from .render_status import render_status

    settings, site, warnings = _load(args)
    for problem in warnings:  # on stderr: they must not garble the status
        print(problem, file=sys.stderr)
    # Piped or redirected: plain text at a fixed width, so the output is the same everywhere.
    terminal = sys.stdout.isatty()
    console = Console(file=sys.stdout, force_terminal=terminal, width=None if terminal else 100)
    console.print(render_status(site, settings))
    return 0


def cmd_new(args) -> int:
    """Create the day's entry for each roadmap planned that date, pre-filled from the plan."""
    settings, site, _ = _load(args)
    try:
        date = dt.date.fromisoformat(args.date) if args.date else today_in(settings.tz)
    except ValueError:
        print(f"error: --date {args.date!r} is not a date (YYYY-MM-DD)", file=sys.stderr)
        return 1
    return create_entries(settings, site, date, args.roadmap, args.edit)


def cmd_serve(args) -> int:
    """Live preview: rebuilds when the journal, roadmaps, templates or mkdocs.yml change."""
    from mkdocs.commands.serve import serve

    if args.drafts:
        os.environ[DRAFTS_VARIABLE] = "1"
    path = urlsplit(_config(args).site_url or "/").path or "/"  # mkdocs serve mounts the site there
    print(
        f"Serving on http://{args.dev_addr}{path} (Ctrl+C to stop){' with drafts' if args.drafts else ''}"
    )
    # A dirty build rebuilds only the pages whose source changed; the plugin makes that exact
    # (see keep_preview), so MkDocs' warning that a dirty build may be inaccurate is left out.
    logging.getLogger("mkdocs.commands.build").addFilter(
        lambda record: not record.getMessage().startswith("A 'dirty' build")
    )
    # `kill` or a closed terminal stops the preview as Ctrl+C does: its temporary folders go too.
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _interrupt)
    serve(
        config_file=args.config_file,
        open_in_browser=False,
        livereload=True,
        build_type="dirty",
        dev_addr=args.dev_addr,
    )
    return 0


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def make_parser() -> argparse.ArgumentParser:
    """The argument parser of `roadlog`."""
    parser = argparse.ArgumentParser(prog="roadlog", description=__doc__)
    parser.add_argument(
        "-f", "--config-file", default="mkdocs.yml", help="the MkDocs config (default: mkdocs.yml)"
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="show MkDocs' progress messages"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build the site into site/")
    build.add_argument(
        "--strict", action="store_true", help="treat warnings (e.g. a shallow clone) as errors"
    )
    build.add_argument(
        "-d",
        "--site-dir",
        metavar="DIR",
        help="where to build, from the folder of mkdocs.yml: a new or empty folder, or an earlier "
        "build, which is replaced (default: site_dir of mkdocs.yml, else site)",
    )
    build.set_defaults(run=cmd_build)
    check = sub.add_parser("check", help="validate roadmaps and journal entries")
    check.set_defaults(run=cmd_check)
    status = sub.add_parser("status", help="today's plan, the streak and progress per roadmap")
    status.set_defaults(run=cmd_status)
    imp = sub.add_parser("import", help="convert a markdown roadmap into roadmaps/<id>.yaml")
    add_import_arguments(imp)
    new = sub.add_parser("new", help="create the day's entry, pre-filled from the plan")
    new.add_argument(
        "--date",
        metavar="D",
        help="the day, YYYY-MM-DD (default: today in the configured timezone)",
    )
    new.add_argument(
        "--roadmap",
        metavar="ID",
        help="only this roadmap's day (default: every roadmap planned that day)",
    )
    new.add_argument("--edit", action="store_true", help="open the new entry in $VISUAL or $EDITOR")
    new.set_defaults(run=cmd_new)
    log = sub.add_parser(
        "import-log", help="split a 100 Days of Code log into one journal entry per day"
    )
    add_import_log_arguments(log)
    serve = sub.add_parser("serve", help="live preview")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    serve.add_argument(
        "--drafts", action="store_true", help="show drafts too, marked DRAFT (never in build)"
    )
    serve.set_defaults(run=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `roadlog` console script."""
    args = make_parser().parse_args(argv)
    _setup_logging(args.verbose)
    try:
        return args.run(args)
    except (ConfigurationError, PluginError) as exc:
        print(show_error(str(exc)), file=sys.stderr)
        return 1
    except _Failed:
        return 1


if __name__ == "__main__":
    sys.exit(main())
