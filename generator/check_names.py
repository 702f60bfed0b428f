"""Reserved names: a roadmap id or topic slug whose page (or badge) would replace another."""

from __future__ import annotations

from .errors import Collector

# MkDocs publishes `README.md` as its folder's index, as it does `index.md`: a roadmap or entry
# named so would replace /roadmaps/ or /journal/, a topic slugged so would replace /topics/.
RESERVED_ROADMAP_IDS = frozenset({"index", "README"})
RESERVED_TOPIC_SLUGS = frozenset({"index"})  # slugs are lowercase: never `README`
RESERVED_ENTRY_STEMS = frozenset({"README"})  # `index` and `page`: see load_entries.check_urls
# A topic page is written as the folder topics/<slug>/: a file system takes at most 255 bytes in a
# name (an OSError in the middle of a build), and a URL that long is no use to a reader anyway.
MAX_SLUG_BYTES = 100
# The site's own badges, written as badges/<name>.svg beside each roadmap's badges/<id>.svg.
BADGE_NAMES = {"streak": "streak", "logged": "days logged"}


def check_roadmap_id(roadmap_id: str, path: str, line: int, problems: Collector) -> None:
    """Record an error when a roadmap's page would replace /roadmaps/, or its badge another badge."""
    if roadmap_id in RESERVED_ROADMAP_IDS:
        problems.error(
            path,
            line,
            f"the roadmap id {roadmap_id!r} is reserved: its page would replace /roadmaps/, "
            "the list of roadmaps; rename the file (and its `id:`)",
        )
    if roadmap_id in BADGE_NAMES:
        problems.error(
            path,
            line,
            f"the roadmap id {roadmap_id!r} is reserved: its badge would replace "
            f"/badges/{roadmap_id}.svg, the {BADGE_NAMES[roadmap_id]} badge; rename the file "
            "(and its `id:`)",
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


def check_slug_length(slug: str, what: str, path: str, line: int, problems: Collector) -> None:
    """Record an error when a topic page's slug is too long for a file name and a URL."""
    size = len(slug.encode("utf-8"))
    if size > MAX_SLUG_BYTES:
        problems.error(
            path,
            line,
            f"{what} is too long for a URL: its topic page would be named with {size} bytes; "
            f"shorten it to at most {MAX_SLUG_BYTES} (a letter outside A-Z takes 2 to 4 bytes)",
        )


def shorten(text: str, limit: int = 20) -> str:
    """`text` quoted, cut to `limit` characters with an ellipsis."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
