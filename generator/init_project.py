"""`roadlog init [DIR]`: scaffold a learner's repository (mkdocs.yml, a plan, a first entry, the
publish workflow, .gitignore, editor settings, a README), never over an existing file."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import jinja2

from .read_input import read_input
from .settings import DEFAULT_TEMPLATE_DIR, today_in
from .write_files import create_file

INIT_DIR = DEFAULT_TEMPLATE_DIR / "init"
# What init writes: the file in the learner's folder <- its template in site_template/init/.
FILES = {
    "mkdocs.yml": "mkdocs.yml.j2",
    "roadmaps/first-steps.yaml": "first-steps.yaml.j2",
    "journal/{year}/{today}-starting.md": "first-entry.md.j2",
    "docs/about.md": "about.md.j2",
    ".github/workflows/publish.yml": ".github/workflows/publish.yml",
    ".gitignore": "gitignore",
    ".vscode/settings.json": "vscode-settings.json.j2",
    "README.md": "README.md.j2",
}
ADDABLE = [path for path in FILES if "{" not in path]
GITHUB = re.compile(
    r"^(?:git@github\.com:|https://github\.com/|ssh://git@github\.com/)([^/]+)/(.+?)(?:\.git)?/?$"
)
LOCAL_URL = "http://127.0.0.1:8000/"


def add_init_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of `roadlog init` to `parser` and set its `run` to run_init."""
    parser.add_argument(
        "dir",
        nargs="?",
        default=".",
        metavar="DIR",
        help="the folder (default: ., the current one)",
    )
    parser.add_argument("--name", help="the site's name (default: from the folder's name)")
    parser.add_argument(
        "--roadmap",
        metavar="FILE.md",
        help="import this markdown plan into roadmaps/ (default: a small example plan)",
    )
    parser.add_argument(
        "--timezone", help="the IANA time zone of your days (default: this machine's, else UTC)"
    )
    parser.add_argument(
        "--add",
        action="append",
        metavar="PATH",
        help="in a folder that is not empty, write only this file (repeat for several): "
        + ", ".join(ADDABLE),
    )
    parser.set_defaults(run=run_init)


def run_init(args) -> int:
    """Write the scaffold; refuse a non-empty folder unless --add names the files to write."""
    folder = Path(args.dir)
    unknown = [path for path in args.add or [] if path not in ADDABLE]
    if unknown:
        print(
            f"error: --add {unknown[0]}: not a file init writes ({', '.join(ADDABLE)})",
            file=sys.stderr,
        )
        return 1
    if folder.exists() and not folder.is_dir():
        print(f"error: {folder} is not a folder", file=sys.stderr)
        return 1
    busy = folder.is_dir() and any(p.name != ".git" for p in folder.iterdir())
    if busy and not args.add:
        print(
            f"error: {folder} is not empty; nothing was written. Name the files to add with "
            "--add PATH (e.g. --add .github/workflows/publish.yml), or use an empty folder",
            file=sys.stderr,
        )
        return 1
    timezone = args.timezone or machine_timezone()
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        print(
            f"error: --timezone {timezone!r} is not an IANA time zone (e.g. Europe/Paris)",
            file=sys.stderr,
        )
        return 1
    today = today_in(ZoneInfo(timezone))
    context = scaffold_context(folder, args.name, timezone, today)
    files = {
        path.format(year=today.year, today=today.isoformat()): template
        for path, template in FILES.items()
        if not args.add or path in args.add
    }
    if args.roadmap:
        imported = _imported_roadmap(Path(args.roadmap), today, context["site_url"])
        if imported is None:
            return 1
        files.pop("roadmaps/first-steps.yaml", None)
        files.pop(next((p for p in files if p.startswith("journal/")), ""), None)
    written, kept = [], []
    for path, template in files.items():
        text = render_scaffold(template, context)
        try:
            create_file(folder / path, text)
            written.append(path)
        except FileExistsError:
            kept.append(path)
    if args.roadmap:
        target = f"roadmaps/{imported[0]}.yaml"
        try:
            create_file(folder / target, imported[1])
            written.append(target)
        except FileExistsError:
            kept.append(target)
    for path in kept:
        print(f"error: {folder / path} already exists; it was left as it is", file=sys.stderr)
    for path in written:
        print(f"wrote {folder / path}")
    if written and not kept:
        print(
            f"Next: cd {folder} && roadlog serve  (then push to GitHub and turn on Pages: "
            "Settings > Pages > Source: GitHub Actions)"
        )
    return 1 if kept else 0


