"""Hostile text: front matter near misses, unprintable and bidi characters, long tags, look-alike names.

Each was published, or crashed the build, before: a red team's inputs, kept as tests.
"""

from __future__ import annotations

import textwrap
import unicodedata
from pathlib import Path

import pytest
from conftest import assert_refused, build

from generator.errors import RoadlogError
from generator.find_front_matter import split_front_matter
from generator.load_entries import load_entries
from generator.load_topics import load_topics
from generator.read_yaml import YamlProblem, read_yaml

UNREAD = (
    "{shown!r} is in the text, but no front matter was read{first}: front matter starts with a "
    "line '---' alone, the very first line of the file, and ends with another"
)


def write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problems(root: Path) -> list[str]:
    """What loading root/journal reports, as printed ([] when it loads)."""
    try:
        load_entries(root / "journal", root)
    except RoadlogError as exc:
        return [str(p) for p in exc.problems]
    return []


# ---- front matter that was not read ------------------------------------------------------------


@pytest.mark.parametrize(
    "text, line, shown, first",
    [
        ("----\ntitle: X\ndraft: true\n----\n", 3, "draft: true", " (line 1 is '----')"),
        ("%YAML 1.1\n---\ndraft: true\n---\n", 3, "draft: true", " (line 1 is '%YAML 1.1')"),
        ("<!-- x -->\n---\ndraft: true\n---\n", 3, "draft: true", " (line 1 is '<!-- x -->')"),
        ('+++\ntitle = "X"\ndraft = true\n+++\n', 3, "draft = true", " (line 1 is '+++')"),
        ("+++\nDraft = true\n+++\n", 2, "Draft = true", " (line 1 is '+++')"),
        ("----\nis_draft: yes\n----\n", 2, "is_draft: yes", " (line 1 is '----')"),
        *(
            (
                f"{dash * 3}\ntitle: X\ndraft: true\n{dash * 3}\n",
                3,
                "draft: true",
                f" (line 1 is {dash * 3!r}, its {dash!r} is U+{ord(dash):04X} "
                f"{unicodedata.name(dash)})",
            )
            for dash in "\u2010\u2212\uff0d\u2014"
        ),
        (
            "-\u2011-\ndraft: true\n-\u2011-\n",
            2,
            "draft: true",
            " (line 1 is '-‑-', its '‑' is U+2011 NON-BREAKING HYPHEN)",
        ),
    ],
    ids=[
        "four-dashes",
        "yaml-directive",
        "html-comment",
        "toml",
        "toml-capitalised",
        "near-miss-key",
        "u2010",
        "u2212",
        "uff0d",
        "u2014",
        "u2011",
    ],
)
def test_a_draft_line_in_a_file_without_front_matter_is_an_error(
    tmp_path: Path, text: str, line: int, shown: str, first: str
):
    write(tmp_path, "journal/2026-03-03-x.md", text + "The secret body.\n")
    assert problems(tmp_path) == [
        f"journal/2026-03-03-x.md:{line}: " + UNREAD.format(shown=shown, first=first)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "# Title\n\nSome text.\n\n---\n\nMore text.\n",
        "---\ntitle: X\n---\nDraft: the first version of the essay.\n",
        "# Hugo\n\n```toml\ndraft = true\n```\n",
        "# Notes\n" + "\n" * 30 + "draft: a word deep in the body\n",
        "# Notes\n\nA first draft: nothing more.\n",
    ],
    ids=["rule", "after-front-matter", "code-block", "deep-in-the-body", "several-words"],
)
def test_markdown_that_mentions_draft_still_loads(tmp_path: Path, text: str):
    write(tmp_path, "journal/2026-03-03-x.md", text)
    assert problems(tmp_path) == []


def test_a_yaml_comment_after_the_opening_dashes_is_front_matter(tmp_path: Path):
    # `--- # meta` is a YAML document start, as `---` is: the front matter is read, draft and all.
    write(tmp_path, "journal/2026-03-03-x.md", "--- # meta\ntitle: X\ndraft: true\n--- # end\nB\n")
    [entry], _ = load_entries(tmp_path / "journal", tmp_path)
    assert (entry.title, entry.draft, entry.body, entry.body_line) == ("X", True, "B\n", 5)


def test_a_yaml_comment_needs_a_space_before_it():
    assert split_front_matter("---#x\ntitle: X\n---\n") == (None, "---#x\ntitle: X\n---\n", 1)


