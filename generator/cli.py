"""The `roadlog` command: build, serve and check a learner's site."""

from __future__ import annotations

import sys

try:  # Python takes about half a second to load roadlog: a Ctrl+C meanwhile is no traceback
    import argparse
    import contextlib
    import datetime as dt
    import importlib.metadata
    import logging
    import os
    import re
    import signal
    from pathlib import Path

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    from .errors import RoadlogError, printable
    from .importers.command import add_import_arguments
    from .importers.log_command import add_import_log_arguments
    from .init_project import add_init_arguments
    from .new_entry import create_entries
    from .pipeline import load_site
    from .print_shipped import add_schema_arguments, run_default_topics
    from .read_config import ConfigFileError, read_config_files
    from .replace_site import TargetError, check_target, stage_site, swap_in
    from .serve_preview import AddressError, serve_preview
    from .settings import DRAFTS_VARIABLE, today_in
except KeyboardInterrupt:
    print("Interrupted.", file=sys.stderr)
    raise SystemExit(130) from None

# Where PyYAML says a problem is: `in "path", line 3, column 7` or `in "path", position 23`.
MARK = re.compile(
    r'\s*in "(?P<path>[^"]*)", (?:line (?P<line>\d+), column \d+|position (?P<position>\d+))'
)
CONFIG_FILE = "mkdocs.yml"
DEV_ADDR = "127.0.0.1:8000"
# What stops `roadlog serve`: Ctrl+C, `kill`, a closed terminal (not on Windows).
STOP_SIGNALS = [name for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)]
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
    # Ctrl+C, `kill` or a closed terminal stop the preview, at any moment, its folders removed.
    for name in STOP_SIGNALS:
        number = getattr(signal, name)
        if signal.getsignal(number) != signal.SIG_IGN:  # `nohup`, a shell's background job
            signal.signal(number, _stop)
    try:
        if args.drafts:
            os.environ[DRAFTS_VARIABLE] = "1"
        serve_preview(
            lambda **overrides: _config(args, dev_addr=args.dev_addr, **overrides),
            lambda url: _say(
                f"Serving on {url}{' with drafts' if args.drafts else ''} (Ctrl+C to stop)"
            ),
        )
    except KeyboardInterrupt:
        lead = "\n" if sys.stdout.isatty() else ""  # on a terminal, below the `^C` it shows
        _say(f"{lead}Preview stopped.")
    except AddressError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    # Stopping is how a preview ends, whenever it comes: not a failure (as for `mkdocs serve`).
    return 0


def _say(line: str) -> None:
    """Print `line` now; a terminal closed already (SIGHUP) is no error."""
    with contextlib.suppress(OSError):
        print(line, flush=True)


def _stop(signum, frame):
    """Stop once: later signals are ignored, so that the clean-up runs to its end."""
    for name in STOP_SIGNALS:
        signal.signal(getattr(signal, name), signal.SIG_IGN)
    raise KeyboardInterrupt


def make_parser() -> argparse.ArgumentParser:
    """The argument parser of `roadlog`."""
    parser = argparse.ArgumentParser(
        prog="roadlog",
        description=__doc__,
        epilog="-f and -v go before or after the command. "
        "`roadlog COMMAND --help` shows the options of a command.",
        parents=[_global_options(before=True)],
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {_version()}",
        help="print roadlog's version and exit",
    )
    commands = parser.add_subparsers(
        dest="command",
        required=True,
        metavar="COMMAND",
        title="commands",
        help="the command to run, one of:",
    )
    after = _global_options(before=False)

    def add_command(name: str, help: str, run=None) -> argparse.ArgumentParser:
        """A subcommand; it takes -f and -v after its name too."""
        command = commands.add_parser(
            name, help=help, description=f"{help[0].upper()}{help[1:]}.", parents=[after]
        )
        if run is not None:
            command.set_defaults(run=run)
        return command

    build = add_command(
        "build",
        "build the site into site/ (or -d DIR); a failed build leaves it as it was",
        cmd_build,
    )
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
    add_command(
        "check",
        "validate roadmaps, journal entries and mkdocs.yml; print every problem as "
        "path:line: message",
        cmd_check,
    )
    add_command(
        "status",
        "print today's plan, the streak and the progress of every roadmap",
        cmd_status,
    )
    add_import_arguments(
        add_command("import", "convert a markdown roadmap into roadmaps/<id>.yaml")
    )
    new = add_command("new", "create the day's entry, pre-filled from the plan", cmd_new)
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
    add_import_log_arguments(
        add_command("import-log", "split a 100 Days of Code log into one journal entry per day")
    )
    add_init_arguments(
        add_command(
            "init",
            "start a learner's repository: mkdocs.yml, a plan, a first entry, the publish workflow",
        )
    )
    add_schema_arguments(
        add_command(
            "schema", "print a JSON Schema (the site publishes it at /schemas/NAME.schema.json)"
        )
    )
    add_command(
        "default-topics",
        "print the default topic vocabulary, to start a roadmaps/topics.yaml of your own",
        run_default_topics,
    )
    serve = add_command(
        "serve", "preview the site in a browser, rebuilt as you save (live reload)", cmd_serve
    )
    serve.add_argument(
        "-a",
        "--dev-addr",
        metavar="HOST:PORT",
        default=DEV_ADDR,
        help=f"the address to serve on (default: {DEV_ADDR})",
    )
    serve.add_argument(
        "--drafts", action="store_true", help="show drafts too, marked DRAFT (never in build)"
    )
    return parser


def _global_options(before: bool) -> argparse.ArgumentParser:
    """-f and -v, to take before the command (with their defaults) or after it.

    After it they default to argparse.SUPPRESS: when not given there, the value given before the
    command, or else the default, stays.
    """
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument(
        "-f",
        "--config-file",
        metavar="FILE",
        default=CONFIG_FILE if before else argparse.SUPPRESS,
        help=f"the MkDocs config (default: {CONFIG_FILE})",
    )
    options.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=False if before else argparse.SUPPRESS,
        help="show MkDocs' progress messages",
    )
    return options


def _version() -> str:
    """roadlog's version as installed: the `version` of pyproject.toml."""
    try:
        return importlib.metadata.version("roadlog")
    except importlib.metadata.PackageNotFoundError:  # a source tree that was never installed
        return "(version unknown: not installed)"


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `roadlog` console script."""
    try:
        args = make_parser().parse_args(argv)
        _setup_logging(args.verbose)
        return args.run(args)
    except (ConfigurationError, PluginError) as exc:
        print(show_error(str(exc)), file=sys.stderr)
        return 1
    except _Failed:
        return 1
    except KeyboardInterrupt:  # cmd_serve takes its own: for a preview it is the usual end
        print("Interrupted.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
