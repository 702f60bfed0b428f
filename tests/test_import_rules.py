"""The importer's rules, on small roadmaps in the styles found in public plans (none of them in this repo).

Each fixture is a literal string; each test asserts the exact data and the exact warnings.
"""

from __future__ import annotations

import textwrap

from generator.importers.roadmap import import_roadmap


def run(text: str, **options) -> tuple[dict, list[tuple[int, str]]]:
    result = import_roadmap(textwrap.dedent(text), **options)
    return result.data, result.warnings


def test_hundred_days_of_x_with_heading_days_and_bullets():
    data, warnings = run(
        """\
        # 100 Days of Python

        A daily plan.

        ## Day 1: Setup & Hello World
        - Install Python 3.12
        - Write `hello.py`
        - Read [the tutorial](https://docs.python.org/3/tutorial/)

        ## Day 2: Variables and Types
        - Numbers, strings, booleans
        - Exercise: a tip calculator

        ## Day 3 - Control Flow
        * if / elif / else
        * for and while loops
        """
    )
    assert data == {
        "id": "100-days-of-python",
        "title": "100 Days of Python",
        "description": "A daily plan.",
        "children": [
            {
                "day": 1,
                "title": "Setup & Hello World",
                "tasks": [
                    "Install Python 3.12",
                    "Write `hello.py`",
                    "Read [the tutorial](https://docs.python.org/3/tutorial/)",
                ],
                # A link inside a task is also a resource of its day; the task keeps its text.
                "resources": [
                    {"title": "the tutorial", "url": "https://docs.python.org/3/tutorial/"}
                ],
            },
            {
                "day": 2,
                "title": "Variables and Types",
                "tasks": ["Numbers, strings, booleans", "Exercise: a tip calculator"],
            },
            {
                "day": 3,
                "title": "Control Flow",
                "tasks": ["if / elif / else", "for and while loops"],
            },
        ],
    }
    assert warnings == []


TABLE = """\
    # 30 Days of SQL

    | Day | Topic | Notes |
    | --- | --- | --- |
    | 1 | SELECT | Use the sample DB |
    | 2 | WHERE | |
    | 3–4 | JOINs | Inner and outer |
    """


def test_table_rows_become_day_nodes():
    data, warnings = run(TABLE)
    assert data == {
        "id": "30-days-of-sql",
        "title": "30 Days of SQL",
        # Every row became a day, so the table is not repeated as a description.
        "children": [
            {"day": 1, "title": "SELECT", "notes": "**Notes:** Use the sample DB"},
            {"day": 2, "title": "WHERE"},
            {"day": "3-4", "title": "JOINs", "notes": "**Notes:** Inner and outer"},
        ],
    }
    assert warnings == []


def test_links_in_a_resources_column_become_resources():
    table = """\
        # 30 Days of Kubernetes

        ## Schedule

        | Day | Topic | Resources |
        |-----|-------|-----------|
        | 1 | Containers recap | [Docker docs](https://docs.docker.com/get-started/) |
        | 2 | Pods | [Pods](https://kubernetes.io/docs/concepts/workloads/pods/), https://kubernetes.io/docs/tutorials/ |
        """
    data, warnings = run(table)
    [schedule] = data["children"]
    assert schedule["children"] == [
        {
            "day": 1,
            "title": "Containers recap",
            "resources": [{"title": "Docker docs", "url": "https://docs.docker.com/get-started/"}],
        },
        {
            "day": 2,
            "title": "Pods",
            "resources": [
                {"title": "Pods", "url": "https://kubernetes.io/docs/concepts/workloads/pods/"},
                {
                    "title": "https://kubernetes.io/docs/tutorials/",
                    "url": "https://kubernetes.io/docs/tutorials/",
                },
            ],
        },
    ]
    assert warnings == []


