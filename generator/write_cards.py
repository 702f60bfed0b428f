"""Which card images a site has, and writing them: from the cache, or rendered, in workers if many."""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import hashlib
import multiprocessing
import os
import re
import shutil
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from .build_calendar import streak_on, streak_runs
from .model import RoadmapView, Site, Unit
from .render_cards import DEFAULT_COLOURS, Card, Colours, card_svg, render_card_png, renderer_id
from .settings import Settings
from .words import long_date

CARDS_DIR = "cards"
# Relative to the project root; CI restores it between builds (see README, "Card images").
CACHE_DIR = ".cache/roadlog/cards"
CACHED_NAME = re.compile(r"[0-9a-f]{64}\.png")
# A single missing card renders in the build itself (~80 ms): a worker would take longer to start.
POOL_MIN = 2
BATCH = 8  # cards per task sent to a worker


class PlannedCard(NamedTuple):
    """One card to write: its site-relative path, the page (src_uri) it shows, and its inputs."""

    path: str
    page: str
    card: Card


def plan_cards(
    site: Site, settings: Settings, colours: Colours = DEFAULT_COLOURS
) -> list[PlannedCard]:
    """Every card of the site: the home page's, each roadmap's and each published entry's."""
    overall = [view for view in site.roadmaps if view.progress.total]
    done = sum(view.progress.done for view in overall)
    total = sum(view.progress.total for view in overall)
    host = urlsplit(settings.site_url)
    entries = [entry for entry in site.entries if not entry.draft]  # a preview's drafts: no card
    home = Card(
        kicker=(host.netloc + host.path).rstrip("/"),
        title=settings.site_name,
        subtitle=f"{_count(len(entries), 'journal entry', 'journal entries')} · "
        f"{_count(len({e.date for e in entries if e.status != 'skipped'}), 'day', 'days')} logged",
        percent=round(100 * done / total) if total else None,
        progress=_overall_words(overall, done, total),
        streak=site.current_streak,
        fallback=(host.netloc + host.path).rstrip("/"),
        colours=colours,
    )
    cards = [PlannedCard(f"{CARDS_DIR}/index.png", "index.md", home)]
    for view in site.roadmaps:
        roadmap_id = view.roadmap.id
        cards.append(
            PlannedCard(
                f"{CARDS_DIR}/roadmaps/{roadmap_id}.png",
                f"roadmaps/{roadmap_id}.md",
                _roadmap_card(view, site, settings, colours),
            )
        )
    # The streak as it was on each entry's day: a card stays as it was shared.
    runs = streak_runs(e.date for e in entries if e.status != "skipped")
    percent_on = {view.roadmap.id: _percent_by_date(view) for view in site.roadmaps}
    views = {view.roadmap.id: view for view in site.roadmaps}
    for entry in entries:
        units = site.entry_units.get(entry.stem, [])
        roadmap_id = units[0].roadmap if units else entry.roadmap
        view = views.get(roadmap_id)
        percent = percent_on[roadmap_id](entry.date) if view else None
        card = Card(
            kicker=f"{settings.site_name} · {long_date(entry.date)}",
            title=entry.title or entry.stem,
            subtitle=_day_words(units, views) or (view.roadmap.title if view else ""),
            percent=percent,
            progress=f"{percent}% of {view.roadmap.title} done" if view else "",
            streak=streak_on(runs, entry.date),
            fallback=long_date(entry.date),
            colours=colours,
        )
        cards.append(
            PlannedCard(f"{CARDS_DIR}/journal/{entry.stem}.png", f"journal/{entry.stem}.md", card)
        )
    return cards


def card_pages(cards: list[PlannedCard]) -> dict[str, dict[str, str]]:
    """{page src_uri: {"image": site-relative path, "alt": words}}: what the <head> template reads."""
    return {planned.page: {"image": planned.path, "alt": planned.card.alt} for planned in cards}


def _roadmap_card(view: RoadmapView, site: Site, settings: Settings, colours: Colours) -> Card:
    progress = view.progress
    kind = view.units[0].kind if view.units else "item"
    if view.today_units:
        subtitle = f"{view.today_units[0].label} of {progress.total}"
    else:
        subtitle = _count(progress.total, kind, kind + "s")
    return Card(
        kicker=settings.site_name,
        title=view.roadmap.title,
        subtitle=subtitle,
        percent=progress.percent if progress.total else None,
        progress=f"{progress.done} of {_count(progress.total, kind, kind + 's')} done · "
        f"{progress.percent}%",
        streak=site.current_streak,
        fallback=view.roadmap.id,
        colours=colours,
    )


def _overall_words(views: list[RoadmapView], done: int, total: int) -> str:
    if not total:
        return ""
    percent = round(100 * done / total)
    if len(views) == 1:
        return f"{percent}% of {views[0].roadmap.title} done"
    return f"{percent}% of {len(views)} roadmaps done"


def _day_words(units: list[Unit], views: dict[str, RoadmapView]) -> str:
    """`Day 42 · Backend 365`, `Days 8-9 · Backend 365`: the entry's planned days per roadmap."""
    parts = []
    for roadmap_id in dict.fromkeys(unit.roadmap for unit in units):
        mine = [unit for unit in units if unit.roadmap == roadmap_id]
        first, last = mine[0], mine[-1]
        label = first.label
        if last.number != first.number:
            label = f"{first.kind.capitalize()}s {first.number}-{last.number}"
        title = views[roadmap_id].roadmap.title if roadmap_id in views else roadmap_id
        parts.append(f"{label} · {title}")
    return " · ".join(parts)


def _count(number: int, one: str, many: str) -> str:
    return f"{number:,} {one if number == 1 else many}"


