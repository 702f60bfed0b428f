"""The thin MkDocs adapter: settings in, generated pages in on_files, the feed in on_post_build."""

from __future__ import annotations

import datetime as dt
import html
import logging
import os
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .cache_files import NO_CACHE, FileCache
from .check_config import collect_config_texts, find_refused_characters, is_web_address
from .check_schema import SCHEMA_NAMES, schema_text
from .describe_page import describe_page
from .errors import RoadlogError
from .index_search import (
    BackgroundIndex,
    detach_material_search,
    find_kinds,
    index_site,
    mark_page,
    page_kind,
)
from .keep_preview import Preview
from .lift_html import LiftedHtml
from .load_history import RepoSource
from .pipeline import load_site
from .read_config import ConfigFileError, find_key_line, read_config_files
from .render_aside import PagesAside, can_render_aside
from .render_badges import render_badges
from .render_cards import card_colours
from .render_feeds import render_feeds
from .render_pages import make_env, render_pages
from .replace_site import mark_site
from .settings import DEFAULT_TEMPLATE_DIR, DRAFTS_VARIABLE, Settings
from .write_cards import CACHE_DIR, CardCache, CardJob, card_pages, plan_cards

# Problems are logged as bare `path:line: message` lines, without a prefix.
log = logging.getLogger("mkdocs.plugins.roadlog")
STYLESHEET = "assets/stylesheets/roadlog.css"
CHARTS_STYLESHEET = "assets/stylesheets/roadlog-charts.css"
SCRIPT = "assets/javascripts/roadlog.js"
# Settings Material shows in <meta> without escaping them.
PLAIN_SETTINGS = ("site_description", "site_author")
CARDS_KEY = "roadlog_cards"  # config.extra: page src_uri -> {"image", "alt"} of its card
ERRORS_KEY = "roadlog_errors"  # config.extra key the theme shows as a banner while previewing
PREVIEW_KEY = "roadlog_preview"  # config.extra key: true while serving
BODY_START, BODY_END = "<!-- roadlog:body -->", "<!-- /roadlog:body -->"


class RepoConfig(base.Config):
    path = c.Type(str, default=".")
    url = c.Optional(c.Type(str))
    name = c.Optional(c.Type(str))
    # Whose work counts in this repository (else the plugin's `authors`), under which paths, from when.
    authors = c.Optional(c.ListOfItems(c.Type(str)))
    paths = c.ListOfItems(c.Type(str), default=[])
    since = c.Optional(c.Type((str, dt.date)))  # YAML reads an unquoted 2026-12-01 as a date


class RoadlogConfig(base.Config):
    roadmaps_dir = c.Type(str, default="roadmaps")
    journal_dir = c.Type(str, default="journal")
    timezone = c.Type(str, default="UTC")
    repos = c.ListOfItems(c.SubConfig(RepoConfig), default=[])
    feed_limit = c.Type(int, default=20)
    author = c.Optional(c.Type(str))
    # The names or emails the learner commits with: only their commits count (default: everyone's).
    authors = c.ListOfItems(c.Type(str), default=[])
    drafts = c.Type(bool, default=False)
    # Link-preview images (PNG) of the home page, each roadmap and each entry.
    cards = c.Type(bool, default=True)


