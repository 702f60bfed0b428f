"""Topics: the same subject gathered across every roadmap and the journal, by the vocabulary."""

from __future__ import annotations

import re

from .load_topics import normalize, topic_slug
from .model import Entry, Node, RoadmapView, Topic, TopicDef, Unit


def node_texts(node: Node) -> list[str]:
    """What a node says it is about: title, question, concepts, mini-project and its own topics."""
    return [node.title, node.question or "", *node.concepts, node.project or "", *node.topics]


def match_topics(defs: list[TopicDef], texts: list[str]) -> list[TopicDef]:
    """The topics whose name, alias or pattern occurs in any of `texts`, in vocabulary order."""
    terms, longest, patterned, any_pattern = _index(defs)
    found: set[str] = set()
    for text in texts:
        if not text:
            continue
        words = normalize(text).split()
        # Every run of up to `longest` words is looked up: linear in the text, whatever the vocabulary.
        for start in range(len(words)):
            for end in range(start + 1, min(start + longest, len(words)) + 1):
                found.update(terms.get(" ".join(words[start:end]), ()))
        if any_pattern.search(text):  # one search rules out most texts
            found.update(
                t.slug
                for t in patterned
                if t.slug not in found and any(p.search(text) for p in t.patterns)
            )
    return [topic for topic in defs if topic.slug in found]


def _index(defs: list[TopicDef]):
    # Keyed by identity: hashing 145 frozen dataclasses on every call cost more than the matching.
    key = tuple(map(id, defs))
    if key not in _INDEXES:
        _INDEXES.clear()  # one vocabulary at a time; `defs` is kept so its ids stay unique
        _INDEXES[key] = (defs, _build_index(defs))
    return _INDEXES[key][1]


_INDEXES: dict[tuple[int, ...], tuple[list[TopicDef], tuple]] = {}


def _build_index(defs: list[TopicDef]):
    terms: dict[str, tuple[str, ...]] = {}
    for topic in defs:
        for term in topic.terms:
            terms[term] = (*terms.get(term, ()), topic.slug)
    longest = max((len(term.split()) for term in terms), default=1)
    patterns = [p.pattern for topic in defs for p in topic.patterns]
    try:
        any_pattern = re.compile("|".join(f"(?:{p})" for p in patterns) or "(?!)", re.IGNORECASE)
    except re.error:  # a global flag such as `(?x)` cannot sit inside an alternation
        any_pattern = re.compile("")
    return terms, longest, [topic for topic in defs if topic.patterns], any_pattern


def build_topics(
    defs: list[TopicDef],
    views: list[RoadmapView],
    entries: list[Entry],
    entry_units: dict[str, list[Unit]],
) -> tuple[dict[str, Topic], dict[str, str]]:
    """Topics by slug (A–Z) with their nodes, items, units and entries; and each tag's topic slug."""
    topics: dict[str, Topic] = {}

    def topic(definition: TopicDef) -> Topic:
        return topics.setdefault(
            definition.slug, Topic(definition.slug, definition.name, definition.group)
        )

    node_topics: dict[int, list[TopicDef]] = {}
    for view in views:
        roadmap = view.roadmap.id
        own_units: dict[int, list[Unit]] = {}
        for unit in view.units:
            own_units.setdefault(id(unit.node), []).append(unit)
        for node in view.roadmap.walk():
            node_topics[id(node)] = match_topics(defs, node_texts(node))
            for definition in node_topics[id(node)]:
                found = topic(definition)
                found.nodes.setdefault(roadmap, []).append(node)
                found.units += own_units.get(id(node), [])
            for item in node.checklist_items():
                for definition in match_topics(defs, [item.title]):
                    topic(definition).items.setdefault(roadmap, []).append(item)
    tag_slugs: dict[str, str] = {}
    tag_matches: dict[str, list[TopicDef]] = {}
    for entry in reversed(entries):  # newest first
        chosen: dict[str, TopicDef] = {}
        for tag in entry.tags:
            if tag not in tag_matches:
                tag_matches[tag] = match_topics(defs, [tag])
            matched = tag_matches[tag] or [_tag_topic(tag, topics)]
            tag_slugs.setdefault(tag.casefold(), matched[0].slug)
            chosen.update((d.slug, d) for d in matched)
        for unit in entry_units.get(entry.stem, []):
            chosen.update((d.slug, d) for d in node_topics.get(id(unit.node), []))
        for definition in chosen.values():
            topic(definition).entries.append(entry)
    return dict(sorted(topics.items(), key=lambda kv: kv[1].name.casefold())), tag_slugs


def _tag_topic(tag: str, topics: dict[str, Topic]) -> TopicDef:
    """A tag the vocabulary does not know is a topic of its own (sharing a slug merges them)."""
    slug = topic_slug(tag)
    existing = topics.get(slug)
    return TopicDef(
        slug,
        existing.name if existing else tag,
        existing.group if existing else None,
        (normalize(tag),),
    )
