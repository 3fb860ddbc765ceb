"""Portable backup: one file with everything, restored exactly; bad files change nothing."""

from __future__ import annotations

import errno
import json
import sqlite3
import zipfile

import pytest

from smartpick_desktop.core import portable
from smartpick_desktop.core.checklist import add_item, list_items
from smartpick_desktop.core.datafolder import open_store
from smartpick_desktop.core.errors import InputError, StoreError
from smartpick_desktop.core.profile import load_profile, save_profile
from smartpick_desktop.core.store import backup, migrate
from smartpick_desktop.core.store.engine import Store
from smartpick_desktop.core.store.settings import set_setting


@pytest.fixture
def filled(store, sample_profile):
    """The test's store with a profile, a setting, a checklist item and window settings."""
    with store.session() as s:
        save_profile(s, sample_profile)
        set_setting(s, "blob-ish", {"text": "émoji ✓ \u0000 tab\t", "n": 0.1 + 0.2})
        add_item(s, "Ask Dr. Lee for a letter", "Article: Letters")
    (store.data_dir / "ui-settings.ini").write_text("[window]\ntab=programs\n")
    return store


def _dump(store):
    snap = portable.dump_database(store.path)
    return snap.revision, {n: (t.columns, t.rows) for n, t in snap.tables.items()}


def test_round_trip_into_an_empty_folder(filled, tmp_path, sample_profile):
    file = tmp_path / "everything.smartpick.zip"
    summary = portable.write_backup(filled, file)
    assert summary.rows >= 3 and summary.ui_settings
    target = open_store(tmp_path / "laptop2")
    try:
        result = portable.restore(target, file)
        assert result.previous_backup is None  # nothing of the user's to keep
        assert _dump(target) == _dump(filled)
        with target.session() as s:
            assert load_profile(s) == sample_profile
            assert [i.text for i in list_items(s)] == ["Ask Dr. Lee for a letter"]
        assert (target.data_dir / "ui-settings.ini").read_text() == "[window]\ntab=programs\n"
    finally:
        target.close()


def test_manifest_names_version_revision_and_counts(filled, tmp_path):
    file = tmp_path / "b.zip"
    portable.write_backup(filled, file)
    with zipfile.ZipFile(file) as z:
        manifest = json.loads(z.read("manifest.json"))
        assert manifest["format"] == "smartpick-backup"
        assert manifest["schema_revision"] == migrate.head_revision()
        assert manifest["app_version"]
        assert manifest["tables"]["profile"]["rows"] == 1
        assert "ui-settings.ini" in z.namelist()


def test_restore_over_own_data_needs_force_and_backs_up_first(filled, tmp_path, sample_profile):
    file = tmp_path / "b.zip"
    other = open_store(tmp_path / "other")
    try:
        with other.session() as s:
            save_profile(s, sample_profile.copy() if hasattr(sample_profile, "copy")
                         else sample_profile)
        portable.write_backup(other, file)
    finally:
        other.close()
    with filled.session() as s:
        p = load_profile(s)
        p.name = "Someone Else"
        save_profile(s, p)
    before = _dump(filled)
    with pytest.raises(portable.NeedsForce, match="already holds your own data") as caught:
        portable.restore(filled, file)
    assert caught.value.fix == "replace_own_data"
    assert _dump(filled) == before
    result = portable.restore(filled, file, force=True)
    assert result.previous_backup is not None and result.previous_backup.exists()
    assert result.previous_backup.name.endswith("-before-restore.db")
    with filled.session() as s:
        assert load_profile(s).name == sample_profile.name
    # The previous store can be brought back from its automatic backup.
    portable.restore(filled, result.previous_backup, force=True)
    assert _dump(filled)[1]["profile"] == before[1]["profile"]


def test_fresh_store_holds_no_user_data(store, sample_profile):
    assert not portable.has_user_data(store)
    with store.session() as s:
        save_profile(s, sample_profile)
    assert portable.has_user_data(store)


