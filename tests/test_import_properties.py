"""Plans generated in every marker style, nesting and whitespace the importer reads: it never raises,
and every week and day placed comes out as a node with its title (never fewer nodes than markers)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.importers.fields import kind_of, walk_nodes
from generator.importers.roadmap import import_roadmap

WORDS = ["Loops", "Arrays", "Maps", "Testing", "Closures", "Queues", "Graphs", "Parsing", "Caching"]
WEEK_STYLES = [
    "## Week {n}: {title}",
    "# Week {n} - {title}",
    "**Week {n}: {title}**",
    "- **Week {n}**: {title}",
    "Week {n} — {title}",
    "### 📅 WEEK {n} – {title}",
]
DAY_STYLES = [
    "### Day {n}: {title}",
    "#### {title} | Day {n}",
    "### {title} (Day {n})",
    "- Day {n}: {title}",
    "* [ ] Day {n}: {title}",
    "- [x] **Day {n}:** {title}",
    "1. Day {n} - {title}",
    "**Day {n}:** {title}",
    "Day {n} - {title}",
]
FILLER = ["- read the docs", "* take notes", "Some prose about the day.", "+ practise", ""]

titles = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" and ".join)


@st.composite
def plans(draw) -> tuple[str, list[tuple[str, int, str]]]:
    """A plan's text and the (kind, number, title) of every marker placed in it."""
    lines = [draw(st.sampled_from(["# My plan", "# 90 Days of Study", ""])), ""]
    placed = []
    day = 0
    for week in range(1, draw(st.integers(1, 4)) + 1):
        title = draw(titles)
        lines += [draw(st.sampled_from(WEEK_STYLES)).format(n=week, title=title), ""]
        placed.append(("week", week, title))
        for _ in range(draw(st.integers(0, 4))):
            day += 1
            title = draw(titles)
            style = draw(st.sampled_from(DAY_STYLES))
            indent = draw(st.sampled_from(["", "  ", "\t"])) if style[0] in "-*1" else ""
            lines.append(indent + style.format(n=day, title=title))
            placed.append(("day", day, title))
            lines += draw(st.lists(st.sampled_from(FILLER), max_size=3))
            lines.append("")
    return "\n".join(lines), placed


@st.composite
def damaged(draw) -> tuple[str, list[tuple[str, int, str]]]:
    """A plan with trailing spaces, CRLF line ends and a BOM, each maybe."""
    text, placed = draw(plans())
    if draw(st.booleans()):
        text = "\n".join(
            line + draw(st.sampled_from(["", " ", "  ", "\t"])) for line in text.split("\n")
        )
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text, placed


def nodes_of(data: dict) -> dict[tuple[str, int], str]:
    found = {}
    for node in walk_nodes(data["children"]):
        kind = kind_of(node)
        if kind != "section":
            found[(kind, node[kind])] = node["title"]
    return found


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_every_marker_placed_is_a_node_with_its_title(plan):
    text, placed = plan
    result = import_roadmap(text)
    found = nodes_of(result.data)
    assert {(kind, n): found.get((kind, n)) for kind, n, _ in placed} == {
        (kind, n): title for kind, n, title in placed
    }
    assert len(found) >= len(placed)


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("#-*+|>[]()`x:. \t\n\r1234567890Dayweekphs✅⬜🔲<>!")),
        max_size=300,
    )
)
def test_any_markup_soup_imports_without_an_error(text):
    result = import_roadmap(text)
    assert isinstance(result.data["children"], list)
