"""Who has a database open: a lock file beside it that every yiting process holding the database
open keeps a shared lock on, so `yiting demo` can tell a running console (or `serve`, or any
command) from a file nobody uses before it replaces the file.

The lock file is `<database>-lock`. On POSIX each holder takes a shared `flock` on it; on Windows
(whose `msvcrt` locks are exclusive only) each holder locks one byte at a random offset of a
large range. `exclusive()` locks the whole file (POSIX) or the whole range (Windows) without
waiting: it fails while any holder lives. Both kinds of lock go with the process that took them,
however it ends (kill -9, power loss), so a stale lock file never blocks anything.

Locking is best effort for holders: where the lock file cannot be made (a read-only folder, a
read-only medium) the database is opened all the same; nothing can rebuild it there either.
"""

from __future__ import annotations

import os
import random
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SUFFIX = "-lock"
_RANGE = 1 << 20  # Windows: the bytes holders pick their one byte from
_WAIT = 2.0  # seconds a holder waits while `yiting demo` holds the file for a moment


def lock_path(database: Path) -> Path:
    return Path(f"{database}{SUFFIX}")


class Holder:
    """A shared hold on a database; released by `release()` or when the process ends."""

    def __init__(self, fd: int, offset: int | None) -> None:
        self.fd: int | None = fd
        self.offset = offset

    def release(self) -> None:
        if self.fd is None:
            return
        try:
            _unlock(self.fd, self.offset)
        finally:
            os.close(self.fd)
            self.fd = None

    def __del__(self) -> None:  # the database object that owned it is gone
        try:
            self.release()
        except Exception:  # noqa: BLE001 - at interpreter exit the OS lets go of it anyway
            pass


def _open(database: Path) -> int | None:
    try:
        return os.open(lock_path(database), os.O_RDWR | os.O_CREAT, 0o666)
    except OSError:
        return None


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_shared(fd: int) -> int | None:
        offset = 1 + random.randrange(_RANGE - 1)
        os.lseek(fd, offset, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return None
        return offset

    def _try_exclusive(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, _RANGE)
        except OSError:
            return False
        return True

    def _unlock(fd: int, offset: int | None) -> None:
        os.lseek(fd, 0 if offset is None else offset, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, _RANGE if offset is None else 1)

else:
    import fcntl

    def _try_shared(fd: int) -> int | None:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return None
        return 0

    def _try_exclusive(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fd: int, offset: int | None) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def hold(database: Path) -> Holder | None:
    """Mark `database` as open by this process until the holder is released. Returns None when
    the lock file cannot be made (see the module's note); raises TimeoutError while `yiting
    demo` keeps the file to itself for longer than a moment."""
    fd = _open(database)
    if fd is None:
        return None
    deadline = time.monotonic() + _WAIT
    while True:
        offset = _try_shared(fd)
        if offset is not None:
            return Holder(fd, offset)
        if time.monotonic() > deadline:
            os.close(fd)
            raise TimeoutError(str(database))
        time.sleep(0.02)


@contextmanager
def exclusive(database: Path) -> Iterator[bool]:
    """Hold `database` alone for the block: yields True when no process has it open (and none
    can open it through yiting until the block ends), False when one has."""
    fd = _open(database)
    if fd is None:  # a folder where nothing can be written: nothing can be replaced there either
        yield False
        return
    try:
        got = _try_exclusive(fd)
        try:
            yield got
        finally:
            if got:
                _unlock(fd, None)
    finally:
        os.close(fd)


def in_use(database: Path) -> bool:
    """Whether a yiting process has `database` open now."""
    if not lock_path(database).exists():
        return False
    with exclusive(database) as alone:
        return not alone
