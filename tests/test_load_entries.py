"""load_entries: journal/**/*.md -> Entry objects and warnings, or one RoadlogError with every error."""

import datetime as dt
import textwrap

import pytest

from generator.errors import RoadlogError
from generator.load_entries import load_entries


def write(tmp_path, name, text):
    """Write journal/<name> (text is dedented; bytes are written as they are)."""
    path = tmp_path / "journal" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load(tmp_path):
    return load_entries(tmp_path / "journal", tmp_path)


def errors(tmp_path):
    with pytest.raises(RoadlogError) as exc:
        load(tmp_path)
    return [str(p) for p in exc.value.problems]


def test_date_from_the_file_name(tmp_path):
    write(tmp_path, "2026/01/2026-01-05-bits.md", "---\ntitle: Bits\n---\nText.\n")
    ([entry], warnings) = load(tmp_path)
    assert warnings == []
    assert entry.path == "journal/2026/01/2026-01-05-bits.md"
    assert entry.stem == "2026-01-05-bits"
    assert entry.date == dt.date(2026, 1, 5)
    assert entry.title == "Bits"
    assert entry.body == "Text.\n"


def test_date_in_front_matter_wins_over_the_file_name(tmp_path):
    write(tmp_path, "2026-01-05-bits.md", "---\ndate: 2026-01-07\n---\n")
    ([entry], _) = load(tmp_path)
    assert entry.date == dt.date(2026, 1, 7)
    assert entry.stem == "2026-01-05-bits"


def test_date_in_front_matter_for_an_undated_name(tmp_path):
    write(tmp_path, "notes/bits.md", "---\ndate: '2026-01-05'\n---\n")
    ([entry], _) = load(tmp_path)
    assert entry.date == dt.date(2026, 1, 5)
    assert entry.stem == "bits"


def test_no_date_anywhere(tmp_path):
    write(tmp_path, "bits.md", "---\ntitle: Bits\n---\nText.\n")
    assert errors(tmp_path) == [
        "journal/bits.md:1: no date: add `date: YYYY-MM-DD` to the front matter "
        "or start the file name with it"
    ]


def test_impossible_date_in_the_file_name(tmp_path):
    write(tmp_path, "2026-02-30-bits.md", "# Bits\n")
    assert errors(tmp_path) == [
        "journal/2026-02-30-bits.md:1: the file name starts with '2026-02-30', which is not a real date"
    ]


def test_impossible_date_in_front_matter(tmp_path):
    write(tmp_path, "bits.md", "---\ntitle: Bits\ndate: 2026-02-30\n---\n")
    assert errors(tmp_path) == ["journal/bits.md:3: date: '2026-02-30' is not a real date"]


def test_date_in_another_format_is_reported_once(tmp_path):
    write(tmp_path, "bits.md", "---\ndate: 2026-1-5\n---\n")
    assert errors(tmp_path) == ["journal/bits.md:2: date: '2026-1-5' is not a date (YYYY-MM-DD)"]


def test_every_known_field_is_parsed(tmp_path):
    write(
        tmp_path,
        "2026-01-05.md",
        """\
        ---
        title: Bits & bytes
        roadmap: backend-365
        day: 1
        tags: [networking, " mtu "]
        hours: 1.5
        status: partial
        draft: true
        ---
        # Heading
        """,
    )
    ([entry], warnings) = load(tmp_path)
    assert warnings == []
    assert (
        entry.title,
        entry.roadmap,
        entry.day,
        entry.week,
        entry.tags,
        entry.hours,
        entry.status,
        entry.draft,
        entry.extra,
    ) == ("Bits & bytes", "backend-365", 1, None, ["networking", "mtu"], 1.5, "partial", True, {})
    assert entry.lines == {
        "title": 2,
        "roadmap": 3,
        "day": 4,
        "tags": 5,
        "hours": 6,
        "status": 7,
        "draft": 8,
    }