def scaffold_context(folder: Path, name: str | None, timezone: str, today: dt.date) -> dict:
    """The values the scaffold's templates need, from the folder, git and the machine."""
    remote = _git(folder, "remote", "get-url", "origin")
    found = GITHUB.match(remote or "")
    site_url, repo_url = LOCAL_URL, None
    if found:
        owner, repo = found.groups()
        repo_url = f"https://github.com/{owner}/{repo}"
        pages = f"{owner.lower()}.github.io"
        site_url = f"https://{pages}/" if repo.lower() == pages else f"https://{pages}/{repo}/"
    title = name or folder.resolve().name.replace("-", " ").replace("_", " ").strip().capitalize()
    email = _git(folder, "config", "user.email")
    author = _git(folder, "config", "user.name") or title
    return {
        "name": _yaml(title or "My learning journal"),
        "description": _yaml(
            f"{title or 'My learning journal'}: learning in public, one day at a time."
        ),
        "site_url": site_url,
        "repo_url": repo_url,
        "timezone": timezone,
        "author": _yaml(author),
        "authors": _yaml(email) if email else "",
        "today": today.isoformat(),
        "year": today.year,
    }


def render_scaffold(template: str, context: dict) -> str:
    """One scaffold file: a Jinja template (`.j2`) rendered with `context`, else copied."""
    text = (INIT_DIR / template).read_text(encoding="utf-8")
    if not template.endswith(".j2"):
        return text
    env = jinja2.Environment(keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    return env.from_string(text).render(context)


def machine_timezone() -> str:
    """This machine's IANA time zone: $TZ, /etc/localtime's target or /etc/timezone, else UTC."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        candidates.append(str(localtime.resolve()).partition("zoneinfo/")[2])
    with_file = Path("/etc/timezone")
    if with_file.is_file():
        candidates.append(with_file.read_text(encoding="utf-8").strip())
    for candidate in candidates:
        try:
            if candidate and ZoneInfo(candidate):
                return "UTC" if candidate in ("Etc/UTC", "Etc/Universal", "UCT") else candidate
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return "UTC"


def _imported_roadmap(source: Path, today: dt.date, site_url: str) -> tuple[str, str] | None:
    """(id, YAML text) of the plan in `source`, starting today; None after printing why not."""
    from .importers.roadmap import import_roadmap  # here: its text repair libraries load slowly
    from .render_yaml import render_roadmap_yaml

    text = read_input(source)
    if text is None:
        return None
    result = import_roadmap(text, start=today.isoformat(), name=source.stem)
    for line, message in result.warnings:
        print(f"{source}:{line}: warning: {message}")
    schema = f"{site_url}schemas/roadmap.schema.json"
    return result.data["id"], render_roadmap_yaml(result.data, schema)


def _git(folder: Path, *args: str) -> str | None:
    """What a git command prints in `folder`, or None when git or the answer is missing."""
    where = folder if folder.is_dir() else Path.cwd()
    try:
        done = subprocess.run(
            ["git", *args], cwd=where, capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() or None if done.returncode == 0 else None


def _yaml(value: str) -> str:
    # A JSON string is a YAML scalar that keeps any character safe (quotes, colons, emoji).
    return json.dumps(value, ensure_ascii=False)