def test_hugo_front_matter_never_publishes_a_draft(fixture_site: Path, capsys):
    write(
        fixture_site,
        "journal/2026-03-11-hugo.md",
        '+++\ntitle = "Secret"\ndraft = true\n+++\nThe body.\n',
    )
    assert_refused(
        fixture_site,
        capsys,
        "journal/2026-03-11-hugo.md:3: "
        + UNREAD.format(shown="draft = true", first=" (line 1 is '+++')"),
    )


# ---- characters no page can show ---------------------------------------------------------------


@pytest.mark.parametrize(
    "escape, shown",
    [
        ("\\uFDD0", "noncharacter U+FDD0"),
        ("\\uFDEF", "noncharacter U+FDEF"),
        ("\\U0001FFFE", "noncharacter U+1FFFE"),
        ("\\U0010FFFF", "noncharacter U+10FFFF"),
        ("\\N", "control character U+0085"),
        ("\\x9b", "control character U+009B"),
        ("\\x7f", "control character U+007F"),
    ],
)
def test_yaml_escapes_of_noncharacters_and_c1_controls_are_refused(escape: str, shown: str):
    with pytest.raises(YamlProblem) as exc:
        read_yaml(f'title: ok\ntags: ["a{escape}b"]\n')
    assert (exc.value.line, exc.value.message) == (2, f"the {shown} is not allowed; delete it")


@pytest.mark.parametrize(
    "raw, shown",
    [
        ("\ufdd0", "the noncharacter U+FDD0 is not allowed; delete it"),
        ("\U0002fffe", "the noncharacter U+2FFFE is not allowed; delete it"),
        ("\x85", "invalid YAML: the control character U+0085 is not allowed; delete it"),
    ],
)
def test_raw_noncharacters_and_next_line_in_yaml_are_refused(raw: str, shown: str):
    with pytest.raises(YamlProblem) as exc:
        read_yaml(f"title: ok\ndescription: 'a{raw}b'\n")
    assert (exc.value.line, exc.value.message) == (2, shown)


@pytest.mark.parametrize(
    "raw, shown",
    [
        ("\x9b", "control character U+009B"),
        ("\x85", "control character U+0085"),
        ("\x7f", "control character U+007F"),
        ("\ufdd0", "noncharacter U+FDD0"),
        ("\U0001ffff", "noncharacter U+1FFFF"),
    ],
)
def test_unprintable_characters_in_a_body_are_refused_at_their_line(
    tmp_path: Path, raw: str, shown: str
):
    write(tmp_path, "journal/2026-03-03-x.md", f"---\ntitle: X\n---\nFine.\nA {raw} here.\n")
    assert problems(tmp_path) == [
        f"journal/2026-03-03-x.md:5: the {shown} is not allowed; delete it"
    ]


def test_tab_and_marks_stay_allowed(tmp_path: Path):
    write(
        tmp_path,
        "journal/2026-03-03-x.md",
        '---\ntitle: "\\u200fשלום\\t\\u00e9"\ntags: [עברית]\n---\nA\tb \u200e \ufffd\r\n',
    )
    assert problems(tmp_path) == []


@pytest.mark.parametrize(
    "bidi", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2069"]
)
def test_bidi_controls_in_front_matter_are_refused(tmp_path: Path, bidi: str):
    name = unicodedata.name(bidi)
    write(tmp_path, "journal/2026-03-03-a.md", f"---\ntitle: evil{bidi}txt.exe\n---\n")
    write(
        tmp_path, "journal/2026-03-03-b.md", f'---\ntitle: B\ntags: ["x\\u{ord(bidi):04x}"]\n---\n'
    )
    assert problems(tmp_path) == [
        f"journal/2026-03-03-a.md:2: the bidi control U+{ord(bidi):04X} {name} is not allowed "
        "in 'title': it reorders the text around it on every page and feed; delete it",
        f"journal/2026-03-03-b.md:3: the bidi control U+{ord(bidi):04X} {name} is not allowed "
        "in 'tags': it reorders the text around it on every page and feed; delete it",
    ]


def test_bidi_controls_in_a_body_are_the_learners_markdown(tmp_path: Path):
    write(tmp_path, "journal/2026-03-03-x.md", "---\ntitle: X\n---\nabc \u2067مرحبا\u2069 def\n")
    assert problems(tmp_path) == []