def _since(value: str | dt.date | None, index: int) -> dt.date | None:
    """A repository's `since:` date; a PluginError when it is not YYYY-MM-DD."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise PluginError(
            f"roadlog: repos[{index}].since {value!r} is not a date (YYYY-MM-DD)"
        ) from None


class RoadlogPlugin(BasePlugin[RoadlogConfig]):
    """Generates Roadlog's pages and feeds inside an MkDocs build."""

    def settings(self, config) -> Settings:
        """Roadlog settings from the validated MkDocs config; raises PluginError on bad values."""
        config_file = Path(config.config_file_path)
        root = config_file.resolve().parent
        name = config_file.name
        try:
            ZoneInfo(self.config.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise PluginError(
                f"roadlog: timezone {self.config.timezone!r} is not an IANA time zone name (e.g. Europe/Paris)"
            ) from None
        if not config.site_url:
            raise PluginError(
                "roadlog: set `site_url` in mkdocs.yml (e.g. https://you.github.io/journal/): feeds need absolute URLs"
            )
        if not config.use_directory_urls:
            raise PluginError(
                "roadlog: `use_directory_urls: false` is not supported; remove it from mkdocs.yml"
            )
        try:
            files = read_config_files(config_file, root)
        except ConfigFileError as exc:
            raise PluginError(str(exc)) from None
        node = files[0][1]
        texts = collect_config_texts(config, self.config, node)
        problems = find_refused_characters(texts, name) + self._value_problems(config, node, name)
        if problems:  # in the order of the file
            problems.sort(key=lambda problem: int(problem[len(name) + 1 :].split(":", 1)[0]))
            raise PluginError("\n".join(problems))
        repos = self.config.repos or [
            {"path": ".", "url": config.repo_url, "name": None, "authors": None, "paths": []}
        ]
        custom_dir = config.theme.custom_dir
        return Settings(
            root=root,
            site_name=config.site_name,
            site_url=config.site_url if config.site_url.endswith("/") else config.site_url + "/",
            timezone=self.config.timezone,
            config_name=name,
            roadmaps_dir=self.config.roadmaps_dir,
            journal_dir=self.config.journal_dir,
            repos=[
                RepoSource(
                    path=(root / r["path"]).resolve(),
                    name=r["name"] or _repo_name(root / r["path"]),
                    url=r["url"],
                    label=r["path"],
                    authors=tuple(
                        r["authors"] if r["authors"] is not None else self.config.authors
                    ),
                    paths=tuple(r["paths"]),
                    since=_since(r.get("since"), index),
                )
                for index, r in enumerate(repos)
            ],
            feed_limit=self.config.feed_limit,
            cards=self.config.cards,
            author=self.config.author,
            docs_dir=os.path.relpath(config.docs_dir, root),
            config_texts=texts,
            custom_dir=os.path.relpath(custom_dir, root) if custom_dir else None,
            config_files=tuple(shown for shown, _ in files),
        )

    def _value_problems(self, config, node, name: str) -> list[str]:
        """`name:line: key: …` for commit links that are not web addresses and a feed_limit < 1."""
        plugin = ["plugins", "roadlog"]
        urls = [
            (f"repos[{index}].url", [*plugin, "repos", str(index), "url"], repo["url"])
            for index, repo in enumerate(self.config.repos)
        ]
        if not self.config.repos:  # repo_url is then the commit links' address
            urls = [("repo_url", ["repo_url"], config.repo_url)]
        problems = [
            f"{name}:{find_key_line(node, keys) or 1}: {key}: {url!r} is not a web address "
            "(http:// or https://)"
            for key, keys, url in urls
            if url is not None and not is_web_address(url)
        ]
        if self.config.feed_limit < 1:
            line = find_key_line(node, [*plugin, "feed_limit"]) or 1
            problems.append(
                f"{name}:{line}: feed_limit: {self.config.feed_limit} is not a number of feed "
                "entries; use 1 or more (the default is 20)"
            )
        return problems

    command = "build"
    # Kept across `serve` rebuilds (a plugin with on_startup persists): the last good site, and
    # with `serve --dirty` (what `roadlog serve` runs) what lets an edit rebuild only its pages.
    last_good = None
    preview: Preview | None = None
    cache: FileCache = NO_CACHE
    aside: PagesAside | None = None

    def on_startup(self, command, dirty):
        self.command = command
        self.cache = FileCache() if command == "serve" else NO_CACHE
        self.preview = Preview() if command == "serve" and dirty else None

    def on_shutdown(self):
        if self.indexer:
            self.indexer.close()
        if self.preview:
            self.preview.close()

    def on_config(self, config):
        # Load and validate everything here, before MkDocs cleans or writes site_dir.
        self.options = self.settings(config)
        self.lifted = LiftedHtml()
        serving = self.command == "serve"
        # Drafts only ever show in a preview, whatever the configuration says.
        drafts = serving and (self.config.drafts or os.environ.get(DRAFTS_VARIABLE) == "1")
        config.extra[ERRORS_KEY] = []
        config.extra[PREVIEW_KEY] = serving
        try:
            self.site, warnings = load_site(self.options, drafts, self.cache)
        except RoadlogError as exc:
            for problem in exc.problems:
                log.error(str(problem))
            if not (serving and self.last_good):
                raise PluginError(
                    f"roadlog: {len(exc.errors)} error(s) in the journal or roadmaps; nothing was built"
                ) from None
            # While previewing, keep showing the last good site, with the errors on every page.
            self.site, warnings = self.last_good, []
            config.extra[ERRORS_KEY] = [str(problem) for problem in exc.errors]
        self.last_good = self.site
        for problem in warnings:
            log.warning(str(problem))
        palette = config.theme.get("palette")
        self.cards = (
            plan_cards(self.site, self.options, card_colours(palette)) if self.options.cards else []
        )
        config.extra[CARDS_KEY] = card_pages(self.cards)
        # The theme overrides ship with Roadlog, so mkdocs.yml needs no custom_dir; a project's own
        # site_template/overrides (then its custom_dir) comes first and wins, file by file.
        own = self.options.root / "site_template" / "overrides"
        start = 1 if config.theme.custom_dir else 0
        for folder in reversed([own, DEFAULT_TEMPLATE_DIR / "overrides"]):
            if folder.is_dir() and str(folder.resolve()) not in config.theme.dirs:
                config.theme.dirs.insert(start, str(folder.resolve()))
        # Material writes these two into <meta> as they are: they are text, and escaped as text.
        for key in PLAIN_SETTINGS:
            if isinstance(config[key], str):
                config[key] = html.escape(config[key])
        # The roadmap pages' headings reach the table of contents through md_in_html.
        if "md_in_html" not in config.markdown_extensions:
            config.markdown_extensions.append("md_in_html")
        for sheet in (STYLESHEET, CHARTS_STYLESHEET):
            if sheet not in config.extra_css:
                config.extra_css.append(sheet)
        if SCRIPT not in [str(script) for script in config.extra_javascript]:
            config.extra_javascript.append(SCRIPT)
        self.contents: dict[str, str] = self.preview.contents if self.preview else {}
        return config

    def on_files(self, files: Files, config) -> Files:
        if self.preview:
            pages = self.preview.render_pages(self.site, self.options)
            added = self.preview.page_files(pages, config)
        elif self.command == "build" and can_render_aside():
            # A second core renders the pages while MkDocs converts the first ones.
            self.aside = PagesAside(self.site, self.options)
            added = self.aside.files(config)
        else:
            pages = render_pages(self.site, self.options, make_env(self.options))
            added = [File.generated(config, uri, content=text) for uri, text in pages.items()]
        for file in added:
            files.append(file)
        if self.cards:
            # The cards the cache lacks are drawn in worker processes while MkDocs converts pages.
            workers = 2 if self.command == "build" and (os.cpu_count() or 1) > 1 else 1
            self.card_job = CardJob(self.cards, self._card_cache(), workers)
        # Published at stable URLs, so editors anywhere can validate roadmaps and entries.
        for name in SCHEMA_NAMES:
            files.append(
                File.generated(config, f"schemas/{name}.schema.json", content=schema_text(name))
            )
        return files

    def on_nav(self, nav, config, files):
        if self.preview:
            self.preview.check_stamp(config, nav)
        return nav

    def on_env(self, env, config, files):
        if self.preview:
            env.bytecode_cache = self.preview.bytecode
        self.env = env
        return env

    def on_page_markdown(self, markdown, page, config, files):
        if page.file.generated_by is None:
            return markdown
        return self.lifted.lift(page.file.src_uri, markdown)

    def on_page_content(self, html, page, config, files):
        try:
            html = self.lifted.restore(page.file.src_uri, html)
        except ValueError as exc:
            raise PluginError(str(exc)) from None
        if page.file.generated_by is None:
            describe_page(page.meta, html, config.site_description)
        stem = page.file.src_uri.removeprefix("journal/").removesuffix(".md")
        if page.file.src_uri.startswith("journal/") and "/" not in stem and stem != "index":
            # The feed carries the entry's own words, not the page chrome around them.
            start, end = html.find(BODY_START), html.find(BODY_END)
            self.contents[stem] = (
                html[start + len(BODY_START) : end].strip() if 0 <= start < end else html
            )
        return html

    def on_build_error(self, error):
        self._close_aside()
        if self.card_job:
            self.card_job.close()
            self.card_job = None
        self._drop_card_scratch()

    def _drop_card_scratch(self) -> None:
        if self.card_scratch:
            self.card_scratch.cleanup()
            self.card_scratch = None

    def _close_aside(self) -> None:
        if self.aside:
            self.aside.close()
            self.aside = None

    search = False  # whether the site has search: set by each build
    indexer: BackgroundIndex | None = None  # `serve`: the search index, made aside

    def on_pre_build(self, config):
        # Pagefind answers Material's search box: Material's indexer would ship the whole site.
        self.search = detach_material_search(config)
        self.kinds = find_kinds(self.site, self.options) if self.search else {}

    def on_post_page(self, output, page, config):
        if not self.search:
            return output
        kind = page_kind(self.kinds, page.file.src_uri, page.file.generated_by is not None)
        return mark_page(output, kind) if kind else output

    card_job: CardJob | None = None  # the card images of this build, drawn aside
    # The cards' cache for this build when the project's cannot be written.
    card_scratch: tempfile.TemporaryDirectory | None = None

    def _card_cache(self) -> CardCache:
        cache = CardCache(self.options.root / CACHE_DIR)
        why = cache.unwritable()
        if why is None:
            return cache
        log.warning(
            f"roadlog: cannot keep card images in {CACHE_DIR} ({why}): "
            "every build draws all of them again"
        )
        self.card_scratch = tempfile.TemporaryDirectory(prefix="roadlog-cards-")
        return CardCache(Path(self.card_scratch.name))

    def on_post_build(self, config):
        self._close_aside()
        if self.card_job:
            # A build keeps only the cards it used: the cache CI restores stays the site's size.
            self.card_job.write(Path(config.site_dir), prune=self.command == "build")
            self.card_job = None
        self._drop_card_scratch()
        if self.preview:
            banner = self.env.get_template("partials/roadlog-errors.html").render(config=config)
            self.preview.show_errors(config.site_dir, config.extra[ERRORS_KEY], banner)
            stems = {entry.stem for entry in self.site.entries}
            for stem in set(self.contents) - stems:
                del self.contents[stem]
        kept = self.preview.feeds if self.preview else None
        written = {
            **render_feeds(self.site, self.options, self.contents, kept),
            **render_badges(self.site),
        }
        for path, data in written.items():
            target = Path(config.site_dir, path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        if self.search and self.command == "serve":
            self.indexer = self.indexer or BackgroundIndex()
            self.indexer.request(Path(config.site_dir))
        elif self.search:  # `roadlog build` indexes the staged site, before it replaces the old one
            index_site(Path(config.site_dir))
        # Even a plain `mkdocs build`: a later `roadlog build` may replace only a marked site.
        mark_site(Path(config.site_dir))

    def on_serve(self, server, config, builder):
        for folder in (self.options.roadmaps_dir, self.options.journal_dir, "site_template"):
            path = self.options.root / folder
            if path.is_dir():
                server.watch(str(path))
        return server


def _repo_name(path: Path) -> str:
    return os.path.basename(os.path.normpath(path.resolve())) or "repo"
