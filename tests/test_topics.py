"""Topics: the vocabulary, normalisation, matching, and topics joining the five seed roadmaps."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.build_site import build_site
from generator.build_topics import match_topics
from generator.errors import RoadlogError
from generator.load_roadmaps import load_roadmaps
from generator.load_topics import load_topics, normalize
from generator.model import Entry, TopicDef
from generator.pipeline import find_topics
from generator.settings import DEFAULT_TOPICS, Settings

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def vocabulary() -> list[TopicDef]:
    return load_topics(DEFAULT_TOPICS, ROOT)


@pytest.fixture(scope="module")
def seed_site(vocabulary):
    return build_site(load_roadmaps(ROOT / "roadmaps", ROOT), [], [], TODAY, vocabulary=vocabulary)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("PostgreSQL", "postgresql"),
        ("Postgres DBs", "postgre dbs"),  # three-letter words keep their s: `dbs`, `api`, `ssl`
        ("Caching (Redis)", "caching redis"),  # -is endings stay: redis, analysis
        ("Redis data structures", "redis data structure"),
        ("CI/CD", "ci cd"),
        ("Bits & Bytes", "bit and byte"),
        ("Policies", "policy"),
        ("Classes", "class"),
        ("Status", "status"),
        ("Analysis", "analysis"),
        ("C++ and C#", "c++ and c#"),
    ],
)
def test_normalize(text, expected):
    assert normalize(text) == expected


def write(tmp_path: Path, text: str) -> Path:
    file = tmp_path / "roadmaps" / "topics.yaml"
    file.parent.mkdir(exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return file


def test_missing_vocabulary_is_no_topics(tmp_path):
    assert load_topics(tmp_path / "roadmaps" / "topics.yaml", tmp_path) == []


def test_vocabulary_problems_are_reported_together(tmp_path):
    file = write(
        tmp_path,
        """\
topics:
  - name: PostgreSQL
    aliases: [postgres]
  - name: Postgres tips
    slug: postgresql
  - name: Databases
    aliases: [Postgres]
    patterns: ['(unclosed']
  - nam: Typo
""",
    )
    with pytest.raises(RoadlogError) as exc:
        load_topics(file, tmp_path)
    assert [str(p) for p in exc.value.problems] == [
        "roadmaps/topics.yaml:9: topics[3]: 'name' is a required property",
        "roadmaps/topics.yaml:9: topics[3]: unknown key 'nam' (did you mean 'name'?)",
    ]
    write(
        tmp_path,
        "topics:\n  - name: PostgreSQL\n    aliases: [postgres]\n  - name: Postgres tips\n    slug: postgresql\n"
        "  - name: Databases\n    aliases: [Postgres]\n    patterns: ['(unclosed']\n",
    )
    with pytest.raises(RoadlogError) as exc:
        load_topics(file, tmp_path)
    assert [str(p) for p in exc.value.problems] == [
        "roadmaps/topics.yaml:4: topic slug 'postgresql' is used twice (also line 2)",
        "roadmaps/topics.yaml:6: 'postgre' names two topics: 'postgresql' and 'databases'",
        "roadmaps/topics.yaml:6: topic 'Databases': pattern '(unclosed' is not a valid regular "
        "expression (missing ), unterminated subpattern at position 0)",
    ]


def test_matching_ignores_case_punctuation_and_plurals(vocabulary):
    def names(text):
        return [t.name for t in match_topics(vocabulary, [text])]

    assert "PostgreSQL" in names("Learn MVCC (Postgres concurrency)")
    assert "PostgreSQL" in names("postgresql setup")
    assert "Redis" in names("Caching (Redis)")
    assert "Kubernetes" in names("K8s for beginners")
    assert "JWT" in names("JSON Web Tokens explained")
    assert "Docker" in names("Dockerfiles for Python apps")
    assert names("Review Day") == []


def roadmaps_of(site, slug: str) -> set[str]:
    topic = site.topics[slug]
    return set(topic.nodes) | set(topic.items)


@pytest.mark.parametrize("slug", ["redis", "docker", "jwt", "postgresql"])
def test_topics_join_at_least_three_seed_roadmaps(seed_site, slug):
    assert len(roadmaps_of(seed_site, slug)) >= 3, roadmaps_of(seed_site, slug)


def test_kubernetes_joins_every_seed_roadmap_that_mentions_it(seed_site):
    # Only two of the five seeds name Kubernetes (or k8s, Helm, minikube) anywhere, in any field:
    # the checklist and the six-month plan. Both are joined; nothing else may be claimed.
    assert roadmaps_of(seed_site, "kubernetes") == {"backend-devops-checklist", "six-month-plan"}


def test_redis_gathers_the_wordings_of_every_seed(seed_site):
    topic = seed_site.topics["redis"]
    titles = {(roadmap, node.title) for roadmap, nodes in topic.nodes.items() for node in nodes}
    items = {(roadmap, item.title) for roadmap, entries in topic.items.items() for item in entries}
    assert ("backend-365", "Redis Architecture") in titles
    assert ("node-backend-8-weeks", "Redis Fundamentals") in titles
    assert ("fastapi-90", "Redis Setup & Basics") in titles
    assert ("six-month-plan", "Caching") in titles  # its concepts list "Redis data structures"
    assert ("backend-devops-checklist", "Caching (Redis)") in items
    assert topic.planned >= 3  # day units of the dated backend-365, among others


def entry(stem: str, date: dt.date, **fields) -> Entry:
    return Entry(path=f"journal/{stem}.md", stem=stem, date=date, body="Text.", **fields)


def test_entries_join_topics_by_tag_alias_and_by_their_day(vocabulary):
    roadmaps = load_roadmaps(ROOT / "roadmaps", ROOT)
    entries = [
        entry("pg", dt.date(2026, 11, 20), tags=["postgres", "Homelab"]),
        entry("day1", dt.date(2026, 11, 16), roadmap="backend-365", day=1),
        entry("secret", dt.date(2026, 11, 21), tags=["postgres", "secret-project"], draft=True),
    ]
    site = build_site(roadmaps, entries, [], TODAY, vocabulary=vocabulary)
    assert [e.stem for e in site.topics["postgresql"].entries] == ["pg"]
    assert site.tag_slugs == {"postgres": "postgresql", "homelab": "homelab"}
    assert site.topics["homelab"].name == "Homelab" and site.topics["homelab"].group is None
    # Day 1 "Bits & Bytes" is about networking: its entry is on that topic's page.
    day1_topics = [
        slug for slug, topic in site.topics.items() if any(e.stem == "day1" for e in topic.entries)
    ]
    assert day1_topics and all(site.topics[slug].nodes.get("backend-365") for slug in day1_topics)
    assert "secret-project" not in site.topics


def test_the_default_vocabulary_applies_until_the_project_has_its_own(tmp_path):
    settings = Settings(root=tmp_path, site_name="S", site_url="https://example.org/")
    assert find_topics(settings) == DEFAULT_TOPICS
    own = tmp_path / "roadmaps" / "topics.yaml"
    own.parent.mkdir()
    own.write_text("topics:\n  - name: Gardening\n", encoding="utf-8")
    assert find_topics(settings) == own  # it replaces the default, whole
    assert [t.name for t in load_topics(find_topics(settings), tmp_path)] == ["Gardening"]