def test_a_bidi_override_in_a_roadmap_title_is_refused(fixture_site: Path, capsys):
    write(fixture_site, "roadmaps/evil.yaml", 'title: "Plan \\u202Egnp.exe"\n')
    assert_refused(
        fixture_site,
        capsys,
        "roadmaps/evil.yaml:1: the bidi control U+202E RIGHT-TO-LEFT OVERRIDE is not allowed in "
        "'title': it reorders the text around it on every page and feed; delete it",
    )


# ---- tags and slugs too long for a file name ----------------------------------------------------


@pytest.mark.parametrize(
    "tag, shown, size",
    [
        ("a" * 300, "'aaaaaaaaaaaaaaaaaaa…'", 300),
        ("日" * 100, "'日日日日日日日日日日日日日日日日日日日…'", 300),
    ],
    ids=["ascii", "cjk"],
)
def test_a_tag_too_long_for_a_file_name_is_refused_by_check_and_build(
    fixture_site: Path, capsys, tag: str, shown: str, size: int
):
    write(fixture_site, "journal/2026-03-11-long.md", f"---\ntitle: Long\ntags: [{tag}]\n---\n")
    assert_refused(
        fixture_site,
        capsys,
        f"journal/2026-03-11-long.md:3: the tag {shown} is too long for a URL: its topic page "
        f"would be named with {size} bytes; shorten it to at most 100 (a letter outside A-Z "
        "takes 2 to 4 bytes)",
    )


def test_a_tag_of_100_bytes_builds(fixture_site: Path):
    write(
        fixture_site,
        "journal/2026-03-10-long.md",
        f"---\ntitle: Long\ntags: [{'a' * 100}, {'é' * 50}]\n---\n",
    )
    assert build(fixture_site) == 0
    assert (fixture_site / "site" / "topics" / ("a" * 100) / "index.html").is_file()


def test_a_topic_slug_too_long_for_a_file_name_is_refused(tmp_path: Path):
    write(
        tmp_path,
        "roadmaps/topics.yaml",
        textwrap.dedent(
            f"""\
            topics:
              - name: Short
                slug: {"s" * 300}
              - name: {"n" * 101}
            """
        ),
    )
    with pytest.raises(RoadlogError) as exc:
        load_topics(tmp_path / "roadmaps" / "topics.yaml", tmp_path)
    tail = "shorten it to at most 100 (a letter outside A-Z takes 2 to 4 bytes)"
    assert [str(p) for p in exc.value.problems] == [
        "roadmaps/topics.yaml:3: topic 'Short': the slug 'sssssssssssssssssss…' is too long for "
        f"a URL: its topic page would be named with 300 bytes; {tail}",
        "roadmaps/topics.yaml:4: topic 'nnnnnnnnnnnnnnnnnnn…': the slug 'nnnnnnnnnnnnnnnnnnn…' is "
        f"too long for a URL: its topic page would be named with 101 bytes; {tail}",
    ]


# ---- entry names that look the same -----------------------------------------------------------


@pytest.mark.parametrize(
    "first, second, how",
    [
        (
            "café",
            unicodedata.normalize("NFD", "café"),
            "how an accent is encoded (composed or decomposed)",
        ),
        ("Notes", "notes", "upper and lower case"),
        ("Café", unicodedata.normalize("NFD", "café"), "case and accent encoding"),
    ],
    ids=["nfc-nfd", "case", "both"],
)
def test_entry_names_that_differ_only_in_encoding_or_case_share_a_url(
    tmp_path: Path, first: str, second: str, how: str
):
    write(tmp_path, f"journal/a/2026-03-03-{first}.md", "---\ntitle: A\n---\n")
    write(tmp_path, f"journal/b/2026-03-03-{second}.md", "---\ntitle: B\n---\n")
    assert problems(tmp_path) == [
        f"journal/b/2026-03-03-{second}.md:1: two entries would have the URL "
        f"/journal/2026-03-03-{second}/ (also journal/a/2026-03-03-{first}.md); the names differ "
        f"only in {how}"
    ]


def test_a_draft_key_after_a_line_separator_is_found():
    from generator.find_front_matter import find_unread_draft

    text = "---\u2028title: Plans\u2028draft: true\u2028---\u2028The body.\n"
    found = find_unread_draft(text)
    assert found is not None and found[0] == 1
