"""Portable backup: everything the user has in ONE file, restored exactly on another laptop.

The file is a zip archive:

* ``manifest.json`` — ``format`` ("smartpick-backup"), ``format_version``, ``app_version``,
  ``schema_revision``, ``created``, and per table its member name, row count and SHA-256;
* ``tables/<table>.json`` — ``{"columns": [...], "rowid": bool, "rows": [[...], ...]}``; values
  are JSON null/number/string, blobs ``{"$b64": "..."}``; with ``rowid`` each row starts with it;
* ``ui-settings.ini`` — the window/UI preferences, when there are any.

Everything is generic over the schema: tables are reflected from SQLite (``PRAGMA table_list``),
so a feature's new tables are carried without any change here. Virtual-table shadow tables are
not copied; FTS tables over another table's content are rebuilt after a restore.

A restore reads and checks the whole file first, loads it into a scratch store at the file's
schema revision, migrates that to the newest schema, and only then replaces the rows of the live
store in ONE transaction. A bad, foreign or truncated file raises InputError and changes nothing.
"""

from __future__ import annotations

import base64
import collections
import datetime as dt
import hashlib
import json
import math
import os
import re
import sqlite3
import tempfile
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from smartpick_desktop import __version__
from smartpick_desktop.core.datafolder import open_store
from smartpick_desktop.core.errors import InputError, StoreError
from smartpick_desktop.core.files import atomic_path, check_target, staging_dir, write_atomic
from smartpick_desktop.core.restore_check import check_rows, read_everything
from smartpick_desktop.core.store import migrate
from smartpick_desktop.core.store.backup import copy_database, make_backup
from smartpick_desktop.core.store.engine import Store, write_failure
from smartpick_desktop.core.store.integrity import SQLITE_MAGIC, check_file
from smartpick_desktop.core.store.urls import sqlite_uri
from smartpick_desktop.core.textio import strict_json

FORMAT = "smartpick-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
UI_SETTINGS = "ui-settings.ini"
#: Refuse archives that would unpack to more than this (a zip bomb is not a backup); counted
#: while inflating, so a member that lies about its size is stopped too.
MAX_UNPACKED_BYTES = 512 * 1024**2
MAX_MEMBER_BYTES = 256 * 1024**2
_REVISION = re.compile(r"^\d{4}$")
_SURROGATE = re.compile("[\ud800-\udfff]")
_ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?)?")
_FTS_CONTENT = re.compile(r"\bcontent\s*=\s*(?:'([^']*)'|\"([^\"]*)\"|([\w]+))", re.IGNORECASE)


# --- reflecting and dumping a database -----------------------------------------------------------

@dataclass
class TableDump:
    """All rows of one table; with ``rowid`` each row starts with the rowid."""

    columns: list[str]
    rowid: bool
    rows: list[list[Any]]


@dataclass
class Snapshot:
    """Every row of a store at one schema revision (plus the UI settings file, if any)."""

    revision: str | None
    tables: dict[str, TableDump]
    ui_settings: bytes | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def row_count(self) -> int:
        return sum(len(t.rows) for t in self.tables.values())


@dataclass
class _Schema:
    """What a restore must handle: tables to copy (in parent-first order) and FTS to rebuild."""

    tables: dict[str, tuple[list[str], bool, bool]]  # name -> (columns, rowid, virtual)
    order: list[str]
    rebuild: list[str]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _fts_content(sql: str | None) -> str | None:
    """Return the ``content=`` option of a CREATE VIRTUAL TABLE (None when there is none)."""
    if not sql:
        return None
    match = _FTS_CONTENT.search(sql)
    if not match:
        return None
    return next(g for g in match.groups() if g is not None)


