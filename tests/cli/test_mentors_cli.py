"""``smartpick mentors``: import, list, export, due, and refusals with exit 3."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

VCARDS = Path(__file__).parents[1] / "core" / "mentors" / "data" / "vcards"


def run(data_dir, *args):
    return subprocess.run([sys.executable, "-m", "smartpick_desktop", "--data-dir",
                           str(data_dir), "mentors", *map(str, args)],
                          capture_output=True, text=True, timeout=60)


def test_import_list_export_round_trip_and_due(tmp_path):
    data = tmp_path / "data"
    done = run(data, "import", VCARDS / "gmail-list.vcf")
    assert done.returncode == 0, done.stderr
    assert "3 added" in done.stdout
    listed = json.loads(run(data, "list", "--json").stdout)
    assert [c["name"] for c in listed] == ["Arnold Smith", "Chris Beatle", "Doug White"]
    assert set(listed[0]) >= {"id", "name", "email", "organization", "role"}
    assert run(data, "export", tmp_path / "out.csv").returncode == 0
    assert run(data, "import", tmp_path / "out.csv").stdout.count("3 already there") == 1

    from smartpick_desktop.core.datafolder import open_store
    from smartpick_desktop.core.mentors.interactions import log_interaction

    store = open_store(data)
    with store.session() as s:
        log_interaction(s, listed[0]["id"], "meeting", dt.date.today() - dt.timedelta(days=3))
    store.close()
    due = run(data, "due", "--json")
    assert due.returncode == 0, due.stderr
    (item,) = json.loads(due.stdout)
    assert item["contact"] == "Arnold Smith" and item["overdue"] is True
    assert item["due"] == (dt.date.today() - dt.timedelta(days=1)).isoformat()
    assert set(item) >= {"contact", "reason", "due", "overdue"}


def test_bad_files_exit_3_and_change_nothing(tmp_path):
    data = tmp_path / "data"
    assert run(data, "import", VCARDS / "rfc2426-example.vcf").returncode == 0
    empty = tmp_path / "empty.vcf"
    empty.write_text("")
    truncated = tmp_path / "cut.vcf"
    truncated.write_text((VCARDS / "gmail-list.vcf").read_text()[:200])
    other = tmp_path / "notes.vcf"
    other.write_text("just some text\n")
    for path in (empty, truncated, other, tmp_path / "missing.vcf", tmp_path / "x.pdf"):
        done = run(data, "import", path)
        assert done.returncode == 3, (path, done.stderr)
        assert done.stderr.count("\n") == 1 and str(path.name) in done.stderr
    names = [c["name"] for c in json.loads(run(data, "list", "--json").stdout)]
    assert names == ["Frank Dawson", "Tim Howes"]
