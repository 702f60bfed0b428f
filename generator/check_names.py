"""Reserved names: a roadmap id or topic slug whose page would replace an index page."""

from __future__ import annotations

from .errors import Collector

# MkDocs publishes `README.md` as its folder's index, as it does `index.md`: a roadmap or entry
# named so would replace /roadmaps/ or /journal/, a topic slugged so would replace /topics/.
RESERVED_ROADMAP_IDS = frozenset({"index", "README"})
RESERVED_TOPIC_SLUGS = frozenset({"index"})  # slugs are lowercase: never `README`
RESERVED_ENTRY_STEMS = frozenset({"README"})  # `index` and `page`: see load_entries.check_urls


def check_roadmap_id(roadmap_id: str, path: str, line: int, problems: Collector) -> None:
    """Record an error when a roadmap's page would replace /roadmaps/, the list of roadmaps."""
    if roadmap_id in RESERVED_ROADMAP_IDS:
        problems.error(
            path,
            line,
            f"the roadmap id {roadmap_id!r} is reserved: its page would replace /roadmaps/, "
            "the list of roadmaps; rename the file (and its `id:`)",
        )


def check_topic_slug(slug: str, name: str, path: str, line: int, problems: Collector) -> None:
    """Record an error when a vocabulary topic's page would replace /topics/, the list of topics."""
    if slug in RESERVED_TOPIC_SLUGS:
        problems.error(
            path,
            line,
            f"topic {name!r}: the slug {slug!r} is reserved: its page would replace /topics/, "
            "the list of topics; give the topic another `slug:`",
        )
