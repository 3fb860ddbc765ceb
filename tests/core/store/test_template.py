"""The shipped first-start store is current, and seeding never touches an existing store."""

from __future__ import annotations

import sqlite3

import pytest

from smartpick_desktop.core.datafolder import open_store
from smartpick_desktop.core.store import template
from smartpick_desktop.core.store.migrate import current_revision, head_revision

STALE = ("The shipped store template is stale: run "
         "'.venv/bin/python scripts/make_store_template.py' and commit the result.")


def _schema_and_counts(path):
    with sqlite3.connect(path) as conn:
        schema = sorted(row for row in conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
        programs = conn.execute("SELECT count(*) FROM programs").fetchone()[0]
        settings = dict(conn.execute("SELECT key, value FROM settings"))
    return schema, programs, settings


def test_template_matches_a_store_built_from_scratch(tmp_path, monkeypatch, caplog):
    seeded = open_store(tmp_path / "seeded")
    assert current_revision(seeded) == head_revision(), STALE
    seeded.close()
    monkeypatch.setattr(template, "template_path", lambda: tmp_path / "absent.gz")
    scratch = open_store(tmp_path / "scratch")
    scratch.close()
    assert "No usable store template" in caplog.text
    got = _schema_and_counts(tmp_path / "seeded" / "smartpick.db")
    want = _schema_and_counts(tmp_path / "scratch" / "smartpick.db")
    assert got == want, STALE


def test_seeding_never_overwrites(tmp_path):
    db = tmp_path / "smartpick.db"
    db.write_bytes(b"mine")
    assert template.seed_new_store(db) is False
    assert db.read_bytes() == b"mine"


@pytest.mark.parametrize("content", [b"", b"not gzip at all"])
def test_a_broken_template_falls_back_to_building(tmp_path, monkeypatch, content, caplog):
    broken = tmp_path / "broken.gz"
    broken.write_bytes(content)
    monkeypatch.setattr(template, "template_path", lambda: broken)
    store = open_store(tmp_path / "data")
    try:
        assert current_revision(store) == head_revision()
    finally:
        store.close()
    assert not (tmp_path / "data" / "smartpick.db.new").exists()
    assert "No usable store template" in caplog.text
