"""What `roadlog serve` keeps between rebuilds, so that an edit rebuilds only the pages it changes.

MkDocs' dirty build skips a page whose source is older than its HTML. Generated pages are written
to a folder of their own, each only when its text changed, so their times say what changed. What a
page shows beyond its own text (templates, mkdocs.yml, the navigation) is stamped as a whole: when
that changes, the preview folder is emptied and everything is built again.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

import jinja2
from mkdocs import utils
from mkdocs.structure.files import File

from .model import Site
from .render_feeds import KeptFeeds
from .render_pages import entry_page_key, make_env, plan_pages, render_page
from .settings import DEFAULT_TEMPLATE_DIR, Settings

ERRORS_START, ERRORS_END = "<!-- roadlog:errors -->", "<!-- /roadlog:errors -->"


class Preview:
    """Written pages, feed contents and compiled templates of the previous rebuilds."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="roadlog-preview-"))
        self.digests: dict[str, bytes] = {}  # generated page -> digest of the text written
        self.contents: dict[str, str] = {}  # entry stem -> its HTML body, for the feeds
        self.feeds = KeptFeeds()
        self.stamp: tuple | None = None
        self.errors_shown: list[str] = []
        self.bytecode = _Bytecode()  # the theme's compiled templates, for the next rebuild's env
        self.page_env: tuple[Settings, jinja2.Environment] | None = None
        self.entry_pages: dict[str, tuple[tuple, str]] = {}  # uri -> (entry_page_key, text)
        self.pages_stamp: list[tuple] = []

    def page_env_for(self, settings: Settings) -> jinja2.Environment:
        """The page templates' environment, made again only when the settings change."""
        if self.page_env is None or self.page_env[0] != settings:
            self.page_env = (settings, make_env(settings))
        return self.page_env[1]  # it reloads a template whose file changed

    def render_pages(self, site: Site, settings: Settings) -> dict[str, str]:
        """Every generated page; an entry page whose inputs did not change is not rendered again.

        Only with Roadlog's own entry template, whose inputs entry_page_key knows, and only
        while no page template changed.
        """
        env = self.page_env_for(settings)
        stamp = [_folder_stamps(folder) for folder in settings.template_dirs]
        own = Path(env.get_template("entry.md.j2").filename).is_relative_to(DEFAULT_TEMPLATE_DIR)
        if stamp != self.pages_stamp or not own:
            self.entry_pages, self.pages_stamp = {}, stamp
        pages, kept = {}, {}
        for template, uri, context in plan_pages(site, settings):
            key = entry_page_key(site, settings, context) if own and "entry" in context else None
            if key is not None and self.entry_pages.get(uri, (None,))[0] == key:
                pages[uri] = self.entry_pages[uri][1]
            else:
                pages[uri] = render_page(env, site, settings, template, uri, context)
            if key is not None:
                kept[uri] = (key, pages[uri])
        self.entry_pages = kept
        return pages

    def page_files(self, pages: dict[str, str], config) -> list[File]:
        """Generated pages as files in the preview folder, rewritten only when their text changed."""
        for gone in set(self.digests) - set(pages):  # a deleted or renamed entry
            del self.digests[gone]
            (self.folder / gone).unlink(missing_ok=True)
            stale = File.generated(config, gone, content="").abs_dest_path
            if os.path.exists(stale):
                os.remove(stale)
        found = []
        for uri, text in pages.items():
            path = self.folder / uri
            digest = hashlib.blake2b(text.encode(), digest_size=16).digest()
            if self.digests.get(uri) != digest:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
                self.digests[uri] = digest
            found.append(File.generated(config, uri, abs_src_path=str(path)))
        return found

    def check_stamp(self, config, nav) -> None:
        """Empty the preview's site folder when templates, mkdocs.yml or the navigation changed."""
        stamp = (_stat(config.config_file_path), _template_stamps(config), str(nav))
        if stamp != self.stamp:
            utils.clean_directory(config.site_dir)
            self.stamp = stamp

    def show_errors(self, site_dir: str, errors: list[str], banner: str) -> None:
        """Put the errors `banner` into every page built before, when the errors changed."""
        if errors == self.errors_shown:
            return
        self.errors_shown = list(errors)
        for folder, _, names in os.walk(site_dir):
            for name in names:
                if name.endswith(".html"):
                    _replace_banner(Path(folder, name), banner)

    def close(self) -> None:
        """Delete the preview folder."""
        shutil.rmtree(self.folder, ignore_errors=True)


class _Bytecode(jinja2.BytecodeCache):
    """Compiled templates in memory: MkDocs makes a new theme environment for every rebuild."""

    def __init__(self) -> None:
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.codes:
            bucket.bytecode_from_string(self.codes[bucket.key])  # ignored if the source changed

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.codes[bucket.key] = bucket.bytecode_to_string()


def _replace_banner(page: Path, banner: str) -> None:
    text = page.read_text(encoding="utf-8")
    start, end = text.find(ERRORS_START), text.find(ERRORS_END)
    if 0 <= start < end:
        page.write_text(text[: start + len(ERRORS_START)] + banner + text[end:], encoding="utf-8")


def _stat(path: str | None) -> tuple | None:
    try:
        status = os.stat(path) if path else None
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size) if status else None


def _template_stamps(config) -> list[tuple]:
    """(path, mtime, size) of every template file outside installed packages."""
    stamps = []
    for folder in config.theme.dirs:
        if not Path(folder).is_relative_to(sys.prefix):
            # installed themes (Material's, mkdocs') do not change while serving
            stamps += _folder_stamps(folder)
    return sorted(stamps)


def _folder_stamps(folder) -> list[tuple]:
    """(path, mtime, size) of every file under `folder`."""
    stamps = []
    for parent, _, names in os.walk(folder):
        stamps += [(os.path.join(parent, n), _stat(os.path.join(parent, n))) for n in names]
    return sorted(stamps)
