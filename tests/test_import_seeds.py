"""The learner's five real roadmaps import losslessly.

Every expected value is read from the seed text by the simple regexes below, never by the importer's
own; the imported data is then walked to find each one. Seeds 002 and 004 are mojibake-damaged, so
their text is first repaired with `repair_mojibake` (tested on its own in test_repair_text.py).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from generator.errors import Collector
from generator.importers.roadmap import Result, import_roadmap
from generator.load_roadmaps import load_roadmap
from generator.render_yaml import render_roadmap_yaml
from generator.repair_text import repair_mojibake

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
SEED_NUMBERS = [0, 1, 2, 3, 4]
KINDS = ("phase", "month", "week", "day")
URL = re.compile(r"https?://[^\s)>\]]+")
SIGNATURES = ["‚Ä", "‚ú", "ğŸ", "â€", "\uf8ff", "Ã"]
MD_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")


# -- reading the seeds ---------------------------------------------------------------------------


@functools.cache
def source(number: int) -> str:
    """The seed exactly as the learner has it."""
    return next(SEEDS.glob(f"{number:03d}_*.txt")).read_text(encoding="utf-8")


@functools.cache
def repaired(number: int) -> str:
    """The seed with its mojibake repaired: what the expected values are read from."""
    return repair_mojibake(source(number))[0]


def lines(number: int) -> list[str]:
    return repaired(number).split("\n")


@functools.cache
def imported(number: int) -> Result:
    return import_roadmap(
        source(number), roadmap_id=f"seed-{number:03d}", name=f"seed-{number:03d}"
    )


def data(number: int) -> dict:
    return imported(number).data


@functools.cache
def rendered(number: int) -> str:
    return render_roadmap_yaml(data(number), "../schema.json")


# -- walking the imported data -------------------------------------------------------------------


def walk(nodes: list[dict], parents: tuple = ()):
    """Every node, depth first, with its ancestors."""
    for node in nodes:
        yield node, parents
        yield from walk(node.get("children", []), (*parents, node))


def kind_of(node: dict) -> str:
    return next((k for k in KINDS if k in node), "section")


def numbers_of(value: int | str) -> list[int]:
    """3 -> [3]; '8-9' -> [8, 9]."""
    if isinstance(value, int):
        return [value]
    first, last = (int(part) for part in value.split("-"))
    return list(range(first, last + 1))


def nodes_of(number: int, kind: str) -> dict:
    """{number or 'a-b': node} for every node of `kind`; fails on a repeated key."""
    found: dict = {}
    for node, _ in walk(data(number)["children"]):
        if kind in node:
            assert node[kind] not in found, f"{kind} {node[kind]} appears twice"
            found[node[kind]] = node
    return found


def subtree_days(node: dict) -> list[int]:
    return sorted(
        n
        for child, _ in walk(node.get("children", []))
        if "day" in child
        for n in numbers_of(child["day"])
    )


def all_items(entries: list[dict]):
    for entry in entries:
        yield entry
        yield from all_items(entry.get("items", []))


def strings(value) -> list[str]:
    """Every string anywhere in the data."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def day_key(first: str, last: str | None) -> int | str:
    """How the YAML spells a day or a range: 3, or '8-9'."""
    return int(first) if last is None else f"{int(first)}-{int(last)}"


def squash(text: str) -> str:
    return " ".join(text.split())


def strip_decoration(text: str) -> str:
    """Heading text without emoji or other symbols at either end (the importer drops decoration)."""
    return re.sub(r"^[^\w(`]+|[^\w).?!`]+$", "", text.replace("**", "")).strip()


def prose_lines(block: list[str]) -> list[str]:
    """The lines of `block` outside fenced code."""
    prose, in_code = [], False
    for line in block:
        in_code ^= line.startswith("```")
        if not in_code and not line.startswith("```"):
            prose.append(line)
    return prose


def block_after(block: list[str], label: str) -> list[str]:
    """The lines after the `label` line up to the next blank line."""
    start = block.index(label) + 1
    end = next((i for i in range(start, len(block)) if not block[i].strip()), len(block))
    return block[start:end]


# -- every seed ----------------------------------------------------------------------------------


@pytest.mark.parametrize("number", SEED_NUMBERS)
def test_every_url_is_in_the_yaml(number):
    text = rendered(number)
    expected = set(URL.findall(repaired(number)))
    assert [url for url in sorted(expected) if url not in text] == []
    assert len(expected) == {0: 0, 1: 0, 2: 0, 3: 137, 4: 20}[number]