def test_defaults(tmp_path):
    write(tmp_path, "2026-01-05.md", "Just text.\n")
    ([entry], _) = load(tmp_path)
    assert (
        entry.title,
        entry.heading,
        entry.roadmap,
        entry.day,
        entry.week,
        entry.tags,
        entry.hours,
        entry.status,
        entry.draft,
        entry.extra,
    ) == (None, None, None, None, None, [], None, "done", False, {})


def test_week_instead_of_day(tmp_path):
    write(tmp_path, "2026-01-05.md", "---\nroadmap: books\nweek: 3\n---\n")
    ([entry], _) = load(tmp_path)
    assert (entry.day, entry.week) == (None, 3)


def test_draft_as_a_string_is_an_error(tmp_path):
    write(tmp_path, "2026-01-05.md", '---\ntitle: Secret\ndraft: "true"\n---\n')
    assert errors(tmp_path) == [
        "journal/2026-01-05.md:3: draft: expected true or false, got 'true' (a quoted string: remove the quotes)"
    ]


def test_draft_false_as_a_string_is_an_error_too(tmp_path):
    write(tmp_path, "2026-01-05.md", "---\ndraft: 'false'\n---\n")
    assert errors(tmp_path) == [
        "journal/2026-01-05.md:2: draft: expected true or false, got 'false' (a quoted string: remove the quotes)"
    ]


def test_day_and_week_together(tmp_path):
    write(tmp_path, "2026-01-05.md", "---\nday: 3\nweek: 1\n---\n")
    assert errors(tmp_path) == ["journal/2026-01-05.md:3: give either `day` or `week`, not both"]


def test_wrong_values(tmp_path):
    write(
        tmp_path,
        "2026-01-05.md",
        """\
        ---
        day: 0
        tags: networking
        hours: 30
        status: finished
        ---
        """,
    )
    assert errors(tmp_path) == [
        "journal/2026-01-05.md:2: day: 0 is less than the minimum of 1",
        "journal/2026-01-05.md:3: tags: expected a list, got 'networking'",
        "journal/2026-01-05.md:4: hours: 30 is greater than the maximum of 24",
        "journal/2026-01-05.md:5: status: 'finished' is not one of ['done', 'partial', 'skipped']",
    ]


def test_misspelled_key_is_a_warning_and_unknown_keys_are_kept(tmp_path):
    write(
        tmp_path,
        "2026-01-05.md",
        """\
        ---
        mood: happy
        tilte: Bits
        ---
        Text.
        """,
    )
    ([entry], warnings) = load(tmp_path)
    assert [str(w) for w in warnings] == [
        "journal/2026-01-05.md:3: warning: unknown key 'tilte' (did you mean 'title'?)"
    ]
    assert entry.title is None
    assert entry.extra == {"mood": "happy", "tilte": "Bits"}


def test_heading_is_the_first_level_one_heading(tmp_path):
    write(
        tmp_path,
        "2026-01-05.md",
        """\
        ---
        title: Bits
        ---
        Intro with a #hashtag.

        ## Not this one

        # Bits & bytes, again #

        # Not this one either
        """,
    )
    ([entry], _) = load(tmp_path)
    assert entry.title == "Bits"
    assert entry.heading == "Bits & bytes, again"


def test_comment_in_a_code_block_is_not_a_heading(tmp_path):
    write(
        tmp_path,
        "2026-01-05.md",
        """\
        ```bash
        # install nginx
        apt install nginx
        ```

        # Setting up nginx
        """,
    )
    ([entry], _) = load(tmp_path)
    assert entry.heading == "Setting up nginx"


def test_file_without_front_matter(tmp_path):
    write(tmp_path, "2026-01-05-bits.md", "# Bits\n\n---\n\nText.\n")
    ([entry], _) = load(tmp_path)
    assert entry.date == dt.date(2026, 1, 5)
    assert entry.heading == "Bits"
    assert entry.body == "# Bits\n\n---\n\nText.\n"


def test_empty_front_matter(tmp_path):
    write(tmp_path, "2026-01-05.md", "---\n---\nText.\n")
    ([entry], _) = load(tmp_path)
    assert entry.body == "Text.\n"