def _reflect(conn: sqlite3.Connection) -> _Schema:
    tables: dict[str, tuple[list[str], bool, bool]] = {}
    rebuild: list[str] = []
    for _schema, name, kind, _ncol, without_rowid, _strict in conn.execute(
            "PRAGMA main.table_list").fetchall():
        if kind in ("shadow", "view") or name == "alembic_version":
            continue
        if name.startswith("sqlite_") and name != "sqlite_sequence":
            continue
        if kind == "virtual":
            sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()
            content = _fts_content(sql[0] if sql else None)
            if content:
                rebuild.append(name)  # index over another table: rebuilt, not copied
                continue
            if content == "":
                continue  # contentless index: nothing to keep
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({_quote(name)})")]
            tables[name] = (cols, True, True)
            continue
        cols = [r[1] for r in conn.execute(f"PRAGMA table_xinfo({_quote(name)})") if r[6] in (0, 1)]
        tables[name] = (cols, not without_rowid, False)
    return _Schema(tables, _parent_first(conn, tables), sorted(rebuild))


def _parent_first(conn: sqlite3.Connection, tables: dict) -> list[str]:
    """Order tables so that a table comes after the tables its foreign keys point to."""
    parents = {name: {r[2] for r in conn.execute(f"PRAGMA foreign_key_list({_quote(name)})")}
               - {name} for name, (_c, _r, virtual) in tables.items() if not virtual}
    order: list[str] = []
    pending = sorted(tables)
    while pending:
        ready = [n for n in pending if not (parents.get(n, set()) & set(pending))] or pending[:1]
        for name in ready:
            order.append(name)
            pending.remove(name)
    order.sort(key=lambda n: n == "sqlite_sequence")  # stable: sqlite_sequence last
    return order


def _revision(conn: sqlite3.Connection) -> str | None:
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'alembic_version'").fetchone():
        return None
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def dump_database(path: Path) -> Snapshot:
    """Read every row of a SQLite store in one consistent read transaction."""
    conn = sqlite3.connect(path, timeout=10, isolation_level=None)
    try:
        conn.execute("BEGIN")
        schema = _reflect(conn)
        tables = {}
        for name in schema.order:
            cols, rowid, _virtual = schema.tables[name]
            select = ", ".join((["rowid"] if rowid else []) + [_quote(c) for c in cols])
            rows = [list(r) for r in conn.execute(f"SELECT {select} FROM {_quote(name)} "
                                                  f"ORDER BY {'rowid' if rowid else '1'}")]
            tables[name] = TableDump(cols, rowid, rows)
        revision = _revision(conn)
        conn.execute("COMMIT")
    finally:
        conn.close()
    return Snapshot(revision, tables)


def _load_rows(conn: sqlite3.Connection, snapshot: Snapshot, source: str) -> None:
    """Replace every row of the open database by the snapshot's, inside the caller's transaction.

    Triggers are dropped for the copy and re-created (DDL is transactional in SQLite), so they
    neither fire twice nor add rows; foreign keys are checked at the end.
    """
    conn.execute("PRAGMA defer_foreign_keys = ON")
    triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                            "AND sql IS NOT NULL").fetchall()
    for name, _sql in triggers:
        conn.execute(f"DROP TRIGGER {_quote(name)}")
    schema = _reflect(conn)
    for name, dump in snapshot.tables.items():
        if name not in schema.tables:
            raise InputError(f"{source}: table {name!r} is not part of schema "
                             f"{snapshot.revision}; nothing was changed.")
        missing = set(dump.columns) - set(schema.tables[name][0])
        if missing:
            raise InputError(f"{source}: table {name!r} has unknown column "
                             f"{sorted(missing)[0]!r}; nothing was changed.")
    for name in reversed(schema.order):
        conn.execute(f"DELETE FROM {_quote(name)}")
    for name in schema.order:
        dump = snapshot.tables.get(name)
        if dump is None or not dump.rows:
            continue
        cols = (["rowid"] if dump.rowid else []) + [_quote(c) for c in dump.columns]
        sql = (f"INSERT INTO {_quote(name)} ({', '.join(cols)}) "
               f"VALUES ({', '.join('?' * len(cols))})")
        if name == "sqlite_sequence":
            conn.execute("DELETE FROM sqlite_sequence")  # inserts above filled it
        try:
            conn.executemany(sql, dump.rows)
        except (sqlite3.IntegrityError, OverflowError, UnicodeEncodeError) as err:
            raise InputError(f"{source}: table {name!r}: {err}; nothing was changed.") from err
    for name in schema.rebuild:
        conn.execute(f"INSERT INTO {_quote(name)}({_quote(name)}) VALUES ('rebuild')")
    for _name, sql in triggers:
        conn.execute(sql)
    broken = conn.execute("PRAGMA foreign_key_check").fetchone()
    if broken:
        raise InputError(f"{source}: table {broken[0]!r} row {broken[1]} points to a missing "
                         f"{broken[2]!r} row; nothing was changed.")


