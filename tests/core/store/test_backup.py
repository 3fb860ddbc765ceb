"""Automatic backups: daily on start, before migrations, the newest ten kept."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3

import pytest

from smartpick_desktop.core.datafolder import open_store
from smartpick_desktop.core.errors import StoreError
from smartpick_desktop.core.profile import load_profile, save_profile
from smartpick_desktop.core.store import backup, migrate
from smartpick_desktop.core.store.engine import Store
from smartpick_desktop.core.store.integrity import check_file


def _rows(path, table):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT * FROM {table}").fetchall()
    finally:
        conn.close()


def test_backups_appear_after_starts(data_dir, sample_profile):
    store = open_store(data_dir)
    assert backup.list_backups(data_dir) == []  # a brand-new empty store has nothing to keep
    with store.session() as s:
        save_profile(s, sample_profile)
    store.close()
    open_store(data_dir).close()
    open_store(data_dir).close()
    found = backup.list_backups(data_dir)
    assert [b.reason for b in found] == ["daily"]  # at most one a day
    assert found[0].path.parent == data_dir / "backups"
    assert check_file(found[0].path) is None
    assert len(_rows(found[0].path, "profile")) == 1
    assert not found[0].path.with_name(found[0].path.name + "-wal").exists()


def test_next_day_makes_another_backup(store):
    assert backup.backup_on_start(store) is not None
    assert backup.backup_on_start(store) is None
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    made = backup.backup_on_start(store, today=tomorrow)
    assert made is not None and made.exists()


def test_keeps_the_newest_ten(store):
    start = dt.datetime(2026, 1, 1, 9, 0, 0)
    made = [backup.make_backup(store, "manual", now=start + dt.timedelta(hours=i))
            for i in range(13)]
    kept = backup.list_backups(store.data_dir)
    assert len(kept) == backup.BACKUPS_KEPT
    assert [b.path for b in kept] == list(reversed(made[3:]))
    assert not made[0].exists()


def test_same_second_backups_do_not_collide(store):
    now = dt.datetime(2026, 1, 1, 9, 0, 0)
    first = backup.make_backup(store, "manual", now=now)
    second = backup.make_backup(store, "manual", now=now)
    assert first != second and first.exists() and second.exists()
    assert backup.list_backups(store.data_dir)[0].path == second


def _store_at(data_dir, revision, profile=None):
    store = Store(data_dir)
    migrate.upgrade(store, revision)
    if profile is not None:
        with store.session() as s:
            save_profile(s, profile)
    store.close()


def test_backup_before_migration(data_dir, sample_profile):
    _store_at(data_dir, "0001", sample_profile)
    store = open_store(data_dir)
    try:
        assert migrate.current_revision(store) == migrate.head_revision()
        with store.session() as s:
            assert load_profile(s) == sample_profile
    finally:
        store.close()
    reasons = [b.reason for b in backup.list_backups(data_dir)]
    assert reasons == [f"before-migration-{migrate.head_revision()}"]
    saved = backup.list_backups(data_dir)[0].path
    conn = sqlite3.connect(saved)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    conn.close()
    assert backup.list_backups(data_dir)[0].label.startswith("Before updating")


def test_failed_migration_backup_stops_the_migration(data_dir, sample_profile, monkeypatch):
    _store_at(data_dir, "0001", sample_profile)

    def full(*_a, **_k):
        raise StoreError("Could not write backups/x.db: No space left on device; nothing was "
                         "changed.")

    monkeypatch.setattr(backup, "copy_database", full)
    with pytest.raises(StoreError, match="No space left"):
        open_store(data_dir)
    check = Store(data_dir)
    try:
        assert migrate.current_revision(check) == "0001"
    finally:
        check.close()


def test_failed_daily_backup_is_logged_not_fatal(data_dir, sample_profile, monkeypatch, caplog):
    store = open_store(data_dir)
    with store.session() as s:
        save_profile(s, sample_profile)
    store.close()
    (data_dir / "backups").mkdir()
    (data_dir / "backups").rmdir()
    (data_dir / "backups").write_text("a file where the folder should be")
    with caplog.at_level(logging.WARNING):
        store = open_store(data_dir)
    try:
        with store.session() as s:
            assert load_profile(s) == sample_profile
    finally:
        store.close()
    assert "Daily backup skipped" in caplog.text
    assert backup.list_backups(data_dir) == []


def test_migrating_alone_makes_no_backup(data_dir, sample_profile):
    """The store does not back itself up: opening a data folder asks for it (datafolder)."""
    _store_at(data_dir, "0001", sample_profile)
    store = Store(data_dir)
    try:
        assert migrate.upgrade_to_head(store) is True
    finally:
        store.close()
    assert backup.list_backups(data_dir) == []
