"""Read the topic vocabulary, roadmaps/topics.yaml: names, groups, aliases and patterns."""

from __future__ import annotations

import re
from pathlib import Path

from markdown.extensions.toc import slugify_unicode

from .check_names import check_slug_length, check_topic_slug, shorten
from .check_schema import check_schema
from .errors import Collector, display_path
from .model import TopicDef
from .read_yaml import YamlProblem, line_of, read_yaml

_WORD = re.compile(r"[^a-z0-9+#]+")


def normalize(text: str) -> str:
    """Casefolded words without punctuation, each made singular, so `Postgres DBs` meets `postgres db`."""
    words = _WORD.sub(" ", text.casefold().replace("&", " and ")).split()
    return " ".join(_singular(word) for word in words)


def _singular(word: str) -> str:
    # Applied alike to vocabulary and text, so it only has to be consistent, not good English:
    # `kubernetes` becomes `kubernete` on both sides and still matches.
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("s") and len(word) > 3 and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def topic_slug(name: str) -> str:
    """The URL slug of a topic name."""
    return slugify_unicode(name, "-") or "topic"


def load_topics(file: Path, root: Path) -> list[TopicDef]:
    """The vocabulary in `file` (none when it does not exist); raise RoadlogError with all problems."""
    if not file.is_file():
        return []
    problems = Collector()
    path = display_path(file, root)
    text = problems.read_text(file, path)
    topics: list[TopicDef] = []
    if text is not None:
        try:
            data, lines = read_yaml(text)
        except YamlProblem as exc:
            problems.error(path, exc.line, exc.message)
            data, lines = None, {}
        if data is not None and check_schema("topics", data, lines, path, problems):
            topics = _topics(data.get("topics", []), lines, path, problems)
    problems.raise_errors()
    return topics


def _topics(entries: list[dict], lines, path: str, problems: Collector) -> list[TopicDef]:
    topics, slugs, terms = [], {}, {}
    for index, entry in enumerate(entries):
        line = line_of(lines, ("topics", index))
        slug = entry.get("slug") or topic_slug(entry["name"])
        if slug in slugs:
            problems.error(
                path, line, f"topic slug {slug!r} is used twice (also line {slugs[slug]})"
            )
        slugs.setdefault(slug, line)
        slug_line = line_of(lines, ("topics", index, "slug"))
        check_topic_slug(slug, entry["name"], path, slug_line, problems)
        what = f"topic {shorten(entry['name'])}: the slug {shorten(slug)}"
        check_slug_length(slug, what, path, slug_line, problems)
        names = [entry["name"], *entry.get("aliases", [])]
        normalized = tuple(dict.fromkeys(t for t in (normalize(n) for n in names) if t))
        for term in normalized:
            if term in terms and terms[term] != slug:
                problems.error(
                    path, line, f"{term!r} names two topics: {terms[term]!r} and {slug!r}"
                )
            terms.setdefault(term, slug)
        patterns = []
        for pattern in entry.get("patterns", []):
            try:
                patterns.append(re.compile(pattern, re.IGNORECASE))
            except re.error as exc:
                problems.error(
                    path,
                    line,
                    f"topic {entry['name']!r}: pattern {pattern!r} is not a valid regular expression ({exc})",
                )
        topics.append(
            TopicDef(slug, entry["name"], entry.get("group"), normalized, tuple(patterns))
        )
    return topics