def test_week_table_under_a_heading_nests_its_rows_there():
    data, warnings = run(
        """\
        # Plan
        ## Schedule
        | Week | Focus |
        | --- | --- |
        | 1 | HTML |
        | 2 | CSS |
        ## Extra
        Some text
        """
    )
    assert data["children"] == [
        {
            "title": "Schedule",
            "children": [{"week": 1, "title": "HTML"}, {"week": 2, "title": "CSS"}],
        },
        {"title": "Extra", "notes": "Some text"},
    ]
    assert warnings == []


def test_table_rows_do_not_replace_days_defined_by_headings():
    data, _ = run(
        """\
        | Day | Topic |
        | --- | --- |
        | 1 | Intro |
        | 2 | Loops |

        ## Day 1: Introduction
        """
    )
    # The rows stand where the table stood; day 1 is the heading's.
    assert [(c.get("day"), c["title"]) for c in data["children"]] == [
        (2, "Loops"),
        (1, "Introduction"),
    ]


def test_checklist_items_that_name_days_are_days_and_keep_their_state():
    data, warnings = run(
        """\
        # DevOps checklist

        - [ ] Day 3: Docker [docs](https://docs.docker.com/)
          - [x] Install Docker
          - [ ] Write a Dockerfile
        - [x] Day 4: Compose
          - [x] Read [the compose spec](https://compose-spec.io/)
        1. [ ] Day 5: Kubernetes
        """
    )
    assert data == {
        "id": "devops-checklist",
        "title": "DevOps checklist",
        "children": [
            {
                "day": 3,
                "title": "Docker docs",
                "resources": [{"title": "docs", "url": "https://docs.docker.com/"}],
                "checklist": [
                    {
                        "title": "Docker docs",
                        "done": False,
                        "items": [
                            {"title": "Install Docker", "done": True},
                            {"title": "Write a Dockerfile", "done": False},
                        ],
                    }
                ],
            },
            {
                "day": 4,
                "title": "Compose",
                "resources": [{"title": "the compose spec", "url": "https://compose-spec.io/"}],
                "checklist": [
                    {
                        "title": "Compose",
                        "done": True,
                        "items": [
                            {
                                "title": "Read [the compose spec](https://compose-spec.io/)",
                                "done": True,
                            }
                        ],
                    }
                ],
            },
            {
                "day": 5,
                "title": "Kubernetes",
                "checklist": [{"title": "Kubernetes", "done": False}],
            },
        ],
    }
    assert warnings == []


def test_week_titles_after_em_dash_en_dash_colon_and_hyphen():
    data, warnings = run(
        """\
        # Rust in 4 weeks

        Week 1 — Ownership
        Read chapters 1-4.

        Week 2 – Traits and Generics
        - Chapter 10

        Week 3: Async
        - Tokio tutorial

        ## Week 4 - Capstone
        """
    )
    assert data["children"] == [
        {"week": 1, "title": "Ownership", "tasks": ["Read chapters 1-4."]},
        {"week": 2, "title": "Traits and Generics", "tasks": ["Chapter 10"]},
        {"week": 3, "title": "Async", "tasks": ["Tokio tutorial"]},
        {"week": 4, "title": "Capstone"},
    ]
    assert warnings == []


def test_bold_wrapped_day_heading_with_bold_fields_lists_and_code():
    data, warnings = run(
        """\
        # Go in 90 days

        ### **Day 5: Interfaces**

        **Goal:** Understand implicit interfaces.

        **Resources:**
        1. [Tour of Go](https://go.dev/tour/methods/9) — Methods and interfaces
        2. [Effective Go](https://go.dev/doc/effective_go#interfaces)

        **Exercise:**
        Write a `Shape` interface:
        ```go
        type Shape interface {
            Area() float64
        }
        ```
        Then implement it twice.

        **Deliverables:**
        - `shapes.go`
        - A test for each shape

        **Why:** Interfaces are everywhere in Go.
        """
    )
    assert data == {
        "id": "go-in-90-days",
        "title": "Go in 90 days",
        "children": [
            {
                "day": 5,
                "title": "Interfaces",
                "objective": "Understand implicit interfaces.",
                "exercise": "Write a `Shape` interface:\n```go\ntype Shape interface {\n"
                "    Area() float64\n}\n```\nThen implement it twice.",
                "resources": [
                    {
                        "title": "Tour of Go",
                        "url": "https://go.dev/tour/methods/9",
                        "note": "Methods and interfaces",
                    },
                    {"title": "Effective Go", "url": "https://go.dev/doc/effective_go#interfaces"},
                ],
                "deliverables": ["`shapes.go`", "A test for each shape"],
                "why": "Interfaces are everywhere in Go.",
            }
        ],
    }
    assert warnings == []


