"""Property tests (hypothesis): the front matter reader, the importer and the mojibake repair never crash.

Any text either loads or is reported as `path:line: message` problems (RoadlogError is the one
exception a loader may raise); the importer turns any text into roadmap data that validates against
the schema and survives a YAML round trip; the mojibake repair never raises, never grows the text
by more than a little, and leaves its own output alone.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator import read_yaml as read_yaml_module
from generator.check_schema import _validator, check_schema, is_surely_valid
from generator.errors import Collector, RoadlogError
from generator.importers.roadmap import import_roadmap
from generator.load_entries import load_entries, load_entry
from generator.read_yaml import YamlProblem, read_yaml
from generator.render_pages import (
    PLAIN_PARAGRAPH,
    _first_paragraph,
    _first_paragraph_of_blocks,
    _first_paragraph_of_html,
)
from generator.render_yaml import render_roadmap_yaml
from generator.repair_text import repair_mojibake
from generator.settings import DEFAULT_TOPICS

SETTINGS = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    # The same examples on every run and on every xdist worker, and no .hypothesis/ folder in the
    # repository: CI is deterministic. ROADLOG_EXPLORE=1 draws new random examples on each run.
    derandomize=os.environ.get("ROADLOG_EXPLORE") != "1",
    database=None,
)

# ---- strategies --------------------------------------------------------------------------------

FRONT_MATTER_LINES = [
    "---",
    "...",
    "--- ",
    "---\t",
    "key: value",
    "title: A title",
    "title: ''",
    "title: [a, b]",
    "title: {a: 1}",
    "date: 2026-03-02",
    "date: 2026-02-30",
    "date: '2026-03-02'",
    "date: 2026-3-2",
    "date: 20260302",
    "date: 2026-03-02T10:00:00",
    "draft: true",
    'draft: "true"',
    "draft: yes",
    "draft: 1",
    "draft:",
    "tags: [networking, dns]",
    "tags: networking",
    "tags: [1, 2.5, null, '']",
    "tags:\n  - a\n  -\n  - [b]",
    "hours: 1.5",
    "hours: -1",
    "hours: .nan",
    "hours: .inf",
    "hours: 1e400",
    "day: 3",
    "day: 0",
    "day: 99999999999999999999999",
    "week: 2",
    "roadmap: demo",
    "roadmap: 3",
    "status: partial",
    "status: nope",
    "tilte: typo",
    "Draft: true",
    "\tkey: value",
    "  indented: value",
    "key:\tvalue",
    "&a value",
    "key: &a value",
    "other: *a",
    "*a",
    "*a: b",
    "key: *undefined",
    "<<: *a",
    "!!",
    "key: !!python/object/apply:os.system ['echo hi']",
    "key: !!binary aGVsbG8=",
    "key: !!set {a, b}",
    "key: !!timestamp 2026-03-02",
    "key: !custom value",
    "%YAML 1.1",
    "%TAG ! tag:example.org,2026:",
    "--- !!map",
    "? complex key",
    ": complex value",
    "[a, b]",
    "{a: 1",
    "'unclosed",
    '"unclosed',
    "key: |",
    "key: >-",
    "key: 'multi",
    "  line'",
    "- item",
    "a: 1\na: 2",
    "1: one",
    "null: nothing",
    "true: yes",
    "[1, 2]: list key",
    "key: \x00",
    "key: \x85 next line",
    "key: \u2028 line separator",
    "key: \ufeff",
    "# a comment",
    "# heading",
    "```",
    "~~~",
    "é ünïcödé 日本語 🚀",
    "â€” mojibake",
    "\r",
    "\x00",
    "\x1b[31m",
    "",
]

ROADMAP_LINES = [
    "# My Roadmap",
    "# Phase 1: Foundations",
    "## Month 1 - Basics",
    "### Week 2 – Routing",
    "#### Day 3: Title",
    "Day 3: Title",
    "Day 3: Title again",
    "Day 0: Zero",
    "Day 99999999999999999999: Huge",
    "Days 8-9: A range",
    "Days 9-8: A reversed range",
    "Day 8 to 9 — Range",
    "**Day 5: Bold day**",
    "**Day 6:** field-like day",
    "🚀 Day 7 — Emoji day",
    "Week 1",
    "Month 1",
    "Phase 2.",
    "- [x] item",
    "- [ ] item",
    "  - [x] nested item",
    "      - [ ] deeply nested",
    "1. [x] numbered",
    "✅ done item",
    "❌ not done",
    "**Key:** value",
    "**Question:** Why?",
    "**Tasks:**",
    "Tasks:",
    "Resources:",
    "Concepts: a, b, c",
    "Notes: something",
    "Checklist:",
    "### Learn",
    "### Resources",
    "- a task",
    "* another task",
    "+ third",
    "- [Docs](https://docs.example/a) — read it",
    "[Docs](https://docs.example/b)",
    "https://example.org/plain",
    "<https://example.org/angle>",
    "🔗 [Link](https://example.org/c)",
    "| Day | Topic |",
    "| --- | --- |",
    "| 1 | Bits |",
    "| Week | Focus | Notes |",
    "| 2 | | |",
    "|",
    "| broken",
    "```python",
    "```",
    "~~~",
    "print('hi')",
    "python",
    "---",
    "***",
    "> a quote",
    "<script>alert(1)</script>",
    "Title: with colon",
    "(Days 1-30)",
    "‚úÖ Mac Roman check",
    "ğŸš€ Turkish rocket",
    "â€” dash",
    "ğŸ—ï¸ lost byte",
    "\ufeff# BOM heading",
    "\t- tabbed item",
    "",
]

SEPARATORS = st.sampled_from(["\n", "\r\n", "\r", "\n\n"])


def mixed_text(fragments: list[str], max_lines: int = 25) -> st.SearchStrategy[str]:
    """Text made of sampled lines, random text, and lines with random text around fragments."""
    line = st.one_of(
        st.sampled_from(fragments),
        st.text(max_size=30),
        st.builds(
            lambda a, b, c: a + b + c,
            st.text(max_size=5),
            st.sampled_from(fragments),
            st.text(max_size=5),
        ),
    )
    lines = st.lists(line, max_size=max_lines)
    return st.one_of(
        st.text(),
        st.builds(lambda ls, sep: sep.join(ls), lines, SEPARATORS),
        # Front matter first: `---`, mixed lines, `---`, then a body.
        st.builds(
            lambda front, body, sep: sep.join(["---", *front, "---", *body]),
            lines,
            lines,
            SEPARATORS,
        ),
    )


ENTRY_TEXT = mixed_text(FRONT_MATTER_LINES + ROADMAP_LINES[:8])
ROADMAP_TEXT = mixed_text(ROADMAP_LINES + FRONT_MATTER_LINES[:6], max_lines=40)
NAMES = st.sampled_from(["2026-03-02-entry", "entry", "2026-02-30-bad-date", "2026-03-02"])


# ---- helpers -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for every example of this module (hypothesis runs examples many times a test)."""
    return tmp_path_factory.mktemp("properties")


