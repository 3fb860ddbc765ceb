"""Data folders whose names hold URL, INI and shell syntax (issue 16, points 1 and 3).

A ``?`` once ended the database URL (the data went to another file outside the folder) and a
``%`` broke Alembic's configuration; each name here must keep the store inside its folder through
import, backup, restore into an empty folder and migration.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parents[1] / "store_fixtures"
PROFILE = {"version": 1, "name": "Zoë O'Hara", "applicant_type": "us_md",
           "specialty": "Pediatrics", "home_state": "OH", "step2_ck": 241}
PROGRAMS_CSV = ("name,institution,specialty,city,state,positions,acgme_id\n"
                "Odd Path IM,Test U,Internal Medicine,Columbus,OH,12,1403800001\n")
#: One folder per character the issue names, plus all of them (and non-ASCII) at once.
ODD_NAMES = ["data?x=1", "data#frag", "data%41%", "it's", "a:b", "back\\slash", "dønnée ü",
             "all ?#%'&;@:\\ é"]
LISTINGS = (("profile", "show"), ("programs", "list", "--json"))


def run(data_dir, *args, env=None):
    return subprocess.run([sys.executable, "-m", "smartpick_desktop", "--data-dir",
                           str(data_dir), *map(str, args)],
                          capture_output=True, text=True, timeout=120, env=env)


def ok(data_dir, *args, env=None):
    done = run(data_dir, *args, env=env)
    assert done.returncode == 0, (args, done.stderr)
    assert not done.stderr, done.stderr
    return done


def _only_inside(parent: Path, folder: Path) -> None:
    """Nothing but the folder (and the test's own files) appeared next to it."""
    stray = [p.name for p in parent.iterdir() if p != folder and p.suffix not in (".json",
                                                                                  ".csv", ".zip")
             and not p.name.startswith("restored")]
    assert stray == [], stray


@pytest.mark.parametrize("name", ODD_NAMES[-1:])
def test_import_backup_restore_round_trip_in_an_odd_folder(tmp_path, name):
    parent = tmp_path / "parent"
    parent.mkdir()
    data = parent / name
    (parent / "profile.json").write_text(json.dumps(PROFILE), encoding="utf-8")
    (parent / "programs.csv").write_text(PROGRAMS_CSV, encoding="utf-8")
    ok(data, "profile", "import", parent / "profile.json")
    ok(data, "programs", "import", parent / "programs.csv")
    assert (data / "smartpick.db").is_file()
    _only_inside(parent, data)
    backup = parent / "all.zip"
    ok(data, "backup", backup)
    # The automatic backups and integrity checks read the real file: the data is in it.
    restored = parent / f"restored {name}"
    ok(restored, "restore", backup)
    for command in LISTINGS:
        assert ok(restored, *command).stdout == ok(data, *command).stdout, command
    assert "Odd Path IM" in ok(restored, "programs", "list", "--json").stdout
    assert json.loads(ok(restored, "profile", "show").stdout)["name"] == "Zoë O'Hara"
    _only_inside(parent, data)


@pytest.mark.parametrize("name", ODD_NAMES)
def test_store_file_is_the_one_inside_the_folder(tmp_path, name):
    from smartpick_desktop.core.datafolder import open_store
    from smartpick_desktop.core.profile import load_profile, save_profile

    data = tmp_path / name
    store = open_store(data)
    try:
        assert Path(store.engine.url.database) == data / "smartpick.db"
        with store.session() as session:
            from smartpick_desktop.core.profile import Profile

            save_profile(session, Profile(name="Inside", specialty="Pediatrics"))
    finally:
        store.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
    import sqlite3

    conn = sqlite3.connect(data / "smartpick.db")
    try:
        assert "Inside" in conn.execute("SELECT data FROM profile").fetchone()[0]
    finally:
        conn.close()
    again = open_store(data)
    try:
        with again.session() as session:
            assert load_profile(session).name == "Inside"
    finally:
        again.close()


@pytest.mark.parametrize("name", ODD_NAMES)
def test_migration_runs_in_an_odd_folder(tmp_path, name):
    """An old store in such a folder is migrated (once: exit 1, invalid interpolation)."""
    from smartpick_desktop.core.datafolder import open_store
    from smartpick_desktop.core.store import migrate
    from smartpick_desktop.core.store.backup import list_backups

    data = tmp_path / name
    data.mkdir()
    shutil.copy(FIXTURES / "store-0001.db", data / "smartpick.db")
    store = open_store(data)
    try:
        assert migrate.current_revision(store) == migrate.head_revision()
    finally:
        store.close()
    assert [b.reason for b in list_backups(data)][0].startswith("before-migration-")


def test_migration_and_restore_with_an_odd_temporary_folder(tmp_path):
    """Restores stage and migrate in scratch stores: TMPDIR with odd characters must work."""
    odd_tmp = tmp_path / "tmp ?#%'&;@:\\ é"
    odd_tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(odd_tmp)}
    old = tmp_path / "old"
    old.mkdir()
    shutil.copy(FIXTURES / "store-0001.db", old / "smartpick.db")
    backup = tmp_path / "old.zip"
    ok(old, "backup", backup, env=env)
    target = tmp_path / "new ?#%"
    done = ok(target, "restore", FIXTURES / "store-0001.db", env=env)
    assert "Restored" in done.stdout
    assert ok(target, "profile", "show", env=env).stdout == ok(old, "profile", "show",
                                                                 env=env).stdout