def _percent_by_date(view: RoadmapView):
    """date -> the roadmap's percent done on that date (its units done by then)."""
    total = view.progress.total
    if not view.units:  # a checklist: ticks have no dates, so its progress now
        return lambda date: view.progress.percent
    finished = []
    for unit in view.units:
        if unit.state != "done":
            continue
        days = [e.date for e in unit.entries if e.status == "done" and not e.draft]
        # Ticked off without a done entry: done by the end of its planned days.
        finished.append(min(days) if days else (unit.dates[-1] if unit.dates else dt.date.min))
    finished.sort()
    return lambda date: round(100 * bisect.bisect_right(finished, date) / total) if total else 0


class CardCache:
    """Rendered cards in a folder, each named by the hash of its inputs and of the renderer."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def unwritable(self) -> str | None:
        """Why no card can be kept in the folder (a read-only checkout, say), or None if one can."""
        probe = self.folder / f".probe.{os.getpid()}"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            return exc.strerror or str(exc)
        return None

    def key(self, card: Card) -> str:
        """The name a card's PNG has in the cache: it changes with any input, font or renderer."""
        # A frozen dataclass of text and numbers: its repr spells out every input, in field order.
        return hashlib.sha256(f"{renderer_id()}\n{card!r}".encode()).hexdigest()

    def path(self, key: str) -> Path:
        """Where the card of `key` is (or goes)."""
        return self.folder / f"{key}.png"

    def keys(self) -> set[str]:
        """The keys of every card in the cache, read in one listing of the folder."""
        try:
            names = os.listdir(self.folder)
        except FileNotFoundError:
            return set()
        return {name[:-4] for name in names if CACHED_NAME.fullmatch(name)}

    def put(self, key: str, data: bytes) -> None:
        """Keep a rendered card; written aside and renamed, so a reader never sees half a file."""
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = self.folder / f".{key}.{os.getpid()}.part"
        partial.write_bytes(data)
        os.replace(partial, self.path(key))

    def prune(self, keep: set[str]) -> int:
        """Delete the cached cards not in `keep` (only files named as the cache names them)."""
        unused = self.keys() - keep
        for key in unused:
            with contextlib.suppress(FileNotFoundError):
                self.path(key).unlink()
        return len(unused)


@dataclass
class CardsWritten:
    """What `write` did: cards rendered now, and cards copied from the cache."""

    rendered: int
    reused: int


def _render_into(folder: str, jobs: list[tuple[str, Card]]) -> None:
    """In a worker: render cards into the cache folder."""
    cache = CardCache(Path(folder))
    for key, card in jobs:
        cache.put(key, render_card_png(card_svg(card)))


class CardJob:
    """The site's cards: those the cache lacks start rendering at once in worker processes (given
    `workers` > 1 and two cards or more), and `write` puts every card into the site at the end."""

    def __init__(self, cards: list[PlannedCard], cache: CardCache, workers: int = 1):
        self.cards, self.cache = cards, cache
        self.keys = [cache.key(planned.card) for planned in cards]
        cached = cache.keys()
        missing = {
            key: planned.card
            for key, planned in zip(self.keys, cards, strict=True)
            if key not in cached
        }
        self.missing = list(missing.items())
        self.rendered = len(self.missing)
        self.futures: list[Future] = []
        self.executor = None
        if workers > 1 and len(self.missing) >= POOL_MIN:
            batches = [self.missing[i : i + BATCH] for i in range(0, len(self.missing), BATCH)]
            # fork (as render_aside does): a worker starts at once, its modules loaded; spawn would
            # import the whole build again first (1-3 s). Elsewhere fork is unsafe or missing.
            context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
            self.executor = ProcessPoolExecutor(min(workers, len(batches)), mp_context=context)
            self.futures = [
                self.executor.submit(_render_into, str(cache.folder), batch) for batch in batches
            ]
            self.missing = []

    def write(self, site_dir: Path, prune: bool = False) -> CardsWritten:
        """Render what is still missing, then copy every card to its path under `site_dir`."""
        for future in self.futures:
            future.result()
        self.close()
        for key, card in self.missing:
            self.cache.put(key, render_card_png(card_svg(card)))
        folders = set()
        for planned, key in zip(self.cards, self.keys, strict=True):
            target = os.path.join(site_dir, planned.path)
            folder = os.path.dirname(target)
            if folder not in folders:
                os.makedirs(folder, exist_ok=True)
                folders.add(folder)
            source = os.path.join(self.cache.folder, f"{key}.png")
            try:
                _place(source, target)
            except FileNotFoundError:  # pruned meanwhile by another build sharing the cache
                self.cache.put(key, render_card_png(card_svg(planned.card)))
                _place(source, target)
        if prune:
            self.cache.prune(set(self.keys))
        return CardsWritten(self.rendered, len(set(self.keys)) - self.rendered)

    def close(self) -> None:
        """Stop the workers (at once when the build failed)."""
        if self.executor:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None


def _place(source: str, target: str) -> None:
    """Put the cached card at `target`: a hard link where the file system allows, else a copy."""
    # Unlinked first: writing through an old link would change the cached card it points to.
    with contextlib.suppress(FileNotFoundError):
        os.unlink(target)
    try:
        os.link(source, target)
    except FileNotFoundError:
        raise
    except OSError:  # another file system, or one without hard links
        shutil.copyfile(source, target)


def write_cards(
    site_dir: Path, cards: list[PlannedCard], cache: CardCache, workers: int = 1
) -> CardsWritten:
    """Write every card under `site_dir`, rendering only those the cache does not hold."""
    return CardJob(cards, cache, workers).write(site_dir)