def test_plain_key_value_fields():
    data, warnings = run(
        """\
        Day 1: Linux basics
        Question: What is a process?
        Concepts: fork, exec, signals
        Project: a tiny shell
        Practice: ps, top, kill
        Topics: linux, processes
        Functions: spawn, wait
        """,
        name="linux",
    )
    assert data == {
        "id": "linux",
        "title": "Linux",
        "children": [
            {
                "day": 1,
                "title": "Linux basics",
                "question": "What is a process?",
                "concepts": ["fork", "exec", "signals"],
                "project": "a tiny shell",
                "practice": "ps, top, kill",
                # An unknown key under a day is a task line, kept whole.
                "tasks": ["Functions: spawn, wait"],
                "topics": ["linux", "processes"],
            }
        ],
    }
    assert warnings == []


def test_plain_line_whose_key_mentions_a_checklist_is_kept_whole():
    # `Create checklist: a, b` is a task, not the start of a checklist field: its words must survive.
    data, _ = run(
        """\
        Day 53 - Code Review
        Review all code
        Create checklist: security, performance
        """
    )
    assert data["children"] == [
        {
            "day": 53,
            "title": "Code Review",
            "tasks": ["Review all code", "Create checklist: security, performance"],
        }
    ]


def test_multi_line_fields_and_heading_fields():
    data, warnings = run(
        """\
        ## Week 1: Python
        **Tasks:**
        - Install Python
        - Write a script

        **Notes:** remember to rest
        and to drink water

        Learn:
        - variables
        - loops

        Goal: finish chapter 3
        Mini project: a calculator

        ### Resources
        - [Python docs](https://docs.python.org/3/)

        ### Focus
        - readability
        """
    )
    assert data["children"] == [
        {
            "week": 1,
            "title": "Python",
            "objective": "finish chapter 3",
            "concepts": ["variables", "loops", "readability"],
            "project": "a calculator",
            "tasks": ["Install Python", "Write a script"],
            "resources": [{"title": "Python docs", "url": "https://docs.python.org/3/"}],
            "notes": "**Notes:** remember to rest\nand to drink water",
        }
    ]
    assert warnings == []


def test_checkbox_styles():
    data, warnings = run(
        """\
        ## Week 1: Foundations
        - [x] Read chapter 1
        - [X] Read chapter 2
        - [ ] Read chapter 3
        ✅ Set up the repo
        ✔️ Push the first commit
        - ✅ Write notes
        * [x] Star bullet
        1. [ ] Numbered item
        ❌ Skipped topic
        """
    )
    assert data["children"] == [
        {
            "week": 1,
            "title": "Foundations",
            "checklist": [
                {"title": "Read chapter 1", "done": True},
                {"title": "Read chapter 2", "done": True},
                {"title": "Read chapter 3", "done": False},
                {"title": "Set up the repo", "done": True},
                {"title": "Push the first commit", "done": True},
                {"title": "Write notes", "done": True},
                {"title": "Star bullet", "done": True},
                {"title": "Numbered item", "done": False},
                {"title": "Skipped topic", "done": False},
            ],
        }
    ]
    assert warnings == []