def line_count(data: bytes) -> int:
    """Lines of a file as the loaders count them (CRLF, CR and LF all end a line)."""
    text = data.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
    return text.count("\n") + 1


def check_problems(problems, paths: dict[str, int]) -> None:
    """Every problem names one of `paths` and a line from 1 to that file's line count + 1."""
    for problem in problems:
        assert problem.path in paths, problem
        assert isinstance(problem.line, int), problem
        assert 1 <= problem.line <= paths[problem.path] + 1, (problem, paths[problem.path])
        assert isinstance(problem.message, str) and problem.message.strip(), problem
        assert "Traceback" not in problem.message, problem


# ---- entry summaries ---------------------------------------------------------------------------

MARKDOWN_LINES = [
    "# Day 1", "Title", "=====", "---", "***", "```", "```python", "~~~", "    indented code",
    "- item", "* item", "1. first", "  - nested", "> quoted", "> > deeper", "Some *em* and **strong**.",
    "A [link](https://example.com/x) and ![alt text](img.png).", "`code_span` and \\*escaped\\*",
    "[ref]: https://example.com/ref", "See [the ref][ref] and [ref].", "trailing spaces  ", "\t tabbed",
    "plain words here", "", "", "***bold em***", "_under_score_", "[^1] footnote-like", "![](empty.png)",
]  # fmt: skip
MARKDOWN_BODY = st.lists(
    st.one_of(
        st.sampled_from(MARKDOWN_LINES),
        st.text(
            alphabet=st.characters(blacklist_characters="<&", blacklist_categories=["Cc", "Cs"])
        ),
    ),
    max_size=20,
).map("\n".join)