def test_unclosed_front_matter(tmp_path):
    write(tmp_path, "2026-01-05.md", "---\ntitle: Bits\n\n# Bits\n")
    assert errors(tmp_path) == [
        "journal/2026-01-05.md:1: front matter starts with '---' but never ends (add a closing '---')"
    ]


def test_front_matter_that_is_a_list(tmp_path):
    write(tmp_path, "2026-01-05.md", "---\n- title: Bits\n---\n")
    assert errors(tmp_path) == [
        "journal/2026-01-05.md:2: front matter must be a YAML mapping of `key: value` lines"
    ]


def test_invalid_yaml_reports_the_line_in_the_file(tmp_path):
    write(tmp_path, "2026-01-05.md", "---\ntags: [dns]\nhours: 2\ntitle: DNS: the basics\n---\n")
    assert errors(tmp_path) == [
        "journal/2026-01-05.md:4: invalid YAML: mapping values are not allowed here "
        "(put quotes around a value that contains ': ')"
    ]


def test_python_tag_in_front_matter_is_rejected_not_run(tmp_path):
    marker = tmp_path / "pwned"
    write(
        tmp_path,
        "2026-01-05.md",
        f'---\ntitle: !!python/object/apply:os.system ["touch {marker}"]\n---\n',
    )
    assert errors(tmp_path) == [
        "journal/2026-01-05.md:2: the YAML tag '!!python/object/apply:os.system' is not supported "
        "here; remove it"
    ]
    assert not marker.exists()


def test_utf8_bom_and_crlf(tmp_path):
    text = "\ufeff---\r\ntitle: Café\r\nhours: 2\r\n---\r\n# Première\r\n\r\nText.\r\n"
    write(tmp_path, "2026-01-05.md", text.encode())
    ([entry], warnings) = load(tmp_path)
    assert warnings == []
    assert (entry.title, entry.hours, entry.heading) == ("Café", 2, "Première")
    assert entry.body == "# Première\n\nText.\n"


def test_invalid_utf8(tmp_path):
    write(tmp_path, "2026-01-05.md", b"---\ntitle: Caf\xe9\n---\n")
    assert errors(tmp_path) == [
        "journal/2026-01-05.md:2: not valid UTF-8 text (invalid continuation byte at byte 14)"
    ]


def test_entries_come_sorted_by_path(tmp_path):
    write(tmp_path, "2026/02/2026-02-01.md", "February.\n")
    write(tmp_path, "2026/01/2026-01-05.md", "January.\n")
    write(tmp_path, "misc/2025-12-31.md", "December.\n")
    (entries, _) = load(tmp_path)
    assert [e.path for e in entries] == [
        "journal/2026/01/2026-01-05.md",
        "journal/2026/02/2026-02-01.md",
        "journal/misc/2025-12-31.md",
    ]


def test_missing_directory_means_no_entries(tmp_path):
    assert load(tmp_path) == ([], [])


def test_every_broken_entry_at_once_sorted_by_path(tmp_path):
    write(tmp_path, "notes/idea.md", "# An idea\n")
    write(tmp_path, "2026/01/2026-01-06.md", '---\ntitle: Secret\ndraft: "true"\n---\n')
    write(tmp_path, "2026/01/2026-01-05.md", "---\nday: 1\nweek: 1\n---\n")
    write(tmp_path, "2026/01/2026-01-07.md", "---\ntitle: Fine\ntilte: typo\n---\n")
    write(tmp_path, "2026/01/2026-01-08.md", "---\ntitle: [\n---\n")
    assert errors(tmp_path) == [
        "journal/2026/01/2026-01-05.md:3: give either `day` or `week`, not both",
        "journal/2026/01/2026-01-06.md:3: draft: expected true or false, got 'true' (a quoted string: remove the quotes)",
        # Warnings found in the same run are reported with the errors, not lost.
        "journal/2026/01/2026-01-07.md:3: warning: unknown key 'tilte' (did you mean 'title'?)",
        "journal/2026/01/2026-01-08.md:2: invalid YAML: expected the node content, but found "
        "'<stream end>' (is a '[' or '{' not closed?)",
        "journal/notes/idea.md:1: no date: add `date: YYYY-MM-DD` to the front matter "
        "or start the file name with it",
    ]