def test_bare_urls_link_lines_and_chain_links():
    data, warnings = run(
        """\
        ## Week 2: Networking
        https://beej.us/guide/bgnet/
        🔗 https://www.youtube.com/watch?v=abc123
        - [Julia Evans' zines](https://wizardzines.com/) — networking
        <https://datatracker.ietf.org/doc/html/rfc791>
        """
    )
    url = "https://www.youtube.com/watch?v=abc123"
    assert data["children"] == [
        {
            "week": 2,
            "title": "Networking",
            "resources": [
                {"title": "https://beej.us/guide/bgnet/", "url": "https://beej.us/guide/bgnet/"},
                {"title": url, "url": url},
                {
                    "title": "Julia Evans' zines",
                    "url": "https://wizardzines.com/",
                    "note": "networking",
                },
                {
                    "title": "https://datatracker.ietf.org/doc/html/rfc791",
                    "url": "https://datatracker.ietf.org/doc/html/rfc791",
                },
            ],
        }
    ]
    assert warnings == []


def test_crlf_file_with_a_bom():
    text = "\ufeff# SQL Sprint\r\n\r\nDay 1: SELECT\r\n- Filter rows\r\ntext\r\n\r\nDay 2: JOIN\r\n- [x] Inner joins\r\n"
    data, warnings = run(text)
    assert data == {
        "id": "sql-sprint",
        "title": "SQL Sprint",
        "children": [
            {"day": 1, "title": "SELECT", "tasks": ["Filter rows"]},
            {"day": 2, "title": "JOIN", "checklist": [{"title": "Inner joins", "done": True}]},
        ],
    }
    # Line numbers count CRLF line ends once.
    assert warnings == [(5, "dropped 'text': a code-block language left without its block")]


def test_old_mac_line_ends():
    data, warnings = run("Day 1: A\rtext\rDay 2: B\r")
    assert data["children"] == [{"day": 1, "title": "A"}, {"day": 2, "title": "B"}]
    assert warnings == [(2, "dropped 'text': a code-block language left without its block")]


def test_a_file_of_only_a_checklist():
    data, warnings = run(
        """\
        - [x] Learn Git
          - [x] Branches
          - [ ] Rebase
        - [ ] Learn Docker
        """,
        name="my-checklist",
    )
    assert data == {
        "id": "my-checklist",
        "title": "My checklist",
        "children": [
            {
                "title": "General",
                "checklist": [
                    {
                        "title": "Learn Git",
                        "done": True,
                        "items": [
                            {"title": "Branches", "done": True},
                            {"title": "Rebase", "done": False},
                        ],
                    },
                    {"title": "Learn Docker", "done": False},
                ],
            }
        ],
    }
    assert warnings == []


def test_a_day_number_used_twice_keeps_the_second_as_a_section_inside_the_first():
    data, warnings = run(
        """\
        # Plan

        Day 1: Intro
        - a

        Day 2: More

        Day 2: Again
        - b

        Day 3: End
        """
    )
    assert data["children"] == [
        {"day": 1, "title": "Intro", "tasks": ["a"]},
        {"day": 2, "title": "More", "children": [{"title": "Day 2: Again", "tasks": ["b"]}]},
        {"day": 3, "title": "End"},
    ]
    assert warnings == [
        (8, "day 2 is already on line 6; kept as a section inside it, so no day is planned twice")
    ]


def test_a_day_repeated_with_its_title_is_one_day():
    # `<summary>Day 1 - Setup</summary>` then `## Day 1 - Setup`: one day holding both.
    data, warnings = run(
        """\
        <details><summary>Day 1 - Setup</summary>

        ## Day 1 - Setup
        - [Install guide](https://example.org/install)
        </details>
        """
    )
    assert data["children"] == [
        {
            "day": 1,
            "title": "Setup",
            "resources": [{"title": "Install guide", "url": "https://example.org/install"}],
        }
    ]
    assert warnings == []


def test_an_overlapping_range_is_a_section_too():
    data, warnings = run("Day 1-3: Basics\nDay 3-4: Review\n")
    assert data["children"] == [
        {"day": "1-3", "title": "Basics", "children": [{"title": "Day 3-4: Review"}]}
    ]
    assert warnings == [
        (2, "day 3 is already on line 1; kept as a section inside it, so no day is planned twice")
    ]


