"""``smartpick profile …`` as a subprocess: exit codes, one-line errors, nothing changed."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

GOOD = {
    "version": 1, "name": "Zoë <b>O'Brien</b> & Núñez", "applicant_type": "us_md",
    "graduation_year": 2027, "home_state": "OH", "home_city": "Columbus", "step1": "pass",
    "step2_ck": 248, "comlex_level2": None, "failed_attempts": 0, "research_items": 6,
    "work_experiences": 3, "volunteer_experiences": 5, "honors": ["aoa"],
    "us_clinical_months": 0, "visa": "none", "specialty": "Internal Medicine",
    "backup_specialty": None, "couples": False, "budget_usd": 1500,
    "preferred_states": ["OH", "MI", "PA"], "max_distance_miles": None,
    "preferred_settings": ["university"],
    "weights": {"location": 0.3, "setting": 0.15, "size": 0.05, "reputation": 0.2, "chance": 0.3},
}


def run(data_dir, *args):
    return subprocess.run([sys.executable, "-m", "smartpick_desktop", "--data-dir",
                           str(data_dir), *args], capture_output=True, text=True, timeout=120)


def test_import_export_round_trips_every_key(tmp_path, data_dir):
    good = tmp_path / "good.json"
    good.write_text(json.dumps(GOOD), encoding="utf-8")
    assert run(data_dir, "profile", "import", str(good)).returncode == 0
    out = tmp_path / "out.json"
    result = run(data_dir, "profile", "export", str(out))
    assert result.returncode == 0, result.stderr
    exported = json.loads(out.read_text(encoding="utf-8"))
    for key, value in GOOD.items():
        assert exported[key] == value, key
    shown = json.loads(run(data_dir, "profile", "show").stdout)
    assert shown["name"] == GOOD["name"]


BAD_FILES = {
    "step2_400": json.dumps({**GOOD, "step2_ck": 400}),
    "unknown_type": json.dumps({**GOOD, "applicant_type": "martian"}),
    "score_as_string": json.dumps({**GOOD, "step2_ck": "248"}),
    "unknown_state": json.dumps({**GOOD, "home_state": "ZZ"}),
    "negative_weight": json.dumps({**GOOD, "weights": {"location": -1}}),
    "version_99": json.dumps({**GOOD, "version": 99}),
    "truncated": json.dumps(GOOD)[:60],
    "empty": "",
    "array": "[1, 2, 3]",
}
EXPECTED_WORDS = {
    "step2_400": "step2_ck", "unknown_type": "applicant_type", "score_as_string": "step2_ck",
    "unknown_state": "home_state", "negative_weight": "weights.location",
    "version_99": "version", "truncated": "not valid JSON", "empty": "empty",
    "array": "JSON object",
}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """A data folder holding the good profile (shared: each bad import must change nothing)."""
    folder = tmp_path_factory.mktemp("seeded")
    good = folder / "good.json"
    good.write_text(json.dumps(GOOD), encoding="utf-8")
    assert run(folder / "data", "profile", "import", str(good)).returncode == 0
    return folder / "data"


@pytest.mark.parametrize("case", [*BAD_FILES, "missing"])
def test_bad_input_is_refused_and_changes_nothing(tmp_path, seeded, case):
    path = tmp_path / f"{case}.json"
    if case != "missing":
        path.write_text(BAD_FILES[case], encoding="utf-8")
    before = run(seeded, "profile", "show").stdout
    result = run(seeded, "profile", "import", str(path))
    assert result.returncode == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0]
    assert EXPECTED_WORDS.get(case, "no such file") in lines[0]
    assert "Traceback" not in result.stderr
    assert run(seeded, "profile", "show").stdout == before


def test_show_without_profile_is_a_clear_refusal(data_dir):
    result = run(data_dir, "profile", "show")
    assert result.returncode == 3
    assert "no profile yet" in result.stderr


def test_usage_error_exits_2(data_dir):
    result = run(data_dir, "profile", "frobnicate")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_version():
    result = subprocess.run([sys.executable, "-m", "smartpick_desktop", "--version"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.startswith("SmartPick ")


def test_smoke_exits_zero(data_dir):
    result = run(data_dir, "--smoke")
    assert result.returncode == 0, result.stderr
    assert "smoke test passed" in result.stdout