# ---- invisible characters around the front matter ----------------------------------------------

SECRET = "---\ntitle: Secret\ndraft: true\n---\nThe body.\n"


@pytest.mark.parametrize(
    "prefix, shown",
    [
        ("\ufeff", "U+FEFF BYTE ORDER MARK"),  # a second BOM: the reader drops only the first
        ("\u200b", "U+200B ZERO WIDTH SPACE"),
        ("\u00a0", "U+00A0 NO-BREAK SPACE"),
        ("\u2060", "U+2060 WORD JOINER"),
        ("\u200e", "U+200E LEFT-TO-RIGHT MARK"),
        ("\u200f", "U+200F RIGHT-TO-LEFT MARK"),
        ("\u3000", "U+3000 IDEOGRAPHIC SPACE"),  # a space (Zs) of another width
        ("\u180e", "U+180E MONGOLIAN VOWEL SEPARATOR"),  # a format character (Cf)
        ("\u3164", "U+3164 HANGUL FILLER"),  # a letter that draws nothing
        (" \u2060\u200b", "U+2060 WORD JOINER"),  # a mix: the first invisible one is named
    ],
)
def test_an_invisible_character_before_the_front_matter_is_an_error(tmp_path, prefix, shown):
    write(tmp_path, "2026-01-05.md", (b"\xef\xbb\xbf" + (prefix + SECRET).encode()))
    assert errors(tmp_path) == [
        f"journal/2026-01-05.md:1: the first line has an invisible character ({shown}) before "
        "'---': delete it so the front matter is read"
    ]


def test_an_invisible_character_after_the_dashes_is_an_error(tmp_path):
    write(tmp_path, "2026-01-05.md", SECRET.replace("---", "---\u200b", 1))
    assert errors(tmp_path) == [
        "journal/2026-01-05.md:1: the first line has an invisible character "
        "(U+200B ZERO WIDTH SPACE) after '---': delete it so the front matter is read"
    ]


def test_invisible_characters_on_the_blank_lines_above_the_front_matter(tmp_path):
    write(tmp_path, "2026-01-05.md", "\u00a0\n\u200b\n" + SECRET)
    write(tmp_path, "2026-01-06.md", "\n\u200b---\ntitle: Secret\n---\nThe body.\n")
    assert errors(tmp_path) == [
        "journal/2026-01-05.md:3: this looks like front matter, which must start on the first "
        "line: delete the blank lines above '---' (and the invisible U+00A0 NO-BREAK SPACE on line 1)",
        "journal/2026-01-06.md:2: this looks like front matter, which must start on the first "
        "line: delete the blank lines above '---' (and the invisible U+200B ZERO WIDTH SPACE on line 2)",
    ]


def test_spaces_before_the_dashes_of_front_matter(tmp_path):
    write(tmp_path, "2026-01-05.md", "  " + SECRET)
    assert errors(tmp_path) == [
        "journal/2026-01-05.md:1: this looks like front matter, but '---' must start the line: "
        "delete the spaces before it"
    ]


def test_a_rule_after_invisible_blank_lines_is_markdown(tmp_path):
    """Two `---` rules around a paragraph that is no YAML mapping are not front matter."""
    write(tmp_path, "2026-01-05.md", "\u200b\n---\nA paragraph between rules.\n---\nMore.\n")
    ([entry], warnings) = load(tmp_path)
    assert warnings == []
    assert entry.body.startswith("\u200b\n---\n")


def test_a_control_character_before_the_dashes_is_reported_once(tmp_path):
    write(tmp_path, "2026-01-05.md", "\x0b" + SECRET)
    assert errors(tmp_path) == [
        "journal/2026-01-05.md:1: the control character U+000B is not allowed; delete it"
    ]


