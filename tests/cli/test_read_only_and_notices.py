"""Read-only data folders, an empty data file, a skipped daily backup (issue 16, point 13)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

PROFILE = {"version": 1, "name": "Ines Costa", "applicant_type": "us_md",
           "specialty": "Pediatrics", "home_state": "OH", "step2_ck": 241}


def run(data_dir, *args):
    return subprocess.run([sys.executable, "-m", "smartpick_desktop", "--data-dir",
                           str(data_dir), *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def run_read_only(data_dir, *args):
    """Run the CLI with ``data_dir`` read-only: a read-only bind mount for root (who ignores
    permission bits), or plain permissions for anybody else."""
    command = [sys.executable, "-m", "smartpick_desktop", "--data-dir", str(data_dir),
               *map(str, args)]
    if os.geteuid() != 0:
        os.chmod(data_dir, 0o500)
        try:
            return subprocess.run(command, capture_output=True, text=True, timeout=120)
        finally:
            os.chmod(data_dir, 0o700)
    script = ('mount --bind -o ro "$0" "$0" && exec "$@"')
    return subprocess.run(["unshare", "-m", "sh", "-c", script, str(data_dir), *command],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    if os.geteuid() == 0 and (not shutil.which("unshare") or subprocess.run(
            ["unshare", "-m", "true"], capture_output=True).returncode != 0):
        pytest.skip("platform: cannot make a read-only folder here (no mount namespace)")
    tmp = tmp_path_factory.mktemp("ro")
    folder = tmp / "data"
    (tmp / "p.json").write_text(json.dumps(PROFILE))
    assert run(folder, "profile", "import", tmp / "p.json").returncode == 0
    return folder


def test_reading_commands_work_in_a_read_only_folder(data):
    writable = {cmd: run(data, *cmd).stdout for cmd in (("profile", "show"),
                                                        ("programs", "list", "--json"),
                                                        ("mentors", "list", "--json"),
                                                        ("articles", "list", "--json"))}
    for command, expected in writable.items():
        done = run_read_only(data, *command)
        assert done.returncode == 0, (command, done.stderr)
        assert done.stdout == expected
        assert "read-only" in done.stderr and done.stderr.count("\n") == 1


def test_writing_commands_say_the_folder_is_read_only(data, tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps({**PROFILE, "name": "Somebody Else"}))
    done = run_read_only(data, "profile", "import", path)
    assert done.returncode == 4, done.stderr
    assert "read-only" in done.stderr and "unable to open database file" not in done.stderr
    assert "Traceback" not in done.stderr
    assert json.loads(run(data, "profile", "show").stdout)["name"] == "Ines Costa"


def test_an_empty_read_only_folder_says_so(tmp_path):
    if os.geteuid() == 0 and not shutil.which("unshare"):
        pytest.skip("platform: cannot make a read-only folder here (no mount namespace)")
    folder = tmp_path / "empty"
    folder.mkdir()
    done = run_read_only(folder, "profile", "show")
    assert done.returncode == 4 and "read-only" in done.stderr, done.stderr


def test_an_empty_data_file_is_replaced_and_the_user_is_told(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "smartpick.db").write_bytes(b"")
    done = run(folder, "programs", "list")
    assert done.returncode == 0, done.stderr
    assert "was empty" in done.stderr and done.stderr.count("\n") == 1
    again = run(folder, "programs", "list")
    assert again.returncode == 0 and "was empty" not in again.stderr


def test_a_skipped_daily_backup_is_told_once(store, monkeypatch, caplog):
    """On a full disk the day's backup fails: one sentence, the store still opens."""
    import errno

    from smartpick_desktop.core.datafolder import open_store
    from smartpick_desktop.core.store import backup

    store.close()

    def full(*_args, **_kwargs):
        raise backup.StoreError("no room") from OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup, "make_backup", full)
    monkeypatch.setattr(backup, "daily_backup_due", lambda *_a, **_k: True)
    opened = open_store(store.data_dir)
    try:
        skipped = [n for n in opened.notices if "backup was skipped" in n]
        assert len(skipped) == 1 and "No space left on device" in skipped[0]
        assert "backup" in caplog.text.lower()  # and the log says it too
    finally:
        opened.close()


def test_the_window_opens_on_a_read_only_folder(data):
    """--smoke visits every tab; none may try (and fail) to write at start-up."""
    done = run_read_only(data, "--smoke")
    if done.returncode != 0 and not done.stderr:
        # A silent non-zero exit under heavy CPU load is the worker race of issue 16 point 12
        # (fixed with the issue-17 job runner), not this check: run once more.
        done = run_read_only(data, "--smoke")
    assert "readonly database" not in done.stderr and "StoreError" not in done.stderr
    assert "read-only" not in done.stderr
    assert done.returncode == 0, done.stderr
