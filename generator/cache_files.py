"""What was read from a file, kept while the file is unchanged: `roadlog serve` reuses it between rebuilds."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import Collector


class FileCache:
    """Results of reading files, keyed by what reads them and the file's (mtime, size, inode).

    A result is computed again when its file changes; errors are raised, never kept.
    """

    def __init__(self) -> None:
        self._results: dict[tuple, tuple[Any, Any]] = {}

    def get(self, kind: str, file: Path, read: Callable[[], Any]) -> Any:
        """`read()`'s result for `file`, from the cache while the file has not changed since."""
        try:
            status = os.stat(file)
        except OSError:
            return read()
        return self.reuse(
            (kind, str(file)), (status.st_mtime_ns, status.st_size, status.st_ino), read
        )

    def reuse(self, key: tuple, stamp: Any, compute: Callable[[], Any]) -> Any:
        """`compute()`'s result under `key`, from the cache while `stamp` is the same as then."""
        cached = self._results.get(key)
        if cached is None or cached[0] != stamp:
            cached = self._results[key] = (stamp, compute())
        return cached[1]


class _NoCache(FileCache):
    """Computes every time: a build reads each file once anyway."""

    def reuse(self, key: tuple, stamp: Any, compute: Callable[[], Any]) -> Any:
        return compute()


NO_CACHE = _NoCache()


def load_cached(
    cache: FileCache,
    load: Callable[[Path, str, Collector], Any],
    file: Path,
    path: str,
    problems: Collector,
) -> Any:
    """`load(file, path, problems)` through `cache`: the problems it recorded are recorded again."""

    def read() -> tuple[Any, list]:
        found = Collector()
        return load(file, path, found), found.problems

    value, found = cache.get(load.__qualname__, file, read)
    problems.problems += found
    return value