def _bad_files(tmp_path, good):
    data = good.read_bytes()
    yield "truncated", data[: len(data) // 2]
    yield "random", bytes(range(256)) * 20
    yield "empty", b""
    yield "text", b'{"version": 1, "name": "a profile, not a backup"}'
    with zipfile.ZipFile(good) as z:
        members = {n: z.read(n) for n in z.namelist()}

    def rezip(change):
        copy = dict(members)
        change(copy)
        out = tmp_path / "rezip.zip"
        with zipfile.ZipFile(out, "w") as z:
            for n, d in copy.items():
                z.writestr(n, d)
        return out.read_bytes()

    yield "foreign zip", rezip(lambda m: m.pop("manifest.json"))
    manifest = json.loads(members["manifest.json"])

    def with_manifest(**changes):
        def change(m):
            m["manifest.json"] = json.dumps({**manifest, **changes}).encode()
        return change

    yield "newer schema", rezip(with_manifest(schema_revision="9999"))
    yield "other format", rezip(with_manifest(format="something-else"))
    yield "tampered table", rezip(lambda m: m.update({"tables/profile.json": b'{"x": 1}'}))
    tables = dict(manifest["tables"])
    tables["profile"] = {**tables["profile"], "rows": 5}
    yield "wrong count", rezip(with_manifest(tables=tables))
    tables = dict(manifest["tables"])
    tables["no_such_table"] = tables["profile"]
    yield "unknown table", rezip(with_manifest(tables=tables))


def test_bad_files_are_refused_and_change_nothing(filled, tmp_path):
    good = tmp_path / "good.zip"
    portable.write_backup(filled, good)
    before = _dump(filled)
    backups_before = backup.list_backups(filled.data_dir)
    for label, data in list(_bad_files(tmp_path, good)):
        bad = tmp_path / "bad.zip"
        bad.write_bytes(data)
        with pytest.raises(InputError) as caught:
            portable.restore(filled, bad, force=True)
        message = str(caught.value)
        assert str(bad) in message and "\n" not in message, label
        assert "nothing was changed" in message, label
        assert _dump(filled) == before, label
    assert backup.list_backups(filled.data_dir) == backups_before


def test_a_failure_half_way_rolls_back(filled, tmp_path, monkeypatch):
    file = tmp_path / "b.zip"
    portable.write_backup(filled, file)
    with filled.session() as s:
        add_item(s, "An item made after the backup", "by hand")
    before = _dump(filled)
    real = portable._load_rows
    calls = []

    def explode_on_live_store(conn, snapshot, source):
        real(conn, snapshot, source)  # every row is already replaced …
        calls.append(1)
        if len(calls) == 2:  # … in the live store (the first call fills the scratch store)
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(portable, "_load_rows", explode_on_live_store)
    with pytest.raises(OSError):
        portable.restore(filled, file, force=True)
    assert _dump(filled) == before


def test_restore_an_older_schema_migrates_it(tmp_path, sample_profile):
    old = Store(tmp_path / "old")
    old.data_dir.mkdir()
    migrate.upgrade(old, "0001")
    with old.session() as s:
        save_profile(s, sample_profile)
    file = tmp_path / "old.zip"
    portable.write_backup(old, file)
    old.close()
    with zipfile.ZipFile(file) as z:
        assert json.loads(z.read("manifest.json"))["schema_revision"] == "0001"
    target = open_store(tmp_path / "new")
    try:
        result = portable.restore(target, file)
        assert result.schema_revision == "0001"
        assert migrate.current_revision(target) == migrate.head_revision()
        with target.session() as s:
            assert load_profile(s) == sample_profile
    finally:
        target.close()


def test_backup_file_that_cannot_be_written(filled, tmp_path, monkeypatch):
    with pytest.raises(InputError, match="cannot be written"):
        portable.write_backup(filled, tmp_path / "no-such-folder" / "b.zip")
    folder = tmp_path / "a-folder.zip"
    folder.mkdir()
    with pytest.raises(InputError, match="cannot be written"):
        portable.write_backup(filled, folder)

    def full(self, *a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", full)
    with pytest.raises(InputError, match="No space left on device"):
        portable.write_backup(filled, tmp_path / "b.zip")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-folder.zip", "data"]


def test_restore_into_a_store_that_cannot_be_written(filled, tmp_path, monkeypatch):
    with filled.session() as s:
        for i in range(300):
            set_setting(s, f"bulk{i}", "x" * 500)  # the backup needs more pages than …
    file = tmp_path / "b.zip"
    portable.write_backup(filled, file)
    conn = sqlite3.connect(filled.path)
    conn.execute("DELETE FROM settings WHERE key LIKE 'bulk%'")
    conn.commit()
    conn.execute("VACUUM")  # … the store has now
    conn.close()
    before = _dump(filled)
    real_connect = sqlite3.connect

    def full_disk(*args, **kwargs):
        conn = real_connect(*args, **kwargs)
        if str(args[0]) == str(filled.path):
            conn.execute("PRAGMA max_page_count = 1")  # = its current size: a full disk
        return conn

    monkeypatch.setattr(portable.sqlite3, "connect", full_disk)
    with pytest.raises(StoreError, match="disk is full") as caught:
        portable.restore(filled, file, force=True)
    assert "\n" not in str(caught.value)
    monkeypatch.undo()
    assert _dump(filled) == before


# --- generic over the schema: FTS, triggers, blobs, AUTOINCREMENT, WITHOUT ROWID ---------------

_SCHEMA = """
CREATE TABLE parent(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL);
CREATE TABLE child(parent_id INTEGER NOT NULL REFERENCES parent(id) ON DELETE RESTRICT,
                   data BLOB, score REAL);
CREATE TABLE kv(k TEXT PRIMARY KEY, v) WITHOUT ROWID;
CREATE TABLE audit(id INTEGER PRIMARY KEY, what TEXT);
CREATE TRIGGER parent_audit AFTER INSERT ON parent BEGIN
  INSERT INTO audit(what) VALUES ('added ' || new.name); END;
CREATE TABLE docs(id INTEGER PRIMARY KEY, title TEXT, body TEXT);
CREATE VIRTUAL TABLE docs_fts USING fts5(title, body, content='docs', content_rowid='id');
CREATE VIRTUAL TABLE notes_fts USING fts5(text);
CREATE VIEW parent_names AS SELECT name FROM parent;
"""


def _raw_db(path, fill):
    conn = sqlite3.connect(path)
    conn.executescript(_SCHEMA)
    if fill:
        conn.executemany("INSERT INTO parent(name) VALUES (?)", [("a",), ("b",), ("c",)])
        conn.execute("DELETE FROM parent WHERE name = 'c'")  # sequence stays at 3
        conn.execute("INSERT INTO child VALUES (1, ?, ?)", (b"\x00\xffbytes", 1e-300))
        conn.execute("INSERT INTO child VALUES (2, NULL, ?)", (float("inf"),))
        conn.execute("INSERT INTO kv VALUES ('z', 1), ('a', 'text')")
        conn.execute("INSERT INTO docs VALUES (7, 'Letters', 'ask early for letters')")
        conn.execute("INSERT INTO docs_fts(rowid, title, body) SELECT id, title, body FROM docs")
        conn.execute("INSERT INTO notes_fts(rowid, text) VALUES (42, 'interview thank you')")
    conn.commit()
    conn.close()


def test_generic_copy_keeps_every_kind_of_table(tmp_path):
    src, dst = tmp_path / "src.db", tmp_path / "dst.db"
    _raw_db(src, fill=True)
    _raw_db(dst, fill=False)
    conn = sqlite3.connect(dst)
    conn.execute("INSERT INTO parent(name) VALUES ('stale')")  # replaced by the copy
    conn.commit()
    conn.close()
    snapshot = portable.dump_database(src)
    assert "docs_fts" not in snapshot.tables and "docs_fts_data" not in snapshot.tables
    assert "notes_fts" in snapshot.tables and "parent_names" not in snapshot.tables
    portable._write_rows(dst, snapshot, "test")
    copied = portable.dump_database(dst)
    assert {n: t.rows for n, t in copied.tables.items()} == \
        {n: t.rows for n, t in snapshot.tables.items()}
    conn = sqlite3.connect(dst)
    try:
        assert conn.execute("SELECT rowid FROM docs_fts WHERE docs_fts MATCH 'letters'"
                            ).fetchall() == [(7,)]
        assert conn.execute("SELECT rowid FROM notes_fts WHERE notes_fts MATCH 'thank'"
                            ).fetchall() == [(42,)]
        assert conn.execute("SELECT seq FROM sqlite_sequence WHERE name='parent'"
                            ).fetchone() == (3,)
        assert conn.execute("SELECT count(*) FROM audit").fetchone() == (3,)  # no extra rows
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master "
                                            "WHERE type='trigger'")}
        assert names == {"parent_audit"}
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        conn.close()


def test_generic_copy_refuses_broken_references(tmp_path):
    src, dst = tmp_path / "src.db", tmp_path / "dst.db"
    _raw_db(src, fill=True)
    _raw_db(dst, fill=False)
    snapshot = portable.dump_database(src)
    snapshot.tables["parent"].rows = snapshot.tables["parent"].rows[:1]
    with pytest.raises(InputError, match="points to a missing"):
        portable._write_rows(dst, snapshot, "test")
    assert portable.dump_database(dst).row_count == 0
