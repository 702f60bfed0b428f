"""load_roadmaps: roadmaps/*.yaml -> Roadmap trees, or one RoadlogError with every problem."""

import datetime as dt
import textwrap

import pytest

from generator.errors import RoadlogError
from generator.load_roadmaps import load_roadmaps
from generator.model import ChecklistItem, Resource


def write(tmp_path, name, text):
    """Write roadmaps/<name> (text is dedented; bytes are written as they are)."""
    path = tmp_path / "roadmaps" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load(tmp_path):
    return load_roadmaps(tmp_path / "roadmaps", tmp_path)


def problems(tmp_path):
    with pytest.raises(RoadlogError) as exc:
        load(tmp_path)
    return [str(p) for p in exc.value.problems]


FULL = """\
# yaml-language-server: $schema=../generator/schemas/roadmap.schema.json
title: Backend basics
description: Learn the **wire**.
start: 2026-01-05
schedule: weekdays
children:
  - phase: 1
    title: Foundations
    children:
      - month: 1
        title: Networking
        children:
          - week: 1
            title: The wire
            children:
              - day: 1
                title: Bits & Bytes
                question: How does data travel?
                concepts: [bits, bytes]
                project: Measure the MTU
                tasks: [Read RFC 791]
                resources:
                  - title: RFC 791
                    url: https://www.rfc-editor.org/rfc/rfc791
                deliverables: [notes.md]
                notes: "Use `ip link`."
                topics: [networking]
              - day: 8-9
                title: DNS
  - title: Extras
    checklist:
      - title: Read the book
        done: true
        items:
          - title: Chapter 1
            done: true
          - title: Chapter 2
      - title: Watch the talk
"""


def test_full_roadmap_becomes_a_tree(tmp_path):
    write(tmp_path, "basics.yaml", FULL)
    [roadmap] = load(tmp_path)
    assert roadmap.id == "basics"
    assert roadmap.title == "Backend basics"
    assert roadmap.path == "roadmaps/basics.yaml"
    assert roadmap.description == "Learn the **wire**."
    assert roadmap.start == dt.date(2026, 1, 5)
    assert roadmap.rest_days == frozenset({5, 6})
    assert [(n.kind, n.title, n.number, n.last, n.line, n.label) for n in roadmap.walk()] == [
        ("phase", "Foundations", 1, 1, 7, "Phase 1"),
        ("month", "Networking", 1, 1, 10, "Month 1"),
        ("week", "The wire", 1, 1, 13, "Week 1"),
        ("day", "Bits & Bytes", 1, 1, 16, "Day 1"),
        ("day", "DNS", 8, 9, 28, "Days 8-9"),
        ("section", "Extras", None, None, 30, ""),
    ]


def test_day_fields_are_kept(tmp_path):
    write(tmp_path, "basics.yaml", FULL)
    [roadmap] = load(tmp_path)
    day = roadmap.children[0].children[0].children[0].children[0]
    assert day.question == "How does data travel?"
    assert day.concepts == ["bits", "bytes"]
    assert day.project == "Measure the MTU"
    assert day.tasks == ["Read RFC 791"]
    assert day.resources == [Resource("RFC 791", "https://www.rfc-editor.org/rfc/rfc791")]
    assert day.deliverables == ["notes.md"]
    assert day.notes == "Use `ip link`."
    assert day.topics == ["networking"]
    assert day.children == []
    assert day.checklist == []


def test_checklist_items_nest_and_keep_their_done_state(tmp_path):
    write(tmp_path, "basics.yaml", FULL)
    [roadmap] = load(tmp_path)
    section = roadmap.children[1]
    assert section.checklist == [
        ChecklistItem(
            "Read the book",
            done=True,
            items=[
                ChecklistItem("Chapter 1", done=True, line=35),
                ChecklistItem("Chapter 2", done=False, line=37),
            ],
            line=32,
        ),
        ChecklistItem("Watch the talk", done=False, line=38),
    ]


def test_checklist_roadmap_has_no_dates(tmp_path):
    write(
        tmp_path,
        "books.yaml",
        """\
        title: Books
        children:
          - title: To read
            checklist:
              - title: SICP
        """,
    )
    [roadmap] = load(tmp_path)
    assert roadmap.start is None
    assert roadmap.rest_days == frozenset()
    assert [n.kind for n in roadmap.walk()] == ["section"]


@pytest.mark.parametrize(
    "schedule, rest_days",
    [
        ("", frozenset()),
        ("schedule: daily", frozenset()),
        ("schedule: weekdays", frozenset({5, 6})),
        ("schedule: {rest: [wednesday, sunday]}", frozenset({2, 6})),
        ("schedule:\n  rest: [monday]", frozenset({0})),
    ],
)
def test_schedule_gives_rest_days(tmp_path, schedule, rest_days):
    write(tmp_path, "plan.yaml", f"title: Plan\nstart: 2026-01-05\n{schedule}\n")
    [roadmap] = load(tmp_path)
    assert roadmap.rest_days == rest_days


