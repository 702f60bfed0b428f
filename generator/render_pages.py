"""Render the Site into markdown pages (src_uri -> text) through Jinja2 templates."""

from __future__ import annotations

import datetime as dt
import re
from copy import copy
from functools import cache
from html import unescape
from urllib.parse import urlsplit
from xml.etree import ElementTree

import jinja2
import lxml.html
import markdown
from markdown.util import HTML_PLACEHOLDER_RE
from markupsafe import Markup, escape

from .build_archive import (
    calendar_parts,
    calendar_span,
    group_by_month,
    group_by_year,
    last_twelve_months,
    page_numbers,
    slice_calendar,
)
from .build_outline import outline_roadmap
from .build_reviews import group_reviews
from .build_stats import build_burnup, build_stats
from .lift_html import mark_html
from .load_topics import topic_slug
from .model import Commit, Entry, Node, Progress, Site, Topic
from .render_calendar import render_calendar, year_share
from .render_charts import register_charts
from .render_reviews import by_state, reflection_markdown, review_counts, short_day
from .render_roadmap import separate_blocks
from .settings import Settings
from .words import count_of, long_date

TOPIC_COMMITS = 20
TOPIC_ENTRIES = 30  # the newest entries a topic page lists; its year pages list every one
# A first paragraph of plain prose, after any blank lines: no line starts like a block (heading,
# list, quote, rule, numbered item, indented code) and no character is inline markup or a control
# character, so Python-Markdown gives its text back unchanged.
PLAIN_PARAGRAPH = re.compile(
    r"(?:[ \t]*\n)*"
    r"((?:[^\s\d#>*+=|\-_`~\[\]!<&\\\x00-\x1f\x7f-\x9f]"
    r"[^\n*_`\[\]!<&\\\x00-\x1f\x7f-\x9f]*(?:\n|\Z))+)"
    r"(?:[ \t]*(?:\n|\Z)|\Z)"
)


def make_env(settings: Settings) -> jinja2.Environment:
    """A Jinja2 environment over the page templates, escaping everything by default."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in settings.template_dirs]),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["long_date"] = long_date
    env.filters["as_html"] = mark_html
    env.filters["summary"] = summary
    env.filters["clip_text"] = clip_text
    env.filters["count_of"] = count_of
    env.filters["hours"] = lambda h: f"{h:g} h" if h else ""
    env.filters["id"] = id
    # Where a tag's topic page is; render_pages knows the vocabulary and refines this.
    env.filters["tag_slug"] = topic_slug
    env.filters["md"] = render_markdown
    env.filters["safe_url"] = safe_url
    env.filters["md_inline"] = render_inline_markdown
    env.filters["checklist_progress"] = checklist_progress
    env.filters["day_runs"] = day_runs
    env.filters["years"] = calendar_years
    env.filters["combined_state"] = combined_state
    env.filters["commit_item"] = commit_item
    env.filters["separate_blocks"] = separate_blocks
    env.filters["page_numbers"] = page_numbers
    env.filters["between"] = slice_calendar
    env.filters["month_year"] = lambda date: date.strftime("%B %Y")
    env.filters["year_share"] = year_share
    env.filters["review_counts"] = review_counts
    register_charts(env)
    env.filters["reflection"] = reflection_markdown
    env.filters["short_day"] = short_day
    env.filters["by_state"] = by_state
    return env


def commit_item(commit: Commit) -> Markup:
    """A commit of an entry's day as a list item: short sha (linked), subject, repository, author, time."""
    # In Python, not in the template: an entry page lists every commit of its day, and the
    # template's per-expression cost made these lines most of the time spent on entry pages.
    sha = escape(commit.sha[:7])
    code = Markup(f'<a href="{escape(commit.url)}">{sha}</a>') if commit.url else sha
    when = commit.when
    return Markup(
        f'<li><code>{code}</code> {escape(commit.subject)} <span class="rl-meta">'
        f"{escape(commit.repo)} · {escape(commit.author)} · "
        f'<time datetime="{when.isoformat()}">{when.hour:02d}:{when.minute:02d}</time></span></li>'
    )


