"""`roadlog import-log`: a hand-written "100 Days of Code" log split into one journal entry per day."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
from pathlib import Path

import pytest

from generator.errors import Collector
from generator.importers.log import split_log
from generator.importers.log_command import add_import_log_arguments
from generator.load_entries import load_entry

LOGS = Path(__file__).parent / "fixtures" / "logs"

# tests/fixtures/logs/log.md read with --year 2021: (line of the heading, date, title).
LOG_DAYS = [
    (39, "2021-03-01", "Day 1: Fixed CSS"),
    (47, "2021-03-02", "Day 2: Finished the flexbox section of the course…"),
    (58, "2021-03-03", "Day 3: Rebuilt the tribute page with CSS grid instead…"),
    (67, "2021-03-04", "Day 4: Wrote a script that renames my screenshots"),
    (83, "2021-03-05", "Day 5: Read chapter 3 of Eloquent JavaScript"),
    (93, "2021-03-06", "Day 6: Flexbox Froggy"),
    (99, "2021-03-07", "Day 7: Spent the day away from the keyboard"),
    (106, "2021-03-08", "Day 8: Rewrote the weather widget with fetch and async/await…"),
    (118, "2021-03-09", "Day 9: Pair programmed with @sam on the todo app"),
    (126, "2021-03-11", "Day 11: Deployed the portfolio to Netlify"),
    (137, "2021-03-12", "Day 12: Started the JavaScript Algorithms certification"),
]

LOG_BODIES = {
    1: """\
Fixed CSS, worked on canvas functionality for the calculator.

## Thoughts

I really struggled with CSS, but I feel like I am slowly getting better at it.

## Link to work