@SETTINGS
@given(body=MARKDOWN_BODY)
@example(body="```\nfenced\n```\n\nAfter the fence.")
@example(body="[ref]\n\n[ref]: https://example.com/ref")
@example(body="- a\n\n- b\n\nPara.")
@example(body="A code span `a > b` and `>`.")
def test_summary_from_blocks_matches_the_rendered_html(body: str):
    """Without raw HTML or entities, reading only the first paragraph's inline markup gives the
    same summary as rendering the whole body. (Control characters never reach a summary: the
    loader refuses them.)"""
    assert _first_paragraph_of_blocks(body) == _first_paragraph_of_html(body)


# Prose with the characters that start blocks or inline markup only now and then.
PROSE = st.text(
    alphabet=st.sampled_from(list("abc xyz  \n\n\t.,;:?()'\"é—🎉-#>=+*_0129|~`[]!\\\u00a0\u2028")),
    max_size=60,
)


@SETTINGS
@given(body=st.one_of(PROSE, st.tuples(PROSE, MARKDOWN_BODY).map("\n".join)))
@example(body="Plain words.\n\n- a list")
@example(body="\n  \nAfter blank lines\nand a second line  \n")
@example(body="A heading underline\n---")
@example(body="Not a paragraph\n    but code? no: a lazy line")
def test_summary_of_plain_prose_is_the_text_itself(body: str):
    """A first paragraph of plain prose is read without Python-Markdown: the same summary."""
    assert _first_paragraph(body) == _first_paragraph_of_html(body)


def test_plain_prose_is_read_without_python_markdown():
    assert PLAIN_PARAGRAPH.match("Today I read about DNS.\nThen I wrote notes.\n\n```\nx\n```")
    assert _first_paragraph("Today I read about DNS.\nThen  I wrote notes.\n\nMore.") == (
        "Today I read about DNS. Then I wrote notes."
    )


# ---- the front matter reader -------------------------------------------------------------------


YAML_PIECES = list("ab: -[]{},'\"#\n\t&*!|>?%@`0123.~\u2028\x85") + [
    "true", "null", "x: y", "- ", "  - ", "key: ", "!!str ", "!x ", "<<: ", "é", "🎉", "\x07",
]  # fmt: skip
YAML_TEXT = st.one_of(
    mixed_text(FRONT_MATTER_LINES + ROADMAP_LINES),
    st.lists(st.sampled_from(YAML_PIECES), max_size=30).map("".join),
)


def read_both_ways(text: str, monkeypatch):
    """read_yaml's answer (data and lines, or the line and message of its error) on libyaml's
    fast path, and on the pure-Python path alone."""

    def answer():
        try:
            return read_yaml(text)
        except YamlProblem as exc:
            return exc.line, exc.message

    fast = answer()
    with monkeypatch.context() as patch:
        patch.setattr(read_yaml_module, "SLOW_PATH", re.compile(r"(?s)."))
        slow = answer()
    return fast, slow