def combined_state(states) -> str:
    """One state for a day range: shared state, else partial when some work was done."""
    states = set(states)
    if len(states) <= 1:
        return states.pop() if states else "none"
    if states & {"done", "partial"}:
        return "partial"
    return "missed" if "missed" in states else "planned"


# One converter each, reset between texts: building a Markdown instance costs more than converting.
@cache
def _roadmap_markdown() -> markdown.Markdown:
    converter = markdown.Markdown(extensions=["fenced_code", "tables", "sane_lists"])
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    return converter


@cache
def _summary_markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=["fenced_code"])


@cache  # the same plan text shows on its roadmap, its topics and its entries' pages
def render_markdown(text: str) -> Markup:
    """Markdown from a roadmap as HTML, with any raw HTML in it shown as text, never as markup."""
    html = _roadmap_markdown().reset().convert(text)
    if "href" not in html and "src" not in html:
        return Markup(html)
    fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    for element in fragment.iter():
        for name in ("href", "src"):
            if name in element.attrib and not safe_url(element.attrib[name]):
                del element.attrib[name]  # a `javascript:` link stays as its text
    return Markup("".join(lxml.html.tostring(child, encoding="unicode") for child in fragment))


def safe_url(url: str) -> str:
    """`url` when it is a web, mail or relative link; '' for `javascript:`, `data:` and the like."""
    # Browsers ignore whitespace and control characters inside a scheme (`java\tscript:`).
    scheme = urlsplit("".join(ch for ch in url if ch > " ")).scheme.lower()
    return url if scheme in ("", "http", "https", "mailto") else ""


def render_inline_markdown(text: str) -> Markup:
    """One line of roadmap markdown (`code`, **bold**, links) as inline HTML, raw HTML shown as text."""
    html = str(render_markdown(text))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


def group_topics(topics: list[Topic]) -> list[tuple[str, list[Topic]]]:
    """Topics by their vocabulary group, A–Z; topics from tags alone come last under "More topics"."""
    groups: dict[str, list[Topic]] = {}
    for topic in topics:
        groups.setdefault(topic.group or "", []).append(topic)
    return [
        (name or "More topics", groups[name])
        for name in sorted(groups, key=lambda g: (g == "", g.casefold()))
    ]


def calendar_years(days: dict, today: dt.date | None = None) -> list[int]:
    """The years a calendar covers, newest first (with today's year when given)."""
    dates = list(days) + ([today] if today else [])
    return list(range(max(dates).year, min(dates).year - 1, -1)) if dates else []


def day_runs(nodes: list[Node]) -> list[tuple[bool, list[Node]]]:
    """Consecutive runs of day nodes and of other nodes, so days render as one ordered list."""
    runs: list[tuple[bool, list[Node]]] = []
    for node in nodes:
        is_day = node.kind == "day"
        if runs and runs[-1][0] == is_day:
            runs[-1][1].append(node)
        else:
            runs.append((is_day, [node]))
    return runs


def checklist_progress(node: Node) -> Progress:
    """Done and total checklist items of a node, nested items included."""
    items = list(node.checklist_items())
    return Progress(total=len(items), done=sum(item.done for item in items))


def summary(entry: Entry, length: int = 220) -> str:
    """The first paragraph of an entry's body as plain text, shortened to `length` characters."""
    return clip_text(_first_paragraph(entry.body), length)


