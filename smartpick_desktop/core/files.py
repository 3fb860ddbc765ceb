"""Writing the user's files safely: whole or not at all, private, never over the data store.

Every file SmartPick writes (exports, PDF, .ics, portable backups, packs, templates) goes
through :func:`write_atomic` or :func:`atomic_path`: the bytes land in a temporary file in the
target's folder (mode 0600), are flushed to disk, and only then renamed over the target, so a
full disk or a crash leaves the earlier file untouched. :func:`check_target` refuses a target
that is the data store, one of its companions (``-wal``, ``-shm``, ``-journal``), one of its
automatic backups or any other SQLite database: an export must never destroy the user's data.

Every temporary file and staging folder carries the id of the process that made it
(``.NAME.<pid>-<random>.smartpick-tmp`` beside a target, ``<prefix><pid>-<random>`` for staging
folders, :func:`temp_prefix`). What a killed SmartPick left is recognised by that pattern and
swept (:func:`sweep_leftovers`) when that process is gone: at every start for the data folder,
its backups, the folder around it and the system temporary folder, and before every write for
the target's folder. Nothing else is ever touched: not another name, not another user's file,
not the file of a process still running.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from smartpick_desktop.core.errors import InputError

STORE_NAME = "smartpick.db"
_COMPANIONS = ("", "-wal", "-shm", "-journal")
_SQLITE_MAGIC = b"SQLite format 3\x00"
_WAL_MAGICS = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
TEMP_MARK = ".smartpick-tmp"
FILE_MODE = 0o600
DIR_MODE = 0o700


class ProtectedTargetError(InputError):
    """The chosen file is SmartPick's own data (the store or a backup); nothing was written."""


def _is_store_file(path: Path) -> bool:
    """True when ``path`` names the data store, a companion or a file in its backups folder."""
    name, parent = path.name, path.parent
    if any(name == STORE_NAME + suffix for suffix in _COMPANIONS):
        return True
    if name.startswith(STORE_NAME + ".damaged-"):
        return True
    return parent.name == "backups" and (parent.parent / STORE_NAME).exists()


def _is_database(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(_SQLITE_MAGIC))
    except OSError:
        return False
    return head == _SQLITE_MAGIC or head[:4] in _WAL_MAGICS


def check_target(path: Path | str, what: str = "File") -> Path:
    """Refuse a target that would overwrite SmartPick's data; return it as a Path.

    Raises:
        ProtectedTargetError: ``path`` is the store, its -wal/-shm/-journal, a file in its
            backups folder, or any existing SQLite database (exit 3).
    """
    path = Path(path)
    resolved = Path(os.path.realpath(path))
    if _is_store_file(path) or _is_store_file(resolved) or _is_database(resolved):
        raise ProtectedTargetError(
            f"{what} {path}: this is SmartPick's own data (the data store or one of its "
            "backups); choose another file name. Nothing was written.")
    return path


@contextmanager
def atomic_path(path: Path | str, what: str = "File") -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success flush it and rename it over ``path``.

    For writers that want a file name (zipfile, reportlab, SQLite). On any error the temporary
    file is removed and ``path`` is unchanged.

    Raises:
        ProtectedTargetError: see :func:`check_target`.
        InputError: the folder is missing or read-only, or the disk is full (nothing written).
    """
    target = check_target(path, what)
    folder = target.parent
    sweep_leftovers(folder)  # what a SmartPick killed while writing here left
    try:
        fd, name = tempfile.mkstemp(prefix=temp_prefix(target.name), suffix=TEMP_MARK,
                                    dir=folder if str(folder) else ".")
    except OSError as err:
        raise InputError(f"{what} {target}: cannot be written ({_reason(err)}); nothing was "
                         "written.") from None
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        _fsync(temp)
        os.chmod(temp, FILE_MODE)
        os.replace(temp, target)
    except OSError as err:
        raise InputError(f"{what} {target}: cannot be written ({_reason(err)}); nothing was "
                         "written.") from None
    finally:
        temp.unlink(missing_ok=True)


def write_atomic(path: Path | str, data: bytes | str, what: str = "File", *,
                 encoding: str = "utf-8") -> Path:
    """Write ``data`` to ``path`` whole or not at all (mode 0600); return the path.

    Raises:
        ProtectedTargetError: ``path`` is SmartPick's own data.
        InputError: the file cannot be written; an earlier file at ``path`` is unchanged.
    """
    payload = data.encode(encoding) if isinstance(data, str) else data
    with atomic_path(path, what) as temp, open(temp, "wb") as fh:
        fh.write(payload)
    return Path(path)


def _fsync(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _reason(err: OSError) -> str:
    return err.strerror or str(err)


def temp_prefix(name: str) -> str:
    """The start of a temporary file's name beside ``name`` (``tempfile.mkstemp(prefix=…,
    suffix=TEMP_MARK)``): hidden, and carrying this process's id so a leftover is known."""
    return f".{name}.{os.getpid()}-"