def test_a_lone_code_language_line_is_dropped_with_a_warning():
    data, warnings = run("Month 1: Shell\ntext\nDay 1: Navigation\nls, cd, pwd\n")
    assert data["children"] == [
        {
            "month": 1,
            "title": "Shell",
            "children": [{"day": 1, "title": "Navigation", "tasks": ["ls, cd, pwd"]}],
        }
    ]
    assert warnings == [(2, "dropped 'text': a code-block language left without its block")]


def test_an_unclassifiable_block_under_a_day_is_kept_as_a_note_with_a_warning():
    data, warnings = run(
        """\
        # Plan

        ## Day 1: Intro

        ```bash
        echo hi
        ```

        Some free prose here.

        ## Glossary

        A paragraph about terms.
        """
    )
    assert data["children"] == [
        {
            "day": 1,
            "title": "Intro",
            "tasks": ["Some free prose here."],
            "notes": "```bash\necho hi\n```",
        },
        {"title": "Glossary", "notes": "A paragraph about terms."},
    ]
    assert warnings == [(5, "kept as a note of the enclosing node: '```bash\\necho hi\\n```'")]


def test_prose_under_a_phase_is_a_note_not_a_task():
    # The rules: "other bullets and lines under a day or week become tasks"; a phase or month has none.
    data, _ = run("## Phase 1: Basics\nThis phase covers the basics.\n### Week 1: Start\n")
    assert data["children"] == [
        {
            "phase": 1,
            "title": "Basics",
            "notes": "This phase covers the basics.",
            "children": [{"week": 1, "title": "Start"}],
        }
    ]


def test_phases_months_weeks_and_day_ranges_nest_by_rank():
    data, warnings = run(
        """\
        # Backend Plan

        ## Phase 1: Foundations (Days 1-8)

        ### Month 1 - Linux

        #### Week 1: Shell
        Days 1-3: Navigation
        - ls, cd
        Day 4 to 5: Pipes
        Day 6–7: Processes

        #### Week 2: Scripting
        **Day 8: Bash scripts**

        ## Phase 2: Networking
        ### Month 2 — TCP/IP
        1. Day 9: review ports
        """,
        roadmap_id="backend",
        start="2026-01-05",
    )
    assert data == {
        "id": "backend",
        "title": "Backend Plan",
        "start": "2026-01-05",
        "children": [
            {
                "phase": 1,
                "title": "Foundations",
                "notes": "Days 1-8",  # the span is kept, never dropped
                "children": [
                    {
                        "month": 1,
                        "title": "Linux",
                        "children": [
                            {
                                "week": 1,
                                "title": "Shell",
                                "children": [
                                    {"day": "1-3", "title": "Navigation", "tasks": ["ls, cd"]},
                                    {"day": "4-5", "title": "Pipes"},
                                    {"day": "6-7", "title": "Processes"},
                                ],
                            },
                            {
                                "week": 2,
                                "title": "Scripting",
                                "children": [{"day": 8, "title": "Bash scripts"}],
                            },
                        ],
                    }
                ],
            },
            {
                "phase": 2,
                "title": "Networking",
                # A list item that starts with a day is a day, numbered list or not.
                "children": [
                    {
                        "month": 2,
                        "title": "TCP/IP",
                        "children": [{"day": 9, "title": "review ports"}],
                    }
                ],
            },
        ],
    }
    assert warnings == []


def test_titles_lose_decoration_but_keep_code_spans():
    data, _ = run(
        """\
        # 🚀 Plan ✅
        ## 👩‍💻 Coding ⚙️
        - [ ] Practice with `minikube` or `kind`
        ## Day 7: Learn `git rebase` 🔥
        """
    )
    assert data["title"] == "Plan"
    assert data["children"] == [
        {
            "title": "Coding",
            "checklist": [{"title": "Practice with `minikube` or `kind`", "done": False}],
        },
        {"day": 7, "title": "Learn `git rebase`"},
    ]