@SETTINGS
@given(text=YAML_TEXT)
@example(text="a: [What is DNS?]")  # libyaml reads `?` inside a flow collection as text
@example(text="a: |#\n  b")  # libyaml allows a comment glued to a block scalar header
@example(text="a: b\tc")  # libyaml allows a tab inside a plain value
@example(text="!")  # a bare `!` tag: None in PyYAML, '' in libyaml
@example(text="{x: a, ? y}")
@example(text="a: [x, [y], z?]")  # still inside the outer brackets
def test_read_yaml_fast_path_answers_like_pure_python(text: str):
    """libyaml only speeds reading up: the data, the lines and every message are PyYAML's."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast, slow = read_both_ways(text, monkeypatch)
    assert fast == slow


def load_written(folder: Path, name: str, data: bytes):
    """load_entry of `data` written to folder/name.md; its problems, checked for a file and a line."""
    file = folder / f"{name}.md"
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(data)
    path = f"journal/{name}.md"
    problems = Collector()
    entry = load_entry(file, path, problems)
    check_problems(problems.problems, {path: line_count(data)})
    return entry, problems


@SETTINGS
@given(text=ENTRY_TEXT, name=NAMES)
@example(text="---\ndraft: true", name="entry")  # never closed
@example(text="---\n---\n", name="entry")
@example(text="---\n- a list\n---\n", name="2026-03-02")
@example(text="---\na: &a [*a]\n---\n", name="2026-03-02")
@example(text="---\nkey: !!python/object/apply:os.system ['true']\n---\n", name="2026-03-02")
@example(text="---\r\ndate: 2026-03-02\r\n---\r\nbody", name="entry")
@example(text="\ufeff---\ndraft: true\n---\n", name="entry")
@example(text="---\n\x00: x\n---\n", name="entry")
@example(text="---\nhours: 1e400\n---\n", name="2026-03-02")
# str.splitlines() ends a line at a form feed: `\x0c---` closes the front matter, then PyYAML's
# reader refuses the control character with a ReaderError outside read_yaml's `try`.
@example(text="---\r\x0c---", name="2026-03-02-entry")
@example(text="---\ntitle: x\x0c\n---\nbody\n", name="2026-03-02-entry")
# U+2028 ends a line for splitlines() and PyYAML, not for editors: the problem's line drifts.
@example(text="---\n\u2028\u2028\u2028\u2028hours: x\n---\n", name="2026-03-02-entry")
def test_load_entry_returns_an_entry_or_records_problems(workdir: Path, text: str, name: str):
    entry, problems = load_written(workdir / "journal", name, text.encode("utf-8"))
    if entry is None:
        # An error, or a warning (an empty file is skipped with one): never silently dropped.
        assert problems.problems, "None without a problem: the learner is not told why"
    else:
        assert not problems.errors, problems.errors
        assert isinstance(entry.date, dt.date)
        assert entry.draft is True or entry.draft is False  # a real boolean, never "true"
        assert all(isinstance(tag, str) and tag for tag in entry.tags)
        assert entry.status in ("done", "partial", "skipped")
        assert entry.hours is None or 0 <= entry.hours <= 24


@SETTINGS
@given(data=st.binary(max_size=200), name=NAMES)
@example(data=b"---\ntitle: caf\xe9\n---\n", name="entry")
@example(data=b"\xef\xbb\xbf---\ndate: 2026-03-02\n---\n", name="entry")
@example(data=b"\x00\x01\x02\xff\xfe", name="entry")
def test_load_entry_of_any_bytes_never_raises(workdir: Path, data: bytes, name: str):
    entry, problems = load_written(workdir / "binary", name, data)
    if entry is None:
        assert problems.problems, "None without a problem: the learner is not told why"
    else:
        assert not problems.errors, problems.errors


@SETTINGS
@given(
    texts=st.lists(ENTRY_TEXT, min_size=1, max_size=3),
    names=st.lists(NAMES, min_size=3, max_size=3),
)
def test_load_entries_returns_or_raises_only_roadlog_error(workdir: Path, texts, names):
    root = workdir / "project"
    shutil.rmtree(root, ignore_errors=True)
    lines = {}
    for index, text in enumerate(texts):
        # Distinct folders: the same file name may appear twice, as in a real journal.
        relative = f"journal/{index}/{names[index]}.md"
        file = root / relative
        file.parent.mkdir(parents=True)
        data = text.encode("utf-8")
        file.write_bytes(data)
        lines[relative] = line_count(data)
    try:
        entries, warnings = load_entries(root / "journal", root)
    except RoadlogError as exc:
        assert exc.errors, "raised without an error"
        check_problems(exc.problems, lines)
    else:
        check_problems(warnings, lines)
        assert all(w.warning for w in warnings)
        assert len(entries) <= len(texts)


# ---- the importer ------------------------------------------------------------------------------


@SETTINGS
@given(text=ROADMAP_TEXT)
@example(text="")
@example(text="# _")  # a title whose slug is not a valid id
@example(text="Day 0: Zero")  # the schema's days start at 1
@example(text="Day 1: a\nDay 1: b\n")
@example(text="| Day | Topic |\n| --- | --- |\n| 1 | Bits |\n| 1 | Again |")
@example(text="```\nunclosed fence\n# Day 1: inside")
@example(text="Day 99999999999999999999: Huge")
@example(text="Days 9-8: reversed")
@example(text="- [x] item\n  - [ ] nested\n\t- [x] tab")
@example(text="**Tasks:**\n- a  \n- b\t\n\nNotes:\nline with trailing spaces   \nnext")
@example(text="# Title\n\x00\x85\u2028\ufeff")
@example(text="ğŸ—ï¸ â˜ï¸ âš™ï¸ ‚úÖ")
def test_import_roadmap_gives_valid_data_that_round_trips(text: str):
    result = import_roadmap(text)
    data = result.data
    problems = Collector()
    valid = check_schema("roadmap", data, {}, "x", problems)
    assert valid and not problems.problems, [str(p) for p in problems.problems]
    rendered = render_roadmap_yaml(data, "schema.json")
    assert yaml.safe_load(rendered) == data
    count = line_count(text.encode("utf-8", "surrogatepass"))
    for line, message in result.warnings:
        assert isinstance(line, int) and 1 <= line <= count + 1, (line, message)
        assert isinstance(message, str) and message.strip()


@SETTINGS
@given(
    text=ROADMAP_TEXT,
    roadmap_id=st.one_of(st.none(), st.from_regex(r"[a-z0-9][a-z0-9_-]{0,10}", fullmatch=True)),
    # One line of printable text, as `--title` is typed (a title with a line break or a lone U+0085
    # does not survive YAML's line folding, and no one types it).
    title=st.one_of(
        st.none(),
        st.text(
            st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=20
        ),
    ),
    start=st.one_of(st.none(), st.dates().map(dt.date.isoformat)),
)
def test_import_roadmap_with_options_gives_valid_data(text, roadmap_id, title, start):
    result = import_roadmap(text, roadmap_id, title, start, name="some-name")
    problems = Collector()
    assert check_schema("roadmap", result.data, {}, "x", problems), [
        str(p) for p in problems.problems
    ]
    assert yaml.safe_load(render_roadmap_yaml(result.data, "s.json")) == result.data


# ---- the mojibake repair -----------------------------------------------------------------------

MOJIBAKE = [
    "‚úÖ",
    "\uf8ffüì¶",
    "‚Äî",
    "‚Üí",
    "‚îú‚îÄ‚îÄ",
    "ğŸš€",
    "ğŸ§\xa0",
    "â€“",
    "â€”",
    "â€",
    "ğŸ—ï¸",
    "â˜ï¸",
    "Ã©",
    "Â ",
    "ï¸",
    "café",
    "naïve — “quoted”",
    "🚀✅",
    "日本語",
]
REPAIR_TEXT = st.one_of(
    st.text(),
    st.lists(
        st.one_of(st.sampled_from(MOJIBAKE), st.text(max_size=6), st.sampled_from([" ", "\n"])),
        max_size=20,
    ).map("".join),
)


@SETTINGS
@given(text=REPAIR_TEXT)
@example(text="ğŸ—ï¸" * 6)
@example(text="â€" * 10)
@example(text="Ã" + "\x80" * 8)
@example(text="\x96¢")  # repaired to "–¢", which a second pass reads as Mac Roman mojibake of "Т"
@example(text="\x80ï¸ß")  # repaired to "€ß", which a second pass turns into "ۧ"
def test_repair_mojibake_never_raises_never_grows_and_is_idempotent(text: str):
    repaired, repairs = repair_mojibake(text)
    assert isinstance(repaired, str)
    # A repair turns several misread characters into one: the text may only grow by a little.
    assert len(repaired) <= len(text) + 2, (len(text), len(repaired))
    assert repaired.count("\n") == text.count("\n")  # line numbers of warnings stay true
    for repair in repairs:
        assert 1 <= repair.line <= text.count("\n") + 1
    again, more = repair_mojibake(repaired)
    assert again == repaired, more


# ---- the quick schema check --------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
VALID_DOCUMENTS = {
    "roadmap": [yaml.safe_load(p.read_text()) for p in sorted((ROOT / "roadmaps").glob("*.yaml"))
                if p.name != "topics.yaml"],
    "topics": [yaml.safe_load(DEFAULT_TOPICS.read_text())],
    "entry": [{"roadmap": "backend-365", "day": 3, "tags": ["dns", "tcp"], "hours": 1.5,
               "status": "done", "title": "DNS", "date": "2026-03-02"}],
}  # fmt: skip
SCHEMA_VALUES = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(-3, 400), st.integers(), st.floats(),
        st.dates(), st.text(max_size=8),
        st.sampled_from(["2026-01-02", "2026-01-02\n", "backend-365", "1-3", "done", "monday", "x",
                         "", "٣", "2026-1-2", "a b", "https://example.com"]),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.one_of(st.text(max_size=6), st.sampled_from(["day", "title", "id"])),
                        inner, max_size=3),
    ),
    max_leaves=8,
)  # fmt: skip


def mutate(document, data):
    """`document` with one value somewhere inside it replaced, removed or added, as `data` draws."""
    if not isinstance(document, (dict, list)) or not document or data.draw(st.integers(0, 3)) == 0:
        return data.draw(SCHEMA_VALUES)
    copy = dict(document) if isinstance(document, dict) else list(document)
    key = data.draw(st.sampled_from(sorted(copy) if isinstance(copy, dict) else range(len(copy))))
    action = data.draw(st.sampled_from(["change", "remove", "add"]))
    if action == "remove":
        del copy[key]
    elif action == "add" and isinstance(copy, dict):
        copy[data.draw(st.text(max_size=6))] = data.draw(SCHEMA_VALUES)
    else:
        copy[key] = mutate(copy[key], data)
    return copy


@SETTINGS
@given(name=st.sampled_from(sorted(VALID_DOCUMENTS)), data=st.data())
def test_quick_schema_check_never_passes_what_jsonschema_refuses(name: str, data):
    """jsonschema-rs answers "valid" only where jsonschema finds no error, so no problem is ever
    skipped; where it refuses, jsonschema reports as before."""
    document = data.draw(st.sampled_from(VALID_DOCUMENTS[name]))
    for _ in range(data.draw(st.integers(1, 3))):
        document = mutate(document, data)
    if is_surely_valid(name, document):
        assert list(_validator(name).iter_errors(document)) == []


def test_quick_schema_check_passes_the_shipped_files():
    for name, documents in VALID_DOCUMENTS.items():
        for document in documents:
            assert is_surely_valid(name, document)
            assert not is_surely_valid(name, [document])