def clip_text(text: str, length: int = 220) -> str:
    """`text` on one line, cut at a word to at most `length` characters."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"


@cache
def _first_paragraph(body: str) -> str:
    plain = PLAIN_PARAGRAPH.match(body)
    if plain:
        return " ".join(plain[1].split())
    # Python-Markdown finds the real first paragraph: not a fence, list or heading.
    if "<" not in body and "&" not in body:
        return _first_paragraph_of_blocks(body)
    return _first_paragraph_of_html(body)


def _first_paragraph_of_html(body: str) -> str:
    """The first top-level paragraph of the body rendered to HTML, as text."""
    return first_paragraph_text(_summary_markdown().reset().convert(body))


def first_paragraph_text(html: str) -> str:
    """The text of the first top-level paragraph of an HTML fragment ("" when it has none)."""
    if not html.strip():
        return ""
    paragraph = lxml.html.fragment_fromstring(html, create_parent="div").find("p")
    return _paragraph_text(paragraph) if paragraph is not None else ""


def _first_paragraph_of_blocks(body: str) -> str:
    """The same answer, with inline markup processed in that paragraph only, not in the whole body.

    Without raw HTML (`<`) or entities (`&`), nothing in the body is kept aside for the HTML
    output except fenced code, whose placeholder paragraphs are skipped.
    """
    converter = _summary_markdown().reset()
    lines = body.split("\n")
    for preprocessor in converter.preprocessors:
        lines = preprocessor.run(lines)
    root = converter.parser.parseDocument(lines).getroot()
    paragraph = next(
        (
            child
            for child in root
            if child.tag == "p" and not HTML_PLACEHOLDER_RE.fullmatch((child.text or "").strip())
        ),
        None,
    )
    if paragraph is None:
        return ""
    alone = ElementTree.Element("div")
    alone.append(paragraph)
    for treeprocessor in converter.treeprocessors:
        alone = treeprocessor.run(alone) or alone
    # Code spans keep their text escaped for the HTML (`>` as `&gt;`); the body has no `&` of its own.
    return unescape(_paragraph_text(paragraph))


def _paragraph_text(paragraph) -> str:
    """A paragraph's text on one line, images replaced by their alt text."""
    for image in paragraph.iter("img"):
        image.tail = (image.get("alt") or "") + (image.tail or "")
    return " ".join("".join(paragraph.itertext()).split())


def plan_pages(site: Site, settings: Settings) -> list[tuple[str, str, dict]]:
    """Every generated page as (template, docs-relative source path, context), in build order."""
    plan: list[tuple[str, str, dict]] = []

    def page(template: str, uri: str, **context) -> None:
        plan.append((template, uri, context))

    newest = site.newest_first()
    page("dashboard.md.j2", "index.md", span=last_twelve_months(site.today), latest=newest[:5])
    by_year = group_by_year(newest)
    years = {year: len(entries) for year, entries in by_year.items()}
    chunks = [
        newest[i : i + settings.per_page] for i in range(0, len(newest), settings.per_page)
    ] or [[]]
    for number, chunk in enumerate(chunks, start=1):
        uri = "journal/index.md" if number == 1 else f"journal/page/{number}.md"
        page(
            "journal_index.md.j2", uri, entries=chunk, number=number, pages=len(chunks), years=years
        )
    for year, entries in by_year.items():
        page(
            "journal_year.md.j2",
            f"journal/{year}.md",
            year=year,
            entries=entries,
            months=group_by_month(entries),
            hours=float(sum(e.hours or 0 for e in entries)),
            years=years,
        )
    titles = {view.roadmap.id: view.roadmap.title for view in site.roadmaps}
    for index, entry in enumerate(site.entries):
        older = site.entries[index - 1] if index > 0 else None
        newer = site.entries[index + 1] if index + 1 < len(site.entries) else None
        page(
            "entry.md.j2",
            f"journal/{entry.stem}.md",
            entry=entry,
            older=older,
            newer=newer,
            units=site.entry_units.get(entry.stem, []),
            commits=site.calendar[entry.date].commits if entry.date in site.calendar else [],
            titles=titles,
        )
    plan_calendars(site, page, set(years))
    page("roadmaps_index.md.j2", "roadmaps/index.md")
    for view in site.roadmaps:
        page(
            "roadmap.md.j2",
            f"roadmaps/{view.roadmap.id}.md",
            view=view,
            outline=outline_roadmap(view),
            burnup=build_burnup(view, site.today),
        )
    page("topics_index.md.j2", "topics/index.md", groups=group_topics(list(site.topics.values())))
    views = {view.roadmap.id: view for view in site.roadmaps}
    for topic in site.topics.values():
        days = sorted({e.date for e in topic.entries}, reverse=True)
        commits = [c for d in days for c in reversed(site.calendar[d].commits)]
        # The newest few: a topic page must not grow with every entry or commit of every day on it;
        # past TOPIC_ENTRIES, a page per year lists them all.
        topic_years = group_by_year(topic.entries) if len(topic.entries) > TOPIC_ENTRIES else {}
        counts = {year: len(entries) for year, entries in topic_years.items()}
        page(
            "topic.md.j2",
            f"topics/{topic.slug}.md",
            topic=topic,
            views=views,
            entries=topic.entries[:TOPIC_ENTRIES],
            years=counts,
            commits=commits[:TOPIC_COMMITS],
            more_commits=max(0, len(commits) - TOPIC_COMMITS),
        )
        for year, entries in topic_years.items():
            page(
                "topic_year.md.j2",
                f"topics/{topic.slug}/{year}.md",
                topic=topic,
                year=year,
                entries=entries,
                years=counts,
            )
    page("stats.md.j2", "stats.md", stats=build_stats(site))
    plan_reviews(site, page)
    return plan


