"""Entries and tags whose page would replace an index page: found where tags meet the vocabulary."""

from __future__ import annotations

from .build_topics import match_topics
from .check_names import RESERVED_ENTRY_STEMS, RESERVED_TOPIC_SLUGS
from .errors import Collector
from .load_topics import topic_slug
from .model import Entry, TopicDef


def tag_slug(tag: str, vocabulary: list[TopicDef]) -> str:
    """The slug of a tag's topic page: the first vocabulary topic it names, else its own slug."""
    matched = match_topics(vocabulary, [tag])
    return matched[0].slug if matched else topic_slug(tag)


def check_entry_urls(entries: list[Entry], vocabulary: list[TopicDef], problems: Collector) -> None:
    """Record an error for each entry or tag whose page would replace an index page."""
    slugs: dict[str, str] = {}
    # Drafts too, as for file names: publishing a draft must not be what breaks the build.
    for entry in sorted(entries, key=lambda e: e.path):
        if entry.stem in RESERVED_ENTRY_STEMS:
            problems.error(
                entry.path,
                1,
                f"the file name {entry.stem!r} is reserved: MkDocs would publish it as /journal/, "
                "the journal index; rename the file",
            )
        for tag in dict.fromkeys(entry.tags):
            if tag not in slugs:
                slugs[tag] = tag_slug(tag, vocabulary)
            if slugs[tag] in RESERVED_TOPIC_SLUGS:
                problems.error(
                    entry.path,
                    entry.lines.get("tags", 1),
                    f"the tag {tag!r} is reserved: its topic page would replace /topics/, "
                    "the list of topics; rename the tag",
                )