def _write_rows(path: Path, snapshot: Snapshot, source: str) -> None:
    """Replace all rows of the database at ``path`` in one transaction (all or nothing)."""
    conn = sqlite3.connect(path, timeout=10, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("BEGIN IMMEDIATE")
        try:
            _load_rows(conn, snapshot, source)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # SQLite already rolled back after a full disk
                conn.execute("ROLLBACK")
            raise
    except sqlite3.Error as err:
        failure = write_failure(path, err)
        if failure is not None:
            raise failure from err
        raise InputError(f"{source}: cannot be restored ({err}); nothing was changed.") from err
    finally:
        conn.close()


# --- encoding the file -----------------------------------------------------------------------------

def _encode(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"$b64": base64.b64encode(value).decode("ascii")}
    return value


def _decode(value: Any, where: str) -> Any:
    if value is None or isinstance(value, str) and not _SURROGATE.search(value):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        if -(2**63) <= value < 2**63:
            return value
        raise InputError(f"{where}: a number is too large for the data store; nothing was "
                         "changed.")
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        raise InputError(f"{where}: a number is not finite (NaN or infinity); nothing was "
                         "changed.")
    if isinstance(value, dict) and set(value) == {"$b64"} and isinstance(value["$b64"], str):
        try:
            return base64.b64decode(value["$b64"], validate=True)
        except ValueError:
            pass
    raise InputError(f"{where}: a value is not valid; nothing was changed.")


def _member_name(table: str) -> str:
    safe = table if re.fullmatch(r"\w+", table) else "x" + table.encode("utf-8").hex()
    return f"tables/{safe}.json"


def _table_json(dump: TableDump) -> bytes:
    payload = {"columns": dump.columns, "rowid": dump.rowid,
               "rows": [[_encode(v) for v in row] for row in dump.rows]}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@dataclass(frozen=True)
class BackupSummary:
    """What a portable backup holds (from its manifest)."""

    path: Path
    schema_revision: str
    app_version: str
    created: str
    rows: int
    tables: int
    ui_settings: bool


def write_backup(store: Store, dest: Path) -> BackupSummary:
    """Write everything the store holds (and ui-settings.ini) to ONE portable file ``dest``.

    The file appears complete or not at all (written beside ``dest``, then renamed).

    Raises:
        InputError: ``dest`` cannot be written (folder missing or read-only, disk full …).
    """
    dest = check_target(dest, "Backup file")
    snapshot = dump_database(store.path)
    ui_path = store.data_dir / UI_SETTINGS
    ui = ui_path.read_bytes() if ui_path.is_file() else None
    created = dt.datetime.now().replace(microsecond=0).isoformat()
    manifest: dict[str, Any] = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "app": "SmartPick",
        "app_version": __version__, "schema_revision": snapshot.revision, "created": created,
        "tables": {}, "ui_settings": None,
    }
    with atomic_path(dest, "Backup file") as tmp, \
            zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, dump in snapshot.tables.items():
            data = _table_json(dump)
            member = _member_name(name)
            archive.writestr(member, data)
            manifest["tables"][name] = {"member": member, "rows": len(dump.rows),
                                        "sha256": hashlib.sha256(data).hexdigest()}
        if ui is not None:
            archive.writestr(UI_SETTINGS, ui)
            manifest["ui_settings"] = {"sha256": hashlib.sha256(ui).hexdigest()}
        archive.writestr(MANIFEST, json.dumps(manifest, indent=2, sort_keys=True))
    return BackupSummary(dest, snapshot.revision or "", __version__, created,
                         snapshot.row_count, len(snapshot.tables), ui is not None)


def _refuse(path: Path, reason: str) -> InputError:
    return InputError(f"Backup file {path}: {reason}; nothing was changed.")