def plan_reviews(site: Site, page) -> None:
    """/reviews/ (the last twelve months), a page per year, then a page per week and per month."""
    reviews = list(site.reviews.values())
    groups = group_reviews(reviews)
    years = sorted({month.first.year for month, _, _ in groups}, reverse=True)
    recent = last_twelve_months(site.today)[0]
    page(
        "reviews_index.md.j2",
        "reviews/index.md",
        groups=[group for group in groups if group[0].first >= recent],
        years=years,
    )
    for year in years:
        page(
            "reviews_year.md.j2",
            f"reviews/{year}.md",
            year=year,
            groups=[group for group in groups if group[0].first.year == year],
            years=years,
        )
    for review in reviews:
        page("review.md.j2", f"reviews/{review.period.key}.md", review=review)


def plan_calendars(site: Site, page, journal_years: set[int]) -> None:
    """/calendar/ (the last twelve months and the rest of this year), then a page per year."""
    years = calendar_years(site.calendar, site.today)
    dated = [view for view in site.roadmaps if view.pace]
    first, last = calendar_span(site.today)
    spans = [(None, first, last)] + [(y, dt.date(y, 1, 1), dt.date(y, 12, 31)) for y in years]
    for year, first, last in spans:
        # A year page shows the roadmaps with days in that year; /calendar/ shows every dated one.
        panels = [(view, calendar_parts(view.calendar, first, last)) for view in dated]
        page(
            "calendar.md.j2",
            "calendar.md" if year is None else f"calendar/{year}.md",
            year=year,
            first=first,
            last=last,
            years=years,
            journal_years=journal_years,
            combined=calendar_parts(site.calendar, first, last, year or site.today.year),
            panels=[(view, parts) for view, parts in panels if parts or year is None],
        )


def entry_page_key(site: Site, settings: Settings, context: dict) -> tuple:
    """A copy of everything Roadlog's entry page shows: equal keys, equal pages.

    Copies, because a build sets the title and git dates of the same cached entry objects.
    """
    entry = context["entry"]
    return (
        copy(entry),
        *((e.stem, e.title) if e else None for e in (context["older"], context["newer"])),
        tuple(map(copy, context["units"])),
        tuple(context["commits"]),
        tuple(site.tag_slugs.get(tag.casefold(), topic_slug(tag)) for tag in entry.tags),
        tuple(context["titles"].items()),
        settings,
        entry.review in site.reviews,  # a reflection's page links to its review page, once made
    )


def render_page(
    env: jinja2.Environment, site: Site, settings: Settings, template: str, uri: str, context: dict
) -> str:
    """One planned page's markdown."""
    depth = uri.count("/") + (0 if uri.endswith("index.md") else 1)
    context = {**context, "site": site, "settings": settings, "root": "../" * depth}
    if "calendar" in template or template == "dashboard.md.j2":
        context["svg"] = lambda days, first, last, label="Learning calendar": render_calendar(
            env, days, first, last, context["root"], label, site.today
        )
    env.filters["tag_slug"] = lambda tag: site.tag_slugs.get(tag.casefold(), topic_slug(tag))
    return env.get_template(template).render(**context)


def render_pages(site: Site, settings: Settings, env: jinja2.Environment) -> dict[str, str]:
    """Every generated page, keyed by its docs-relative source path."""
    return {
        uri: render_page(env, site, settings, template, uri, context)
        for template, uri, context in plan_pages(site, settings)
    }