# ---- near misses of `draft` --------------------------------------------------------------------


@pytest.mark.parametrize(
    "key, hint",
    [
        ("Draft", ""),
        ("DRAFT", ""),
        ("drafts", ""),
        ("draf", ""),
        ("drfat", ""),  # two letters swapped
        ("drafted", ""),
        ("is_draft", ""),
        ("draft-mode", ""),
        ('"draft "', ""),
        ("\uff44\uff52\uff41\uff46\uff54", " its 'ｄ' is U+FF44 FULLWIDTH LATIN SMALL LETTER D"),
        ("dr\u0430ft", " its 'а' is U+0430 CYRILLIC SMALL LETTER A"),
        ('"\u200bdraft"', " its '\\u200b' is U+200B ZERO WIDTH SPACE"),
        ("dráft", " its 'á' is U+00E1 LATIN SMALL LETTER A WITH ACUTE"),
    ],
)
def test_a_near_miss_of_draft_is_an_error(tmp_path, key, hint):
    write(tmp_path, "2026-01-05.md", f"---\ntitle: Secret\n{key}: true\n---\nThe body.\n")
    shown = repr(key.strip('"'))
    assert errors(tmp_path) == [
        f"journal/2026-01-05.md:3: unknown key {shown} (did you mean 'draft'?{hint}): only "
        "`draft: true` keeps an entry unpublished; fix the key, or rename it if it is not about "
        "drafts"
    ]


@pytest.mark.parametrize(
    "key, value",
    [("private", "true"), ("Published", "false"), ("publish", "no"), ("unpublished", "yes")],
)
def test_another_tools_word_for_draft_is_an_error(tmp_path, key, value):
    write(tmp_path, "2026-01-05.md", f"---\n{key}: {value}\n---\nThe body.\n")
    assert errors(tmp_path) == [
        f"journal/2026-01-05.md:2: unknown key {key!r}: Roadlog keeps an entry unpublished only "
        f"with `draft: true`; write that instead of {key!r}, or delete it"
    ]


def test_another_tools_word_with_a_value_that_is_no_yes_or_no_is_kept(tmp_path):
    write(tmp_path, "2026-01-05.md", "---\npublished: '2026-01-04'\nprivate: notes\n---\n")
    ([entry], warnings) = load(tmp_path)
    assert (entry.extra, warnings) == ({"published": "2026-01-04", "private": "notes"}, [])


def test_a_nested_draft_is_an_error(tmp_path):
    write(
        tmp_path,
        "2026-01-05.md",
        "---\noptions:\n  draft: true\nsections:\n  - Drafts: yes\n---\nThe body.\n",
    )
    assert errors(tmp_path) == [
        "journal/2026-01-05.md:3: options.draft: `draft` keeps an entry unpublished only at the "
        "top of the front matter, at the start of a line; move it out of options",
        "journal/2026-01-05.md:5: sections[0].Drafts: `draft` keeps an entry unpublished only at "
        "the top of the front matter, at the start of a line; move it out of sections[0]",
    ]


@pytest.mark.parametrize("key", ["date2", "craftsmanship", "mood", "dates", "aft"])
def test_keys_far_from_draft_are_kept(tmp_path, key):
    write(tmp_path, "2026-01-05.md", f"---\n{key}: x\n---\nThe body.\n")
    ([entry], _) = load(tmp_path)  # loaded, not refused: at most a "did you mean" warning
    assert entry.extra == {key: "x"}


# ---- control characters written as YAML escapes ------------------------------------------------


