"""A restore checks every row before anything is replaced (issue 16, points 4, 6 and 7).

Each bad backup below has correct checksums (recomputed after the edit), so only the content
checks can refuse it; the CLI must exit 3 with one sentence and not even create the folder.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

PROFILE = {"version": 1, "name": "Ada Park", "applicant_type": "us_md",
           "specialty": "Pediatrics", "home_state": "OH", "step2_ck": 241}


def run(data_dir, *args):
    return subprocess.run([sys.executable, "-m", "smartpick_desktop", "--data-dir",
                           str(data_dir), *map(str, args)],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def good_backup(tmp_path_factory) -> Path:
    from smartpick_desktop.core.datafolder import open_store
    from smartpick_desktop.core.portable import write_backup
    from smartpick_desktop.core.profile import Profile, save_profile

    tmp = tmp_path_factory.mktemp("restore-checks")
    store = open_store(tmp / "data")
    try:
        with store.session() as s:
            save_profile(s, Profile.from_dict(PROFILE))
        write_backup(store, tmp / "good.zip")
    finally:
        store.close()
    return tmp / "good.zip"


def tampered(good: Path, out: Path, table: str, edit) -> Path:
    """Copy the backup with ``edit(payload)`` applied to one table, checksums recomputed."""
    with zipfile.ZipFile(good) as src:
        manifest = json.loads(src.read("manifest.json"))
        members = {i.filename: src.read(i.filename) for i in src.infolist()}
    member = manifest["tables"][table]["member"]
    text = edit(members[member].decode("utf-8"))
    data = text.encode("utf-8", "surrogatepass")
    members[member] = data
    manifest["tables"][table]["sha256"] = hashlib.sha256(data).hexdigest()
    members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, payload in members.items():
            dst.writestr(name, payload)
    return out


def _set_first(column: str, raw_json_value: str):
    """An edit that puts ``raw_json_value`` (JSON text) into ``column`` of the first row."""
    def edit(text: str) -> str:
        payload = json.loads(text)
        index = payload["columns"].index(column) + int(payload["rowid"])
        payload["rows"][0][index] = "@@VALUE@@"
        return json.dumps(payload).replace('"@@VALUE@@"', raw_json_value, 1)
    return edit


CASES = {
    "text in a whole-number column": ("programs", _set_first("positions", '"many"')),
    "garbage profile JSON": ("profile", _set_first("data", '"{not json at all"')),
    "profile JSON with NaN": ("profile", _set_first(
        "data", json.dumps(json.dumps({**PROFILE, "x": 1}).replace("1}", "NaN}")))),
    "NaN in a number column": ("programs", _set_first("reputation", "NaN")),
    "infinity in a number column": ("programs", _set_first("latitude", "Infinity")),
    "integer overflow": ("programs", _set_first("positions", str(2**70))),
    "a lone surrogate": ("programs", _set_first("name", '"\\ud800 x"')),
    "a list in a text column": ("programs", _set_first("name", "[1, 2]")),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_rows_are_refused_with_exit_3_and_no_folder_is_made(good_backup, tmp_path, case):
    table, edit = CASES[case]
    bad = tampered(good_backup, tmp_path / "bad.zip", table, edit)
    target = tmp_path / "new-laptop"
    done = run(target, "restore", bad)
    assert done.returncode == 3, done.stderr
    assert done.stderr.count("\n") == 1 and "nothing was changed" in done.stderr
    assert "Traceback" not in done.stderr
    assert not target.exists()


def test_bad_rows_leave_an_existing_store_as_it_was(good_backup, tmp_path):
    target = tmp_path / "existing"
    assert run(target, "profile", "import", _profile_file(tmp_path)).returncode == 0
    before = run(target, "profile", "show").stdout
    bad = tampered(good_backup, tmp_path / "bad.zip", *CASES["text in a whole-number column"])
    done = run(target, "restore", bad, "--force")
    assert done.returncode == 3, done.stderr
    assert run(target, "profile", "show").stdout == before
    assert not list((target / "backups").glob("*before-restore*"))
    assert not [p for p in target.iterdir() if p.name.startswith(".restore-")]


def _profile_file(tmp_path: Path) -> Path:
    path = tmp_path / "p.json"
    path.write_text(json.dumps({**PROFILE, "name": "Kept Person"}))
    return path


def test_the_good_backup_still_restores(good_backup, tmp_path):
    target = tmp_path / "fine"
    done = run(target, "restore", good_backup)
    assert done.returncode == 0, done.stderr
    assert json.loads(run(target, "profile", "show").stdout)["name"] == "Ada Park"


def test_a_zip_bomb_member_is_refused_while_inflating(good_backup, tmp_path):
    """A member that lies about its size is stopped at the limit, not after gigabytes."""
    from smartpick_desktop.core import portable
    from smartpick_desktop.core.errors import InputError

    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(good_backup) as src, zipfile.ZipFile(bomb, "w",
                                                                zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
        dst.writestr("tables/zzz.json", b" " * (portable.MAX_MEMBER_BYTES + 2**20))
    with zipfile.ZipFile(bomb) as archive, pytest.raises(InputError, match="unpacks to more"):
        portable._read_capped(bomb, archive, "tables/zzz.json", [portable.MAX_UNPACKED_BYTES])


def test_a_deeply_nested_table_is_refused(good_backup, tmp_path):
    def deep(_text: str) -> str:
        return "[" * 100_000 + "]" * 100_000

    bad = tampered(good_backup, tmp_path / "deep.zip", "profile", deep)
    done = run(tmp_path / "t", "restore", bad)
    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr
