"""Every plan of the style corpus (tests/fixtures/import_styles) imports with all its numbered nodes
and their titles, its links, its checklist items and no anchor resources.

The expectations were written by reading each plan, never from the importer's output; the checks
at the end make sure they are the plan's own (each title is in its text, each link is a URL of it).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "bench"))

from measure_import import (  # noqa: E402
    CORPUS,
    expected_of,
    found_nodes,
    import_plan,
    normalize,
    plans,
    score,
)

PLANS = plans([CORPUS])
URL = re.compile(r"https?://[^\s)\]>\"']+")


def test_the_corpus_covers_the_styles():
    assert len(PLANS) >= 20
    assert {p.stem[:2] for p in PLANS} == {"d-", "w-"}


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
def test_every_numbered_node_with_its_title(plan):
    expected = expected_of(plan)
    found = found_nodes(import_plan(plan, expected))
    wanted = {(kind, str(number)): title for kind, number, title in expected["nodes"] if number}
    assert {key: normalize(found.get(key, "<missing>")) for key in wanted} == {
        key: normalize(title) for key, title in wanted.items()
    }


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
def test_links_items_and_no_anchors(plan):
    expected = expected_of(plan)
    result = score(plan)
    assert (result.found_links, result.anchors, result.found_items, result.found_done) == (
        expected.get("resources", expected["links"]),
        0,
        expected["items"],
        expected["done"],
    )


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
def test_day_zero_is_named_in_a_warning(plan):
    expected = expected_of(plan)
    zero = any(number == 0 for _, number, _ in expected["nodes"])
    warnings = import_plan(plan, expected).warnings
    said = [m for _, m in warnings if m.endswith("numbers start at 1 (day 1 is the start date)")]
    assert bool(said) == zero


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
def test_the_expectations_are_the_plans_own(plan):
    text = normalize(plan.read_text(encoding="utf-8-sig"))
    expected = expected_of(plan)
    absent = [t for _, _, t in expected["nodes"] if normalize(t) not in text and " " in t]
    assert absent == []
    assert expected["links"] <= len(URL.findall(plan.read_text(encoding="utf-8-sig")))
