"""``smartpick backup FILE`` / ``restore FILE [--force]`` and a damaged store, as subprocesses."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

VCARDS = Path(__file__).parents[1] / "core" / "mentors" / "data" / "vcards"
PROFILE = {"version": 1, "name": "Sam Rivera", "applicant_type": "us_do",
           "specialty": "Pediatrics", "home_state": "OH", "step2_ck": 238}
PROGRAMS_CSV = ("name,institution,specialty,city,state,positions,acgme_id\n"
                "Test IM Program,Test U,Internal Medicine,Columbus,OH,12,1403800001\n"
                "Second Peds,Other U,Pediatrics,Dayton,OH,8,\n")
SHOWN = (("profile", "show"), ("programs", "list", "--json"), ("mentors", "list", "--json"),
         ("articles", "list", "--json"))


def run(data_dir, *args):
    return subprocess.run([sys.executable, "-m", "smartpick_desktop", "--data-dir",
                           str(data_dir), *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def ok(data_dir, *args):
    done = run(data_dir, *args)
    assert done.returncode == 0, (args, done.stderr)
    return done


def _name(data_dir) -> str:
    """The saved profile's name, read in-process (cheaper than a subprocess)."""
    from smartpick_desktop.core.datafolder import open_store
    from smartpick_desktop.core.profile import load_profile

    store = open_store(data_dir)
    try:
        with store.session() as s:
            return load_profile(s).name
    finally:
        store.close()


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    """A data folder with the user's own profile, programs, program notes, contacts, articles
    (filled in-process through the same core functions the commands call)."""
    from smartpick_desktop.core.articles.library import import_file as import_article
    from smartpick_desktop.core.catalog.queries import load_programs, update_user_fields
    from smartpick_desktop.core.catalog.spreadsheet import import_file as import_programs
    from smartpick_desktop.core.datafolder import open_store
    from smartpick_desktop.core.mentors.exchange import import_file as import_contacts
    from smartpick_desktop.core.profile import read_profile_file, save_profile

    tmp = tmp_path_factory.mktemp("filled")
    data = tmp / "data"
    (tmp / "profile.json").write_text(json.dumps(PROFILE))
    (tmp / "programs.csv").write_text(PROGRAMS_CSV)
    page = tmp / "page.html"
    page.write_text("<title>Night float</title><p>Pagers at night.</p>", encoding="utf-8")
    store = open_store(data)
    with store.session() as s:
        save_profile(s, read_profile_file(tmp / "profile.json"))
    with store.session() as s:
        import_programs(s, tmp / "programs.csv")
    with store.session() as s:
        import_contacts(s, VCARDS / "gmail-list.vcf")
    with store.session() as s:
        import_article(s, page)
    with store.session() as s:
        first = next(p for p in load_programs(s) if p.name == "Test IM Program")
        update_user_fields(s, first.program_id, stars=4, notes="Great fit — call Dr. Lee",
                           tags=["top"], status="applying")
    store.close()
    (data / "ui-settings.ini").write_text("[window]\ntab=mentors\n")
    return data


@pytest.fixture(scope="module")
def backup_file(filled):
    file = filled.parent / "all.smartpick.zip"
    done = ok(filled, "backup", file)
    assert str(file) in done.stdout and file.is_file()
    return file


def test_backup_then_restore_into_an_empty_folder_reproduces_everything(filled, backup_file,
                                                                         tmp_path):
    file = backup_file
    empty = tmp_path / "laptop2"
    done = ok(empty, "restore", file)
    assert "Restored" in done.stdout
    for command in SHOWN:
        assert ok(empty, *command).stdout == ok(filled, *command).stdout, command
    programs = json.loads(ok(empty, "programs", "list", "--json").stdout)
    mine = next(p for p in programs if p["name"] == "Test IM Program")
    assert mine["stars"] == 4 and mine["status"] == "applying"
    assert (empty / "ui-settings.ini").read_text() == "[window]\ntab=mentors\n"


