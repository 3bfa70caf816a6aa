"""Owner-only folders and files for personal data (GDPR art. 9): 0700 folders, 0600 files on POSIX.

Every file holding personal data is created through here: the desk database (its WAL and shared
memory files inherit the database file's mode from SQLite), backups, exports, referral slips and the
server's ``wpt-server.db``. On Windows the per-user data folder (``%LOCALAPPDATA%``) already grants
access to its user only (inherited ACLs), so nothing is changed there.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
_POSIX = os.name == "posix"


def private_dir(path: Path, *, tighten_existing: bool = True) -> Path:
    """Create ``path`` (and missing parents) owner-only; with ``tighten_existing``, also take group and
    others' access away from an existing folder (the data folder is ours; a folder the user picked for
    an export is left as it is)."""
    path = Path(path)
    existed = path.is_dir()
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    if tighten_existing or not existed:
        _tighten(path, PRIVATE_DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    """Make sure ``path`` exists owner-only (created empty if missing, never truncated), before a
    program (SQLite, an export, Qt's PDF writer) opens it for writing.

    An existing file is never opened here: on POSIX, closing any descriptor of a file drops every lock
    the process holds on it, so opening and closing a database another connection of this process is
    using (a second store, the desk's reader) would silently release SQLite's locks."""
    path = Path(path)
    if _POSIX:
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
        except FileExistsError:
            if path.is_dir():  # as opening it for writing would say
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path)) from None
        _tighten(path, PRIVATE_FILE_MODE)
    return path


def tighten(path: Path) -> None:
    """Take group and others' access away from an existing file (e.g. a WAL file left 0644 by an
    older version); a missing file is fine."""
    if Path(path).exists():
        _tighten(Path(path), PRIVATE_DIR_MODE if Path(path).is_dir() else PRIVATE_FILE_MODE)


def _tighten(path: Path, mode: int) -> None:
    if not _POSIX:
        return
    try:
        current = stat.S_IMODE(path.stat().st_mode)
        if current & ~mode:
            os.chmod(path, current & mode)
    except OSError:
        pass  # not ours to change (a folder owned by someone else): the open itself decides
