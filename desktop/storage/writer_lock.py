"""One writer per desk: the app or a writing command holds ``wpt-desk.lock`` next to the database.

The lock is the operating system's own (``flock`` on Linux and macOS, ``msvcrt.locking`` on Windows) on
an open file, so it goes away with the process that holds it, however it ends (a ``kill -9``, a power cut):
a stale lock file never blocks. Commands that only read (``check``, ``backup``, ``backups list``) do not
take it: SQLite's own locking keeps their reads consistent while the app writes.

The standard library does it in a few lines; ``filelock`` (400 KB of sources for the same two system
calls) does not pay for its size in a bundle 1 MB under its limit.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType

from desktop.messages import os_reason
from desktop.storage.errors import StorageError

LOCK_FILENAME = "wpt-desk.lock"
ALREADY_OPEN = "WPT Desk è già aperto su questo computer."


class DeskBusyError(StorageError):
    """Another process (the app, or a command) is writing this desk."""


class WriterLock:
    """The desk's single-writer lock, held until :meth:`release` (or the process ends)."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / LOCK_FILENAME
        self._fd: int | None = None

    def acquire(self) -> WriterLock:
        """Take the lock without waiting.

        Raises:
            DeskBusyError: another process holds it ("WPT Desk è già aperto su questo computer.").
        """
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        try:
            fd = os.open(self.path, flags, 0o600)
        except OSError as exc:
            raise StorageError(f"Impossibile aprire il file di blocco {self.path}: {os_reason(exc)}.") from exc
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            raise DeskBusyError(ALREADY_OPEN) from None
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                _unlock(fd)
            finally:
                os.close(fd)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> WriterLock:
        return self.acquire()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.release()


def hold_writer_lock(folder: Path) -> WriterLock | None:
    """The lock of the desk in ``folder``, taken; None when there is no folder yet (nothing to protect).

    Raises:
        DeskBusyError: the app or another writing command has the desk open.
    """
    if not Path(folder).is_dir():
        return None
    return WriterLock(folder).acquire()


if sys.platform == "win32":  # pragma: no cover - exercised on the Windows build
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
