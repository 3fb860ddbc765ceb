"""Automatic backups: SQLite's online backup API into ``backups/`` beside the data file.

One backup a day on start (the first start of a day; a brand-new empty store has nothing to
keep), one before every migration (:func:`before_migration`, which opening a data folder
passes to ``migrate.upgrade_to_head``) and one before a
restore. The newest :data:`BACKUPS_KEPT` are kept. A backup is a plain, self-contained SQLite file
``smartpick-YYYYMMDD-HHMMSS-<reason>.db``; ``portable.restore`` takes it like a portable file.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from smartpick_desktop.core.errors import StoreError
from smartpick_desktop.core.files import FILE_MODE, TEMP_MARK, private_dir, temp_prefix
from smartpick_desktop.core.store import migrate
from smartpick_desktop.core.store.engine import Store
from smartpick_desktop.core.store.integrity import check_file
from smartpick_desktop.core.store.urls import sqlite_uri

log = logging.getLogger(__name__)

BACKUPS_KEPT = 10
BACKUPS_DIRNAME = "backups"
_NAME = re.compile(r"^smartpick-(\d{8}-\d{6})(?:-(\d+))?-([a-z0-9-]+)\.db$")
REASONS = {
    "daily": "Daily, at start",
    "before-restore": "Before a restore",
    "manual": "Made by hand",
}


@dataclass(frozen=True)
class BackupInfo:
    """One automatic backup file."""

    path: Path
    created: dt.datetime
    reason: str  # "daily" | "before-restore" | "manual" | "before-migration-NNNN"
    size: int

    @property
    def label(self) -> str:
        """Why the backup was made, in words."""
        if self.reason.startswith("before-migration-"):
            return f"Before updating the data to schema {self.reason.rsplit('-', 1)[1]}"
        return REASONS.get(self.reason, self.reason)


def backups_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUPS_DIRNAME


def list_backups(data_dir: Path) -> list[BackupInfo]:
    """Return the automatic backups of a data folder, newest first."""
    folder = backups_dir(data_dir)
    found: list[tuple[tuple[str, int], BackupInfo]] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        match = _NAME.match(entry.name)
        if not match or not entry.is_file():
            continue
        created = dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
        serial = int(match.group(2) or 0)
        info = BackupInfo(entry, created, match.group(3), entry.stat().st_size)
        found.append(((match.group(1), serial), info))
    found.sort(key=lambda pair: pair[0], reverse=True)
    return [info for _, info in found]


def copy_database(source: Path, target: Path, *, read_only: bool = False) -> None:
    """Copy a live SQLite database to ``target`` atomically (temp file, then rename).

    Uses the online backup API, so a store being written is copied consistently; the copy is a
    single self-contained file (rollback journal, no ``-wal``). ``read_only`` opens the source
    read-only (for backup files, which must stay untouched).

    Raises:
        StoreError: the copy could not be written (disk full, read-only folder …); any partial
            temp file is removed and ``target`` is unchanged.
    """
    tmp = None
    src = dst = None
    try:
        if not Path(source).is_file():
            raise StoreError(f"The data file {source} does not exist; nothing was changed.")
        fd, name = tempfile.mkstemp(prefix=temp_prefix(target.name), suffix=TEMP_MARK,
                                    dir=target.parent)
        os.close(fd)
        tmp = Path(name)  # named with this process's id: swept if it is killed
        src = (sqlite3.connect(sqlite_uri(source, mode="ro"), uri=True) if read_only
               else sqlite3.connect(source, timeout=10))
        dst = sqlite3.connect(tmp)
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
        dst.close()
        dst = None
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, FILE_MODE)  # the user's data: private to the user
        os.replace(tmp, target)
    except (OSError, sqlite3.Error) as err:
        reason = getattr(err, "strerror", None) or str(err)
        raise StoreError(f"Could not write {target}: {reason}; nothing was changed.") from err
    finally:
        for conn in (dst, src):
            if conn is not None:
                conn.close()
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def make_backup(store: Store, reason: str = "manual", *, now: dt.datetime | None = None) -> Path:
    """Back up the store into ``backups/`` now and prune old backups; return the file.

    Raises:
        StoreError: the backup could not be written (the store is unchanged).
    """
    if not re.fullmatch(r"[a-z0-9-]+", reason):
        raise ValueError(f"bad backup reason {reason!r}")
    folder = backups_dir(store.data_dir)
    try:
        private_dir(folder)
    except OSError as err:
        raise StoreError(f"The backups folder {folder} cannot be created: {err.strerror}; "
                         "nothing was changed.") from err
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = folder / f"smartpick-{stamp}-{reason}.db"
    serial = 1
    while target.exists():
        serial += 1
        target = folder / f"smartpick-{stamp}-{serial}-{reason}.db"
    copy_database(store.path, target)
    prune(store.data_dir)
    log.info("Backed up %s to %s", store.path, target)
    return target


def prune(data_dir: Path, keep: int = BACKUPS_KEPT) -> list[Path]:
    """Delete all but the newest ``keep`` automatic backups; return the deleted files."""
    removed = []
    for info in list_backups(data_dir)[keep:]:
        try:
            info.path.unlink()
            removed.append(info.path)
        except OSError as err:  # pragma: no cover - a locked old backup is left for next time
            log.warning("Could not remove old backup %s: %s", info.path, err)
    return removed


def _has_schema(store: Store) -> bool:
    try:
        return store.path.stat().st_size > 0 and migrate.current_revision(store) is not None
    except OSError:
        return False


def daily_backup_due(data_dir: Path, today: dt.date | None = None) -> bool:
    """True when no backup was made today."""
    today = today or dt.date.today()
    return not any(info.created.date() == today for info in list_backups(data_dir))


def backup_on_start(store: Store, today: dt.date | None = None, *,
                    skipped: list[str] | None = None) -> Path | None:
    """Make the day's backup at start (none for a new, empty store); return it or None.

    A failing daily backup (full disk) is logged, not fatal: the store itself is unchanged and
    usable; the migration backup, in contrast, stops the migration.
    """
    if not _has_schema(store) or not daily_backup_due(store.data_dir, today):
        return None
    if migrate.current_revision(store) != migrate.head_revision():
        return None  # the before-migration backup is today's
    try:
        return make_backup(store, "daily")
    except StoreError as err:
        log.warning("Daily backup skipped: %s", err)
        if skipped is not None:  # the caller tells the user, once, in one sentence
            reason = getattr(err.__cause__, "strerror", None) or "it could not be written"
            skipped.append(f"Today's automatic backup was skipped ({reason}); your data is "
                           "unchanged, and SmartPick tries again at the next start.")
        return None


def before_migration(store: Store, current: str | None, head: str) -> None:
    """Back up a store that holds a schema before it is migrated (``migrate.BeforeMigration``)."""
    if current is None or not store.path.exists():
        return
    make_backup(store, f"before-migration-{head}")


def newest_good_backup(data_dir: Path) -> Path | None:
    """Return the newest backup that passes quick_check and is a SmartPick store, or None."""
    for info in list_backups(data_dir):
        if check_file(info.path) is None:
            return info.path
    return None