def _staging(stage_in: Path | None) -> tempfile.TemporaryDirectory:
    """A private (0700) scratch folder beside the data: ``.restore-*`` inside ``stage_in`` (the
    data folder), or ``.NAME.restore-*`` next to it while it does not exist yet (a refused
    restore must not create it); the system one only when neither can be written. Leftovers of
    a killed restore (named with the process id) are swept at the next start
    (``files.sweep_leftovers``)."""
    if stage_in is not None:
        folder = Path(stage_in)
        if folder.is_dir() and os.access(folder, os.W_OK):
            return staging_dir(".restore-", folder)
        parent = folder.parent
        if not folder.exists() and parent.is_dir() and os.access(parent, os.W_OK):
            return staging_dir(f".{folder.name}.restore-", parent)
    return staging_dir("smartpick-restore-")


def read_backup(path: Path, stage_in: Path | None = None) -> Snapshot:
    """Read and check a portable backup (or an automatic ``.db`` backup) completely.

    ``stage_in`` is the data folder, where an automatic backup is staged while it is read.

    Raises:
        InputError: missing, foreign, damaged, truncated or newer-than-this-app file.
    """
    path = Path(path)
    if path.exists() and not path.is_file():
        raise _refuse(path, "not a regular file (a folder, a device or a pipe)")
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        raise _refuse(path, "no such file") from None
    except OSError as err:
        raise _refuse(path, f"cannot be read ({err.strerror})") from None
    if head == SQLITE_MAGIC:
        return _read_database_backup(path, stage_in)
    try:
        with zipfile.ZipFile(path) as archive:
            return _read_archive(path, archive)
    except zipfile.BadZipFile as err:
        raise _refuse(path, "not a SmartPick backup (not a complete zip file: damaged, "
                            "truncated or another kind of file)") from err
    except (OSError, EOFError, zlib.error, zipfile.LargeZipFile, NotImplementedError,
            RuntimeError, ValueError) as err:
        raise _refuse(path, f"cannot be read ({err})") from err


def _check_revision(path: Path, revision: Any) -> str:
    if not isinstance(revision, str) or not _REVISION.match(revision):
        raise _refuse(path, "not a SmartPick backup (no schema revision)")
    if revision > migrate.head_revision():
        raise _refuse(path, f"it was written by a newer SmartPick (schema {revision}); "
                            "please update the app first")
    return revision


def _read_archive(path: Path, archive: zipfile.ZipFile) -> Snapshot:
    infos = archive.infolist()
    if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
        raise _refuse(path, f"it unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MB, which "
                            "no SmartPick backup does")
    budget = [MAX_UNPACKED_BYTES]
    try:
        manifest = strict_json(_read_capped(path, archive, MANIFEST, budget))
    except KeyError:
        raise _refuse(path, "not a SmartPick backup (no manifest.json)") from None
    except (ValueError, UnicodeDecodeError):
        raise _refuse(path, "not a SmartPick backup (manifest.json is not valid JSON)") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refuse(path, "not a SmartPick backup (unknown format)")
    version = manifest.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION or version < 1:
        raise _refuse(path, f"backup format {version!r} is not supported by SmartPick "
                            f"{__version__}")
    revision = _check_revision(path, manifest.get("schema_revision"))
    entries = manifest.get("tables")
    if not isinstance(entries, dict):
        raise _refuse(path, "manifest.json has no table list")
    tables: dict[str, TableDump] = {}
    for name, entry in entries.items():
        tables[name] = _read_table(path, archive, name, entry, budget)
    ui = None
    ui_entry = manifest.get("ui_settings")
    if ui_entry is not None:
        ui = _read_member(path, archive, UI_SETTINGS,
                          ui_entry.get("sha256") if isinstance(ui_entry, dict) else None, budget)
    meta = {k: manifest.get(k) for k in ("app_version", "created")}
    return Snapshot(revision, tables, ui, meta)


def _read_capped(path: Path, archive: zipfile.ZipFile, member: str, budget: list[int]) -> bytes:
    """Inflate one member in chunks, refusing it past the per-member or whole-file limit."""
    chunks = []
    size = 0
    limit = min(MAX_MEMBER_BYTES, budget[0])
    with archive.open(member) as fh:
        while chunk := fh.read(1024 * 1024):
            size += len(chunk)
            if size > limit:
                raise _refuse(path, f"{member} unpacks to more than {limit // 2**20} MB, which "
                                    "no SmartPick backup does")
            chunks.append(chunk)
    budget[0] -= size
    return b"".join(chunks)