def test_id_defaults_to_the_file_stem(tmp_path):
    write(tmp_path, "backend-365.yml", "title: A year\n")
    write(tmp_path, "frontend.yaml", "id: frontend\ntitle: Front\n")
    assert [(r.id, r.path) for r in load(tmp_path)] == [
        ("backend-365", "roadmaps/backend-365.yml"),
        ("frontend", "roadmaps/frontend.yaml"),
    ]


def test_missing_directory_means_no_roadmaps(tmp_path):
    assert load(tmp_path) == []


def test_topics_yaml_and_other_files_are_not_roadmaps(tmp_path):
    write(tmp_path, "topics.yaml", "- networking\n- dns\n")
    write(tmp_path, "README.md", "# My roadmaps\n")
    write(tmp_path, "plan.yaml", "title: Plan\n")
    assert [r.id for r in load(tmp_path)] == ["plan"]


def test_id_must_match_the_file_name(tmp_path):
    write(tmp_path, "backend.yaml", "title: Backend\n\nid: backend-365\n")
    assert problems(tmp_path) == [
        "roadmaps/backend.yaml:3: id 'backend-365' must match the file name 'backend'"
    ]


def test_id_with_capitals_and_spaces(tmp_path):
    write(tmp_path, "plan.yaml", "title: Plan\nid: My Plan\n")
    assert problems(tmp_path) == [
        "roadmaps/plan.yaml:2: id: 'My Plan' is not a valid id: use lowercase letters, digits, '-' and '_' (e.g. backend-365)"
    ]


def test_duplicate_ids_across_yaml_and_yml(tmp_path):
    write(tmp_path, "plan.yaml", "title: Plan\n")
    write(tmp_path, "plan.yml", "title: Plan again\n")
    assert problems(tmp_path) == [
        "roadmaps/plan.yml:1: duplicate roadmap id 'plan' (also roadmaps/plan.yaml)"
    ]


def test_unknown_key_error_points_at_the_key(tmp_path):
    write(tmp_path, "plan.yaml", "title: Plan\nstart: 2026-01-05\ncolour: red\n")
    assert problems(tmp_path) == ["roadmaps/plan.yaml:3: unknown key 'colour'"]


def test_misspelled_key_suggests_the_known_one(tmp_path):
    write(tmp_path, "plan.yaml", "title: Plan\ntilte: Plan\n")
    assert problems(tmp_path) == [
        "roadmaps/plan.yaml:2: unknown key 'tilte' (did you mean 'title'?)"
    ]


def test_misspelled_key_in_a_node_points_at_the_key(tmp_path):
    write(
        tmp_path,
        "plan.yaml",
        """\
        title: Plan
        children:
          - day: 1
            title: Bits
            qestion: Why?
        """,
    )
    assert problems(tmp_path) == [
        "roadmaps/plan.yaml:5: children[0]: unknown key 'qestion' (did you mean 'question'?)"
    ]


def test_missing_title(tmp_path):
    write(tmp_path, "plan.yaml", "start: 2026-01-05\n")
    assert problems(tmp_path) == ["roadmaps/plan.yaml:1: 'title' is a required property"]


def test_wrong_type_points_at_the_offending_key(tmp_path):
    write(
        tmp_path,
        "plan.yaml",
        """\
        title: Plan
        start: 5
        children:
          - title: Books
            checklist:
              - title: SICP
                done: "yes"
          - day: 2
            title: Bits
            tasks: Read RFC 791
        """,
    )
    assert problems(tmp_path) == [
        "roadmaps/plan.yaml:2: start: expected text, got 5",
        "roadmaps/plan.yaml:7: children[0].checklist[0].done: expected true or false, got 'yes' (a quoted string: remove the quotes)",
        "roadmaps/plan.yaml:10: children[1].tasks: expected a list, got 'Read RFC 791'",
    ]


def test_bad_day_value_explains_what_a_day_is(tmp_path):
    write(tmp_path, "plan.yaml", "title: Plan\nchildren:\n  - title: Bits\n    day: one\n")
    assert problems(tmp_path) == [
        "roadmaps/plan.yaml:4: children[0].day: 'one' is not valid: "
        "Day number (3) or day range ('8-9'): makes this node a planned day."
    ]


def test_bad_schedule_explains_the_choices(tmp_path):
    write(tmp_path, "plan.yaml", "title: Plan\nschedule: sometimes\n")
    assert problems(tmp_path) == [
        "roadmaps/plan.yaml:2: schedule: 'sometimes' is not valid: "
        "How day N maps to a date: daily (default), weekdays, or {rest: [saturday, ...]}."
    ]