@pytest.mark.parametrize(
    "value, message",
    [
        ('"bell \\a here"', "the control character U+0007 is not allowed; delete it"),
        ('"\\e[31mred"', "the control character U+001B is not allowed; delete it"),
        ('"\\0"', "the control character U+0000 is not allowed; delete it"),
        ('"\\x7f"', "the control character U+007F is not allowed; delete it"),
        ('"\\ud800"', "the lone surrogate U+D800 is not allowed; delete it"),
        ('"\\uFFFE"', "the noncharacter U+FFFE is not allowed; delete it"),
    ],
)
def test_a_control_character_written_as_an_escape_is_an_error(tmp_path, value, message):
    write(tmp_path, "2026-01-05.md", f"---\nhours: 1\ntitle: {value}\n---\nThe body.\n")
    assert errors(tmp_path) == [f"journal/2026-01-05.md:3: {message}"]


def test_an_escape_in_a_tag_or_a_key_is_reported_at_its_line(tmp_path):
    write(tmp_path, "2026-01-05.md", '---\ntags:\n  - fine\n  - "ctl\\x01"\n---\n')
    write(tmp_path, "2026-01-06.md", '---\ntitle: Fine\n"key\\a": 1\n---\n')
    assert errors(tmp_path) == [
        "journal/2026-01-05.md:4: the control character U+0001 is not allowed; delete it",
        "journal/2026-01-06.md:3: the control character U+0007 is not allowed; delete it",
    ]


def test_tab_and_newline_escapes_stay_allowed(tmp_path):
    write(tmp_path, "2026-01-05.md", '---\ntitle: "a\\tb\\nc \\u00e9 \\U0001F600"\n---\n')
    ([entry], _) = load(tmp_path)
    assert entry.title == "a\tb\nc é 😀"


def test_a_noncharacter_in_the_body_is_an_error(tmp_path):
    write(tmp_path, "2026-01-05.md", "---\ntitle: Fine\n---\nLine one.\nA \uffff here.\n")
    assert errors(tmp_path) == [
        "journal/2026-01-05.md:5: the noncharacter U+FFFF is not allowed; delete it"
    ]


# ---- file names that break their URL -----------------------------------------------------------


@pytest.mark.parametrize(
    "stem, shown",
    [
        ("2026-01-05-my day #1", "' ', '#'"),
        ("2026-01-05-what?", "'?'"),
        ("2026-01-05-100%", "'%'"),
        ('2026-01-05-"quoted"', "'\"'"),
        ("2026-01-05-<b>", "'<', '>'"),
        ("2026-01-05-back\\slash", "'\\\\'"),
        ("2026-01-05-a+b&c", "'+', '&'"),
        ("2026-01-05-bell\a", "'\\x07' (U+0007)"),
        ("2026-01-05-zero\u200bwidth", "'\\u200b' (U+200B ZERO WIDTH SPACE)"),
        ("2026-01-05-\u202egnp", "'\\u202e' (U+202E RIGHT-TO-LEFT OVERRIDE)"),
    ],
)
def test_a_file_name_that_breaks_its_url_is_an_error(tmp_path, stem, shown):
    write(tmp_path, f"{stem}.md", "---\ntitle: Fine\n---\nText.\n")
    # The path is shown with its invisible characters escaped: a BEL must not ring in a terminal.
    path = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in stem)
    assert errors(tmp_path) == [
        f"journal/{path}.md:1: the file name has characters that break its URL ({shown}): "
        "rename it with letters, digits, '-', '_' and '.' only"
    ]


@pytest.mark.parametrize(
    "stem", ["2026-01-05-café", "2026-01-05-cafe\u0301", "2026-01-05-日本語", "2026-01-05-v1.2_x"]
)
def test_letters_of_any_script_make_a_good_file_name(tmp_path, stem):
    write(tmp_path, f"{stem}.md", "---\ntitle: Fine\n---\nText.\n")
    ([entry], warnings) = load(tmp_path)
    assert (entry.stem, warnings) == (stem, [])


def test_the_line_where_the_body_starts_is_kept(tmp_path):
    write(tmp_path, "2026-01-05.md", "---\ntitle: A\nhours: 1\n---\nBody.\n")
    write(tmp_path, "2026-01-06.md", "Body.\n")
    first, second = load(tmp_path)[0]
    assert (first.body_line, second.body_line) == (5, 1)