def _read_member(path: Path, archive: zipfile.ZipFile, member: Any, sha: Any,
                 budget: list[int]) -> bytes:
    if not isinstance(member, str) or not isinstance(sha, str):
        raise _refuse(path, "manifest.json is incomplete")
    try:
        data = _read_capped(path, archive, member, budget)
    except KeyError:
        raise _refuse(path, f"{member} is missing") from None
    if hashlib.sha256(data).hexdigest() != sha:
        raise _refuse(path, f"{member} does not match its checksum (the file is damaged)")
    return data


def _read_table(path: Path, archive: zipfile.ZipFile, name: Any, entry: Any,
                budget: list[int]) -> TableDump:
    if not isinstance(name, str) or not isinstance(entry, dict):
        raise _refuse(path, "manifest.json has a bad table entry")
    data = _read_member(path, archive, entry.get("member"), entry.get("sha256"), budget)
    where = f"Backup file {path}, table {name!r}"
    try:
        payload = json.loads(data, parse_constant=_no_constant)
    except RecursionError:
        raise _refuse(path, f"table {name!r} is nested too deeply to be a table") from None
    except (ValueError, UnicodeDecodeError):
        raise _refuse(path, f"table {name!r} is not valid JSON") from None
    if not isinstance(payload, dict):
        raise _refuse(path, f"table {name!r} is not a table")
    cols, rowid, rows = payload.get("columns"), payload.get("rowid"), payload.get("rows")
    if (not isinstance(cols, list) or not all(isinstance(c, str) for c in cols)
            or not isinstance(rowid, bool) or not isinstance(rows, list)):
        raise _refuse(path, f"table {name!r} is not a table")
    width = len(cols) + int(rowid)
    decoded = []
    for row in rows:
        if not isinstance(row, list) or len(row) != width:
            raise _refuse(path, f"table {name!r} has a row of the wrong length")
        decoded.append([_decode(v, where) for v in row])
    if entry.get("rows") != len(decoded):
        raise _refuse(path, f"table {name!r} holds {len(decoded)} rows, the manifest says "
                            f"{entry.get('rows')!r}")
    return TableDump(cols, rowid, decoded)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _read_database_backup(path: Path, stage_in: Path | None = None) -> Snapshot:
    problem = check_file(path)
    if problem is not None:
        raise _refuse(path, f"not a usable SmartPick data file ({problem})")
    conn = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)
    try:
        revision = _revision(conn)
    finally:
        conn.close()
    _check_revision(path, revision)
    with _staging(stage_in) as tmp:
        staged = Path(tmp) / "stage.db"
        copy_database(path, staged, read_only=True)
        snapshot = dump_database(staged)
    return snapshot


# --- restore ---------------------------------------------------------------------------------------

def _staged_at_head(snapshot: Snapshot, source: str, stage_in: Path | None = None) -> Snapshot:
    """Load the snapshot into a scratch store at its revision, migrate it, check every row and
    return it at head."""
    with _staging(stage_in) as tmp:
        stage = Store(Path(tmp))
        try:
            try:
                migrate.upgrade(stage, snapshot.revision or "head")
            except Exception as err:  # noqa: BLE001 - a migration failing is the file's fault
                raise InputError(f"{source}: cannot be read at schema {snapshot.revision} "
                                 f"({err}); nothing was changed.") from err
            stage.engine.dispose()
            _write_rows(stage.path, snapshot, source)
            if snapshot.revision != migrate.head_revision():
                try:
                    migrate.upgrade(stage, "head")
                except Exception as err:  # noqa: BLE001
                    raise InputError(f"{source}: cannot be brought to schema "
                                     f"{migrate.head_revision()} ({err}); nothing was "
                                     "changed.") from err
            stage.engine.dispose()
            check_rows(stage.path, source)
            read_everything(stage, source)
            stage.engine.dispose()
            staged = dump_database(stage.path)
        finally:
            stage.close()
    staged.ui_settings = snapshot.ui_settings
    staged.meta = {**snapshot.meta, "revision": snapshot.revision}
    return staged


