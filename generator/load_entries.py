"""Read journal/**/*.md into Entry objects: YAML front matter (with line numbers) + markdown body."""

from __future__ import annotations

import datetime as dt
import difflib
import math
import os
import posixpath
import re
import unicodedata
from pathlib import Path

from .build_periods import check_reflections, parse_period
from .cache_files import NO_CACHE, FileCache, load_cached
from .check_characters import CONTROL, check_file_name, describe_unprintable
from .check_draft_keys import check_draft_keys
from .check_names import check_slug_length, shorten
from .check_schema import check_schema, load_schema
from .errors import Collector, RoadlogError, display_path
from .find_front_matter import find_hidden_front_matter, find_unread_draft, split_front_matter
from .load_topics import topic_slug
from .model import Entry, Period
from .read_yaml import Lines, YamlProblem, line_of, read_yaml

DATED_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
HEADING = re.compile(r"#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*")
FENCE = re.compile(r"[ ]{0,3}(```|~~~)")
# A day's entry is a page of notes; a bigger file is a mistake (a pasted log, a data dump) and
# would make every build crawl.
MAX_ENTRY_BYTES = 1024 * 1024
# Years the calendar can show: a typo such as 0202-03-02 would otherwise draw 1,800 calendars.
FIRST_YEAR, LAST_YEAR = 1970, 2100
# Markdown by another name: not loaded, but said so, so an entry is never silently left out.
OTHER_MARKDOWN = {".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".md"}
RESERVED_STEMS = {"index", "page"}  # /journal/index/ and /journal/page/N/ are the blog index
YEAR = re.compile(r"\d{4}")  # /journal/2026/ lists that year's entries
# A reflection can be a file named after its period in a folder of this name: reviews/2026-W48.md.
REVIEWS = "reviews"
PERIOD_NAME = re.compile(r"\d{4}-(?:W\d+|\d+)")
PERIOD_KEY = re.compile(r"\d{4}-(?:W\d{2}|\d{2})")  # the schema's pattern for `review:`


def load_entries(
    directory: Path, root: Path, cache: FileCache = NO_CACHE
) -> tuple[list[Entry], list]:
    """Load every entry under `directory`; return (entries, warnings) or raise all errors at once."""
    problems = Collector()
    entries = []
    for file in find_entry_files(directory, root, problems):
        entry = load_cached(cache, load_entry, file, display_path(file, root), problems)
        if entry:
            entries.append(entry)
    check_urls(entries, problems)
    # Drafts never count, as here; build_site checks again with them when a preview shows them.
    check_reflections([entry for entry in entries if not entry.draft], problems)
    try:
        problems.raise_errors()
    except RoadlogError as exc:
        exc.loaded = entries  # the entries that did load, so their links can still be checked
        raise
    return entries, problems.warnings


def find_entry_files(directory: Path, root: Path, problems: Collector) -> list[Path]:
    """The `*.md` files under `directory`, sorted; hidden files and non-markdown files are skipped.

    Symbolic links are not followed (a warning names each one): a link to a folder can loop
    (`journal/loop -> ..`) or publish notes from outside the journal, and git keeps only the link,
    so a build in CI would not see what a local build saw.
    """
    found: list[Path] = []
    if not directory.is_dir():
        return found
    folders = [directory]
    while folders:
        folder = folders.pop()
        try:
            children = list(os.scandir(folder))
        except OSError as exc:
            problems.error(
                display_path(folder, root), 1, f"cannot read the folder ({exc.strerror})"
            )
            continue
        for child in children:
            path = Path(child.path)
            if child.name.startswith("."):
                continue  # .git, .obsidian, editor lock files, macOS ._ files
            if child.is_symlink():
                _warn_symlink(path, root, problems)
            elif child.is_dir(follow_symlinks=False):
                folders.append(path)
            elif path.suffix == ".md":
                if child.is_file(follow_symlinks=False):
                    found.append(path)
            elif path.suffix.lower() in OTHER_MARKDOWN:
                problems.warn(
                    display_path(path, root),
                    1,
                    f"not loaded: entries are `.md` files (rename it to {path.stem}.md)",
                )
    return sorted(found)


def _warn_symlink(path: Path, root: Path, problems: Collector) -> None:
    if not (path.suffix == ".md" or path.is_dir()):
        return  # a link to an image or another file is not an entry anyway
    target = os.readlink(path)
    problems.warn(
        display_path(path, root),
        1,
        f"symbolic link to {target!r} not followed: entries must be real files and folders",
    )


def load_entry(file: Path, path: str, problems: Collector) -> Entry | None:
    """Load one entry, recording its problems; None when it cannot be used."""
    before = len(problems.errors)
    check_file_name(file.stem, path, problems)
    text = problems.read_text(file, path, limit=MAX_ENTRY_BYTES, what="entry")
    if text is None:
        return None
    if not text.strip():
        problems.warn(
            path,
            1,
            "the file has no text, so it is not published; write the entry or delete the file",
        )
        return None
    front, body, body_line = split_front_matter(text)
    _report_control_characters(body, max(body_line, 1), path, problems)
    if front is None:
        if body_line < 0:
            problems.error(
                path, 1, "front matter starts with '---' but never ends (add a closing '---')"
            )
            return None
        if hidden := find_hidden_front_matter(text) or find_unread_draft(text):
            problems.error(path, *hidden)
            return None
        meta, lines = {}, {}
    else:
        try:
            meta, lines = read_yaml(front, first_line=2)
        except YamlProblem as exc:
            problems.error(path, exc.line, exc.message)
            return None
        if meta is None:
            meta = {}
        if not isinstance(meta, dict):
            problems.error(path, 2, "front matter must be a YAML mapping of `key: value` lines")
            return None
    line = {key[0]: number for key, number in lines.items() if len(key) == 1}
    drafty = check_draft_keys(meta, lines, path, problems)
    # A key reported as a draft flag (`review: true`) is reported once, not again by the schema.
    kept = {k: v for k, v in meta.items() if k not in drafty}
    check_schema("entry", kept, lines, path, problems)
    _warn_misspelled_keys(kept, line, path, problems)
    _check_tag_lengths(meta, lines, path, problems)
    review = _entry_review(file, kept, line, path, problems)
    date = _entry_date(file.stem, meta, line, path, problems, review)
    if "day" in meta and "week" in meta:
        problems.error(path, line["week"], "give either `day` or `week`, not both")
    hours = meta.get("hours")
    if isinstance(hours, float) and math.isnan(hours):
        problems.error(path, line["hours"], "hours: expected a number, got .nan")
    if len(problems.errors) > before or date is None:
        return None
    known = load_schema("entry")["properties"]
    heading = first_heading(body)
    return Entry(
        path=path,
        stem=file.stem,
        date=date,
        body=body,
        title=meta.get("title"),
        heading=heading,
        roadmap=meta.get("roadmap"),
        day=_whole(meta.get("day")),
        week=_whole(meta.get("week")),
        tags=[str(tag).strip() for tag in meta.get("tags", [])],
        hours=hours,
        status=meta.get("status", "done"),
        draft=meta.get("draft", False),
        review=review.key if review else None,
        extra={k: v for k, v in meta.items() if k not in known},
        lines=line,
        body_line=max(body_line, 1),
    )


def _check_tag_lengths(meta: dict, lines: Lines, path: str, problems: Collector) -> None:
    # Here, not where tags meet the vocabulary: a tag that long is a mistake whatever topic it
    # names, and it is reported with the other errors of its file.
    tags = meta.get("tags")
    for index, tag in enumerate(tags if isinstance(tags, list) else []):
        if isinstance(tag, str):
            where = line_of(lines, ("tags", index))
            check_slug_length(
                topic_slug(tag.strip()), f"the tag {shorten(tag)}", path, where, problems
            )


def _whole(number: int | float | None) -> int | None:
    # The schema takes 3.0 as a whole number; the model and the URLs want 3.
    return None if number is None else int(number)


def check_urls(entries: list[Entry], problems: Collector) -> None:
    """Every entry gets /journal/<file stem>/: two files with one stem would share a page.

    Stems that differ only in case or in how an accent is encoded (`café` typed on Linux, `café`
    written by macOS as `e` and a combining accent) are one page too: macOS and Windows would
    write both to one folder, and a reader cannot tell the two URLs apart.
    """
    seen: dict[str, Entry] = {}
    for entry in sorted(entries, key=lambda e: e.path):
        key = url_key(entry.stem)
        if entry.stem in RESERVED_STEMS:
            problems.error(
                entry.path, 1, f"the file name {entry.stem!r} is reserved; rename the file"
            )
        elif YEAR.fullmatch(entry.stem):
            problems.error(
                entry.path,
                1,
                f"the file name {entry.stem!r} is reserved: /journal/{entry.stem}/ lists the "
                f"entries of {entry.stem}; rename the file",
            )
        elif key in seen:
            other = seen[key]
            how = (
                ""
                if other.stem == entry.stem
                else f"; the names differ only in {_difference(other.stem, entry.stem)}"
            )
            problems.error(
                entry.path,
                1,
                f"two entries would have the URL /journal/{entry.stem}/ (also {other.path}){how}",
            )
        seen.setdefault(key, entry)


def url_key(stem: str) -> str:
    """What makes two entry URLs the same page: the stem in NFC, casefolded."""
    return unicodedata.normalize("NFC", stem).casefold()


def _difference(first: str, second: str) -> str:
    nfc = unicodedata.normalize("NFC", first) == unicodedata.normalize("NFC", second)
    cased = first.casefold() == second.casefold()
    if nfc:
        return "how an accent is encoded (composed or decomposed)"
    return "upper and lower case" if cased else "case and accent encoding"


def _report_control_characters(body: str, first_line: int, path: str, problems: Collector) -> None:
    """Report each body line with a control character (a page feed pasted from a PDF, a terminal
    escape): HTML shows nothing for them and a feed cannot carry them."""
    lines = {}
    for match in CONTROL.finditer(body):
        line = first_line + body.count("\n", 0, match.start())
        lines.setdefault(line, match.group())
    for line, character in lines.items():
        problems.error(
            path, line, f"the {describe_unprintable(character)} is not allowed; delete it"
        )


def first_heading(body: str) -> str | None:
    """The text of the first `# heading` outside fenced code blocks."""
    fence = None
    for line in body.split("\n"):
        opening = FENCE.match(line)
        if opening and (fence is None or opening.group(1) == fence):
            fence = None if fence else opening.group(1)
        elif fence is None and (heading := HEADING.fullmatch(line.rstrip())):
            return heading.group(1)
    return None


def _entry_date(
    stem: str, meta: dict, line: dict, path: str, problems: Collector, review: Period | None
) -> dt.date | None:
    if isinstance(meta.get("date"), str):
        if not DATE.fullmatch(meta["date"]):
            return None  # the schema already reported the format
        return real_date(meta["date"], path, line["date"], f"date: {meta['date']!r}", problems)
    if "date" in meta:
        return None  # the schema already reported its type
    named = DATED_NAME.match(stem)
    if named:
        where = f"the file name starts with {named.group(1)!r}, which"
        return real_date(named.group(1), path, 1, where, problems)
    if review:
        return review.last  # a reflection looks back on its period: dated its last day
    folder = posixpath.dirname(path)
    hint = ""
    if PERIOD_NAME.fullmatch(stem) and posixpath.basename(folder) == REVIEWS:
        return None  # _entry_review reported the name
    if PERIOD_NAME.fullmatch(stem):
        where = posixpath.join(folder, REVIEWS, posixpath.basename(path))
        hint = f"; a reflection named after its period goes in a `{REVIEWS}` folder ({where})"
    problems.error(
        path,
        1,
        "no date: add `date: YYYY-MM-DD` to the front matter or start the file name with it" + hint,
    )
    return None


def _entry_review(
    file: Path, meta: dict, line: dict, path: str, problems: Collector
) -> Period | None:
    """The period the entry reflects on: its `review:`, or its name in a `reviews` folder."""
    named = None
    if file.parent.name == REVIEWS and PERIOD_NAME.fullmatch(file.stem):
        try:
            named = parse_period(file.stem)
        except ValueError as exc:
            problems.error(path, 1, f"the file name {file.stem!r} {exc}")
    value = meta.get("review")
    if not (isinstance(value, str) and PERIOD_KEY.fullmatch(value)):
        return named  # absent, or the schema (or check_draft_keys) reported it
    try:
        given = parse_period(value)
    except ValueError as exc:
        problems.error(path, line["review"], f"review: {value!r} {exc}")
        return None
    if named and given != named:
        problems.error(
            path,
            line["review"],
            f"review: {value!r} does not match the file name, which names {named.key}; "
            "remove `review:` or rename the file",
        )
    return given


def real_date(text: str, path: str, line: int, what: str, problems: Collector) -> dt.date | None:
    """`text` (YYYY-MM-DD) as a date in the years a calendar can show, else None after an error
    that starts with `what`."""
    try:
        date = dt.date.fromisoformat(text)
    except ValueError:
        problems.error(path, line, f"{what} is not a real date")
        return None
    if not FIRST_YEAR <= date.year <= LAST_YEAR:
        problems.error(
            path, line, f"{what} is out of range: use a year from {FIRST_YEAR} to {LAST_YEAR}"
        )
        return None
    return date


def _warn_misspelled_keys(meta: dict, line: dict, path: str, problems: Collector) -> None:
    known = list(load_schema("entry")["properties"])
    for key in meta:
        if key not in known:
            close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.75)
            if close:
                problems.warn(
                    path, line.get(key, 1), f"unknown key {key!r} (did you mean {close[0]!r}?)"
                )