def test_mojibake_is_repaired_and_a_lost_byte_guess_is_a_warning():
    data, warnings = run(
        """\
        # ğŸš€ Plan â€“ Backend

        ## ğŸ—ï¸ Week 1 â€” Build
        - âœ… Ship it
        """
    )
    assert data == {
        "id": "plan-backend",
        "title": "Plan – Backend",
        "children": [
            {"week": 1, "title": "Build", "checklist": [{"title": "Ship it", "done": True}]}
        ],
    }
    assert warnings == [(3, "repaired 'ğŸ—ï¸' as '🏗️' (bytes were lost: a best guess)")]


def test_counts():
    result = import_roadmap(
        "## Phase 1: A\n### Week 1: B\nDay 1-3: C\n- [x] one\n  - [ ] two\n🔗 https://example.org/\n## Notes\n"
    )
    assert result.counts == {
        "phases": 1,
        "months": 0,
        "weeks": 1,
        "days": 3,
        "sections": 1,
        "items": 2,
        "links": 1,
    }


def test_a_language_word_is_dropped_only_inside_a_paragraph_of_code():
    data, warnings = run(
        """\
        # Plan

        ## Day 1: Setup
        - Python
        - bash

        ## Python

        python
        import os
        print(os.name)
        """
    )
    assert data["children"] == [
        {"day": 1, "title": "Setup", "tasks": ["Python", "bash"]},
        {"title": "Python", "notes": "import os\nprint(os.name)"},
    ]
    assert warnings == [(9, "dropped 'python': a code-block language left without its block")]


def test_two_tables_one_after_the_other_and_a_row_without_a_number():
    data, warnings = run(
        """\
        # Plan
        | Day | Topic |
        | --- | --- |
        | 1 | Intro |
        | 2 | Loops |
        | Week | Theme |
        | --- | --- |
        | 1 | Basics |
        | ? | Later |
        """
    )
    assert data["children"] == [
        {"day": 1, "title": "Intro"},
        {"day": 2, "title": "Loops"},
        {"week": 1, "title": "Basics"},
    ]
    # The second table lost a row, so it stays whole in the text.
    assert data["description"] == "| Week | Theme |\n| --- | --- |\n| 1 | Basics |\n| ? | Later |"
    assert warnings == [
        (9, "this table row has no week number in its 'week' column: kept in the table, as a note")
    ]


def test_badges_contents_and_anchors_are_never_resources_or_days():
    data, warnings = run(
        """\
        # 30 Days of Go [![CI](https://img.shields.io/badge/ci-ok-green.svg)](https://github.com/me/go/actions)

        ## Contents
        - [Day 1](#day-1)
        - [Day 2](#day-2)

        ## Day 1: Hello
        See [the tour](https://go.dev/tour/) and [Day 2](#day-2).

        ## Day 2: Types
        """
    )
    assert data == {
        "id": "30-days-of-go",
        "title": "30 Days of Go",
        "children": [
            {
                "day": 1,
                "title": "Hello",
                "tasks": ["See [the tour](https://go.dev/tour/) and [Day 2](#day-2)."],
                "resources": [{"title": "the tour", "url": "https://go.dev/tour/"}],
            },
            {"day": 2, "title": "Types"},
        ],
    }
    assert warnings == []


def test_a_number_named_but_not_made_is_a_warning():
    # `Day 4` in a table whose columns number nothing: no rule places it, so it is said.
    data, warnings = run("## Day 1: Intro\n\n| Date | Plan |\n| --- | --- |\n| Mon | Day 4 |\n")
    assert [n.get("day") for n in data["children"]] == [1]
    assert warnings == [
        (
            5,
            "the text names Day 4 but it did not become a day node: see line 5, `| Mon | Day 4 |`",
        )
    ]
