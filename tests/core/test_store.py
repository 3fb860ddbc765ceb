"""The store: one SQLite file, WAL, foreign keys, migrations to head."""

from __future__ import annotations

from sqlalchemy import text

from smartpick_desktop.core.datafolder import open_store
from smartpick_desktop.core.store.migrate import current_revision, head_revision
from smartpick_desktop.core.store.settings import get_setting, set_setting


def test_new_store_is_migrated_to_head(data_dir):
    store = open_store(data_dir)
    try:
        assert (data_dir / "smartpick.db").exists()
        assert current_revision(store) == head_revision()
    finally:
        store.close()


def test_pragmas(store):
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_reopen_does_not_migrate_again(data_dir):
    open_store(data_dir).close()
    from smartpick_desktop.core.store import migrate

    store = open_store(data_dir, upgrade=False)
    try:
        assert migrate.upgrade_to_head(store) is False
    finally:
        store.close()


def test_settings_round_trip(store):
    with store.session() as session:
        assert get_setting(session, "x", 5) == 5
        set_setting(session, "x", {"a": [1, 2]})
    with store.session() as session:
        assert get_setting(session, "x") == {"a": [1, 2]}


def test_session_rolls_back_on_error(store):
    try:
        with store.session() as session:
            set_setting(session, "y", 1)
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    with store.session() as session:
        assert get_setting(session, "y") is None