@pytest.mark.parametrize("number", SEED_NUMBERS)
def test_no_mojibake_left_in_the_yaml(number):
    text = rendered(number)
    assert [s for s in SIGNATURES if s in text] == []


@pytest.mark.parametrize("number", SEED_NUMBERS)
def test_yaml_round_trips_and_loads(number, tmp_path):
    text = rendered(number)
    assert text.startswith("# yaml-language-server: $schema=../schema.json\n")
    assert yaml.safe_load(text) == data(number)
    file = tmp_path / "roadmaps" / f"seed-{number:03d}.yaml"
    file.parent.mkdir()
    file.write_text(text, encoding="utf-8")
    problems = Collector()
    roadmap = load_roadmap(file, f"roadmaps/{file.name}", problems)
    assert [str(p) for p in problems.problems] == []
    assert roadmap is not None and roadmap.id == f"seed-{number:03d}"


@pytest.mark.parametrize("number", SEED_NUMBERS)
def test_counts_match_the_data(number):
    """The summary `roadlog import` prints is what the YAML holds."""
    counts = Counter()
    for node, _ in walk(data(number)["children"]):
        kind = kind_of(node)
        counts[f"{kind}s"] += len(numbers_of(node["day"])) if kind == "day" else 1
        counts["links"] += len(node.get("resources", []))
        counts["items"] += len(list(all_items(node.get("checklist", []))))
    assert imported(number).counts == {
        key: counts[key]
        for key in ("phases", "months", "weeks", "days", "sections", "items", "links")
    }


# -- seed 000: 365 days of `Day N: Title` + `Question:`, months, phases, ranges with bullets -------

DAY_000 = re.compile(r"^Day (\d+)(?:-(\d+))?: (.+)$")


def test_seed000_every_day_number_exactly_once():
    expected = Counter(
        n
        for line in lines(0)
        if (m := DAY_000.match(line))
        for n in numbers_of(day_key(m[1], m[2]))
    )
    assert expected == Counter(range(1, 366))  # the seed itself plans 365 distinct days
    found = Counter(
        n for node, _ in walk(data(0)["children"]) if "day" in node for n in numbers_of(node["day"])
    )
    assert found == expected


def test_seed000_every_title_and_question():
    expected = {}
    source_lines = lines(0)
    for index, line in enumerate(source_lines):
        if m := DAY_000.match(line):
            following = source_lines[index + 1] if index + 1 < len(source_lines) else ""
            question = (
                following.removeprefix("Question: ") if following.startswith("Question: ") else None
            )
            expected[day_key(m[1], m[2])] = (m[3], question)
    assert sum(q is not None for _, q in expected.values()) == 300
    days = nodes_of(0, "day")
    assert {key: (node["title"], node.get("question")) for key, node in days.items()} == expected


def test_seed000_range_bullets_are_tasks():
    expected = {}
    source_lines = lines(0)
    for index, line in enumerate(source_lines):
        if m := DAY_000.match(line):
            bullets = []
            for following in source_lines[index + 1 :]:
                if not following.startswith("- "):
                    break
                bullets.append(following[2:])
            if bullets:
                expected[day_key(m[1], m[2])] = bullets
    assert len(expected) == 8
    days = nodes_of(0, "day")
    assert {key: days[key].get("tasks") for key in expected} == expected


@pytest.mark.parametrize("kind", ["month", "phase"])
def test_seed000_months_and_phases_hold_their_days(kind):
    # `Month 1: Network Fundamentals (Days 1-30)`: the `(Days 1-30)` note is dropped from the title,
    # and it tells which days the month must hold.
    pattern = re.compile(rf"^{kind}\s+(\d+(?:-\d+)?): (.+?) \(Days (\d+)-(\d+)\)$", re.I)
    expected = {
        (int(m[1]) if m[1].isdigit() else m[1]): (m[2], list(range(int(m[3]), int(m[4]) + 1)))
        for line in lines(0)
        if (m := pattern.match(line))
    }
    assert len(expected) == {"month": 11, "phase": 3}[kind]
    found = nodes_of(0, kind)
    assert {key: (node["title"], subtree_days(node)) for key, node in found.items()} == expected


# -- seed 001: weeks of `Day N - Title`, Concepts, Mini-Project, task lines, Practice ------------

WEEK_001 = re.compile(r"^WEEK (\d+): (.+)$")
DAY_001 = re.compile(r"^Day (\d+) - (.+)$")


