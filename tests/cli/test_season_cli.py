"""``smartpick season show|import|use`` and the platform fees ``optimize`` reports, as a user
runs them (issue 13's "Must hold" lines)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from smartpick_desktop.core.resources import resource_path

PROFILE = {
    "version": 1, "name": "Sam Lee", "applicant_type": "us_md",
    "specialty": "Emergency Medicine", "step2_ck": 250, "home_state": "OH",
    "preferred_states": ["OH"], "research_items": 3,
}


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "smartpick_desktop", "--data-dir",
                           str(data_dir), *args], capture_output=True, text=True, timeout=180)


def show(data_dir: Path, specialty: str) -> dict:
    out = run(data_dir, "season", "show", "--json", "--specialty", specialty)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def pack_2026() -> dict:
    return json.loads(resource_path("seasons", "2026-27.json").read_text(encoding="utf-8"))


def cas_fee(n: int) -> int:
    return 99 + 18 * max(0, min(n, 30) - 18) + 23 * max(0, n - 30)


def test_season_show_emergency_medicine_is_residencycas(data_dir):
    data = show(data_dir, "Emergency Medicine")
    assert set(data) == {"season", "source", "specialties"}
    assert data["season"] == "2026-27"  # today (Nov 2026) is in the 2026–27 season
    (em,) = data["specialties"]
    assert set(em) == {"specialty", "platform", "fee_rule", "signals", "dates"}
    assert em["platform"] == "ResidencyCAS"
    assert em["fee_rule"]["fees"]["46"] == 683 and em["fee_rule"]["fees"]["18"] == 99
    assert set(em["fee_rule"]["fees"]) == {"1", "18", "30", "31", "46"}
    today = dt.date.today()
    for d in em["dates"]:
        assert set(d) == {"name", "date", "source", "past"}
        assert d["past"] == (dt.date.fromisoformat(d["date"]) < today) and d["source"]


def test_season_show_internal_medicine_is_eras_with_tiered_signals(data_dir):
    (im,) = show(data_dir, "Internal Medicine")["specialties"]
    assert im["platform"] == "ERAS"
    assert im["fee_rule"]["fees"]["30"] == 330 and im["fee_rule"]["fees"]["31"] == 360
    assert im["signals"] == {"gold": 3, "silver": 12}


def test_season_show_text_and_outside_the_match(data_dir):
    out = run(data_dir, "season", "show", "--specialty", "Urology")
    assert out.returncode == 0, out.stderr
    assert "AUA" in out.stdout and "does not plan" in out.stdout
    bad = run(data_dir, "season", "show", "--specialty", "Astrology")
    assert bad.returncode == 3 and "unknown specialty" in bad.stderr


@pytest.mark.parametrize("mutate, words", [
    (lambda p: p["platforms"]["ResidencyCAS"]["fee_rule"]["tiers"].pop(1), "without gaps"),
    (lambda p: p["platforms"]["ERAS"]["fee_rule"]["tiers"][0].update(usd="eleven"),
     "whole number"),
    (lambda p: p["platforms"]["ERAS"]["fee_rule"].pop("tiers"), "expected a list"),
    (lambda p: p["platforms"]["ERAS"]["fee_rule"]["tiers"][-1].update(to=99), "no upper bound"),
])
def test_a_malformed_fee_rule_is_refused_and_nothing_changes(data_dir, tmp_path, mutate, words):
    before = show(data_dir, "Emergency Medicine")
    pack = pack_2026()
    mutate(pack)
    path = tmp_path / "bad-season.json"
    path.write_text(json.dumps(pack), encoding="utf-8")
    out = run(data_dir, "season", "import", str(path))
    assert out.returncode == 3
    assert out.stderr.count("\n") == 1 and "bad-season.json" in out.stderr and words in out.stderr
    assert "Traceback" not in out.stderr
    assert show(data_dir, "Emergency Medicine") == before


@pytest.mark.parametrize("content, words", [
    (b"\x00\xff\xfe garbage", "not UTF-8"),
    (b'{"format": "smartpick-season", "version": 1, "x": NaN}', "NaN"),
    (b"[1, 2, 3]", "expected an object"),
    (b"not json at all", "not valid JSON"),
])
def test_garbage_and_non_finite_packs_are_refused(data_dir, tmp_path, content, words):
    path = tmp_path / "junk.json"
    path.write_bytes(content)
    out = run(data_dir, "season", "import", str(path))
    assert out.returncode == 3 and words in out.stderr, out.stderr


def test_an_oversized_pack_is_refused(data_dir, tmp_path):
    path = tmp_path / "huge.json"
    path.write_bytes(b" " * 1_100_000 + b"{}")
    out = run(data_dir, "season", "import", str(path))
    assert out.returncode == 3 and "at most" in out.stderr


@pytest.fixture
def em_folder(tmp_path):
    data = tmp_path / "data"
    profile = tmp_path / "profile.json"
    profile.write_text(json.dumps(PROFILE), encoding="utf-8")
    assert run(data, "profile", "import", str(profile)).returncode == 0
    return data


def _fees(result: dict) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in result["programs"]:
        counts[row["specialty"]] = counts.get(row["specialty"], 0) + 1
    return counts


def test_optimize_charges_an_em_applicant_on_residencycas(em_folder):
    out = run(em_folder, "optimize", "--max-apps", "25", "--dry-run", "--json")
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    n = len(result["programs"])
    assert n > 18
    assert result["fee_usd"] == cas_fee(n)
    assert result["fee_breakdown"][0]["platform"] == "ResidencyCAS"
    assert result["whole_cost"]["total_usd"] >= result["fee_usd"]


def test_dual_applicant_pays_both_platforms(tmp_path):
    data = tmp_path / "data"
    profile = tmp_path / "profile.json"
    profile.write_text(json.dumps({**PROFILE, "specialty": "Internal Medicine",
                                   "backup_specialty": "Emergency Medicine"}), encoding="utf-8")
    assert run(data, "profile", "import", str(profile)).returncode == 0
    out = run(data, "optimize", "--max-apps", "60", "--dry-run", "--json")
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    counts = _fees(result)
    im, em = counts.get("Internal Medicine", 0), counts.get("Emergency Medicine", 0)
    assert im and em, counts
    eras = 11 * min(im, 30) + 30 * max(0, im - 30)
    assert result["fee_usd"] == eras + cas_fee(em)
    platforms = {p["specialty"]: p["platform"] for p in result["fee_breakdown"]}
    assert platforms == {"Internal Medicine": "ERAS", "Emergency Medicine": "ResidencyCAS"}


def test_a_valid_pack_changes_season_show_and_optimize_fees(em_folder, tmp_path):
    before = json.loads(run(em_folder, "optimize", "--max-apps", "25", "--dry-run",
                            "--json").stdout)
    pack = pack_2026()
    pack["created"] = "2026-11-27"
    pack["platforms"]["ResidencyCAS"]["fee_rule"]["tiers"] = [
        {"from": 1, "to": 10, "usd": 120, "flat": True}, {"from": 11, "to": None, "usd": 20}]
    pack["platforms"]["ResidencyCAS"]["fee_rule"]["text"] = "$120 for 1–10, then $20 each"
    path = tmp_path / "advisor-2026-27.json"
    path.write_text(json.dumps(pack), encoding="utf-8")
    out = run(em_folder, "season", "import", str(path))
    assert out.returncode == 0, out.stderr
    (em,) = show(em_folder, "EM")["specialties"]
    assert em["fee_rule"]["fees"]["46"] == 120 + 36 * 20
    assert em["fee_rule"]["text"].startswith("$120")
    after = json.loads(run(em_folder, "optimize", "--max-apps", "25", "--dry-run",
                           "--json").stdout)
    n = len(after["programs"])
    assert after["fee_usd"] == 120 + 20 * max(0, n - 10) != before["fee_usd"]


def test_season_use_switches_and_today_switches_back(data_dir):
    out = run(data_dir, "season", "use", "2025-26")
    assert out.returncode == 0 and "chosen by you" in out.stdout
    assert show(data_dir, "IM")["season"] == "2025-26"
    assert run(data_dir, "season", "use", "1999-00").returncode == 3
    assert run(data_dir, "season", "use", "today").returncode == 0
    assert show(data_dir, "IM")["season"] == "2026-27"


def test_model_check_rows_name_the_nrmp_year_and_reproduce_its_rates(data_dir):
    """Whichever Match year the model uses (2025 or 2026), each row names it and the model is
    within 3 points of that year's published rate."""
    from smartpick_desktop.core.reference import load_reference

    out = run(data_dir, "model", "check", "--json")
    assert out.returncode == 0, out.stderr
    rows = [r for r in json.loads(out.stdout) if r["check"] == "match_rate"]
    by_year = load_reference().match_rates_by_year
    assert len(rows) == 4
    for r in rows:
        years = [y for y in (2025, 2026) if str(y) in r["source"]]
        assert "NRMP" in r["source"] and years, r["source"]
        assert r["published"] == pytest.approx(float(by_year[years[0]][r["applicant_type"]].value))
        assert abs(r["model"] - r["published"]) <= 0.03