def staging_dir(prefix: str, folder: Path | str | None = None) -> tempfile.TemporaryDirectory:
    """A private scratch folder ``<prefix><pid>-<random>`` in ``folder`` (the system temporary
    folder when None), removed when done and swept after a kill."""
    return tempfile.TemporaryDirectory(prefix=f"{prefix}{os.getpid()}-", dir=folder)


def sweep_data_folder(folder: Path) -> None:
    """At start: sweep what a killed SmartPick left in, beside and for a data folder (staged
    restores, half-written backups and exports), and in the system temporary folder."""
    folder = Path(folder)
    for place in (folder, folder / "backups", folder.parent, tempfile.gettempdir()):
        sweep_leftovers(place)


def make_private(path: Path | str, *, folder: bool = False) -> None:
    """Best effort: make a file 0600 (or a folder 0700) when it is broader than that."""
    try:
        mode = os.stat(path).st_mode
        wanted = DIR_MODE if folder else FILE_MODE
        if stat.S_IMODE(mode) & 0o077:
            os.chmod(path, (stat.S_IMODE(mode) & 0o700) | (wanted & 0o700))
    except OSError:
        pass


def private_dir(path: Path | str) -> Path:
    """Create ``path`` (and parents) if needed and make the folder itself private (0700).

    Raises:
        OSError: the folder cannot be created.
    """
    path = Path(path)
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    make_private(path, folder=True)
    return path


#: Names SmartPick gives what it stages; group 1 is the id of the process that made it.
_TEMP_FILE = re.compile(r"^\..+\.(\d+)-[a-z0-9_]{8}" + re.escape(TEMP_MARK) + "$"
                        r"|^\.(?:smartpick.*\.db|.+\.zip)\.tmp-(\d+)$")  # earlier builds
_STAGING = re.compile(r"^(?:\.restore-|\..+\.restore-|smartpick-restore-|smartpick-fresh-)"
                      r"(\d+)-[a-z0-9_]{8}$")


def sweep_leftovers(folder: Path | str) -> list[Path]:
    """Remove the temporary files and staging folders a killed SmartPick left in ``folder``;
    return them.

    Only names SmartPick makes (:func:`temp_prefix`, :func:`staging_dir`) are touched, only
    this user's, and only when the process whose id the name carries is gone (or the id now
    belongs to a process started after the file was last written).
    """
    removed: list[Path] = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed
    for entry in entries:
        file_match, dir_match = _TEMP_FILE.match(entry.name), _STAGING.match(entry.name)
        if not file_match and not dir_match:
            continue
        try:
            info = entry.lstat()
            if hasattr(os, "getuid") and info.st_uid != os.getuid():
                continue
            if not (stat.S_ISREG(info.st_mode) if file_match else stat.S_ISDIR(info.st_mode)):
                continue  # never a link, never a folder named like a file or the reverse
            pid = int(next(g for g in (file_match or dir_match).groups() if g))
            if not _abandoned(pid, info.st_mtime):
                continue
            if dir_match:
                shutil.rmtree(entry)
            else:
                entry.unlink()
            removed.append(entry)
        except OSError:
            continue
    return removed


def _abandoned(pid: int, written: float) -> bool:
    """True when process ``pid`` is gone, or is a later process that reuses the id."""
    import psutil

    if pid == os.getpid():
        return False
    try:
        started = psutil.Process(pid).create_time()
    except psutil.NoSuchProcess:  # also a zombie: it writes nothing any more
        return True
    except psutil.Error:  # not ours to judge (another user's process): leave it
        return False
    return started > written + 2.0
