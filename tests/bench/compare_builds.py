"""What a change costs a build: `roadlog build` of one synthetic journal by an older commit and by this tree.

Builds bench.py's learner once (1,100 entries and 20,000 commits by default), checks the older commit
out into a temporary worktree, then times `roadlog build` of the same project by each code in turns
(one warm-up build each first: git, the OS and the card cache warm), and prints the runs, the
medians and their ratio (this tree / the older commit), the last line as JSON. Nothing in the
repository changes. Usage: python tests/bench/compare_builds.py --base a042cab [--entries 1100]
[--commits 20000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import BIN, ROOT, make_project  # noqa: E402


def time_build(code: Path, project: Path) -> float:
    """Seconds of one `roadlog build` of `project` by the generator package in `code`."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    begin = time.perf_counter()
    subprocess.run(
        [
            str(BIN / "python"),
            "-c",
            "from generator.cli import main; raise SystemExit(main(['build']))",
        ],
        cwd=project,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - begin


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="the older commit to compare with")
    parser.add_argument("--entries", type=int, default=1100)
    parser.add_argument("--commits", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="roadlog-compare-") as folder:
        base = Path(folder) / "base"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(base), args.base],
            check=True,
        )
        try:
            project = make_project(Path(folder) / "work", args.entries, args.commits)
            codes = {"base": base, "this": ROOT}
            for code in codes.values():
                time_build(code, project)
            times: dict[str, list[float]] = {name: [] for name in codes}
            for run in range(args.runs):
                order = ("base", "this") if run % 2 == 0 else ("this", "base")
                for name in order:
                    times[name].append(time_build(codes[name], project))
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)], check=False
            )
    medians = {name: statistics.median(runs) for name, runs in times.items()}
    for name, runs in times.items():
        label = args.base if name == "base" else "this tree"
        print(f"{label:>12}: {', '.join(f'{t:.2f}' for t in runs)} s; median {medians[name]:.2f} s")
    result = {
        "entries": args.entries,
        "base": args.base,
        "base_s": round(medians["base"], 2),
        "this_s": round(medians["this"], 2),
        "ratio": round(medians["this"] / medians["base"], 3),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
