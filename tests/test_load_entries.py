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
