"""``smartpick model validate`` and ``optimize``'s stopping rule, run as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# The outcomes sheet is referenced beside the project (../shared/testdata), never copied in; the
# module is collected only where it is there (tests/conftest.py).
GS = next(p / "shared" / "testdata" / "outcomes" / "gs-2024-25.csv"
          for p in Path(__file__).resolve().parents if (p / "shared" / "testdata").is_dir())


def run(data_dir, *args, timeout=300):
    return subprocess.run([sys.executable, "-m", "smartpick_desktop", "--data-dir", str(data_dir),
                           *args], capture_output=True, text=True, timeout=timeout)


def _no_nan(text: str):
    def bad(value):
        raise AssertionError(f"non-finite number {value} in JSON")
    return json.loads(text, parse_constant=bad)


def test_validate_json_on_the_general_surgery_sheet(tmp_path):
    out = run(tmp_path / "data", "model", "validate", str(GS), "--json")
    assert out.returncode == 0, out.stderr
    report = _no_nan(out.stdout)
    assert set(report) >= {"applicants", "list_rule", "interview_yield", "match", "rows"}
    y = report["interview_yield"]
    assert set(y) >= {"spearman", "pearson", "mean_predicted", "mean_reported", "bias", "mae",
                      "quintiles", "by_type", "baseline"}
    assert y["spearman"] >= 0.72 and y["mae"] <= 0.08 and y["mae"] < y["baseline"]["mae"]
    assert set(report["match"]) >= {"n", "brier", "auc", "base_rate_brier", "bins"}
    assert report["match"]["brier"] <= 0.16
    row = report["rows"][0]
    assert set(row) == {"id", "predicted_interviews", "predicted_yield", "p_match"}
    text = run(tmp_path / "data", "model", "validate", str(GS))
    assert text.returncode == 0 and "Spearman" in text.stdout and "Brier" in text.stdout


def test_validate_refuses_a_malformed_file_naming_row_and_column(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,specialty,season,applicant_type,applications,interviews\n"
                   "A,General Surgery,2024,us_md,60,12\n"
                   "B,General Surgery,2024,us_md,sixty,12\n", encoding="utf-8")
    out = run(tmp_path / "data", "model", "validate", str(bad))
    assert out.returncode == 3
    assert "bad.csv, row 3, column 'applications'" in out.stderr
    assert "Traceback" not in out.stderr and out.stdout == ""
    missing = run(tmp_path / "data", "model", "validate", str(tmp_path / "nope.csv"))
    assert missing.returncode == 3 and "nope.csv" in missing.stderr


def test_validate_refuses_a_specialty_the_catalog_has_no_programs_of(tmp_path):
    path = tmp_path / "uro.csv"
    path.write_text("id,specialty,season,applicant_type,applications,interviews\n"
                    "A,Urology,2024,us_md,80,12\nB,General Surgery,2024,us_md,60,12\n",
                    encoding="utf-8")
    out = run(tmp_path / "data", "model", "validate", str(path), "--json")
    assert out.returncode == 3 and out.stdout == ""
    assert "uro.csv: the catalog has no categorical Urology programs" in out.stderr
    assert "its 1 Urology row cannot be scored" in out.stderr and "Traceback" not in out.stderr


def test_a_dermatology_file_says_its_level_comes_from_the_survey(tmp_path):
    path = tmp_path / "derm.csv"
    path.write_text("id,specialty,season,applicant_type,step2_ck,applications,interviews\n"
                    + "".join(f"D{i},Dermatology,2024,us_md,{250 + i},80,{8 + i % 5}\n"
                              for i in range(12)), encoding="utf-8")
    out = run(tmp_path / "data", "model", "validate", str(path), "--json")
    assert out.returncode == 0, out.stderr
    report = _no_nan(out.stdout)
    assert report["specialties"]["Dermatology"]["basis"] == "survey"
    # the survey puts Dermatology far below the average specialty's level
    assert report["interview_yield"]["mean_predicted"] < 0.2


def test_a_do_row_with_only_comlex_is_scored_from_comlex(tmp_path):
    body = ("id,specialty,season,applicant_type,step2_ck,comlex_level2,applications,"
            "interviews\n")
    rows = [f"D{i},General Surgery,2024,us_do,,{c},80,10" for i, c in enumerate((700, 500))]
    rows.append("M,General Surgery,2024,us_do,,,80,10")
    path = tmp_path / "do.csv"
    path.write_text(body + "\n".join(rows) + "\n", encoding="utf-8")
    out = run(tmp_path / "data", "model", "validate", str(path), "--json")
    assert out.returncode == 0, out.stderr
    high, low, none = (r["predicted_yield"] for r in _no_nan(out.stdout)["rows"])
    assert high > none > low  # 700 maps above the specialty mean, 500 below it


def test_optimize_stops_where_the_gain_falls_below_the_threshold(tmp_path):
    data = tmp_path / "data"
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps({
        "version": 1, "name": "Strong Student", "applicant_type": "us_md",
        "specialty": "Internal Medicine", "step2_ck": 262, "research_items": 8,
        "budget_usd": 1500, "home_state": "OH"}), encoding="utf-8")
    assert run(data, "profile", "import", str(profile)).returncode == 0
    out = run(data, "optimize", "--dry-run", "--json")
    assert out.returncode == 0, out.stderr
    plan = _no_nan(out.stdout)
    assert plan["stop_reason"] == "gain"
    curve = [c["p_match"] for c in plan["curve"]]
    knee = next(k for k in range(1, len(curve)) if curve[k] - curve[k - 1] < plan["knee_gain"])
    assert abs(len(plan["programs"]) - knee) <= 5
    assert plan["fee_usd"] < 1500
    lo, hi = plan["p_match_range"]
    assert lo <= plan["p_match"] <= hi and lo < hi
    assert len(plan["next_gains"]) == 10 and plan["next_gains"][-1] >= 0
    text = run(data, "optimize", "--dry-run")
    assert "one more would add less than 0.2 points" in text.stdout
    assert "likely" in text.stdout


def test_optimize_with_a_budget_cap_says_budget(tmp_path):
    data = tmp_path / "data"
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps({
        "version": 1, "name": "Careful Student", "applicant_type": "non_us_img",
        "visa": "j1", "specialty": "Internal Medicine", "step2_ck": 235,
        "graduation_year": 2023}), encoding="utf-8")
    assert run(data, "profile", "import", str(profile)).returncode == 0
    plan = _no_nan(run(data, "optimize", "--budget", "200", "--dry-run", "--json").stdout)
    assert plan["stop_reason"] == "budget" and plan["fee_usd"] <= 200
    capped = _no_nan(run(data, "optimize", "--max-apps", "7", "--budget", "5000", "--dry-run",
                         "--json").stdout)
    assert capped["stop_reason"] == "max_apps" and len(capped["programs"]) == 7


def test_optimize_adds_a_preliminary_safety_net_on_request(tmp_path):
    data = tmp_path / "data"
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps({
        "version": 1, "name": "Surgery Hopeful", "applicant_type": "us_md",
        "specialty": "General Surgery", "step2_ck": 240}), encoding="utf-8")
    assert run(data, "profile", "import", str(profile)).returncode == 0
    plain = _no_nan(run(data, "optimize", "--dry-run", "--json").stdout)
    net = _no_nan(run(data, "optimize", "--prelim", "8", "--dry-run", "--json").stdout)
    tracks = [p["track"] for p in net["programs"]]
    assert "preliminary" in tracks and "preliminary" not in [p["track"] for p in
                                                            plain["programs"]]
    assert tracks.index("preliminary") > 0 and tracks.count("preliminary") <= 8
    assert net["p_match_any"] > net["p_match"] == plain["p_match"]
    assert plain["p_match_any"] == plain["p_match"]