def seed001_expected() -> tuple[dict, dict]:
    """({week: (title, [days])}, {day: node dict}) read from the seed."""
    weeks: dict = {}
    days: dict = {}
    current_week = current_day = None
    for line in lines(1):
        if m := WEEK_001.match(line):
            current_week, current_day = int(m[1]), None
            weeks[current_week] = (m[2], [])
        elif m := DAY_001.match(line):
            current_day = {"day": int(m[1]), "title": m[2]}
            days[int(m[1])] = current_day
            weeks[current_week][1].append(int(m[1]))
        elif line.strip() and current_day is not None:
            if line.startswith("Concepts: "):
                current_day["concepts"] = [
                    p.strip() for p in line.removeprefix("Concepts: ").split(",")
                ]
            elif line.startswith("Mini-Project: "):
                current_day["project"] = line.removeprefix("Mini-Project: ")
            elif line.startswith("Practice: "):
                current_day["practice"] = line.removeprefix("Practice: ")
            elif line.startswith("Topics: "):
                # `Topics:` is a field of the schema, so this line of day 54 fills it (comma parts).
                current_day["topics"] = [
                    p.strip() for p in line.removeprefix("Topics: ").split(",")
                ]
            else:
                current_day.setdefault("tasks", []).append(line.strip())
    return weeks, days


def test_seed001_every_day_with_its_concepts_project_practice_and_tasks():
    _, expected = seed001_expected()
    assert len(expected) == 56
    assert sum(len(d.get("tasks", [])) for d in expected.values()) > 100
    found = nodes_of(1, "day")
    # The whole node is compared: nothing missing, nothing invented.
    assert {
        key: {k: v for k, v in node.items() if k != "children"} for key, node in found.items()
    } == expected


def test_seed001_weeks_hold_their_days():
    expected, _ = seed001_expected()
    assert len(expected) == 8
    found = nodes_of(1, "week")
    assert {key: (node["title"], subtree_days(node)) for key, node in found.items()} == expected


# -- seed 002: a checklist under bold topics and emoji headings --------------------------------

CHECKBOX_002 = re.compile(r"^( *)- \[([ x])\] (.+)$")


def seed002_sections() -> dict[str, list[dict]]:
    """{`##` heading without its emoji: the checklist tree under it}."""
    sections: dict[str, list[dict]] = {}
    stack: list[tuple[int, dict]] = []
    current = None
    for line in lines(2):
        if line.startswith("## "):
            current = sections.setdefault(strip_decoration(line[3:]), [])
            stack = []
        elif m := CHECKBOX_002.match(line):
            # `**Docker**` is shown bold in the seed; the item title is the text without `**`.
            item = {"title": m[3].replace("**", ""), "done": m[2] == "x"}
            while stack and stack[-1][0] >= len(m[1]):
                stack.pop()
            (stack[-1][1].setdefault("items", []) if stack else current).append(item)
            stack.append((len(m[1]), item))
    return sections


def test_seed002_every_checklist_item_with_its_state_and_nesting():
    expected = seed002_sections()
    assert sum(len(list(all_items(items))) for items in expected.values()) == 81
    assert sum(item["done"] for items in expected.values() for item in all_items(items)) == 6
    found = {
        node["title"]: node.get("checklist")
        for node, _ in walk(data(2)["children"])
        if kind_of(node) == "section"
    }
    assert {title: found.get(title) for title in expected} == expected


def test_seed002_every_heading():
    headings = [strip_decoration(line.lstrip("#")) for line in lines(2) if line.startswith("#")]
    assert headings == [
        "tinnySWE",
        "Backend & DevOps Study Roadmap",
        "DevOps & Deployment",
        "Backend Deep Dive",
        "Data & Databases",
        "Software Architecture",
        "Computer Science Foundations",
    ]
    roadmap = data(2)
    assert roadmap["title"] == headings[0]
    assert roadmap["description"] == "my notes for the holy roadmap"
    # `# Backend & DevOps Study Roadmap` holds the `##` sections, in order.
    [top] = roadmap["children"]
    assert top["title"] == headings[1]
    assert [child["title"] for child in top["children"]] == headings[2:]


# -- seed 003: `### **Day N: Title**` blocks with bold fields, weekly ✅ checklists, code -----------

DAY_003 = re.compile(r"^### \*\*Day (\d+)(?:-(\d+))?: (.+)\*\*$")
WEEK_003 = re.compile(r"^#{1,2} (?:\S+ )?WEEK (\d+(?:-\d+)?): (.+)$")


def seed003_blocks() -> dict:
    """{day key: (title, lines of its block)}: a block runs to the next day or top-level heading."""
    blocks: dict = {}
    current = None
    in_code = False
    for line in lines(3):
        in_code ^= line.startswith("```")
        if m := DAY_003.match(line):
            current = []
            blocks[day_key(m[1], m[2])] = (m[3], current)
        elif (
            re.match(r"^#{1,2} ", line) and not in_code
        ):  # `# comment` lines in code are no headings
            current = None
        elif current is not None:
            current.append(line)
    return blocks


