"""Put a new build in place of the old site, and only where Roadlog may: never a learner's folder."""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import secrets
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

# Every site Roadlog builds carries this file; a folder without it is never removed or replaced.
MARKER = ".roadlog-site"
SIGNATURE = b"Built by Roadlog"
MARKER_TEXT = SIGNATURE + (
    b": `roadlog build` replaces this whole folder with its next build. Keep no file of yours here.\n"
)
# Beside the target: the site being built, then (while it is swapped in) the previous one.
NEW_PREFIX, OLD_PREFIX = ".site-new-", ".site-old-"
HINT = "Choose an empty or new folder for -d"
# A default site/ built before the marker existed holds only what a build writes, and these.
BUILT_TOP = ("index.html", "sitemap.xml", "feed.xml")
BUILT_SUFFIXES = frozenset(
    {
        ".html",
        ".xml",
        ".gz",
        ".json",
        ".js",
        ".css",
        ".map",
        ".svg",
        ".png",
        ".ico",
        ".woff",
        ".woff2",
        # The search index (Pagefind): its fragments, index, metadata and wasm.
        ".pf_fragment",
        ".pf_index",
        ".pf_meta",
        ".pagefind",
    }
)
AT_FDCWD, RENAME_EXCHANGE = -100, 2


class TargetError(Exception):
    """The folder cannot take the build: the message says why, the hint what to do."""

    def __init__(self, reason: str, hint: str = HINT):
        super().__init__(reason)
        self.hint = hint


def check_target(target: Path, root: Path, protected: list[tuple[str, Path]]) -> None:
    """Raise TargetError unless `target` (resolved) is missing, empty or a site Roadlog built.

    `root` is the folder of mkdocs.yml (a site may live inside it); `protected` names the learner's
    folders a site may not be, hold or lie inside.
    """
    for name, folder, inside_ok in [("the folder of mkdocs.yml", root, True)] + [
        (name, folder, False) for name, folder in protected
    ]:
        if target == folder:
            raise TargetError(f"it is {name}")
        if folder.is_relative_to(target):
            raise TargetError(f"it holds {name} ({folder})")
        if not inside_ok and target.is_relative_to(folder):
            raise TargetError(f"it is inside {name} ({folder})")
    if target.name == ".git":
        raise TargetError("it is a .git folder")
    if ".git" in target.parts:
        raise TargetError("it is inside a .git folder")
    if not os.path.lexists(target):
        if not target.parent.exists():
            raise TargetError(
                f"its parent folder {target.parent} does not exist",
                "Create it first, or choose another folder for -d",
            )
        if not target.parent.is_dir():
            raise TargetError(f"its parent {target.parent} is not a folder")
        return
    if not target.is_dir():
        raise TargetError(
            "it is a file, not a folder" if target.is_file() else "it is not a folder"
        )
    if not os.listdir(target):
        return
    if not _is_marked(target):
        if target != root / "site":
            raise TargetError(f"it is not a site built by Roadlog (it has no {MARKER} marker)")
        _check_unmarked_site(target)
    _refuse_git(target)


