"""Replacing a directory atomically, and working directories that outlive no build.

**The swap.** A site directory is replaced with ``renameat2(RENAME_EXCHANGE)`` (Linux 3.15+, on
ext4, XFS, Btrfs, tmpfs, overlayfs): the new tree and the served path trade places in one step,
so at every instant the served path is either the complete old site or the complete new one,
whatever kills the process. The site directory stays a real directory (not a symlink), so
``actions/upload-pages-artifact``, GitLab's ``public/`` artifact and any web server read it as
before. Where the exchange is not available (another kernel, NFS, macOS) :func:`swap_in` falls
back to two renames (old aside, new in place) with the old tree's name recorded in it, and
:func:`recover` puts a complete old site back if a build died between the two.

**Working directories.** Each build works in directories of its own (a staging tree beside the
site, a generated tree under ``build/``), created by :func:`claimed_directory`, which holds an
exclusive ``flock`` on the directory for as long as the build runs. A lock dies with its process,
so :func:`clean_stale` can remove exactly the leftovers of builds that were killed or failed,
never those of a build still running beside it.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 1 << 1
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV}
# A claimed directory's open descriptor, by path, for the life of the process (closing it would
# release the lock).
_claims: dict[str, int] = {}


def _renameat2() -> ctypes._CFuncPtr | None:  # type: ignore[name-defined]
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                         ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_RENAMEAT2 = _renameat2()


def exchange(a: Path, b: Path) -> None:
    """Swap the names of ``a`` and ``b`` in one atomic step (both must exist).

    Raises ``NotImplementedError`` where the system cannot, ``OSError`` on any other failure.
    """
    if _RENAMEAT2 is None:
        raise NotImplementedError("renameat2 is not available")
    if _RENAMEAT2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        if code in _UNSUPPORTED:
            raise NotImplementedError(os.strerror(code))
        raise OSError(code, os.strerror(code), str(a), None, str(b))


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


FALLBACK_NOTE = ".congkhai-replaced-by"


def swap_in(new: Path, target: Path) -> Path | None:
    """Put the complete tree ``new`` at ``target``; return where the old tree now is (None when
    there was none), for the caller to remove.

    With the exchange, ``new``'s path holds the old tree afterwards. Without it, the old tree is
    renamed to ``.<name>.old-…`` first; a note inside it names the tree that replaces it, so
    :func:`recover` can tell a half-done swap from an old leftover.
    """
    if not os.path.lexists(target):
        try:
            os.rename(new, target)  # atomic: nothing was there
            _fsync_dir(target.parent)
            return None
        except OSError as exc:
            if exc.errno not in (errno.EEXIST, errno.ENOTEMPTY):
                raise
            # another build published meanwhile: exchange with its site
    try:
        exchange(new, target)
        _fsync_dir(target.parent)
        return new
    except NotImplementedError:
        pass
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    old.rmdir()
    (target / FALLBACK_NOTE).write_text(new.name, encoding="utf-8")
    target.rename(old)
    try:
        new.rename(target)
    except BaseException:
        old.rename(target)
        (target / FALLBACK_NOTE).unlink()
        raise
    _fsync_dir(target.parent)
    return old


def recover(target: Path) -> bool:
    """After a fallback swap died between its two renames, put the old site back; True if it
    did. (With the exchange there is never anything to recover.)"""
    if os.path.lexists(target):
        return False
    for candidate in sorted(target.parent.glob(f".{target.name}.old-*")):
        if (candidate / FALLBACK_NOTE).is_file() and not is_claimed(candidate):
            candidate.rename(target)
            (target / FALLBACK_NOTE).unlink()
            return True
    return False


CLAIMING = ".claiming-"
# A directory is made under a name cleaners leave alone for this long, locked, then renamed to
# its real name: a cleaner never sees it unlocked.
_CLAIMING_GRACE = 300


def claimed_directory(parent: Path, prefix: str) -> Path:
    """A new, empty directory ``parent/<prefix>…`` locked by this process until
    :func:`release` (or the process's end)."""
    parent.mkdir(parents=True, exist_ok=True)
    try:
        made = Path(tempfile.mkdtemp(prefix=CLAIMING, dir=parent))
    except OSError as exc:  # name the directory the user knows, not the temporary name
        raise OSError(exc.errno, exc.strerror, str(parent)) from exc
    fd = os.open(made, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        path = parent / (prefix + made.name[len(CLAIMING):])
        made.rename(path)
    except BaseException:
        os.close(fd)
        shutil.rmtree(made, ignore_errors=True)
        raise
    _claims[str(path)] = fd
    return path


def release(path: Path) -> None:
    """Drop this process's lock on ``path`` (before removing it)."""
    fd = _claims.pop(str(path), None)
    if fd is not None:
        os.close(fd)


def is_claimed(path: Path) -> bool:
    """True when a running process holds ``path``'s lock."""
    if str(path) in _claims:
        return True
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(fd)  # closing also releases the lock just taken
    return False


def remove(path: Path) -> None:
    """Remove a working directory of this process (its lock first), ignoring what is gone."""
    release(path)
    shutil.rmtree(path, ignore_errors=True)


def stale(parent: Path, prefixes: tuple[str, ...]) -> Iterator[Path]:
    """Entries of ``parent`` named with one of ``prefixes`` that no running build holds."""
    try:
        entries = sorted(parent.iterdir())
    except OSError:
        return
    now = time.time()
    for entry in entries:
        if entry.name.startswith(CLAIMING):
            try:
                young = now - entry.lstat().st_mtime < _CLAIMING_GRACE
            except OSError:
                continue
            if young:
                continue
        elif not entry.name.startswith(prefixes):
            continue
        if not entry.is_symlink() and entry.is_dir() and not is_claimed(entry):
            yield entry


def clean_stale(parent: Path, prefixes: tuple[str, ...]) -> int:
    """Remove the leftovers of dead builds; return how many."""
    removed = 0
    for entry in stale(parent, prefixes):
        shutil.rmtree(entry, ignore_errors=True)
        removed += 1
    return removed
