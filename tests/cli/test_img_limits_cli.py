"""IMG limits of a program (graduation-year cutoff, failed-attempt limit) from a spreadsheet to
the ranking, as a user runs it (issue 13)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

PROFILE = {
    "version": 1, "name": "Ana Ruiz", "applicant_type": "non_us_img",
    "specialty": "Internal Medicine", "step2_ck": 245, "graduation_year": 2018,
    "failed_attempts": 1, "visa": "j1", "ecfmg_status": "certified",
}


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "smartpick_desktop", "--data-dir",
                           str(data_dir), *args], capture_output=True, text=True, timeout=180)


def test_cutoff_and_attempt_limits_gate_eligibility_with_a_reason(tmp_path):
    data = tmp_path / "data"
    profile = tmp_path / "profile.json"
    profile.write_text(json.dumps(PROFILE), encoding="utf-8")
    assert run(data, "profile", "import", str(profile)).returncode == 0
    shown = json.loads(run(data, "profile", "show").stdout)
    assert shown["ecfmg_status"] == "certified"
    sheet = tmp_path / "programs.csv"
    with sheet.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Program", "Specialty", "City", "State", "Sponsors J-1",
                         "Graduation year cutoff", "Max failed attempts"])
        writer.writerow(["Lakeside IM", "Internal Medicine", "Toledo", "OH", "yes", "2020", ""])
        writer.writerow(["Hillview IM", "Internal Medicine", "Dayton", "OH", "yes", "", "0"])
        writer.writerow(["Riverside IM", "Internal Medicine", "Akron", "OH", "yes", "2015", "2"])
    out = run(data, "programs", "import", str(sheet))
    assert out.returncode == 0, out.stderr
    listed = {p["name"]: p for p in json.loads(run(data, "programs", "list", "--json").stdout)
              if p["name"].endswith(" IM") and not p["demo"]}
    assert listed["Lakeside IM"]["grad_year_cutoff"] == 2020
    assert listed["Hillview IM"]["max_failed_attempts"] == 0
    ranked = {r["name"]: r for r in json.loads(run(data, "rank", "--json").stdout)}
    lake, hill, river = ranked["Lakeside IM"], ranked["Hillview IM"], ranked["Riverside IM"]
    assert not lake["eligible"] and lake["tier"] == "ineligible"
    assert "graduates from 2020 on" in lake["reasons"][0] and "2018" in lake["reasons"][0]
    assert not hill["eligible"] and "no failed exam attempts" in hill["reasons"][0]
    assert river["eligible"]
    exported = tmp_path / "out.csv"
    assert run(data, "programs", "export", str(exported)).returncode == 0
    with exported.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    lake_row = next(r for r in rows if r["name"] == "Lakeside IM")
    assert lake_row["grad_year_cutoff"] == "2020"
