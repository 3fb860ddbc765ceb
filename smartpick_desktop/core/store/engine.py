"""The store: the one SQLite file of a data folder, with WAL, foreign keys and sessions.

Opening a data folder (seeding, checking, backing up, migrating, the demo pack, read-only
folders) is ``core/datafolder.py``; this module knows none of it.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from smartpick_desktop.core.errors import InputError, SmartPickError, StoreError
from smartpick_desktop.core.store.urls import sqlite_uri, sqlite_url

DB_FILENAME = "smartpick.db"
log = logging.getLogger(__name__)


def default_data_dir() -> Path:
    """Return the per-user data folder of the platform (created on first use)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("SmartPick", "SmartPick"))


def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


#: SQLite primary result codes of a failed write: full, read-only, I/O error, cannot open,
#: damaged, not a database.
_WRITE_FAILURES = {13: "the disk is full", 8: "the data folder or file is read-only",
                   10: "a disk input/output error", 14: "the file cannot be opened",
                   11: "the file is damaged", 26: "the file is not a SmartPick data file"}


class StoreBusyError(InputError):
    """Another SmartPick (a window or a command) holds the store's write lock for longer than
    the wait allows; nothing was changed, trying again later works (exit 3)."""


#: SQLITE_BUSY, SQLITE_LOCKED: another connection is writing.
_BUSY_CODES = {5, 6}


def busy_error(path: Path, err: BaseException) -> StoreBusyError | None:
    """Return the one-sentence error for a busy store, or None when ``err`` is another error."""
    orig = getattr(err, "orig", err)
    code = getattr(orig, "sqlite_errorcode", None)
    busy = ((code & 0xFF) in _BUSY_CODES if code is not None
            else "database is locked" in str(orig) or "database table is locked" in str(orig))
    if not busy:
        return None
    return StoreBusyError(f"The data store {path} is busy: another SmartPick window or command "
                          "is writing to it; nothing was changed, try again in a moment.")


def write_failure(path: Path, err: BaseException) -> SmartPickError | None:
    """Return a one-line error for a failed write (busy, full, read-only, damaged …), or None
    when ``err`` is another error."""
    busy = busy_error(path, err)
    if busy is not None:
        return busy
    orig = getattr(err, "orig", err)
    code = getattr(orig, "sqlite_errorcode", None)
    if code is None or (code & 0xFF) not in _WRITE_FAILURES:
        return None
    return StoreError(f"The data file {path} could not be written: {_WRITE_FAILURES[code & 0xFF]} "
                      f"({orig}); the change was not saved and the store is as it was.")


def _on_connect_read_only(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


class Store:
    """One data folder: the SQLite file ``smartpick.db`` and its ``backups/`` folder.

    Attributes:
        data_dir: the folder holding the data file.
        path: the SQLite file.
        engine: the SQLAlchemy engine (one per process).
        read_only: the folder cannot be written; the store was opened for reading only.
        notices: sentences for the user about how the store was opened (an empty data file
            started afresh, the daily backup skipped, a read-only folder).
    """

    def __init__(self, data_dir: Path, *, read_only: bool = False) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / DB_FILENAME
        self.read_only = read_only
        self.notices: list[str] = []
        if read_only:
            uri = sqlite_uri(self.path, **_read_only_params(self.path))
            self.engine: Engine = create_engine(
                "sqlite://", future=True,
                creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False))
            event.listen(self.engine, "connect", _on_connect_read_only)
        else:
            self.engine = create_engine(sqlite_url(self.path), future=True)
            event.listen(self.engine, "connect", _on_connect)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """Open a session for one user action: commit on success, roll back on error.

        Raises:
            StoreError: the write failed (disk full, read-only folder, damaged file); the
                transaction was rolled back, so the store is as it was.
        """
        try:
            with self._sessions() as session, session.begin():
                session.info["read_only"] = self.read_only  # start-up upkeep skips writing
                yield session
        except (OperationalError, DatabaseError) as err:
            if self.read_only and "readonly" in str(getattr(err, "orig", err)).replace("-", ""):
                raise StoreError(self.read_only_sentence() + " The change was not saved.") \
                    from err
            failure = write_failure(self.path, err)
            if failure is None:
                raise
            raise failure from err

    def read_only_sentence(self) -> str:
        return (f"The data folder {self.data_dir} is read-only, so SmartPick can show your data "
                "but not change it (make the folder writable, or copy it to a writable place "
                "and open that copy).")

    def close(self) -> None:
        self.engine.dispose()


def _read_only_params(path: Path) -> dict[str, str]:
    """URI options for reading a store whose folder is read-only. SQLite cannot make the
    ``-shm`` file there, so without a ``-wal`` holding changes the file is read as immutable
    (it is the whole data then); with one, the existing ``-shm`` must serve."""
    wal = path.with_name(path.name + "-wal")
    try:
        pending = wal.stat().st_size > 0
    except OSError:
        pending = False
    return {"mode": "ro"} if pending else {"mode": "ro", "immutable": "1"}