def test_impossible_start_date(tmp_path):
    write(tmp_path, "plan.yaml", "title: Plan\nstart: 2026-02-30\n")
    assert problems(tmp_path) == ["roadmaps/plan.yaml:2: start: '2026-02-30' is not a real date"]


def test_start_date_in_another_format(tmp_path):
    write(tmp_path, "plan.yaml", "title: Plan\nstart: 5/1/2026\n")
    assert problems(tmp_path) == [
        "roadmaps/plan.yaml:2: start: '5/1/2026' is not a date (YYYY-MM-DD)"
    ]


def test_yaml_syntax_error_has_the_right_line(tmp_path):
    write(
        tmp_path,
        "plan.yaml",
        """\
        title: Plan
        children:
          - day: 1
            title: Bits
           question: Why?
        """,
    )
    assert problems(tmp_path) == [
        "roadmaps/plan.yaml:5: invalid YAML: expected <block end>, but found '<block mapping start>' "
        "(check the indentation of this line)"
    ]


def test_python_tags_are_rejected_not_run(tmp_path):
    marker = tmp_path / "pwned"
    write(
        tmp_path,
        "plan.yaml",
        f'title: Plan\nnotes: !!python/object/apply:os.system ["touch {marker}"]\n',
    )
    assert problems(tmp_path) == [
        "roadmaps/plan.yaml:2: the YAML tag '!!python/object/apply:os.system' is not supported here; "
        "remove it"
    ]
    assert not marker.exists()


@pytest.mark.parametrize("text", ["- title: Plan\n", "just a title\n", "", "# only a comment\n"])
def test_file_that_is_not_a_mapping(tmp_path, text):
    write(tmp_path, "plan.yaml", text)
    assert problems(tmp_path) == [
        "roadmaps/plan.yaml:1: a roadmap must be a YAML mapping with at least a title"
    ]


def test_invalid_utf8(tmp_path):
    write(tmp_path, "plan.yaml", b"title: Caf\xe9\n")
    assert problems(tmp_path) == [
        "roadmaps/plan.yaml:1: not valid UTF-8 text (invalid continuation byte at byte 10)"
    ]


def test_utf8_bom_and_crlf_are_fine(tmp_path):
    write(
        tmp_path,
        "plan.yaml",
        "\ufefftitle: Café\r\nchildren:\r\n  - day: 1\r\n    title: Bits\r\n".encode(),
    )
    [roadmap] = load(tmp_path)
    assert roadmap.title == "Café"
    assert [(n.title, n.line) for n in roadmap.walk()] == [("Bits", 3)]


def test_day_planned_twice_overlap_and_backwards_range(tmp_path):
    write(
        tmp_path,
        "plan.yaml",
        """\
        title: Plan
        children:
          - day: 1
            title: Bits
          - day: 1
            title: Bytes
          - week: 1
            title: Week one
            children:
              - day: 8-9
                title: DNS
              - day: 9
                title: DNS records
          - day: 12-10
            title: TCP
        """,
    )
    assert problems(tmp_path) == [
        "roadmaps/plan.yaml:5: day 1 is planned twice (also line 3)",
        "roadmaps/plan.yaml:12: day 9 is planned twice (also line 10)",
        "roadmaps/plan.yaml:14: day range 12-10 runs backwards",
    ]


def test_node_with_two_kinds_is_an_error(tmp_path):
    # A node that is both day 1 and week 2 must not silently become a week and drop its day.
    write(
        tmp_path,
        "plan.yaml",
        """\
        title: Plan
        children:
          - title: Bits
            week: 2
            day: 1
        """,
    )
    assert problems(tmp_path) == [
        "roadmaps/plan.yaml:3: children[0]: give only one of phase, month, week, day (found week, day)"
    ]


def test_every_problem_in_every_file_at_once(tmp_path):
    write(tmp_path, "a.yaml", "title: A\nstart: 2026-02-30\n")
    write(tmp_path, "b.yaml", "title: B\nchildren: [\n")
    write(
        tmp_path,
        "c.yml",
        "title: C\nchildren:\n  - day: 2\n    title: x\n  - day: 2\n    title: y\n",
    )
    write(tmp_path, "d.yaml", "title: D\nschedule: weekdays\n")
    write(tmp_path, "e.yaml", b"\xff\xfe")
    assert problems(tmp_path) == [
        "roadmaps/a.yaml:2: start: '2026-02-30' is not a real date",
        "roadmaps/b.yaml:2: invalid YAML: expected the node content, but found '<stream end>' "
        "(is a '[' or '{' not closed?)",
        "roadmaps/c.yml:5: day 2 is planned twice (also line 3)",
        "roadmaps/e.yaml:1: the file is saved as UTF-16; save it as UTF-8",
    ]
