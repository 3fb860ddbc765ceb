"""``smartpick rank``, ``optimize`` and ``model check`` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

PROFILE = {
    "version": 1, "name": "Alex Doe", "applicant_type": "us_md", "specialty": "Internal Medicine",
    "step2_ck": 248, "home_state": "OH", "home_city": "Columbus", "budget_usd": 700,
    "preferred_states": ["OH", "MI"], "preferred_settings": ["university"], "research_items": 4,
}


def run(data_dir, *args):
    return subprocess.run([sys.executable, "-m", "smartpick_desktop", "--data-dir", str(data_dir),
                           *args], capture_output=True, text=True, timeout=120)


def _no_nan(text: str):
    def bad(value):
        raise AssertionError(f"non-finite number {value} in JSON")
    return json.loads(text, parse_constant=bad)


@pytest.fixture
def folder(tmp_path):
    data = tmp_path / "data"
    profile = tmp_path / "profile.json"
    profile.write_text(json.dumps(PROFILE), encoding="utf-8")
    assert run(data, "profile", "import", str(profile)).returncode == 0
    return data


def test_rank_json_lists_every_program_with_the_documented_keys(folder):
    out = run(folder, "rank", "--json")
    assert out.returncode == 0, out.stderr
    rows = _no_nan(out.stdout)
    listed = _no_nan(run(folder, "programs", "list", "--specialty", "Internal Medicine",
                         "--json").stdout)
    assert len(rows) == len(listed) > 0
    keys = {"program_id", "name", "specialty", "city", "state", "fit", "p_interview", "tier",
            "eligible", "reasons"}
    for r in rows:
        assert keys <= set(r)
        assert 0 <= r["p_interview"] <= 1 and 0 <= r["fit"] <= 100
        assert r["tier"] in ("reach", "target", "likely", "ineligible")
        assert isinstance(r["eligible"], bool) and r["reasons"]
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    top = _no_nan(run(folder, "rank", "--top", "5", "--json").stdout)
    assert [r["program_id"] for r in top] == [r["program_id"] for r in rows[:5]]
    other = _no_nan(run(folder, "rank", "--specialty", "EM", "--top", "3", "--json").stdout)
    assert {r["specialty"] for r in other} == {"Emergency Medicine"}


def test_optimize_dry_run_prints_and_optimize_saves(folder):
    out = run(folder, "optimize", "--max-apps", "20", "--dry-run", "--json")
    assert out.returncode == 0, out.stderr
    plan = _no_nan(out.stdout)
    for key in ("programs", "p_match", "expected_interviews", "fee_usd", "curve"):
        assert key in plan
    assert len(plan["programs"]) <= 20 and plan["saved"] is False
    assert plan["fee_usd"] <= 700  # the profile's budget is the default budget
    for row in plan["programs"]:
        assert isinstance(row["signal"], bool)
        assert {"program_id", "name", "fit", "p_interview", "tier", "eligible"} <= set(row)
    ps = [c["p_match"] for c in plan["curve"]]
    assert ps == sorted(ps) and all(set(c) == {"applications", "p_match"} for c in plan["curve"])
    listed = _no_nan(run(folder, "programs", "list", "--json").stdout)
    assert not any(p.get("status") == "applying" for p in listed)
    saved = _no_nan(run(folder, "optimize", "--budget", "300", "--json").stdout)
    assert saved["saved"] is True and saved["fee_usd"] <= 300
    again = _no_nan(run(folder, "optimize", "--budget", "300", "--dry-run", "--json").stdout)
    assert again["programs"] == saved["programs"]  # same inputs and seed, same list
    text = run(folder, "optimize", "--max-apps", "5", "--dry-run")
    assert "P(match)" in text.stdout and "Dry run" in text.stdout


def test_model_check_json_gives_fractions_within_three_points(folder):
    out = run(folder, "model", "check", "--json")
    assert out.returncode == 0, out.stderr
    every = _no_nan(out.stdout)
    rows = [r for r in every if r["check"] == "match_rate"]
    assert [r["applicant_type"] for r in rows] == ["us_md", "us_do", "us_img", "non_us_img"]
    assert [r["published"] for r in rows] == [0.935, 0.932, 0.70, 0.564]  # NRMP 2026
    for r in rows:
        assert 0 < r["model"] < 1 and abs(r["model"] - r["published"]) <= 0.03
        assert r["year"] == 2026 and "NRMP" in r["source"] and "2026" in r["source"]
    ranks = [r for r in every if r["check"] == "fm_ranks"]
    assert [r["ranks"] for r in ranks] == [1, 2, 11]
    for r in ranks:
        assert r["applicant_type"] == "us_md" and r["within_tolerance"] is True
        assert {"model", "published", "source"} <= set(r)
    assert abs(ranks[0]["model"] - 0.80) <= 0.04 and abs(ranks[1]["model"] - 0.84) <= 0.04
    assert ranks[2]["at_least"] is True and ranks[2]["model"] >= 0.97
    text = run(folder, "model", "check")
    assert "93.5%" in text.stdout and "US MD seniors" in text.stdout
    assert "P(match | k programs ranked)" in text.stdout and "80.0%" in text.stdout


def test_errors_are_one_sentence_with_exit_codes(tmp_path, folder):
    empty = tmp_path / "empty"
    out = run(empty, "rank")
    assert out.returncode == 3 and "no profile" in out.stderr.lower()
    assert "Traceback" not in out.stderr
    bad = run(folder, "rank", "--specialty", "Astrology")
    assert bad.returncode == 3 and "Astrology" in bad.stderr
    assert run(folder, "optimize", "--max-apps", "0").returncode == 2
