"""Roadlog's settings (the plugin options plus the MkDocs values it needs), free of MkDocs types."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from .load_history import RepoSource


def _shipped_template_dir() -> Path:
    """site_template/ as installed inside the package, or the repository's own in a source checkout."""
    installed = Path(__file__).resolve().parent / "site_template"
    return (
        installed
        if installed.is_dir()
        else Path(__file__).resolve().parent.parent / "site_template"
    )


# The templates, theme overrides and assets that ship with Roadlog; a project's own site_template/ wins.
DEFAULT_TEMPLATE_DIR = _shipped_template_dir()
# The topic vocabulary used when the project has no roadmaps/topics.yaml of its own.
DEFAULT_TOPICS = DEFAULT_TEMPLATE_DIR / "topics.yaml"
DRAFTS_VARIABLE = "ROADLOG_DRAFTS"  # set by `roadlog serve --drafts`; honoured only while serving


@dataclass
class Settings:
    """Where the inputs are and how to present them."""

    root: Path
    site_name: str
    site_url: str
    timezone: str = "UTC"
    roadmaps_dir: str = "roadmaps"
    journal_dir: str = "journal"
    repos: list[RepoSource] = field(default_factory=list)
    feed_limit: int = 20
    cards: bool = True  # draw the link-preview card images
    author: str | None = None
    per_page: int = 10
    config_name: str = "mkdocs.yml"
    docs_dir: str | None = None  # MkDocs' docs_dir, relative to root: the learner's own pages
    # (dotted key, line in the config file or 1, value) of every mkdocs.yml text the site shows.
    config_texts: tuple[tuple[str, int, str], ...] = ()
    custom_dir: str | None = None  # theme.custom_dir relative to root: its files reach the site
    # The config file and every file it INHERITs from, relative to root.
    config_files: tuple[str, ...] = ()

    @property
    def tz(self) -> ZoneInfo:
        """The configured IANA timezone."""
        return ZoneInfo(self.timezone)

    @property
    def template_dirs(self) -> list[Path]:
        """Page template folders, the project's first."""
        dirs = [self.root / "site_template" / "pages", DEFAULT_TEMPLATE_DIR / "pages"]
        return [d for d in dict.fromkeys(dirs) if d.is_dir()]


def today_in(tz: ZoneInfo) -> dt.date:
    """Today in `tz`, or the date of SOURCE_DATE_EPOCH there when it is set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), tz) if epoch else dt.datetime.now(tz)
    return moment.date()
