"""``kill -9`` during ``smartpick backup FILE`` and ``smartpick restore FILE`` (issue 16,
point 9): the half-written file or staging folder is recognisable, swept by the next backup to
that folder or the next start, and nothing of the user's is touched or lost."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

PROFILE = {"version": 1, "name": "Kai Moreno", "applicant_type": "us_md",
           "specialty": "Pediatrics", "home_state": "OH", "step2_ck": 241}

#: The real CLI, with every zip member written or read slowly, so there is time to kill it.
SLOW = """
import sys, time, zipfile
for name in ("writestr", "open"):
    def slow(*args, _real=getattr(zipfile.ZipFile, name), **kwargs):
        time.sleep(0.25)
        return _real(*args, **kwargs)
    setattr(zipfile.ZipFile, name, slow)
from smartpick_desktop.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def run(data_dir: Path, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "smartpick_desktop", "--data-dir",
                           str(data_dir), *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def kill_when(data_dir: Path, args: list, ready, limit: float = 90.0) -> int:
    """Run the slowed CLI, ``kill -9`` it as soon as ``ready(pid)`` holds; return its pid."""
    proc = subprocess.Popen([sys.executable, "-c", SLOW, "--data-dir", str(data_dir),
                             *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        end = time.monotonic() + limit
        while time.monotonic() < end and proc.poll() is None and not ready(proc.pid):
            time.sleep(0.005)
        assert proc.poll() is None, "it finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
        proc.stdout.close()
        proc.stderr.close()
    return proc.pid


@pytest.fixture()
def filled(tmp_path) -> Path:
    data = tmp_path / "data"
    (tmp_path / "profile.json").write_text(json.dumps(PROFILE))
    done = run(data, "profile", "import", tmp_path / "profile.json")
    assert done.returncode == 0, done.stderr
    return data


@pytest.mark.slow
def test_kill_9_during_backup_leaves_a_leftover_the_next_backup_sweeps(filled, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    earlier = out / "all.zip"
    assert run(filled, "backup", earlier).returncode == 0
    good = earlier.read_bytes()
    mine = {out / "notes.txt": "mine", out / "x.smartpick-tmp": "mine too",
            out / ".all.zip.backup": "an older copy",
            # named like ours, but its process (this test) is still running
            out / f".all.zip.{os.getpid()}-abcdefgh.smartpick-tmp": "in progress"}
    for path, text in mine.items():
        path.write_text(text)

    def staged(pid: int) -> list[Path]:
        return [p for p in out.glob(f".all.zip.{pid}-*.smartpick-tmp") if p.stat().st_size]

    pid = kill_when(filled, ["backup", earlier], lambda pid: bool(staged(pid)))
    leftover = out.glob(f".all.zip.{pid}-*.smartpick-tmp")
    assert len(list(leftover)) == 1  # the hole: a partial file beside the target …
    assert earlier.read_bytes() == good  # … but the earlier good backup is whole

    done = run(filled, "backup", out / "again.zip")  # the next backup to that folder sweeps it
    assert done.returncode == 0, done.stderr
    assert not list(out.glob(f".*.{pid}-*"))
    assert earlier.read_bytes() == good
    assert all(path.read_text() == text for path, text in mine.items())
    assert zipfile.ZipFile(out / "again.zip").testzip() is None
    fresh = tmp_path / "restored"
    done = run(fresh, "restore", out / "again.zip")
    assert done.returncode == 0, done.stderr
    shown = run(fresh, "profile", "show")
    assert json.loads(shown.stdout)["name"] == "Kai Moreno"


@pytest.mark.slow
def test_kill_9_during_restore_leaves_a_staging_folder_the_next_start_sweeps(filled,
                                                                            tmp_path):
    backup = tmp_path / "all.zip"
    assert run(filled, "backup", backup).returncode == 0
    before = run(filled, "profile", "show").stdout

    def staged(pid: int) -> bool:
        return any(p.is_dir() and any(p.iterdir()) for p in filled.glob(f".restore-{pid}-*"))

    pid = kill_when(filled, ["restore", backup, "--force"], staged)
    assert list(filled.glob(f".restore-{pid}-*"))  # the hole: user data staged beside …
    shown = run(filled, "profile", "show")  # … and swept at the next start
    assert shown.returncode == 0 and shown.stdout == before
    assert not list(filled.glob(".restore-*"))
    assert sorted(p.name for p in filled.parent.iterdir()) == ["all.zip", "data",
                                                               "profile.json"]