def test_seed003_every_day_and_range_once_with_its_title():
    blocks = seed003_blocks()
    assert Counter(n for key in blocks for n in numbers_of(key)) == Counter(range(1, 91))
    found = nodes_of(3, "day")
    assert {key: node["title"] for key, node in found.items()} == {
        key: title for key, (title, _) in blocks.items()
    }


def test_seed003_weeks_hold_their_days():
    expected = {}
    current = None
    for line in lines(3):
        if m := WEEK_003.match(line):  # (no code line starts with `WEEK`)
            current = expected.setdefault(int(m[1]) if m[1].isdigit() else m[1], (m[2], []))[1]
        elif (m := DAY_003.match(line)) and current is not None:
            current.extend(numbers_of(day_key(m[1], m[2])))
    assert len(expected) == 7
    found = nodes_of(3, "week")
    assert {key: (node["title"], subtree_days(node)) for key, node in found.items()} == expected


def test_seed003_where_to_learn_links_deliverables_and_prerequisites():
    days = nodes_of(3, "day")
    checked = Counter()
    for key, (_, block) in seed003_blocks().items():
        node = days[key]
        if "**Where to Learn:**" in block:
            links = [
                m.groups()
                for line in block_after(block, "**Where to Learn:**")
                for m in MD_LINK.finditer(line)
            ]
            found = [(r["title"], r["url"]) for r in node.get("resources", [])]
            # The Where to Learn links come first; links elsewhere in the day follow, once each.
            assert found[: len(links)] == links, key
            others = {url for line in prose_lines(block) for url in URL.findall(line)}
            assert {url for _, url in found} == others | {url for _, url in links}, key
            checked["links"] += len(links)
        deliverable = next((line for line in block if line.startswith("**Deliverable")), None)
        if deliverable == "**Deliverable:**":
            bullets = [
                line[2:] for line in block_after(block, deliverable) if line.startswith("- ")
            ]
            assert node.get("deliverables") == bullets, key
            checked["deliverables"] += len(bullets)
        prerequisites = [line for line in block if line.startswith("**Prerequisites:** ")]
        assert [node.get("prerequisites")] == [
            p.removeprefix("**Prerequisites:** ") for p in prerequisites
        ], key
    assert checked == {"links": 140, "deliverables": 275}


def seed003_texts(label: str) -> list[str]:
    """The paragraph after each `**Why It Matters:**` (or `**If Behind:**`) line, whitespace collapsed."""
    source_lines = lines(3)
    return [
        squash(" ".join(block_after(source_lines[i:], label)))
        for i, line in enumerate(source_lines)
        if line == label
    ]


@pytest.mark.parametrize(
    ("label", "name"), [("**Why It Matters:**", "why"), ("**If Behind:**", "if_behind")]
)
def test_seed003_every_why_and_if_behind_is_kept(label, name):
    expected = seed003_texts(label)
    assert len(expected) == 62
    # Whitespace is collapsed on both sides: the importer joins the paragraph's lines with newlines.
    found = [squash(node[name]) for node, _ in walk(data(3)["children"]) if name in node]
    assert Counter(found) == Counter(expected)


@pytest.mark.parametrize(
    ("label", "name"), [("**Why It Matters:**", "why"), ("**If Behind:**", "if_behind")]
)
def test_seed003_why_and_if_behind_belong_to_their_day(label, name):
    """The capstone block (Day 82-90) has a `### **Capstone Requirements:**` label inside it: its
    Why/If Behind are still the day's, not a sibling section's."""
    days = nodes_of(3, "day")
    wrong = {}
    for key, (_, block) in seed003_blocks().items():
        if label in block:
            expected = squash(" ".join(block_after(block, label)))
            if squash(days[key].get(name, "")) != expected:
                wrong[key] = days[key].get(name)
    assert wrong == {}


def test_seed003_every_checkmark_item_is_done():
    expected = Counter(line.removeprefix("- ✅ ") for line in lines(3) if line.startswith("- ✅ "))
    assert sum(expected.values()) == 49
    items = [
        item
        for node, _ in walk(data(3)["children"])
        for item in all_items(node.get("checklist", []))
    ]
    assert Counter(item["title"] for item in items) == expected
    assert all(item["done"] is True for item in items)


