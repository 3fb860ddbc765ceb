"""Open the one SQLite file of a data folder: WAL, foreign keys, migrations, sessions."""

from __future__ import annotations

import logging
import os
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


def open_store(data_dir: Path | None = None, *, upgrade: bool = True) -> Store:
    """Open (creating if needed) the store of ``data_dir`` and bring its schema to the newest.

    Raises:
        StoreError: the folder cannot be written or the file is not a usable SmartPick store.
    """
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    if _read_only_folder(folder):
        return _open_read_only(folder)
    try:
        private_dir(folder)
    except OSError as err:
        raise StoreError(f"The data folder {folder} cannot be created: {err.strerror}.") from err
    if upgrade:  # what a killed SmartPick left: temporary files, staged restores
        sweep_data_folder(folder)
    empty = _empty_file(folder / DB_FILENAME)
    seeded = upgrade and template.seed_new_store(folder / DB_FILENAME)
    for suffix in ("", "-wal", "-shm", "-journal"):  # the user's data: private to the user
        make_private(folder / (DB_FILENAME + suffix))
    make_private(folder / backup.BACKUPS_DIRNAME, folder=True)
    store = Store(folder)
    if empty and upgrade:
        store.notices.append(f"The data file {store.path} was empty (0 bytes, nothing to "
                             "lose): SmartPick started a new store in it.")
        log.info("%s", store.notices[-1])
    try:
        integrity.check_store_file(store.path)  # quick_check; a damaged file is moved aside
        with store.engine.connect() as conn:
            conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one()
        if upgrade:
            if not seeded:  # a brand-new store holds nothing of the user's yet
                skipped: list[str] = []
                backup.backup_on_start(store, skipped=skipped)  # at most one a day
                store.notices.extend(skipped)
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


def _empty_file(path: Path) -> bool:
    try:
        return path.is_file() and path.stat().st_size == 0
    except OSError:
        return False


def _read_only_folder(folder: Path) -> bool:
    """True when the data folder exists with a store in it but cannot be written."""
    path = folder / DB_FILENAME
    if not folder.is_dir():
        return False
    writable = os.access(folder, os.W_OK | os.X_OK)
    if path.exists() and not os.access(path, os.W_OK):
        writable = False
    return not writable


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


def _open_read_only(folder: Path) -> Store:
    """Open the store of a read-only folder for reading only (nothing is created or migrated).

    Raises:
        StoreError: there is no store to read, it is damaged, or it needs a migration.
    """
    path = folder / DB_FILENAME
    if not path.is_file() or path.stat().st_size == 0:
        raise StoreError(f"The data folder {folder} is read-only and holds no SmartPick data "
                         "yet: make it writable, or choose a data folder you can write to.")
    store = Store(folder, read_only=True)
    try:
        with store.engine.connect() as conn:
            problem = conn.exec_driver_sql("PRAGMA quick_check(3)").scalars().all()
        if problem != ["ok"]:
            store.close()
            raise StoreError(f"The data file {path} is damaged ({'; '.join(problem)[:200]}) "
                             "and its folder is read-only, so it was left as it is.")
        current = migrate.current_revision(store)
    except (DatabaseError, OperationalError) as err:
        store.close()
        raise StoreError(f"The data file {path} cannot be read in its read-only folder "
                         f"({getattr(err, 'orig', err)}); nothing was changed.") from err
    if current != migrate.head_revision():
        store.close()
        raise StoreError(f"The data file {path} must be updated for this version of SmartPick, "
                         "but its folder is read-only: make the folder writable and start "
                         "again.")
    store.notices.append(store.read_only_sentence())
    log.info("%s", store.notices[-1])
    return store
