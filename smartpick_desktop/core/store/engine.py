"""The store: the one SQLite file of a data folder, with WAL, foreign keys and sessions.

Opening a data folder (seeding, checking, backing up, migrating, the demo pack) is
``core/datafolder.py``; this module knows none of it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from smartpick_desktop.core.errors import StoreError
from smartpick_desktop.core.store.urls import sqlite_url

DB_FILENAME = "smartpick.db"


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


def write_failure(path: Path, err: BaseException) -> StoreError | None:
    """Return a one-line StoreError for a failed write, or None when ``err`` is another error."""
    orig = getattr(err, "orig", err)
    code = getattr(orig, "sqlite_errorcode", None)
    if code is None or (code & 0xFF) not in _WRITE_FAILURES:
        return None
    return StoreError(f"The data file {path} could not be written: {_WRITE_FAILURES[code & 0xFF]} "
                      f"({orig}); the change was not saved and the store is as it was.")


class Store:
    """One data folder: the SQLite file ``smartpick.db`` and its ``backups/`` folder.

    Attributes:
        data_dir: the folder holding the data file.
        path: the SQLite file.
        engine: the SQLAlchemy engine (one per process).
    """

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / DB_FILENAME
        self.engine: Engine = create_engine(sqlite_url(self.path), future=True)
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
                yield session
        except (OperationalError, DatabaseError) as err:
            failure = write_failure(self.path, err)
            if failure is None:
                raise
            raise failure from err

    def close(self) -> None:
        self.engine.dispose()
