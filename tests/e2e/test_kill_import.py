"""``kill -9`` in the middle of a 30,000-row import leaves none or all rows, and a sound store."""

from __future__ import annotations

import csv
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

ROWS = 30_000


def _smartpick(data_dir, *args):
    return [sys.executable, "-m", "smartpick_desktop", "--data-dir", str(data_dir), *args]


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("kill") / "programs.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["name", "institution", "specialty", "city", "state", "positions",
                         "acgme_id"])
        for i in range(ROWS):
            writer.writerow([f"Killtest Program {i}", f"Killtest Hospital {i}",
                             "Internal Medicine", "Columbus", "OH", 10, f"14{i:08d}"])
    return path


def _wait_for(proc, ready, limit=60.0):
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if proc.poll() is not None or ready():
            return
        time.sleep(0.005)


def _imported(db):
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return conn.execute("SELECT count(*) FROM programs WHERE name LIKE 'Killtest Program %'"
                            ).fetchone()[0]
    finally:
        conn.close()


@pytest.mark.slow
@pytest.mark.parametrize("moment", ["writing", "reading"])
def test_kill_9_during_import_leaves_none_or_all(moment, big_csv, tmp_path):
    data = tmp_path / "data"
    done = subprocess.run(_smartpick(data, "programs", "list", "--json"), capture_output=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    db = data / "smartpick.db"
    wal = data / "smartpick.db-wal"
    base_wal = wal.stat().st_size if wal.exists() else 0
    started = time.monotonic()
    proc = subprocess.Popen(_smartpick(data, "programs", "import", str(big_csv)),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        if moment == "writing":  # the store is being written: its WAL has grown by 1 MB
            _wait_for(proc, lambda: wal.exists() and wal.stat().st_size > base_wal + 2**20)
        else:  # the file is being read and checked
            _wait_for(proc, lambda: time.monotonic() - started > 0.8)
        killed = proc.poll() is None
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
        proc.stdout.close()
        proc.stderr.close()
    count = _imported(db)
    assert count in (0, ROWS)
    if moment == "writing":
        assert killed, "the import finished before it could be killed"
        assert count == 0
    # The store opens cleanly afterwards (no damage reported, nothing moved aside).
    from smartpick_desktop.core.datafolder import open_store

    open_store(data).close()
    assert not list(data.glob("*.damaged-*"))
