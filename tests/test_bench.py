"""A tiny smoke run of `make bench`: it builds its synthetic journal and prints its table and JSON line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent / "bench" / "bench.py"
KEYS = {"entries", "build_s", "baseline_s", "ratio", "own_share", "history_s", "per_entry_ms_300",
        "per_entry_ms_3000", "peak_rss_mb", "reload_s"}  # fmt: skip


def test_bench_prints_a_table_and_a_json_line():
    result = subprocess.run(
        [
            sys.executable,
            str(BENCH),
            "--sizes",
            "30",
            "--commits",
            "300",
            "--runs",
            "1",
            "--no-reload",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.strip().splitlines()
    assert lines[0].split()[0] == "entries" and lines[1].split()[0] == "30"
    figures = json.loads(lines[-1])
    assert set(figures) >= KEYS
    assert figures["entries"] == 30 and figures["commits"] == 300
    assert figures["build_s"] > 0 and figures["baseline_s"] > 0 and 0 < figures["own_share"] < 1
