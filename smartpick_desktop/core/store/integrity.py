"""Damaged-store detection: open errors, the file header and ``PRAGMA quick_check``.

A damaged data file is never deleted: it (and its ``-wal``/``-shm`` companions) is renamed to
``smartpick.db.damaged-YYYYMMDD-HHMMSS`` in the same folder, so the damaged bytes stay on disk for
a rescue attempt, and :class:`DamagedStoreError` says in one line what happened and which backup
can bring the data back.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from smartpick_desktop.core.errors import StoreError
from smartpick_desktop.core.store.urls import sqlite_uri

#: SQLite result codes that mean the file itself is damaged (not locked, not read-only).
_DAMAGE_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_COMPANIONS = ("-wal", "-shm", "-journal")
SQLITE_MAGIC = b"SQLite format 3\x00"


class DamagedStoreError(StoreError):
    """The data file is damaged and was moved aside (exit 4).

    Attributes:
        path: the data file's usual path (now free: the next start creates an empty store).
        moved_to: where the damaged file now is.
        backup: the newest good automatic backup, or None.
    """

    def __init__(self, path: Path, moved_to: Path, reason: str, backup: Path | None) -> None:
        self.path = path
        self.moved_to = moved_to
        self.reason = reason
        self.backup = backup
        hint = (f"the newest good backup is {backup}" if backup
                else "there is no automatic backup to restore")
        super().__init__(f"The data file {path} is damaged ({reason}): it was kept as "
                         f"{moved_to.name} in the same folder and nothing was deleted; {hint}.",
                         fix="restore_backup" if backup else None)


def is_damage(err: BaseException) -> bool:
    """Return True when a sqlite3 error (possibly wrapped by SQLAlchemy) means a damaged file."""
    orig = getattr(err, "orig", None) or err
    code = getattr(orig, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in _DAMAGE_CODES
    text = str(orig).lower()
    return "malformed" in text or "not a database" in text


def quick_check(conn: sqlite3.Connection) -> str | None:
    """Run ``PRAGMA quick_check`` on an open connection; return None when fine, else the reason.

    Raises:
        sqlite3.DatabaseError: the file cannot even be read (callers treat it with is_damage).
    """
    rows = [r[0] for r in conn.execute("PRAGMA quick_check(3)").fetchall()]
    if rows == ["ok"]:
        return None
    return "; ".join(str(r) for r in rows)[:200]


def check_file(path: Path) -> str | None:
    """Return None when ``path`` is a readable SQLite file that passes quick_check, else why not.

    Used on backup files: opened read-only and never modified.
    """
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as err:
        return err.strerror or str(err)
    if head != SQLITE_MAGIC:
        return "not a SQLite file"
    try:
        conn = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)
    except sqlite3.Error as err:
        return str(err)
    try:
        problem = quick_check(conn)
        if problem is None and not conn.execute(
                "SELECT 1 FROM sqlite_master WHERE name='alembic_version'").fetchone():
            problem = "not a SmartPick data file"
        return problem
    except sqlite3.Error as err:
        return str(err)
    finally:
        conn.close()


def move_aside(path: Path, now: dt.datetime | None = None) -> Path:
    """Rename the data file and its companions to ``<name>.damaged-<timestamp>``; return the new
    path of the data file. Nothing is deleted."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{counter}")
    try:
        os.replace(path, target)
        for suffix in _COMPANIONS:
            companion = path.with_name(path.name + suffix)
            if companion.exists():
                os.replace(companion, target.with_name(target.name + suffix))
    except OSError as err:
        raise StoreError(f"The data file {path} is damaged and could not be moved aside "
                         f"({err.strerror}); nothing was deleted.") from err
    return target


def _header_problem(path: Path) -> str | None:
    """Check the 100-byte SQLite header without SQLite; return why it is unusable, or None."""
    try:
        with open(path, "rb") as fh:
            header = fh.read(100)
    except OSError as err:
        raise StoreError(f"The data file {path} cannot be read: {err.strerror}.") from err
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return "file is not a database"
    page_size = int.from_bytes(header[16:18], "big")
    if page_size == 1:
        page_size = 65536
    if (page_size < 512 or page_size & (page_size - 1) or header[18] not in (1, 2)
            or header[19] not in (1, 2)):
        return "the file header is damaged"
    return None


def check_store_file(path: Path) -> str | None:
    """Check the store's data file at open; return why it is damaged, or None when it is fine.

    An absent or empty file is fine (a new store). Errors that are not damage (locked, read-only,
    a folder where the file should be) raise StoreError without touching anything.

    Raises:
        StoreError: the file cannot be opened for a reason other than damage.
    """
    if not path.exists():
        return None
    if path.is_dir():
        raise StoreError(f"The data file {path} is a folder, not a file; nothing was changed.")
    try:
        if path.stat().st_size == 0:
            return None
    except OSError as err:
        raise StoreError(f"The data file {path} cannot be read: {err.strerror}.") from err
    reason = _header_problem(path)
    if reason is not None:
        # Never let SQLite open a file with a ruined header: closing it would delete the -wal
        # file, which may hold the latest changes.
        return reason
    try:
        conn = sqlite3.connect(path, timeout=5)
    except sqlite3.Error as err:
        raise StoreError(f"The data file {path} cannot be opened: {err}.") from err
    try:
        reason = quick_check(conn)
    except sqlite3.DatabaseError as err:
        if not is_damage(err):
            raise StoreError(f"The data file {path} cannot be used: {err}.") from err
        reason = str(err)
    finally:
        conn.close()
    return reason
