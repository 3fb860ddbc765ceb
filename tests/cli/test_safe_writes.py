"""Exports never overwrite the data store, write whole files only, and stay private
(issue 16, points 2 and 9), as subprocesses where the defect was seen."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

PROFILE = {"version": 1, "name": "Kai Moreno", "applicant_type": "us_md",
           "specialty": "Pediatrics", "home_state": "OH", "step2_ck": 241}


def run(data_dir, *args):
    return subprocess.run([sys.executable, "-m", "smartpick_desktop", "--data-dir",
                           str(data_dir), *map(str, args)],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("safe")
    data = tmp / "data"
    (tmp / "profile.json").write_text(json.dumps(PROFILE))
    done = run(data, "profile", "import", tmp / "profile.json")
    assert done.returncode == 0, done.stderr
    done = run(data, "backup", tmp / "first.zip")  # makes the day's automatic backup too
    assert done.returncode == 0, done.stderr
    return data


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("command", [
    ("profile", "export", "{data}/smartpick.db"),
    ("profile", "export", "{data}/smartpick.db-wal"),
    ("profile", "export", "{data}/smartpick.db-shm"),
    ("programs", "export", "{data}/smartpick.db"),
    ("mentors", "export", "link:contacts.csv"),
    ("plan", "export", "link:plan.pdf"),
    ("plan", "export", "{data}/../plan.pdf", "--ics", "link:plan.ics"),
    ("backup", "{data}/smartpick.db"),
    ("profile", "export", "{backup}"),
])
def test_writing_onto_the_store_or_a_backup_exits_3_and_the_store_still_opens(filled, command):
    backup = sorted((filled / "backups").iterdir())[0]
    backup_bytes = backup.read_bytes()
    args = [part.format(data=filled, backup=backup) for part in command]
    if args[-1].startswith("link:"):  # a link named like an export, pointing at the store
        link = filled.parent / args[-1][5:]
        link.unlink(missing_ok=True)
        link.symlink_to(filled / "smartpick.db")
        args[-1] = str(link)
    done = run(filled, *args)
    assert done.returncode == 3, done.stderr
    assert done.stderr.count("\n") == 1 and "SmartPick's own data" in done.stderr
    assert "Traceback" not in done.stderr
    from smartpick_desktop.core.store.integrity import check_file

    assert check_file(filled / "smartpick.db") is None
    assert backup.read_bytes() == backup_bytes
    shown = run(filled, "profile", "show")
    assert shown.returncode == 0 and json.loads(shown.stdout)["name"] == "Kai Moreno"


def test_store_backups_and_exports_are_private(filled, tmp_path):
    assert _mode(filled) == 0o700
    assert _mode(filled / "smartpick.db") == 0o600
    assert _mode(filled / "backups") == 0o700
    backups = list((filled / "backups").iterdir())
    assert backups and all(_mode(b) == 0o600 for b in backups)
    portable = filled.parent / "first.zip"
    assert _mode(portable) == 0o600
    out = tmp_path / "profile.json"
    assert run(filled, "profile", "export", out).returncode == 0
    assert _mode(out) == 0o600
    for companion in ("smartpick.db-wal", "smartpick.db-shm"):
        if (filled / companion).exists():
            assert _mode(filled / companion) == 0o600


def test_an_existing_store_made_public_is_made_private_again(tmp_path):
    data = tmp_path / "public"
    assert run(data, "programs", "list").returncode == 0
    os.chmod(data, 0o755)
    os.chmod(data / "smartpick.db", 0o644)
    assert run(data, "programs", "list").returncode == 0
    assert _mode(data) == 0o700 and _mode(data / "smartpick.db") == 0o600


def _gone_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(done.stdout)


def test_leftovers_of_a_killed_run_are_swept_at_start(tmp_path):
    data = tmp_path / "data"
    assert run(data, "programs", "list").returncode == 0
    (data / "backups").mkdir(exist_ok=True)
    dead, alive = _gone_pid(), os.getpid()
    tmp = Path(tempfile.gettempdir())
    stale = [data / f".restore-{dead}-abc12345", tmp_path / f".data.restore-{dead}-def45678",
             tmp / f"smartpick-restore-{dead}-zz99yy88",
             data / "backups" / f".smartpick-x.db.{dead}-q1w2e3r4.smartpick-tmp",
             data / "backups" / f".smartpick-x.db.tmp-{dead}",
             data / f".smartpick.db.{dead}-a1b2c3d4.smartpick-tmp"]
    for folder in stale[:3]:
        folder.mkdir()
        (folder / "stage.db").write_bytes(b"user data")
    for path in stale[3:]:
        path.write_bytes(b"partial")
    keep = [data / "notes.txt", data / ".restore-notes", data / f".restore-{dead}-short",
            data / f".x.db.{alive}-a1b2c3d4.smartpick-tmp",  # a process still running
            tmp_path / f".data.restore-{alive}-abcdefgh"]
    for path in keep:
        path.write_text("mine") if "restore" not in path.name else path.mkdir()
    link = data / f".y.db.{dead}-a1b2c3d4.smartpick-tmp"  # never a link, whatever its name
    link.symlink_to(data / "notes.txt")
    assert run(data, "programs", "list").returncode == 0
    assert not any(p.exists() for p in stale)
    assert all(p.exists() for p in keep) and link.is_symlink()
    assert (data / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize("command", [("profile", "export", "{out}/profile.json"),
                                     ("programs", "export", "{out}/programs.csv")])
def test_every_export_sweeps_what_a_killed_writer_left_in_its_folder(filled, tmp_path,
                                                                      command):
    """Exports, PDF, .ics and backups share one writer (``files.atomic_path``): before
    writing, it sweeps its own leftovers of gone processes from the target's folder."""
    dead = _gone_pid()
    leftover = tmp_path / f".profile.json.{dead}-k9k9k9k9.smartpick-tmp"
    leftover.write_text("half a file")
    mine = [tmp_path / "profile.json.smartpick-tmp", tmp_path / f".notes.{dead}.txt",
            tmp_path / f".plan.pdf.{dead}-short.smartpick-tmp"]
    for path in mine:
        path.write_text("mine")
    done = run(filled, *[part.format(out=tmp_path) for part in command])
    assert done.returncode == 0, done.stderr
    assert not leftover.exists()
    assert all(path.read_text() == "mine" for path in mine)


def test_a_failed_export_leaves_the_earlier_file_whole(tmp_path, monkeypatch):
    """On a full disk the earlier good export stays (written beside it, then renamed)."""
    import errno

    from smartpick_desktop.core import files
    from smartpick_desktop.core.errors import InputError

    target = tmp_path / "contacts.csv"
    target.write_text("earlier good export\n")

    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(InputError, match="No space left on device"):
        files.write_atomic(target, "x" * 10_000, "Contacts file")
    assert target.read_text() == "earlier good export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contacts.csv"]


def test_any_sqlite_file_is_refused_as_an_export_target(store, tmp_path):
    from smartpick_desktop.core.files import ProtectedTargetError, check_target

    with pytest.raises(ProtectedTargetError):
        check_target(store.path)
    link = tmp_path / "innocent.json"
    link.symlink_to(store.path)
    with pytest.raises(ProtectedTargetError):
        check_target(link)
    assert check_target(tmp_path / "new.json") == tmp_path / "new.json"
