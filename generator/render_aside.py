"""Render the generated pages in a second process while MkDocs converts the first ones."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

from mkdocs.structure.files import File

from .model import Site
from .render_pages import make_env, plan_pages, render_page
from .settings import Settings

# Small batches first, so that MkDocs waits for the worker only at the very start.
FIRST_BATCH, LARGEST_BATCH = 4, 64
PR_SET_PDEATHSIG = 1
_job: tuple | None = None  # (site, settings, plan, env): what the forked worker renders


def can_render_aside() -> bool:
    """True where a forked worker is safe and a second core can run it."""
    return sys.platform == "linux" and (os.cpu_count() or 1) > 1


def _die_with_parent(parent: int) -> None:
    """In the worker: die with the build, even when it is killed, instead of lingering as an orphan."""
    # Linux signals the worker when the thread that forked it ends: the build's, which calls map.
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the build died before prctl took effect
        os._exit(1)


def _render_batch(bounds: tuple[int, int]) -> list[tuple[str, str]]:
    site, settings, plan, env = _job
    return [
        (uri, render_page(env, site, settings, template, uri, context))
        for template, uri, context in plan[bounds[0] : bounds[1]]
    ]


def _batches(count: int) -> Iterator[tuple[int, int]]:
    start, size = 0, FIRST_BATCH
    while start < count:
        yield start, min(count, start + size)
        start, size = start + size, min(size * 2, LARGEST_BATCH)


class PagesAside:
    """Pages a forked worker renders in build order; `text(uri)` waits for the page it needs."""

    def __init__(self, site: Site, settings: Settings):
        global _job
        plan = plan_pages(site, settings)
        self.uris = [uri for _, uri, _ in plan]
        self.texts: dict[str, str] = {}
        _job = (site, settings, plan, make_env(settings))
        # fork: the worker starts with the loaded site in memory; nothing is pickled but the pages.
        self.executor = ProcessPoolExecutor(
            1,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_die_with_parent,
            initargs=(os.getpid(),),
        )
        try:
            self.results = self.executor.map(_render_batch, _batches(len(plan)))
        finally:
            _job = None

    def text(self, uri: str) -> str:
        """The page's markdown, once the worker has rendered it."""
        while uri not in self.texts:
            self.texts.update(next(self.results))
        return self.texts[uri]

    def files(self, config) -> list[File]:
        """One MkDocs file per page, read from the worker only when MkDocs reads its source."""
        return [_FileAside.of(config, uri, self) for uri in self.uris]

    def close(self) -> None:
        """Stop the worker (at once when a build fails before reading every page)."""
        self.executor.shutdown(wait=True, cancel_futures=True)


class _FileAside(File):
    aside: PagesAside
    _text: str | None = None

    @classmethod
    def of(cls, config, uri: str, aside: PagesAside) -> _FileAside:
        file = cls.generated(config, uri, content="")
        file.aside, file._text = aside, None
        return file

    # MkDocs reads a generated file's text through `_content` (content_string, content_bytes).
    @property
    def _content(self) -> str:
        if self._text is None:
            self._text = self.aside.text(self.src_uri)
        return self._text

    @_content.setter
    def _content(self, value: str) -> None:
        self._text = value