def test_restore_over_own_data_needs_force(backup_file, tmp_path):
    file = backup_file
    other = tmp_path / "other"
    (tmp_path / "p.json").write_text(json.dumps({**PROFILE, "name": "Somebody Else"}))
    from smartpick_desktop.core.datafolder import open_store
    from smartpick_desktop.core.profile import read_profile_file, save_profile

    store = open_store(other)
    with store.session() as s:
        save_profile(s, read_profile_file(tmp_path / "p.json"))
    store.close()
    refused = run(other, "restore", file)
    assert refused.returncode == 3
    assert refused.stderr.count("\n") == 1 and "--force" in refused.stderr
    assert _name(other) == "Somebody Else"
    forced = ok(other, "restore", file, "--force")
    assert "before-restore" in forced.stdout
    assert _name(other) == "Sam Rivera"
    kept = list((other / "backups").glob("*-before-restore.db"))
    assert len(kept) == 1
    # The data replaced by the restore comes back from that automatic backup.
    ok(other, "restore", kept[0], "--force")
    assert _name(other) == "Somebody Else"


def test_bad_foreign_or_truncated_file_exits_3_and_changes_nothing(backup_file, tmp_path):
    good = backup_file
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(good.read_bytes()[:-500])
    foreign = tmp_path / "profile.json"
    foreign.write_text(json.dumps(PROFILE))
    target = tmp_path / "untouched"
    for bad in (truncated, foreign, tmp_path / "missing.zip"):
        done = run(target, "restore", bad)
        assert done.returncode == 3, done.stderr
        assert done.stderr.count("\n") == 1 and str(bad) in done.stderr
        assert "Traceback" not in done.stderr
    assert not target.exists()  # not even an empty store was created


def test_backup_to_a_place_that_cannot_be_written_exits_3(filled, tmp_path):
    done = run(filled, "backup", tmp_path / "no" / "such" / "folder" / "b.zip")
    assert done.returncode == 3 and "cannot be written" in done.stderr
    assert done.stderr.count("\n") == 1


def test_damaged_store_exits_4_and_keeps_the_damaged_bytes(tmp_path):
    data = tmp_path / "data"
    (tmp_path / "p.json").write_text(json.dumps(PROFILE))
    ok(data, "profile", "import", tmp_path / "p.json")
    ok(data, "profile", "show")  # a second start: the day's backup
    assert list((data / "backups").glob("smartpick-*-daily.db"))
    noise = random.Random(1).randbytes(3 * 4096)
    with open(data / "smartpick.db", "r+b") as fh:
        fh.write(noise)
    done = run(data, "profile", "show")
    assert done.returncode == 4
    assert done.stderr.count("\n") == 1 and "damaged" in done.stderr
    assert "Traceback" not in done.stderr
    kept = [p for p in data.iterdir() if p.is_file() and noise in p.read_bytes()]
    assert [p.name.startswith("smartpick.db.damaged-") for p in kept] == [True]
    # The line names the newest good backup; restoring it brings the profile back.
    backup_file = next((data / "backups").glob("*-daily.db"))
    assert str(backup_file) in done.stderr
    ok(data, "restore", backup_file)
    assert _name(data) == "Sam Rivera"


def test_restore_straight_onto_a_damaged_store(tmp_path):
    data = tmp_path / "data"
    (tmp_path / "p.json").write_text(json.dumps(PROFILE))
    ok(data, "profile", "import", tmp_path / "p.json")
    ok(data, "backup", tmp_path / "b.zip")
    with open(data / "smartpick.db", "r+b") as fh:
        fh.write(b"\x00" * 8192)
    done = run(data, "restore", tmp_path / "b.zip")
    assert done.returncode == 0, done.stderr
    assert "damaged" in done.stderr and "Restored" in done.stdout
    assert _name(data) == "Sam Rivera"
    assert list(data.glob("smartpick.db.damaged-*"))