def test_a_specialty_outside_the_main_match_is_not_planned(tmp_path):
    data = tmp_path / "data"
    profile = tmp_path / "profile.json"
    profile.write_text(json.dumps({**PROFILE, "specialty": "Urology"}), encoding="utf-8")
    assert run(data, "profile", "import", str(profile)).returncode == 0
    out = run(data, "optimize", "--dry-run")
    assert out.returncode == 3
    assert "AUA" in out.stderr and "does not plan" in out.stderr and "Traceback" not in out.stderr


def test_optimize_text_shows_the_whole_cost_and_keeps_the_travel_estimate(em_folder):
    out = run(em_folder, "optimize", "--max-apps", "20", "--dry-run",
              "--travel-per-interview", "250")
    assert out.returncode == 0, out.stderr
    assert "Whole cost $" in out.stdout and "on ResidencyCAS" in out.stdout
    assert "× $250 = $" in out.stdout  # the student's own estimate, multiplied out
    again = json.loads(run(em_folder, "optimize", "--max-apps", "20", "--dry-run",
                           "--json").stdout)
    travel = next(x for x in again["whole_cost"]["lines"] if x["kind"] == "travel")
    assert travel["estimate"] and "× $250" in travel["detail"]
    assert run(em_folder, "optimize", "--dry-run", "--travel-per-interview",
               "-5").returncode == 3
