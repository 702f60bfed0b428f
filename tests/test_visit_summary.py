"""`make visit`'s figures from several Lighthouse runs of a page: the median score per category."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "visit"))
from visit import summarize  # noqa: E402


def report(performance: float, slow: bool, weight: int) -> dict:
    """A Lighthouse report cut down to what summarize reads."""
    audits = {
        "total-blocking-time": {"score": 0.7 if slow else 1},
        "speed-index": {"score": 1},
        "color-contrast": {"score": 1},
        "total-byte-weight": {"score": 1, "numericValue": weight},
    }
    refs = [{"id": "total-blocking-time", "weight": 30}, {"id": "speed-index", "weight": 10}]
    categories = {
        "performance": {"score": performance, "auditRefs": refs},
        "accessibility": {"score": 1, "auditRefs": [{"id": "color-contrast", "weight": 7}]},
        "best-practices": {"score": 1, "auditRefs": []},
        "seo": {"score": 0.92, "auditRefs": [{"id": "total-byte-weight", "weight": 0}]},
    }
    return {"categories": categories, "audits": audits}


def test_each_category_is_the_median_of_the_runs_and_every_run_is_kept():
    runs = [report(0.97, False, 1000), report(0.90, True, 1000), report(0.95, False, 1024)]
    assert summarize("entry", runs) == {
        "page": "entry",
        "performance": 95,
        "accessibility": 100,
        "best-practices": 100,
        "seo": 92,
        "runs": [97, 90, 95],
        "bytes": 1024,
        # An audit that fell short in any run is named, even when the median run passed it.
        "failing": ["total-blocking-time"],
    }