def _normalised(rows: Iterable[list[Any]], skip_first: bool) -> collections.Counter:
    """Rows as comparable tuples: rowids dropped, dates and times in text masked."""
    counter: collections.Counter = collections.Counter()
    for row in rows:
        values = row[1:] if skip_first else row
        counter[tuple(_ISO_TIME.sub("<time>", v) if isinstance(v, str) else v
                      for v in values)] += 1
    return counter


_fresh: dict[str, Snapshot] = {}


def _fresh_snapshot() -> Snapshot:
    """Every row a fresh start creates (demo pack, bundled content), made once per process."""
    head = migrate.head_revision()
    if head not in _fresh:
        with staging_dir("smartpick-fresh-") as tmp:
            fresh_store = open_store(Path(tmp))
            try:
                _fresh[head] = dump_database(fresh_store.path)
            finally:
                fresh_store.close()
    return _fresh[head]


def has_user_data(store: Store) -> bool:
    """True when the store holds anything beyond what a fresh start creates (demo rows, bundled
    content and start-up settings do not count)."""
    current = dump_database(store.path)
    if current.row_count == 0:
        return False
    fresh = _fresh_snapshot()
    for name, dump in current.tables.items():
        if name == "sqlite_sequence" or not dump.rows:
            continue
        base = fresh.tables.get(name)
        mine = _normalised(dump.rows, dump.rowid)
        theirs = _normalised(base.rows, base.rowid) if base else collections.Counter()
        if mine - theirs:
            return True
    return False


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did."""

    source: Path
    schema_revision: str | None
    rows: int
    tables: int
    previous_backup: Path | None  # the automatic backup of the store as it was before


class NeedsForce(InputError):
    """The store holds the user's own data; restoring over it needs ``--force`` / a yes."""


def stage_backup(source: Path, snapshot: Snapshot | None = None,
                 stage_in: Path | None = None) -> Snapshot:
    """Read ``source`` (unless ``snapshot`` is given), migrate it in a scratch store and check
    every row; return it at the newest schema. Touches no data folder.

    Raises:
        InputError: the file is bad, foreign, truncated, newer or holds bad rows.
    """
    snapshot = snapshot or read_backup(source, stage_in)
    return _staged_at_head(snapshot, f"Backup file {source}", stage_in)


def restore(store: Store, source: Path, *, force: bool = False,
            snapshot: Snapshot | None = None, staged: Snapshot | None = None) -> RestoreResult:
    """Replace everything in the store by the backup ``source`` (portable or automatic).

    The file is read and checked completely and migrated in a scratch store first; then the
    current store is backed up (``backups/…-before-restore.db``) and its rows replaced in one
    transaction. ``snapshot`` is ``read_backup(source)`` when the caller has already read it,
    ``staged`` is ``stage_backup(source)`` when the caller has already staged it.

    Raises:
        InputError: the file is bad, foreign, truncated or newer (nothing changed).
        NeedsForce: the store holds the user's own data and ``force`` is False.
        StoreError: the store cannot be written (nothing changed).
    """
    source = Path(source)
    label = f"Backup file {source}"
    if staged is None:
        snapshot = snapshot or read_backup(source, store.data_dir)
        staged = _staged_at_head(snapshot, label, store.data_dir)
    own = has_user_data(store)
    if own and not force:
        raise NeedsForce(f"The data folder {store.data_dir} already holds your own data; "
                         "restoring would replace it (a backup of it is made first).",
                         fix="replace_own_data")
    previous = make_backup(store, "before-restore") if own else None
    _write_rows(store.path, staged, label)
    if staged.ui_settings is not None:
        _write_file_atomically(store.data_dir / UI_SETTINGS, staged.ui_settings)
    revision = snapshot.revision if snapshot is not None else staged.meta.get("revision")
    return RestoreResult(source, revision, staged.row_count, len(staged.tables), previous)


def _write_file_atomically(target: Path, data: bytes) -> None:
    try:
        write_atomic(target, data, "Settings file")
    except InputError as err:
        raise StoreError(f"{err} The data was restored but the window layout was "
                         "not.") from err
