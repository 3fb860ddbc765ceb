"""Opening a data folder: everything around the store at start.

A data folder holds the store (``core/store``: ``smartpick.db``), its ``backups/`` and the
window settings. :func:`open_store` makes the folder private, sweeps what a killed SmartPick
left, seeds a brand-new store from the ready-made template, checks the file (a damaged one is
moved aside, never deleted), makes the day's backup, migrates (backing up first) and loads the
demo pack on a first start. :func:`restore_newest_backup` is the way back from a damaged file.

The store knows nothing of this module; it sits above the catalog (the demo pack) in the core's
layers.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import DatabaseError, OperationalError

from smartpick_desktop.core.catalog.demo import ensure_demo_pack
from smartpick_desktop.core.errors import SmartPickError, StoreError
from smartpick_desktop.core.files import make_private, private_dir, sweep_data_folder
from smartpick_desktop.core.store import backup, integrity, migrate, template
from smartpick_desktop.core.store.engine import DB_FILENAME, Store, busy_error, default_data_dir

log = logging.getLogger(__name__)


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
        damage = integrity.check_store_file(store.path)  # the header and quick_check
        if damage is not None:
            raise_damaged(store.path, damage)  # moved aside, never deleted
        with store.engine.connect() as conn:
            conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one()
        if upgrade:
            if not seeded:  # a brand-new store holds nothing of the user's yet
                skipped: list[str] = []
                backup.backup_on_start(store, skipped=skipped)  # at most one a day
                store.notices.extend(skipped)
            migrate.upgrade_to_head(store, before=backup.before_migration)
            with store.session() as session:  # the demo pack on a first start
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
            raise_damaged(store.path, reason)
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


def raise_damaged(path: Path, reason: str) -> None:
    """Move the damaged file aside and raise DamagedStoreError naming the newest good backup."""
    moved = integrity.move_aside(path)
    raise integrity.DamagedStoreError(path, moved, reason, backup.newest_good_backup(path.parent))


def restore_newest_backup(data_dir: Path) -> Path:
    """Put the newest good automatic backup in place of a data file moved aside; return it.

    Raises:
        StoreError: there is no good backup, or the data file exists (use portable.restore).
    """
    data_dir = Path(data_dir)
    newest = backup.newest_good_backup(data_dir)
    if newest is None:
        raise StoreError(f"There is no good automatic backup in {data_dir / 'backups'}.")
    target = data_dir / DB_FILENAME
    if target.exists() and target.stat().st_size > 0:
        raise StoreError(f"The data file {target} exists, so the newest backup was not copied "
                         "over it.", fix="restore_backup")
    backup.copy_database(newest, target, read_only=True)
    return newest
