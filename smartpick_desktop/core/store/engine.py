"""Open the one SQLite file of a data folder: WAL, foreign keys, migrations, sessions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from smartpick_desktop.core.errors import InputError, SmartPickError, StoreError
from smartpick_desktop.core.files import make_private, private_dir, sweep_data_folder
from smartpick_desktop.core.store import backup, integrity, migrate, template
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


def open_store(data_dir: Path | None = None, *, upgrade: bool = True) -> Store:
    """Open (creating if needed) the store of ``data_dir`` and bring its schema to the newest.

    Raises:
        StoreError: the folder cannot be written or the file is not a usable SmartPick store.
    """
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    try:
        private_dir(folder)
    except OSError as err:
        raise StoreError(f"The data folder {folder} cannot be created: {err.strerror}.") from err
    if upgrade:  # what a killed SmartPick left: temporary files, staged restores
        sweep_data_folder(folder)
    seeded = upgrade and template.seed_new_store(folder / DB_FILENAME)
    for suffix in ("", "-wal", "-shm", "-journal"):  # the user's data: private to the user
        make_private(folder / (DB_FILENAME + suffix))
    make_private(folder / backup.BACKUPS_DIRNAME, folder=True)
    store = Store(folder)
    try:
        integrity.check_store_file(store.path)  # quick_check; a damaged file is moved aside
        with store.engine.connect() as conn:
            conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one()
        if upgrade:
            if not seeded:  # a brand-new store holds nothing of the user's yet
                backup.backup_on_start(store)  # at most one a day; migrations make their own
            migrate.upgrade_to_head(store)
            from smartpick_desktop.core.catalog.demo import ensure_demo_pack  # demo on 1st start

            with store.session() as session:
                ensure_demo_pack(session)
    except SmartPickError:
        store.close()
        raise
    except (DatabaseError, OperationalError, sqlite3.DatabaseError) as err:
        store.close()
        busy = busy_error(store.path, err)
        if busy is not None:
            raise busy from err
        reason = str(getattr(err, "orig", err)) or type(err).__name__
        if integrity.is_damage(err):
            integrity.raise_damaged(store.path, reason)
        raise StoreError(f"The data file {store.path} cannot be used: {reason}.") from err
    return store