def test_seed003_every_code_block_is_kept():
    blocks = re.findall(r"^```[\w-]*\n(.*?)\n```$", repaired(3), flags=re.S | re.M)
    assert len(blocks) == 28
    # Trailing spaces are not kept by the YAML writer; compare line by line without them.
    everything = "\n".join(
        "\n".join(line.rstrip() for line in s.split("\n")) for s in strings(data(3))
    )
    missing = [
        block[:60]
        for block in blocks
        if "\n".join(line.rstrip() for line in block.split("\n")) not in everything
    ]
    assert missing == []


def test_seed003_overview_table_and_assumptions_are_kept():
    everything = "\n".join(strings(data(3)))
    table = [line for line in lines(3) if line.startswith("|")]
    assumptions = [line for line in lines(3) if line.startswith("- **") and ":**" in line]
    assert (len(table), len(assumptions)) == (9, 5)
    assert [line for line in table + assumptions if line not in everything] == []


# -- seed 004: months and weeks with ### Learn / Build / Task / Focus, checklists, 🔗 links --------

MONTH_004 = re.compile(r"^# \S+ MONTH (\d+) — (.+)$")
WEEK_004 = re.compile(r"^## Week (\d+) – (.+)$")


def seed004_weeks() -> dict[int, dict]:
    """{week: {'title', 'month', 'urls', 'done', sections: {'Learn': [bullets], ...}, 'prose'}}."""
    weeks: dict[int, dict] = {}
    month = week = section = None
    for line in lines(4):
        if m := MONTH_004.match(line):
            month, week = int(m[1]), None
        elif m := WEEK_004.match(line):
            week = weeks[int(m[1])] = {
                "title": strip_decoration(m[2]),
                "month": month,
                "urls": [],
                "done": [],
                "sections": {},
                "prose": [],
            }
            section = None
        elif line.startswith("#"):
            week = None if not line.startswith("### ") else week
            section = line[4:].strip() if line.startswith("### ") else None
        elif week is None or not line.strip() or line.strip() == "---":
            continue
        elif m := re.match(r"^🔗 (https?://\S+)", line):
            week["urls"].append(m[1])
        elif m := re.match(r"^- \[x\] (.+)$", line):
            week["done"].append(m[1])
        elif m := re.match(r"^\s*- (.+)$", line):
            week["sections"].setdefault(section, []).append(m[1])
        else:
            week["prose"].append(line.strip())
    return weeks


def test_seed004_every_month_with_its_weeks():
    expected = {}
    for line in lines(4):
        if m := MONTH_004.match(line):
            expected[int(m[1])] = (strip_decoration(m[2]), [])
    for number, week in seed004_weeks().items():
        expected[week["month"]][1].append(number)
    assert len(expected) == 6
    months = nodes_of(4, "month")
    found = {
        key: (node["title"], [c["week"] for c, _ in walk(node["children"]) if "week" in c])
        for key, node in months.items()
    }
    assert found == expected


def test_seed004_every_week_with_its_links_and_done_items():
    expected = seed004_weeks()
    assert len(expected) == 24
    assert sum(len(w["urls"]) for w in expected.values()) == 20
    weeks = nodes_of(4, "week")
    assert {n: w["title"] for n, w in weeks.items()} == {n: w["title"] for n, w in expected.items()}
    # A bare 🔗 URL is a resource whose title is the URL itself.
    assert {
        n: [(r["title"], r["url"]) for r in w.get("resources", [])] for n, w in weeks.items()
    } == {n: [(url, url) for url in w["urls"]] for n, w in expected.items()}
    assert {n: w.get("checklist", []) for n, w in weeks.items()} == {
        n: [{"title": t, "done": True} for t in w["done"]] for n, w in expected.items()
    }


# `### Learn` and `### Focus` list what to study (concepts); `### Build` and `### Task` what to do (tasks).
SECTION_FIELDS = {"Learn": "concepts", "Focus": "concepts", "Build": "tasks", "Task": "tasks"}


def test_seed004_every_learn_build_task_focus_bullet():
    weeks = nodes_of(4, "week")
    expected: dict = {}
    for number, week in seed004_weeks().items():
        for section, bullets in week["sections"].items():
            expected.setdefault((number, SECTION_FIELDS[section]), []).extend(bullets)
    assert sum(len(b) for b in expected.values()) == 60
    found = {
        (number, name): [b for b in weeks[number].get(name, []) if b in bullets]
        for (number, name), bullets in expected.items()
    }
    assert found == expected


def test_seed004_prose_lines_are_kept_on_their_week():
    weeks = nodes_of(4, "week")
    for number, week in seed004_weeks().items():
        assert [line for line in week["prose"] if line not in strings(weeks[number])] == [], number
