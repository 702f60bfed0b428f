"""Measure `roadlog import` on a folder of plans, each `<name>.md` with a `<name>.yaml` of what a
careful reader expects (format: tests/fixtures/import_styles/README.md).

    .venv/bin/python tests/bench/measure_import.py [FOLDER ...]   (default: the fixture corpus)

Prints, per plan and in total: day/week/phase/month numbers recovered with the right title, web links
made resources, anchor resources (must be 0), checklist items, and whether a plan that lost structure
said so in a warning.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from generator.importers.fields import kind_of, walk_nodes  # noqa: E402
from generator.importers.links import link_text  # noqa: E402
from generator.importers.roadmap import Result, import_roadmap  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "import_styles"


@dataclass
class Score:
    """What one plan's import recovered, against what its expectations say."""

    name: str
    nodes: int = 0  # expected structure nodes
    right: int = 0  # ... found with their number and the right title
    numbered: int = 0  # ... found with their number only
    missing: list[str] = field(default_factory=list)
    links: int = 0
    found_links: int = 0
    anchors: int = 0
    items: int = 0
    found_items: int = 0
    done: int = 0
    found_done: int = 0
    warnings: int = 0

    @property
    def silent_loss(self) -> bool:
        """Lost structure (numbers or links) without a single warning."""
        lost = self.right < self.nodes or self.found_links < self.links
        return lost and self.warnings == 0


def normalize(title: str) -> str:
    """A title as compared: no markup, case, emoji or punctuation at the ends, spaces collapsed."""
    text = link_text(str(title)).casefold()
    text = re.sub(r"[*_`~]", "", text)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] in "LNZP" or ch in "+#&/")
    return re.sub(r"\s+", " ", text).strip(" .:;,-–—|()[]!?'\"")


def expected_of(path: Path) -> dict:
    """The expectations next to a plan."""
    return yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))


def import_plan(path: Path, expected: dict) -> Result:
    """Import a plan with the options its expectations give."""
    text = path.read_bytes().decode("utf-8")
    return import_roadmap(text, name=path.stem, **(expected.get("options") or {}))


def found_nodes(result: Result) -> dict[tuple[str, str], str]:
    """{(kind, number): title} of every structure node the import made."""
    nodes = {}
    for node in walk_nodes(result.data["children"]):
        kind = kind_of(node)
        if kind != "section":
            nodes.setdefault((kind, str(node[kind])), node["title"])
    return nodes


def score(path: Path) -> Score:
    """Import one plan and compare it with its expectations."""
    expected = expected_of(path)
    result = import_plan(path, expected)
    found = found_nodes(result)
    result_score = Score(path.stem, warnings=len(result.warnings))
    for kind, number, title in expected.get("nodes") or []:
        if number == 0:  # day 0 cannot be a node (days count from 1): kept as a section
            continue
        result_score.nodes += 1
        key = (kind, str(number))
        if key not in found:
            result_score.missing.append(f"{kind} {number}")
        elif normalize(found[key]) == normalize(title):
            result_score.right += 1
        else:
            result_score.numbered += 1
            result_score.missing.append(f"{kind} {number} titled {found[key]!r}, not {title!r}")
    resources = [r for n in _numbered(result.data["children"]) for r in n.get("resources", [])]
    result_score.links = expected.get("links", 0)
    result_score.found_links = sum(
        r["url"].lower().startswith(("http://", "https://")) for r in resources
    )
    result_score.anchors = sum(r["url"].startswith("#") for r in resources)
    items = [i for n in walk_nodes(result.data["children"]) for i in _items(n.get("checklist", []))]
    result_score.items, result_score.found_items = expected.get("items", 0), len(items)
    result_score.done, result_score.found_done = (
        expected.get("done", 0),
        sum(i["done"] for i in items),
    )
    return result_score


def _numbered(nodes: list[dict], inside: bool = False):
    """Numbered nodes and everything inside them (links elsewhere are not the plan's)."""
    for node in nodes:
        numbered = inside or kind_of(node) != "section"
        if numbered:
            yield node
        yield from _numbered(node.get("children", []), numbered)


def _items(items: list[dict]):
    for item in items:
        yield item
        yield from _items(item.get("items", []))


def plans(folders: list[Path]) -> list[Path]:
    """Every plan (`*.md` with a `.yaml` beside it) in the folders."""
    return sorted(p for f in folders for p in f.glob("*.md") if p.with_suffix(".yaml").exists())


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or [CORPUS]
    scores = [score(path) for path in plans(folders)]
    print(f"{'plan':34} {'numbers':>11} {'links':>9} {'items':>9} anchors warnings")
    for s in scores:
        print(
            f"{s.name[:34]:34} {s.right:>4}/{s.nodes:<4}{'' if s.right == s.nodes else ' *':2} "
            f"{min(s.found_links, s.links):>3}/{s.links:<4}{s.found_items:>4}/{s.items:<4} "
            f"{s.anchors:>7} {s.warnings:>8}{'  SILENT LOSS' if s.silent_loss else ''}"
        )
        for miss in s.missing[:6]:
            print(f"    {miss}")
    nodes = sum(s.nodes for s in scores) or 1
    links = sum(s.links for s in scores) or 1
    print(
        f"\n{len(scores)} plans: numbers with the right title {sum(s.right for s in scores) / nodes:.1%} "
        f"({sum(s.right for s in scores)}/{nodes}), links as resources "
        f"{sum(min(s.found_links, s.links) for s in scores) / links:.1%}, anchor resources "
        f"{sum(s.anchors for s in scores)}, silent losses {sum(s.silent_loss for s in scores)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
