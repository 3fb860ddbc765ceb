"""``smartpick programs import|list|export`` as a subprocess."""

import csv
import json
import subprocess
import sys

import pytest


def run(data_dir, *args):
    return subprocess.run([sys.executable, "-m", "smartpick_desktop", "--data-dir",
                           str(data_dir), *args], capture_output=True, text=True, timeout=120)


def test_fresh_folder_lists_demo_catalog(tmp_path):
    out = run(tmp_path / "d", "programs", "list", "--json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert len(rows) >= 3000 and len({r["specialty"] for r in rows}) >= 15
    for key in ("program_id", "acgme_id", "name", "specialty", "city", "state", "positions",
                "setting", "source"):
        assert key in rows[0]
    assert all(r["source"] == "demo" and r["demo"] for r in rows)
    text = run(tmp_path / "d", "programs", "list", "--specialty", "Derm", "--state", "NY")
    assert text.returncode == 0 and "[demo]" in text.stdout and "Dermatology" in text.stdout


def test_import_refuses_then_skips_and_exports(tmp_path):
    data = tmp_path / "d"
    bad = tmp_path / "bad.csv"
    bad.write_text("Program ID,Program Name,Specialty,City,State,First Year Positions\n"
                   "1403621100,Good IM,Internal Medicine,Columbus,OH,10\n"
                   ",Bad IM,Internal Medicine,Dayton,OH,ten\n"
                   ",Other IM,Internal Medicine,Nowhere,XX,3\n", encoding="utf-8")
    out = run(data, "programs", "import", str(bad))
    assert out.returncode == 3 and "row 3" in out.stderr and "Traceback" not in out.stderr
    listed = json.loads(run(data, "programs", "list", "--json").stdout)
    assert not [r for r in listed if not r["demo"]]
    out = run(data, "programs", "import", str(bad), "--skip-invalid")
    assert out.returncode == 0, out.stderr
    again = run(data, "programs", "import", str(bad), "--skip-invalid")
    assert "0 added, 0 updated, 1 unchanged" in again.stdout
    mine = [r for r in json.loads(run(data, "programs", "list", "--json").stdout)
            if not r["demo"]]
    assert [(r["acgme_id"], r["positions"], r["source"]) for r in mine] == [
        ("1403621100", 10, "bad.csv")]
    export = tmp_path / "out.csv"
    assert run(data, "programs", "export", str(export)).returncode == 0
    with export.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == len(listed) + 2
    assert all(not c.startswith(("=", "+", "-", "@")) for row in rows for c in row)


@pytest.mark.parametrize("content", [b"", b"\x00\xff\x00binary", b"Program Name,Specialty\n"])
def test_bad_files_exit_3_without_traceback(tmp_path, content):
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    out = run(tmp_path / "d", "programs", "import", str(path))
    assert out.returncode == 3 and "x.csv" in out.stderr and "Traceback" not in out.stderr


def test_map_option(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("Title,Field,Town,ST\nMapped IM,IM,Tulsa,OK\n", encoding="utf-8")
    out = run(tmp_path / "d", "programs", "import", str(path), "--map", "Title=name",
              "--map", "Field=specialty", "--map", "Town=city")
    assert out.returncode == 0, out.stderr
    rows = json.loads(run(tmp_path / "d", "programs", "list", "--json", "--state",
                          "OK").stdout)
    assert any(r["name"] == "Mapped IM" and r["city"] == "Tulsa" for r in rows)


def test_template_writes_a_csv_the_importer_reads(tmp_path):
    out = tmp_path / "mine.csv"
    done = run(tmp_path / "d", "programs", "template", str(out))
    assert done.returncode == 0 and "Program name and Specialty are required" in done.stdout
    out.write_text(out.read_text(encoding="utf-8-sig")
                   + "Lakeside Real IM,Internal Medicine,,Toledo,OH,,10,,,,,,,,,,\r\n",
                   encoding="utf-8")
    imported = run(tmp_path / "d", "programs", "import", str(out))
    assert imported.returncode == 0, imported.stderr