def _is_marked(folder: Path) -> bool:
    try:
        fd = os.open(folder / MARKER, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        return os.read(fd, len(SIGNATURE)) == SIGNATURE
    finally:
        os.close(fd)


def _check_unmarked_site(site: Path) -> None:
    """The default site/ without a marker passes only if it holds nothing a build would not write."""
    unproven = f"it is not a site built by Roadlog (it has no {MARKER} marker"
    if not all((site / name).is_file() for name in BUILT_TOP):
        raise TargetError(unproven + ")")
    for folder, dirs, files in os.walk(site):
        dirs.sort()
        for name in sorted(dirs + files):
            path = Path(folder, name)
            built = name in files and path.suffix in BUILT_SUFFIXES and path.is_file()
            if name.startswith(".") or path.is_symlink() or (name in files and not built):
                relative = path.relative_to(site).as_posix()
                raise TargetError(f"{unproven}, and a build never writes {relative})")


def _refuse_git(folder: Path) -> None:
    for parent, dirs, files in os.walk(folder):
        if ".git" in dirs + files:
            relative = Path(parent, ".git").relative_to(folder).as_posix()
            raise TargetError(f"it holds a .git folder ({relative})")


def mark_site(folder: Path) -> None:
    """Write the marker that proves `folder` is a site Roadlog built (kept when already right)."""
    marker = folder / MARKER
    if not (marker.is_file() and not marker.is_symlink() and marker.read_bytes() == MARKER_TEXT):
        marker.unlink(missing_ok=True)  # a link there would make write_bytes write elsewhere
        marker.write_bytes(MARKER_TEXT)


@contextmanager
def stage_site(target: Path) -> Iterator[Path]:
    """A new marked folder beside `target` for the build, locked while it runs; removed after."""
    _remove_leftovers(target)
    staging, lock = _create_staging(target.parent)
    try:
        yield staging
    finally:
        if os.path.lexists(staging):  # a failed build, or the old site a swap left there
            _remove_quietly(staging)
        os.close(lock)


def _create_staging(parent: Path) -> tuple[Path, int]:
    while True:
        # os.mkdir, not mkdtemp (always 0700); swap_in gives the finished site its modes.
        staging = parent / f"{NEW_PREFIX}{secrets.token_hex(4)}"
        try:
            staging.mkdir()
            break
        except FileExistsError:
            continue
        except OSError as exc:
            raise TargetError(f"cannot create a folder in {parent} ({exc.strerror})") from None
    # Locked before it says "Roadlog": another run sees a marked folder only once it is locked.
    lock = os.open(staging / MARKER, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    fcntl.flock(lock, fcntl.LOCK_EX)
    os.write(lock, MARKER_TEXT)
    return staging, lock


def _remove_leftovers(target: Path) -> None:
    """Remove the folders an interrupted build left beside `target`: marked and unlocked ones only."""
    try:
        names = sorted(os.listdir(target.parent))
    except OSError:
        return
    for name in names:
        folder = target.parent / name
        if not name.startswith((NEW_PREFIX, OLD_PREFIX)) or folder == target:
            continue
        if folder.is_symlink() or not folder.is_dir():
            continue
        try:
            lock = os.open(folder / MARKER, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            continue  # not provably Roadlog's
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if os.read(lock, len(SIGNATURE)) == SIGNATURE:
                _refuse_git(folder)
                _remove_site(folder)
        except (OSError, TargetError):
            pass  # in use by a running build, or not ours after all: leave it
        finally:
            os.close(lock)


def _remove_site(folder: Path) -> None:
    """Remove a marked site, the marker last: a removal cut short still leaves it provably ours."""
    for name in os.listdir(folder):
        path = folder / name
        if name == MARKER:
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    (folder / MARKER).unlink()
    folder.rmdir()


def _remove_quietly(folder: Path) -> None:
    with suppress(OSError):  # what is left keeps its marker: the next build removes it
        _remove_site(folder)


def open_to_readers(folder: Path) -> None:
    """Make every folder of a built site 755 and every file 644, whatever the umask."""
    # A site is public by construction (drafts and private paths never reach it) and is served by a
    # web server running as another user, often after a copy that keeps modes (rsync -a, tar, the
    # Pages artifact): with a umask of 077 or 027 it would be unreadable there, and the same commit
    # would give different modes from one machine to the next.
    os.chmod(folder, 0o755)
    for parent, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = os.path.join(parent, name)
            if not os.path.islink(path):  # a link's target is not the site's to change
                os.chmod(path, 0o755 if name in dirs else 0o644)


def swap_in(staging: Path, target: Path) -> None:
    """Put the site built in `staging` at `target`: readers see the old site or the new one, whole."""
    try:
        open_to_readers(staging)
        if not os.path.lexists(target) or not os.listdir(target):
            os.rename(staging, target)  # rename(2) replaces an empty folder in one step
            return
        mark_site(target)  # an old site/ from before the marker: its leftover must be provably ours
        old = staging
        if not _exchange(staging, target):
            old = staging.with_name(OLD_PREFIX + staging.name.removeprefix(NEW_PREFIX))
            os.rename(target, old)
            try:
                os.rename(staging, target)
            except OSError:
                os.rename(old, target)
                raise
    except OSError as exc:
        raise TargetError(f"cannot replace it ({exc.strerror})") from None
    _remove_quietly(old)


def _exchange(new: Path, target: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where the system cannot."""
    if sys.platform != "linux":
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(AT_FDCWD, os.fsencode(new), AT_FDCWD, os.fsencode(target), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):  # an old kernel or file system
        return False
    raise OSError(code, os.strerror(code), str(target))
