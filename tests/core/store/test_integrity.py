"""Damaged stores: detected at open, moved aside (never deleted), newest good backup offered."""

from __future__ import annotations

import random
import sqlite3

import pytest

from smartpick_desktop.core.datafolder import open_store, restore_newest_backup
from smartpick_desktop.core.errors import StoreError
from smartpick_desktop.core.profile import load_profile, save_profile
from smartpick_desktop.core.store import backup
from smartpick_desktop.core.store.integrity import DamagedStoreError, check_file

PAGE = 4096


def _store_with_profile(data_dir, profile, *, starts=2):
    for _ in range(starts):
        store = open_store(data_dir)
        with store.session() as s:
            save_profile(s, profile)
        store.close()


def _scribble(path, offset, length, seed=7):
    noise = random.Random(seed).randbytes(length)
    with open(path, "r+b") as fh:
        fh.seek(offset)
        fh.write(noise)
    return noise


def test_random_bytes_over_first_pages(data_dir, sample_profile):
    _store_with_profile(data_dir, sample_profile)
    db = data_dir / "smartpick.db"
    noise = _scribble(db, 0, 2 * PAGE)
    with pytest.raises(DamagedStoreError) as caught:
        open_store(data_dir)
    err = caught.value
    message = str(err)
    assert "\n" not in message and str(db) in message and "damaged" in message
    assert err.backup is not None and str(err.backup) in message
    assert err.exit_code == 4
    assert not db.exists()
    assert err.moved_to.parent == data_dir and err.moved_to.name.startswith("smartpick.db.damaged-")
    assert err.moved_to.read_bytes()[: 2 * PAGE] == noise  # the damaged bytes are kept


def test_damage_past_the_header_is_found_by_quick_check(data_dir, sample_profile):
    store = open_store(data_dir)
    with store.session() as s:
        save_profile(s, sample_profile)
    store.close()
    conn = sqlite3.connect(data_dir / "smartpick.db")
    conn.execute("CREATE TABLE filler(x TEXT)")
    conn.executemany("INSERT INTO filler VALUES (?)", [("x" * 200,)] * 2000)
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    size = (data_dir / "smartpick.db").stat().st_size
    _scribble(data_dir / "smartpick.db", size // 2, 3 * PAGE)
    with pytest.raises(DamagedStoreError):
        open_store(data_dir)
    assert list(data_dir.glob("smartpick.db.damaged-*"))


def test_wal_and_shm_move_with_the_file(data_dir, sample_profile):
    _store_with_profile(data_dir, sample_profile, starts=1)
    db = data_dir / "smartpick.db"
    (data_dir / "smartpick.db-wal").write_bytes(b"wal bytes")
    (data_dir / "smartpick.db-shm").write_bytes(b"")
    _scribble(db, 0, PAGE)
    with pytest.raises(DamagedStoreError) as caught:
        open_store(data_dir)
    moved = caught.value.moved_to
    assert moved.with_name(moved.name + "-wal").read_bytes() == b"wal bytes"
    assert moved.with_name(moved.name + "-shm").exists()
    assert not (data_dir / "smartpick.db-wal").exists()
    assert caught.value.backup is None and "no automatic backup" in str(caught.value)


def test_folder_where_the_file_should_be_is_not_damage(data_dir):
    (data_dir / "smartpick.db").mkdir()
    with pytest.raises(StoreError) as caught:
        open_store(data_dir)
    assert not isinstance(caught.value, DamagedStoreError)
    assert "is a folder" in str(caught.value)
    assert (data_dir / "smartpick.db").is_dir()
    assert not list(data_dir.glob("*.damaged-*"))


def test_restore_newest_good_backup_after_damage(data_dir, sample_profile):
    _store_with_profile(data_dir, sample_profile)
    # A newer, broken backup is skipped in favour of the newest good one.
    good = backup.list_backups(data_dir)[0].path
    broken = good.with_name("smartpick-29991231-235959-manual.db")
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    assert check_file(broken) is not None
    _scribble(data_dir / "smartpick.db", 0, PAGE)
    with pytest.raises(DamagedStoreError) as caught:
        open_store(data_dir)
    assert caught.value.backup == good
    assert restore_newest_backup(data_dir) == good
    store = open_store(data_dir)
    try:
        with store.session() as s:
            assert load_profile(s) == sample_profile
    finally:
        store.close()


def test_restore_newest_backup_refuses_to_overwrite(data_dir, sample_profile):
    _store_with_profile(data_dir, sample_profile)
    with pytest.raises(StoreError, match="exists"):
        restore_newest_backup(data_dir)


def test_check_file_reasons(tmp_path):
    foreign = tmp_path / "x.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    assert check_file(foreign) == "not a SmartPick data file"
    text = tmp_path / "t.txt"
    text.write_text("hello")
    assert check_file(text) == "not a SQLite file"
    assert check_file(tmp_path / "missing.db")