- [Calculator App](https://github.com/ada/calculator)
""",
    2: """\
finished the flexbox section of the course
and started on grid.

## Thoughts

grid-template-areas is magic.

## Link to work

1. [Flexbox notes](https://github.com/ada/notes/blob/main/flexbox.md)
2. [Grid playground](https://codepen.io/ada/pen/grid)
""",
    3: """\
rebuilt the tribute page with CSS grid instead of floats
and made it responsive down to 320px.

## Thoughts

media queries finally make sense.

## Link to work

none yet, will push tomorrow
""",
    4: """\
Wrote a script that renames my screenshots.

```bash
for f in *.png; do
  # Day 4: the <!-- comment --> in here is code, not a comment
  mv "$f" "shot-$f"
done
### Day 99: not a heading, this is inside the code block
```

## Thoughts

Bash quoting bites.

## Link to work

- <https://github.com/ada/dotfiles>
- <https://gist.github.com/ada/5f3a>
""",
    5: """\
- Read chapter 3 of *Eloquent JavaScript*
- Solved 4 `array` katas on Codewars

## Thoughts

higher-order functions are starting to click.
""",
    6: """\
Finished all 24 levels.

## Link to work

- [My solutions](https://github.com/ada/froggy) - the last level took an hour
""",
    7: """\
Spent the day away from the keyboard, but I read about the event loop:
the call stack, the task queue and the microtask queue.

> "Never block the event loop."
""",
    8: """\
Rewrote the weather widget with `fetch` and `async`/`await` instead of callbacks, and it's half the size.

## Thoughts

Error handling with try/catch reads so much better.

## Link to work

- [weather-widget](https://github.com/ada/weather-widget)

**Today's Focus:** Promises

**Tomorrow:** add a loading spinner.
""",
    9: "pair programmed with @sam on the todo app.\n",
    11: """\
Deployed the portfolio to Netlify!

## Thoughts

It's live.

## Link to work

- <https://ada.netlify.app>
""",
    12: "Started the *JavaScript Algorithms* certification.\n",
}

RESOURCES_WARNING = (
    141,
    "'## Resources' is not a day: it and the lines below it were not imported",
)


def read_log(name: str) -> str:
    """A fixture as split_log gets it from a caller that did not clean it: BOM and CRLF kept."""
    return (LOGS / name).read_bytes().decode("utf-8")


def days(result) -> list[tuple[int, str, str]]:
    return [(e.line, e.date.isoformat(), e.title) for e in result.entries]


# --- split_log on the fixtures -------------------------------------------------------------------


def test_the_template_log_gives_one_entry_per_dated_day():
    result = split_log(read_log("log.md"), year_hint=2021)
    assert days(result) == LOG_DAYS
    assert result.problems == [(122, "Day 10: 'February 30, 2021' is not a real date; skipped")]
    assert result.warnings == [RESOURCES_WARNING]
    assert (result.days, result.undated, result.repeated) == (12, 1, 0)


def test_each_body_is_progress_thoughts_links_then_the_rest_with_nothing_dropped():
    result = split_log(read_log("log.md"), year_hint=2021)
    assert {e.day: e.body for e in result.entries} == LOG_BODIES


def test_front_matter_is_date_title_and_the_tag():
    entry = split_log(read_log("log.md"), year_hint=2021).entries[0]
    assert entry.front_matter == {
        "date": "2021-03-01",
        "title": "Day 1: Fixed CSS",
        "tags": ["100daysofcode"],
    }
    assert entry.path == Path("2021/2021-03-01-day-1.md")


def test_without_a_year_hint_a_day_without_a_year_is_undated():
    result = split_log(read_log("log.md"))
    assert [line for line, _, _ in days(result)] == [39, 47, 58, 67, 83, 93, 99, 106, 126, 137]
    assert result.problems == [
        (118, "Day 9 has no year; give --year YYYY"),
        (122, "Day 10: 'February 30, 2021' is not a real date; skipped"),
    ]
    assert (result.days, result.undated) == (12, 2)


def test_commented_out_examples_and_code_blocks_are_not_days():
    result = split_log(read_log("log.md"), year_hint=2021)
    assert 0 not in [e.day for e in result.entries]
    assert 99 not in [e.day for e in result.entries]
    assert not any("example.com" in e.body or "Example" in e.body for e in result.entries)
    assert all(e.date.year == 2021 for e in result.entries)


def test_a_crlf_log_with_a_year_hint_rolls_over_into_the_next_year():
    raw = (LOGS / "windows-crlf.md").read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n")  # the fixture really is CRLF
    result = split_log(raw.decode("utf-8"), year_hint=2020)
    assert days(result) == [
        (16, "2020-12-29", "Day 1: Set up Python 3.9 and VS Code…"),
        (22, "2020-12-30", "Day 2: Wrote a number guessing game"),
        (27, "2020-12-31", "Day 3: List comprehensions and a tiny to-do CLI"),
        (31, "2021-01-01", "Day 4: New year"),
        (37, "2021-01-02", "Day 5: Saved the to-do list to JSON"),
        (41, "2021-01-05", "Day 6: Read about pytest fixtures"),
    ]
    assert result.problems == []
    assert result.warnings == [
        (41, "Day 6: January 5, 2021 was a Tuesday, not a Wednesday; check the date (or --year)")
    ]
    assert not any("\r" in e.body for e in result.entries)
    assert result.entries[1].body == (
        "Wrote a number guessing game.\n\n## Thoughts\n\n`while True` with a `break` is fine, "
        "actually.\n\n## Link to work\n\n"
        "- [guess.py](https://github.com/ada/round-2/blob/main/guess.py)\n"
    )


def test_a_log_without_years_and_without_a_hint_is_all_undated():
    result = split_log(read_log("windows-crlf.md"))
    assert result.entries == []
    assert result.problems == [
        (line, f"Day {day} has no year; give --year YYYY")
        for day, line in enumerate([16, 22, 27, 31, 37, 41], start=1)
    ]
    assert result.undated == 6


def test_a_bom_log_with_numeric_dates_repeats_and_an_uncommented_template():
    raw = (LOGS / "bom-day-first.md").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf### Day 1:")  # the fixture really has a BOM
    result = split_log(raw.decode("utf-8"))
    assert days(result) == [
        (1, "2021-02-28", 'Day 1: Started "Automate the Boring Stuff"'),
        (6, "2021-03-01", "Day 2: Chapter 3"),  # 01/03: day first, as 28/02 says
        (9, "2021-03-02", "Day 3: Regular expressions"),
        (16, "2021-03-03", "Day 4: Reading and writing files with pathlib"),
        (19, "2021-03-04", "Day 4: Organised my downloads folder with shutil"),
        (22, "2021-03-04", "Day 5: Debugging with logging instead of print"),
        (31, "2021-03-10", "Day 8: PDF and Word documents"),  # from its `**Date:**` line
    ]
    assert result.problems == [
        (13, "Day 3 (2021-03-02) repeats line 9; skipped"),
        (25, "Day 6 has no date; skipped"),
        (28, "Day 7: cannot read a date in 'Marhc 9, 2021'; skipped"),
        (39, "Day 0: 'February 30, 2016' is not a real date; skipped"),
    ]
    assert result.warnings == [
        (19, "Day 4 again (first at line 16)"),
        (22, "Day 5 has the same date as Day 4 (2021-03-04)"),
        (35, "'## Templates' is not a day: it and the lines below it were not imported"),
    ]
    assert (result.days, result.undated, result.repeated) == (11, 3, 1)
    assert result.entries[0].body == (
        'Started "Automate the Boring Stuff", chapters 1-2.\n\n## Thoughts\n\n'
        "Python after years of Java feels like cheating.\n\n## Link to work\n\n"
        "- <https://automatetheboringstuff.com>\n"
    )
    assert result.entries[2].body.endswith(
        "- [extractor.py](https://github.com/ada/boring/blob/main/extractor.py)\n"
        "- [tests](https://github.com/ada/boring/tree/main/tests)\n"
    )
    assert result.entries[-1].body == "PDF and Word documents.\n"  # the Date: line is not text


# --- split_log rules, one at a time ------------------------------------------------------------


@pytest.mark.parametrize(
    "heading, year_hint, day, date",
    [
        ("### Day 1: February 28, 2016", None, 1, "2016-02-28"),
        ("### Day 1: June 27, Monday", 2016, 1, "2016-06-27"),
        ("## Day 12 - 3 March 2021", None, 12, "2021-03-03"),
        ("###Day 2: march 5, 2021", None, 2, "2021-03-05"),
        ("### Day 7: Mar 9 2021 ###", None, 7, "2021-03-09"),
        ("###Day 3:january 13, 2017###", None, 3, "2017-01-13"),
        ("**Day 8:** 2021-03-10", None, 8, "2021-03-10"),
        ("**Day 8**: 2021-03-10", None, 8, "2021-03-10"),
        ("### **Day 9: March 11, 2021**", None, 9, "2021-03-11"),
        ("# Day 10/100: 12 March 2021", None, 10, "2021-03-12"),
        ("## Day 11 of 100 — March 13, 2021", None, 11, "2021-03-13"),
        ("### Day 14: January 10th, 2017", None, 14, "2017-01-10"),
        ("### Day 0: 23. April 2020", None, 0, "2020-04-23"),
        ("#### Day 3: 10 December 2019, Tuesday", None, 3, "2019-12-10"),
        ("### DAY 05 – Feb 29 2020", None, 5, "2020-02-29"),
    ],
)
def test_day_headings_as_people_write_them(heading, year_hint, day, date):
    result = split_log(f"{heading}\n\n**Today's Progress**: Coded.\n", year_hint)
    assert (result.problems, result.warnings) == ([], [])
    [entry] = result.entries
    assert (entry.day, entry.date.isoformat(), entry.body) == (day, date, "Coded.\n")


@pytest.mark.parametrize(
    "text, problem",
    [
        ("### Day 3: February 30, 2016", "Day 3: 'February 30, 2016' is not a real date; skipped"),
        ("### Day 3: February 29, 2021", "Day 3: 'February 29, 2021' is not a real date; skipped"),
        ("### Day 3: 13/13/2021", "Day 3: '13/13/2021' is not a real date; skipped"),
        ("### Day 3: June 27", "Day 3 has no year; give --year YYYY"),
        ("### Day 3", "Day 3 has no date; skipped"),
        ("### Day 3:", "Day 3 has no date; skipped"),
        ("### Day 3: Flexbox", "Day 3: cannot read a date in 'Flexbox'; skipped"),
        ("### Day 3: March 2021", "Day 3: cannot read a date in 'March 2021'; skipped"),
    ],
)
def test_days_without_a_real_date_are_reported_and_left_out(text, problem):
    result = split_log(f"# Log\n\n{text}\n\n**Today's Progress**: Coded.\n")
    assert (result.entries, result.problems, result.undated) == ([], [(3, problem)], 1)


def test_a_missing_year_on_february_29_is_checked_against_the_hint():
    result = split_log("### Day 3: Feb 29\nText.\n", year_hint=2021)
    assert result.problems == [(1, "Day 3: 'Feb 29' is not a real date in 2021; skipped")]
    assert split_log("### Day 3: Feb 29\nText.\n", year_hint=2020).entries[0].date == dt.date(
        2020, 2, 29
    )


def test_ambiguous_numeric_dates_are_read_month_first_with_a_warning():
    result = split_log("## Day 1: 03/04/2021\nText.\n\n## Day 2: 04/04/2021\nText.\n")
    assert [e.date for e in result.entries] == [dt.date(2021, 3, 4), dt.date(2021, 4, 4)]
    assert result.warnings == [
        (
            1,
            "read '03/04/2021' as March 4 (month first): "
            "no date in the log tells whether the day or the month comes first",
        )
    ]


def test_numeric_dates_that_are_not_dates_do_not_break_the_order_check():
    result = split_log("## Day 1: 00/05/2021\nx\n\n## Day 2: 07/07/2021\nx\n")
    assert result.problems == [(1, "Day 1: '00/05/2021' is not a real date; skipped")]
    assert (result.warnings, result.entries[0].date) == ([], dt.date(2021, 7, 7))


def test_a_month_first_date_elsewhere_settles_the_order():
    result = split_log("## Day 1: 03/04/2021\nText.\n\n## Day 2: 03/14/2021\nText.\n")
    assert [e.date for e in result.entries] == [dt.date(2021, 3, 4), dt.date(2021, 3, 14)]
    assert result.warnings == []


@pytest.mark.parametrize(
    "progress",
    [
        "**Today's Progress**: Coded.",
        "**Today's Progress:** Coded.",
        "**Today’s Progress**: Coded.",
        "**Todays progress** Coded.",
        "***progress*** Coded.",
        "__Today's Progress:__ Coded.",
        "*Progress*: Coded.",
        "Today's Progress: Coded.",
        "- **Today's Progress**: Coded.",
        "#### Today's Progress\n\nCoded.",
        "**Today's Progress**:\n\n    Coded.",
    ],
)
def test_progress_labels_as_people_write_them(progress):
    text = f"### Day 1: March 1, 2021\n\n{progress}\n\n**Thoughts** Fun.\n"
    [entry] = split_log(text).entries
    assert entry.body == "Coded.\n\n## Thoughts\n\nFun.\n"
    assert entry.title == "Day 1: Coded"


@pytest.mark.parametrize(
    "links, listed",
    [
        ("**Link to work:** [App](https://a.example)", "- [App](https://a.example)"),
        ("**Link(s) to work**: https://a.example.", "- <https://a.example>"),
        (
            "**Links to work** [A](https://a.example) | [B](https://b.example) and https://c.example",
            "- [A](https://a.example)\n- [B](https://b.example)\n- <https://c.example>",
        ),
        (
            "**Link to work:**\n[A](https://a.example)\nsee also <https://b.example>",
            "- [A](https://a.example)\n- see also <https://b.example>",
        ),
        ("**Link to work:**\n* [A](https://a.example)", "* [A](https://a.example)"),
        ("**Link:** none yet", "none yet"),
        (
            "**Link to work:** [A](https://a.example)\nWill post the rest soon.",
            "- [A](https://a.example)\n\nWill post the rest soon.",
        ),
    ],
)
def test_links_become_a_list(links, listed):
    [entry] = split_log(f"### Day 1: March 1, 2021\n{links}\n").entries
    assert entry.body == f"## Link to work\n\n{listed}\n"


@pytest.mark.parametrize(
    "block, title",
    [
        ("### Day 4: 2021-03-04 - **CSS** Grid\n**Progress**: Grid.", "Day 4: CSS Grid"),
        ("### Day 4: 2021-03-04 (Grid garden)\n**Progress**: Grid.", "Day 4: Grid garden"),
        (
            "### Day 4: 2021-03-04\n**Progress**: Read [MDN](https://mdn.example). Then…",
            "Day 4: Read MDN",
        ),
        (
            "### Day 4: 2021-03-04\n**Progress**: one two three four five six seven of nine",
            "Day 4: One two three four five six seven…",
        ),
        ("### Day 4: 2021-03-04\n**Progress**: iOS layouts", "Day 4: iOS layouts"),
        ("### Day 4: 2021-03-04\n**Progress**:\n- [x] Tests - all green", "Day 4: Tests"),
        ("### Day 4: 2021-03-04\n**Thoughts**: Tired.", "Day 4"),
        ("### Day 4: 2021-03-04\n```py\nprint()\n```", "Day 4"),
        ("### Day 4: 2021-03-04", "Day 4"),
    ],
)
def test_titles(block, title):
    [entry] = split_log(block + "\n").entries
    assert entry.title == title


def test_an_empty_day_is_an_entry_with_an_empty_body():
    [entry] = split_log("### Day 4: 2021-03-04\n\n---\n").entries
    assert (entry.title, entry.body) == ("Day 4", "")


def test_unknown_labels_and_text_before_the_first_label_come_after_the_links():
    text = (
        "### Day 1: March 1, 2021\n"
        "Short day.\n"
        "**Time:** 2h\n"
        "**Thoughts:** Good.\n"
        "More thoughts.\n\n"
        "**Today's Progress:** Tests.\n"
    )
    [entry] = split_log(text).entries
    assert entry.body == (
        "Tests.\n\n## Thoughts\n\nGood.\nMore thoughts.\n\nShort day.\n\n**Time:** 2h\n"
    )


def test_a_date_line_dates_a_day_whose_heading_has_none_else_it_is_text():
    text = (
        "### Day 1\n"
        "**Date:** 1 March 2021\n"
        "Text.\n"
        "### Day 2: March 2, 2021\n"
        "**Date:** 2 March 2021\n"
        "Text.\n"
    )
    result = split_log(text)
    assert [(e.date.day, e.body) for e in result.entries] == [
        (1, "Text.\n"),
        (2, "**Date:** 2 March 2021\n\nText.\n"),
    ]


def test_lines_under_a_label_are_dedented_together():
    text = (
        "### Day 1: 2021-03-01\n**Link(s) to work**\n    1. [A](https://a.example)\n      nested\n"
    )
    [entry] = split_log(text).entries
    assert entry.body == "## Link to work\n\n1. [A](https://a.example)\n  nested\n"


def test_sentences_and_hashtags_that_mention_days_are_not_days():
    text = (
        "### Day 1: March 1, 2021\n"
        "Day 2 will be harder.\n"
        "#100DaysOfCode\n"
        "**Day 2 will be harder** still.\n"
        "# Day 2 is not a date\n"
    )
    result = split_log(text)
    assert [e.day for e in result.entries] == [1]
    assert result.entries[0].body == (
        "Day 2 will be harder.\n#100DaysOfCode\n**Day 2 will be harder** still.\n"
    )
    assert result.problems == [(5, "Day 2: cannot read a date in 'is not a date'; skipped")]


def test_a_heading_that_is_not_a_day_ends_the_day_only_at_its_level_or_above():
    text = (
        "### Day 1: March 1, 2021\n"
        "#### Notes\n"
        "Kept.\n"
        "### Thoughts\n"
        "Also kept: a label heading.\n"
        "## Round 2\n"
        "Not kept.\n"
        "### Day 2: March 2, 2021\n"
        "Kept too.\n"
    )
    result = split_log(text)
    assert [e.body for e in result.entries] == [
        "## Thoughts\n\nAlso kept: a label heading.\n\n#### Notes\nKept.\n",
        "Kept too.\n",
    ]
    assert result.warnings == [
        (6, "'## Round 2' is not a day: it and the lines below it were not imported")
    ]


def test_comments_on_one_line_across_lines_and_never_closed():
    text = (
        "<!-- ### Day 0: February 30, 2016 (Example 1) -->\n"
        "### Day 1: March 1, 2021\n"
        "**Progress**: Tests <!-- secret --> pass.\n"
        "<!---\n"
        "### Day 2: March 2, 2021\n"
        "--->\n"
        "### Day 3: March 3, 2021\n"
        "Kept <!-- never closed\n"
        "### Day 4: March 4, 2021\n"
    )
    result = split_log(text)
    assert [(e.day, e.body) for e in result.entries] == [(1, "Tests  pass.\n"), (3, "Kept\n")]
    assert result.warnings == [
        (8, "this comment ('<!--') never closes ('-->'): the rest of the log was ignored")
    ]


def test_an_unclosed_code_block_is_reported():
    result = split_log("### Day 1: March 1, 2021\n```js\nlet a\n\n### Day 2: March 2, 2021\n")
    assert [(e.day, e.body) for e in result.entries] == [
        (1, "```js\nlet a\n\n### Day 2: March 2, 2021\n")
    ]
    assert result.warnings == [
        (2, "this code block (```) never closes: the rest of the log was read as code")
    ]


def test_a_weekday_that_does_not_match_the_date_is_a_warning():
    result = split_log("### Day 1: June 27, Monday\nText.\n", year_hint=2017)
    assert result.entries[0].date == dt.date(2017, 6, 27)
    assert result.warnings == [
        (1, "Day 1: June 27, 2017 was a Tuesday, not a Monday; check the date (or --year)")
    ]


def test_tags_can_be_chosen():
    [entry] = split_log("### Day 1: 2021-03-01\nText.\n", tags=["python", "100daysofcode"]).entries
    assert entry.front_matter["tags"] == ["python", "100daysofcode"]


# --- the command, as the learner runs it ---------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder as the working directory, holding the three fixture logs."""
    monkeypatch.chdir(tmp_path)
    for log in LOGS.iterdir():
        (tmp_path / log.name).write_bytes(log.read_bytes())
    return tmp_path


def import_log(capsys, *args: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="roadlog import-log")
    add_import_log_arguments(parser)
    parsed = parser.parse_args(args)
    code = parsed.run(parsed)
    out, err = capsys.readouterr()
    return code, out, err


def files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def fingerprint(file: Path) -> tuple[str, int]:
    return hashlib.sha256(file.read_bytes()).hexdigest(), file.stat().st_mtime_ns


LOG_OUTPUT = """\
log.md:118: error: Day 9 has no year; give --year YYYY
log.md:122: error: Day 10: 'February 30, 2021' is not a real date; skipped
log.md:141: warning: '## Resources' is not a day: it and the lines below it were not imported
Wrote 10 entries to journal/ (0 skipped, 2 undated)
"""


def test_import_log_writes_an_entry_per_day_and_reports_the_rest(project, capsys):
    assert import_log(capsys, "log.md") == (1, LOG_OUTPUT, "")
    assert files(project / "journal") == [
        f"2021/{date}-day-{day}.md"
        for date, day in [
            ("2021-03-01", 1),
            ("2021-03-02", 2),
            ("2021-03-03", 3),
            ("2021-03-04", 4),
            ("2021-03-05", 5),
            ("2021-03-06", 6),
            ("2021-03-07", 7),
            ("2021-03-08", 8),
            ("2021-03-11", 11),
            ("2021-03-12", 12),
        ]
    ]
    assert (project / "journal/2021/2021-03-05-day-5.md").read_text(encoding="utf-8") == (
        "---\n"
        "date: '2021-03-05'\n"
        "title: 'Day 5: Read chapter 3 of Eloquent JavaScript'\n"
        "tags: [100daysofcode]\n"
        "---\n" + LOG_BODIES[5]
    )


def test_every_written_entry_loads_without_a_problem(project, capsys):
    for log, year in [
        ("log.md", "2021"),
        ("windows-crlf.md", "2020"),
        ("bom-day-first.md", "2021"),
    ]:
        import_log(capsys, log, "--year", year, "-o", f"journal/{log[:-3]}")
    written = sorted((project / "journal").rglob("*.md"))
    assert len(written) == 11 + 6 + 7
    for file in written:
        problems = Collector()
        entry = load_entry(file, file.name, problems)
        assert problems.problems == [], file.name
        assert entry.date.isoformat() == file.name[:10]
        assert entry.title.startswith(f"Day {file.stem.rsplit('-', 1)[1]}")
        assert entry.tags == ["100daysofcode"]
    problems = Collector()
    day_8 = load_entry(project / "journal/log/2021/2021-03-08-day-8.md", "day-8", problems)
    assert (day_8.title, day_8.body) == (LOG_DAYS[7][2], LOG_BODIES[8])


def test_year_fills_in_missing_years(project, capsys):
    code, out, err = import_log(capsys, "log.md", "--year", "2021")
    assert (code, err) == (1, "")
    assert out == (
        "log.md:122: error: Day 10: 'February 30, 2021' is not a real date; skipped\n"
        "log.md:141: warning: '## Resources' is not a day: it and the lines below it were not imported\n"
        "Wrote 11 entries to journal/ (0 skipped, 1 undated)\n"
    )
    assert (project / "journal/2021/2021-03-09-day-9.md").is_file()


def test_undated_days_are_reported_and_not_written(project, capsys):
    code, out, _ = import_log(capsys, "windows-crlf.md")
    assert code == 1
    assert out.splitlines()[-1] == "Wrote 0 entries to journal/ (0 skipped, 6 undated)"
    assert out.count(": error: Day ") == 6
    assert not (project / "journal").exists()


def test_an_existing_entry_is_never_overwritten(project, capsys):
    existing = project / "journal/2021/2021-03-01-day-1.md"
    existing.parent.mkdir(parents=True)
    existing.write_text("---\ntitle: Mine\n---\nMy own words.\n", encoding="utf-8")
    before = fingerprint(existing)
    code, out, err = import_log(capsys, "log.md", "--year", "2021")
    assert (code, err) == (1, "")
    assert out == (
        "log.md:39: error: journal/2021/2021-03-01-day-1.md already exists; skipped\n"
        "log.md:122: error: Day 10: 'February 30, 2021' is not a real date; skipped\n"
        "log.md:141: warning: '## Resources' is not a day: it and the lines below it were not imported\n"
        "Wrote 10 entries to journal/ (1 skipped, 1 undated)\n"
    )
    assert fingerprint(existing) == before
    assert len(files(project / "journal")) == 11
    assert not list((project / "journal").rglob(".roadlog-*"))  # no staging files left behind


def test_running_it_again_changes_nothing(project, capsys):
    import_log(capsys, "log.md", "--year", "2021")
    before = {f: fingerprint(project / "journal" / f) for f in files(project / "journal")}
    code, out, _ = import_log(capsys, "log.md", "--year", "2021")
    assert code == 1
    assert out.count("already exists; skipped") == 11
    assert out.endswith("Wrote 0 entries to journal/ (11 skipped, 1 undated)\n")
    assert {f: fingerprint(project / "journal" / f) for f in files(project / "journal")} == before


def test_output_folder_and_tags(project, capsys):
    code, out, _ = import_log(
        capsys, "windows-crlf.md", "--year", "2020", "-o", "notes/", "--tag", "python"
    )
    assert code == 0
    assert out == (
        "windows-crlf.md:41: warning: Day 6: January 5, 2021 was a Tuesday, not a Wednesday; "
        "check the date (or --year)\n"
        "Wrote 6 entries to notes/ (0 skipped, 0 undated)\n"
    )
    assert files(project / "notes") == [
        "2020/2020-12-29-day-1.md",
        "2020/2020-12-30-day-2.md",
        "2020/2020-12-31-day-3.md",
        "2021/2021-01-01-day-4.md",
        "2021/2021-01-02-day-5.md",
        "2021/2021-01-05-day-6.md",
    ]
    assert (project / "notes/2021/2021-01-02-day-5.md").read_bytes() == (
        b"---\ndate: '2021-01-02'\ntitle: 'Day 5: Saved the to-do list to JSON'\n"
        b"tags: [python]\n---\nSaved the to-do list to JSON.\n"
    )
    import_log(capsys, "log.md", "--year", "2021", "-o", "more", "--tag", "js", "--tag", "css")
    assert "tags: [js, css]\n" in (project / "more/2021/2021-03-01-day-1.md").read_text("utf-8")


@pytest.mark.parametrize("in_the_way", ["journal", "journal/2021"])
def test_a_file_in_the_way_of_a_folder_is_reported(project, capsys, in_the_way):
    (project / "one.md").write_text("### Day 1: March 1, 2021\nText.\n", encoding="utf-8")
    (project / in_the_way).parent.mkdir(exist_ok=True)
    (project / in_the_way).write_text("not a folder\n", encoding="utf-8")
    assert import_log(capsys, "one.md") == (
        1,
        "one.md:1: error: cannot write journal/2021/2021-03-01-day-1.md: Not a directory\n"
        "Wrote 0 entries to journal/ (1 skipped, 0 undated)\n",
        "",
    )
    assert (project / in_the_way).read_text(encoding="utf-8") == "not a folder\n"


def test_a_clean_log_exits_0(project, capsys):
    (project / "clean.md").write_text(
        "# 100 Days Of Code - Log\n\n### Day 1: March 1, 2021\nText.\n\n---\n\n"
        "### Day 2: March 2, 2021\nMore.\n",
        encoding="utf-8",
    )
    assert import_log(capsys, "clean.md") == (
        0,
        "Wrote 2 entries to journal/ (0 skipped, 0 undated)\n",
        "",
    )
    assert (
        (project / "journal/2021/2021-03-01-day-1.md").read_text("utf-8").endswith("---\nText.\n")
    )


def test_a_single_entry_is_an_entry(project, capsys):
    (project / "one.md").write_text("### Day 1: March 1, 2021\nText.\n", encoding="utf-8")
    assert import_log(capsys, "one.md")[1] == "Wrote 1 entry to journal/ (0 skipped, 0 undated)\n"


def test_a_missing_log(project, capsys):
    assert import_log(capsys, "nope.md") == (1, "", "error: nope.md: no such file\n")


def test_a_log_that_is_not_utf8(project, capsys):
    (project / "latin1.md").write_bytes(b"### Day 1: March 1, 2021\n\ncaf\xe9\n")
    assert import_log(capsys, "latin1.md") == (
        1,
        "",
        "error: latin1.md:3: not valid UTF-8 text (invalid continuation byte at byte 29)\n",
    )


def test_a_log_without_days(project, capsys):
    (project / "notes.md").write_text("# Notes\n\n<!-- ### Day 1: March 1, 2021\n", "utf-8")
    assert import_log(capsys, "notes.md") == (
        1,
        "notes.md:3: warning: this comment ('<!--') never closes ('-->'): "
        "the rest of the log was ignored\n",
        "error: notes.md: no days found (headings like `### Day 1: March 2, 2021`)\n",
    )
    assert not (project / "journal").exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["log.md", "--year", "21"], "argument --year: '21' is not a year (YYYY)"),
        (["log.md", "--year", "0000"], "argument --year: '0000' is not a year (YYYY)"),
        (["log.md", "--tag", " "], "argument --tag: a tag cannot be empty"),
    ],
)
def test_bad_options_are_refused_before_anything_is_written(project, capsys, args, message):
    with pytest.raises(SystemExit) as exc:
        import_log(capsys, *args)
    assert exc.value.code == 2
    assert capsys.readouterr().err.endswith(f"roadlog import-log: error: {message}\n")
    assert not (project / "journal").exists()
