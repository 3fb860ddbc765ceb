"""Stores written at each earlier schema revision upgrade to the newest without losing a row.

The fixture files in tests/store_fixtures/ are made by scripts/make_store_fixtures.py.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from smartpick_desktop.core.datafolder import open_store
from smartpick_desktop.core.profile import load_profile
from smartpick_desktop.core.store import backup, migrate
from smartpick_desktop.core.store.engine import Store

FIXTURES = sorted((Path(__file__).parents[2] / "store_fixtures").glob("store-*.db"))


def _rows(path: Path) -> dict[str, tuple[list[str], set[tuple]]]:
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'alembic_version' AND sql NOT LIKE 'CREATE VIRTUAL%'")]
        out = {}
        for table in tables:
            cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            quoted = ", ".join(f'"{c}"' for c in cols)
            out[table] = (cols, set(conn.execute(f'SELECT {quoted} FROM "{table}"')))
        return out
    finally:
        conn.close()


def test_there_is_a_fixture_for_the_first_revision():
    assert [f.name for f in FIXTURES][:1] == ["store-0001.db"]


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_upgrade_keeps_every_row(fixture, data_dir):
    shutil.copy(fixture, data_dir / "smartpick.db")
    before = _rows(data_dir / "smartpick.db")
    assert before["profile"][1], "each fixture holds a profile"
    store = open_store(data_dir)
    try:
        assert migrate.current_revision(store) == migrate.head_revision()
        with store.session() as s:
            assert load_profile(s).name == "Fixture Student"
    finally:
        store.close()
    after = _rows(data_dir / "smartpick.db")
    for table, (cols, rows) in before.items():
        assert table in after, f"table {table} disappeared"
        new_cols, new_rows = after[table]
        kept = [new_cols.index(c) for c in cols if c in new_cols]
        assert len(kept) == len(cols), f"{table}: columns {set(cols) - set(new_cols)} are gone"
        projected = {tuple(r[i] for i in kept) for r in new_rows}
        assert rows <= projected, f"{table}: {len(rows - projected)} rows lost"
    assert [b.reason for b in backup.list_backups(data_dir)] == \
        [f"before-migration-{migrate.head_revision()}"]
    conn = sqlite3.connect(data_dir / "smartpick.db")
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def test_each_revision_upgrades_in_turn(tmp_path):
    store = Store(tmp_path)
    try:
        revisions = sorted(p.name[:4] for p in (migrate.migrations_dir() / "versions").glob(
            "0*.py"))
        for revision in revisions:
            migrate.upgrade(store, revision)
            assert migrate.current_revision(store) == revision
    finally:
        store.close()
